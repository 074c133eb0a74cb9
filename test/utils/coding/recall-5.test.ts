/**
 * Readings found in the CodiEsp train error analysis (recall-5): sites and status words the Index
 * files under words notes seldom write. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('recall-5 readings', () => {
  it.each([
    'CT of the abdomen shows a left psoas abscess.',
    'Drainage of bilateral psoas abscesses was planned.',
  ])('reads a psoas abscess as K68.12, not a skin abscess: %s', (text) => {
    const coded = codedOf(text);
    expect(coded).toContain('K6812');
    expect(coded).not.toContain('L0291');
  });

  it.each([
    'Fundus examination: bilateral papillary edema.',
    'The ophthalmologist found papillary oedema in both eyes.',
  ])('reads papillary edema as papilledema H47.1-, not R60.9: %s', (text) => {
    const coded = codedOf(text);
    expect(coded.some((c) => c.startsWith('H471'))).toBe(true);
    expect(coded).not.toContain('R609');
  });

  it('leaves papillary thyroid carcinoma a thyroid cancer', () => {
    const coded = codedOf('History: papillary thyroid carcinoma treated with surgery last month.');
    expect(coded.some((c) => c.startsWith('H47'))).toBe(false);
  });

  it('reads a patient dialyzed three times a week as on maintenance dialysis Z99.2', () => {
    expect(codedOf('End-stage renal disease; he is dialyzed three times a week.')).toContain('Z992');
  });

  it('does not read one urgent dialysis as dialysis status', () => {
    expect(codedOf('Acute kidney injury with hyperkalemia; she was dialyzed once in an urgent session.')).not.toContain('Z992');
  });

  it('leaves a denied psoas abscess not coded', () => {
    expect(fateOf('MRI of the spine: no psoas abscess.', 'K6812')).toBe('not-coded/negated');
  });

  it.each([
    ['Biopsy confirmed cytomegalovirus hepatitis.', 'B251'],
    ['Bronchoalveolar lavage: cytomegalovirus pneumonia.', 'B250'],
  ])('reads the organism noun where the Index prints its adjective (cytomegaloviral): %s', (text, code) => {
    expect(codedOf(text)).toContain(code);
  });

  it.each([
    ['Exam: right VI cranial nerve palsy with diplopia.', 'H4921'],
    ['Paresis of the III cranial pair on the left.', 'H490'],
  ])('reads a cranial nerve numbered in roman numerals by its ordinal: %s', (text, code) => {
    expect(codedOf(text).some((c) => c.startsWith(code))).toBe(true);
  });

  it('keeps a roman numeral after stage a stage', () => {
    const coded = codedOf('Stage V chronic kidney disease.');
    expect(coded).toContain('N185');
    expect(coded.some((c) => c.startsWith('H49') || c.startsWith('G51'))).toBe(false);
  });

  it.each([
    'Since the stroke she is a wheelchair user.',
    'He uses a wheelchair outside the home.',
  ])('reads a wheelchair user as dependence on wheelchair Z99.3: %s', (text) => {
    expect(codedOf(text)).toContain('Z993');
  });

  it('does not read a wheelchair for transport as dependence on it', () => {
    expect(codedOf('He was brought to the ward in a wheelchair by the porter.')).not.toContain('Z993');
  });
});
