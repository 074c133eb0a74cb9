/**
 * Findings the provider names in words the Alphabetic Index files under another form: "urinary retention"
 * for Retention, urine (R33.9), "laterocervical" for the neck (Mass, neck R22.1), "tingling" for
 * Paresthesia (Tingling sensation R20.2). Read through the word-form table (assets/rules/word-forms.json).
 * Through the whole pipeline; needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('"urinary" is the urine of the Index (Retention, urine R33.9)', () => {
  it.each([
    ['After the operation he developed urinary retention.\n'],
    ['Admitted for acute urinary retention requiring a catheter.\n'],
  ])('codes R33.9 for %j', (note) => {
    expect(codedOf(note)).toContain('R339');
  });

  it('keeps a negated one uncoded', () => {
    expect(fateOf('She voids well, no urinary retention.\n', 'R339')).toBe('not-coded/negated');
  });

  it.each([
    ['She has urinary incontinence when coughing.\n', 'R32'],
    ['Treated for a urinary tract infection last week.\n', 'N390'],
  ])('still reads the other urinary findings: %j is %s', (note, code) => {
    expect(codedOf(note)).toContain(code);
  });
});

describe.skipIf(!compiled)('"laterocervical" is the side of the neck (Mass, neck R22.1)', () => {
  it('codes a laterocervical mass R22.1', () => {
    expect(codedOf('Exam: a firm right laterocervical mass of 3 cm.\n')).toContain('R221');
  });

  it('keeps laterocervical lymph nodes a localized adenopathy (R59.0)', () => {
    expect(codedOf('Several laterocervical adenopathies are palpable.\n')).toContain('R590');
  });
});

describe.skipIf(!compiled)('tingling is paresthesia of skin (Index: Tingling sensation R20.2; Tabular R20.2 Tingling skin)', () => {
  it.each([['He describes tingling in both feet at night.\n'], ['Intermittent tingling of the fingertips.\n']])('codes R20.2 for %j', (note) => {
    expect(codedOf(note)).toContain('R202');
  });

  it('codes no skin sensation finding where tingling is denied', () => {
    expect(codedOf('He denies tingling in his feet.\n').filter((c) => c.startsWith('R20'))).toEqual([]);
  });
});

describe.skipIf(!compiled)('a pulmonary nodule is the Index\'s solitary one, nodules in the plural are multiple (Nodule(s), lung, solitary R91.1; multiple R91.8)', () => {
  it.each([
    ['Chest CT: a 7 mm pulmonary nodule in the left lower lobe.\n', 'R911'],
    ['An incidental lung nodule was seen on the scan.\n', 'R911'],
    ['Chest CT: several small pulmonary nodules in both lungs.\n', 'R918'],
  ])('reads %j as %s', (note, code) => {
    expect(codedOf(note)).toContain(code);
  });

  it('keeps a negated one uncoded', () => {
    expect(codedOf('Chest CT: no pulmonary nodules.\n').filter((c) => c.startsWith('R91'))).toEqual([]);
  });

  it('codes no nodule beside the lung metastases it is (Guidelines I.B.5, III.B)', () => {
    expect(fateOf('Chest CT: pulmonary nodules consistent with lung metastases.\n', 'R918')).toBe('not-coded/integral-symptom');
  });
});
