/**
 * Injuries, burns and their external causes through the whole analyzer: one code once per encounter, and
 * the external cause after the injury it explains (Guidelines I.C.19, I.C.20).
 */
import { describe, expect, it } from 'vitest';
import { extentCode, statedExtent } from '../../../utils/coding/burn-extent';
import { codedOf, compiled, suggestionsOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('injuries, burns and external causes', () => {
  it('lists a burn named in the exam and in the assessment once, with the evidence of both', () => {
    const note =
      'ED NOTE\nExam: Second degree burn of the right forearm with blistering.\nAssessment: Second degree burn of right forearm, initial encounter.\n';
    const burns = suggestionsOf(note, 'outpatient').filter((s) => s.code === 'T22211A' && s.status !== 'not-coded');
    expect(burns).toHaveLength(1);
    expect(burns[0]?.evidence.length).toBeGreaterThanOrEqual(2);
  });

  it('never lists the external cause first: the injury it explains comes before it (I.C.20)', () => {
    const codes = codedOf(
      'DISCHARGE SUMMARY\nAdmission diagnosis: Fall from ladder.\nDischarge diagnoses:\n1. Closed fracture of shaft of left radius, initial encounter\n',
    );
    expect(codes).toContain('W11XXXA');
    expect(codes).toContain('S52302A');
    expect(codes.indexOf('S52302A')).toBeLessThan(codes.indexOf('W11XXXA'));
  });
});

describe('the stated extent of burns (T31, I.C.19.d.6)', () => {
  const rules = { extentWords: ['TBSA', 'total body surface area', 'body surface area'], thirdDegreeWords: ['third degree', 'full thickness'] };

  it('reads the total and the third-degree part wherever the sentence puts them', () => {
    expect(statedExtent('Burns cover 25% TBSA with 10% full thickness.', rules)).toMatchObject({ total: 25, third: 10 });
    expect(statedExtent('Total body surface area burned 3%, no third degree.', rules)).toMatchObject({ total: 3 });
    expect(statedExtent('Full thickness 12%, TBSA 40%.', rules)).toMatchObject({ total: 40, third: 12 });
    expect(statedExtent('Burn of the right hand, 2% of body surface area.', rules)).toMatchObject({ total: 2 });
    expect(statedExtent('Second degree burn of the right hand with 50% improvement.', rules)).toBeUndefined();
  });

  it('codes the total in tens as the 4th character and the third-degree tens as the 5th', () => {
    expect(extentCode('T31', 3, 0)).toBe('T310');
    expect(extentCode('T31', 25, 10)).toBe('T3121');
    expect(extentCode('T31', 95, 95)).toBe('T3199');
    expect(extentCode('T32', 18, 0)).toBe('T3210');
  });

  it.skipIf(!compiled)('adds T31 beside the burns coded by site when the note states TBSA', () => {
    const codes = codedOf(
      'ED NOTE\nAssessment: Second degree burn of right forearm, initial encounter. Third degree burn of right thigh, initial encounter. 25% TBSA with 10% full thickness.\n',
      'outpatient',
    );
    expect(codes).toContain('T22211A');
    expect(codes).toContain('T3121');
    expect(codedOf('ED NOTE\nAssessment: Second degree burn of right forearm, initial encounter.\n', 'outpatient').some((c) => c.startsWith('T31'))).toBe(false);
  });
});

describe.skipIf(!compiled)('motor vehicle collisions by role and vehicle (I.C.20.a)', () => {
  const ed = (hpi: string) => codedOf(`ED NOTE\nHPI: ${hpi}\nAssessment: Closed fracture of left clavicle, initial encounter. MVC.\n`, 'outpatient');

  it('codes the driver of a car hit by another car as V43.52, not the unspecified V89.9 beside it', () => {
    const codes = ed('Restrained driver of a car involved in a collision with another car on the highway.');
    expect(codes).toContain('V4352XA');
    expect(codes.filter((c) => c.startsWith('V89') || c.startsWith('V496'))).toEqual([]);
  });

  it('codes a passenger as V43.62 and a driver hit by a vehicle the note does not name as V49.40', () => {
    expect(ed('Front seat passenger in a car collision with another car.')).toContain('V4362XA');
    expect(ed('He was the driver in a car collision on the interstate.')).toContain('V4940XA');
  });
});

describe.skipIf(!compiled)('wound care words that are no condition', () => {
  it('does not read the tetanus immunization status as tetanus (A35), and still codes tetanus the note diagnoses', () => {
    const plan = (p: string) => codedOf(`ED NOTE\nAssessment: Dog bite of left lower leg, initial encounter.\nPlan: ${p}\n`, 'outpatient');
    for (const p of ['Augmentin, wound care. Tetanus up to date.', 'Wound care. Tetanus is current.', 'Wound care. Last tetanus shot 2019.']) {
      expect(plan(p).filter((c) => /^A3[3-5]/.test(c))).toEqual([]);
    }
    expect(codedOf('DISCHARGE SUMMARY\nDiagnosis: Generalized tetanus after a puncture wound of the foot.\n').some((c) => c.startsWith('A35'))).toBe(true);
  });
});

describe.skipIf(!compiled)('the follow-up visit of a healing injury (I.C.19.a, I.C.21.c.8)', () => {
  const visit =
    'ORTHOPEDIC CLINIC FOLLOW-UP VISIT\nReason for visit: Follow-up of left distal radius fracture.\nHPI: Seen 4 weeks after a fall on ice, for routine follow-up of a closed fracture of the left distal radius treated with closed reduction and casting.\nAssessment: Closed fracture of left distal radius with routine healing, subsequent encounter.\n';

  it('gives every mention of the injury the 7th character D, the fall too, and does not code Z09 beside it', () => {
    const codes = codedOf(visit, 'outpatient');
    expect(codes).toContain('S52502D');
    expect(codes).not.toContain('S52502A');
    expect(codes).toContain('W009XXD');
    expect(codes).not.toContain('Z09');
  });

  it('does not code unspecified pain (R52) beside the injury it belongs to', () => {
    expect(codedOf('ED NOTE\nHPI: Inverted his right ankle playing basketball; able to bear weight with pain.\nAssessment: Sprain of right ankle, initial encounter.\n', 'outpatient')).not.toContain('R52');
  });
});

describe.skipIf(!compiled)('falls beside the injury they caused (I.C.20)', () => {
  it('keeps the fall of "slipped and fell" (W01.0) although the lone "fell" is no repeated falls (R29.6)', () => {
    const codes = codedOf('ED NOTE\nHPI: She slipped and fell in the bathroom.\nAssessment: Closed fracture of left wrist, initial encounter.\n', 'outpatient');
    expect(codes).toContain('W010XXA');
    expect(codes).not.toContain('R296');
  });
});
