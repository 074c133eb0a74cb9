/**
 * Infection and oncology readings a coder sees every day: cytopenias the note puts down to
 * chemotherapy (D70.1, D64.81, D69.59), the fever of neutropenic fever (R50.81), and the routine signs
 * of cellulitis and of sepsis left uncoded (Guidelines I.B.5). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, suggestionsOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('infection and oncology readings', () => {
  const coded = (text: string, setting: 'inpatient' | 'outpatient' = 'inpatient') =>
    suggestionsOf(text, setting)
      .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
      .map((s) => s.code);

  it('codes neutropenic fever with the fever it presents with (D70 use additional code R50.81)', () => {
    const codes = coded('Assessment: Neutropenic fever. Start cefepime.');
    expect(codes).toEqual(expect.arrayContaining(['D709', 'R5081']));
    expect(codes).not.toContain('R509');
  });

  it('codes cytopenias put down to chemotherapy as the drug-induced codes', () => {
    const codes = coded('Assessment:\n1. Neutropenic fever due to chemotherapy.\n2. Anemia due to chemotherapy.\n3. Thrombocytopenia due to chemotherapy.');
    expect(codes).toEqual(expect.arrayContaining(['D701', 'R5081', 'D6481', 'D6959']));
    expect(codes).not.toContain('D709');
    expect(codes).not.toContain('D649');
    expect(codes).not.toContain('D696');
  });

  it('keeps a plain anemia unspecified when no cause is written', () => {
    expect(coded('Assessment: Anemia, Hgb 9.1.')).toContain('D649');
  });

  it('leaves the redness, swelling and pain of cellulitis uncoded (I.B.5)', () => {
    const codes = coded(
      'HPI: Redness, swelling and pain of the right lower leg for 3 days.\nExam: erythema of the right shin.\nAssessment: Cellulitis of right lower leg.',
      'outpatient',
    );
    expect(codes).toContain('L03115');
    expect(codes).not.toContain('L539');
    expect(codes).not.toContain('R52');
  });

  it('leaves the chills of sepsis uncoded: chills with fever are no R68.83 (chills without fever)', () => {
    const codes = coded('HPI: fever and chills for two days.\nAssessment: Sepsis due to Escherichia coli UTI.');
    expect(codes).toContain('A4151');
    expect(codes).not.toContain('R6883');
  });

  it('lists COVID-19 before the respiratory failure and pneumonia it causes (I.C.1.g.1)', () => {
    const codes = coded('Assessment:\n1. Acute hypoxic respiratory failure.\n2. Pneumonia due to COVID-19, PCR positive.');
    expect(codes).toEqual(expect.arrayContaining(['U071', 'J1282', 'J9601']));
    expect(codes.indexOf('U071')).toBeLessThan(codes.indexOf('J9601'));
    expect(codes.indexOf('U071')).toBeLessThan(codes.indexOf('J1282'));
  });
});
