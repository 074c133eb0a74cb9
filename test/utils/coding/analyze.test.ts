/**
 * The whole pipeline on short notes of our own (sections, sentences, mentions, ConText, coding rules):
 * rules that need several stages at once. Needs the compiled code sets (`npm run codesets`).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_DIR } from '../../../scripts/codesets/compiled';
import { loadNodeEngine } from '../../../scripts/lib/node-engine';
import { type AnalysisKnowledge, analyze, buildAnalysisKnowledge } from '../../../utils/coding/analyze';
import type { Suggestion } from '../../../utils/coding/types';
import { abbreviationTable } from '../../../utils/search/abbreviations';

const compiled = existsSync(resolve(COMPILED_DIR, 'catalog.json'));

describe.skipIf(!compiled)('analyze: drug allergies are allergy status (Z88), not reactions', () => {
  let knowledge: AnalysisKnowledge;
  beforeAll(() => {
    const { assets, catalog } = loadNodeEngine();
    knowledge = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
  });
  const run = (text: string): Suggestion[] => analyze(text, { setting: 'inpatient', dateOfService: '2026-11-01' }, knowledge).suggestions;
  const coded = (list: Suggestion[]) => list.filter((s) => s.status !== 'not-coded').map((s) => s.code);

  it('codes the drugs of an allergy list by their Table of Drugs class', () => {
    const list = run('HPI: Admitted with pneumonia.\nAllergies: amoxicillin (rash), sulfa drugs, codeine, ibuprofen.\n');
    expect(coded(list)).toEqual(expect.arrayContaining(['Z880', 'Z882', 'Z885', 'Z886']));
    // Neither the drugs' adverse effects nor a drugless "allergy" code is final beside them.
    expect(coded(list).filter((c) => /^T/.test(c) || c === 'Z889')).toEqual([]);
  });

  it('reads "allergic to" in a sentence as the status, and the drugless "allergic" reading yields to it', () => {
    const list = run('HPI: She is allergic to cephalexin.\n');
    expect(coded(list)).toContain('Z881');
    expect(list.find((s) => s.code.startsWith('T784'))?.status ?? 'not-coded').toBe('not-coded');
  });

  it('keeps a reaction happening now an adverse effect, not a status', () => {
    const list = run('HPI: He had an allergic reaction to morphine today with hives.\n');
    expect(coded(list)).not.toContain('Z885');
    expect(list.map((s) => s.code)).toContain('T402X5');
  });

  it('codes no allergy for "no known drug allergies" or a relative’s allergy', () => {
    expect(coded(run('Allergies: NKDA.\n')).filter((c) => c.startsWith('Z88'))).toEqual([]);
    expect(
      coded(run('HPI: Chest pain.\nFamily history: Her mother is allergic to penicillin.\n')).filter((c) => c.startsWith('Z88')),
    ).toEqual([]);
  });
});

describe.skipIf(!compiled)('analyze: readings from neighbouring words and coordinated subterms', () => {
  let knowledge: AnalysisKnowledge;
  beforeAll(() => {
    const { assets, catalog } = loadNodeEngine();
    knowledge = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
  });
  const run = (text: string): Suggestion[] => analyze(text, { setting: 'inpatient', dateOfService: '2026-11-01' }, knowledge).suggestions;
  const coded = (list: Suggestion[]) => list.filter((s) => s.status !== 'not-coded').map((s) => s.code);

  it('codes a loss of kilograms as abnormal weight loss, and a negated one not', () => {
    expect(coded(run('HPI: Fatigue and loss of 9 kg over four months.\n'))).toContain('R634');
    expect(coded(run('HPI: Fatigue. She denies having lost any weight.\n'))).not.toContain('R634');
  });

  it('reads a roman stage of chronic kidney disease as its number', () => {
    expect(coded(run('Assessment: Chronic kidney disease stage IV, on follow-up.\n'))).toContain('N184');
  });

  it('codes each vein of a coordinated list', () => {
    expect(coded(run('Findings: CT showed thrombosis of the renal vein and the inferior vena cava.\n'))).toEqual(
      expect.arrayContaining(['I823', 'I82220']),
    );
  });
});
