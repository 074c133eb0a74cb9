/**
 * A header is narrowed by what its sentence affirms: words a negation governs ("no orthopnea",
 * "denies ...", "negative for ...") support no child code, as "without ..." already did. Needs the
 * compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('narrowing by affirmed words only', () => {
  it('does not narrow dyspnea to orthopnea when orthopnea is denied', () => {
    const coded = codedOf('HPI: Dyspnea on exertion, with no chest pain or orthopnea.');
    expect(coded).not.toContain('R0601');
    expect(coded.some((c) => c.startsWith('R060'))).toBe(true);
  });

  it('still narrows when the word is affirmed', () => {
    expect(codedOf('HPI: Dyspnea with orthopnea for two weeks.')).toContain('R0601');
  });

  it('keeps a "without" child when the negation says the same ("no psychotic features")', () => {
    expect(codedOf('Assessment: Bipolar disorder, current episode depressed, severe, no psychotic features.')).toContain('F314');
  });

  it('reads "with no complications" as without complications (E11.9, not E11.8)', () => {
    const coded = codedOf('Assessment: Type 2 diabetes with no complications.');
    expect(coded).toContain('E119');
    expect(coded).not.toContain('E118');
  });
});
