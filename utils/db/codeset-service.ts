/**
 * The background's code-set service: on every wake it makes sure the assets bundled with the
 * extension are active in IndexedDB (loading or resuming in chunks, with progress), then serves
 * the code model built from what is active. The worker may be killed at any moment; the loader's
 * staging versions make the next wake pick up where this one stopped.
 */
import { type CatalogData, CodeCatalog, catalogDataFromAssets } from '../codes/catalog';
import type { Catalog, CatalogEntry } from '../codes/catalog-file';
import type { Asset, AssetKind } from '../codes/types';
import type { CodesetStatus, LoadProgressSummary, VersionSummary } from '../messaging';
import { type LoadableAsset, activeVersions, loadAll, readAssetRecords } from './loader';
import type { ChartcodeDB, VersionRow } from './schema';

/** Where bundled assets come from: the extension's own files in the browser, the compiled folder in Node. */
export interface BundledSource {
  catalog(): Promise<Catalog>;
  asset(entry: CatalogEntry): Promise<Asset>;
}

/** The kinds the code model needs in memory; index-like assets are read by search and analysis on demand. */
const MODEL_KINDS: readonly AssetKind[] = ['codes', 'addenda', 'tabular', 'conversion', 'hcc', 'poa-exempt'];

export class CodesetService {
  private state: CodesetStatus['state'] = 'loading';
  private progress: LoadProgressSummary | undefined;
  private error: string | undefined;
  private versions: VersionSummary[] = [];
  private loading: Promise<void> | undefined;
  private catalogPromise: Promise<CodeCatalog> | undefined;
  private timing: CodesetStatus['timing'];

  constructor(
    private readonly db: ChartcodeDB,
    private readonly bundled: BundledSource,
    private readonly emit: (type: 'codesets/progress' | 'codesets/changed', payload: object) => void = () => {},
  ) {}

  status(): CodesetStatus {
    return {
      state: this.state,
      versions: this.versions,
      ...(this.progress && this.state === 'loading' ? { progress: this.progress } : {}),
      ...(this.error ? { error: this.error } : {}),
      ...(this.timing ? { timing: this.timing } : {}),
    };
  }

  /** Idempotent and single-flight: concurrent wakes share one load. */
  ensureLoaded(): Promise<void> {
    this.loading ??= this.load().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  private async load(): Promise<void> {
    this.state = 'loading';
    this.error = undefined;
    const t0 = performance.now();
    let chunksWritten = 0;
    try {
      const catalog = await this.bundled.catalog();
      const active = new Map((await activeVersions(this.db)).map((v) => [v.assetId, v]));
      // A code set the user imported is theirs: a bundled asset never replaces it.
      const wanted = catalog.assets.filter((entry) => active.get(entry.header.id)?.origin !== 'imported');
      const loadable: LoadableAsset[] = wanted.map((entry) => ({
        header: entry.header,
        records: async () => {
          const asset = await this.bundled.asset(entry);
          if (asset.header.checksum !== entry.header.checksum) {
            throw new Error(`Bundled asset ${entry.file} does not match its catalog entry (checksum differs).`);
          }
          return asset.records;
        },
      }));
      await loadAll(this.db, loadable, {
        origin: 'bundled',
        onProgress: (p) => {
          if (this.progress && p.done > this.progress.done) chunksWritten += p.done - this.progress.done;
          this.progress = p;
          this.emit('codesets/progress', p);
        },
      });
      await this.refreshVersions();
      this.catalogPromise = undefined;
      this.timing = { loadMs: Math.round(performance.now() - t0), chunksWritten };
      this.state = 'ready';
      this.emit('codesets/changed', {});
    } catch (err) {
      // The previous active versions stay in place; the next wake retries.
      this.state = 'error';
      this.error = `Loading code sets failed: ${err instanceof Error ? err.message : String(err)}`;
      await this.refreshVersions().catch(() => {});
    }
  }

  /** After an import: re-read what is active and rebuild the model on next use. */
  async refresh(): Promise<void> {
    await this.refreshVersions();
    this.catalogPromise = undefined;
    this.emit('codesets/changed', {});
  }

  private async refreshVersions(): Promise<void> {
    this.versions = (await activeVersions(this.db)).map(summarize).sort((a, b) => a.assetId.localeCompare(b.assetId));
  }

  /** The code model over the active versions; undefined while the first load is still running. */
  async catalog(): Promise<CodeCatalog | undefined> {
    if (this.state !== 'ready' && this.versions.length === 0) return undefined;
    this.catalogPromise ??= this.buildCatalog();
    return this.catalogPromise;
  }

  private async buildCatalog(): Promise<CodeCatalog> {
    const rows = (await activeVersions(this.db)).filter((v) => MODEL_KINDS.includes(v.kind));
    const assets: Asset[] = [];
    for (const row of rows) {
      const asset = await readAssetRecords(this.db, row.assetId);
      if (asset) assets.push(asset);
    }
    const data: CatalogData = catalogDataFromAssets(assets);
    return new CodeCatalog(data);
  }
}

function summarize(row: VersionRow): VersionSummary {
  const h = row.header;
  return {
    assetId: row.assetId,
    system: h.system,
    kind: h.kind,
    fiscalYear: h.fiscalYear,
    contentYear: h.contentYear,
    effectiveFrom: h.effectiveFrom,
    effectiveTo: h.effectiveTo,
    count: h.count,
    stats: h.stats,
    sources: h.sources.map((s) => s.file),
    origin: row.origin,
    ...(row.activatedAt ? { activatedAt: row.activatedAt } : {}),
  };
}
