/**
 * Everyday obstetric, kidney and endocrine records read as a coder reads them (Guidelines I.C.4, I.C.9.a,
 * I.C.14, I.C.15). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../utils/coding/analyze';
import { compiled, compiledKnowledge } from '../../helpers/knowledge';

/** The codes the record is given (suggested), and those shown in conflict. */
function codes(text: string, setting: 'inpatient' | 'outpatient' = 'inpatient'): { coded: string[]; conflict: string[] } {
  const out = analyze(text, { setting, dateOfService: '2026-09-15' }, compiledKnowledge()).suggestions;
  return {
    coded: out.filter((s) => s.status === 'suggested').map((s) => s.code),
    conflict: out.filter((s) => s.status === 'conflict').map((s) => s.code),
  };
}

describe.skipIf(!compiled)('obstetric, kidney and endocrine records', () => {
  it('reads no diabetes type from a numbered list marker', () => {
    const r = codes('ASSESSMENT:\n1. Type 2 diabetes mellitus with hyperglycemia\n2. Hyperlipidemia\n', 'outpatient');
    expect(r.coded).toContain('E1165');
    expect([...r.coded, ...r.conflict].filter((c) => c.startsWith('E10'))).toEqual([]);
    const g = codes('ASSESSMENT:\n1. Intrauterine pregnancy at 28 weeks.\n2. Gestational diabetes mellitus, diet controlled\n', 'outpatient');
    expect([...g.coded, ...g.conflict].filter((c) => c.startsWith('E11') || c.startsWith('O2411'))).toEqual([]);
    expect(g.coded).toContain('O24410');
  });

  it('codes diabetic ketoacidosis and the hyperosmolar state in type 2 diabetes (E11.10, E11.00), not E11.9', () => {
    const dka = codes('DISCHARGE DIAGNOSES:\nType 2 diabetes mellitus with diabetic ketoacidosis without coma.\nHe also has type 2 diabetes on metformin.\n');
    expect(dka.coded).toContain('E1110');
    expect(dka.coded).not.toContain('E119');
    expect(codes('ASSESSMENT:\nAdmitted in DKA. Known diabetic.\n').coded).toContain('E1110');
    const hhs = codes('DIAGNOSES:\nHyperosmolar hyperglycemic state in type 2 diabetes, without coma.\n');
    expect(hhs.coded).toContain('E1100');
    expect(hhs.coded).not.toContain('E1165');
    expect(codes('PMH: Type 2 diabetes mellitus with a history of DKA in 2019.\n').coded).not.toContain('E1110');
  });

  it('codes no hyponatremia beside the SIADH that causes it, nor polyuria beside diabetic ketoacidosis', () => {
    const r = codes('DIAGNOSES:\nHyponatremia due to SIADH.\nDKA in type 2 diabetes with polyuria.\n');
    expect(r.coded).toContain('E222');
    expect([...r.coded, ...r.conflict]).not.toContain('E871');
    expect(r.coded).toContain('E1110');
    expect(r.coded).not.toContain('R3589');
  });

  it('codes insulin and an oral hypoglycemic together, and a diabetic\'s insulin hypoglycemia as E11.649', () => {
    const r = codes('ASSESSMENT:\nType 2 DM with hypoglycemia without coma. Long-term current use of insulin and oral hypoglycemic drugs.\n', 'outpatient');
    expect(r.coded).toEqual(expect.arrayContaining(['E11649', 'Z794', 'Z7984']));
    expect([...r.coded, ...r.conflict].filter((c) => c.startsWith('E09') || c.startsWith('E16'))).toEqual([]);
    const drip = codes('HOSPITAL COURSE:\nType 2 diabetes. Hypoglycemia to 52 due to insulin, treated with D50.\n');
    expect(drip.coded).toContain('E11649');
    expect(drip.coded).not.toContain('E160');
    expect(codes('Diabetes due to drug or chemical with hypoglycemia, due to prednisone.\n').coded.some((c) => c.startsWith('E09'))).toBe(true);
  });

  it('codes hypertensive kidney and heart disease by the CKD stage the note gives', () => {
    const stage4 = codes('DIAGNOSES:\nHypertensive chronic kidney disease with CKD stage 4.\n');
    expect(stage4.coded).toEqual(expect.arrayContaining(['I129', 'N184']));
    expect(stage4.coded).not.toContain('I120');
    const esrd = codes(
      'PMH: Hypertensive heart and chronic kidney disease.\nASSESSMENT:\nAcute on chronic diastolic heart failure. ESRD on hemodialysis via left arm AV fistula.\n',
    );
    expect(esrd.coded).toEqual(expect.arrayContaining(['I132', 'I5033', 'N186', 'Z992']));
    expect(esrd.coded.filter((c) => ['I130', 'N189', 'L988'].includes(c))).toEqual([]);
    const aki = codes('HOSPITAL COURSE:\nAcute kidney injury on CKD stage 3b, creatinine 2.9.\n');
    expect(aki.coded).toEqual(expect.arrayContaining(['N179', 'N1832']));
    expect(aki.coded.some((c) => c.startsWith('S37'))).toBe(false);
  });

  it('codes COVID-19 in pregnancy as O98.5- with U07.1, and superimposed pre-eclampsia as O11', () => {
    const covid = codes('HPI: 28 yo G1P0 at 30 weeks gestation, pregnant, with cough.\nASSESSMENT:\n1. COVID-19 infection complicating pregnancy.\n');
    expect(covid.coded).toEqual(expect.arrayContaining(['O98513', 'U071']));
    expect(covid.coded.filter((c) => c.startsWith('O9891') || c === 'B999')).toEqual([]);
    const pe = codes(
      'HPI: 33 yo G2P1 at 35 weeks, pregnant, with chronic hypertension, BP 168/112 and 3+ proteinuria.\nDIAGNOSES:\n1. Pre-existing hypertension with superimposed preeclampsia with severe features.\n',
    );
    expect(pe.coded.some((c) => c.startsWith('O11'))).toBe(true);
    expect([...pe.coded, ...pe.conflict].filter((c) => c.startsWith('O14') || c.startsWith('O12'))).toEqual([]);
  });

  it('codes a condition after a delivery before this encounter in the puerperium, with no outcome of delivery', () => {
    const r = codes('ED NOTE\nHPI: 31 yo F, postpartum day 6 after vaginal delivery, with BP 162/104 and headache.\nASSESSMENT: Postpartum preeclampsia with severe features.\n', 'outpatient');
    expect(r.coded).toContain('O1415');
    expect(r.coded.filter((c) => c === 'O1414' || c.startsWith('Z37'))).toEqual([]);
    const stay = codes('DISCHARGE SUMMARY\nG1P1 at 39 weeks delivered a viable female by spontaneous vaginal delivery. Severe preeclampsia.\n');
    expect(stay.coded).toContain('O1414');
  });

  it('codes hypothyroidism after radioactive iodine ablation or thyroidectomy as postprocedural (E89.0)', () => {
    expect(codes('ASSESSMENT:\nHypothyroidism after radioactive iodine ablation for Graves disease.\n', 'outpatient').coded).toContain('E890');
    expect(codes('ASSESSMENT:\nPostsurgical hypothyroidism.\n', 'outpatient').coded).toContain('E890');
    expect(codes('ASSESSMENT:\nPrimary hypothyroidism on levothyroxine.\n', 'outpatient').coded).not.toContain('E890');
  });
});
