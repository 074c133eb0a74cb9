import { describe, expect, it } from 'vitest';
import { sideOf } from '../../../utils/coding/laterality';
import { defaultCodingRules } from '../../../utils/coding/rule-pack';

const rules = defaultCodingRules().laterality;
/** The side of the first occurrence of `mention` in `sentence`. */
const side = (sentence: string, mention: string) => {
  const from = sentence.indexOf(mention);
  return sideOf(sentence, from, from + mention.length, rules);
};

describe('the side of a mention, read in its own clause (Guidelines I.B.13)', () => {
  it('reads the side written before it', () => {
    expect(side('Left total knee arthroplasty.', 'total knee arthroplasty')).toBe('left');
  });

  it('reads the side written after it', () => {
    expect(side('Knee arthroplasty on the right in 2015.', 'Knee arthroplasty')).toBe('right');
  });

  it('reads no side when none is written', () => {
    expect(side('Total knee arthroplasty.', 'Total knee arthroplasty')).toBe('unspecified');
  });

  it('reads right and left together, or "bilateral", as bilateral', () => {
    expect(side('Right and left knee replacements.', 'knee replacements')).toBe('bilateral');
    expect(side('Bilateral TKA.', 'TKA')).toBe('bilateral');
  });

  it('does not read the side of the clause before a comma', () => {
    expect(side('Right hip arthroplasty, knee arthroplasty.', 'knee arthroplasty')).toBe('unspecified');
  });

  it('does not read the side of a joint named after "and"', () => {
    expect(side('Right hip arthroplasty and left knee replacement.', 'hip arthroplasty')).toBe('right');
  });
});
