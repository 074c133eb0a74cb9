/**
 * Sequencing of paired codes (Guidelines I.A.13 etiology/manifestation convention, I.B.7 multiple coding):
 * "code first" and "use additional code" notes of the Tabular order the list; a manifestation is never
 * first-listed; a code whose own note asks for another code that is not there says so. Needs the compiled
 * code sets (`npm run codesets`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCompiledAssets } from '../../../scripts/codesets/compiled';
import { loadNodeEngine } from '../../../scripts/lib/node-engine';
import { CodeCatalog, catalogDataFromAssets } from '../../../utils/codes/catalog';
import { analyze, buildAnalysisKnowledge } from '../../../utils/coding/analyze';
import { defaultCodingRules, parseCodingRules } from '../../../utils/coding/rule-pack';
import { type CodingKnowledge, suggest } from '../../../utils/coding/suggest';
import type { AnalysisSettings, Mention, MentionContext, Suggestion } from '../../../utils/coding/types';
import type { SectionCategory } from '../../../utils/nlp/types';
import { abbreviationTable } from '../../../utils/search/abbreviations';

const compiled = existsSync(resolve(import.meta.dirname, '../../../public/codesets/catalog.json'));
const inpatient: AnalysisSettings = { setting: 'inpatient', dateOfService: '2026-11-01' };
const affirmed: MentionContext = { negated: false, possible: false, historical: false, hypothetical: false, experiencer: 'patient', triggers: [] };

/**
 * A note and one affirmed mention per [phrase, codes, section]. The section sets the score, so a test can
 * put the code that must come first lower than the other (assessment 1.0, hospital course 0.9, labs 0.6).
 */
function note(sentences: Array<[phrase: string, codes: string[], section: SectionCategory]>): { text: string; mentions: Mention[] } {
  let text = '';
  const mentions: Mention[] = sentences.map(([phrase, codes, section], i) => {
    const sentenceStart = text.length;
    text += `Patient has ${phrase}. `;
    const start = sentenceStart + 'Patient has '.length;
    return {
      id: `m${i}`,
      span: { start, end: start + phrase.length },
      evidence: [{ start, end: start + phrase.length }],
      text: phrase,
      sentence: { start: sentenceStart, end: text.length - 1 },
      section,
      source: 'index',
      system: 'icd10cm',
      path: [phrase],
      codes,
      confidence: 1,
      context: affirmed,
    };
  });
  return { text, mentions };
}

describe.skipIf(!compiled)('sequencing: code first and use additional code (I.A.13, I.B.7)', () => {
  let k: CodingKnowledge;
  const run = (sentences: Parameters<typeof note>[0]): Suggestion[] => {
    const { text, mentions } = note(sentences);
    return suggest(mentions, inpatient, text, k);
  };
  /** The coded codes in the list's order. */
  const order = (list: Suggestion[]) => list.filter((s) => s.status !== 'not-coded').map((s) => s.code);
  const find = (list: Suggestion[], code: string) => list.find((s) => s.code === code);

  beforeAll(() => {
    k = { catalog: new CodeCatalog(catalogDataFromAssets(readCompiledAssets())), rules: defaultCodingRules() };
  });

  it('lists E11.22 before N18.31 ("use additional code to identify stage of chronic kidney disease") though the stage ranked higher', () => {
    const list = run([
      ['chronic kidney disease stage 3a', ['N1831'], 'assessment'],
      ['diabetic chronic kidney disease', ['E1122'], 'labs'],
    ]);
    expect(order(list)).toEqual(['E1122', 'N1831']);
    expect(find(list, 'N1831')?.reason).toContain('Sequenced after E11.22');
    // The score keeps the order for the lists that sort again (long-term drugs, body mass index, the side panel).
    expect(find(list, 'E1122')?.score).toBeGreaterThanOrEqual(find(list, 'N1831')?.score ?? 1);
  });

  it('lists I12.9 before N18.31 (use additional code to identify the stage)', () => {
    const list = run([
      ['chronic kidney disease stage 3a', ['N1831'], 'assessment'],
      ['hypertensive chronic kidney disease', ['I129'], 'labs'],
    ]);
    expect(order(list)).toEqual(['I129', 'N1831']);
  });

  it('lists the catheter infection T83.511A before the infection N39.0 (a note naming no code: "to identify infection"), then the organism B96.20', () => {
    const list = run([
      ['E. coli', ['B9620'], 'assessment'],
      ['urinary tract infection', ['N390'], 'hospital_course'],
      ['catheter-associated infection', ['T83511A'], 'labs'],
    ]);
    expect(order(list)).toEqual(['T83511A', 'N390', 'B9620']);
    // N39.0's note names a range, "(B95-B97)": B96.20 inside it answers the note.
    expect(find(list, 'B9620')?.reason).toContain('Sequenced after N39.0');
    expect(find(list, 'N390')?.reason).not.toContain('none is in the list');
  });

  it('orders severe sepsis as I.C.1.d.4 does: systemic infection, localized infection, R65.20, the organ dysfunction', () => {
    const list = run([
      ['acute kidney injury', ['N179'], 'assessment'],
      ['severe sepsis', ['R6520'], 'assessment'],
      ['E. coli pneumonia', ['J155'], 'hospital_course'],
      ['E. coli sepsis', ['A4151'], 'labs'],
    ]);
    expect(order(list)).toEqual(['A4151', 'J155', 'R6520', 'N179']);
    expect(find(list, 'N179')?.reason).toContain('Sequenced after R65.20');
    expect(find(list, 'J155')?.reason).toContain('I.C.1.d.4');
  });

  it('lists COPD with infection (J44.0) and tobacco dependence after it (chapter 10 note: use additional code for tobacco dependence)', () => {
    const list = run([
      ['nicotine dependence', ['F17210'], 'assessment'],
      ['COPD with pneumonia', ['J440'], 'labs'],
      ['pneumonia', ['J189'], 'labs'],
    ]);
    const codes = order(list);
    expect(codes.indexOf('J440')).toBeLessThan(codes.indexOf('F17210'));
  });

  it('reads a subcategory a note names outside examples as its own codes: M86.9 "major osseous defect, if applicable (M89.7-)" does not pair with M89.8X9', () => {
    const list = run([
      ['bone disorder', ['M898X9'], 'assessment'],
      ['osteomyelitis', ['M869'], 'labs'],
    ]);
    expect(list.find((s) => s.code === 'M898X9')?.reason).not.toContain('Sequenced after');
    // ... while examples of a "such as" list stand for their category: J96.90 answers R65.21's "acute respiratory failure (J96.0-)".
    const sepsis = run([
      ['respiratory failure', ['J9690'], 'assessment'],
      ['septic shock', ['R6521'], 'labs'],
    ]);
    // Septic shock is never coded alone: the systemic infection (A41.9, no organism named) comes first (I.C.1.d.4).
    expect(order(sepsis)).toEqual(['A419', 'R6521', 'J9690']);
  });

  it('moves nothing across standings: an incomplete code stays below the coded ones and claims no order', () => {
    const list = run([
      ['urinary tract infection', ['N390'], 'assessment'],
      ['catheter-associated infection', ['T83511'], 'assessment'],
    ]);
    expect(find(list, 'T83511')?.status).toBe('incomplete');
    expect(list.map((s) => s.code).indexOf('N390')).toBeLessThan(list.map((s) => s.code).indexOf('T83511'));
    expect(find(list, 'N390')?.reason).not.toContain('Sequenced after');
  });
});

