/**
 * Not-coded review: a sign or symptom is left out only beside a diagnosis it is routinely part of
 * (Guidelines I.B.5); one not routinely associated with the diagnosis is coded (I.B.6). Fever beside a
 * chronic or localized infection (HIV disease, chronic hepatitis C, oral thrush) is coded; abdominal pain
 * beside diverticulosis without diverticulitis is coded. Cystitis with hematuria documented is the cystitis
 * code with hematuria (N30.-1), not N30.-0 beside R31 (Index Cystitis, with hematuria; I.B.9). A history
 * mention the note calls chronic or persistent is a current condition, not history (I.C.21.c.4 against IV.J).
 * Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('not-coded review (Guidelines I.B.5, I.B.6)', () => {
  it('codes fever beside HIV disease or chronic hepatitis C, which do not routinely cause it', () => {
    expect(fateOf('Assessment:\n1. Fever to 38.9 C.\n2. HIV disease on antiretroviral therapy.\n', 'R509')).toBe('suggested');
    expect(fateOf('Assessment:\n1. Fever to 38.9 C.\n2. Chronic hepatitis C.\n', 'R509')).toBe('suggested');
  });

  it('codes fever beside cystitis, not beside pyelonephritis', () => {
    expect(fateOf('Assessment:\n1. Fever to 38.5 C.\n2. Acute cystitis.\n', 'R509')).toBe('suggested');
    expect(fateOf('Assessment:\n1. Fever to 38.5 C.\n2. Acute pyelonephritis.\n', 'R509')).toBe('not-coded/integral-symptom');
  });

  it('still leaves fever out beside pneumonia or an acute viral infection', () => {
    expect(fateOf('Assessment:\n1. Fever to 39 C.\n2. Community-acquired pneumonia.\n', 'R509')).toBe('not-coded/integral-symptom');
    expect(fateOf('Assessment:\n1. Fever to 39 C.\n2. Varicella.\n', 'R509')).toBe('not-coded/integral-symptom');
  });

  it('codes abdominal pain beside diverticulosis, not beside diverticulitis', () => {
    expect(fateOf('Assessment:\n1. Left lower quadrant abdominal pain.\n2. Sigmoid diverticulosis on CT.\n', 'R1032')).toBe('suggested');
    expect(fateOf('Assessment:\n1. Left lower quadrant abdominal pain.\n2. Acute sigmoid diverticulitis.\n', 'R1032')).toBe(
      'not-coded/integral-symptom',
    );
  });

  it('codes cystitis with hematuria written apart as N30.-1, with no N30.-0 or R31 beside it', () => {
    const codes = codedOf('Assessment:\n1. Gross hematuria.\n2. Acute cystitis.\n');
    expect(codes).toContain('N3001');
    expect(codes).not.toContain('N3000');
    expect(codes).not.toContain('R310');
    expect(codedOf('Assessment:\n1. Acute cystitis.\n')).toContain('N3000');
  });

  it('codes a history condition called chronic or persistent as current, a past acute one not', () => {
    const text = 'He has a history of chronic prostatitis and of persistent esophageal varices.\nAssessment:\n1. Right inguinal hernia.\n';
    expect(fateOf(text, 'N411')).toBe('suggested');
    expect(fateOf(text, 'I8500')).toBe('suggested');
    expect(fateOf('He has a history of acute prostatitis two years ago.\nAssessment:\n1. Right inguinal hernia.\n', 'N410')).toBe(
      'not-coded/history-no-code',
    );
  });

  it('does not carry "chronic" from one item of a history list to the next', () => {
    const text = 'History of chronic gastritis and peptic ulcer.\nAssessment:\n1. Right inguinal hernia.\n';
    expect(fateOf(text, 'K2950')).toBe('suggested');
    expect(fateOf(text, 'K279')).not.toBe('suggested');
  });

  it('codes hyperuricemia and glycogen storage disease listed as history: lifelong conditions', () => {
    const codes = codedOf('Past medical history: hyperuricemia, glycogen storage disease type V.\nAssessment:\n1. Right inguinal hernia.\n');
    expect(codes).toEqual(expect.arrayContaining(['E790', 'E7404']));
  });

  it('codes a history condition said to be on treatment as current, one treated in the past as history', () => {
    const text =
      'History of hyperglycemia on dietary treatment and breast cancer treated with mastectomy in 2001.\nAssessment:\n1. Right inguinal hernia.\n';
    expect(fateOf(text, 'R739')).toBe('suggested');
    expect(fateOf(text, 'Z853')).toBe('suggested');
    expect(fateOf(text, 'C50919')).not.toBe('suggested');
  });

  it('gives a past peptic or duodenal ulcer its personal history code Z87.11', () => {
    expect(codedOf('History of peptic ulcer.\nAssessment:\n1. Right inguinal hernia.\n')).toContain('Z8711');
    expect(codedOf('History of duodenal ulcer.\nAssessment:\n1. Right inguinal hernia.\n')).toContain('Z8711');
  });

  it('keeps an unspecified streptococcus beside a staphylococcus: another organism, not a more specific one', () => {
    const text =
      'Assessment:\n1. Cellulitis of left leg due to streptococcus.\n2. Urinary tract infection due to methicillin susceptible Staphylococcus aureus.\n';
    const codes = codedOf(text);
    expect(codes).toEqual(expect.arrayContaining(['B955', 'B9561']));
  });
});
