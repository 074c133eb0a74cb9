import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCdi, loadCases, loadQueries, main } from '../../../scripts/eval/cdi';

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

  it('writes the cdi section and keeps the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartcode-cdi-'));
    const out = join(dir, 'eval.json');
    writeFileSync(out, JSON.stringify({ negex: { accuracy: 0.9 } }));
    main(['--out', out]);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(report.negex).toEqual({ accuracy: 0.9 });
    expect(report.cdi).toMatchObject({ precision: 1, recall: 1, lint_catch_rate: 1, lint_false_errors: 0 });
  });
});
