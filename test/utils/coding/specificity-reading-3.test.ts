/**
 * Right category, wrong code (third review): words of the note that name the more specific code of a
 * category the reading already found. "Frank hematuria" is gross hematuria R31.0 (Index: Hematuria,
 * gross); a hemangioma of a named site is coded by site (Index: Hemangioma, intra-abdominal D18.03,
 * intracranial D18.02, skin D18.01, specified site NEC D18.09); a lipoma or a mesothelioma of a named site
 * is read through the Index's "site classification" subterm to the site (Lipoma, site classification, arms
 * D17.2-). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('specificity reading (third review)', () => {
  it.each(['Frank hematuria began after the Foley catheter was placed.', 'She reports frank haematuria for two days.'])(
    'reads frank hematuria as gross hematuria R31.0: %s',
    (text) => {
      const coded = codedOf(text);
      expect(coded).toContain('R310');
      expect(coded).not.toContain('R319');
    },
  );

  it('keeps hematuria with no adjective unspecified, and "frank" in another sense names nothing', () => {
    expect(codedOf('Urinalysis showed hematuria.')).toContain('R319');
    expect(codedOf('He was frank about his alcohol intake. Hematuria on urinalysis.')).toContain('R319');
  });

  it.each([
    ['Ultrasound showed a hepatic hemangioma of 2 cm.', 'D1803'],
    ['A hemangioma of the spleen was found incidentally.', 'D1803'],
    ['MRI: cavernous hemangioma in the left cerebral hemisphere.', 'D1802'],
    ['A cutaneous hemangioma on the forearm was excised.', 'D1801'],
    ['A vertebral hemangioma at T10 needs no treatment.', 'D1809'],
    ['Histology of the parotid gland: capillary hemangioma.', 'D1809'],
    ['An intraosseous hemangioma of the mandible was resected.', 'D1809'],
  ])('codes a hemangioma of a named site by site: %s', (text, code) => {
    const coded = codedOf(text);
    expect(coded).toContain(code);
    expect(coded).not.toContain('D1800');
  });

  it('keeps a hemangioma of no named site at D18.00, and an abdominal site wins over the NEC list', () => {
    expect(codedOf('Imaging showed a small hemangioma.')).toContain('D1800');
    // Intramuscular is a type the Index lists with its own code, not a site (Hemangioma, intramuscular D18.00).
    expect(codedOf('Biopsy: intramuscular hemangioma.')).toContain('D1800');
    const both = codedOf('CT: hemangioma of the liver, lungs clear.');
    expect(both).toContain('D1803');
    expect(both).not.toContain('D1809');
  });

  it.each([
    ['Exam: a soft mobile lipoma in the right arm.', 'D1721'],
    ['Ultrasound showed a renal angiomyolipoma.', 'D1771'],
    ['A lipoma of the trunk was removed.', 'D171'],
    ['Biopsy confirmed malignant pleural mesothelioma.', 'C450'],
    ['Peritoneal mesothelioma was diagnosed at laparoscopy.', 'C451'],
  ])('reads the site classification of a lipoma or mesothelioma: %s', (text, code) => {
    const coded = codedOf(text);
    expect(coded).toContain(code);
    expect(coded).not.toContain('D179');
  });

  it('keeps a lipoma of no named site at D17.9', () => {
    expect(codedOf('A small lipoma was noted on exam.')).toContain('D179');
  });

  it.each([
    ['Colonoscopy showed a submucosal lipoma of the colon.', 'D175'],
    ['CT showed a mediastinal lipoma.', 'D174'],
    ['A subcutaneous lipoma of the abdominal wall was excised.', 'D171'],
    ['Exam: a lipoma on the back, 4 cm.', 'D171'],
    ['A lipoma of the forehead was removed.', 'D170'],
  ])('codes a lipoma of a named organ or body region by site: %s', (text, code) => {
    const coded = codedOf(text);
    expect(coded).toContain(code);
    expect(coded).not.toContain('D179');
    expect(coded).not.toContain('D1730');
  });

  it('keeps a subcutaneous lipoma of no named region at D17.30', () => {
    expect(codedOf('Ultrasound: a subcutaneous lipoma.')).toContain('D1730');
  });
});
