/**
 * Search in the background worker. The first query after a wake loads the stored index from
 * IndexedDB when it was built from the code sets active now, otherwise rebuilds it from them and
 * stores it back; the worker may be killed at any time and the next query starts this again.
 */
import type { CodeCatalog } from '../codes/catalog';
import { type AbbreviationLookup, SEARCH_INDEX_VERSION, SEARCH_SOURCE_KINDS, SearchEngine, type SerializedSearchIndex, searchSourceChecksums } from '../search/engine';
import type { SearchRequest, SearchResponse } from '../search/types';
import type { Asset } from '../codes/types';
import { activeVersions, readAssetRecords } from './loader';
import type { ChartcodeDB } from './schema';

export const SEARCH_INDEX_KEY = 'search-index';

export interface SearchColdStart {
  from: 'stored' | 'rebuilt';
  ms: number;
}

export class SearchService {
  private engine: Promise<SearchEngine> | undefined;
  private catalog: CodeCatalog | undefined;
  lastColdStart: SearchColdStart | undefined;

  constructor(
    private readonly db: ChartcodeDB,
    private readonly catalogProvider: () => Promise<CodeCatalog | undefined>,
    private readonly abbreviations?: AbbreviationLookup,
  ) {}

  /** Undefined while no code set is active yet (the caller answers "loading code sets"). */
  async search(request: SearchRequest): Promise<SearchResponse | undefined> {
    const catalog = await this.catalogProvider();
    if (!catalog) return undefined;
    if (catalog !== this.catalog) {
      // New code sets (first wake, an import, an update): rebuild or reload the index for them.
      this.catalog = catalog;
      this.engine = undefined;
    }
    this.engine ??= this.load(catalog).catch((err: unknown) => {
      this.engine = undefined;
      throw err;
    });
    return (await this.engine).search(request);
  }

  /** Forget the engine (code sets changed); the next search loads or rebuilds. */
  invalidate(): void {
    this.engine = undefined;
    this.catalog = undefined;
  }

  private async load(catalog: CodeCatalog): Promise<SearchEngine> {
    const t0 = performance.now();
    const options = { stateOf: catalog.stateOf.bind(catalog), ...(this.abbreviations ? { abbreviations: this.abbreviations } : {}) };
    const sources = (await activeVersions(this.db)).filter((v) => SEARCH_SOURCE_KINDS.has(v.kind));
    const headers = sources.map((v) => v.header);
    const stored = await this.db.derived.get(SEARCH_INDEX_KEY);
    if (stored && SearchEngine.isCurrent(stored, headers)) {
      try {
        const engine = SearchEngine.deserialize(stored.value as SerializedSearchIndex, options);
        this.lastColdStart = { from: 'stored', ms: Math.round(performance.now() - t0) };
        return engine;
      } catch {
        // A damaged or foreign row: rebuild below and overwrite it.
      }
    }
    const assets: Asset[] = [];
    for (const version of sources) {
      const asset = await readAssetRecords(this.db, version.assetId);
      if (asset) assets.push(asset);
    }
    const engine = SearchEngine.build(assets, options);
    this.lastColdStart = { from: 'rebuilt', ms: Math.round(performance.now() - t0) };
    // Store for the next wake; a failure here (quota) only costs a rebuild next time.
    await this.db.derived
      .put({ key: SEARCH_INDEX_KEY, builtFrom: searchSourceChecksums(headers), version: SEARCH_INDEX_VERSION, builtAt: new Date().toISOString(), value: engine.serialize() })
      .catch(() => {});
    return engine;
  }
}
