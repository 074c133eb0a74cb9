/**
 * Inpatient cardiology as a coder reads it: coronary atherosclerosis with angina in one combination code
 * (Guidelines I.C.9.b), and the cardiac procedures of a cath lab stay. Through the whole pipeline; needs
 * the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

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
