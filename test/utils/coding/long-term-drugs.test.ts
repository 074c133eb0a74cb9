import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCompiledAssets } from '../../../scripts/codesets/compiled';
import { CodeCatalog, catalogDataFromAssets } from '../../../utils/codes/catalog';
import { defaultLongTermDrugs, findLongTermDrugs, parseLongTermDrugs, withLongTermDrugs } from '../../../utils/coding/long-term-drugs';
import { defaultCodingRules } from '../../../utils/coding/rule-pack';
import type { CodingKnowledge } from '../../../utils/coding/suggest';
import type { AnalysisSettings, Suggestion } from '../../../utils/coding/types';
import { detectSections } from '../../../utils/nlp/sections';
import { splitSentences } from '../../../utils/nlp/sentences';

const compiled = existsSync(resolve(import.meta.dirname, '../../../public/codesets/catalog.json'));
const settings: AnalysisSettings = { setting: 'inpatient', dateOfService: '2026-11-01' };

/** The Z79 codes (dotless) the drugs of a note support, in note order, once each. */
function codes(text: string): string[] {
  const sections = detectSections(text);
  const uses = findLongTermDrugs(text, sections, splitSentences(text, { sections }));
  return [...new Set(uses.map((u) => u.code))];
}

describe('finding drugs the patient takes long term (I.C.21.c.3)', () => {
  it('reads a drug on the home medication list', () => {
    expect(codes('HOME MEDICATIONS:\n1. Metformin 500 mg\n')).toEqual(['Z7984']);
  });

  it('reads "on warfarin" in narrative', () => {
    expect(codes('HPI: He is on warfarin for atrial fibrillation.')).toEqual(['Z7901']);
  });

  it('does not read a drug named in narrative without a current-use cue', () => {
    expect(codes('HPI: Warfarin toxicity was discussed in the literature review.')).toEqual([]);
  });

  it('does not read negated anticoagulation', () => {
    expect(codes('HPI: She is not on anticoagulation.')).toEqual([]);
  });

  it('does not read "no insulin"', () => {
    expect(codes('HPI: Diet-controlled diabetes, no insulin.')).toEqual([]);
  });

  it('does not read a planned drug', () => {
    expect(codes('PLAN: Will start apixaban 5 mg twice daily.')).toEqual([]);
  });

  it('does not read a drug considered under a condition', () => {
    expect(codes('PLAN: If the ejection fraction falls, consider dapagliflozin daily.')).toEqual([]);
  });

  it('does not read a discontinued drug', () => {
    expect(codes('HPI: Warfarin was discontinued last year after a bleed.')).toEqual([]);
  });

  it('still reads a home drug held during the stay', () => {
    expect(codes('HOSPITAL COURSE: Home metformin was held for the contrast study.')).toEqual(['Z7984']);
  });

  it('reads aspirin with a daily regimen as aspirin (Z79.82), not an antiplatelet', () => {
    expect(codes('MEDICATIONS: Aspirin 81 mg daily.')).toEqual(['Z7982']);
  });

  it('does not read an antibiotic dose given in the emergency department', () => {
    expect(codes('HOSPITAL COURSE: Ceftriaxone 1 g IV given in the ED.')).toEqual([]);
  });

  it('does not read an antibiotic on the discharge list without a long-term cue', () => {
    expect(codes('DISCHARGE MEDICATIONS:\n1. Amoxicillin 500 mg three times daily for 7 days.\n')).toEqual([]);
  });

  it('reads a prophylactic antibiotic', () => {
    expect(codes('HPI: Kidney transplant recipient on prophylactic trimethoprim-sulfamethoxazole.')).toEqual(['Z792']);
  });

  it('does not read an allergy list', () => {
    expect(codes('ALLERGIES: Penicillin (rash).')).toEqual([]);
  });

  it('does not read a relative’s drug', () => {
    expect(codes('FAMILY HISTORY: Mother with diabetes on insulin.')).toEqual([]);
  });

  it('does not read sliding-scale insulin given during the stay (I.C.4.a.3)', () => {
    expect(codes('HOSPITAL COURSE: Glucose was managed with sliding scale insulin.')).toEqual([]);
  });

  it('keeps "for stroke prophylaxis" from making the drug hypothetical', () => {
    expect(codes('HPI: On apixaban for stroke prophylaxis.')).toEqual(['Z7901']);
  });

  it('gives one code per class for several drugs of the class', () => {
    expect(codes('MEDICATIONS: Metformin 1000 mg twice daily, glipizide 5 mg daily.')).toEqual(['Z7984']);
  });

  it('does not read insulin in "non-insulin-dependent diabetes"', () => {
    expect(codes('HPI: History of non-insulin-dependent diabetes mellitus, on a diet.')).toEqual([]);
  });

  it('does not read a past course told in the past tense ("was treated with")', () => {
    expect(codes('HPI: Two weeks earlier he was treated with ibuprofen for low back pain.')).toEqual([]);
  });

  it('does not take a chronic cue from a condition elsewhere in the sentence', () => {
    expect(codes('HPI: Chronic kidney disease stage 3 and hypertension, and in the past month some ibuprofen.')).toEqual([]);
  });

  it('does not read perioperative antibiotic prophylaxis as long-term use', () => {
    expect(codes('OPERATIVE DETAILS: Antibiotic prophylaxis with cefazolin was administered before incision.')).toEqual([]);
  });

  it('reads chronic prednisone as systemic steroids', () => {
    expect(codes('HPI: Chronic prednisone for polymyalgia rheumatica.')).toEqual(['Z7952']);
  });
});

