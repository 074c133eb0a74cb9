/**
 * Follow-up, aftercare and encounter Z codes read as a coder would: a follow-up examination after completed
 * treatment is Z08 / Z09 first with the personal history code (I.C.21.c.8); an aftercare visit after an
 * operation is its aftercare code with the status the operation left (I.C.21.c.7); an injury's visit after
 * treatment is its 7th character D, no aftercare Z code. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('follow-up and aftercare visits', () => {
  const coded = (text: string) => codedOf(text, 'outpatient');
  const fate = (text: string, code: string) => fateOf(text, code, 'outpatient');

  it('codes surveillance after completed cancer treatment as Z08 first, with the Z85 history and not the cancer (I.C.21.c.8, I.C.2.d)', () => {
    const note = 'CHIEF COMPLAINT: Follow-up after breast cancer treatment.\nASSESSMENT:\n1. Breast cancer, completed radiation in 2024, no evidence of recurrence.\n';
    const codes = coded(note);
    expect(codes[0]).toBe('Z08');
    expect(codes).toContain('Z853');
    expect(codes.filter((c) => c.startsWith('C50'))).toEqual([]);
  });

  it('codes a follow-up after a completed treatment of another condition as Z09 first with its Z87 history', () => {
    const note = 'CHIEF COMPLAINT: Recheck.\nASSESSMENT: Follow-up exam after completed treatment of pneumonia, resolved.\nHPI: Treated for pneumonia last month with antibiotics.';
    const codes = coded(note);
    expect(codes[0]).toBe('Z09');
    expect(codes).toContain('Z8701');
    expect(fate(note, 'J189')).not.toBe('suggested');
  });

  it('does not make a follow-up of a condition still treated a history, nor a chronic condition in the sentence', () => {
    expect(coded('ASSESSMENT: Follow-up of pneumonia, still on antibiotics.')).not.toContain('Z09');
    expect(coded('ASSESSMENT: Follow-up of pneumonia, still on antibiotics.')).toContain('J189');
    const chronic = coded('ASSESSMENT: Hypertension follow-up; completed the lisinopril titration.');
    expect(chronic).toContain('I10');
    expect(chronic).not.toContain('Z09');
  });

  it('codes no Z09 for an injury seen after its treatment: the 7th character D says it (I.C.21.c.8)', () => {
    const note = 'ASSESSMENT: Follow-up of right wrist sprain after completed treatment, resolved. Sprain of right wrist, subsequent encounter.';
    expect(coded(note)).not.toContain('Z09');
  });

  it('codes the visit after a joint replacement as Z47.1 first, with the joint’s Z96.6- status (I.C.21.c.7)', () => {
    const note = 'CHIEF COMPLAINT: 6-week post-op visit, left total knee arthroplasty.\nASSESSMENT: Aftercare following left total knee replacement, doing well.';
    const codes = coded(note);
    expect(codes[0]).toBe('Z471');
    expect(codes).toContain('Z96652');
    // Without the aftercare visit, the replaced knee is only its status.
    expect(coded('PAST SURGICAL HISTORY: Left total knee arthroplasty in 2019.')).not.toContain('Z471');
  });

  it('codes surgical aftercare after surgery on the digestive system as Z48.815, not the generic Z48.89', () => {
    const note = 'HPI: POD 12 s/p laparoscopic cholecystectomy.\nASSESSMENT: Encounter for surgical aftercare following cholecystectomy.';
    expect(coded(note)[0]).toBe('Z48815');
    expect(fate(note, 'Z4889')).toBe('not-coded/less-specific');
  });

  it('codes the surgical dressing change alone, not the nonsurgical dressing code as well', () => {
    const note = 'CHIEF COMPLAINT: Dressing change.\nASSESSMENT: Change of surgical dressing.';
    expect(coded(note)).toContain('Z4801');
    expect(coded(note)).not.toContain('Z4800');
  });

  it('codes the removal of an injury’s sutures as the injury with the 7th character D, not Z48.02 (I.C.21.c.7)', () => {
    const note = 'CHIEF COMPLAINT: Suture removal.\nASSESSMENT: Laceration of right forearm, healing, subsequent encounter.';
    expect(coded(note)).toContain('S51811D');
    expect(coded(note)).not.toContain('Z4802');
    expect(coded('CHIEF COMPLAINT: Suture removal after excision of a benign skin lesion.')).toContain('Z4802');
  });

  it('codes the observation after a car accident with no injury found as Z04.1 first, and nothing of the negative x-ray (I.C.21.c.6)', () => {
    const note = 'CHIEF COMPLAINT: Motor vehicle collision.\nIMAGING: CT cervical spine negative for fracture.\nASSESSMENT: Motor vehicle accident, no injury found.';
    const codes = coded(note);
    expect(codes[0]).toBe('Z041');
    expect(codes.filter((c) => /^[SM]/.test(c))).toEqual([]);
    // An injury or a symptom found is coded instead of the observation.
    const hurt = coded('CHIEF COMPLAINT: Motor vehicle collision.\nASSESSMENT: Motor vehicle accident. Neck pain. No other injury found.');
    expect(hurt).not.toContain('Z041');
    expect(hurt).toContain('M542');
  });

  it('reads a negation between the site and the condition as negating the condition ("wrist negative for fracture")', () => {
    expect(fate('X-ray of the left wrist negative for fracture.', 'S62102')).not.toBe('suggested');
    expect(coded('CT of the lumbar spine shows no fracture.').filter((c) => c.startsWith('S32'))).toEqual([]);
    expect(coded('X-ray of the left wrist shows a fracture.').some((c) => c.startsWith('S62'))).toBe(true);
  });

  it('codes a condition the ED course calls resolved: present at the visit and treated in it (IV.J)', () => {
    const note = 'ED COURSE: Hypoxemia resolved on room air after nebulizers.\nASSESSMENT: COPD with acute exacerbation.';
    expect(fate(note, 'R0902')).toBe('suggested');
    expect(fate('ASSESSMENT: Hypoxemia, resolved.', 'R0902')).toBe('not-coded/negated');
  });

  it('does not code the osteoarthritis of a joint already replaced, and keeps the other side’s (IV.J)', () => {
    const note = 'HPI: s/p left TKA in 2024 for primary osteoarthritis of the left knee.\nASSESSMENT: Primary osteoarthritis of the right knee.';
    const codes = coded(note);
    expect(codes).toContain('Z96652');
    expect(codes).toContain('M1711');
    expect(codes).not.toContain('M1712');
  });
});
