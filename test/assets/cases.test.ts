/**
 * Structure test of the practice case library (issue 7): every file is listed and validates; every
 * answer code is billable on the case's date of service in the compiled code set; every phrase is in
 * the note; coverage minimums hold. The code-set checks need `npm run codesets` (public/codesets).
 */
import { existsSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CASE_FILES } from '../../assets/cases/index';
import { COMPILED_DIR, readCompiledAssets } from '../../scripts/codesets/compiled';
import { CodeCatalog, catalogDataFromAssets } from '../../utils/codes/catalog';
import { normalizeCode } from '../../utils/codes/code-format';
import { fiscalYearOf } from '../../utils/codes/dates';
import { allCases, caseCoverage, parseCase } from '../../utils/practice/cases';
import { type ChapterId, chapterOfCode } from '../../utils/practice/chapters';

const CASES_DIR = resolve(import.meta.dirname, '../../assets/cases');
const hasCompiled = existsSync(resolve(COMPILED_DIR, 'catalog.json'));

/** The chapters issue 7 says students meet first, each with a minimum number of cases. */
const CORE_CHAPTERS: ChapterId[] = [
  'infectious',
  'neoplasms',
  'endocrine',
  'mental',
  'circulatory',
  'respiratory',
  'digestive',
  'musculoskeletal',
  'injury',
  'pregnancy',
  'external',
  'factors',
];

const cases = allCases();

describe('the case folder', () => {
  it('holds only case JSON files and index.ts', () => {
    const other = readdirSync(CASES_DIR).filter((f) => !f.endsWith('.json') && f !== 'index.ts');
    expect(other).toEqual([]);
  });

  it('lists every JSON file in index.ts, and nothing else', () => {
    const files = readdirSync(CASES_DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -'.json'.length))
      .sort();
    expect(Object.keys(CASE_FILES).sort()).toEqual(files);
  });

  it('imports each file under its own id', () => {
    for (const [id, json] of Object.entries(CASE_FILES)) expect((json as { id?: unknown }).id, id).toBe(id);
  });
});

describe('every case', () => {
  it('validates (schema, phrases in the note, unique codes, "after" points back)', () => {
    for (const [id, json] of Object.entries(CASE_FILES)) expect(() => parseCase(json, `${id}.json`), id).not.toThrow();
  });

  it('has a unique id', () => {
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
  });

  it('is dated in FY2027 (2026-10-01..2027-09-30)', () => {
    expect(cases.filter((c) => fiscalYearOf(c.dateOfService) !== 2027).map((c) => c.id)).toEqual([]);
  });

  it('has every supporting and distractor phrase verbatim in its note', () => {
    const missing = cases.flatMap((c) =>
      [...c.answer.map((a) => a.phrase), ...c.distractors.map((d) => d.phrase)]
        .filter((p) => !c.note.includes(p))
        .map((p) => `${c.id}: ${p}`),
    );
    expect(missing).toEqual([]);
  });

  it('lists only chapters it has a required answer code in', () => {
    const wrong = cases.flatMap((c) => {
      const taught = new Set(c.answer.filter((a) => !a.optional).map((a) => chapterOfCode(a.code)));
      return c.chapters.filter((ch) => !taught.has(ch)).map((ch) => `${c.id}: ${ch}`);
    });
    expect(wrong).toEqual([]);
  });

  it('requires the external cause codes in cases that teach external causes, and never lists one first', () => {
    const wrong = cases.flatMap((c) =>
      c.answer
        .filter((a, i) => chapterOfCode(a.code) === 'external' && (i === 0 || (c.chapters.includes('external') && a.optional)))
        .map((a) => `${c.id}: ${a.code}`),
    );
    expect(wrong).toEqual([]);
  });

  it('lists place, activity and status codes after a cause code (I.C.20.d)', () => {
    const wrong = cases.flatMap((c) =>
      c.answer.filter((a) => /^Y9[239]/.test(a.code) && !a.after).map((a) => `${c.id}: ${a.code} has no "after"`),
    );
    expect(wrong).toEqual([]);
  });

  it('keeps distractor codes out of the answer key', () => {
    const clash = cases.flatMap((c) => {
      const key = new Set(c.answer.map((a) => normalizeCode(a.code)));
      return c.distractors.filter((d) => d.code && key.has(normalizeCode(d.code))).map((d) => `${c.id}: ${d.code}`);
    });
    expect(clash).toEqual([]);
  });
});

describe('coverage', () => {
  const table = caseCoverage(cases);
  const row = (ch: ChapterId) => table.find((r) => r.chapter === ch);

  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it('has at least 3 cases in each chapter students meet first', () => {
    const thin = CORE_CHAPTERS.filter((ch) => (row(ch)?.total ?? 0) < 3);
    expect(thin).toEqual([]);
  });

  it('has at least 15 inpatient and 15 outpatient cases, and 10 of each difficulty', () => {
    const count = (f: (c: (typeof cases)[number]) => boolean) => cases.filter(f).length;
    expect(count((c) => c.setting === 'inpatient')).toBeGreaterThanOrEqual(15);
    expect(count((c) => c.setting === 'outpatient')).toBeGreaterThanOrEqual(15);
    for (const d of ['beginner', 'intermediate', 'advanced'] as const)
      expect(
        count((c) => c.difficulty === d),
        d,
      ).toBeGreaterThanOrEqual(10);
  });

  it('offers both settings and at least two difficulty levels in every core chapter but external causes', () => {
    const narrow = CORE_CHAPTERS.filter((ch) => ch !== 'external').filter((ch) => {
      const r = row(ch);
      if (!r) return true;
      const levels = [r.beginner, r.intermediate, r.advanced].filter((n) => n > 0).length;
      return r.inpatient === 0 || r.outpatient === 0 || levels < 2;
    });
    expect(narrow).toEqual([]);
  });

  it('prints the coverage table', () => {
    console.table(table);
    expect(table.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!hasCompiled)('every case against the compiled FY2027 code set', () => {
  let catalog: CodeCatalog;
  beforeAll(() => {
    catalog = new CodeCatalog(catalogDataFromAssets(readCompiledAssets(undefined, ['codes', 'addenda'])));
  }, 120_000);

  it('has every answer code billable on its date of service', () => {
    const bad = cases.flatMap((c) =>
      c.answer
        .map((a) => [a.code, catalog.stateOf('icd10cm', a.code, c.dateOfService)] as const)
        .filter(([, s]) => s !== 'billable')
        .map(([code, s]) => `${c.id}: ${code} ${s}`),
    );
    expect(bad).toEqual([]);
  });

  it('names only real codes as distractors (any loaded year)', () => {
    const bad = cases.flatMap((c) =>
      c.distractors
        .filter((d) => d.code && catalog.stateOf('icd10cm', d.code, c.dateOfService) === 'unknown')
        .map((d) => `${c.id}: ${d.code}`),
    );
    expect(bad).toEqual([]);
  });

  it('never puts a manifestation code ("in diseases classified elsewhere") first', () => {
    const bad = cases.filter((c) =>
      /\bin (?:other )?diseases classified elsewhere/i.test(
        catalog.lookup('icd10cm', c.answer[0]?.code ?? '', c.dateOfService).title ?? '',
      ),
    );
    expect(bad.map((c) => c.id)).toEqual([]);
  });
});
