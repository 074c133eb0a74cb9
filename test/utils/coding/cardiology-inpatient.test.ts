/**
 * Inpatient cardiology as a coder reads it: coronary atherosclerosis with angina in one combination code
 * (Guidelines I.C.9.b), and the cardiac procedures of a cath lab stay. Through the whole pipeline; needs
 * the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

const coded = codedOf;

describe.skipIf(!compiled)('coronary atherosclerosis with angina (Guidelines I.C.9.b)', () => {
  it.each([
    ['ASSESSMENT:\n1. Coronary artery disease with unstable angina.\n', 'I25110', 'I200'],
    ['DIAGNOSES:\n1. CAD.\n2. Stable angina.\n', 'I25118', 'I2089'],
    ['ASSESSMENT: Coronary artery disease with angina pectoris with documented spasm.\n', 'I25111', 'I201'],
    ['ASSESSMENT: Coronary artery disease with refractory angina.\n', 'I25112', 'I202'],
  ])('%j → %s, not I25.10 + the angina', (note, combination, angina) => {
    const codes = coded(note);
    expect(codes).toContain(combination);
    expect(codes).not.toContain('I2510');
    expect(codes).not.toContain(angina);
  });
});

describe.skipIf(!compiled)('a shock given is the cardioversion, not circulatory shock (Index: Shock R57.9)', () => {
  it('codes the cardioversion and no shock for a synchronized shock', () => {
    const codes = coded('HOSPITAL COURSE: He was cardioverted with a single 200 J synchronized shock to sinus rhythm.\n', 'inpatient', '2026-06-01');
    expect(codes).toContain('5A2204Z');
    expect(codes.filter((c) => c.startsWith('R57') || c.startsWith('T754'))).toEqual([]);
  });

  it('codes no shock for discharges of an ICD', () => {
    expect(fateOf('HPI: He received two ICD shocks at home this morning.\n', 'R579')).toBe('not-coded/not-a-finding');
  });

  it('still codes circulatory shock', () => {
    expect(coded('ASSESSMENT: Cardiogenic shock. Septic shock was ruled out.\n')).toContain('R570');
    expect(coded('ASSESSMENT: Patient in shock on arrival, started on norepinephrine.\n')).toContain('R579');
  });
});

describe.skipIf(!compiled)('single-vessel coronary artery disease is atherosclerosis, not a congenital single coronary artery', () => {
  it('codes I25.10 and not Q24.5', () => {
    const codes = coded('IMPRESSION: Severe single vessel coronary artery disease of the LAD.\n');
    expect(codes).toContain('I2510');
    expect(codes).not.toContain('Q245');
  });

  it('keeps Q24.5 for a congenital single coronary artery', () => {
    expect(coded('FINDINGS: Anomalous single coronary artery.\n')).toContain('Q245');
  });
});

describe.skipIf(!compiled)('a STEMI is coded by its wall and artery (Index: Infarct, myocardium, ST elevation; I.C.9.e.1)', () => {
  it.each([
    ['ASSESSMENT: Acute inferior wall STEMI involving the right coronary artery.\n', 'I2111'],
    ['ASSESSMENT: Anterior STEMI due to proximal LAD occlusion.\n', 'I2102'],
    ['ASSESSMENT: Lateral STEMI involving the left circumflex.\n', 'I2121'],
    ['ASSESSMENT: Acute inferior STEMI.\n', 'I2119'],
    ['ASSESSMENT: Anterolateral STEMI.\n', 'I2109'],
    ['ASSESSMENT: Posterior wall STEMI.\n', 'I2129'],
    ['ASSESSMENT: Acute STEMI.\n', 'I213'],
  ])('%j → %s', (note, code) => {
    const codes = coded(note).filter((c) => c.startsWith('I21'));
    expect(codes).toEqual([code]);
  });

  it('leaves an NSTEMI and an MI not called ST elevation as they are', () => {
    expect(coded('ASSESSMENT: Acute NSTEMI, inferior leads, RCA disease.\n')).toContain('I214');
    expect(coded('ASSESSMENT: Acute myocardial infarction.\n')).toContain('I219');
  });
});

describe.skipIf(!compiled)('one heart failure, at the type and acuity documented (Guidelines I.B.2)', () => {
  it('does not code HFrEF of the history again as I50.20 beside acute on chronic systolic failure', () => {
    const note = 'DIAGNOSES:\n1. Acute on chronic HFrEF.\nHPI: 68M with history of HFrEF presents with dyspnea.\n';
    const codes = coded(note).filter((c) => c.startsWith('I50'));
    expect(codes).toEqual(['I5023']);
  });

  it('does not code unspecified diastolic failure beside chronic diastolic failure', () => {
    const codes = coded('DIAGNOSES:\n1. Chronic diastolic heart failure.\n2. Diastolic CHF.\n').filter((c) => c.startsWith('I50'));
    expect(codes).toEqual(['I5032']);
  });
});

describe.skipIf(!compiled)('hypertension with heart failure and chronic kidney disease is I13 (Guidelines I.C.9.a.3)', () => {
  it('codes I13.0, not I12.9, when the stage is written with the hypertension', () => {
    const codes = coded('DIAGNOSES:\n1. Chronic HFpEF.\n2. Hypertension with stage 4 chronic kidney disease.\n');
    expect(codes).toEqual(expect.arrayContaining(['I130', 'I5032', 'N184']));
    expect(codes).not.toContain('I129');
  });

  it('codes I13.2, not I12.0, with ESRD', () => {
    const codes = coded('DIAGNOSES:\n1. Chronic HFpEF.\n2. Hypertension with ESRD on hemodialysis.\n');
    expect(codes).toContain('I132');
    expect(codes).not.toContain('I120');
  });
});
