import { describe, expect, it } from 'vitest';
import { applyContext, compileContext, listTriggers } from '../../../utils/nlp/context';
import { defaultContextRules } from '../../../utils/nlp/rules';
import type { ContextRule, ContextRulePack, ContextResult, SectionCategory, SectionContextRule } from '../../../utils/nlp/types';

/** A pack with just these rules (medspaCy style: add one rule, run one sentence, assert one flag). */
function pack(rules: ContextRule[], extra: Partial<ContextRulePack> = {}): ContextRulePack {
  return { version: 1, rules, sectionRules: [], currentCues: [], chainFillers: [], ...extra };
}

const rule = (
  literal: string,
  category: ContextRule['category'],
  direction: ContextRule['direction'],
  more: Partial<ContextRule> = {},
): ContextRule => ({
  literal,
  category,
  direction,
  ...more,
});

/** Context of the first occurrence of `target` in `sentence`. */
function run(sentence: string, target: string, rules: ContextRulePack = defaultContextRules(), section?: SectionCategory): ContextResult {
  const start = sentence.indexOf(target);
  if (start < 0) throw new Error(`"${target}" not in "${sentence}"`);
  const [result] = applyContext(sentence, [{ start, end: start + target.length }], rules, section ? { section } : {});
  if (!result) throw new Error('no result');
  return result;
}

describe('applyContext: empty input', () => {
  it('returns nothing for no targets', () => {
    expect(applyContext('', [], pack([]))).toEqual([]);
    expect(applyContext('No fever.', [], defaultContextRules())).toEqual([]);
  });

  it('returns an affirmed result for an empty sentence or an empty target', () => {
    const affirmed = { negated: false, possible: false, historical: false, hypothetical: false, experiencer: 'patient', triggers: [] };
    expect(applyContext('', [{ start: 0, end: 0 }], defaultContextRules())).toEqual([affirmed]);
    expect(applyContext('No fever.', [{ start: 3, end: 3 }], defaultContextRules())).toEqual([affirmed]);
  });

  it('clamps targets outside the sentence instead of throwing', () => {
    const results = applyContext(
      'No fever.',
      [
        { start: -5, end: 400 },
        { start: Number.NaN, end: 2 },
      ],
      defaultContextRules(),
    );
    expect(results).toHaveLength(2);
  });

  it('modifies nothing with an empty pack', () => {
    expect(run('No fever.', 'fever', pack([])).negated).toBe(false);
  });
});

