/**
 * Specificity the words of the sentence give within a category (Guidelines I.B.2, I.C.2), second part: a site
 * word the Index path reaches but abandons is read again as the site in the Table of Neoplasms. Needs the
 * compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('specificity read from the sentence (2)', () => {
  const coded = (text: string) => codedOf(text, 'inpatient').sort();

  it('reads the site of a tumour whose Index subterm has no code of its own in the Table of Neoplasms', () => {
    // Tumor, adrenal has only "cortical" and "rest" below it: the coder goes on to Neoplasm, adrenal (D49.7).
    expect(coded('IMAGING: CT shows an adrenal tumor of 3 cm.')).toEqual(['D497']);
    expect(coded('IMAGING: Tumor of the adrenal gland on the left.')).toEqual(['D497']);
    expect(coded('IMAGING: Adrenal cortical tumor.')).toEqual(['D3500']);
  });

  it('codes edema of a named part of the body as localized (R60.0), and edema with no site or called generalized as before', () => {
    expect(coded('EXAM: Genital edema since the surgery.')).toEqual(['R600']);
    expect(coded('EXAM: Edema of both hands.')).toEqual(['R600']);
    expect(coded('EXAM: Mild edema.')).toEqual(['R609']);
    expect(coded('EXAM: Generalized edema including the face.')).toEqual(['R601']);
  });

  it('codes intestinal obstruction with nothing more said to the default of its unspecified header (K56.609), and partial or complete as written', () => {
    expect(coded('DIAGNOSIS: Small bowel obstruction, managed with a nasogastric tube.')).toEqual(['K56609']);
    expect(coded('DIAGNOSIS: Partial small bowel obstruction.')).toEqual(['K56600']);
    expect(coded('DIAGNOSIS: Complete intestinal obstruction.')).toEqual(['K56601']);
  });
});
