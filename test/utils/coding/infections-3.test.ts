/**
 * Infections, third review (inpatient notes): "septic" before a localized infection names that
 * infection's kind (Index Arthritis, septic — see Arthritis, pyogenic M00.-), not sepsis, which is
 * coded only where sepsis is documented (Guidelines I.C.1.d.1.a); the organism of a Klebsiella UTI as the
 * Index gives it (Infection, bacterial NOS, as cause of disease classified elsewhere B96.89; Klebsiella
 * pneumoniae B96.1); urosepsis, a term with no code, listed as not coded with its query (I.C.1.d.1.a.ii).
 * Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('infections (third review)', () => {
  const coded = (text: string) =>
    suggestionsOf(text, 'inpatient')
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);

  it('codes septic arthritis as pyogenic arthritis (M00.-) with no sepsis code', () => {
    const codes = coded('Assessment:\n1. Septic arthritis of the right knee.');
    expect(codes.some((c) => c.startsWith('M00'))).toBe(true);
    expect(codes).not.toContain('A419');
  });

  it('does not read "septic" before another localized condition as sepsis', () => {
    for (const text of ['Assessment:\n1. Septic bursitis of the left elbow.', 'Assessment:\n1. Septic thrombophlebitis.']) {
      expect(coded(text)).not.toContain('A419');
    }
  });

  it('still codes sepsis where the note says the patient is septic, and septic shock as A41.9 with R65.21', () => {
    expect(coded('Assessment:\n1. The patient is septic.')).toContain('A419');
    expect(coded('Assessment:\n1. Septic shock.')).toEqual(expect.arrayContaining(['A419', 'R6521']));
  });

  it('codes the organism of a Klebsiella UTI: B96.1 for K. pneumoniae, B96.89 for the genus alone (the Index prints only the species)', () => {
    for (const text of ['Assessment:\n1. Klebsiella UTI.', 'Assessment:\n1. UTI due to Klebsiella.']) {
      const codes = coded(text);
      expect(codes).toEqual(expect.arrayContaining(['N390', 'B9689']));
      expect(codes).not.toContain('B961');
    }
    const species = coded('Assessment:\n1. UTI due to Klebsiella pneumoniae.');
    expect(species).toEqual(expect.arrayContaining(['N390', 'B961']));
    expect(species).not.toContain('B9689');
    expect(coded('Assessment:\n1. Klebsiella pneumonia.')).not.toContain('B9689');
  });

  it('lists urosepsis as not coded, with the query for sepsis or a UTI, and codes neither from the term', () => {
    const all = suggestionsOf('Assessment:\n1. Urosepsis.', 'inpatient');
    const item = all.find((s) => s.notCoded === 'no-code-query');
    expect(item?.status).toBe('not-coded');
    expect(item?.evidence[0]?.text).toBe('Urosepsis');
    expect(item?.reason).toMatch(/query the provider/);
    expect(item?.reason).toMatch(/I\.C\.1\.d\.1\.a\.ii/);
    const codes = coded('Assessment:\n1. Urosepsis.');
    expect(codes).not.toContain('A419');
    expect(codes).not.toContain('N390');
    expect(suggestionsOf('Assessment:\n1. No urosepsis.', 'inpatient').some((s) => s.notCoded === 'no-code-query')).toBe(false);
  });
});