describe('applyContext: one rule, one sentence, one assertion', () => {
  it('NEGATED_EXISTENCE forward', () => {
    expect(run('Patient denies fever.', 'fever', pack([rule('denies', 'NEGATED_EXISTENCE', 'forward')])).negated).toBe(true);
  });

  it('NEGATED_EXISTENCE backward', () => {
    expect(run('Pneumonia was ruled out.', 'Pneumonia', pack([rule('was ruled out', 'NEGATED_EXISTENCE', 'backward')])).negated).toBe(true);
  });

  it('NEGATED_EXISTENCE bidirectional', () => {
    const rules = pack([rule('unlikely', 'NEGATED_EXISTENCE', 'bidirectional')]);
    expect(run('Embolism is unlikely.', 'Embolism', rules).negated).toBe(true);
    expect(run('Unlikely to be embolism.', 'embolism', rules).negated).toBe(true);
  });

  it('a forward trigger does not reach backwards', () => {
    expect(run('Fever, no cough.', 'Fever', pack([rule('no', 'NEGATED_EXISTENCE', 'forward')])).negated).toBe(false);
  });

  it('a backward trigger does not reach forwards', () => {
    expect(run('Ruled out: pneumonia.', 'pneumonia', pack([rule('ruled out', 'NEGATED_EXISTENCE', 'backward')])).negated).toBe(false);
  });

  it('POSSIBLE_EXISTENCE forward', () => {
    expect(run('Possible pneumonia.', 'pneumonia', pack([rule('possible', 'POSSIBLE_EXISTENCE', 'forward')])).possible).toBe(true);
  });

  it('HISTORICAL forward', () => {
    expect(run('History of stroke.', 'stroke', pack([rule('history of', 'HISTORICAL', 'forward')])).historical).toBe(true);
  });

  it('HISTORICAL backward', () => {
    expect(run('Seizures in the past.', 'Seizures', pack([rule('in the past', 'HISTORICAL', 'backward')])).historical).toBe(true);
  });

  it('HYPOTHETICAL forward', () => {
    expect(run('Return if chest pain recurs.', 'chest pain', pack([rule('if', 'HYPOTHETICAL', 'forward')])).hypothetical).toBe(true);
  });

  it('FAMILY forward', () => {
    expect(run('Family history of colon cancer.', 'colon cancer', pack([rule('family history of', 'FAMILY', 'forward')])).experiencer).toBe(
      'family',
    );
  });

  it('FAMILY bidirectional', () => {
    expect(run('Breast cancer in her mother.', 'Breast cancer', pack([rule('mother', 'FAMILY', 'bidirectional')])).experiencer).toBe(
      'family',
    );
  });

  it('OTHER_EXPERIENCER', () => {
    expect(run('Roommate has influenza.', 'influenza', pack([rule('roommate', 'OTHER_EXPERIENCER', 'bidirectional')])).experiencer).toBe(
      'other',
    );
  });

  it('a pattern rule', () => {
    const rules = pack([rule('<n> years ago', 'HISTORICAL', 'backward', { pattern: '\\b\\d+ years ago\\b' })]);
    expect(run('Appendicitis 10 years ago.', 'Appendicitis', rules).historical).toBe(true);
  });

  it('a trigger inside parentheses reaches only what they enclose', () => {
    const rules = pack([rule('ruled out', 'NEGATED_EXISTENCE', 'backward'), rule('no', 'NEGATED_EXISTENCE', 'forward')]);
    const sentence = 'Asthma with acute exacerbation (status asthmaticus ruled out).';
    expect(run(sentence, 'Asthma with acute exacerbation', rules).negated).toBe(false);
    expect(run(sentence, 'status asthmaticus', rules).negated).toBe(true);
    expect(run('Chest pain (no radiation) and dyspnea.', 'dyspnea', rules).negated).toBe(false);
    // A trigger outside still reaches into them.
    expect(run('No fever (temperature 37.1).', 'fever', rules).negated).toBe(true);
  });

  it('a trigger that is the target’s own Index main term does not modify it ("Depression screening", Z13.89)', () => {
    const rules = pack([rule('screening', 'HYPOTHETICAL', 'backward', { maxScope: 3 })]);
    const sentence = 'Depression screening today.';
    const [asScreening, asDepression] = applyContext(
      sentence,
      [
        { start: 0, end: 20, mainTerm: 'Screening' },
        { start: 0, end: 10, mainTerm: 'Depression' },
      ],
      rules,
    );
    expect(asScreening?.hypothetical).toBe(false);
    expect(asDepression?.hypothetical).toBe(true);
  });

  it('maxScope limits the scope in words', () => {
    const rules = pack([rule('no', 'NEGATED_EXISTENCE', 'forward', { maxScope: 2 })]);
    expect(run('No fever or chills and then rash.', 'rash', rules).negated).toBe(false);
  });

  it('maxScope does not count chain fillers for the categories in scopeSkipsFillers, and counts them for the others', () => {
    const fillers = { chainFillers: ['she', 'had', 'a', 'with'] };
    const then = rule('then', 'HISTORICAL', 'forward', { maxScope: 2 });
    const sentence = 'Then she had a fall with a fracture.';
    expect(run(sentence, 'fracture', pack([then], { ...fillers, scopeSkipsFillers: ['HISTORICAL'] })).historical).toBe(true);
    expect(run(sentence, 'fracture', pack([then], fillers)).historical).toBe(false);
    const no = rule('no', 'NEGATED_EXISTENCE', 'forward', { maxScope: 2 });
    expect(
      run('No she had a fall with a fracture.', 'fracture', pack([no], { ...fillers, scopeSkipsFillers: ['HISTORICAL'] })).negated,
    ).toBe(false);
  });

  it('reports the trigger with offsets into the original sentence', () => {
    const result = run('Patient  DENIES   fever.', 'fever', pack([rule('denies', 'NEGATED_EXISTENCE', 'forward')]));
    expect(result.triggers).toEqual([{ literal: 'denies', category: 'NEGATED_EXISTENCE', start: 9, end: 15 }]);
  });

  it('matches case-, accent- and space-insensitively', () => {
    expect(run('NO  ÉVIDENCE OF edema.', 'edema', pack([rule('no evidence of', 'NEGATED_EXISTENCE', 'forward')])).negated).toBe(true);
  });

  it('matches on word boundaries only', () => {
    expect(run('Nothing suggests notable edema.', 'edema', pack([rule('no', 'NEGATED_EXISTENCE', 'forward')])).negated).toBe(false);
  });
});