describe.skipIf(!compiled)('sequencing: manifestation codes are never first-listed (I.A.13)', () => {
  let k: CodingKnowledge;
  const run = (sentences: Parameters<typeof note>[0]): Suggestion[] => {
    const { text, mentions } = note(sentences);
    return suggest(mentions, inpatient, text, k);
  };
  const order = (list: Suggestion[]) => list.filter((s) => s.status !== 'not-coded').map((s) => s.code);
  const find = (list: Suggestion[], code: string) => list.find((s) => s.code === code);

  beforeAll(() => {
    k = { catalog: new CodeCatalog(catalogDataFromAssets(readCompiledAssets())), rules: defaultCodingRules() };
  });

  it('drops a manifestation below its etiology: F02.80 after G30.9, D63.1 after N18.4', () => {
    expect(
      order(
        run([
          ['dementia', ['F0280'], 'assessment'],
          ['Alzheimer disease', ['G309'], 'labs'],
        ]),
      ),
    ).toEqual(['G309', 'F0280']);
    const anemia = run([
      ['anemia in chronic kidney disease', ['D631'], 'assessment'],
      ['chronic kidney disease stage 4', ['N184'], 'labs'],
    ]);
    expect(order(anemia)).toEqual(['N184', 'D631']);
    expect(find(anemia, 'D631')?.reason).not.toContain('never first-listed');
  });

  it('marks, and keeps, a manifestation whose etiology is not in the list, quoting its code first note', () => {
    const list = run([['anemia in chronic kidney disease', ['D631'], 'assessment']]);
    expect(find(list, 'D631')).toMatchObject({ status: 'suggested' });
    expect(find(list, 'D631')?.reason).toContain('never first-listed');
    expect(find(list, 'D631')?.reason).toContain('underlying chronic kidney disease (CKD) (N18.-)');
    // A code first note for "any associated" conditions is not an etiology the code needs: N18.31 alone is not marked.
    expect(find(run([['chronic kidney disease stage 3a', ['N1831'], 'assessment']]), 'N1831')?.reason).not.toContain('never first-listed');
  });

  it('marks a code whose title says "in diseases classified elsewhere" even without a code first note of its own', () => {
    const list = run([['polyneuropathy in amyloidosis', ['G63'], 'assessment']]);
    expect(find(list, 'G63')?.reason).toContain('never first-listed');
  });
});

