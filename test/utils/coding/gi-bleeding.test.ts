/**
 * Gastrointestinal bleeding and endoscopy read as a coder would: the bleeding of an ulcer, varices or
 * diverticulosis is in its combination code (melena, hematemesis and "GI bleed" are not coded beside it,
 * Guidelines I.B.5, I.B.2), one ulcer read once without its hemorrhage is coded with it, and esophageal varices
 * in cirrhosis are secondary varices (I85.1-) after the liver disease (Tabular I85.1 code first).
 * Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
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
