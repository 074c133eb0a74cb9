/**
 * Neoplasm readings (second review): sites the Table of Neoplasms reads in one column only, and
 * metastases by site. All notes are synthetic. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

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
});
