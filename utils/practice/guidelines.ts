/**
 * The sections of the ICD-10-CM Official Guidelines for Coding and Reporting that practice cases cite.
 * A case may only cite a section listed here (the case schema checks it), so every reference the
 * student sees has a title, and a structure test checks each title against the guidelines text.
 *
 * Numbering follows the guidelines' own outline: `I.C.9.a.2` is Section I, part C, chapter 9,
 * item a, sub-item 2; `IV.H` is Section IV, item H.
 */

/** The guidelines edition the section titles were checked against. */
export const GUIDELINES_EDITION = Object.freeze({
  title: 'ICD-10-CM Official Guidelines for Coding and Reporting FY 2026 (October 1, 2025)',
  file: 'icd10cm/guidelines/ICD-10-CM-Guidelines-FY2026-October-2025.txt.gz',
  // The cases are dated in FY2027 and coded with the FY2027 code set; the FY2027 guidelines are not in
  // the data folder yet, so section numbers are those of the FY2026 edition (TODO 2026-11-22: recheck
  // every cited section when the FY2027 guidelines text is added).
  note: 'FY2026 edition; recheck against the FY2027 guidelines when they are added to the data folder.',
});

export interface GuidelineSection {
  /** Short title for display. */
  title: string;
  /** A verbatim fragment of the section (its heading where that is distinctive), checked against the text. */
  quote: string;
}

const s = (title: string, quote: string = title): GuidelineSection => Object.freeze({ title, quote });