describe('applyContext: terminators and pseudo-triggers', () => {
  const negation = rule('no', 'NEGATED_EXISTENCE', 'forward');

  it('TERMINATE ends a forward scope', () => {
    expect(run('No fever but has cough.', 'cough', pack([negation, rule('but', 'TERMINATE', 'terminate')])).negated).toBe(false);
  });

  it('TERMINATE ends a backward scope', () => {
    const rules = pack([rule('ruled out', 'NEGATED_EXISTENCE', 'backward'), rule('which', 'TERMINATE', 'terminate')]);
    expect(run('Cough which made us worry that pneumonia was ruled out.', 'Cough', rules).negated).toBe(false);
  });

  it('keeps the scope before the terminator', () => {
    expect(run('No fever but has cough.', 'fever', pack([negation, rule('but', 'TERMINATE', 'terminate')])).negated).toBe(true);
  });

  it('PSEUDO blocks the trigger inside it', () => {
    expect(run('No increase in effusion.', 'effusion', pack([negation, rule('no increase', 'PSEUDO', 'pseudo')])).negated).toBe(false);
  });

  it('PSEUDO blocks a trigger overlapping its end', () => {
    const rules = pack([rule('negative', 'NEGATED_EXISTENCE', 'backward'), rule('gram negative', 'PSEUDO', 'pseudo')]);
    expect(run('Bacteremia, gram negative.', 'Bacteremia', rules).negated).toBe(false);
  });

  it('a trigger of another category ends the scope', () => {
    const rules = pack([negation, rule('history of', 'HISTORICAL', 'forward')]);
    expect(run('No fever, history of asthma.', 'asthma', rules).negated).toBe(false);
  });

  it('a trigger of another category continues the scope across filler words', () => {
    const rules = pack([negation, rule('history of', 'HISTORICAL', 'forward')], { chainFillers: ['known'] });
    const result = run('No known history of DVT.', 'DVT', rules);
    expect([result.negated, result.historical]).toEqual([true, true]);
  });

  it('a trigger at the edge of the target modifies it', () => {
    expect(run('Status post CABG.', 'Status post CABG', pack([rule('status post', 'HISTORICAL', 'forward')])).historical).toBe(true);
  });

  it('a target that is only a trigger is not modified by itself', () => {
    expect(run('Sick contacts.', 'Sick contacts', pack([rule('sick contacts', 'OTHER_EXPERIENCER', 'bidirectional')])).experiencer).toBe(
      'patient',
    );
  });
});

