import { describe, expect, it } from 'vitest';
import { averagePrecision, mapToGold, rankedDiagnoses, rankedWithNotCoded } from '../../../scripts/eval/coding';
import type { Suggestion } from '../../../utils/coding/types';

const suggestion = (code: string, status: Suggestion['status'], kind: Suggestion['kind'] = 'diagnosis'): Suggestion =>
  ({ code, display: code, title: code, system: kind === 'diagnosis' ? 'icd10cm' : 'icd10pcs', kind, score: 0.5, reason: '', evidence: [], context: 'affirmed', section: 'assessment', status, state: 'billable', mentionIds: [] }) as Suggestion;

describe('CodiEsp scoring', () => {
  it('average precision is the CodiEsp definition: precision at each hit, over the gold count', () => {
    expect(averagePrecision(['A', 'X', 'B'], new Set(['A', 'B']))).toBeCloseTo((1 + 2 / 3) / 2, 6);
    expect(averagePrecision(['X'], new Set(['A']))).toBe(0);
  });

  it('credits the first ranked replacement of a 2018 gold code once, and nothing else', () => {
    const alternatives = new Map([['R51', ['R51', 'R510', 'R519']]]);
    expect(mapToGold(['I10', 'R519', 'R510'], alternatives)).toEqual(['I10', 'R51', 'R510']);
    expect(mapToGold(['I10', 'M5450'], alternatives)).toEqual(['I10', 'M5450']);
    const gold = new Set(['R51', 'I10']);
    expect(averagePrecision(mapToGold(['I10', 'R519'], alternatives), gold)).toBe(1);
    expect(averagePrecision(['I10', 'R519'], gold)).toBe(0.5);
  });

  it('ranks the not-coded candidates after every suggestion only in the secondary panel list', () => {
    const suggestions = [suggestion('R509', 'not-coded'), suggestion('J189', 'suggested'), suggestion('0DJ08ZZ', 'suggested', 'procedure'), suggestion('E119', 'incomplete'), suggestion('J189', 'not-coded')];
    expect(rankedDiagnoses(suggestions)).toEqual(['J189', 'E119']);
    expect(rankedWithNotCoded(suggestions)).toEqual(['J189', 'E119', 'R509']);
  });
});