export const GUIDELINE_SECTIONS: Readonly<Record<string, GuidelineSection>> = Object.freeze({
  'I.A.12.a': s('Excludes1', 'A type 1 Excludes note is a pure excludes note'),
  'I.A.13': s('Etiology/manifestation convention ("code first", "use additional code")', 'Etiology/manifestation convention'),
  'I.A.15': s('"With"', 'The word "with" or "in" should be interpreted to mean "associated with" or "due to"'),
  'I.A.19': s('Code assignment and clinical criteria', 'Code assignment and Clinical Criteria'),
  'I.B.1': s('Locating a code in the ICD-10-CM'),
  'I.B.2': s('Level of detail in coding', 'Level of Detail in Coding'),
  'I.B.4': s('Signs and symptoms', 'Codes that describe symptoms and signs, as opposed to diagnoses'),
  'I.B.5': s('Conditions that are an integral part of a disease process'),
  'I.B.7': s('Multiple coding for a single condition'),
  'I.B.9': s('Combination code', 'A combination code is a single code used to classify'),
  'I.B.10': s('Sequela (late effects)', 'A sequela is the residual effect'),
  'I.B.12': s(
    'Reporting same diagnosis code more than once',
    'Each unique ICD-10-CM diagnosis code may be reported only once for an encounter',
  ),
  'I.B.13': s('Laterality', 'Some ICD-10-CM codes indicate laterality'),
  'I.B.14': s("Documentation by clinicians other than the patient's provider", 'Documentation by Clinicians Other than the Patient'),
  'I.C.1.a.1': s('HIV: code only confirmed cases', 'Code only confirmed cases of HIV infection/illness'),
  'I.C.1.a.2.a': s('HIV disease (B20)', 'If the term "AIDS" or "HIV disease" is documented'),
  'I.C.1.a.2.b': s('Patient admitted for HIV-related condition'),
  'I.C.1.b': s('Infectious agents as the cause of diseases classified to other chapters'),
  'I.C.1.d.1.a': s('Sepsis', 'For a diagnosis of sepsis, assign the appropriate code for the underlying systemic infection'),
  'I.C.1.d.1.b': s('Severe sepsis', 'The coding of severe sepsis requires a minimum of 2 codes'),
  'I.C.1.d.2': s('Septic shock', 'Septic shock generally refers to circulatory failure associated with severe sepsis'),
  'I.C.1.d.3': s('Sequencing of severe sepsis', 'A code from subcategory R65.2 can never be assigned as a principal diagnosis'),
  'I.C.1.d.4': s('Sepsis or severe sepsis with a localized infection'),
  'I.C.1.e.1.b': s(
    'Other codes for MRSA infection',
    'and that infection does not have a combination code that includes the causal organism',
  ),
  'I.C.1.g.1.a': s('COVID-19: code only confirmed cases', 'Code only a confirmed diagnosis of the 2019 novel coronavirus disease'),
  'I.C.1.g.1.c': s('Acute respiratory manifestations of COVID-19'),
  'I.C.1.g.1.e': s('Exposure to COVID-19', 'For asymptomatic individuals with actual or suspected exposure to COVID-19'),
  'I.C.1.g.1.n': s('Underimmunization for COVID-19 status', 'Code Z28.310, Unvaccinated for COVID-19, may be assigned'),
  'I.C.2.b': s('Admission/encounter for treatment of secondary site', 'Admission/Encounter for treatment of secondary site'),
  'I.C.2.c.1': s('Anemia associated with malignancy'),
  'I.C.2.c.2': s(
    'Anemia associated with chemotherapy, immunotherapy and radiation therapy',
    'Anemia associated with chemotherapy, immunotherapy and',
  ),
  'I.C.2.e.2': s(
    'Encounter chiefly for administration of chemotherapy, immunotherapy or radiation therapy',
    'If a patient admission/encounter is chiefly for the administration of chemotherapy',
  ),
  'I.C.2.g': s(
    'Symptoms, signs and abnormal findings associated with neoplasms',
    'cannot be used to replace the malignancy as principal or',
  ),
  'I.C.2.l.2': s('Encounter for treatment of secondary malignancy'),
  'I.C.2.m': s('Current malignancy versus personal history of malignancy'),
  'I.C.4.a': s('Diabetes mellitus', 'The diabetes mellitus codes are combination codes'),
  'I.C.4.a.3': s(
    'Diabetes mellitus and the use of insulin, oral hypoglycemics and injectable non-insulin drugs',
    'Diabetes mellitus and the use of insulin, oral hypoglycemics',
  ),
  'I.C.4.b.1': s('Obesity class', 'if both class 3 obesity and morbid obesity are documented'),
  'I.C.5.b.2': s('Psychoactive substance use, abuse and dependence', 'If both abuse and dependence are documented, assign only the code'),
  'I.C.5.b.4': s(
    'Medical conditions due to psychoactive substance use, abuse and dependence',
    'Medical conditions due to substance use, abuse, and dependence are not',
  ),
  'I.C.9.a': s('Hypertension', 'The classification presumes a causal relationship between hypertension and heart'),
  'I.C.9.a.1': s('Hypertension with heart disease', 'Hypertension with Heart Disease'),
  'I.C.9.a.2': s('Hypertensive chronic kidney disease', 'Assign codes from category I12, Hypertensive chronic kidney disease'),
  'I.C.9.a.3': s('Hypertensive heart and chronic kidney disease', 'are combination codes that include hypertension, heart disease'),
  'I.C.9.a.7': s('Hypertension, transient', 'Assign code R03.0, Elevated blood pressure reading without diagnosis of'),
  'I.C.9.b': s(
    'Atherosclerotic coronary artery disease and angina',
    'ICD-10-CM has combination codes for atherosclerotic heart disease with angina',
  ),
  'I.C.9.d.1': s('Category I69, sequelae of cerebrovascular disease', 'For ambidextrous patients, the default should be dominant'),
  'I.C.9.d.3': s(
    'Codes from category I69 and personal history of TIA and cerebral infarction (Z86.73)',
    'Codes from category I69 should not be assigned if the patient does not',
  ),
  'I.C.9.e.1': s('Type 1 STEMI and NSTEMI', 'Code I21.4, Non-ST elevation'),
  'I.C.9.e.5': s('Other types of myocardial infarction', 'Type 2 myocardial infarction (myocardial infarction due to demand'),
  'I.C.10.a.1': s(
    'Acute exacerbation of chronic obstructive bronchitis and asthma',
    'An acute exacerbation is a worsening or a decompensation of a chronic condition',
  ),
  'I.C.10.b.2': s('Acute respiratory failure as secondary diagnosis', 'Respiratory failure may be listed as a secondary diagnosis'),
  'I.C.10.c': s(
    'Influenza due to certain identified influenza viruses',
    'Code only confirmed cases of influenza due to certain identified influenza',
  ),
  'I.C.13.a': s('Site and laterality', 'Most of the codes within Chapter 13 have site and laterality designations'),
  'I.C.13.d.2': s(
    'Osteoporosis with current pathological fracture',
    'not a traumatic fracture code, should be used for any patient with known osteoporosis',
  ),
  'I.C.14.a.1': s('Stages of chronic kidney disease (CKD)', 'The ICD-10-CM classifies CKD based on severity'),
  'I.C.15.a.1': s(
    'Codes from chapter 15 and sequencing priority',
    'Chapter 15 codes have sequencing priority over codes from other chapters',
  ),
  'I.C.15.a.3': s('Final character for trimester', 'The majority of codes in Chapter 15 have a final character indicating the'),
  'I.C.15.a.6': s('7th character for fetus identification', 'Assign 7th character "0"'),
  'I.C.15.b.1': s('Routine outpatient prenatal visits', 'For routine outpatient prenatal visits when no complications are present'),
  'I.C.15.b.3': s('Episodes when no delivery occurs', 'In episodes when no delivery occurs, the principal diagnosis should'),
  'I.C.15.b.4': s('When a delivery occurs', 'In cases of cesarean delivery, if the patient was'),
  'I.C.15.b.5': s('Outcome of delivery', 'A code from category Z37, Outcome of delivery, should be included on'),
  'I.C.15.d': s('Pre-existing hypertension in pregnancy', 'Category O10, Pre-existing hypertension complicating pregnancy'),
  'I.C.15.i': s('Gestational (pregnancy induced) diabetes', 'should not be assigned with codes from subcategory O24.4'),
  'I.C.15.n.1': s(
    'Encounter for full term uncomplicated delivery',
    'Code O80 should be assigned when a patient is admitted for a full-term',
  ),
  'I.C.15.n.3': s('Outcome of delivery for O80', 'Z37.0, Single live birth, is the only outcome of delivery code appropriate'),
  'I.C.18.b': s(
    'Use of a symptom code with a definitive diagnosis code',
    'Codes for signs and symptoms may be reported in addition to a related definitive',
  ),
  'I.C.18.c': s('Combination codes that include symptoms', 'ICD-10-CM contains a number of combination codes that identify both the'),
  'I.C.19.a': s('Application of 7th characters in chapter 19', '7th character "D" subsequent encounter is used for encounters after the'),
  'I.C.19.b': s('Coding of injuries', 'When coding injuries, assign separate codes for each injury unless a'),
  'I.C.19.c': s('Coding of traumatic fractures', 'A fracture not indicated as open or closed should be coded to closed'),
  'I.C.19.c.1': s('Initial vs. subsequent encounter for fractures', 'Initial vs. subsequent encounter for fractures'),
  'I.C.19.d.1': s('Sequencing of burn and related condition codes', 'Sequence first the code that reflects the highest degree of burn'),
  'I.C.19.d.5': s('Assign separate codes for each burn site', 'When coding burns, assign separate codes for each burn site'),
  'I.C.19.d.6': s(
    'Burns classified according to extent of body surface involved',
    'Assign codes from category T31, Burns classified according to extent',
  ),
  'I.C.19.d.9': s(
    'Use of an external cause code with burns and corrosions',
    'An external cause code should be used with burns and corrosions to',
  ),
  'I.C.19.e': s('Adverse effects, poisoning, underdosing and toxic effects', 'No additional external cause code is required'),
  'I.C.19.e.5.a': s('Adverse effect', 'When coding an adverse effect of a drug that has been correctly'),
  'I.C.19.e.5.b': s('Poisoning', 'When coding a poisoning or reaction to the improper use of a'),
  'I.C.19.e.5.c': s('Underdosing', 'Codes for underdosing should never be assigned as principal or'),
  'I.C.20': s('External causes of morbidity', 'There is no national requirement for mandatory ICD-10-CM external cause code'),
  'I.C.20.a.2': s('External cause code used for length of treatment', 'External cause code used for length of treatment'),
  'I.C.20.a.6': s(
    'External cause code can never be a principal diagnosis',
    'An external cause code can never be a principal (first-listed) diagnosis',
  ),
  'I.C.20.a.8': s(
    'No external cause code needed in certain circumstances',
    'No external cause code from Chapter 20 is needed if the external cause',
  ),
  'I.C.20.b': s('Place of occurrence', 'Generally, a place of occurrence code is assigned only once, at the initial'),
  'I.C.20.c': s('Activity code', 'An activity code is used only once, at the initial encounter for treatment'),
  'I.C.20.d': s(
    'Place of occurrence, activity and status codes used with other external cause codes',
    'are sequenced after the main external cause code(s)',
  ),
  'I.C.20.f': s('Multiple external cause coding', 'External cause codes for transport accidents take priority over all other external'),
  'I.C.20.k': s('External cause status', 'A code from category Y99, External cause status, should be assigned whenever'),
  'I.C.21.c.1': s('Contact/exposure', 'Category Z20 indicates contact with, and suspected exposure to'),
  'I.C.21.c.2': s('Inoculations and vaccinations', 'Code Z23 is for encounters for inoculations and vaccinations'),
  'I.C.21.c.3': s('Status', 'Status codes indicate that a patient is either a carrier of a disease or has'),
  'I.C.21.c.4': s('History (of)', 'There are two types of history Z codes, personal and family'),
  'I.C.21.c.5': s('Screening', 'Should a condition be discovered during the screening then the code for'),
  'I.C.21.c.7': s('Aftercare', 'The aftercare Z codes should also not be used for aftercare for injuries'),
  'I.C.21.c.8': s('Follow-up', 'The follow-up codes are used to explain continuing surveillance'),
  'I.C.21.c.11': s(
    'Encounters for obstetrical and reproductive services',
    'Codes in category Z3A, Weeks of gestation, may be assigned to provide',
  ),
  'I.C.21.c.12': s('Routine and administrative examinations', 'Some of the codes for routine health examinations distinguish between'),
  'I.C.21.c.17': s('Social determinants of health', 'Social Determinants of Health'),
  II: s('Selection of principal diagnosis', 'Selection of Principal Diagnosis'),
  'II.A': s(
    'Codes for symptoms, signs and ill-defined conditions',
    'are not to be used as principal diagnosis when a related definitive diagnosis has',
  ),
  'II.H': s('Uncertain diagnosis (inpatient)', 'code the condition as if it existed or was established'),
  III: s('Reporting additional diagnoses', 'Reporting Additional Diagnoses'),
  'III.B': s('Abnormal findings', 'Abnormal findings (laboratory, x-ray, pathologic, and other diagnostic results) are not coded'),
  'IV.A': s(
    'Selection of first-listed condition',
    'In the outpatient setting, the term first-listed diagnosis is used in lieu of principal',
  ),
  'IV.D': s('Codes that describe symptoms and signs'),
  'IV.G': s(
    'Code for the diagnosis, condition, problem or other reason for the encounter',
    'List first the ICD-10-CM code for the diagnosis, condition, problem, or other reason for',
  ),
  'IV.H': s('Uncertain diagnosis (outpatient)', 'Do not code diagnoses documented as "probable", "suspected,"'),
  'IV.I': s('Chronic diseases', 'Chronic diseases treated on an ongoing basis may be coded and reported as many times'),
  'IV.J': s('Code all documented conditions that coexist', 'Do not code conditions that were previously'),
  'IV.L': s('Patients receiving therapeutic services only', 'when the primary reason for the admission/encounter is'),
  'IV.N': s('Ambulatory surgery', 'For ambulatory surgery, code the diagnosis for which the surgery was performed'),
  'IV.P': s(
    'Encounters for general medical examinations with abnormal findings',
    'An examination with abnormal findings refers to a condition/diagnosis that is newly',
  ),
});

export type GuidelineRef = keyof typeof GUIDELINE_SECTIONS & string;

export const GUIDELINE_REFS: readonly string[] = Object.freeze(Object.keys(GUIDELINE_SECTIONS));

/** `I.C.4.a` → `I.C.4.a Diabetes mellitus`; an unknown reference comes back unchanged. */
export function guidelineLabel(ref: string): string {
  const section = GUIDELINE_SECTIONS[ref];
  return section ? `${ref} ${section.title}` : ref;
}