describe('applyContext: sections', () => {
  const sectionRules: SectionContextRule[] = [
    { section: 'family_history', category: 'FAMILY' },
    { section: 'past_medical_history', category: 'HISTORICAL', unlessCurrent: true },
    { section: 'patient_instructions', category: 'HYPOTHETICAL' },
  ];
  const rules = pack([], { sectionRules, currentCues: ['currently', 'active'] });

  it('Family History → family experiencer', () => {
    expect(run('Diabetes.', 'Diabetes', rules, 'family_history').experiencer).toBe('family');
  });

  it('Past Medical History → historical', () => {
    expect(run('Asthma.', 'Asthma', rules, 'past_medical_history').historical).toBe(true);
  });

  it('Past Medical History → current when the sentence says so', () => {
    expect(run('Asthma, currently on inhalers.', 'Asthma', rules, 'past_medical_history').historical).toBe(false);
  });

  it('Patient instructions → hypothetical', () => {
    expect(run('Chest pain.', 'Chest pain', rules, 'patient_instructions').hypothetical).toBe(true);
  });

  it('other sections add nothing', () => {
    expect(run('Asthma.', 'Asthma', rules, 'assessment_plan')).toMatchObject({ historical: false, experiencer: 'patient' });
  });

  it('names the section default among the triggers', () => {
    expect(run('Asthma.', 'Asthma', rules, 'past_medical_history').triggers).toEqual([
      { literal: 'section: past_medical_history', category: 'HISTORICAL', start: 0, end: 0 },
    ]);
  });
});

/** A pack holding only the shipped rules with this literal (plus the shipped pseudo-triggers when asked). */
function shipped(literal: string, withPseudo = false): ContextRulePack {
  const all = defaultContextRules().rules;
  const picked = all.filter((r) => r.literal === literal || (withPseudo && r.category === 'PSEUDO'));
  if (!picked.some((r) => r.literal === literal)) throw new Error(`no shipped rule "${literal}"`);
  return pack(picked);
}

