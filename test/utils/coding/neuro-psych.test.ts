/**
 * Neurology, psychiatry and substance use read as a coder would: a DSM-5 "use disorder" without severity
 * is no induced disorder, dependence includes abuse and use (I.C.5.b.1), withdrawal includes its tremor,
 * sweating and hallucinations (I.B.5), "without psychotic features" is no psychosis and rules out the
 * "with psychotic features" code, hypoxic brain damage is G93.1. Through the whole pipeline; needs the
 * compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import type { Setting } from '../../../utils/coding/types';
import { compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('neurology, psychiatry and substance use', () => {
  const fate = (text: string, setting: Setting, code: string) => fateOf(text, code, setting);

  it('reads opioid use disorder without severity as opioid use, not an opioid-induced disorder', () => {
    const note = 'ASSESSMENT:\n1. Opioid use disorder - start buprenorphine.\n';
    expect(fate(note, 'outpatient', 'F1190')).toBe('suggested');
    expect(fate(note, 'outpatient', 'F1199')).toBe('absent');
    expect(fate('ASSESSMENT:\n1. Opioid use disorder, severe.\n', 'outpatient', 'F1120')).toBe('suggested');
  });

  it('codes the dependence with its withdrawal alone: not the uncomplicated dependence, the abuse or the withdrawal signs', () => {
    const note =
      'HPI: Alcohol use disorder, severe. Tremors, diaphoresis and visual hallucinations; last drink 2 days ago.\n' +
      'ASSESSMENT:\n1. Alcohol withdrawal with perceptual disturbances in setting of alcohol dependence.\n2. History of alcohol abuse.\n';
    expect(fate(note, 'inpatient', 'F10232')).toBe('suggested');
    expect(fate(note, 'inpatient', 'F1020')).toBe('not-coded/less-specific');
    expect(fate(note, 'inpatient', 'R251')).toBe('not-coded/integral-symptom');
    expect(fate(note, 'inpatient', 'R61')).toBe('not-coded/integral-symptom');
    expect(fate(note, 'inpatient', 'R441')).toBe('not-coded/integral-symptom');
  });

  it('keeps abuse of one substance beside dependence on another', () => {
    const note = 'ASSESSMENT:\n1. Alcohol dependence.\n2. Cannabis abuse.\n';
    expect(fate(note, 'outpatient', 'F1020')).toBe('suggested');
    expect(fate(note, 'outpatient', 'F1210')).toBe('suggested');
  });

  it('reads "without psychotic features" as the severe episode without psychosis, and codes no psychosis', () => {
    const note = 'ASSESSMENT:\n1. Bipolar disorder, current episode depressed, without psychotic features, severe.\n';
    expect(fate(note, 'inpatient', 'F314')).toBe('suggested');
    expect(fate(note, 'inpatient', 'F315')).toBe('absent');
    expect(fate(note, 'inpatient', 'F23')).not.toBe('suggested');
    expect(fate('ASSESSMENT:\n1. Bipolar disorder, current episode depressed severe with psychotic features.\n', 'inpatient', 'F315')).toBe(
      'suggested',
    );
  });

  it('codes depression named in the history as the major depressive disorder the assessment specifies', () => {
    const note = 'PAST MEDICAL HISTORY: Depression.\nASSESSMENT:\n1. Major depressive disorder, recurrent, moderate - continue sertraline.\n';
    expect(fate(note, 'inpatient', 'F331')).toBe('suggested');
    expect(fate(note, 'inpatient', 'F32A')).toBe('not-coded/less-specific');
  });

  it('reads hypoxic brain damage as anoxic brain damage G93.1', () => {
    const note = 'DIAGNOSES:\n1. Hypoxic brain damage.\n';
    expect(fate(note, 'inpatient', 'G931')).toBe('suggested');
    expect(fate(note, 'inpatient', 'G939')).toBe('absent');
  });

  it('puts the written severity in the dementia code of its cause, and codes no unspecified dementia beside it', () => {
    const note = "ASSESSMENT:\n1. Alzheimer's dementia, late onset, moderate.\n";
    expect(fate(note, 'inpatient', 'G301')).toBe('suggested');
    expect(fate(note, 'inpatient', 'F02B0')).toBe('suggested');
    expect(fate(note, 'inpatient', 'F0280')).toBe('not-coded/superseded-by-combination');
    expect(fate(note, 'inpatient', 'F03B0')).not.toBe('suggested');
    expect(fate('ASSESSMENT:\n1. Vascular dementia, mild.\n', 'inpatient', 'F01A0')).toBe('suggested');
  });

  it('codes no agitation beside dementia with agitation', () => {
    expect(fate('ASSESSMENT:\n1. Dementia with agitation.\n', 'inpatient', 'F03911')).toBe('suggested');
    expect(fate('ASSESSMENT:\n1. Dementia with agitation.\n', 'inpatient', 'R451')).toBe('not-coded/integral-symptom');
  });
});
