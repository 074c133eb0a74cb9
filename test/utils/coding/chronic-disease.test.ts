/**
 * Chronic disease specificity read as a coder reads it: the diabetes type the record documents (Guidelines
 * I.C.4.a, I.C.4.a.2), diabetic nephropathy (I.A.15), COPD and emphysema (Tabular J43, J44), respiratory
 * failure with hypoxia and hypercapnia (J96.-). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../utils/coding/analyze';
import { compiled, compiledKnowledge } from '../../helpers/knowledge';

/** The codes the record is given (suggested or in conflict), and all codes it lists. */
function codes(text: string, setting: 'inpatient' | 'outpatient' = 'outpatient'): { coded: string[]; all: string[] } {
  const out = analyze(text, { setting, dateOfService: '2026-09-15' }, compiledKnowledge()).suggestions;
  return { coded: out.filter((s) => s.status === 'suggested' || s.status === 'conflict').map((s) => s.code), all: out.map((s) => s.code) };
}

describe.skipIf(!compiled)('chronic disease specificity', () => {
  it('reads a complication written without the type under the type 1 diabetes the record documents', () => {
    const r = codes('HPI: Patient with type 1 diabetes.\nASSESSMENT:\n1. Diabetic gastroparesis.\n2. Diabetic peripheral angiopathy.\n');
    expect(r.coded).toEqual(expect.arrayContaining(['E1043', 'E1051']));
    expect(r.coded.filter((c) => c.startsWith('E11'))).toEqual([]);
  });

  it('keeps type 2 when the record names type 2, and both types stay as written when it names both', () => {
    const t2 = codes('ASSESSMENT:\nType 2 diabetes. Diabetic gastroparesis.\n');
    expect(t2.coded).toContain('E1143');
    expect(t2.coded.filter((c) => c.startsWith('E10'))).toEqual([]);
    const none = codes('ASSESSMENT:\nDiabetic gastroparesis.\n');
    expect(none.coded).toContain('E1143');
  });

  it('reads steroid-induced diabetes as drug-induced (E09), not type 2', () => {
    const r = codes('HOSPITAL COURSE:\nSteroid-induced diabetes mellitus, on prednisone for rheumatoid arthritis.\n', 'inpatient');
    expect(r.coded.some((c) => c.startsWith('E09'))).toBe(true);
    expect(r.coded.filter((c) => c.startsWith('E11'))).toEqual([]);
  });

  it('codes no disorder of kidney NOS beside diabetic nephropathy', () => {
    const r = codes('ASSESSMENT:\nType 2 DM with diabetic nephropathy.\n');
    expect(r.coded).toContain('E1121');
    expect(r.coded).not.toContain('N289');
  });

  it('codes COPD with emphysema as the emphysema alone, and chronic bronchitis with emphysema as COPD', () => {
    const e = codes('HPI: Severe COPD.\nASSESSMENT:\nEmphysema, stable.\n');
    expect(e.coded).toContain('J439');
    expect(e.coded).not.toContain('J449');
    const b = codes('ASSESSMENT:\nChronic bronchitis with emphysema.\n');
    expect(b.coded).toContain('J449');
    expect(b.coded.filter((c) => c === 'J42' || c.startsWith('J43'))).toEqual([]);
  });

  it('codes respiratory failure with hypoxia and hypercapnia as both, with no hypercapnia symptom', () => {
    const r = codes('ASSESSMENT:\nChronic hypoxic and hypercapnic respiratory failure on home oxygen.\n');
    expect(r.coded).toEqual(expect.arrayContaining(['J9611', 'J9612', 'Z9981']));
    expect(r.coded).not.toContain('R0689');
    const only = codes('ASSESSMENT:\nChronic respiratory failure with hypoxia, no hypercapnia.\n');
    expect(only.coded).toContain('J9611');
    expect(only.coded).not.toContain('J9612');
  });

  it('reads the acuity written before two coordinated adjectives of respiratory failure', () => {
    const acute = codes('ASSESSMENT:\nAcute hypercapnic and hypoxic respiratory failure.\n', 'inpatient');
    expect(acute.coded).toEqual(expect.arrayContaining(['J9601', 'J9602']));
    expect(acute.coded.filter((c) => c.startsWith('J969') || c.startsWith('J961'))).toEqual([]);
    const both = codes('ASSESSMENT:\nAcute on chronic hypoxic and hypercapnic respiratory failure.\n', 'inpatient');
    expect(both.coded).toEqual(expect.arrayContaining(['J9621', 'J9622']));
    expect(both.coded.filter((c) => /^J96[019]/.test(c))).toEqual([]);
  });

  it('codes no chronic respiratory failure beside the acute on chronic failure, nor a personal history for it', () => {
    const r = codes('PMH: COPD, chronic respiratory failure with hypoxia on home O2.\nDISCHARGE DIAGNOSES:\nAcute on chronic respiratory failure with hypoxia.\n', 'inpatient');
    expect(r.coded).toContain('J9621');
    expect(r.coded.filter((c) => c === 'J9611' || c === 'Z8709')).toEqual([]);
  });

  it('codes diabetic gastroparesis as the diabetes code and K31.84 after it', () => {
    const r = codes('ASSESSMENT:\nType 2 diabetes with diabetic gastroparesis.\n');
    expect(r.coded).toEqual(expect.arrayContaining(['E1143', 'K3184']));
    expect(codes('ASSESSMENT:\nType 2 diabetes with diabetic autonomic neuropathy.\n').coded).not.toContain('K3184');
  });

  it('codes no pressure ulcer the note calls healed, and still codes a healing one at its stage', () => {
    const r = codes('ASSESSMENT:\n1. Healed stage 2 pressure ulcer of coccyx.\n2. Stage 3 pressure ulcer of the sacrum, healing.\n', 'inpatient');
    expect(r.coded).toContain('L89153');
    expect(r.coded).not.toContain('L89152');
    expect(codes('ASSESSMENT:\nStage 2 pressure ulcer of the left heel, now healed.\n', 'inpatient').coded.filter((c) => c.startsWith('L89'))).toEqual([]);
  });

  it('codes ESRD alone when the record gives both a CKD stage and ESRD', () => {
    const r = codes('ASSESSMENT:\nCKD stage 5, now ESRD, on hemodialysis.\n', 'inpatient');
    expect(r.coded).toContain('N186');
    expect(r.coded.filter((c) => c.startsWith('N18') && c !== 'N186')).toEqual([]);
    expect(codes('ASSESSMENT:\nCKD stage 4.\n').coded).toContain('N184');
  });

  it('reads accessory muscle use as a sign of distress, not a congenital accessory muscle', () => {
    expect(codes('EXAM: Diffuse wheezes, accessory muscle use.\nASSESSMENT: Asthma exacerbation.\n').coded).not.toContain('Q798');
    expect(codes('ASSESSMENT:\nAccessory muscle of the forearm.\n').coded).toContain('Q798');
  });
});