// Shipped temporal rules (ConText: historical means more than 14 days before the encounter), one rule each.
describe('applyContext: shipped historical rules, one at a time', () => {
  it('"<number> years ago (before the finding)" reaches forward', () => {
    expect(
      run('Three years ago she was treated for pyelonephritis.', 'pyelonephritis', shipped('<number> years ago (before the finding)'))
        .historical,
    ).toBe(true);
  });

  it('"<number> years ago (before the finding)" dates its whole clause, past its articles and "had", "with" (shipped fillers)', () => {
    const { chainFillers, scopeSkipsFillers } = defaultContextRules();
    const rules = pack(shipped('<number> years ago (before the finding)').rules, { chainFillers, scopeSkipsFillers });
    expect(run('Two years ago she had a fall with a fracture of the left wrist.', 'fracture of the left wrist', rules).historical).toBe(
      true,
    );
    expect(
      run(
        'Two years ago she had a fall with a fracture of the left wrist.',
        'fracture of the left wrist',
        shipped('<number> years ago (before the finding)'),
      ).historical,
    ).toBe(false);
  });

  it('"<number> years ago (before the finding)" leaves months to the present illness', () => {
    expect(run('Two months ago she developed a cough.', 'cough', shipped('<number> years ago (before the finding)')).historical).toBe(
      false,
    );
  });

  it('"<number> years earlier / before / prior" reaches backward', () => {
    expect(
      run('He had a stroke two years before the current visit.', 'stroke', shipped('<number> years earlier / before / prior')).historical,
    ).toBe(true);
  });

  it('"in <calendar year>" reaches backward', () => {
    expect(run('Left knee replacement in 2011.', 'knee replacement', shipped('in <calendar year>')).historical).toBe(true);
  });

  it('"in <calendar year>" takes a month', () => {
    expect(run('Hepatitis C treated in June 2016.', 'Hepatitis C', shipped('in <calendar year>')).historical).toBe(true);
  });

  it('"in <calendar year>" does not reach forward: a narrative date may open the present illness', () => {
    expect(run('In June 2016 he presented with hepatitis C.', 'hepatitis C', shipped('in <calendar year>')).historical).toBe(false);
  });

  it('"in <calendar year>" takes a decade', () => {
    expect(run('Rheumatic fever in the 1970s.', 'Rheumatic fever', shipped('in <calendar year>')).historical).toBe(true);
  });

  it('"in <calendar year>" is not a volume', () => {
    expect(run('Potassium chloride in 2000 mL for hypokalemia.', 'hypokalemia', shipped('in <calendar year>')).historical).toBe(false);
  });

  it('"in <calendar year>" takes a month and year in figures', () => {
    expect(run('Cholecystectomy in 04/2012.', 'Cholecystectomy', shipped('in <calendar year>')).historical).toBe(true);
  });

  it('"last year"', () => {
    expect(run('She broke her wrist last year.', 'broke her wrist', shipped('last year')).historical).toBe(true);
  });

  it('"the last year" is a pseudo-trigger: a span up to now, not a past date', () => {
    expect(run('Weight loss over the last year.', 'Weight loss', shipped('last year', true)).historical).toBe(false);
  });

  it('"since <n> years ago / began <n> years ago" is a pseudo-trigger: the duration of a present condition', () => {
    expect(run('Knee pain since 2 years ago.', 'Knee pain', shipped('<number> years / months ago', true)).historical).toBe(false);
  });

  it('"years ago (no number)" reaches backward and forward', () => {
    expect(run('She had a hysterectomy years ago.', 'hysterectomy', shipped('years ago (no number)')).historical).toBe(true);
    expect(run('Decades ago he was treated for syphilis.', 'syphilis', shipped('years ago (no number)')).historical).toBe(true);
  });

  it('"since years ago" is a pseudo-trigger: the duration of a present condition', () => {
    expect(run('Hip pain since years ago.', 'Hip pain', shipped('years ago (no number)', true)).historical).toBe(false);
  });

  it('"from <n> years before" is a pseudo-trigger: onset, not a past event', () => {
    expect(
      run('Neck pain from one year before this visit.', 'Neck pain', shipped('<number> years earlier / before / prior', true)).historical,
    ).toBe(false);
  });

  it('"diagnosed <date>" is a pseudo-trigger: the date of the diagnosis, not the end of the condition', () => {
    expect(run('Diagnosed 10 years ago with COPD.', 'COPD', shipped('<number> years ago (before the finding)', true)).historical).toBe(
      false,
    );
  });

  it('"diagnosed with <condition> <date>" is a pseudo-trigger', () => {
    expect(run('She was diagnosed with lupus in 2012.', 'lupus', shipped('in <calendar year>', true)).historical).toBe(false);
  });

  it('"the previous year"', () => {
    expect(run('Gout flares during the previous year.', 'Gout', shipped('the previous year')).historical).toBe(true);
  });

  it('"the year before"', () => {
    expect(run('He had shingles the year before.', 'shingles', shipped('the year before')).historical).toBe(true);
  });

  it('"earlier this year"', () => {
    expect(run('Earlier this year she had cellulitis.', 'cellulitis', shipped('earlier this year')).historical).toBe(true);
  });

  it('"in the distant past"', () => {
    expect(run('Peptic ulcer in the distant past.', 'Peptic ulcer', shipped('in the distant past')).historical).toBe(true);
  });

  it('"in the remote past"', () => {
    expect(run('Hepatitis A in the remote past.', 'Hepatitis A', shipped('in the remote past')).historical).toBe(true);
  });

  it('"as a teenager / in adolescence / in infancy / in his youth"', () => {
    expect(
      run('She had scoliosis surgery as a teenager.', 'scoliosis', shipped('as a teenager / in adolescence / in infancy / in his youth'))
        .historical,
    ).toBe(true);
  });

  it('"at age <n> / at the age of <n>"', () => {
    expect(run('Tonsillectomy at age 7.', 'Tonsillectomy', shipped('at age <n> / at the age of <n>')).historical).toBe(true);
  });

  it('"frequent / multiple admissions for"', () => {
    expect(
      run(
        'He has had multiple admissions for diabetic ketoacidosis.',
        'diabetic ketoacidosis',
        shipped('frequent / multiple admissions for'),
      ).historical,
    ).toBe(true);
  });

  it('"frequent / multiple admissions for" reaches six words, not a whole list', () => {
    const sentence = 'Multiple admissions for pneumonia, then dialysis, anemia, gout and finally chronic gastritis.';
    expect(run(sentence, 'chronic gastritis', shipped('frequent / multiple admissions for')).historical).toBe(false);
  });

  it('"admitted frequently / multiple times for"', () => {
    expect(
      run('She was hospitalized several times for asthma attacks.', 'asthma attacks', shipped('admitted frequently / multiple times for'))
        .historical,
    ).toBe(true);
  });

  it('"previous / prior <study> showed"', () => {
    expect(
      run('A prior chest CT showed a small pulmonary nodule.', 'pulmonary nodule', shipped('previous / prior <study> showed')).historical,
    ).toBe(true);
  });

  it('"previous / prior <study> showed" does not take "prior to"', () => {
    expect(
      run(
        'Prior to the scan showed no change, a pulmonary nodule was seen.',
        'pulmonary nodule',
        shipped('previous / prior <study> showed'),
      ).historical,
    ).toBe(false);
  });

  it('"pshx"', () => {
    expect(run('PSHx hernia repair.', 'hernia repair', shipped('pshx')).historical).toBe(true);
  });

  it('"past surgical hx"', () => {
    expect(run('Past surgical hx: cholecystectomy.', 'cholecystectomy', shipped('past surgical hx')).historical).toBe(true);
  });
});

