import { describe, expect, it } from 'vitest';
import { documentedFromText } from '../../../utils/cdi/documented';

const docs = (text: string, setting: 'inpatient' | 'outpatient' = 'inpatient') =>
  documentedFromText(text, { setting, dateOfService: '2026-03-14' }).suggestions.map((s) => [s.code, s.context, s.evidence[0]?.text]);

describe('documentedFromText (stand-in for the analyzer)', () => {
  it.each([
    ['Acute on chronic diastolic heart failure.', 'I5033', 'Acute on chronic diastolic heart failure'],
    ['Known HFrEF.', 'I5020', 'HFrEF'],
    ['Chronic HFpEF.', 'I5032', 'Chronic HFpEF'],
    ['CHF exacerbation.', 'I509', 'CHF'],
    ['Septic shock.', 'R6521', 'Septic shock'],
    ['Acute hypoxic respiratory failure.', 'J9601', 'Acute hypoxic respiratory failure'],
    ['Severe protein-calorie malnutrition.', 'E43', 'Severe protein-calorie malnutrition'],
    ['Metabolic encephalopathy.', 'G9341', 'Metabolic encephalopathy'],
    ['AKI on CKD.', 'N179', 'AKI'],
    ['Acute blood loss anemia.', 'D62', 'Acute blood loss anemia'],
    ['Stage 3 sacral pressure ulcer.', 'L89153', 'Stage 3 sacral pressure ulcer'],
    ['Unstageable pressure injury of the left heel.', 'L89620', 'Unstageable pressure injury of the left heel'],
    ['Obesity, class 3.', 'E66813', 'Obesity, class 3'],
    ['Hyponatremia.', 'E871', 'Hyponatremia'],
    ['Pneumonia due to Pseudomonas.', 'J151', 'Pneumonia due to Pseudomonas'],
    ['Type 2 MI.', 'I21A1', 'Type 2 MI'],
    ['Demand ischemia.', 'I2489', 'Demand ischemia'],
  ])('%s', (text, code, evidence) => {
    expect(docs(text)[0]).toEqual([code, 'affirmed', evidence]);
  });

  it('labels context with ConText and sections', () => {
    expect(docs('No AKI.')).toEqual([['N179', 'negated', 'AKI']]);
    expect(docs('Possible sepsis.')).toEqual([['A419', 'possible', 'sepsis']]);
    expect(docs('PAST MEDICAL HISTORY: CHF.')).toEqual([['I509', 'historical', 'CHF']]);
    expect(docs('FAMILY HISTORY: Mother with CHF.')).toEqual([['I509', 'family', 'CHF']]);
  });

  it('marks not-coded reasons the way the analyzer will', () => {
    const [s] = documentedFromText('Possible sepsis.', { setting: 'outpatient', dateOfService: '' }).suggestions;
    expect(s).toMatchObject({ status: 'not-coded', notCoded: 'uncertain-outpatient' });
  });

  it('reads capitals-only abbreviations only in capitals', () => {
    expect(docs('ams and aki and mi in lower case')).toEqual([]);
  });

  it('says it is a stand-in in every reason', () => {
    for (const s of documentedFromText('Sepsis.', { setting: 'inpatient', dateOfService: '' }).suggestions) {
      expect(s.reason).toMatch(/^Stand-in phrase match/);
    }
  });
});
