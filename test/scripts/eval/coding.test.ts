import { describe, expect, it } from 'vitest';
import { averagePrecision, mapToGold } from '../../../scripts/eval/coding';

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
});
