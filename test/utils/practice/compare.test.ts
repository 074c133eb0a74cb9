import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../../utils/coding/types';
import { compareWithEngine, ENGINE_LABEL } from '../../../utils/practice/compare';

const suggestion = (code: string, over: Partial<Suggestion> = {}): Suggestion => ({
  code,
  display: code,
  title: `Title of ${code}`,
  system: 'icd10cm',
  kind: 'diagnosis',
  score: 0.9,
  reason: `Because of ${code}`,
  evidence: [],
  context: 'affirmed',
  section: 'assessment_plan',
  status: 'suggested',
  state: 'billable',
  mentionIds: [],
  ...over,
});

const engine = [
  suggestion('E1165'),
  suggestion('Z7984'),
  suggestion('R509', { status: 'not-coded', notCoded: 'negated', context: 'negated' }),
  suggestion('0DTJ4ZZ', { system: 'icd10pcs', kind: 'procedure' }),
];

describe('compareWithEngine', () => {
  it('labels the engine list as not an answer key', () => {
    expect(compareWithEngine([], []).label).toBe(ENGINE_LABEL);
    expect(ENGINE_LABEL).toMatch(/not an answer key/);
  });

  it('lines the student codes up with the engine diagnoses, leaving procedures out', () => {
    const c = compareWithEngine(engine, ['E11.9', 'z79.84', 'I10', 'I10']);
    expect(c.rows.map((r) => [r.code, r.student])).toEqual([
      ['E11.65', 'category'],
      ['Z79.84', 'exact'],
      ['R50.9', 'absent'],
    ]);
    expect(c.rows[2]).toMatchObject({ status: 'not-coded', notCoded: 'negated', context: 'negated' });
    expect(c.studentOnly).toEqual(['E11.9', 'I10']);
    expect(c.keyOnly).toBeUndefined();
    expect(c.rows[0]?.key).toBeUndefined();
  });

  it('shows a code the student entered although the engine lists it as not coded', () => {
    const c = compareWithEngine(engine, ['R50.9']);
    expect(c.rows.find((r) => r.code === 'R50.9')?.student).toBe('exact');
    expect(c.studentOnly).toEqual([]);
  });

  it('compares with a case key when one is given', () => {
    const c = compareWithEngine(engine, ['E11.65'], ['E11.65', 'Z79.84', 'R50.9', 'I10']);
    expect(c.rows.map((r) => r.key)).toEqual(['exact', 'exact', 'exact']);
    // R50.9 is in that key but the engine did not suggest it (it said "not coded").
    expect(c.keyOnly).toEqual(['R50.9', 'I10']);
  });

  it('ignores input that is not a code', () => {
    expect(compareWithEngine(engine, ['hello', '', 42 as unknown as string]).studentOnly).toEqual([]);
  });
});
