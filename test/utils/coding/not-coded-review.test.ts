/**
 * Not-coded review: a sign or symptom is left out only beside a diagnosis it is routinely part of
 * (Guidelines I.B.5); one not routinely associated with the diagnosis is coded (I.B.6). Fever beside a
 * chronic or localized infection (HIV disease, chronic hepatitis C, oral thrush) is coded; abdominal pain
 * beside diverticulosis without diverticulitis is coded. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('not-coded review (Guidelines I.B.5, I.B.6)', () => {
  it('codes fever beside HIV disease or chronic hepatitis C, which do not routinely cause it', () => {
    expect(fateOf('Assessment:\n1. Fever to 38.9 C.\n2. HIV disease on antiretroviral therapy.\n', 'R509')).toBe('suggested');
    expect(fateOf('Assessment:\n1. Fever to 38.9 C.\n2. Chronic hepatitis C.\n', 'R509')).toBe('suggested');
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
});
