/** The search engine and code model in Node, from the compiled assets (CLI, benchmark, eval). */
import { readCompiledAssets } from '../codesets/compiled';
import { CodeCatalog, catalogDataFromAssets } from '../../utils/codes/catalog';
import type { Asset } from '../../utils/codes/types';
import { abbreviationTable } from '../../utils/search/abbreviations';
import { SEARCH_SOURCE_KINDS, SearchEngine } from '../../utils/search/engine';

export interface NodeEngine {
  assets: Asset[];
  catalog: CodeCatalog;
  engine: SearchEngine;
}

export function loadNodeEngine(assets: Asset[] = readCompiledAssets()): NodeEngine {
  const catalog = new CodeCatalog(catalogDataFromAssets(assets));
  const engine = SearchEngine.build(
    assets.filter((a) => SEARCH_SOURCE_KINDS.has(a.header.kind)),
    { stateOf: catalog.stateOf.bind(catalog), abbreviations: abbreviationTable },
  );
  return { assets, catalog, engine };
}
