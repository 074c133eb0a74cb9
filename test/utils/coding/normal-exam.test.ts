/**
 * Normal findings and denials read as conditions (sentences written for these tests, in the style of US
 * transcribed notes): a reading may not take words on both sides of a denial it does not itself read, an
 * anatomical word is no malformation, and a depressed body function is no depressive disorder.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf, suggestionsOf } from '../../helpers/knowledge';

const exam = (line: string) => `PHYSICAL EXAMINATION:\n${line}\n`;
const assessment = (line: string) => `ASSESSMENT:\n${line}\n`;

describe.skipIf(!compiled)('a reading does not cross a denial it does not read', () => {
  it.each([
    ['NECK: Supple. The thyroid gland is of normal size with no nodules.', 'E04.1'],
    ['EARS: The external auditory canals are clear with no lesions or masses noted.', 'H61.90'],
    ['The patient tolerated the procedure without complications.', 'T81.9XXA'],
    ['Genitourinary: both testes descended without hydroceles.', 'N43.3'],
  ])('%s codes no %s', (line, code) => {
    const coded = codedOf(exam(line)).map((c) => c.replace('.', ''));
    expect(coded).not.toContain(code.replace('.', ''));
    expect(coded.filter((c) => /^(E04|H61|T81|N43)/.test(c))).toEqual([]);
  });

  it('keeps the condition on its own side of the denial: hypertension, but no other cardiac problems', () => {
    const coded = codedOf(assessment('History of hypertension, but no other cardiac problems.'));
    expect(coded).toContain('I10');
    expect(coded).not.toContain('I119');
  });

  it('an Index subterm that holds the denial is still read', () => {
    expect(codedOf(assessment('Migraine without aura.'))).toContain('G43009');
    expect(codedOf(assessment('Agoraphobia without panic disorder.'))).toContain('F4002');
    expect(codedOf(assessment('Concussion with no loss of consciousness.'))).toContain('S060X0');
  });

  it('a "but with" after the denial is affirmed again', () => {
    expect(codedOf(assessment('Type 2 diabetes without retinopathy but with hyperglycemia.'))).toContain('E1165');
  });

  it('a condition inside the denial is still listed as negated', () => {
    expect(fateOf(exam('Abdomen: soft, with no hepatomegaly.'), 'R160')).toBe('not-coded/negated');
  });
});

describe.skipIf(!compiled)('anatomy named in a normal exam is no malformation', () => {
  it.each([
    ['NOSE: The nasal cavities are patent bilaterally.', /^Q30/],
    ['The nasal septum is midline.', /^Q30/],
    ['The airway is patent.', /^Q/],
  ])('%s', (line, pattern) => {
    expect(codedOf(exam(line)).filter((c) => pattern.test(c))).toEqual([]);
  });

  it('the Index subterms of Patent and the conditions of the septum are still read', () => {
    expect(codedOf(assessment('Patent ductus arteriosus.'))).toContain('Q250');
    expect(codedOf(assessment('Patent foramen ovale.'))).toContain('Q2112');
    expect(codedOf(assessment('Deviated nasal septum.'))).toContain('J342');
  });
});

describe.skipIf(!compiled)('a depressed body function is no depressive disorder', () => {
  it.each([
    'Respiratory depression after the narcotics, reversed with naloxone.',
    'Postoperative ventilatory depression.',
    'Depression of consciousness after the sedation.',
  ])('%s', (line) => {
    expect(codedOf(assessment(line)).filter((c) => /^F3[23]/.test(c))).toEqual([]);
  });

  it('depression itself is still coded', () => {
    expect(codedOf(assessment('Depression, on sertraline.'))).toContain('F32A');
    expect(codedOf(assessment('Major depression, recurrent.'))).toContain('F339');
  });
});

describe.skipIf(!compiled)('lifelong conditions listed as history are current (Guidelines IV.J)', () => {
  it.each([
    ['History of silicosis.', 'J628'],
    ['History of black lung disease.', 'J60'],
    ['History of pernicious anemia, on monthly B12 injections.', 'D510'],
  ])('%s → %s', (line, code) => {
    expect(fateOf(`PAST MEDICAL HISTORY:\n${line}\n`, code)).toBe('suggested');
  });

  it('an acute lung condition in the history stays history', () => {
    expect(codedOf('PAST MEDICAL HISTORY:\nHistory of aspiration pneumonitis.\n')).not.toContain('J690');
  });
});

describe.skipIf(!compiled)('a reading of the combination code itself is not listed as replaced by it', () => {
  it('chronic kidney disease secondary to nephrosclerosis: I12.9 once, coded, and never "replaced by I12.9"', () => {
    const note = 'HISTORY OF PRESENT ILLNESS:\nFollow-up of his chronic kidney disease secondary to nephrosclerosis. Stage III chronic kidney disease.\n';
    expect(fateOf(note, 'I129')).toBe('suggested');
    const self = suggestionsOf(note).filter((s) => s.code === 'I129' && s.status === 'not-coded');
    expect(self).toEqual([]);
  });
});

describe.skipIf(!compiled)('the consent formula "risks include but are not limited to" (Guidelines IV.H)', () => {
  it.each([
    'Risks include but are not limited to bleeding, infection and nerve injury.',
    'Risks included but were not limited to anesthesia, bleeding, infection.',
  ])('%s codes none of the risks', (line) => {
    const coded = codedOf(`INDICATIONS:\n${line}\n`);
    expect(coded.filter((c) => /^(R58|B99|T14|A49)/.test(c))).toEqual([]);
  });

  it('other lists that "include but are not limited to" are still coded', () => {
    expect(codedOf('ASSESSMENT:\nHer problems include but are not limited to type 2 diabetes and hypertension.\n')).toEqual(
      expect.arrayContaining(['E119', 'I10']),
    );
  });
});
