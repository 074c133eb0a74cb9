/**
 * Gastrointestinal bleeding and endoscopy read as a coder would: the bleeding of an ulcer, varices or
 * diverticulosis is in its combination code (melena, hematemesis and "GI bleed" are not coded beside it,
 * Guidelines I.B.5, I.B.2), one ulcer read once without its hemorrhage is coded with it, and esophageal varices
 * in cirrhosis are secondary varices (I85.1-) after the liver disease (Tabular I85.1 code first).
 * Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { defaultCodingRules, parseCodingRules } from '../../../utils/coding/rule-pack';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('gastrointestinal bleeding', () => {
  const coded = (text: string) => codedOf(text, 'inpatient').sort();

  it('does not code melena, hematemesis or an unspecified GI bleed beside the bleeding ulcer', () => {
    const note = 'HPI: Melena and hematemesis for two days.\nHOSPITAL COURSE: Admitted with GI bleed. EGD showed an acute gastric ulcer.\nDIAGNOSES: Acute gastric ulcer with hemorrhage.';
    expect(fateOf(note, 'K921')).toBe('not-coded/integral-symptom');
    expect(fateOf(note, 'K920')).toBe('not-coded/integral-symptom');
    expect(fateOf(note, 'K922')).toBe('not-coded/less-specific');
    expect(fateOf(note, 'K253')).toBe('not-coded/less-specific');
    expect(coded(note)).toContain('K250');
  });

  it('reads "GI" as the bleeding, not the site of an ulcer the sentence names (no gastrojejunal K28)', () => {
    expect(coded('ASSESSMENT: Upper GI bleed secondary to duodenal ulcer.')).toEqual(['K264']);
    expect(coded('ASSESSMENT: GI bleed from a gastric ulcer.')).toEqual(['K254']);
    expect(coded('ASSESSMENT: GI bleed due to peptic ulcer disease.')).toEqual(['K274']);
    expect(coded('ASSESSMENT: GI bleed from a marginal ulcer at the gastrojejunostomy.')).toContain('K284');
  });

  it('codes one ulcer read with perforation and with both hemorrhage and perforation once, with both (K26.6)', () => {
    expect(coded('DIAGNOSES: Perforated duodenal ulcer. Chronic duodenal ulcer with hemorrhage and perforation.')).toEqual(['K266']);
  });

  it('keeps melena when the ulcer is not documented as bleeding', () => {
    expect(coded('HPI: Melena.\nASSESSMENT: Chronic duodenal ulcer.')).toEqual(['K267', 'K921']);
  });

  it('codes bleeding esophageal varices in alcoholic cirrhosis as secondary varices I85.11, after the cirrhosis', () => {
    const note = 'INDICATION: Hematemesis. Alcoholic cirrhosis of liver.\nFINDINGS: Bleeding esophageal varices.';
    const codes = codedOf(note, 'inpatient');
    expect(codes).toContain('I8511');
    expect(codes).not.toContain('I8501');
    expect(codes).not.toContain('K920');
    expect(codes.indexOf('K7030')).toBeLessThan(codes.indexOf('I8511'));
  });

  it('codes bleeding diverticulosis of the colon to the large intestine, K57.31, without the hematochezia or K57.30', () => {
    const note = 'HPI: Hematochezia.\nFINDINGS: Sigmoid diverticulosis.\nIMPRESSION: Diverticulosis of colon with bleeding.';
    expect(coded(note)).toEqual(['K5731']);
  });

  it('does not read the lateral decubitus position of an endoscopy as a pressure ulcer, nor bleeding esophageal varices as also K22.89', () => {
    const note = 'PROCEDURE: The patient was placed in the left lateral decubitus position. Bleeding esophageal varices were banded.';
    expect(coded(note)).toEqual(['I8501']);
  });

  it('codes esophageal varices without bleeding in cirrhosis as I85.10, and keeps I85.00 without a liver disease', () => {
    expect(coded('ASSESSMENT: Esophageal varices. Cirrhosis of liver.')).toEqual(['I8510', 'K7460']);
    expect(coded('ASSESSMENT: Esophageal varices.')).toEqual(['I8500']);
  });
});

describe.skipIf(!compiled)('screening colonoscopy risk (HCPCS)', () => {
  it('codes G0105 for a patient at high risk and G0121 otherwise', () => {
    const high = 'INDICATION: Screening colonoscopy. Father had colon cancer at 55.\nFINDINGS: Normal colon.';
    expect(fateOf(high, 'G0105', 'outpatient')).toBe('suggested');
    expect(fateOf(high, 'G0121', 'outpatient')).toBe('not-coded/less-specific');
    const polyps = 'INDICATION: Screening colonoscopy. Personal history of colon polyps.';
    expect(fateOf(polyps, 'G0105', 'outpatient')).toBe('suggested');
    const average = 'INDICATION: Screening colonoscopy. No family history of colon cancer.';
    expect(fateOf(average, 'G0121', 'outpatient')).toBe('suggested');
    expect(fateOf(average, 'G0105', 'outpatient')).toBe('not-coded/less-specific');
    // A family history the note denies is not coded.
    expect(fateOf(average, 'Z800', 'outpatient')).toBe('absent');
  });
});

describe.skipIf(!compiled)('endoscopy procedures (ICD-10-PCS)', () => {
  // The compiled ICD-10-PCS code set is FY2026.
  const pcs = (text: string) => codedOf(text, 'inpatient', '2026-06-01').filter((c) => /^[0-9]/.test(c)).sort();

  it('codes the biopsy site and the endoscopic hemostasis, and not the EGD inspection beside them (B3.11a)', () => {
    expect(pcs('HOSPITAL COURSE: EGD showed a bleeding ulcer; hemoclips placed. Biopsies of the antrum were taken.')).toEqual(['0DB78ZX', '0W3P8ZZ']);
    expect(pcs('PROCEDURE: EGD. Duodenal biopsy obtained.')).toEqual(['0DB98ZX']);
    expect(pcs('PROCEDURE: EGD. Findings: normal.')).toEqual(['0DJ08ZZ']);
  });

  it('codes variceal banding as occlusion of the esophageal vein, endoscopic', () => {
    expect(pcs('PROCEDURE: EGD with variceal band ligation.')).toEqual(['06L38CZ']);
  });

  it('codes a polypectomy and biopsy by colon segment, not the large intestine or the colonoscopy inspection', () => {
    expect(pcs('PROCEDURE: Colonoscopy with polypectomy.\nFINDINGS: Sigmoid polypectomy performed. Biopsy of the transverse colon.')).toEqual(['0DBL8ZX', '0DBN8ZZ']);
    expect(pcs('PROCEDURE: Colonoscopy with polypectomy.')).toEqual(['0DBE8ZZ']);
  });
});

describe('rule pack: sentence narrowing by category', () => {
  it('takes a category alone, not with a code', () => {
    const row = { literal: 'x', source: 'y', codes: ['K28*'], words: ['duodenal'], unless: [] };
    expect(() => parseCodingRules({ ...defaultCodingRules(), sentenceNarrowing: [{ ...row, category: 'K26' }] })).not.toThrow();
    expect(() => parseCodingRules({ ...defaultCodingRules(), sentenceNarrowing: [{ ...row, category: 'K26', code: 'K264' }] })).toThrow(/one of them/);
    expect(() => parseCodingRules({ ...defaultCodingRules(), sentenceNarrowing: [{ ...row, category: 'K2' }] })).toThrow();
  });
});
