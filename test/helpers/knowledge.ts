/**
 * The analysis knowledge on the compiled code sets (public/codesets), for tests that run the whole
 * analyzer: built once per test file. `compiled` says whether the code sets are there (skip otherwise).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMPILED_DIR } from '../../scripts/codesets/compiled';
import { loadNodeEngine } from '../../scripts/lib/node-engine';
import { type AnalysisKnowledge, analyze, buildAnalysisKnowledge } from '../../utils/coding/analyze';
import type { Setting, Suggestion } from '../../utils/coding/types';
import { abbreviationTable } from '../../utils/search/abbreviations';

export const compiled = existsSync(resolve(COMPILED_DIR, 'catalog.json'));

let built: AnalysisKnowledge | undefined;

export function compiledKnowledge(): AnalysisKnowledge {
  if (!built) {
    const { assets, catalog } = loadNodeEngine();
    built = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
  }
  return built;
}

/** The analysis of a note on the compiled code sets (the date of service defaults to FY2027). */
export function suggestionsOf(text: string, setting: Setting = 'inpatient', dateOfService = '2026-11-01'): Suggestion[] {
  return analyze(text, { setting, dateOfService }, compiledKnowledge()).suggestions;
}

/** The codes a note's analysis codes (suggested, in conflict or incomplete), in the list's order. */
export function codedOf(text: string, setting: Setting = 'inpatient', dateOfService = '2026-11-01'): string[] {
  return suggestionsOf(text, setting, dateOfService)
    .filter((s) => s.status !== 'not-coded')
    .map((s) => s.code);
}

/** What became of one code: "suggested", "incomplete", "not-coded/negated", … or "absent". */
export function fateOf(text: string, code: string, setting: Setting = 'inpatient', dateOfService = '2026-11-01'): string {
  const s = suggestionsOf(text, setting, dateOfService).find((x) => x.code === code);
  return s ? `${s.status}${s.notCoded ? `/${s.notCoded}` : ''}` : 'absent';
}
