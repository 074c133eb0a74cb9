import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_DIR, readCompiledAssets } from '../../../scripts/codesets/compiled';
import { makeAsset } from '../../../utils/codes/asset';
import { CodeCatalog, catalogDataFromAssets } from '../../../utils/codes/catalog';
import { fiscalYearRange } from '../../../utils/codes/dates';
import type { CodeRecord } from '../../../utils/codes/types';
import { allCases, caseById, parseCase } from '../../../utils/practice/cases';
import { scoreMessages } from '../../../utils/practice/messages';
import { SCORING, scoreAttempt } from '../../../utils/practice/scoring';

/**
 * A small case that exercises every rule: a combination code with partial credit (E11.65 / E11.9),
 * a "use additional code" that must follow it, a 7th-character injury code, and an optional external
 * cause code that must follow the injury.
 */
const practice = parseCase({
  id: 'test-01-scoring',
  title: 'Scoring fixture',
  chapters: ['endocrine', 'injury'],
  setting: 'inpatient',
  difficulty: 'intermediate',
  dateOfService: '2026-11-15',
  teaches: 'Fixture.',
  note: 'Type 2 diabetes mellitus with hyperglycemia on metformin. Fell from a ladder: Colles fracture of the right radius. Denies fever.',
  answer: [
    {
      code: 'E11.65',
      phrase: 'Type 2 diabetes mellitus with hyperglycemia',
      because: 'hyperglycemia is documented',
      rationale: 'Combination code.',
      guidelines: ['I.C.4.a'],
    },
    {
      code: 'Z79.84',
      phrase: 'metformin',
      because: 'metformin is taken long term',
      rationale: 'Use additional code.',
      guidelines: ['I.C.4.a.3'],
      after: 'E11.65',
    },
    {
      code: 'S52.531A',
      phrase: 'Colles fracture of the right radius',
      because: 'it is a right Colles fracture, initial encounter',
      rationale: 'Fracture.',
      guidelines: ['I.C.19.c'],
    },
    {
      code: 'W11.XXXA',
      phrase: 'Fell from a ladder',
      because: 'he fell from a ladder',
      rationale: 'External cause.',
      guidelines: ['I.C.20'],
      optional: true,
      after: 'S52.531A',
    },
  ],
  distractors: [
    { phrase: 'Denies fever', kind: 'negated', code: 'R50.9', explanation: 'No fever.', guidelines: ['I.A.19'] },
    {
      phrase: 'Type 2 diabetes mellitus',
      kind: 'less-specific',
      code: 'E11.9',
      explanation: 'Hyperglycemia is documented.',
      guidelines: ['I.C.4.a'],
    },
  ],
});

const KEY = ['E11.65', 'Z79.84', 'S52.531A'];

/** FY2027 and FY2026 code lists with just the codes the tests need. */
async function miniCatalog(): Promise<CodeCatalog> {
  const common: CodeRecord[] = [
    ['E11', 0, '', 'Type 2 diabetes mellitus'],
    ['E116', 0, '', 'Type 2 diabetes mellitus with other specified complications'],
    ['E1165', 1, '', 'Type 2 diabetes mellitus with hyperglycemia'],
    ['E119', 1, '', 'Type 2 diabetes mellitus without complications'],
    ['Z7984', 1, '', 'Long term (current) use of oral hypoglycemic drugs'],
    ['S52531', 0, '', "Colles' fracture of right radius"],
    ['S52531A', 1, '', "Colles' fracture of right radius, initial encounter for closed fracture"],
    ['W11XXXA', 1, '', 'Fall on and from ladder, initial encounter'],
    ['R509', 1, '', 'Fever, unspecified'],
    ['F0280', 1, '', 'Dementia in other diseases classified elsewhere, unspecified severity, without behavioral disturbance'],
  ];
  const fy2027: CodeRecord[] = [
    ...common,
    ['M722', 0, '', 'Plantar fascial fibromatosis'],
    ['M7221', 1, '', 'Plantar fascial fibromatosis, right foot'],
  ];
  const fy2026: CodeRecord[] = [
    ...common,
    ['M722', 1, '', 'Plantar fascial fibromatosis'],
    ['S23420A', 1, '', 'Sprain of sternoclavicular (joint) (ligament), initial encounter'],
  ];
  const list = (year: number, records: CodeRecord[]) => {
    const { from, to } = fiscalYearRange(year);
    return makeAsset({ system: 'icd10cm', kind: 'codes', fiscalYear: year, effectiveFrom: from, effectiveTo: to, sources: [] }, records);
  };
  return new CodeCatalog({ codeLists: [await list(2027, fy2027), await list(2026, fy2026)] });
}

