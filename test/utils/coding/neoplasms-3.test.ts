/**
 * Neoplasm readings (third review): words of a neoplasm phrase that the Index walk also reads as another
 * condition. An axillary breast (Q83.1) is the two words together, not "breast cancer with axillary nodes";
 * a lesion called metastatic is the secondary neoplasm, not an unspecified disease of its organ.
 * Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('neoplasms (third review)', () => {
  it.each([
    'Diagnosis: breast cancer with axillary lymph node involvement.',
    'Assessment: breast carcinoma and axillary lymphadenopathy on the left.',
  ])('reads no accessory breast in a breast cancer with axillary nodes: %s', (text) => {
    const coded = codedOf(text);
    expect(coded).not.toContain('Q831');
    expect(coded.some((c) => c.startsWith('C50'))).toBe(true);
  });

  it('keeps an accessory breast the note names as such', () => {
    expect(codedOf('Exam: a soft axillary breast on the right, otherwise normal.')).toContain('Q831');
  });

  it.each([
    'Ultrasound: several metastatic lesions in the liver; primary pancreatic adenocarcinoma.',
    'CT: numerous metastatic lesions in the liver from the known colon adenocarcinoma.',
  ])('codes a metastatic liver lesion as C78.7 without K76.9: %s', (text) => {
    const coded = codedOf(text);
    expect(coded).toContain('C787');
    expect(coded).not.toContain('K769');
  });

  it('keeps an unspecified liver lesion that nothing calls metastatic', () => {
    expect(codedOf('Ultrasound: a small lesion in the liver of uncertain nature.')).toContain('K769');
  });

  it('codes a cancer from the history as current where the rest of its item says it is treated now (C67.9, not Z85.51)', () => {
    const coded = codedOf('History of asthma, bladder carcinoma resected twice and currently treated with intravesical BCG, gout.');
    expect(coded).toContain('C679');
    expect(coded).not.toContain('Z8551');
  });

  it('keeps the personal history of a cancer whose treatment the history tells of as past', () => {
    const coded = codedOf('History of asthma, bladder carcinoma resected twice in 2015 with no further treatment, gout.');
    expect(coded).toContain('Z8551');
    expect(coded).not.toContain('C679');
  });
});