describe.skipIf(!compiled)('sequencing: a code whose own note asks for another code says so when it is missing', () => {
  let k: CodingKnowledge;
  const run = (sentences: Parameters<typeof note>[0]): Suggestion[] => {
    const { text, mentions } = note(sentences);
    return suggest(mentions, inpatient, text, k);
  };
  const reason = (list: Suggestion[], code: string) => list.find((s) => s.code === code)?.reason ?? '';

  beforeAll(() => {
    k = { catalog: new CodeCatalog(catalogDataFromAssets(readCompiledAssets())), rules: defaultCodingRules() };
  });

  it('prompts for the stage of CKD beside E11.22 alone, and not once the stage is coded', () => {
    expect(reason(run([['diabetic chronic kidney disease', ['E1122'], 'assessment']]), 'E1122')).toContain(
      'use additional code to identify stage of chronic kidney disease (N18.1-N18.6); none is in the list',
    );
    const both = run([
      ['diabetic chronic kidney disease', ['E1122'], 'assessment'],
      ['chronic kidney disease stage 3a', ['N1831'], 'assessment'],
    ]);
    expect(reason(both, 'E1122')).not.toContain('none is in the list');
  });

  it('prompts for the infection beside J44.0 (code also to identify the infection), not when one is coded', () => {
    expect(reason(run([['COPD with lower respiratory infection', ['J440'], 'assessment']]), 'J440')).toContain('to identify the infection; none is in the list');
    const both = run([
      ['COPD with lower respiratory infection', ['J440'], 'assessment'],
      ['pneumonia', ['J189'], 'assessment'],
    ]);
    expect(reason(both, 'J440')).not.toContain('none is in the list');
  });

  it('prompts for the organ dysfunction beside R65.20 and for the organism beside N39.0 when absent', () => {
    const list = run([
      ['sepsis', ['A419'], 'assessment'],
      ['severe sepsis', ['R6520'], 'assessment'],
      ['urinary tract infection', ['N390'], 'assessment'],
    ]);
    expect(reason(list, 'R6520')).toContain('specific acute organ dysfunction');
    expect(reason(list, 'N390')).toContain('(B95-B97), to identify infectious agent; none is in the list');
  });

  it('does not prompt for a condition a note says may be associated: "code also exocrine pancreatic insufficiency (K86.81)" at K86.1, the drug of an adverse effect at J84.89', () => {
    expect(reason(run([['chronic pancreatitis', ['K861'], 'assessment']]), 'K861')).not.toContain('none is in the list');
    expect(reason(run([['interstitial lung disease', ['J8489'], 'assessment']]), 'J8489')).not.toContain('none is in the list');
  });

  it('does not prompt for notes written for the whole category or only "if applicable" (E11.9: control by insulin; F10.20: blood alcohol)', () => {
    expect(reason(run([['type 2 diabetes', ['E119'], 'assessment']]), 'E119')).not.toContain('none is in the list');
    expect(reason(run([['alcohol dependence', ['F1020'], 'assessment']]), 'F1020')).not.toContain('none is in the list');
  });
});

describe.skipIf(!compiled)('sequencing: a note read whole (sections, mentions, rules)', () => {
  it('lists "Severe sepsis due to E. coli pneumonia with acute kidney injury" as A41.51, J15.5, R65.20, N17.9, without J18.9', () => {
    const { assets, catalog } = loadNodeEngine();
    const knowledge = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
    const list = analyze('Assessment: Severe sepsis due to E. coli pneumonia with acute kidney injury.\n', inpatient, knowledge).suggestions;
    const codes = list.filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis').map((s) => s.code);
    expect(codes).toEqual(['A4151', 'J155', 'R6520', 'N179']);
    // The organism is read with the pneumonia itself ("E. coli pneumonia", not "pneumonia" and an eponym): no
    // pneumonia without its organism is read beside it at all (I.B.2).
    expect(list.some((s) => s.code === 'J189')).toBe(false);
  });

  it('gives way to the organism another sentence documents: "pneumonia" in the HPI is J15.0 in the assessment (I.B.2)', () => {
    const { assets, catalog } = loadNodeEngine();
    const knowledge = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
    const list = analyze('HPI: Admitted with pneumonia.\nAssessment: Klebsiella pneumonia, on ceftriaxone.\n', inpatient, knowledge).suggestions;
    expect(list.find((s) => s.code === 'J150')?.status).toBe('suggested');
    expect(list.find((s) => s.code === 'J189')).toMatchObject({ status: 'not-coded', notCoded: 'less-specific' });
    expect(list.find((s) => s.code === 'J189')?.reason).toContain('The record documents the organism: J15.0');
  });
});

describe('sequencing rules in the pack', () => {
  it('refuses a rule that follows a note class the pack does not define', () => {
    const pack = defaultCodingRules();
    const rule = { literal: 'x', source: 'y', first: ['A41*'], follow: [], followClasses: ['no such class'] };
    expect(() => parseCodingRules({ ...pack, sequencing: { ...pack.sequencing, rules: [rule] } })).toThrow(/no note class 'no such class'/);
  });

  it('refuses a rule with nothing to follow', () => {
    const pack = defaultCodingRules();
    const rule = { literal: 'x', source: 'y', first: ['A41*'], follow: [] };
    expect(() => parseCodingRules({ ...pack, sequencing: { ...pack.sequencing, rules: [rule] } })).toThrow(/nothing to follow/);
  });
});
