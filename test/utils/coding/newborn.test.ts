import { describe, expect, it } from 'vitest';
import { defaultCodingRules } from '../../../utils/coding/rule-pack';
import { readNewborn } from '../../../utils/coding/newborn';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

const rules = defaultCodingRules().obstetric;
const newbornRules = rules.newborn as NonNullable<typeof rules.newborn>;
const read = (text: string) => readNewborn(text, newbornRules, rules.multiples);

describe('readNewborn: the birth episode and the birth weight of a newborn record', () => {
  it('reads a birth in this hospital, by cesarean when written, and how many were born', () => {
    expect(read('Baby girl born at this hospital by vaginal delivery.').birth).toMatchObject({ place: 'hospital', cesarean: false, births: 1 });
    expect(read('Twin B, born at this hospital by repeat C-section.').birth).toMatchObject({ place: 'hospital', cesarean: true, births: 2 });
    expect(read('Infant born at home, brought in by EMS.').birth).toMatchObject({ place: 'outside' });
  });

  it('reads no birth episode after a transfer in or a readmission (I.C.16.a.2)', () => {
    expect(read('Newborn born at an outside hospital and transferred from the OSH NICU for cooling.').birth).toBeUndefined();
    expect(read('Newborn discharge summary. Readmitted on day 4 for hyperbilirubinemia.').birth).toBeUndefined();
  });

  it('reads the birth weight in grams, kilograms or pounds and ounces, and only after a birth-weight word', () => {
    expect(read('Birth weight: 2,450 grams.').birthWeight?.grams).toBe(2450);
    expect(read('BW 1.32 kg.').birthWeight?.grams).toBe(1320);
    expect(read('Birth weight 5 lb 7 oz.').birthWeight?.grams).toBe(2466);
    expect(read('Weight today 2,300 g, down 6% from birth.').birthWeight).toBeUndefined();
  });
});

describe.skipIf(!compiled)('the newborn record, coded', () => {
  const note = (body: string) => `NEWBORN DISCHARGE SUMMARY\nBaby boy born at this hospital.\n${body}`;

  it('codes the birth episode Z38 first-listed, vaginal unless a cesarean is written', () => {
    const vaginal = codedOf(note('Spontaneous vaginal delivery. Apgars 8 and 9.\nDIAGNOSES: Neonatal jaundice.'));
    expect(vaginal[0]).toBe('Z3800');
    expect(codedOf(note('Delivered by primary cesarean section for breech.\nDIAGNOSES: Neonatal jaundice.'))[0]).toBe('Z3801');
    expect(codedOf('NEWBORN H&P\nTwin A, born at this hospital by cesarean.\nHealthy.')[0]).toBe('Z3831');
  });

  it('gives a preterm newborn its completed weeks and the birth weight code before them (I.C.16.d, I.C.16.e)', () => {
    const codes = codedOf(note('Gestational age 33 weeks 5 days. Birth weight 1,820 g.\nDIAGNOSES: Preterm newborn.'));
    expect(codes).toContain('P0736');
    expect(codes).not.toContain('P0730');
    expect(codes.indexOf('P0717')).toBeGreaterThan(codes.indexOf('Z3800'));
    expect(codes.indexOf('P0717')).toBeLessThan(codes.indexOf('P0736'));
  });

  it('codes no prematurity or birth weight the provider does not document (I.C.16.d)', () => {
    const codes = codedOf(note('Gestational age 36 weeks. Birth weight 2,400 g. Healthy newborn, feeding well.'));
    expect(codes.some((c) => c.startsWith('P07'))).toBe(false);
  });

  it('leaves the delivery procedure and what a screen looks for off the newborn record', () => {
    const text = note('Spontaneous vaginal delivery.\nCritical congenital heart disease screen passed. Hearing screen passed.');
    expect(fateOf(text, '10E0XZZ', 'inpatient', '2026-09-01')).toBe('not-coded/other-experiencer');
    expect(codedOf(text)).not.toContain('Q249');
  });

  it('codes a suspected condition ruled out after observation as its body system\'s Z05, after the Z38 (I.C.21.c.6)', () => {
    const text = note('Spontaneous vaginal delivery.\nSepsis evaluation at birth for maternal fever. Blood culture negative at 48 hours; antibiotics stopped. Sepsis ruled out.');
    const codes = codedOf(text);
    expect(codes.slice(0, 2)).toEqual(['Z3800', 'Z051']);
    expect(fateOf(text, 'A419')).toBe('not-coded/ruled-out');
  });
});
