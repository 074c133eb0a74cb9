/**
 * Findings written in words the Index does not file them under: an abdominal mass named by its region
 * without "abdominal" (Mass, abdominal, by quadrant R19.0-), elevated liver enzymes (Elevated, liver
 * function, test, hepatic enzyme R74.8), coffee-ground vomiting (Vomiting, blood - see Hematemesis K92.0),
 * a submandibular mass (Mass, neck R22.1). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('findings recall (fourth review)', () => {
  it.each([
    ['Exam: a tender, firm right iliac fossa mass.', 'R1903'],
    ['On palpation, left iliac fossa mass of 5 cm.', 'R1904'],
    ['Exam: a right hypochondrium mass moving with respiration.', 'R1901'],
    ['Palpation showed a left hypochondrium mass.', 'R1902'],
    ['A pulsatile mass in the epigastrium was felt.', 'R1906'],
    ['Exam: a smooth mass in the mesogastrium.', 'R1905'],
    ['Exam: a hypogastric mass reaching the umbilicus.', 'R1909'],
  ])('reads an abdominal mass by its region: %s -> %s', (text, code) => {
    const coded = codedOf(text);
    expect(coded).toContain(code);
    expect(coded).not.toContain('R1900');
  });

  it.each([
    'Labs on day three: elevation of liver enzymes.',
    'He was found to have elevated liver enzymes after the statin was started.',
  ])('reads elevated liver enzymes as R74.8 (Elevated, liver function, test, hepatic enzyme): %s', (text) => {
    expect(codedOf(text)).toContain('R748');
  });

  it.each([
    'She presented with coffee-ground emesis since this morning.',
    'He reports coffee ground vomiting twice overnight.',
  ])('reads coffee-ground vomiting as hematemesis K92.0, not plain vomiting: %s', (text) => {
    const coded = codedOf(text);
    expect(coded).toContain('K920');
    expect(coded).not.toContain('R1110');
  });

  it('reads a submandibular mass as a neck mass R22.1', () => {
    expect(codedOf('Exam: a hard right submandibular mass, 3 cm.')).toContain('R221');
  });

  it('leaves a denied mass by region not coded', () => {
    expect(fateOf('Abdomen soft, no right iliac fossa mass.', 'R1903')).toBe('not-coded/negated');
  });
});