type Flags = Partial<Pick<ContextResult, 'negated' | 'possible' | 'historical' | 'hypothetical' | 'experiencer'>>;

// Regression table for the shipped pack: synthetic sentences, one target each.
describe('applyContext: shipped rules', () => {
  it.each<[string, string, Flags]>([
    ['No fever but has cough.', 'cough', { negated: false }],
    ['No fever but has cough.', 'fever', { negated: true }],
    ['Patient denies chest pain, shortness of breath, or palpitations.', 'palpitations', { negated: true }],
    ['Negative for malignancy.', 'malignancy', { negated: true }],
    ['Chest X-ray without evidence of pneumonia.', 'pneumonia', { negated: true }],
    ['PCR for influenza is negative.', 'influenza', { negated: true }],
    ['Pulmonary embolism was ruled out.', 'Pulmonary embolism', { negated: true }],
    ['No increase in the pleural effusion.', 'pleural effusion', { negated: false }],
    ['Not only fatigue but also weight loss.', 'fatigue', { negated: false }],
    ['Gram negative rods in the sputum.', 'rods', { negated: false }],
    ['No change in the nodule.', 'nodule', { negated: false }],
    ['Rule out pneumonia.', 'pneumonia', { negated: false, possible: true }],
    ['Pneumonia cannot be excluded.', 'Pneumonia', { negated: false, possible: true }],
    ['Findings consistent with cellulitis.', 'cellulitis', { possible: true }],
    ['Probable urinary tract infection.', 'urinary tract infection', { possible: true }],
    ['History of myocardial infarction.', 'myocardial infarction', { historical: true }],
    ['HISTORY OF PRESENT ILLNESS: cough for 3 days.', 'cough', { historical: false }],
    ['She presents with a 3-day history of cough.', 'cough', { historical: false }],
    ['Status post appendectomy.', 'appendectomy', { historical: true }],
    ['S/p cholecystectomy in 2010.', 'cholecystectomy', { historical: true }],
    ['Previous stroke with residual weakness.', 'stroke', { historical: true }],
    ['Prior myocardial infarction.', 'myocardial infarction', { historical: true }],
    ['Pain started prior to admission.', 'Pain', { historical: false }],
    ['She had kidney stones in the past.', 'kidney stones', { historical: true }],
    ['Cough over the past 3 days.', 'Cough', { historical: false }],
    ['Childhood asthma.', 'asthma', { historical: true }],
    ['Remote history of tuberculosis.', 'tuberculosis', { historical: true }],
    ['Appendicitis 20 years ago.', 'Appendicitis', { historical: true }],
    ['History of diabetes who presents with chest pain.', 'chest pain', { historical: false }],
    ['No history of deep vein thrombosis.', 'deep vein thrombosis', { negated: true, historical: true }],
    ['Return to the emergency department if fever develops.', 'fever', { hypothetical: true }],
    ['Call if any of the following occur: bleeding or swelling.', 'swelling', { hypothetical: true }],
    ['Pressure injury prevention: turn every 2 hours.', 'Pressure injury', { hypothetical: true }],
    ['Aspiration precautions, head of bed at 30 degrees.', 'Aspiration', { hypothetical: true }],
    ['Enoxaparin was given at a lower dose to avoid bleeding.', 'bleeding', { hypothetical: true }],
    ['She avoided contact and the wound is bleeding.', 'bleeding', { hypothetical: false }],
    ['Stage 2 pressure injury of the sacrum; prevention of further breakdown.', 'pressure injury', {}],
    ['Family history of breast cancer.', 'breast cancer', { experiencer: 'family', historical: true }],
    ['Her mother had colon cancer.', 'colon cancer', { experiencer: 'family' }],
    ['Mother reports fever since yesterday.', 'fever', { experiencer: 'patient' }],
    ['Brought in by her husband for confusion.', 'confusion', { experiencer: 'patient' }],
    ['Family history of diabetes and personal history of polyps.', 'polyps', { experiencer: 'patient', historical: true }],
    ['A 45-year-old with old myocardial infarction.', 'myocardial infarction', { historical: true }],
    ['Three years ago she was diagnosed with lupus.', 'lupus', { historical: true }],
    ['Cough for 2 weeks.', 'Cough', { historical: false }],
    ['The MRI from a year ago showed a meningioma.', 'meningioma', { historical: true }],
    ['Hip replacement in 2008 and diagnosed with gout in 2015.', 'Hip replacement', { historical: true }],
    ['Hip replacement in 2008 and diagnosed with gout in 2015.', 'gout', { historical: false }],
    ['Cardiac risk factors include hypertension.', 'hypertension', { historical: false }],
    ['Rash that started 1 week ago.', 'Rash', { historical: false }],
    ['Cholecystectomy in March 2012.', 'Cholecystectomy', { historical: true }],
    ['No alcohol use in the last year.', 'alcohol use', { negated: true, historical: false }],
    ['She was admitted several times for pancreatitis.', 'pancreatitis', { historical: true }],
    ['Prior MRI showed a meningioma.', 'meningioma', { historical: true }],
    ['Risks such as infection and bleeding were discussed.', 'infection', { historical: false }],
    ['A 45-year-old with chest pain.', 'chest pain', { historical: false }],
    // "<duration> history of" gives how long a present complaint has lasted, in years too.
    ['He reports a two-year history of knee pain.', 'knee pain', { historical: false }],
    ['She came with a 3-yr history of itching.', 'itching', { historical: false }],
    ['Seen for a month history of wrist pain.', 'wrist pain', { historical: false }],
    ['He gave a year and a half history of shoulder stiffness.', 'shoulder stiffness', { historical: false }],
    ['She has a history of shoulder stiffness.', 'shoulder stiffness', { historical: true }],
    // The admission ends the past history's scope: what follows is why the patient came.
    ['A 70-year-old with a history of gout was admitted to the ward with fever and cough.', 'cough', { historical: false }],
    ['A 70-year-old with a history of gout was admitted to the ward with fever and cough.', 'gout', { historical: true }],
    ['A woman with a history of asthma, admitted to the emergency room for chest pain.', 'chest pain', { historical: false }],
    // A comma followed by a subject and its verb starts a new clause that a trigger before it does not reach.
    ['With no prior injury, she developed swelling of the left knee.', 'swelling', { negated: false }],
    ['Without fever, the patient later reported a productive cough.', 'productive cough', { negated: false }],
    ['Without fever, the patient later reported a productive cough.', 'fever', { negated: true }],
    // So does a comma followed by a condition as the subject of a verb of onset.
    ['Without prior trauma, pneumonia developed.', 'pneumonia', { negated: false }],
    ['No cough, fever appeared two days later.', 'fever', { negated: false }],
    ['No cough, fever appeared two days later.', 'cough', { negated: true }],
    ['Without any injury, a right knee effusion subsequently developed.', 'effusion', { negated: false }],
    // A negated list ending in such a verb stays negated, and so does a comma list without one.
    ['No rash, fever or joint pain developed.', 'fever', { negated: true }],
    ['No rash, itching and swelling appeared.', 'swelling', { negated: true }],
    ['No rash, fever, joint pain.', 'fever', { negated: true }],
    // A comma list after the negation is not a new clause.
    ['No nausea, vomiting, he denies diarrhea.', 'vomiting', { negated: true }],
    ['No rash, itching or joint pain.', 'joint pain', { negated: true }],
    // The comma closing a sentence-initial reason phrase ends a backward scope.
    ['Because of persistent hip pain, a fracture was excluded.', 'hip pain', { negated: false }],
    ['Because of persistent hip pain, a fracture was excluded.', 'fracture', { negated: true }],
  ])('%s [%s]', (sentence, target, expected) => {
    expect(run(sentence, target)).toMatchObject(expected);
  });
});

