/**
 * Pregnancy and delivery (ICD-10-CM chapter 15, Z3A, Z37): trimester and "in childbirth" codes, weeks of
 * gestation and outcome of delivery read from the Tabular titles, O80 alone only (Guidelines I.C.15).
 * Needs the compiled code sets.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_DIR } from '../../../scripts/codesets/compiled';
import { loadNodeEngine } from '../../../scripts/lib/node-engine';
import { type AnalysisKnowledge, analyze, buildAnalysisKnowledge } from '../../../utils/coding/analyze';
import { outcomeCode, readObstetric, trimesterOf, weeksCode } from '../../../utils/coding/obstetric';
import { defaultCodingRules } from '../../../utils/coding/rule-pack';
import { detectSections } from '../../../utils/nlp/sections';
import { splitSentences } from '../../../utils/nlp/sentences';
import { abbreviationTable } from '../../../utils/search/abbreviations';

const compiled = existsSync(resolve(COMPILED_DIR, 'catalog.json'));
const DATE = '2026-09-15';

function facts(text: string) {
  const sections = detectSections(text);
  return readObstetric(text, sections, splitSentences(text, { sections }), defaultCodingRules().obstetric);
}

describe('readObstetric', () => {
  it('reads the weeks of gestation in the ways notes write them', () => {
    expect(facts('HPI: G2P1 at 39 weeks 2 days gestation admitted in labor.').weeks).toMatchObject({ weeks: 39, days: 2 });
    expect(facts('HPI: G2P1 at 39+2 weeks in labor.').weeks).toMatchObject({ weeks: 39, days: 2 });
    expect(facts('HPI: Pregnant at 39w2d.').weeks).toMatchObject({ weeks: 39, days: 2 });
    expect(facts('HPI: EGA 36 weeks.').weeks).toMatchObject({ weeks: 36, days: 0 });
    expect(facts('HPI: Pregnant patient seen at 32 weeks.').weeks).toMatchObject({ weeks: 32 });
    expect(facts('HPI: G1P0 at 39 2/7 weeks gestation.').weeks).toMatchObject({ weeks: 39, days: 2 });
  });

  it('does not read a duration, a past event or a postpartum time as the gestation', () => {
    expect(facts('HPI: Pregnant. Cough for 2 weeks.').weeks).toBeUndefined();
    expect(facts('HPI: Pregnant patient with preeclampsia diagnosed at 37 weeks.').weeks).toBeUndefined();
    expect(facts('HPI: Pregnant, seen 6 weeks postpartum.').weeks).toBeUndefined();
    // Not a pregnancy record at all.
    expect(facts('HPI: 60-year-old man, seen at 32 weeks after surgery.').maternal).toBe(false);
  });

  it('reads a delivery in the stay, not one denied or planned', () => {
    expect(facts('HPI: G1P0. She had a spontaneous vaginal delivery.').delivery?.text).toBe('vaginal delivery');
    expect(facts('HPI: G1P0 at 39 weeks in latent labor, has not delivered.').delivery).toBeUndefined();
  });

  it('reads a newborn record from its opening words', () => {
    expect(facts('HPI: Newborn male born at 39 weeks gestation to a G2P1 mother.').newborn).toBe(true);
    expect(facts('HPI: G2P1 at 39 weeks. Newborn to nursery.').newborn).toBe(false);
  });

  it('reads the number of births and whether they were born alive', () => {
    expect(facts('HPI: G1P0. Delivery of twins, both live-born.').outcome).toMatchObject({ births: 2, live: 'live' });
    expect(facts('HPI: G1P0. Delivery of a stillborn female.').outcome).toMatchObject({ births: 1, live: 'still' });
    expect(facts('HPI: G1P0. Delivered.').outcome).toMatchObject({ births: 1, live: undefined });
  });
});

describe.skipIf(!compiled)('obstetric coding on the FY2026 code set', () => {
  let knowledge: AnalysisKnowledge;
  beforeAll(() => {
    const { assets, catalog } = loadNodeEngine();
    knowledge = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
  });
  const run = (text: string) => analyze(text, { setting: 'inpatient', dateOfService: DATE }, knowledge).suggestions;
  const coded = (text: string) =>
    run(text)
      .filter((s) => s.status !== 'not-coded')
      .map((s) => s.code);

  it('reads the trimesters from the chapter 15 head note, at their bounds', () => {
    expect(trimesterOf(knowledge, 'O1400', DATE, 13, 6)).toBe(1);
    expect(trimesterOf(knowledge, 'O1400', DATE, 14, 0)).toBe(2);
    expect(trimesterOf(knowledge, 'O1400', DATE, 27, 6)).toBe(2);
    expect(trimesterOf(knowledge, 'O1400', DATE, 28, 0)).toBe(3);
  });

  it('reads Z3A from its Tabular titles: completed weeks, less than 8, greater than 42', () => {
    expect(weeksCode(knowledge, DATE, 39)).toBe('Z3A39');
    expect(weeksCode(knowledge, DATE, 5)).toBe('Z3A01');
    expect(weeksCode(knowledge, DATE, 43)).toBe('Z3A49');
    expect(weeksCode(knowledge, DATE, 10)).toBe('Z3A10');
  });

  it('reads Z37 from its Tabular titles', () => {
    const rules = knowledge.rules.obstetric;
    expect(outcomeCode(knowledge, DATE, rules, { births: 1, live: 'live' })).toBe('Z370');
    expect(outcomeCode(knowledge, DATE, rules, { births: 1, live: 'still' })).toBe('Z371');
    expect(outcomeCode(knowledge, DATE, rules, { births: 2, live: 'live' })).toBe('Z372');
    expect(outcomeCode(knowledge, DATE, rules, { births: 2, live: 'some' })).toBe('Z373');
    expect(outcomeCode(knowledge, DATE, rules, { births: 3, live: 'live' })).toBe('Z3751');
    expect(outcomeCode(knowledge, DATE, rules, { births: 1, live: undefined })).toBe('Z379');
  });

  it('codes a delivery stay as a coder does: in childbirth, the laceration, GBS, weeks and outcome', () => {
    const note =
      'DELIVERY NOTE\n28-year-old G2P1 at 39 weeks 2 days gestation admitted in active labor. Pregnancy complicated by gestational diabetes, diet controlled, and mild preeclampsia diagnosed at 37 weeks. Group B streptococcus carrier status positive; received penicillin in labor.\nShe had a spontaneous vaginal delivery of a live-born male infant, 3,450 g, Apgars 8 and 9. Second-degree perineal laceration was repaired. Estimated blood loss 350 mL.\nPOSTPARTUM DIAGNOSES: Term pregnancy delivered. Gestational diabetes, diet controlled. Mild preeclampsia. Second-degree perineal laceration.\n';
    const codes = coded(note);
    expect(codes).toEqual(expect.arrayContaining(['O24420', 'O1404', 'O701', 'O99824', 'Z3A39', 'Z370', '10E0XZZ']));
    for (const wrong of ['O24410', 'O1400', 'Z22330', 'O80']) expect(codes).not.toContain(wrong);
    // A laceration in a delivery record is obstetric, not an injury (S31.-).
    expect(codes.some((c) => c.startsWith('S31'))).toBe(false);
  });

  it('gives the trimester from the weeks when no delivery happens in the stay', () => {
    expect(coded('HPI: G1P0 at 32 weeks with mild preeclampsia.\n')).toEqual(expect.arrayContaining(['O1403', 'Z3A32']));
    expect(coded('HPI: G2P1 at 20 weeks. Mild preeclampsia. Group B streptococcus carrier.\n')).toEqual(
      expect.arrayContaining(['O1402', 'O99820', 'Z3A20']),
    );
    const undelivered = coded('HPI: G1P0 at 39 weeks in latent labor, has not delivered. Gestational diabetes, diet controlled.\n');
    expect(undelivered).toContain('O24410');
    expect(undelivered.some((c) => c.startsWith('Z37'))).toBe(false);
  });

  it('codes twins by the Tabular title, after a cesarean delivery', () => {
    const codes = coded('HPI: G3P2 at 38 weeks. Cesarean section for breech, delivery of twins, both liveborn. Mild preeclampsia.\n');
    expect(codes).toEqual(expect.arrayContaining(['O1404', 'Z3A38', 'Z372']));
    expect(codes).not.toContain('Z370');
  });

  it('codes O80 only when no other chapter 15 code is coded', () => {
    expect(coded('HPI: G1P0 at 39 weeks. Normal spontaneous vaginal delivery of a live-born female. Uncomplicated delivery.\n')).toEqual(
      expect.arrayContaining(['O80', 'Z370', 'Z3A39']),
    );
    const complicated = run(
      'HPI: G1P0 at 39 weeks. Uncomplicated delivery, spontaneous vaginal delivery of a live-born female. Gestational diabetes, diet controlled.\n',
    );
    expect(complicated.find((s) => s.code === 'O80')?.status).toBe('not-coded');
    expect(complicated.find((s) => s.code === 'O24420')?.status).toBe('suggested');
  });

  it('codes no chapter 15, Z3A or Z37 code on the newborn record', () => {
    const codes = coded('HPI: Newborn male born at 39 weeks gestation to a G2P1 mother by spontaneous vaginal delivery. Apgars 8 and 9.\n');
    expect(codes.filter((c) => /^(?:O|Z3A|Z37)/.test(c))).toEqual([]);
  });

  it('reads a laceration outside a delivery record as an injury still', () => {
    const codes = coded('HPI: 30-year-old woman fell. Laceration of scalp.\n');
    expect(codes.some((c) => c.startsWith('S01'))).toBe(true);
    expect(codes.some((c) => c.startsWith('O7'))).toBe(false);
  });
});

describe('readObstetric: pregnant now, incidental pregnancy', () => {
  it('reads a pregnancy now from its words or a gravida/para beside the weeks, not from a birth history', () => {
    expect(facts('HPI: She is 30 weeks pregnant with pyelonephritis.').pregnant?.text).toBe('pregnant');
    expect(facts('HPI: G2P1 at 30 weeks with asthma.').pregnant?.text).toBe('G2P1');
    expect(facts('HPI: 4-year-old boy. Eutocic delivery at 37 weeks, pregnancy unremarkable.').pregnant).toBeUndefined();
    expect(facts('HPI: She is not pregnant. Asthma.').pregnant).toBeUndefined();
    expect(facts('HPI: She may be pregnant, test pending. Asthma.').pregnant).toBeUndefined();
  });

  it('reads the provider saying the pregnancy is incidental', () => {
    expect(facts('HPI: 12 weeks pregnant; pregnancy is incidental. Ankle sprain.').incidental?.text).toBe('pregnancy is incidental');
    expect(facts('HPI: 12 weeks pregnant. Ankle sprain.').incidental).toBeUndefined();
  });
});

describe.skipIf(!compiled)('conditions in a pregnancy coded in chapter 15 (Guidelines I.C.15.a.1), on the FY2026 code set', () => {
  let knowledge: AnalysisKnowledge;
  beforeAll(() => {
    const { assets, catalog } = loadNodeEngine();
    knowledge = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
  });
  const run = (text: string) => analyze(text, { setting: 'inpatient', dateOfService: DATE }, knowledge).suggestions;
  const coded = (text: string) =>
    run(text)
      .filter((s) => s.status !== 'not-coded')
      .map((s) => s.code);
  const notCoded = (text: string) =>
    run(text)
      .filter((s) => s.status === 'not-coded')
      .map((s) => s.code);

  it('codes pyelonephritis in pregnancy O23.0- first, with the organism; N10 is included (O23 asks only for the organism)', () => {
    const text = 'She is 30 weeks pregnant, admitted with acute pyelonephritis and nausea. Urine culture grew E. coli.\n';
    const codes = coded(text);
    expect(codes[0]).toBe('O2303');
    expect(codes).toEqual(expect.arrayContaining(['O2303', 'B9620', 'Z3A30', 'R110']));
    expect(codes).not.toContain('N10');
    expect(run(text).find((s) => s.code === 'N10')?.notCoded).toBe('included-in-other-code');
  });

  it('codes a urinary tract infection in pregnancy O23.4- (Index: Infection, urinary, complicating, pregnancy)', () => {
    expect(coded('HPI: G2P1 at 30 weeks with urinary tract infection.\n')).toEqual(expect.arrayContaining(['O2343', 'Z3A30']));
    expect(notCoded('HPI: G2P1 at 30 weeks with urinary tract infection.\n')).toContain('N390');
  });

  it('codes pre-existing type 2 diabetes O24.11- with E11 and Z79.4, as the O24.1 notes ask (I.C.15.g)', () => {
    const codes = coded('HPI: G2P1 at 30 weeks. Type 2 diabetes mellitus on insulin.\n');
    expect(codes).toEqual(expect.arrayContaining(['O24113', 'E119', 'Z794']));
    expect(codes).not.toContain('O24013');
  });

  it('codes essential hypertension in pregnancy O10.01- alone (O10.0 asks for no additional code)', () => {
    expect(coded('HPI: G2P1 at 30 weeks. Essential hypertension.\n')).toContain('O10013');
    expect(notCoded('HPI: G2P1 at 30 weeks. Essential hypertension.\n')).toContain('I10');
  });

  it('keeps the condition beside O99.- (use additional code to identify specific condition)', () => {
    expect(coded('HPI: G2P1 at 30 weeks. Iron deficiency anemia.\n')).toEqual(expect.arrayContaining(['O99013', 'D509']));
    expect(coded('HPI: G2P1 at 30 weeks. Asthma.\n')).toEqual(expect.arrayContaining(['O99513', 'J45909']));
    expect(coded('HPI: G2P1 at 30 weeks. GERD.\n')).toEqual(expect.arrayContaining(['O99613', 'K219']));
    expect(coded('HPI: G2P1 at 30 weeks. Depression.\n')).toEqual(expect.arrayContaining(['O99343', 'F32A']));
  });

  it('codes smoking O99.33- with F17.2- (its note names F17), not O99.32- drug use', () => {
    const codes = coded('HPI: G2P1 at 30 weeks. Nicotine dependence, cigarettes.\n');
    expect(codes).toEqual(expect.arrayContaining(['O99333', 'F17210']));
    expect(codes.some((c) => c.startsWith('O9932'))).toBe(false);
  });

  it('codes obesity O99.21- with E66 and the BMI (O99.21 note: type of obesity E66.-)', () => {
    expect(coded('HPI: G2P1 at 30 weeks. Morbid obesity, BMI 42.\n')).toEqual(expect.arrayContaining(['O99213', 'E6601', 'Z6841']));
  });

  it('codes by the class a chapter 15 inclusion term names when the Index has no entry (O99.2: Conditions in E00-E89 → O99.28-)', () => {
    const codes = coded('HPI: She is 20 weeks pregnant. Hypothyroidism.\n');
    expect(codes).toEqual(expect.arrayContaining(['O99282', 'E039', 'Z3A20']));
    // O99.2 is also the category of obesity (O99.21-): never the code of another condition.
    expect(codes.some((c) => c.startsWith('O9921'))).toBe(false);
  });

  it('takes the "in childbirth" code when she delivers in the stay', () => {
    const codes = coded('HPI: G2P1 at 39 weeks, spontaneous vaginal delivery of a live-born male. Iron deficiency anemia.\n');
    expect(codes).toEqual(expect.arrayContaining(['O9902', 'D509', 'Z370']));
    expect(codes).not.toContain('O99013');
  });

  it('leaves a condition alone when the record does not say she is pregnant now', () => {
    const codes = coded('HPI: 4-year-old girl with asthma. Eutocic delivery at 37 weeks, pregnancy unremarkable.\n');
    expect(codes).toContain('J45909');
    expect(codes.some((c) => c.startsWith('O'))).toBe(false);
  });

  it('codes Z33.1 and no chapter 15 code when the pregnancy is incidental', () => {
    const codes = coded('HPI: 25-year-old woman, 12 weeks pregnant; pregnancy is incidental. Asthma exacerbation.\n');
    expect(codes).toContain('Z331');
    expect(codes.some((c) => /^O/.test(c))).toBe(false);
    expect(codes).toContain('J45901');
  });
});
