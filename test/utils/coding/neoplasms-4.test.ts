/**
 * Neoplasm readings (fourth review): a list of sites before one metastasis word, a cancer in the history that
 * a long hormone course still treats, and readings of other chapters found beside the neoplasms.
 * Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('neoplasms (fourth review)', () => {
  it('codes every site listed before one metastasis word, where the first site also reads as a lesion', () => {
    const coded = codedOf('Abdominal CT: lesions consistent with liver and bone metastases.');
    expect(coded).toContain('C787');
    expect(coded).toContain('C7951');
  });

  it('reads the sites of a "with" list before the metastasis word as secondary, not as the cancer site', () => {
    const coded = codedOf('Known gastric adenocarcinoma with bone and liver metastases.');
    expect(coded).toEqual(expect.arrayContaining(['C169', 'C787', 'C7951']));
    expect(coded).not.toContain('C419');
  });

  it('takes no secondary site from a symptom in the "with" list', () => {
    const coded = codedOf('Gastric adenocarcinoma with bone pain and liver metastases.');
    expect(coded).toEqual(expect.arrayContaining(['C169', 'C787']));
    expect(coded).not.toContain('C7951');
  });

  it('reads no site of a denied "with" list as the cancer site or as coded metastases', () => {
    const coded = codedOf('Assessment: colon cancer with no bone or liver metastases.');
    expect(coded).toContain('C189');
    expect(coded).not.toContain('C787');
    expect(coded).not.toContain('C7951');
    expect(coded).not.toContain('C419');
  });

  it('keeps metastases listed as an item of their own apart from the primary', () => {
    const coded = codedOf('Gastric adenocarcinoma and liver metastases.');
    expect(coded).toEqual(expect.arrayContaining(['C169', 'C787']));
    expect(coded.some((c) => c.startsWith('C22'))).toBe(false);
  });

  it.each([
    ['History of prostate adenocarcinoma treated with LHRH analogues, admitted now for a fall.', 'C61'],
    ['History of breast carcinoma treated with letrozole, hypothyroidism.', 'C50'],
    ['History of prostate adenocarcinoma in 2015 treated with androgen deprivation since then.', 'C61'],
  ])('codes a cancer in the history that a hormone course treats now as current: %s', (text, category) => {
    const coded = codedOf(text);
    expect(coded.some((c) => c.startsWith(category))).toBe(true);
    expect(coded.some((c) => c.startsWith('Z85'))).toBe(false);
  });

  it.each([
    'History of breast carcinoma treated with tamoxifen for five years, completed in 2015.',
    'History of breast carcinoma treated with mastectomy and radiotherapy.',
  ])('keeps the personal history of a cancer whose treatment is over: %s', (text) => {
    const coded = codedOf(text);
    expect(coded).toContain('Z853');
    expect(coded.some((c) => c.startsWith('C50'))).toBe(false);
  });

  it('reads septic shock with relative adrenal insufficiency as the two conditions, not an Addisonian crisis', () => {
    const coded = codedOf('Admitted in septic shock with relative adrenal insufficiency, treated with hydrocortisone.');
    expect(coded).toEqual(expect.arrayContaining(['R6521', 'E2740']));
    expect(coded).not.toContain('E272');
  });

  it('keeps the adrenal shock the note names', () => {
    expect(codedOf('She presented in adrenal shock after stopping her steroids.')).toContain('E272');
  });
});
