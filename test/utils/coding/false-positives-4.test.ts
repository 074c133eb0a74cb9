/**
 * Words that name a code's condition without documenting it (coding.json `notFindings`, `needsDocumented`):
 * blood and urine listed as specimens, 'consumption' of a substance, the central nervous system, an adhesive
 * dressing, a mass adherent to the skin, the aVF lead of an ECG and the infectious diseases
 * specialty, a death whose cause is given (no R99), 'did not present (with)' as a negation. Needs the compiled
 * code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('false positives (fourth review)', () => {
  it.each([
    'Microbiological studies in blood, urine and sputum were negative for mycobacteria.',
    'Blood and urine analysis showed only a mild rise in bilirubin.',
    'Urine, sputum and blood were collected for microbiology.',
    'A complete blood count, blood chemistry and urine sediment were ordered.',
  ])('reads blood and urine named as specimens as no hematuria: %s', (text) => {
    expect(codedOf(text).filter((c) => c.startsWith('R31'))).toEqual([]);
  });

  it('still codes blood in the urine', () => {
    expect(codedOf('She has noticed gross blood in the urine since yesterday.')).toContain('R310');
  });

  it.each([
    'He reports daily alcohol and cannabis consumption.',
    'Toxic habits: tobacco and alcohol consumption.',
  ])('reads consumption of a substance as no tuberculosis: %s', (text) => {
    expect(codedOf(text).filter((c) => /^A1[5-9]/.test(c))).toEqual([]);
  });

  it('still codes tuberculosis the note names', () => {
    expect(codedOf('Pulmonary tuberculosis was diagnosed on sputum culture.').some((c) => c.startsWith('A15'))).toBe(true);
  });

  it.each([
    'MRI of the central nervous system was normal.',
    'Sarcoidosis with involvement of the central nervous system and the optic nerve.',
  ])('reads the nervous system as no nervousness: %s', (text) => {
    expect(codedOf(text)).not.toContain('R450');
  });

  it('still codes a nervous patient', () => {
    expect(codedOf('He was very nervous and restless before the procedure.')).toContain('R450');
  });

  it.each([
    'A transparent adhesive dressing was applied over the graft.',
    'Her life is limited by the self-adhesive device of the stoma.',
    'Exam: a firm nodule of 2 cm adherent to the deep planes.',
  ])('reads an adhesive product or an adherent mass as no peritoneal adhesions: %s', (text) => {
    expect(codedOf(text)).not.toContain('K660');
  });

  it('still codes peritoneal adhesions', () => {
    expect(codedOf('Laparoscopy found dense peritoneal adhesions.')).toContain('K660');
  });

  it.each([
    'ECG: sinus rhythm with ST elevation in leads II, III and aVF.',
    'Day 3 electrocardiogram: negative T wave in III and aVF.',
  ])('reads the aVF lead of an electrocardiogram as no arteriovenous fistula: %s', (text) => {
    expect(codedOf(text)).not.toContain('I770');
  });

  it('still codes an arteriovenous fistula written AVF', () => {
    expect(codedOf('Left forearm AVF with a palpable thrill.')).toContain('I770');
  });

  it.each([
    'She was reassessed by infectious diseases, who started vancomycin.',
    'Infectious diseases reviewed the cultures and advised cefazolin.',
  ])('reads the infectious diseases specialty as no infectious disease: %s', (text) => {
    expect(codedOf(text)).not.toContain('B999');
  });

  it('still codes an infectious disease the note names', () => {
    expect(codedOf('Assessment: fever from an infectious disease, source not yet found.')).toContain('B999');
  });

  it.each([
    ['She did not present with chest pain or fever.', 'R079'],
    ['She did not present with chest pain or fever.', 'R509'],
    ['On review he did not present arthritis of any joint.', 'M1990'],
    ['In the abdomen he did not have palpable masses.', 'R1900'],
    ['The patient does not have any fever.', 'R509'],
  ])('reads "did not present (with)" / "did not have" as a negation: %s (%s)', (text, code) => {
    expect(fateOf(text, code)).toBe('not-coded/negated');
  });

  it('still codes what follows the negation\'s terminator', () => {
    expect(codedOf('She did not present with fever but has a productive cough.')).toContain('R059');
  });

  it.each([
    'Death occurred due to disease progression.',
    'The course was unfavourable, with liver metastases and death of the patient at two months.',
  ])('codes no unknown cause of death where the note gives the cause: %s', (text) => {
    expect(codedOf(text)).not.toContain('R99');
  });

  it.each(['Unexplained death at home.', 'The death was of unknown cause.'])('codes a death of unknown cause as R99: %s', (text) => {
    expect(codedOf(text)).toContain('R99');
  });

  it.each([
    'Labs: AF 1240 IU/L, other liver enzymes normal.',
    'Serial determinations of AF in clinic showed normal levels.',
  ])('reads AF given as a laboratory value as no atrial fibrillation: %s', (text) => {
    expect(codedOf(text).filter((c) => c.startsWith('I48'))).toEqual([]);
  });

  it('still codes AF written for atrial fibrillation', () => {
    expect(codedOf('ECG: AF with a ventricular rate of 130.').some((c) => c.startsWith('I48'))).toBe(true);
  });

  it.each([
    'The histopathological study showed granulomatous inflammation with central necrosis.',
    'Drainage evacuated abundant necrotic and purulent material.',
  ])('reads necrosis a pathology report or a drainage describes as no gangrene: %s', (text) => {
    expect(codedOf(text)).not.toContain('I96');
  });

  it.each([
    'Exam: dry gangrene of the left second toe.',
    'Pathology: ischemic necrosis of the distal skin flap.',
  ])('still codes gangrene the provider documents or an ischemic necrosis: %s', (text) => {
    expect(codedOf(text)).toContain('I96');
  });

  it.each([
    'Lungs: vesicular murmur preserved, no crackles.',
    'Pulmonary auscultation showed decreased vesicular murmur at the right base.',
  ])('reads the vesicular murmur of lung auscultation as no heart murmur: %s', (text) => {
    expect(codedOf(text)).not.toContain('R011');
  });

  it('still codes a heart murmur', () => {
    expect(codedOf('Heart: regular rhythm with a systolic murmur at the apex.')).toContain('R011');
  });
});