describe('listTriggers', () => {
  it('lists every trigger with its scope in original offsets', () => {
    const text = 'No fever but cough.';
    const triggers = listTriggers(text);
    expect(triggers.map((t) => [t.category, text.slice(t.start, t.end), text.slice(t.scope.start, t.scope.end)])).toEqual([
      ['NEGATED_EXISTENCE', 'No', ' fever '],
      ['TERMINATE', 'but', 'but'],
    ]);
  });
});

describe('compileContext', () => {
  it('compiles each pack once', () => {
    const rules = defaultContextRules();
    expect(compileContext(rules)).toBe(compileContext(rules));
  });

  it('finishes on a 1 MB sentence full of triggers', () => {
    const text = 'no fever but history of cough if pain, '.repeat(27_000);
    const results = applyContext(text, [
      { start: 3, end: 8 },
      { start: text.length - 10, end: text.length - 6 },
    ]);
    expect(results).toHaveLength(2);
  });
});

describe('applyContext: a rule for one kind of target (targets, as medspaCy allowed_types)', () => {
  const declined = pack([rule('declined', 'NEGATED_EXISTENCE', 'forward', { targets: ['procedure'] })]);
  const at = (sentence: string, target: string, kind?: 'condition' | 'procedure') => {
    const start = sentence.indexOf(target);
    return applyContext(sentence, [{ start, end: start + target.length, kind }], declined)[0];
  };

  it('modifies a target of its kind', () => {
    expect(at('She declined intubation.', 'intubation', 'procedure')?.negated).toBe(true);
  });

  it('is not there for a target of another kind', () => {
    expect(at('Renal function declined with acute kidney injury.', 'acute kidney injury', 'condition')?.negated).toBe(false);
  });

  it('reads a target without a kind as a condition', () => {
    expect(at('She declined intubation.', 'intubation')?.negated).toBe(false);
  });
});
