/**
 * Infections, second review (inpatient notes): MRSA carriage is Z22.322, not an infection (Guidelines
 * I.C.1.e); septic shock with the localized infection it is due to (I.C.1.d.1.b, I.C.1.d.4); cellulitis
 * and abscess of the upper limb by side (Index Cellulitis, upper limb L03.11-; Abscess, limb, upper
 * L02.41-); B95-B97 only where the code does not name the organism; C. difficile colitis recurrent or
 * not; CAUTI with its infection (I.C.19.g). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('infections (second review)', () => {
  const coded = (text: string) =>
    suggestionsOf(text, 'inpatient')
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);
  const fate = (text: string, code: string) => {
    const s = suggestionsOf(text, 'inpatient').find((x) => x.code === code);
    return s ? `${s.status}${s.notCoded ? `/${s.notCoded}` : ''}` : 'absent';
  };

  it('codes an MRSA carrier or a positive MRSA nares screen as Z22.322, with no MRSA infection code', () => {
    for (const text of [
      'Assessment:\n1. MRSA carrier, no MRSA infection.',
      'Assessment:\n1. MRSA nares screen positive.',
      'Assessment:\n1. Carrier of methicillin resistant staphylococci.',
    ]) {
      const codes = coded(text);
      expect(codes).toContain('Z22322');
      expect(codes).not.toContain('Z22321');
      expect(codes).not.toContain('B9562');
      expect(codes).not.toContain('A4902');
    }
  });

  it('does not code carriage from a negative or pending MRSA screen', () => {
    expect(coded('Assessment:\n1. Cellulitis of the left leg. MRSA nares screen negative.')).not.toContain('Z22322');
    expect(fate('Assessment:\n1. Cellulitis of left leg. MRSA nasal swab pending.', 'Z22322')).not.toMatch(/^suggested/);
  });

  it('codes septic shock due to E. coli pyelonephritis as A41.51, R65.21 and the pyelonephritis (not N16), without B96.20', () => {
    const text = 'Assessment:\n1. Septic shock due to E. coli pyelonephritis.';
    const codes = coded(text);
    expect(codes).toEqual(expect.arrayContaining(['A4151', 'R6521', 'N12']));
    expect(codes).not.toContain('N16');
    expect(codes).not.toContain('B9620');
    expect(codes[0]).toBe('A4151');
    expect(coded('Assessment:\n1. Sepsis secondary to acute pyelonephritis.')).toEqual(expect.arrayContaining(['A419', 'N10']));
  });

  it('codes cellulitis and abscess of the arm, forearm and hand by side', () => {
    const codes = coded('Assessment:\n1. Cellulitis of right forearm.\n2. Cellulitis of left hand.\n3. Abscess of right forearm.');
    expect(codes).toEqual(expect.arrayContaining(['L03113', 'L03114', 'L02413']));
    expect(codes).not.toContain('L03119');
    expect(codes).not.toContain('L0390');
    expect(codes).not.toContain('L0291');
  });

  it('adds no B95-B96 organism code beside a code that names the organism', () => {
    expect(fate('Assessment:\n1. Pneumonia due to E. coli. Sputum grew E. coli.', 'B9620')).not.toBe('suggested');
    expect(fate('Assessment:\n1. Sepsis due to Escherichia coli urinary tract infection.', 'B9620')).toBe('not-coded/included-in-other-code');
    expect(coded('Assessment:\n1. UTI, E. coli on culture.')).toEqual(expect.arrayContaining(['N390', 'B9620']));
  });

  it('codes C. difficile colitis said not to be recurrent as A04.72, a recurrent one as A04.71', () => {
    expect(coded('Assessment:\n1. Clostridium difficile colitis, not recurrent.')).toContain('A0472');
    expect(coded('Assessment:\n1. Clostridium difficile colitis, not recurrent.')).not.toContain('A0471');
    expect(coded('Assessment:\n1. Recurrent Clostridioides difficile colitis.')).toContain('A0471');
  });

  it('codes a CAUTI read as the catheter complication with the UTI after it (I.C.19.g)', () => {
    const codes = coded(
      'Discharge Diagnoses:\n1. Catheter-associated urinary tract infection due to indwelling Foley catheter.\nHospital Course: Admitted with fever, catheter removed, treated with cefepime.',
    );
    expect(codes).toContain('T83511A');
    expect(codes).toContain('N390');
    expect(codes.indexOf('T83511A')).toBeLessThan(codes.indexOf('N390'));
  });

  it('takes flank pain as part of a pyelonephritis (I.B.5)', () => {
    const text = 'History of Present Illness:\nFever and left flank pain.\n\nAssessment:\n1. Septic shock due to E. coli pyelonephritis.';
    expect(fate(text, 'R10A2')).toBe('not-coded/integral-symptom');
  });

  it('does not read "urine and blood cultures" as hematuria', () => {
    expect(coded('History of Present Illness:\nFever. Urine and blood cultures grew E. coli.')).not.toContain('R319');
  });
});
