/**
 * Ordinary words of real notes that the reader once took for conditions or procedures done, each found by
 * reading a note of our own; through the whole analyzer (needs the compiled code sets).
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('reader pitfalls', () => {
  it('reads the letter after a slash as the end of a shorthand: "68 y/o M" is no OM (otitis media)', () => {
    expect(codedOf('HPI: 68 y/o M with chest pain.\n')).not.toContain('H6690');
    expect(codedOf('ASSESSMENT: Acute OM of the right ear.\n').some((c) => c.startsWith('H66'))).toBe(true);
  });

  it('reads an acronym main term only in capitals: "a pot of water" is no POTS, "hearing aids" no AIDS', () => {
    expect(codedOf('HPI: He spilled a pot of water.\n')).not.toContain('G90A');
    expect(codedOf('ASSESSMENT: POTS, on fludrocortisone.\n')).toContain('G90A');
    expect(codedOf('HPI: She wears hearing aids.\n')).not.toContain('B20');
  });

  it('reads "boiling" as hot, not as a boil (furuncle)', () => {
    expect(codedOf('HPI: Scald of the hand from boiling water.\n').some((c) => c.startsWith('L02'))).toBe(false);
  });

  it('codes no procedure the note puts in the future', () => {
    for (const sentence of ['He will have a colonoscopy tomorrow.', 'Colonoscopy tomorrow.', 'Colonoscopy scheduled for next week.']) {
      expect(codedOf(`HOSPITAL COURSE: ${sentence}\n`, 'inpatient', '2026-09-01')).not.toContain('0DJD8ZZ');
    }
    expect(codedOf('HOSPITAL COURSE: Colonoscopy was performed today.\n', 'inpatient', '2026-09-01')).toContain('0DJD8ZZ');
  });
});
