/**
 * Note analysis in the background worker. The knowledge (lexicon, history index, rules) is built
 * once from the active code sets. Note text comes from the EHR snapshot store (memory only) or a
 * paste, and is never persisted (DESIGN.md §1).
 */
import type { CodeCatalog } from './codes/catalog';
import type { Asset, AssetKind } from './codes/types';
import { type AnalysisKnowledge, analyze, buildAnalysisKnowledge, type ContextOverrides } from './coding/analyze';
import type { AnalysisResult, AnalysisSettings } from './coding/types';
import { activeVersions, readAssetRecords } from './db/loader';
import type { ChartcodeDB } from './db/schema';
import type { AbbreviationLookup } from './search/engine';

/** The assets the lexicon and coding rules read, besides the code model. */
const ANALYSIS_KINDS: readonly AssetKind[] = ['codes', 'tabular', 'index', 'eindex', 'neoplasm', 'drug'];

export class AnalysisService {
  private knowledge: Promise<AnalysisKnowledge> | undefined;
  private catalog: CodeCatalog | undefined;

  constructor(
    private readonly db: ChartcodeDB,
    private readonly catalogProvider: () => Promise<CodeCatalog | undefined>,
    private readonly abbreviations?: AbbreviationLookup,
  ) {}

  /** Undefined while no code set is active yet. */
  async analyzeText(text: string, settings: AnalysisSettings, overrides: ContextOverrides = {}): Promise<AnalysisResult | undefined> {
    const knowledge = await this.getKnowledge();
    return knowledge ? analyze(text, settings, knowledge, overrides) : undefined;
  }

  invalidate(): void {
    this.knowledge = undefined;
    this.catalog = undefined;
  }

  private async getKnowledge(): Promise<AnalysisKnowledge | undefined> {
    const catalog = await this.catalogProvider();
    if (!catalog) return undefined;
    if (catalog !== this.catalog) {
      this.catalog = catalog;
      this.knowledge = undefined;
    }
    this.knowledge ??= this.build(catalog).catch((err: unknown) => {
      this.knowledge = undefined;
      throw err;
    });
    return this.knowledge;
  }

  private async build(catalog: CodeCatalog): Promise<AnalysisKnowledge> {
    const assets: Asset[] = [];
    for (const version of await activeVersions(this.db)) {
      if (!ANALYSIS_KINDS.includes(version.kind)) continue;
      const asset = await readAssetRecords(this.db, version.assetId);
      if (asset) assets.push(asset);
    }
    return buildAnalysisKnowledge(assets, catalog, this.abbreviations ? { abbreviations: this.abbreviations } : {});
  }
}