describe('the long-term drug rule pack', () => {
  it('validates, and a bad pack is refused with its place', () => {
    expect(defaultLongTermDrugs().classes.length).toBeGreaterThan(10);
    expect(() => parseLongTermDrugs({ ...defaultLongTermDrugs(), extra: 1 })).toThrow(/long-term-drugs\.json/);
    const [first, second] = defaultLongTermDrugs().classes;
    expect(() => parseLongTermDrugs({ ...defaultLongTermDrugs(), classes: [first, { ...second, drugs: first?.drugs }] })).toThrow(
      /is already a drug of/,
    );
  });
});

describe.skipIf(!compiled)('Z79 suggestions on the official code sets', () => {
  let k: CodingKnowledge;
  beforeAll(() => {
    k = { catalog: new CodeCatalog(catalogDataFromAssets(readCompiledAssets())), rules: defaultCodingRules() };
  });

  const diabetes = (code: string): Suggestion => ({
    code,
    display: code,
    title: '',
    system: 'icd10cm',
    kind: 'diagnosis',
    score: 1,
    reason: '',
    evidence: [],
    context: 'affirmed',
    section: 'assessment',
    status: 'suggested',
    state: 'billable',
    mentionIds: [],
  });
  const run = (text: string, conditions: Suggestion[] = []) => {
    const sections = detectSections(text);
    return withLongTermDrugs(conditions, findLongTermDrugs(text, sections, splitSentences(text, { sections })), settings, k);
  };

  it('every code of the pack is billable in FY2027', () => {
    const notBillable = defaultLongTermDrugs().classes.filter((c) => k.catalog.stateOf('icd10cm', c.code, '2026-11-01') !== 'billable');
    expect(notBillable.map((c) => c.code)).toEqual([]);
  });

  it('suggests the code with the drug words as evidence and the guideline as reason', () => {
    const [s] = run('HPI: He is on warfarin for atrial fibrillation.');
    expect(s).toMatchObject({ code: 'Z7901', display: 'Z79.01', status: 'suggested', evidence: [{ text: 'warfarin' }] });
    expect(s?.reason).toMatch(/I\.C\.21\.c\.3/);
  });

  it('ranks the drug code below the condition', () => {
    expect(run('MEDICATIONS: Metformin 500 mg daily.', [diabetes('E119')]).map((s) => s.code)).toEqual(['E119', 'Z7984']);
  });

  it('does not add Z79.4 to type 1 diabetes (I.C.4.a.3)', () => {
    expect(run('MEDICATIONS: Insulin glargine 20 units nightly.', [diabetes('E1065')]).map((s) => s.code)).toEqual(['E1065']);
  });

  it('codes both insulin and an oral hypoglycemic for type 2 diabetes (I.C.4.a.3)', () => {
    const list = run('MEDICATIONS: Insulin glargine 20 units nightly. Metformin 1000 mg twice daily.', [diabetes('E1165')]);
    expect(list.filter((s) => s.status === 'suggested').map((s) => s.code)).toEqual(['E1165', 'Z794', 'Z7984']);
  });

  it('does not add an opioid code beside opioid dependence (I.C.21.c.3: not for addiction)', () => {
    expect(run('MEDICATIONS: Methadone 80 mg daily.', [diabetes('F1120')]).map((s) => s.code)).toEqual(['F1120']);
  });
});
