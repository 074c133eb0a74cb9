import { describe, expect, it } from 'vitest';
import { compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('a condition worked up, and a symptom inside a diagnosis name', () => {
  it('does not code a condition suspected, worked up, then ruled out (Guidelines II.H, IV.H)', () => {
    const text = 'HOSPITAL COURSE:\nPneumonia was suspected on admission and ceftriaxone was started.\nChest CT on day 2 was clear; pneumonia was ruled out and antibiotics were stopped.';
    expect(fateOf(text, 'J189')).toBe('not-coded/ruled-out');
  });

  it('codes a condition affirmed after an earlier rule-out: the note\'s last word counts', () => {
    const text = 'HOSPITAL COURSE:\nPulmonary embolism was ruled out by a V/Q scan on day 1.\nOn day 4 a CT angiogram showed a new pulmonary embolism and heparin was started.';
    expect(fateOf(text, 'I2699')).toBe('suggested');
  });

  it('drops a symptom whose words are part of the diagnosis written ("respiratory distress" in "respiratory distress syndrome")', () => {
    expect(fateOf('DISCHARGE DIAGNOSES:\n1. Hypoxic encephalopathy after cardiac arrest.', 'R0902')).toMatch(/^(not-coded\/integral-symptom|absent)$/);
    expect(fateOf('NEWBORN RECORD\nBaby boy born at this hospital.\nDIAGNOSES:\n1. Respiratory distress syndrome, resolved', 'R0600')).toBe('not-coded/integral-symptom');
  });

  it('keeps the site\'s pain code beside a G89 pain code (Guidelines I.C.6.b.1)', () => {
    expect(fateOf('ASSESSMENT:\nChronic abdominal pain, on gabapentin.', 'R109', 'outpatient')).not.toBe('not-coded/integral-symptom');
  });
});
