/**
 * Infections, fourth review (inpatient notes): an infected surgical wound is the Index's
 * Infection, operation wound T81.40- (Complication, postprocedural, wound infection), with the organism
 * written as its cause as the B95-B97 code beside it (Tabular T81.4 use additional code to identify
 * infection; A49 Excludes1 B95-B96), not an A49.- infection of unspecified site nor B99.9; a negative
 * serology result covers every agent listed before it (Guidelines IV.H: a condition ruled out is not
 * coded); a respiratory infection is Infection, respiratory J98.8 (upper J06.9), not B99.9.
 * Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('infections (fourth review)', () => {
  const coded = (text: string) =>
    suggestionsOf(text, 'inpatient')
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);

  it('codes a surgical wound infection as a postprocedural infection (T81.40-), not B99.9', () => {
    for (const text of [
      'Assessment:\n1. Surgical wound infection after the hernia repair.',
      'Hospital course:\nThe stay was complicated by an infection of the surgical wound.',
    ]) {
      const codes = coded(text);
      expect(codes.some((c) => c.startsWith('T8140'))).toBe(true);
      expect(codes).not.toContain('B999');
    }
  });

  it('codes the organism of an infected surgical wound as B96.5 beside T81.40-, not A49.8', () => {
    const codes = coded('Assessment:\n1. Surgical wound infection caused by Pseudomonas aeruginosa.');
    expect(codes.some((c) => c.startsWith('T8140'))).toBe(true);
    expect(codes).toContain('B965');
    expect(codes).not.toContain('A498');
  });

  it('reads a negative serology over the whole list of agents tested before it', () => {
    for (const text of [
      'Laboratory:\nHIV, HBV and HCV serologies negative.',
      'Laboratory:\nHBV, HCV and HIV serology was negative.',
      'Laboratory:\nHBV, HCV, toxoplasma and cytomegalovirus serologies were negative.',
    ]) {
      const codes = coded(text);
      for (const c of ['B20', 'B1910', 'B1920', 'B589', 'B259']) expect(codes).not.toContain(c);
      expect(codes.some((c) => c.startsWith('B1') || c.startsWith('K75'))).toBe(false);
    }
  });

  it('still codes a hepatitis stated in another sentence beside negative serologies', () => {
    const codes = coded('Assessment:\n1. Chronic hepatitis C.\n\nLaboratory:\nHIV and HBV serologies negative.');
    expect(codes).toContain('B182');
    expect(codes).not.toContain('B20');
    expect(codes).not.toContain('B1910');
  });

  it('codes a respiratory infection as J98.8 and an upper one as J06.9, not B99.9', () => {
    const lower = coded('Assessment:\n1. Respiratory infection treated with amoxicillin.');
    expect(lower).toContain('J988');
    expect(lower).not.toContain('B999');
    const upper = coded('Assessment:\n1. Upper respiratory infection.');
    expect(upper).toContain('J069');
    expect(upper).not.toContain('B999');
  });
});