describe('scoreAttempt: exact, missing, extra', () => {
  it('scores the full key, in order, 100', () => {
    const r = scoreAttempt(practice, [...KEY, 'W11.XXXA']);
    expect(r.score).toBe(100);
    expect(r.codes).toEqual({ earned: 4, possible: 4 });
    expect(r.sequencing).toMatchObject({ principal: 'correct', earned: 3, possible: 3 });
    expect(r.exact).toEqual(['E11.65', 'Z79.84', 'S52.531A', 'W11.XXXA']);
    expect(r.summary).toBe('Score 100/100: 4 exact, 0 category-level, 0 missing, 0 extra.');
  });

  it('does not count an optional code that was left out', () => {
    const r = scoreAttempt(practice, KEY);
    expect(r.score).toBe(100);
    expect(r.codes).toEqual({ earned: 3, possible: 3 });
    expect(r.missing).toEqual([]);
    const w11 = r.keyResults.find((k) => k.code === 'W11.XXXA');
    expect(w11).toMatchObject({ verdict: 'missing', counted: false, credit: 0 });
    expect(w11?.explanation).toBe('Optional, not counted: W11.XXXA would add that he fell from a ladder.');
  });

  it('accepts codes without dots, in any case, with spaces', () => {
    expect(scoreAttempt(practice, ['e1165', ' z79.84 ', 'S52531a']).score).toBe(100);
  });

  it('lists missing codes and scores what is there: 1 of 3 codes, principal right = 47', () => {
    const r = scoreAttempt(practice, ['E11.65']);
    expect(r.missing).toEqual(['Z79.84', 'S52.531A']);
    expect(r.codes).toEqual({ earned: 1, possible: 3 });
    // The Z79.84-after-E11.65 rule does not apply when Z79.84 is missing.
    expect(r.sequencing).toMatchObject({ earned: 1, possible: 1 });
    expect(r.score).toBe(Math.round(100 * (0.8 / 3 + 0.2))); // 47
    expect(r.keyResults[1]?.explanation).toBe('Missing Z79.84: the key has it because metformin is taken long term ("metformin").');
  });

  it('counts an extra code against the score and explains it by the distractor: 3 of 4 = 80', () => {
    const r = scoreAttempt(practice, [...KEY, 'R50.9']);
    expect(r.extra).toEqual(['R50.9']);
    expect(r.codes).toEqual({ earned: 3, possible: 4 });
    expect(r.score).toBe(80);
    const extra = r.studentResults.find((s) => s.display === 'R50.9');
    expect(extra?.verdict).toBe('extra');
    expect(extra?.distractor?.kind).toBe('negated');
    expect(extra?.explanation).toBe('R50.9 is not in the key (negated: "Denies fever"). No fever.');
  });

  it('explains an extra code of a category the key already covers', () => {
    const r = scoreAttempt(practice, [...KEY, 'S52.532A']);
    expect(r.studentResults.at(-1)?.explanation).toBe('S52.532A is not in the key; category S52 is already covered by S52.531A.');
  });

  it('scores nothing when nothing usable is entered', () => {
    for (const input of [[], ['', '   '], [42, null, {}] as unknown as string[], 'E11.65' as unknown as string[]]) {
      const r = scoreAttempt(practice, input);
      expect(r.score).toBe(0);
      expect(r.sequencing.principal).toBe('none');
      expect(r.sequencing.explanation).toBe(scoreMessages.noCodes);
    }
  });
});

