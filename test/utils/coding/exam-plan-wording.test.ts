/**
 * Exam, plan and consent wording read as diagnoses (sentences written for these tests, in the style of US
 * transcribed notes): the risks explained for consent are not the patient's conditions, a capital word in a
 * list of risks opens no section, and a test (a frozen section, allergy testing) is no diagnosis.
 */
import { describe, expect, it } from 'vitest';
import { detectSections } from '../../../utils/nlp/sections';
import { codedOf, compiled } from '../../helpers/knowledge';

const plan = (line: string) => `PLAN:\n${line}\n`;
const assessment = (line: string) => `ASSESSMENT:\n${line}\n`;

describe.skipIf(!compiled)('the risks explained for consent are not coded (Guidelines IV.J)', () => {
  it.each([
    'I explained the risks and potential complications of the surgery in detail, and these include bleeding, infection, deep venous thrombosis and pulmonary embolism.',
    'The risks, benefits and alternatives were reviewed, including bleeding, infection, stroke and myocardial infarction.',
    'Possible complications include wound infection, hemorrhage and urinary incontinence.',
    'She accepts the risks to include bleeding, sepsis, erectile dysfunction and urethral stricture.',
  ])('%s', (line) => {
    const coded = codedOf(plan(line), 'outpatient');
    expect(coded.filter((c) => /^(R58|B99|I82|I26|I63|I21|T81|A41|N52|N35|R32|N39)/.test(c))).toEqual([]);
  });

  it('a list of risks after "risk of" stays in its section when it holds "PE,"', () => {
    const note = 'HISTORY: A man with a hydrocele.  Risk of anesthesia, bleeding, infection, MI, DVT, PE, incontinence, urethral stricture and hematuria were all discussed.\n';
    const coded = codedOf(note, 'outpatient');
    expect(coded).toContain('N433');
    expect(coded.filter((c) => /^(R32|N35|R31|I26|I82|R58)/.test(c))).toEqual([]);
  });

  it('the conditions the patient has are still coded', () => {
    expect(codedOf(assessment('Deep venous thrombosis of the left leg, on apixaban.'), 'outpatient')).toContain('I82402');
    expect(codedOf(assessment('He has risk factors including hypertension.'), 'outpatient')).toContain('I10');
    expect(codedOf(assessment('Urinary tract infection, on nitrofurantoin.'), 'outpatient')).toContain('N390');
    // Complications that happened are the patient's: only "possible", "potential" or "risks and" make them a risk.
    expect(codedOf(assessment('Her stay was long; complications include acute kidney injury and pneumonia.'), 'outpatient')).toContain('N179');
  });
});

describe('a capital word between list commas opens no section', () => {
  it('"DVT, PE, incontinence" stays one section', () => {
    const sections = detectSections('HISTORY: Risks of bleeding, DVT, PE, incontinence were discussed.');
    expect(sections.map((s) => s.category)).toEqual(['history_of_present_illness']);
  });

  it('the run-on headers of transcriptions are still found', () => {
    const sections = detectSections('HISTORY: Knee pain.,PHYSICAL EXAMINATION,GENERAL: Alert.,PE, Normal.');
    expect(sections.map((s) => s.category)).toContain('physical_exam');
  });
});

describe.skipIf(!compiled)('a test is no diagnosis', () => {
  it.each([
    'The specimen was sent for frozen section, which showed no tumor.',
    'Final frozen pathology confirmed a benign lesion at the margins.',
    'Frozen sections of the margins were clear.',
  ])('%s codes no T69', (line) => {
    expect(codedOf(`FINDINGS:\n${line}\n`, 'outpatient').filter((c) => c.startsWith('T69'))).toEqual([]);
  });

  it.each([
    'We will arrange allergy testing for both foods and inhalants.',
    'Skin testing for food allergy next visit.',
    'Order a food allergy panel.',
  ])('%s codes no allergy', (line) => {
    expect(codedOf(plan(line), 'outpatient').filter((c) => /^(T78|L27|J30|Z910)/.test(c))).toEqual([]);
  });

  it('a documented allergy is still coded', () => {
    expect(codedOf(assessment('Seasonal allergic rhinitis.'), 'outpatient')).toContain('J302');
    expect(codedOf(assessment('The patient has a history of food allergy with anaphylaxis.'), 'outpatient').some((c) => /^(T78|Z910)/.test(c))).toBe(true);
  });
});

describe.skipIf(!compiled)('the position of a test is no injury', () => {
  it('the head-hanging position of a positional test is no asphyxiation by hanging', () => {
    const coded = codedOf(assessment('Nystagmus on positional testing in the head hanging left position.'), 'outpatient');
    expect(coded.filter((c) => c.startsWith('T71'))).toEqual([]);
    expect(coded).toContain('H5500');
  });
});

describe.skipIf(!compiled)('exam shorthand and normal exam words are no diagnosis', () => {
  const exam = (line: string) => `PHYSICAL EXAMINATION:\n${line}\n`;
  it.each([
    ['EXTREMITIES: Reduced arm swing on the LUE; RUE strength 5/5.', /^(A5|O98)/],
    ['MOTOR: HF 5/5, HE 4+/5, KF 5/5, KE 5/5.', /^K7682/],
    ['NEURO: Mildly decreased vibration sense in both feet.', /^W49/],
    ['MOUTH: Good dentition. Moist mucosa.', /^K007/],
    ['SKIN: Skin is warm and dry.', /^L853/],
  ])('%s', (line, pattern) => {
    expect(codedOf(exam(line), 'outpatient').filter((c) => pattern.test(c))).toEqual([]);
  });

  it('a biopsy read on H&E sections is no hepatic encephalopathy', () => {
    expect(codedOf('FINDINGS:\nThe H&E sections showed chronic inflammation.\n', 'outpatient')).not.toContain('K7682');
  });

  it('heat as treatment and lifting as a restriction are no external cause', () => {
    const coded = codedOf(`PLAN:\nLocal heat and ice to the back. Lifting restrictions of 10 pounds.\n`, 'outpatient');
    expect(coded.filter((c) => /^(T67|X50)/.test(c))).toEqual([]);
  });

  it('the conditions themselves are still coded', () => {
    expect(codedOf('ASSESSMENT:\nLatent syphilis.\n', 'outpatient').some((c) => c.startsWith('A5'))).toBe(true);
    expect(codedOf('ASSESSMENT:\nHepatic encephalopathy.\n', 'outpatient')).toContain('K7682');
    expect(codedOf('ASSESSMENT:\nXerosis cutis of both legs.\n', 'outpatient')).toContain('L853');
    expect(codedOf('ASSESSMENT:\nHeat exhaustion after working outdoors.\n', 'outpatient').some((c) => c.startsWith('T67'))).toBe(true);
  });
});
