/**
 * Infections by organism (inpatient): the organism a note writes before the condition, in lower case or
 * first in a list item ("E. coli sepsis", "klebsiella pneumonia"), is the Index subterm of that condition
 * (Sepsis, Escherichia coli A41.51; Pneumonia, Klebsiella J15.0), not an organism code beside an
 * unspecified one (Guidelines I.B.2, I.C.1.d.1.a). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('infections by organism', () => {
  const coded = (text: string, setting: 'inpatient' | 'outpatient' = 'inpatient') =>
    suggestionsOf(text, setting)
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);

  it('reads "E. coli sepsis" as sepsis due to E. coli (A41.51), not A41.9 with B96.20', () => {
    const codes = coded('Assessment:\n1. E. coli sepsis.\n2. Hypertension.');
    expect(codes).toContain('A4151');
    expect(codes).not.toContain('A419');
    expect(codes).not.toContain('B9620');
  });

  it('reads a lower-case genus before the condition: "pseudomonas sepsis" is A41.52', () => {
    const codes = coded('Patient admitted with pseudomonas sepsis.');
    expect(codes).toContain('A4152');
    expect(codes).not.toContain('A419');
  });

  it('reads "Klebsiella pneumonia" first in a list item as J15.0, not J18.9', () => {
    const codes = coded('Discharge diagnoses:\n1. Klebsiella pneumonia.\n2. COPD.');
    expect(codes).toContain('J150');
    expect(codes).not.toContain('J189');
  });

  it('codes a UTI with its organism: N39.0 with B96.1 Klebsiella or B96.20 E. coli, not A49.8 (infection of unspecified site)', () => {
    const kleb = coded('Assessment:\n1. UTI due to Klebsiella pneumoniae, on ceftriaxone.');
    expect(kleb).toEqual(expect.arrayContaining(['N390', 'B961']));
    expect(kleb).not.toContain('A498');
    const coli = coded('Assessment:\n1. E. coli UTI.');
    expect(coli).toEqual(expect.arrayContaining(['N390', 'B9620']));
    expect(coli).not.toContain('A498');
  });

  it('codes sepsis due to COVID-19 as other specified sepsis (A41.89) with U07.1, not A41.9', () => {
    const codes = coded('Discharge diagnoses:\n1. Sepsis due to COVID-19.\n2. Pneumonia due to COVID-19.');
    expect(codes).toEqual(expect.arrayContaining(['A4189', 'U071', 'J1282']));
    expect(codes).not.toContain('A419');
  });

  it('keeps A41.9 for sepsis with a negative COVID-19 test written beside it', () => {
    const codes = coded('Assessment:\n1. Sepsis, source unclear. COVID-19 PCR negative.');
    expect(codes).not.toContain('A4189');
  });

  it('does not code bacteremia or a positive blood culture beside the sepsis it is part of (R78.81 Excludes1 sepsis)', () => {
    const withSepsis = coded('Assessment:\n1. Sepsis due to MRSA. Blood cultures positive for MRSA.');
    expect(withSepsis).toContain('A4102');
    expect(withSepsis).not.toContain('R7881');
    expect(coded('Assessment:\n1. Transient bacteremia after dental work, no sepsis.')).toContain('R7881');
  });
});
