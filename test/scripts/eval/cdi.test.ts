import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HELDOUT2_DIR,
  DEFAULT_HELDOUT_DIR,
  evaluateCdi,
  evaluateCdiOnNotes,
  loadAllCases,
  loadCases,
  loadQueries,
  main,
} from '../../../scripts/eval/cdi';
import { documentedFromText } from '../../../utils/cdi/documented';
import { defaultCdiPacks } from '../../../utils/cdi/rules';

describe('CDI evaluation', () => {
  it('scores the synthetic cases and the query fixtures', () => {
    const { report } = evaluateCdi(loadCases(), loadQueries());
    expect(report.n_cases).toBeGreaterThanOrEqual(30);
    expect(report.precision).toBe(1);
    expect(report.recall).toBe(1);
    expect(report.must_not_fire_violations).toBe(0);
    expect(report.drafts_with_lint_errors).toBe(0);
    expect(report.lint_noncompliant).toBeGreaterThanOrEqual(40);
    expect(report.lint_compliant).toBeGreaterThanOrEqual(20);
    expect(report.lint_catch_rate).toBe(1);
    expect(report.lint_false_errors).toBe(0);
    expect(report.documented_source).toBe('stand-in documentedFromText');
    expect(report.rules_without_positive_case).toEqual([]);
    expect(Object.keys(report.per_rule).length).toBeGreaterThanOrEqual(12);
  });

  it('counts a missed and a spurious rule', () => {
    const [c] = loadCases().filter((x) => x.id === 'aki-01-baseline');
    if (c === undefined) throw new Error('fixture missing');
    const { report } = evaluateCdi([{ ...c, expected: ['hf-indicators'] }], { compliant: [], noncompliant: [] });
    expect(report).toMatchObject({ tp: 0, fp: 1, fn: 1, precision: 0, recall: 0 });
    expect(report.per_rule['aki-indicators']).toMatchObject({ fp: 1 });
    expect(report.per_rule['hf-indicators']).toMatchObject({ fn: 1 });
  });

  it('refuses a case naming an unknown rule', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartcode-cdi-'));
    mkdirSync(join(dir, 'cases'));
    writeFileSync(
      join(dir, 'cases', 'x.json'),
      JSON.stringify({
        id: 'x',
        description: '',
        batch: 1,
        setting: 'inpatient',
        note: 'x',
        expected: ['nope'],
        mustNotFire: [],
        source: '',
      }),
    );
    expect(() => loadCases(join(dir, 'cases'))).toThrow('x.json: unknown rule "nope"');
  });

  it('loads the held-out batch: valid cases, batch 4 only, real rule ids, negatives included', () => {
    const heldout = loadCases(DEFAULT_HELDOUT_DIR);
    const rules = new Set(defaultCdiPacks().opportunities.rules.map((r) => r.id));
    expect(heldout.length).toBeGreaterThanOrEqual(30);
    expect(heldout.every((c) => c.batch === 4)).toBe(true);
    expect(heldout.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(10);
    for (const c of heldout) {
      for (const id of [...c.expected, ...c.mustNotFire]) expect(rules.has(id), `${c.id}: ${id}`).toBe(true);
      expect(
        c.expected.filter((id) => c.mustNotFire.includes(id)),
        c.id,
      ).toEqual([]);
    }
    expect(new Set(heldout.map((c) => c.id)).size).toBe(heldout.length);
    const all = loadAllCases();
    expect(all.length).toBe(loadCases().length + heldout.length + loadCases(DEFAULT_HELDOUT2_DIR).length);
  });

  // Schema only: batch 5 was written blind and must not be scored here (the engine is never run on it).
  it('loads the second held-out batch: valid cases, batch 5 only, real rule ids, negatives included', () => {
    const heldout2 = loadCases(DEFAULT_HELDOUT2_DIR);
    const rules = new Set(defaultCdiPacks().opportunities.rules.map((r) => r.id));
    expect(heldout2.length).toBeGreaterThanOrEqual(40);
    expect(heldout2.every((c) => c.batch === 5)).toBe(true);
    expect(heldout2.every((c) => c.id.startsWith('hb5-'))).toBe(true);
    expect(heldout2.filter((c) => c.expected.length === 0).length).toBeGreaterThanOrEqual(12);
    expect(heldout2.filter((c) => c.expected.length > 0).length).toBeGreaterThanOrEqual(20);
    for (const c of heldout2) {
      for (const id of [...c.expected, ...c.mustNotFire]) expect(rules.has(id), `${c.id}: ${id}`).toBe(true);
      expect(
        c.expected.filter((id) => c.mustNotFire.includes(id)),
        c.id,
      ).toEqual([]);
    }
    expect(new Set(heldout2.map((c) => c.id)).size).toBe(heldout2.length);
    const heldout = loadCases(DEFAULT_HELDOUT_DIR);
    expect(heldout2.filter((c) => heldout.some((h) => h.id === c.id))).toEqual([]);
    const all = loadAllCases();
    expect(all.filter((c) => c.batch === 5).length).toBe(heldout2.length);
    const dir = mkdtempSync(join(tmpdir(), 'chartcode-cdi-'));
    mkdirSync(join(dir, 'heldout2'));
    writeFileSync(
      join(dir, 'heldout2', 'x.json'),
      JSON.stringify({ id: 'x', description: '', batch: 4, setting: 'inpatient', note: 'x', expected: [], mustNotFire: [], source: '' }),
    );
    expect(() => loadAllCases(undefined, undefined, undefined, join(dir, 'heldout2'))).toThrow('x: a second held-out case must be batch 5');
  });

  it('refuses a held-out case of another batch', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartcode-cdi-'));
    mkdirSync(join(dir, 'heldout'));
    writeFileSync(
      join(dir, 'heldout', 'x.json'),
      JSON.stringify({ id: 'x', description: '', batch: 3, setting: 'inpatient', note: 'x', expected: [], mustNotFire: [], source: '' }),
    );
    expect(() => loadAllCases(undefined, join(dir, 'heldout'))).toThrow('x: a held-out case must be batch 4');
  });

  it('scores batch 4 only in heldout, the top-level keys only on batches 1-3', () => {
    const [c] = loadCases().filter((x) => x.id === 'aki-01-baseline');
    if (c === undefined) throw new Error('fixture missing');
    const held = { ...c, id: 'held', batch: 4 as const, expected: ['hf-indicators'], mustNotFire: ['aki-indicators'] };
    const { report } = evaluateCdi([c, held], { compliant: [], noncompliant: [] });
    expect(report).toMatchObject({ n_cases: 1, tp: 1, fp: 0, fn: 0, must_not_fire_violations: 0 });
    expect(report.by_batch['4']).toBeUndefined();
    expect(report.heldout).toMatchObject({
      n_cases: 1,
      tp: 0,
      fp: 1,
      fn: 1,
      precision: 0,
      recall: 0,
      must_not_fire_violations: 1,
      drafts_with_lint_errors: 0,
    });
  });

  it('writes the cdi section and keeps the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartcode-cdi-'));
    const out = join(dir, 'eval.json');
    writeFileSync(out, JSON.stringify({ negex: { accuracy: 0.9 } }));
    main(['--out', out]);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(report.negex).toEqual({ accuracy: 0.9 });
    expect(report.cdi).toMatchObject({ precision: 1, recall: 1, lint_catch_rate: 1, lint_false_errors: 0 });
    expect(report.cdi?.heldout).toMatchObject({ n_cases: loadCases(DEFAULT_HELDOUT_DIR).length });
    expect(report.cdi?.heldout2).toMatchObject({ n_cases: loadCases(DEFAULT_HELDOUT2_DIR).length });
  });
});

describe('evaluateCdiOnNotes', () => {
  it('counts drafts, drafts failing their own lint and rules fired over unlabelled notes', () => {
    const notes = ['LABS: Cr 2.1 (baseline 0.9), BUN 48.\nASSESSMENT AND PLAN: Gastroenteritis with dehydration - IV fluids.', 'Annual physical. Feels well. No complaints.'];
    const report = evaluateCdiOnNotes(notes, documentedFromText);
    expect(report.notes).toBe(2);
    expect(report.errors).toBe(0);
    expect(report.by_rule['aki-indicators']).toBe(1);
    expect(report.drafts).toBe(Object.values(report.by_rule).reduce((a, b) => a + b, 0));
    expect(report.drafts_with_lint_errors).toBe(0);
    expect(report.drafts_per_100_notes).toBe(report.drafts * 50);
  });
});
