/**
 * One procedure written about in several sentences is one procedure: what each sentence writes (the side,
 * the cement) decides its ICD-10-PCS code together (ICD-10-PCS Guidelines B3.2; table 0SR).
 */
import { describe, expect, it } from 'vitest';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

const pcs = (note: string) =>
  suggestionsOf(note, 'inpatient', '2026-03-01')
    .filter((s) => s.system === 'icd10pcs' && s.status !== 'not-coded')
    .map((s) => `${s.code} ${s.status}`)
    .sort();

describe.skipIf(!compiled)('procedure readings of one note combined', () => {
  it.each([
    // The side in one sentence, the cement in another: one code.
    ['Procedure: Left total knee arthroplasty.\nDescription: A cemented total knee arthroplasty was performed.\n', ['0SRD0J9 suggested']],
    ['Procedure: Left total knee arthroplasty, cemented.\nHospital course: The knee arthroplasty was uncomplicated.\n', ['0SRD0J9 suggested']],
    // No cement written anywhere: No Qualifier, and the open mention is the same procedure.
    ['Procedure: Left total knee arthroplasty.\nHospital course: The knee arthroplasty was uncomplicated.\n', ['0SRD0JZ suggested']],
    // Both knees, the cement said of both.
    ['Procedure: Bilateral total knee arthroplasty.\nThe cemented knee arthroplasties went well.\n', ['0SRC0J9 suggested', '0SRD0J9 suggested']],
    // Right and left are two procedures: each keeps what its own sentence writes.
    ['Procedure: Right total knee arthroplasty. Left total knee arthroplasty, cemented.\n', ['0SRC0JZ suggested', '0SRD0J9 suggested']],
  ])('%j → %j', (note, expected) => {
    expect(pcs(note)).toEqual(expected);
  });

  it('does not combine a procedure not done with the one done', () => {
    expect(pcs('Procedure: Right total knee arthroplasty.\nNo cemented knee arthroplasty on the left.\n')).toEqual(['0SRC0JZ suggested']);
  });

  it('leaves the side to the coder when no sentence writes it', () => {
    const list = suggestionsOf('Procedure: Total knee arthroplasty, cemented.\nThe knee arthroplasty went well.\n', 'inpatient', '2026-03-01').filter(
      (s) => s.system === 'icd10pcs' && s.status !== 'not-coded',
    );
    expect(list).toHaveLength(1);
    expect(list[0]?.status).toBe('incomplete');
    expect(list[0]?.choices?.map((c) => c.code)).toEqual(['0SRC0J9', '0SRD0J9']);
  });
});