describe('scoreAttempt: partial credit', () => {
  it('gives half credit for the right category and says why the key differs: 2.5 of 3 = 87', () => {
    const r = scoreAttempt(practice, ['E11.9', 'Z79.84', 'S52.531A']);
    expect(r.category).toEqual([{ student: 'E11.9', key: 'E11.65' }]);
    expect(r.codes).toEqual({ earned: 2.5, possible: 3 });
    expect(r.score).toBe(Math.round(100 * (0.8 * (2.5 / 3) + 0.2))); // 87
    expect(r.keyResults[0]?.explanation).toBe(
      'E11.9 is in the right category (E11) but the key has E11.65 because hyperglycemia is documented.',
    );
    expect(r.studentResults[0]).toMatchObject({ verdict: 'category', key: 'E11.65' });
  });

  it('gives sequencing credit when the first code is a category match of the principal', () => {
    const r = scoreAttempt(practice, ['E11.9', 'Z79.84', 'S52.531A']);
    expect(r.sequencing.principal).toBe('correct');
    expect(r.sequencing.explanation).toBe('Sequencing is right: E11.9 stands first for the principal diagnosis (the key has E11.65).');
  });

  it('pairs each key code with the closest code of its category', () => {
    const r = scoreAttempt(practice, ['S52.5', 'S52.53', 'E11.65', 'Z79.84']);
    expect(r.category).toEqual([{ student: 'S52.53', key: 'S52.531A' }]);
    expect(r.extra).toEqual(['S52.5']);
  });

  it('uses the weights of SCORING', () => {
    expect(SCORING.exact).toBe(1);
    expect(SCORING.category).toBe(0.5);
    expect(SCORING.codeWeight + SCORING.sequencingWeight).toBe(1);
  });
});

describe('scoreAttempt: sequencing', () => {
  it('takes off the principal point when another code is listed first: 90', () => {
    const r = scoreAttempt(practice, ['S52.531A', 'E11.65', 'Z79.84']);
    expect(r.codes).toEqual({ earned: 3, possible: 3 });
    expect(r.sequencing).toMatchObject({ principal: 'wrong', earned: 1, possible: 2 });
    expect(r.score).toBe(90);
    expect(r.sequencing.explanation).toBe('The principal diagnosis is E11.65 (I.C.4.a), but S52.531A is listed first.');
  });

  it('checks "after" rules: an external cause before its injury costs a sequencing point: 93', () => {
    const r = scoreAttempt(practice, ['E11.65', 'Z79.84', 'W11.XXXA', 'S52.531A']);
    expect(r.sequencing.order).toEqual([
      { code: 'Z79.84', after: 'E11.65', kept: true, explanation: 'Z79.84 correctly follows E11.65.' },
      { code: 'W11.XXXA', after: 'S52.531A', kept: false, explanation: 'W11.XXXA must be listed after S52.531A.' },
    ]);
    expect(r.sequencing).toMatchObject({ earned: 2, possible: 3 });
    expect(r.score).toBe(Math.round(100 * (0.8 + 0.2 * (2 / 3)))); // 93
  });

  it('flags an external cause code listed first', () => {
    const r = scoreAttempt(practice, ['W11.XXXA', ...KEY]);
    expect(r.sequencing.principal).toBe('wrong');
    expect(r.studentResults[0]?.flags).toContain('W11.XXXA is an external cause code: it can never be listed first (I.C.20.a.6).');
  });

  it('says "first-listed diagnosis" for an outpatient case', () => {
    const outpatient = { ...practice, setting: 'outpatient' as const };
    expect(scoreAttempt(outpatient, ['Z79.84', 'E11.65', 'S52.531A']).sequencing.explanation).toBe(
      'The first-listed diagnosis is E11.65 (I.C.4.a), but Z79.84 is listed first.',
    );
  });

  it('credits no sequencing when the principal is missing', () => {
    const r = scoreAttempt(practice, ['Z79.84', 'S52.531A']);
    expect(r.sequencing).toMatchObject({ principal: 'missing', earned: 0, possible: 1 });
    expect(r.score).toBe(Math.round(100 * (0.8 * (2 / 3)))); // 53
  });
});

