import Dexie, { type DexieOptions, type Table } from 'dexie';
import type { QueryLogEntry } from '../cdi/types';
import type { AssetHeader, AssetKind, CodeSystem } from '../codes/types';

/**
 * The one Dexie schema for Chartcode (STYLE.md point 8). Importing this module opens nothing:
 * WXT imports entrypoints in Node at build time, so a database exists only once
 * `openChartcodeDb()` is called (and Dexie opens it lazily on the first query).
 */

export type VersionStatus = 'staging' | 'active' | 'superseded';
export type VersionOrigin = 'bundled' | 'imported';

/** One loaded (or loading) release of one asset. */
export interface VersionRow {
  /** `${header.id}@${first 16 hex of header.checksum}`: the same content always gets the same id. */
  id: string;
  assetId: string;
  system: CodeSystem;
  kind: AssetKind;
  fiscalYear: number;
  status: VersionStatus;
  header: AssetHeader;
  chunkSize: number;
  chunkCount: number;
  /** Chunks 0..loadedChunks-1 are stored; updated in the same transaction as each chunk. */
  loadedChunks: number;
  startedAt: string;
  activatedAt?: string;
  origin: VersionOrigin;
}

/**
 * About a thousand records per row: in real Chromium a row per code takes 7-10 s to write for the
 * ICD-10-CM list, chunks 0.6 s (RECIPES.md, "IndexedDB in real Chromium").
 */
export interface ChunkRow {
  versionId: string;
  seq: number;
  records: unknown[];
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/**
 * Data derived from the active code sets and rebuilt when they change (the search index). `builtFrom`
 * names the asset versions it came from, so a stale row is recognised without reading it whole.
 */
export interface DerivedRow {
  key: string;
  builtFrom: string[];
  version: number;
  builtAt: string;
  value: unknown;
}

/** One CDI query in the opt-in log (issue 6): rule, template, option texts, lint codes, status; never note or query text. */
export type QueryLogRow = QueryLogEntry;

export class ChartcodeDB extends Dexie {
  declare readonly versions: Table<VersionRow, string>;
  declare readonly chunks: Table<ChunkRow, [string, number]>;
  declare readonly settings: Table<SettingRow, string>;
  declare readonly derived: Table<DerivedRow, string>;
  declare readonly queryLog: Table<QueryLogRow, string>;

  constructor(name: string, options?: DexieOptions) {
    super(name, options);
    // Keep version(1) forever: browsers that installed it upgrade from it. Add later versions
    // below it, each with its own .stores() delta and an .upgrade() that moves the data.
    // Index only what a where() needs; records and headers (long text) are never indexed.
    this.version(1).stores({
      versions: 'id, assetId, status, [assetId+status]',
      chunks: '[versionId+seq], versionId',
      settings: 'key',
    });
    // Version 2 (search issue): the stored search index, so a woken worker loads it instead of rebuilding.
    // Nothing to move: the table starts empty and is filled on first search.
    this.version(2).stores({ derived: 'key' });
    // Version 3 (CDI issue): the opt-in query log, listed newest first by date. Nothing to move.
    // The imported CC/MCC list and the log's on/off switch are rows of `settings`.
    this.version(3).stores({ queryLog: 'id, date' });
  }
}

/**
 * A handle on the Chartcode database. `options` exists for tests and Node tools, which pass
 * fake-indexeddb's `indexedDB` and `IDBKeyRange` instead of relying on globals.
 */
export function openChartcodeDb(name = 'chartcode', options?: DexieOptions): ChartcodeDB {
  return new ChartcodeDB(name, options);
}
