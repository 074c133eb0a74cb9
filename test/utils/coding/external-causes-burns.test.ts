/**
 * Injuries, burns and their external causes through the whole analyzer: one code once per encounter, and
 * the external cause after the injury it explains (Guidelines I.C.19, I.C.20).
 */
import { describe, expect, it } from 'vitest';
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