describe('scoreAttempt: duplicates and invalid input', () => {
  it('ignores repeats of a code, however written, with a note', () => {
    const r = scoreAttempt(practice, ['E11.65', 'e1165', ' E11.65 ', 'Z79.84', 'S52.531A']);
    expect(r.score).toBe(100);
    expect(r.studentResults.filter((s) => s.verdict === 'duplicate')).toHaveLength(2);
    expect(r.studentResults[1]).toMatchObject({ verdict: 'duplicate', position: null });
    expect(r.notes).toContain('2 repeated codes were ignored (each code is reported once per encounter, I.B.12).');
  });

  it('ignores input that is not a code, with a note, and does not penalise it', () => {
    const r = scoreAttempt(practice, ['E11.65', 'hello', '12345', 'Z79.84', 'S52.531A']);
    expect(r.score).toBe(100);
    expect(r.studentResults.filter((s) => s.verdict === 'invalid').map((s) => s.display)).toEqual(['hello', '12345']);
    expect(r.notes).toContain('"hello" is not an ICD-10-CM code and was ignored.');
  });

  it('survives very long and hostile input', () => {
    const r = scoreAttempt(practice, ['<script>alert(1)</script>', 'x'.repeat(10_000), ...KEY]);
    expect(r.score).toBe(100);
    expect(r.studentResults[1]?.display).toHaveLength(40);
  });

  it('scores at most SCORING.maxCodes codes', () => {
    const many = Array.from({ length: 60 }, (_, i) => `Z${String(10 + (i % 89)).padStart(2, '0')}.${i}`);
    const r = scoreAttempt(practice, [...KEY, ...many]);
    expect(r.studentResults.filter((s) => s.position !== null)).toHaveLength(SCORING.maxCodes);
    expect(r.notes).toContain(`Only the first ${SCORING.maxCodes} codes were scored.`);
  });
});

describe('scoreAttempt with a code set: headers and other fiscal years', () => {
  let catalog: CodeCatalog;
  beforeAll(async () => {
    catalog = await miniCatalog();
  });

  it('flags a header that needs more characters and gives it category credit: 87', () => {
    const r = scoreAttempt(practice, ['E11.65', 'Z79.84', 'S52.531'], catalog);
    expect(r.validated).toBe(true);
    expect(r.category).toEqual([{ student: 'S52.531', key: 'S52.531A' }]);
    expect(r.score).toBe(87);
    const s = r.studentResults[2];
    expect(s?.state).toBe('header');
    expect(s?.flags).toEqual(['S52.531 is a header on 2026-11-15: it needs more characters to be billable.']);
    expect(r.keyResults[2]?.explanation).toBe(
      'S52.531 is in the right category (S52) but the key has S52.531A because it is a right Colles fracture, initial encounter. ' +
        'S52.531 is a header on 2026-11-15: it needs more characters to be billable.',
    );
  });

  it('flags a code deleted before the date of service (valid only in another fiscal year): 80', () => {
    const r = scoreAttempt(practice, [...KEY, 'S23.420A'], catalog);
    expect(r.score).toBe(80);
    const s = r.studentResults[3];
    expect(s?.state).toBe('invalid-on-date');
    expect(s?.explanation).toBe('S23.420A is not in the key. S23.420A is not valid on 2026-11-15 (FY2027 code set); it exists in FY2026.');
  });

  it('flags a code billable last year that is a header on the date', () => {
    const r = scoreAttempt(practice, [...KEY, 'M72.2'], catalog);
    const s = r.studentResults[3];
    expect(s?.state).toBe('header');
    expect(s?.flags).toEqual([
      'M72.2 is a header on 2026-11-15: it needs more characters to be billable.',
      'It was billable in FY2026: check the code set of the date of service.',
    ]);
  });

  it('flags a well-formed code that no code set knows', () => {
    const r = scoreAttempt(practice, [...KEY, 'Q99.99X'], catalog);
    expect(r.studentResults[3]?.state).toBe('unknown');
    expect(r.studentResults[3]?.flags).toEqual(['Q99.99X is not in any loaded ICD-10-CM code set.']);
  });

  it('flags a manifestation code listed first', () => {
    const r = scoreAttempt(practice, ['F02.80', ...KEY], catalog);
    expect(r.studentResults[0]?.flags).toContain(
      'F02.80 is a manifestation code ("in diseases classified elsewhere"): it is never listed first (I.A.13).',
    );
  });

  it('gives titles of the codes entered', () => {
    expect(scoreAttempt(practice, KEY, catalog).studentResults[0]?.title).toBe('Type 2 diabetes mellitus with hyperglycemia');
  });

  it('notes when no code set was given', () => {
    const r = scoreAttempt(practice, KEY);
    expect(r.validated).toBe(false);
    expect(r.notes).toContain(scoreMessages.notValidated);
    expect(r.studentResults[0]?.state).toBeUndefined();
  });
});

