/**
 * An office visit read as a coder would: a vaccine given is its procedure and Z23, not the disease it
 * prevents; a screening only recommended is not coded; weight loss discussed as a goal is not the finding
 * R63.4; heartburn is part of GERD. Needs the compiled code sets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisKnowledge, analyze } from '../../../utils/coding/analyze';
import type { Setting } from '../../../utils/coding/types';
import { codedOf, compiled, compiledKnowledge, fateOf, suggestionsOf } from '../../helpers/knowledge';


describe.skipIf(!compiled)('an office visit', () => {
  let knowledge: AnalysisKnowledge;
  beforeAll(() => {
    knowledge = compiledKnowledge();
  });
  const run = (text: string, setting: Setting = 'outpatient') => suggestionsOf(text, setting);
  const coded = (text: string, setting: Setting = 'outpatient') => codedOf(text, setting);
  const fate = (text: string, code: string, setting: Setting = 'outpatient') => fateOf(text, code, setting);

  it('codes a vaccine given as its procedure and Z23, never the disease it prevents (I.C.21.c.2)', () => {
    for (const text of ['Influenza vaccine given today.', 'Flu shot today.']) {
      const codes = coded(text);
      expect(codes).toContain('G0008');
      expect(codes).toContain('Z23');
      expect(codes.filter((c) => c.startsWith('J09') || c.startsWith('J10') || c.startsWith('J11'))).toEqual([]);
    }
    expect(coded('Hepatitis B vaccination series started.')).toEqual(expect.arrayContaining(['G0010', 'Z23']));
    // FY2026: the last ICD-10-PCS code set bundled.
    const inpatient = analyze('Influenza vaccine given.', { setting: 'inpatient', dateOfService: '2026-09-01' }, knowledge).suggestions;
    expect(inpatient.filter((s) => s.status === 'suggested').map((s) => s.code)).toEqual(expect.arrayContaining(['3E0234Z', 'Z23']));
  });

  it('codes influenza itself when the patient has it', () => {
    expect(coded('Assessment: influenza with fever and cough.').some((c) => c.startsWith('J11'))).toBe(true);
  });

  it('codes nothing for a vaccine declined, and lists it once, in the setting’s code system', () => {
    const all = run('Influenza vaccine was declined.');
    expect(all.filter((s) => s.status !== 'not-coded').map((s) => s.code)).toEqual([]);
    expect(all.map((s) => s.code)).toEqual(['G0008']);
    expect(fate('Influenza vaccine was declined.', 'G0008')).toBe('not-coded/negated');
  });

  it('titles a procedure not done even where no bundled code set covers the date (FY2027 ICD-10-PCS)', () => {
    const planned = run('Plan: screening colonoscopy is recommended.', 'inpatient').find((s) => s.system === 'icd10pcs');
    expect(planned?.status).toBe('not-coded');
    expect(planned?.title).toMatch(/\w/);
  });

  it('gives one evidence span for a procedure read in two code systems', () => {
    const z23 = run('Influenza vaccine given today.').find((s) => s.code === 'Z23');
    expect(z23?.evidence.map((e) => e.text)).toEqual(['Influenza vaccine']);
  });

  it('does not code a screening only recommended or to be scheduled', () => {
    expect(fate('8. Screening colonoscopy recommended; he will schedule.', 'G0121')).toBe('not-coded/hypothetical');
    expect(coded('He is due for a screening colonoscopy.')).not.toContain('G0121');
    expect(coded('Screening colonoscopy performed today.')).toContain('G0121');
  });

  it('reads weight loss discussed as a goal as no finding, and weight loss reported as R63.4', () => {
    expect(fate('Obesity, BMI 34. Discussed weight loss.', 'R634')).toBe('not-coded/not-a-finding');
    expect(fate('Weight loss counseling provided.', 'R634')).toBe('not-coded/not-a-finding');
    expect(fate('We discussed the importance of weight loss.', 'R634')).toBe('not-coded/not-a-finding');
    expect(fate('She reports a 10 kg weight loss over three months.', 'R634')).toBe('suggested');
    expect(fate('Patient with weight loss and night sweats.', 'R634')).toBe('suggested');
  });

  it('reads an estimated blood loss as a measure, not a hemorrhage (R58)', () => {
    expect(fate('Estimated blood loss 350 mL.', 'R58', 'inpatient')).toBe('not-coded/not-a-finding');
    expect(fate('Blood loss was minimal.', 'R58', 'inpatient')).toBe('not-coded/not-a-finding');
    expect(fate('She had significant blood loss from the wound.', 'R58', 'inpatient')).toBe('suggested');
  });

  it('reads a surgical wound as the operation’s, not an injury', () => {
    const text = 'On the 4th postoperative day she had pain in her back and abdomen as well as incisional wound tenderness.';
    expect(run(text, 'inpatient').filter((s) => s.status !== 'not-coded' && /^S[0-3]/.test(s.code))).toEqual([]);
    expect(coded('She has a stab wound of the abdomen.', 'inpatient').some((c) => c.startsWith('S3'))).toBe(true);
  });

  it('gives a coded condition only its coded mentions as evidence', () => {
    const text = 'Estimated blood loss 350 mL.\nShe had significant blood loss from the wound.';
    const r58 = run(text, 'inpatient').find((s) => s.code === 'R58');
    expect(r58?.status).toBe('suggested');
    expect(r58?.evidence.map((e) => e.start)).toEqual([text.indexOf('blood loss from')]);
  });

  it('codes chest pain beside coronary artery disease without angina, and drops it beside angina (I.B.5)', () => {
    const ed = 'History of coronary artery disease.\nAssessment: chest pain, likely unstable angina.';
    expect(coded(ed)).toEqual(expect.arrayContaining(['I2510', 'R079']));
    expect(fate('Assessment: chest pain due to unstable angina.', 'R079', 'inpatient')).toBe('not-coded/integral-symptom');
  });

  it('codes secondhand smoke as an exposure (Z77.22), not the patient’s own nicotine dependence', () => {
    const text = 'SOCIAL HISTORY: Exposure to secondhand smoke at home.';
    expect(coded(text)).toEqual(['Z7722']);
    expect(coded('SOCIAL HISTORY: He smokes cigarettes daily.').some((c) => c.startsWith('F172'))).toBe(true);
  });

  it('drops the ear pain and runny nose of otitis media and a cold, and a bare viral infection beside its site (I.B.5, I.B.2)', () => {
    const text = 'HPI: Right ear pain and runny nose.\nAssessment: Acute suppurative otitis media, right ear. Viral upper respiratory infection.';
    const codes = coded(text);
    expect(codes).toEqual(expect.arrayContaining(['H66001', 'J069']));
    expect(codes.filter((c) => c.startsWith('H920') || c === 'R0989' || c === 'B349')).toEqual([]);
    expect(fate('HPI: Right ear pain.', 'H9201')).toBe('suggested');
  });

  it('drops the anorexia and leukocytosis of acute appendicitis (I.B.5), and codes them without it', () => {
    const text = 'INDICATIONS: Right lower quadrant pain, anorexia and leukocytosis.\nPOSTOPERATIVE DIAGNOSIS: Acute appendicitis.';
    expect(fate(text, 'R630', 'inpatient')).toBe('not-coded/integral-symptom');
    expect(fate(text, 'D72829', 'inpatient')).toBe('not-coded/integral-symptom');
    expect(fate('INDICATIONS: Anorexia and leukocytosis.', 'D72829', 'inpatient')).toBe('suggested');
  });

  it('codes a use disorder in remission as its in-remission code, and tobacco use beside dependence as the dependence', () => {
    const text = 'ASSESSMENT: Alcohol use disorder, moderate, in early remission. Cocaine use disorder, mild, in sustained remission.';
    expect(coded(text, 'inpatient')).toEqual(expect.arrayContaining(['F1021', 'F1411']));
    expect(coded(text, 'inpatient')).not.toContain('F1020');
    expect(coded('ASSESSMENT: Alcohol use disorder, moderate.', 'inpatient')).toContain('F1020');
    const tobacco = 'Smokes 1/2 pack per day.\nASSESSMENT: Tobacco use disorder.';
    expect(coded(tobacco)).toContain('F17210');
    expect(fate(tobacco, 'Z720')).toBe('not-coded/less-specific');
  });

  it('drops heartburn beside GERD as integral (I.B.5), and codes it alone', () => {
    const text = 'He reports heartburn after meals.\nAssessment: GERD.';
    expect(coded(text)).toContain('K219');
    expect(fate(text, 'R12')).toBe('not-coded/integral-symptom');
    expect(fate('He reports heartburn after meals.', 'R12')).toBe('suggested');
  });

  it('reads "exam" as examination: the visit for an annual exam is Z00.00, and "exam" elsewhere is no encounter code', () => {
    expect(coded('CHIEF COMPLAINT: Annual physical exam.')).toContain('Z0000');
    expect(coded('Assessment: 1. Encounter for general adult medical exam with abnormal findings.')).toContain('Z0001');
    expect(coded('CHIEF COMPLAINT: Well-child check.')).toEqual(['Z00129']);
    expect(coded('Diabetic eye exam is due next month.').filter((c) => c.startsWith('Z01'))).toEqual([]);
  });

  it('one examination encounter: "with abnormal findings" replaces the routine code, first-listed before what it found (I.C.21.c.16)', () => {
    const codes = coded(
      'CHIEF COMPLAINT: Annual physical exam.\n\nASSESSMENT/PLAN:\n1. Encounter for general adult medical exam with abnormal findings.\n2. Essential hypertension, not at goal.',
    );
    expect(codes[0]).toBe('Z0001');
    expect(codes).toContain('I10');
    expect(codes).not.toContain('Z0000');
  });

  it('does not code the condition a screening looks for ("lung cancer screening" is not C34.90), but keeps the screening itself', () => {
    expect(fate('Former smoker; low-dose CT lung cancer screening ordered.', 'C3490')).toBe('not-coded/hypothetical');
    expect(fate('Hepatitis C screening ordered.', 'B1920')).toBe('not-coded/hypothetical');
    // A comma ends it: the patient's own diabetes stays.
    expect(fate('Patient with diabetes, screening labs today.', 'E119')).toBe('suggested');
    // The screening is the main term of its own Index entry, not modified by its own word.
    expect(fate('CHIEF COMPLAINT: Depression screening.', 'Z1389')).toBe('suggested');
  });

  it('a screening colonoscopy or mammogram done is the screening encounter, first-listed, with a finding after it (I.C.21.c.5)', () => {
    const colonoscopy = coded('PROCEDURE: Screening colonoscopy performed to the cecum. A 4 mm polyp in the sigmoid colon was removed.');
    expect(colonoscopy.filter((c) => /^[A-Z]\d/.test(c) && !c.startsWith('G')).slice(0, 2)).toEqual(['Z1211', 'K635']);
    expect(coded('EXAM: Screening mammogram, bilateral.')).toEqual(expect.arrayContaining(['Z1231', 'G0202']));
    // A diagnostic mammogram is not the screening study (G0202) nor a screening encounter.
    const diagnostic = coded('EXAM: Diagnostic mammogram of the left breast for a palpable lump.');
    expect(diagnostic).not.toContain('G0202');
    expect(diagnostic).not.toContain('Z1231');
    // Only planned: no screening encounter.
    expect(coded('Screening colonoscopy recommended next year.')).not.toContain('Z1211');
  });

  it('reads BI-RADS as a report score: no asthma (RADs), and no density code without the density written', () => {
    const codes = coded('IMPRESSION: No mammographic evidence of malignancy. BI-RADS 1.');
    expect(codes.filter((c) => c.startsWith('J45'))).toEqual([]);
    expect(codes.filter((c) => c.startsWith('R923'))).toEqual([]);
  });

  it('a condition coded with its complication replaces the same condition coded uncomplicated (I.B.2)', () => {
    const codes = coded(
      'HPI: 7-year-old with moderate persistent asthma.\n\nPMH: Asthma.\n\nASSESSMENT: Moderate persistent asthma with acute exacerbation (status asthmaticus ruled out).',
    );
    expect(codes).toContain('J4541');
    expect(codes).not.toContain('J4540');
    expect(codes).not.toContain('J45909');
    expect(codes).not.toContain('J45902');
  });

  it('reads tobacco smoke around the patient as exposure, and a relative who smokes as family history of tobacco dependence', () => {
    expect(coded('Exposure to secondhand tobacco smoke.')).toEqual(['Z7722']);
    expect(coded('Mother smokes at home.')).toEqual(['Z812']);
    expect(coded('Brother with opioid dependence.')).toEqual(['Z813']);
  });
});
