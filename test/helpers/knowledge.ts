/**
 * The analysis knowledge on the compiled code sets (public/codesets), for tests that run the whole
 * analyzer: built once per test file. `compiled` says whether the code sets are there (skip otherwise).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { COMPILED_DIR } from '../../scripts/codesets/compiled';
import { loadNodeEngine } from '../../scripts/lib/node-engine';
import { type AnalysisKnowledge, buildAnalysisKnowledge } from '../../utils/coding/analyze';
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