describe.skipIf(!existsSync(resolve(COMPILED_DIR, 'catalog.json')))('scoreAttempt on shipped cases with the compiled code sets', () => {
  let catalog: CodeCatalog;
  beforeAll(() => {
    catalog = new CodeCatalog(catalogDataFromAssets(readCompiledAssets(undefined, ['codes', 'addenda'])));
  }, 120_000);
  const shipped = (id: string) => {
    const c = caseById(id);
    if (!c) throw new Error(`no case ${id}`);
    return c;
  };

  it('scores every shipped key 100 against itself', () => {
    const below = allCases()
      .map(
        (c) =>
          [
            c.id,
            scoreAttempt(
              c,
              c.answer.map((a) => a.code),
              catalog,
            ).score,
          ] as const,
      )
      .filter(([, score]) => score !== 100);
    expect(below).toEqual([]);
  });

  it('explains E11.9 for E11.65 in words (end-01)', () => {
    const r = scoreAttempt(shipped('end-01-type2-hyperglycemia'), ['E11.9', 'Z79.84'], catalog);
    expect(r.keyResults[0]?.explanation).toBe(
      'E11.9 is in the right category (E11) but the key has E11.65 because hyperglycemia is documented.',
    );
    expect(r.score).toBe(Math.round(100 * (0.8 * (1.5 / 2) + 0.2 * 1))); // 80
  });

  it('flags the FY2026 plantar fasciitis code on an FY2027 date (msk-01)', () => {
    const r = scoreAttempt(shipped('msk-01-plantar-fasciitis'), ['M72.2'], catalog);
    const s = r.studentResults[0];
    expect(s?.state).toBe('header');
    expect(s?.distractor?.kind).toBe('not-valid-on-date');
    expect(s?.flags.join(' ')).toMatch(/billable in FY2025, FY2026/);
    expect(r.missing).toEqual(['M67.A01']);
    expect(r.score).toBe(0);
  });

  it('gives a 7th-character header category credit (inj-01)', () => {
    const r = scoreAttempt(shipped('inj-01-colles-fracture-ladder'), ['S52.531', 'W11.XXXA', 'Y92.017', 'Y93.H9', 'Y99.8'], catalog);
    expect(r.category).toEqual([{ student: 'S52.531', key: 'S52.531A' }]);
    // Without the tabular asset loaded the code model cannot list the 7th characters.
    expect(r.studentResults[0]?.flags).toEqual(['S52.531 is a header on 2026-11-01: it needs more characters to be billable.']);
  });
});
