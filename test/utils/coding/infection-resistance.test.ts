/**
 * Resistant organisms and sepsis (inpatient): an infection due to MRSA with no combination code is the
 * infection and B95.62 (Guidelines I.C.1.e); a resistance the infection code does not name is a Z16 code
 * after it (I.C.1.c); colonization is Z22.32-, not an infection. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('resistant organisms', () => {
  const coded = (text: string, setting: 'inpatient' | 'outpatient' = 'inpatient') =>
    suggestionsOf(text, setting)
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);

  it('codes MRSA cellulitis as the cellulitis with B95.62 beside it (I.C.1.e)', () => {
    const codes = coded('Assessment:\n1. MRSA cellulitis of the right leg, on vancomycin.');
    expect(codes).toEqual(expect.arrayContaining(['L03115', 'B9562']));
    expect(codes).not.toContain('A4902');
  });

  it('codes an MSSA abscess with B95.61 and an MRSA UTI with B95.62', () => {
    expect(coded('Assessment:\n1. Abscess of the left thigh, wound culture MSSA.')).toContain('B9561');
    expect(coded('Assessment:\n1. UTI due to MRSA.')).toEqual(expect.arrayContaining(['N390', 'B9562']));
  });

  it('gives MRSA pneumonia J15.212 alone: the combination code names the organism, no B95.62 and no Z16', () => {
    const codes = coded('Assessment:\n1. MRSA pneumonia, on linezolid.');
    expect(codes).toContain('J15212');
    expect(codes).not.toContain('B9562');
    expect(codes.some((c) => c.startsWith('Z16'))).toBe(false);
  });

  it('does not add B95.62 for an MRSA screen or colonization written beside the infection', () => {
    const codes = coded('Assessment:\n1. Cellulitis of the left leg. MRSA nares screen negative.');
    expect(codes).toContain('L03116');
    expect(codes).not.toContain('B9562');
  });

  it('reads "colonized with MRSA" as colonization, Z22.322 (MSSA: Z22.321), and no infection code', () => {
    const codes = coded('Assessment:\n1. Colonized with MRSA.\n2. Patient is colonized with MSSA.');
    expect(codes).toEqual(expect.arrayContaining(['Z22322', 'Z22321']));
    expect(codes).not.toContain('B9562');
    expect(codes).not.toContain('A4902');
  });

  it('adds Z16.12 after an ESBL E. coli UTI, keeping N39.0 and B96.20', () => {
    const codes = coded('Assessment:\n1. UTI due to ESBL E. coli, on meropenem.');
    expect(codes).toEqual(expect.arrayContaining(['N390', 'B9620', 'Z1612']));
    expect(codes).not.toContain('A498');
    expect(codes.indexOf('Z1612')).toBeGreaterThan(codes.indexOf('N390'));
  });

  it('adds Z16.21 to a VRE infection and keeps it beside MRSA sepsis of another line (the Z16 Excludes1 is about methicillin)', () => {
    const codes = coded('Assessment:\n1. Sepsis due to MRSA.\n2. VRE urinary tract infection.');
    expect(codes).toEqual(expect.arrayContaining(['A4102', 'N390', 'B952', 'Z1621']));
    const sepsis = suggestionsOf('Assessment:\n1. Sepsis due to MRSA.\n2. VRE urinary tract infection.', 'inpatient').find((s) => s.code === 'A4102');
    expect(sepsis?.status).toBe('suggested');
  });

  it('adds Z16.24 for a multidrug resistant infection and Z16.13 for a carbapenem resistant one', () => {
    expect(coded('Assessment:\n1. Multidrug resistant Pseudomonas pneumonia.')).toContain('Z1624');
    expect(coded('Assessment:\n1. Acute pyelonephritis, CRE Klebsiella.')).toEqual(expect.arrayContaining(['N10', 'Z1613']));
  });

  it('adds no Z16 code to a condition that is no infection', () => {
    const codes = coded('Assessment:\n1. Chronic kidney disease stage 3a, on ESBL contact precautions.');
    expect(codes).toContain('N1831');
    expect(codes.some((c) => c.startsWith('Z16'))).toBe(false);
  });
});

describe.skipIf(!compiled)('a negative test written after a diagnosis', () => {
  const status = (text: string, code: string) => suggestionsOf(text, 'inpatient').find((s) => s.code === code);

  it('negates only its own test: "Pneumonia, COVID negative" codes the pneumonia, not COVID-19', () => {
    const text = 'Assessment:\n1. Community acquired pneumonia, COVID negative.\n2. Sepsis and UTI, flu neg.';
    expect(status(text, 'J189')?.status).not.toBe('not-coded');
    expect(status(text, 'A419')?.status).not.toBe('not-coded');
    expect(status(text, 'N390')?.status).not.toBe('not-coded');
    expect(status(text, 'U071')?.notCoded).toBe('negated');
    expect(status(text, 'J111')?.notCoded).toBe('negated');
  });

  it('keeps a list of tests negated together ("Strep, flu, COVID negative")', () => {
    const text = 'Assessment:\n1. Strep, flu, COVID negative.';
    expect(status(text, 'B955')?.notCoded).toBe('negated');
    expect(status(text, 'J111')?.notCoded).toBe('negated');
  });
});

describe.skipIf(!compiled)('severe sepsis and septic shock', () => {
  const coded = (text: string) =>
    suggestionsOf(text, 'inpatient')
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);

  it('codes the sepsis first when only severe sepsis is written: A41.9, then R65.20, then the organ dysfunction', () => {
    const codes = coded('Assessment:\n1. Severe sepsis with acute kidney injury.');
    expect(codes.slice(0, 3)).toEqual(['A419', 'R6520', 'N179']);
  });

  it('keeps the organism of the sepsis and adds no A41.9 beside it', () => {
    const codes = coded('Assessment:\n1. Severe sepsis due to MRSA with acute kidney injury.');
    expect(codes).toEqual(expect.arrayContaining(['A4102', 'R6520', 'N179']));
    expect(codes).not.toContain('A419');
    expect(codes.indexOf('A4102')).toBeLessThan(codes.indexOf('R6520'));
  });

  it('does not lose the sepsis when septic shock is written before its source', () => {
    const codes = coded('Final diagnoses:\n1. Severe sepsis with septic shock secondary to pneumonia, Klebsiella.');
    expect(codes).toEqual(expect.arrayContaining(['A419', 'R6521', 'J150']));
    expect(codes.indexOf('A419')).toBeLessThan(codes.indexOf('R6521'));
  });
});
