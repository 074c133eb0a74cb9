import { describe, expect, it } from 'vitest';
import { allCases, CaseError, caseById, caseCoverage, filterCases, parseCase, phraseSpan } from '../../../utils/practice/cases';
import { caseMessages } from '../../../utils/practice/messages';

/** A valid case to break one field at a time. */
const base = () => ({
  id: 'test-01-minimal',
  title: 'Minimal case',
  chapters: ['endocrine'],
  setting: 'outpatient',
  difficulty: 'beginner',
  dateOfService: '2026-11-15',
  teaches: 'Fixture.',
  note: 'Type 2 diabetes mellitus with hyperglycemia. Denies fever. Fell from a ladder.',
  answer: [
    {
      code: 'E11.65',
      phrase: 'Type 2 diabetes mellitus with hyperglycemia',
      because: 'hyperglycemia is documented',
      rationale: 'Combination code.',
      guidelines: ['I.C.4.a'],
    },
  ],
  distractors: [{ phrase: 'Denies fever', kind: 'negated', code: 'R50.9', explanation: 'No fever.', guidelines: ['I.A.19'] }],
});

function errorOf(fn: () => unknown): CaseError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CaseError) return error;
    throw error;
  }
  throw new Error('expected a CaseError');
}

describe('parseCase', () => {
  it('accepts a valid case and freezes it', () => {
    const c = parseCase(base());
    expect(c.answer[0]?.code).toBe('E11.65');
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.answer[0])).toBe(true);
  });

  it.each<[string, (c: ReturnType<typeof base>) => unknown, string]>([
    ['an unknown key', (c) => ({ ...c, author: 'x' }), 'case: unknown key "author"'],
    ['an unknown key in an answer code', (c) => ({ ...c, answer: [{ ...c.answer[0], poa: 'Y' }] }), 'case: answer[0]: unknown key "poa"'],
    ['a missing field', (c) => ({ ...c, note: undefined }), 'case: note: is missing'],
    ['an unknown chapter', (c) => ({ ...c, chapters: ['cardiology'] }), 'case: chapters[0]: "cardiology" is not one of'],
    [
      'an unknown guideline section',
      (c) => ({ ...c, answer: [{ ...c.answer[0], guidelines: ['I.C.4.z'] }] }),
      'case: answer[0].guidelines[0]: "I.C.4.z" is not a guideline section',
    ],
    ['no guideline cited', (c) => ({ ...c, answer: [{ ...c.answer[0], guidelines: [] }] }), 'case: answer[0].guidelines:'],
    [
      'a code written without its dot',
      (c) => ({ ...c, answer: [{ ...c.answer[0], code: 'E1165' }] }),
      'case: answer[0].code: write the code as printed',
    ],
    ['a date that does not exist', (c) => ({ ...c, dateOfService: '2027-02-30' }), 'case: dateOfService: use a calendar date'],
    [
      'an unknown distractor kind',
      (c) => ({ ...c, distractors: [{ ...c.distractors[0], kind: 'maybe' }] }),
      'case: distractors[0].kind: "maybe" is not one of',
    ],
    ['an id in the wrong form', (c) => ({ ...c, id: 'Test 1' }), 'case: id: use lower-case words'],
    ['no distractor', (c) => ({ ...c, distractors: [] }), 'case: distractors:'],
  ])('rejects %s', (_name, edit, message) => {
    expect(errorOf(() => parseCase(edit(base()))).message).toContain(message);
  });

  it('rejects a supporting phrase that is not in the note, naming it', () => {
    const c = base();
    const e = errorOf(() => parseCase({ ...c, answer: [{ ...c.answer[0], phrase: 'type 2 diabetes' }] }, 'test-01-minimal.json'));
    expect(e.file).toBe('test-01-minimal.json');
    expect(e.field).toBe('answer[0].phrase');
    expect(e.message).toBe(`test-01-minimal.json: answer[0].phrase: ${caseMessages.phraseNotInNote('type 2 diabetes')}`);
  });

  it('rejects a distractor phrase that is not in the note', () => {
    const c = base();
    expect(errorOf(() => parseCase({ ...c, distractors: [{ ...c.distractors[0], phrase: 'no fever' }] })).field).toBe(
      'distractors[0].phrase',
    );
  });

  it('rejects the same code twice in the answer', () => {
    const c = base();
    expect(errorOf(() => parseCase({ ...c, answer: [c.answer[0], c.answer[0]] })).message).toBe(
      'case: answer[1].code: E11.65 is already answer[0]',
    );
  });

  it('rejects "after" naming a code that is not earlier', () => {
    const c = base();
    const z = { code: 'Z79.84', phrase: 'Denies fever', because: 'x', rationale: 'x', guidelines: ['I.C.4.a.3'], after: 'I10' };
    expect(errorOf(() => parseCase({ ...c, answer: [c.answer[0], z] })).message).toBe(
      `case: answer[1].after: ${caseMessages.afterNotEarlier('I10')}`,
    );
  });

  it('rejects an optional or external cause code in first place', () => {
    const c = base();
    expect(errorOf(() => parseCase({ ...c, answer: [{ ...c.answer[0], optional: true }] })).field).toBe('answer[0].optional');
    const w = { code: 'W11.XXXA', phrase: 'Fell from a ladder', because: 'x', rationale: 'x', guidelines: ['I.C.20'] };
    expect(errorOf(() => parseCase({ ...c, answer: [w, c.answer[0]] })).message).toBe(
      `case: answer[0].code: ${caseMessages.externalFirst('W11.XXXA')}`,
    );
  });

  it('rejects a distractor code that is also in the answer', () => {
    const c = base();
    expect(errorOf(() => parseCase({ ...c, distractors: [{ ...c.distractors[0], code: 'E11.65' }] })).message).toBe(
      'case: distractors[0].code: distractor code E11.65 is also in the answer',
    );
  });

  it('rejects an id that does not match the file name', () => {
    expect(errorOf(() => parseCase(base(), 'other.json')).message).toBe(
      `other.json: id: ${caseMessages.idNotFileName('test-01-minimal', 'other.json')}`,
    );
  });
});

