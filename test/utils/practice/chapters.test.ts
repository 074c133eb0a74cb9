import { describe, expect, it } from 'vitest';
import { CHAPTERS, chapterOfCode } from '../../../utils/practice/chapters';

describe('chapterOfCode', () => {
  it.each([
    ['A41.9', 'infectious'],
    ['B20', 'infectious'],
    ['C50.412', 'neoplasms'],
    ['D49.9', 'neoplasms'],
    ['D50.0', 'blood'],
    ['E11.65', 'endocrine'],
    ['F02.B11', 'mental'],
    ['H40.10X0', 'eye'],
    ['H60.01', 'ear'],
    ['I10', 'circulatory'],
    ['O9A.111', 'pregnancy'],
    ['QA1.71', 'congenital'],
    ['S52.531A', 'injury'],
    ['T39.1X2A', 'injury'],
    ['W11.XXXA', 'external'],
    ['Y99.8', 'external'],
    ['Z3A.20', 'factors'],
    ['U07.1', 'infectious'],
    ['U09.9', 'infectious'],
    ['U07.0', 'respiratory'],
    ['U00', 'special'],
    ['e1165', 'endocrine'],
  ])('%s is in chapter %s', (code, chapter) => {
    expect(chapterOfCode(code)).toBe(chapter);
  });

  it.each(['', '12', 'hello', '0A1'])('%j has no chapter', (code) => {
    expect(chapterOfCode(code)).toBeUndefined();
  });

  it('numbers the 22 chapters in Tabular order without overlaps', () => {
    expect(CHAPTERS.map((c) => c.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    const ordinary = CHAPTERS.filter((c) => c.id !== 'special');
    ordinary.slice(1).forEach((c, i) => {
      expect(`${ordinary[i]?.last} < ${c.first}`, c.id).toBe(`${ordinary[i]?.last} < ${c.first}`);
      expect((ordinary[i]?.last ?? '') < c.first).toBe(true);
    });
  });
});
