/**
 * Neoplasm readings (second review): sites the Table of Neoplasms reads in one column only, and
 * metastases by site. All notes are synthetic. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('neoplasms (second review)', () => {
  // Table of Neoplasms, "lymph, gland (secondary)": no Malignant Primary cell, C77.- in Malignant Secondary.
  it.each([
    ['Two lymph nodes were infiltrated by carcinoma.', 'C779'],
    ['Axillary lymph nodes were involved by adenocarcinoma.', 'C773'],
    ['Cervical lymph node biopsy showed squamous cell carcinoma.', 'C770'],
  ])('reads a carcinoma of lymph nodes as secondary by region: %s', (text, code) => {
    const codes = codedOf(text);
    expect(codes).toContain(code);
    expect(codes).not.toContain('C499');
  });

  it('keeps the benign column of the lymph node row', () => {
    expect(codedOf('Excision of a benign neoplasm of a lymph node.')).toContain('D360');
  });

  it('keeps a lymphoma found in a lymph node a lymphoma, not a secondary neoplasm', () => {
    const codes = codedOf('Lymph node biopsy showed lymphoma.');
    expect(codes).not.toContain('C779');
  });

  // Index Tumor - see Neoplasm, unspecified behavior, by site; Guidelines I.C.2: C80.1 only when no primary site is documented.
  it.each([
    ['Ultrasound: solid tumor in the parotid. Fine-needle cytology: acinar cell carcinoma.', 'C07', 'D490'],
    ['A bladder tumor was resected transurethrally. Histology: papillary urothelial carcinoma.', 'C679', 'D494'],
    ['CT found a renal tumor. Pathology after nephrectomy: clear cell carcinoma.', 'C649', 'D49519'],
  ])('codes the carcinoma at the site of the tumor the record places: %s', (text, site, tumor) => {
    const codes = codedOf(text);
    expect(codes).toContain(site);
    expect(codes).not.toContain('C801');
    expect(fateOf(text, tumor)).toBe('not-coded/less-specific');
  });

  it('leaves a liver tumor beside a metastatic carcinoma of unknown primary unread as a liver primary', () => {
    const codes = codedOf('Ultrasound: tumor in the liver. Biopsy: metastatic adenocarcinoma.');
    expect(codes).not.toContain('C220');
    expect(codes).not.toContain('C229');
  });

  it('leaves the carcinoma of unspecified site when the tumors are at two sites', () => {
    const codes = codedOf('CT: a tumor of the parotid and a renal tumor. Biopsy showed carcinoma.');
    expect(codes).toContain('C801');
    expect(codes).not.toContain('C07');
  });

  // Guidelines I.B.13: the unspecified side only when the side is not identified in the medical record.
  it.each([
    ['Ultrasound: solid mass in the left kidney. Pathology after nephrectomy: clear cell renal carcinoma.', 'C642'],
    ['CT: right renal mass of 6 cm. Final diagnosis: renal cell carcinoma.', 'C641'],
    ['Chest CT: spiculated nodule in the left lung. Bronchoscopic biopsy: lung adenocarcinoma.', 'C3492'],
  ])('takes the side of the organ the record names in another sentence: %s', (text, code) => {
    expect(codedOf(text)).toContain(code);
  });

  it('keeps the unspecified side when the record names both sides of the organ', () => {
    expect(codedOf('Cyst in the left kidney; solid mass in the right kidney. Renal cell carcinoma.')).toContain('C649');
  });

  it('does not take the side of another organ', () => {
    expect(codedOf('Renal cell carcinoma was diagnosed. She reports left knee pain.')).toContain('C649');
  });
});

describe.skipIf(!compiled)('lymph nodes read as the secondary site only when the cancer word names them (merge review)', () => {
  it('a lymph node biopsy in a patient with bladder cancer is the bladder cancer, not a node secondary', () => {
    const coded = codedOf('ASSESSMENT:\nSentinel lymph node biopsy in patients with bladder cancer.\n');
    expect(coded).toContain('C679');
    expect(coded).not.toContain('C779');
  });
});
