import { describe, expect, it } from 'vitest';
import { compileSectionRules, detectSections, sectionAt } from '../../../utils/nlp/sections';
import type { SectionCategory } from '../../../utils/nlp/types';

const categories = (text: string) => detectSections(text).map((s) => s.category);

describe('detectSections', () => {
  it('returns nothing for empty text', () => {
    expect(detectSections('')).toEqual([]);
  });

  it('returns one unknown section without header for text without headers', () => {
    const sections = detectSections('Patient seen today for cough.');
    expect(sections).toEqual([{ category: 'unknown', header: null, body: { start: 0, end: 29 }, title: '', subsection: false }]);
  });

  // Gold table: header as written in notes → category (each on its own line, followed by a colon).
  it.each<[string, SectionCategory]>([
    ['CHIEF COMPLAINT', 'chief_complaint'],
    ['CC', 'chief_complaint'],
    ['Reason for Visit', 'chief_complaint'],
    ['REASON FOR CONSULTATION', 'chief_complaint'],
    ['REASON FOR ADMISSION', 'chief_complaint'],
    ['HISTORY OF PRESENT ILLNESS', 'history_of_present_illness'],
    ['History of Present Illness', 'history_of_present_illness'],
    ['HPI', 'history_of_present_illness'],
    ['HISTORY OF PRESENTING ILLNESS', 'history_of_present_illness'],
    ['Past Medical History', 'past_medical_history'],
    ['PAST MEDICAL HISTORY', 'past_medical_history'],
    ['PMH', 'past_medical_history'],
    ['PMHx', 'past_medical_history'],
    ['MEDICAL HISTORY', 'past_medical_history'],
    ['PAST SURGICAL HISTORY', 'past_surgical_history'],
    ['PSH', 'past_surgical_history'],
    ['Surgical History', 'past_surgical_history'],
    ['FAMILY HISTORY', 'family_history'],
    ['FH', 'family_history'],
    ['FHx', 'family_history'],
    ['SOCIAL HISTORY', 'social_history'],
    ['SHx', 'social_history'],
    ['Social Hx', 'social_history'],
    ['MEDICATIONS', 'medications'],
    ['Meds', 'medications'],
    ['CURRENT MEDICATIONS', 'medications'],
    ['DISCHARGE MEDICATIONS', 'medications'],
    ['ALLERGIES', 'allergies'],
    ['Drug Allergies', 'allergies'],
    ['REVIEW OF SYSTEMS', 'review_of_systems'],
    ['ROS', 'review_of_systems'],
    ['PHYSICAL EXAMINATION', 'physical_exam'],
    ['Physical Exam', 'physical_exam'],
    ['PE', 'physical_exam'],
    ['LABORATORY DATA', 'labs'],
    ['Labs', 'labs'],
    ['IMAGING', 'imaging'],
    ['Radiology', 'imaging'],
    ['FINDINGS', 'findings'],
    ['IMPRESSION', 'assessment'],
    ['ASSESSMENT', 'assessment'],
    ['PLAN', 'plan'],
    ['RECOMMENDATIONS', 'plan'],
    ['A/P', 'assessment_plan'],
    ['ASSESSMENT AND PLAN', 'assessment_plan'],
    ['Assessment/Plan', 'assessment_plan'],
    ['IMPRESSION AND PLAN', 'assessment_plan'],
    ['PROBLEM LIST', 'problem_list'],
    ['DISCHARGE DIAGNOSES', 'discharge_diagnoses'],
    ['DISCHARGE DIAGNOSIS', 'discharge_diagnoses'],
    ['ADMITTING DIAGNOSIS(ES)', 'admission_diagnoses'],
    ['FINAL DIAGNOSIS', 'diagnoses'],
    ['PREOPERATIVE DIAGNOSIS', 'preoperative_diagnoses'],
    ['POSTOPERATIVE DIAGNOSES', 'postoperative_diagnoses'],
    ['PROCEDURES', 'procedures'],
    ['PROCEDURE PERFORMED', 'procedures'],
    ['OPERATION', 'procedures'],
    ['INDICATIONS', 'indications'],
    ['HOSPITAL COURSE', 'hospital_course'],
    ['ED COURSE', 'hospital_course'],
    ['SUBJECTIVE', 'subjective'],
    ['OBJECTIVE', 'objective'],
    ['DISCHARGE INSTRUCTIONS', 'patient_instructions'],
    ['DISPOSITION', 'disposition'],
    ['IMMUNIZATIONS', 'immunizations'],
    ['ESTIMATED BLOOD LOSS', 'operative_details'],
    ['ANESTHESIA', 'operative_details'],
    ['COMPLICATIONS', 'complications'],
    ['VITAL SIGNS', 'vital_signs'],
    ['HIS SOCIAL HISTORY', 'social_history'],
    ['ENDOSCOPIC IMPRESSION', 'assessment'],
  ])('%s → %s', (header, category) => {
    const [section] = detectSections(`${header}: text of the section.`);
    expect(section?.category).toBe(category);
  });

  it("reads another clinician's note as clinician_notes, but not a plan item of the provider", () => {
    expect(categories('WOUND CARE NURSE: Stage 3 sacral pressure injury.')).toEqual(['clinician_notes']);
    expect(categories('Dietitian Assessment: intake under 50% for 7 days.')).toEqual(['clinician_notes']);
    expect(categories('ASSESSMENT AND PLAN:\nStage 3 sacral pressure ulcer.\nWound care: daily dressing.\nPhysical therapy: evaluate.')).toEqual([
      'assessment_plan',
    ]);
  });

  it('gives the header span and the body span', () => {
    const text = 'HPI: Cough for 3 days.\nPast Medical History:  Asthma.';
    const sections = detectSections(text);
    expect(
      sections.map((s) => [s.category, s.header && text.slice(s.header.start, s.header.end), text.slice(s.body.start, s.body.end)]),
    ).toEqual([
      ['history_of_present_illness', 'HPI:', 'Cough for 3 days.'],
      ['past_medical_history', 'Past Medical History:', 'Asthma.'],
    ]);
  });

  it('reads the HEADER:, run-ons of MTSamples transcriptions', () => {
    const text =
      'SUBJECTIVE:,  Presents with allergies.,MEDICATIONS: , Allegra.,ALLERGIES: , No known medicine allergies.,OBJECTIVE:,Vitals:  BP 124/78.,HEENT:  Throat mildly red.';
    const sections = detectSections(text);
    expect(sections.map((s) => [s.category, s.title, text.slice(s.body.start, s.body.end)])).toEqual([
      ['subjective', 'Subjective', 'Presents with allergies.'],
      ['medications', 'Medications', 'Allegra.'],
      ['allergies', 'Allergies', 'No known medicine allergies.'],
      ['objective', 'Objective', ''],
      ['objective', 'Vital Signs', 'BP 124/78.'],
      ['objective', 'General', 'Throat mildly red.'],
    ]);
  });

  it('reads capitalised headers followed by a comma (PREOPERATIVE DIAGNOSES,1.)', () => {
    expect(
      categories('PREOPERATIVE DIAGNOSES,1.  Pregnancy.,PROCEDURES,1.  Vaginal delivery.,PHYSICAL EXAMINATION,GENERAL:  Well.'),
    ).toEqual(['preoperative_diagnoses', 'procedures', 'physical_exam', 'physical_exam']);
  });

  it('reads a known heading alone on its line', () => {
    expect(categories('Past Medical History\nAsthma\n\nPlan\nInhaler')).toEqual(['past_medical_history', 'plan']);
  });

  it('makes an unknown ALL-CAPS header a section of unknown category', () => {
    expect(categories('PLAN: Surgery.\nCODE STATUS: Full code.')).toEqual(['plan', 'unknown']);
  });

  it('makes an unknown ALL-CAPS header inside an exam a sub-header of the exam', () => {
    const sections = detectSections('PHYSICAL EXAMINATION:\nGENITALIA: Normal.\nLABS: Normal.');
    expect(sections.map((s) => [s.category, s.subsection])).toEqual([
      ['physical_exam', false],
      ['physical_exam', true],
      ['labs', false],
    ]);
  });

  it('keeps body-system sub-headers in the review of systems', () => {
    expect(categories('REVIEW OF SYSTEMS: CONSTITUTIONAL: No fever.  HEENT: No sore throat.')).toEqual([
      'review_of_systems',
      'review_of_systems',
      'review_of_systems',
    ]);
  });

  it('starts an exam at a body-system header when no exam header came before', () => {
    expect(categories('HPI: Cough.\nLUNGS: Clear.\nHEART: Regular.')).toEqual([
      'history_of_present_illness',
      'physical_exam',
      'physical_exam',
    ]);
  });

  it.each([
    ['a mixed-case phrase with a colon', 'Pain: worse at night.'],
    ['a time of day', 'Seen AT 10:30 today.'],
    ['an abbreviation written in lower case', 'pe: none'],
    ['a heading word in the middle of a sentence', 'His past medical history: asthma.'],
  ])('is not fooled by %s', (_name, text) => {
    expect(categories(text)).toEqual(['unknown']);
  });

  it('finishes on 5 MB of text and on binary garbage', () => {
    const big = 'HPI: Cough.,PMH: Asthma.  PLAN:,1.  Inhaler.\n'.repeat(120_000);
    expect(detectSections(big).length).toBeGreaterThan(100_000);
    let garbage = '';
    for (let i = 0; i < 200_000; i++) garbage += String.fromCharCode((i * 7919) % 65536);
    expect(Array.isArray(detectSections(garbage))).toBe(true);
  });

  it('finishes on one 1 MB line and on whitespace-only text', () => {
    expect(detectSections(`PLAN: ${'rest and fluids, '.repeat(65_000)}`).map((s) => s.category)).toEqual(['plan']);
    expect(detectSections(' \n\t ')).toEqual([]);
  });

  it('takes a compiled pack and compiles each pack once', () => {
    const compiled = compileSectionRules();
    expect(compileSectionRules(compiled.pack)).toBe(compiled);
    expect(detectSections('PMH: asthma', compiled)[0]?.category).toBe('past_medical_history');
  });
});

describe('sectionAt', () => {
  it('finds the section holding an offset, header included', () => {
    const text = 'HPI: Cough.\nFH: Mother with diabetes.';
    const sections = detectSections(text);
    expect(sectionAt(sections, text.indexOf('Cough'))?.category).toBe('history_of_present_illness');
    expect(sectionAt(sections, text.indexOf('FH'))?.category).toBe('family_history');
    expect(sectionAt(sections, text.indexOf('diabetes'))?.category).toBe('family_history');
    expect(sectionAt([], 3)).toBeUndefined();
  });
});
