/**
 * Allergies, status codes and substance use read as a coder would: a DNR order is the status Z66
 * (Index DNR, Status, do not resuscitate; Guidelines I.C.21.c.3); an allergy to latex, contrast or an
 * insect is its Z91.03-/Z91.04- status, not an allergic reaction T78.40; a substance dependence in remission
 * is its F1x.x1 code, not a history (I.C.5.b.1). Through the whole pipeline;
 * needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('allergies, status codes and substance use', () => {
  it('reads a bare "DNR" as the do-not-resuscitate status Z66, and not a denied one', () => {
    expect(fateOf('ASSESSMENT:\n1. Pneumonia.\nCode status: DNR/DNI.\n', 'Z66')).toBe('suggested');
    expect(fateOf('ASSESSMENT:\n1. Pneumonia.\n2. Patient is DNR.\n', 'Z66', 'outpatient')).toBe('suggested');
    expect(fateOf('ASSESSMENT:\n1. Pneumonia.\n2. Not DNR, full code.\n', 'Z66')).toBe('not-coded/negated');
  });

  it('reads latex and contrast in the allergy list as their allergy status, beside a drug allergy', () => {
    const note = 'ALLERGIES: Latex - hives. Iodinated contrast. Penicillin.\nASSESSMENT:\n1. Pneumonia.\n';
    expect(fateOf(note, 'Z91040')).toBe('suggested');
    expect(fateOf(note, 'Z91041')).toBe('suggested');
    expect(fateOf(note, 'Z880')).toBe('suggested');
  });

  it('reads "latex allergy" as the status Z91.040, not an unspecified allergy T78.40; none when denied or for a relative', () => {
    const note = 'ASSESSMENT:\n1. Pneumonia.\n2. Latex allergy.\n';
    expect(fateOf(note, 'Z91040', 'outpatient')).toBe('suggested');
    expect(fateOf(note, 'T7840', 'outpatient')).toBe('not-coded/included-in-other-code');
    expect(fateOf('ASSESSMENT:\n1. Pneumonia.\n2. No latex allergy.\n', 'Z91040')).toBe('absent');
    expect(fateOf('ASSESSMENT:\n1. Pneumonia.\nHer mother has a latex allergy.\n', 'Z91040')).toBe('absent');
  });

  it('reads contrast given for imaging, with no allergy word, as no allergy', () => {
    expect(fateOf('PLAN: CT chest with IV contrast. Pneumonia.\n', 'Z91041')).toBe('absent');
  });

  it('codes dialysis and oxygen dependence beside a pacemaker with no Excludes1 conflict (Z99 excludes pacemaker dependence only)', () => {
    const note = 'PMH: ESRD on hemodialysis. Pacemaker in place. COPD on home oxygen.\nASSESSMENT:\n1. Pneumonia.\n';
    expect(fateOf(note, 'Z992')).toBe('suggested');
    expect(fateOf(note, 'Z950')).toBe('suggested');
    expect(fateOf(note, 'Z9981')).toBe('suggested');
  });

  it('codes a substance dependence in remission, also written as a history, with its remission code (I.C.5.b.1)', () => {
    expect(fateOf('DISCHARGE DIAGNOSES:\n1. Pneumonia.\n2. Opioid dependence in remission, on maintenance therapy.\n', 'F1121')).toBe('suggested');
    expect(fateOf('ASSESSMENT:\n1. Pneumonia.\n2. History of alcohol dependence, in remission.\n', 'F1021', 'outpatient')).toBe('suggested');
    // Buprenorphine maintenance for the dependence is no long-term opiate analgesic (I.C.21.c.3).
    expect(fateOf('DISCHARGE DIAGNOSES:\n1. Pneumonia.\n2. Opioid dependence in remission, on maintenance therapy.\n', 'Z79891')).toBe('absent');
  });

  it('reads "noncompliant with dialysis" as the noncompliance Z91.15-, as "noncompliance with dialysis" is', () => {
    expect(fateOf('ASSESSMENT:\n1. ESRD.\n2. Noncompliant with dialysis.\n', 'Z91158', 'outpatient')).toBe('suggested');
    expect(fateOf('ASSESSMENT:\n1. ESRD.\n2. Compliant with dialysis.\n', 'Z91158', 'outpatient')).toBe('absent');
  });
});
