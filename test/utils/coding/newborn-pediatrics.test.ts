import { describe, expect, it } from 'vitest';
import { statedAgeInDays } from '../../../utils/coding/newborn-exam';
import { defaultCodingRules } from '../../../utils/coding/rule-pack';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe('the perinatal forms of the newborn rules (data)', () => {
  const forms = defaultCodingRules().obstetric.newborn?.perinatalForms ?? [];

  it('sends each adult code to a chapter 16 code, by an Index path under a newborn or neonatal subterm', () => {
    expect(forms.length).toBeGreaterThan(0);
    for (const row of forms) {
      expect(row.code).toMatch(/^P/);
      expect(row.index.slice(1).join(' ')).toMatch(/newborn|neonat/i);
    }
    expect(forms.find((r) => r.codes.includes('A419'))?.code).toBe('P369');
  });
});

describe.skipIf(!compiled)('the newborn record: conditions read as the perinatal ones (I.C.16.a.1, I.C.16.a.5)', () => {
  const nursery = (body: string) => `NEWBORN DISCHARGE SUMMARY\nBaby girl born at this hospital by vaginal delivery at 39 weeks.\n${body}`;

  it('codes sepsis on the newborn record P36.9, not A41.9', () => {
    const text = nursery('HOSPITAL COURSE: Sepsis, treated with ampicillin and gentamicin for 7 days.');
    const codes = codedOf(text);
    expect(codes).toContain('P369');
    expect(codes).not.toContain('A419');
    expect(fateOf(text, 'A419')).toBe('not-coded/less-specific');
  });

  it('keeps the organism-specific newborn sepsis alone: no A41.9, B95.1 or R78.81 beside P36.0', () => {
    const text = nursery('Neonatal sepsis: blood culture positive for group B streptococcus. Sepsis treated with ampicillin.');
    const codes = codedOf(text);
    expect(codes).toContain('P360');
    for (const c of ['A419', 'P369', 'B951', 'R7881']) expect(codes).not.toContain(c);
  });

  it('codes jaundice and hypoglycemia of the newborn P59.9 and P70.4, not R17 and E16.2', () => {
    const codes = codedOf(nursery('Infant noted to be jaundiced on day 2. Hypoglycemia of newborn, glucose 30, treated with D10.'));
    expect(codes).toEqual(expect.arrayContaining(['P599', 'P704']));
    expect(codes).not.toContain('R17');
    expect(codes).not.toContain('E162');
  });

  it('leaves R17 off beside a neonatal jaundice already coded (Tabular R17 Excludes1: neonatal jaundice P55, P57-P59)', () => {
    const text = nursery('Jaundice of prematurity, phototherapy for 2 days.\nDIAGNOSES: Neonatal jaundice associated with preterm delivery. Jaundice.');
    expect(codedOf(text)).toContain('P590');
    expect(fateOf(text, 'R17')).toBe('not-coded/included-in-other-code');
    expect(codedOf(text)).not.toContain('P599');
  });

  it('keeps the adult code off a record that is not the newborn\'s', () => {
    const codes = codedOf('DISCHARGE SUMMARY\n67 year old man admitted with sepsis from a urinary source. Jaundice noted.');
    expect(codes).toContain('A419');
    expect(codes.some((c) => c.startsWith('P36') || c.startsWith('P59'))).toBe(false);
  });

  it('codes phototherapy for neonatal jaundice 6A600ZZ (ICD-10-PCS table 6A6, skin, single)', () => {
    const codes = codedOf(nursery('Neonatal jaundice: phototherapy for 24 hours, rebound bilirubin 10.'), 'inpatient', '2026-09-01');
    expect(codes).toContain('6A600ZZ');
    expect(codes).toContain('P599');
  });
});

describe.skipIf(!compiled)('the organism named by the code (I.A.13, I.C.1)', () => {
  it('codes RSV bronchiolitis J21.0 without B97.4', () => {
    const text = 'PEDIATRIC ED NOTE\n6 month old with cough and wheezing. RSV PCR positive.\nASSESSMENT: RSV bronchiolitis.';
    expect(codedOf(text, 'outpatient')).toContain('J210');
    expect(fateOf(text, 'B974', 'outpatient')).toBe('not-coded/included-in-other-code');
  });
});

describe('statedAgeInDays', () => {
  it('reads the age in days as a pediatric note writes it', () => {
    expect(statedAgeInDays('5-day-old male for weight check')).toBe(5);
    expect(statedAgeInDays('HPI: 15 day old female, formula feeding')).toBe(15);
    expect(statedAgeInDays('Infant on DOL 3, jaundiced')).toBe(3);
    expect(statedAgeInDays('8 yo with asthma, cough for 3 days')).toBeUndefined();
  });
});

describe.skipIf(!compiled)('the newborn health examination by age in days (I.C.21.c.13; Tabular Z00.11)', () => {
  it('codes a 5-day-old\'s newborn check Z00.110, not an adult or child examination, and no Z38 at an office visit', () => {
    const text = 'OFFICE VISIT\nHPI: 5 day old male, breastfeeding well.\nASSESSMENT: Routine newborn check.';
    const codes = codedOf(text, 'outpatient');
    expect(codes[0]).toBe('Z00110');
    expect(codes.some((c) => c.startsWith('Z000') || c.startsWith('Z0012') || c.startsWith('Z38'))).toBe(false);
  });

  it('codes a 15-day-old\'s well child check Z00.111 (Z00.12- Excludes1: health check for child under 29 days old)', () => {
    const codes = codedOf('OFFICE VISIT\nHPI: 15 day old girl here for well child check.\nASSESSMENT: Well child check, normal exam.', 'outpatient');
    expect(codes).toContain('Z00111');
    expect(codes).not.toContain('Z00129');
  });

  it('keeps the routine child examination of an older child', () => {
    const codes = codedOf('WELL CHILD CHECK\nHPI: 12 month old here for routine well child check.\nASSESSMENT: Well child exam, normal growth.', 'outpatient');
    expect(codes).toContain('Z00129');
    expect(codes.some((c) => c.startsWith('Z0011'))).toBe(false);
  });
});

describe.skipIf(!compiled)('vaccines at a pediatric visit (I.C.21.c.2)', () => {
  it('reads a disease named under an Immunizations heading as its vaccine, not the disease', () => {
    const text = 'WELL CHILD CHECK\nHPI: 12 month old here for routine well child check.\nImmunizations: MMR, varicella, Hep A given today.';
    expect(fateOf(text, 'B019', 'outpatient')).toBe('not-coded/not-a-finding');
  });

  it('reads a disease named with its vaccine word as the vaccination', () => {
    expect(fateOf('OFFICE VISIT\n4 year old for booster. Varicella #2 given today, tolerated well.', 'B019', 'outpatient')).toBe('not-coded/not-a-finding');
  });

  it('codes Z23 for a childhood vaccine named by its own name (DTaP, IPV)', () => {
    const codes = codedOf('WELL CHILD VISIT\n4 year old boy for annual well child check.\nPLAN: DTaP and IPV vaccines given today.', 'outpatient');
    expect(codes).toContain('Z23');
  });

  it('still codes a disease the child has', () => {
    expect(codedOf('OFFICE VISIT\n5 year old with varicella, vesicular rash on trunk for 2 days.', 'outpatient')).toContain('B019');
  });
});