describe('the library', () => {
  const cases = allCases();

  it('loads every case once, sorted by id', () => {
    expect(allCases()).toBe(cases);
    expect(cases.map((c) => c.id)).toEqual([...cases.map((c) => c.id)].sort());
  });

  it('finds a case by id', () => {
    expect(caseById('end-01-type2-hyperglycemia')?.answer[0]?.code).toBe('E11.65');
    expect(caseById('nope')).toBeUndefined();
  });

  it('filters by chapter, setting and difficulty together', () => {
    const found = filterCases(cases, { chapter: 'injury', setting: 'inpatient', difficulty: 'advanced' });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((c) => c.chapters.includes('injury') && c.setting === 'inpatient' && c.difficulty === 'advanced')).toBe(true);
    expect(filterCases(cases, {})).toHaveLength(cases.length);
  });

  it('counts coverage per chapter', () => {
    const row = caseCoverage(cases).find((r) => r.chapter === 'pregnancy');
    expect(row?.total).toBe(filterCases(cases, { chapter: 'pregnancy' }).length);
    expect((row?.inpatient ?? 0) + (row?.outpatient ?? 0)).toBe(row?.total);
    expect((row?.beginner ?? 0) + (row?.intermediate ?? 0) + (row?.advanced ?? 0)).toBe(row?.total);
  });

  it('locates a phrase in the note for highlighting', () => {
    const c = parseCase(base());
    expect(phraseSpan(c, 'Denies fever')).toEqual({ start: 45, end: 57 });
    expect(c.note.slice(45, 57)).toBe('Denies fever');
    expect(phraseSpan(c, 'absent')).toBeUndefined();
  });
});
