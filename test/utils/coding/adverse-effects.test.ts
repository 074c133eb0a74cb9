/**
 * Adverse effects of drugs properly taken (Guidelines I.C.19.e.5.a): the condition, then the drug's
 * adverse-effect code from the Table of Drugs (T36-T50, character 5), 7th character for the encounter.
 * Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import type { Setting } from '../../../utils/coding/types';
import { codedOf, compiled, suggestionsOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('adverse effects of drugs properly taken (I.C.19.e.5.a)', () => {
  const run = (text: string, setting: Setting = 'inpatient') => suggestionsOf(text, setting);
  const coded = (text: string, setting: Setting = 'inpatient') => codedOf(text, setting);
  /** Adverse-effect codes (T36-T50, character 5) among the coded suggestions. */
  const adverse = (text: string, setting: Setting = 'inpatient') => coded(text, setting).filter((c) => /^T(?:3[6-9]|4\d|50)..5/.test(c));

  it('codes the drug named after "due to", "secondary to", "caused by" with its Table of Drugs adverse-effect code, after the condition', () => {
    const codes = coded('Nausea due to cisplatin.');
    expect(codes).toContain('R110');
    expect(codes).toContain('T451X5A');
    expect(codes.indexOf('R110')).toBeLessThan(codes.indexOf('T451X5A'));
    expect(coded('Hyponatremia secondary to hydrochlorothiazide.')).toEqual(expect.arrayContaining(['E871', 'T502X5A']));
    expect(adverse('Rash due to amoxicillin.')).toEqual(['T360X5A']);
    expect(adverse('Bradycardia caused by metoprolol.')).toEqual(['T447X5A']);
  });

  it('reads "<drug>-induced <condition>" and "chemotherapy" as the Table\'s Antineoplastic NEC', () => {
    expect(coded('She has chemotherapy-induced nausea.')).toEqual(expect.arrayContaining(['R110', 'T451X5A']));
    expect(adverse('Steroid-induced hyperglycemia.')).toEqual(['T380X5A']);
  });

  it('adds T45.1X5- beside D64.81, whose Index entry already names the drug class', () => {
    expect(coded('Anemia due to antineoplastic chemotherapy.')).toEqual(expect.arrayContaining(['D6481', 'T451X5A']));
  });

  it('cites I.C.19.e.5.a and the drug in the reason', () => {
    const t = run('Nausea due to cisplatin.').find((s) => s.code === 'T451X5A');
    expect(t?.reason).toContain('I.C.19.e.5.a');
    expect(t?.reason).toContain('Cisplatin');
    expect(t?.evidence.map((e) => e.text)).toEqual(['cisplatin']);
  });

  it('takes the 7th character of a later encounter when the note says it', () => {
    expect(adverse('Subsequent encounter: nausea due to cisplatin, improving.')).toEqual(['T451X5D']);
  });

  it('gives no adverse effect for a negated or historical condition', () => {
    expect(adverse('No nausea due to cisplatin.')).toEqual([]);
    expect(adverse('History of rash due to amoxicillin in 2015.')).toEqual([]);
  });

  it('leaves poisonings and allergy lists to their own readings', () => {
    expect(adverse('Overdose of amoxicillin with rash.')).toEqual([]);
    expect(adverse('Rash due to intentional ingestion of amoxicillin.')).toEqual([]);
    expect(coded('Allergies: amoxicillin (rash).')).not.toContain('T360X5A');
  });

  it('gives none for a drug merely listed, or a Table of Drugs word that is part of another name', () => {
    expect(adverse('Medications: cisplatin, metformin.\nAssessment: nausea.')).toEqual([]);
    expect(adverse('Anemia due to iron deficiency.')).toEqual([]);
    expect(adverse('Anemia due to blood loss.')).toEqual([]);
  });

  it('codes an uncertain link for an inpatient stay only (II.H, IV.H)', () => {
    expect(adverse('Acute kidney injury likely secondary to lisinopril.')).toEqual(['T464X5A']);
    expect(adverse('Acute kidney injury likely secondary to lisinopril.', 'outpatient')).toEqual([]);
  });

  it('codes one adverse effect per drug', () => {
    expect(adverse('Nausea due to cisplatin. Anemia due to cisplatin.')).toEqual(['T451X5A']);
  });
});
