/**
 * Outpatient office and ED visits read as a coder would (Guidelines IV): the screening a visit is for is the
 * screening code, not the disease looked for; a stool test is no convulsion. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('an outpatient visit', () => {
  const coded = (text: string) => codedOf(text, 'outpatient');
  const fate = (text: string, code: string) => fateOf(text, code, 'outpatient');

  it('reads the cancer a screening looks for as the screening encounter by site (Index: Screening, neoplasm; I.C.21.c.5)', () => {
    expect(coded('Reason for visit: Screening for colon cancer.')).toEqual(['Z1211']);
    expect(coded('Chief complaint: colon cancer screening.')).toEqual(['Z1211']);
    expect(coded('Reason for visit: screening for prostate cancer.')).toEqual(['Z125']);
    expect(coded('Reason for visit: lung cancer screening.')).toEqual(['Z122']);
    // A cancer the patient has is still the cancer; a screening only recommended is still not coded.
    expect(coded('Assessment: colon cancer, on FOLFOX.').some((c) => c.startsWith('C18'))).toBe(true);
    expect(coded('Plan: colon cancer screening is recommended next year.')).not.toContain('Z1211');
  });

  it('reads a FIT as the fecal immunochemical test, not a convulsion (R56.9)', () => {
    expect(fate('Assessment: Colon cancer screening - FIT kit given.', 'R569')).toBe('not-coded/not-a-finding');
    expect(fate('Plan: FIT test ordered.', 'R569')).toBe('not-coded/not-a-finding');
    expect(fate('He had a fit at home this morning.', 'R569')).toBe('suggested');
  });

  it('lists first the diagnosis of item 1 of a numbered assessment (IV.G), whatever else the note repeats', () => {
    const note = 'HPI: follow-up of HTN. Hypertension well controlled on lisinopril, hypertension meds refilled.\nAssessment:\n1. Acute bronchitis.\n2. Essential hypertension.\n';
    expect(coded(note).slice(0, 2)).toEqual(['J209', 'I10']);
    expect(coded(note.replace('1. Acute bronchitis.\n2. Essential hypertension.', '1. Essential hypertension.\n2. Acute bronchitis.')).slice(0, 2)).toEqual(['I10', 'J209']);
    // Numbered past history is no assessment, and an inpatient principal diagnosis is chosen by Section II, not by this rule.
    expect(coded('PMH:\n1. Acute bronchitis.\nHTN. Hypertension controlled. Assessment: hypertension.')[0]).toBe('I10');
    expect(codedOf(note, 'inpatient')[0]).toBe('I10');
  });

  it('codes a preoperative evaluation as the preprocedural examination Z01.81-, first-listed, then the reason for surgery (IV.M)', () => {
    const note =
      'Reason for visit: Preoperative cardiovascular clearance prior to right total knee arthroplasty.\nHPI: primary osteoarthritis of the right knee. HTN.\nAssessment:\n1. Primary osteoarthritis of right knee.\n2. Essential hypertension.\n';
    const codes = coded(note);
    expect(codes.slice(0, 2)).toEqual(['Z01810', 'M1711']);
    expect(coded('Reason for visit: Preop evaluation before cholecystectomy.')[0]).toBe('Z01818');
    expect(coded('Chief complaint: preoperative examination.')).toEqual(['Z01818']);
    // An examination done while caring for a condition is not the preprocedural examination.
    expect(coded('Assessment: COPD exacerbation. Physical examination unremarkable otherwise.')).not.toContain('Z01818');
  });
});
