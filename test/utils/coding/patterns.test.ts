import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../../../utils/coding/patterns';

// Patterns are compiled once and remembered: the same pattern must answer alike for every code.
describe('matchesPattern (compiled once)', () => {
  it('reads a code, a prefix, a category range and alternatives', () => {
    expect(matchesPattern('E119', 'E119')).toBe(true);
    expect(matchesPattern('E1165', 'E119')).toBe(false);
    expect(matchesPattern('N184', 'N18*')).toBe(true);
    expect(matchesPattern('N19', 'N18*')).toBe(false);
    expect(matchesPattern('J159', 'J12-J18')).toBe(true);
    expect(matchesPattern('J20', 'J12-J18')).toBe(false);
    expect(matchesPattern('I10', 'E11*|I10|J12-J18')).toBe(true);
    expect(matchesPattern('K21', 'E11*|I10|J12-J18')).toBe(false);
  });

  it('gives the same answers when a remembered pattern is asked again for other codes', () => {
    const pattern = 'S22*|M80-M81';
    const codes = ['S2242XA', 'M810', 'M800', 'M82', 'T14'];
    const first = codes.map((c) => matchesPattern(c, pattern));
    expect(first).toEqual([true, true, true, false, false]);
    expect(codes.map((c) => matchesPattern(c, pattern))).toEqual(first);
  });
});
