import Dexie from 'dexie';
import { recordsChecksum } from '../codes/hash';
import type { AssetHeader } from '../codes/types';
import type { ChartcodeDB, ChunkRow, VersionOrigin, VersionRow } from './schema';

/**
 * Staged, resumable loading of compiled code-set assets into IndexedDB (DESIGN.md §3).
 *
 * A load writes a `staging` version chunk by chunk; only a complete and verified staging version
 * becomes `active`, in one transaction that also marks the previous one `superseded`. Until then
 * readers keep seeing the previous version, and an interrupted load resumes where it stopped.
 */

export const DEFAULT_CHUNK_SIZE = 1000;

export interface LoadableAsset {
  header: AssetHeader;
  /** Called only when the records must be written, so an already-active asset is never fetched. */
  records: () => Promise<unknown[]> | unknown[];
}

export type LoadOutcome = 'already-active' | 'loaded' | 'resumed';

export interface LoadResult {
  versionId: string;
  outcome: LoadOutcome;
}

export interface LoadProgress {
  assetId: string;
  loadedChunks: number;
  chunkCount: number;
}

export interface LoadOptions {
  /** Records per stored row. A resumed load keeps the chunk size it started with. */
  chunkSize?: number;
  origin?: VersionOrigin;
  onProgress?: (progress: LoadProgress) => void;
  /** Aborting stops before the next chunk; the staging version stays for a later resume. */
  signal?: AbortSignal;
}

export interface LoadAllProgress {
  done: number;
  total: number;
  assetId: string;
}

export interface LoadAllOptions extends Omit<LoadOptions, 'onProgress'> {
  onProgress?: (progress: LoadAllProgress) => void;
}

export type VerificationCheck = 'chunk count' | 'record count' | 'checksum';

export const loaderMessages = {
  verificationFailed: (versionId: string, check: VerificationCheck, detail: string) =>
    `Code set ${versionId} failed verification (${check}): ${detail}. The previous version stays active.`,
  chunkCountDetail: (stored: number, expected: number) => `${stored} chunks stored, ${expected} expected`,
  recordCountDetail: (stored: number, expected: number) =>
    `${stored} records stored, the header says ${expected}`,
  checksumDetail: (stored: string, expected: string) =>
    `stored records hash to ${stored.slice(0, 16)}…, the header says ${expected.slice(0, 16)}…`,
  badChunkSize: (chunkSize: number) => `chunkSize must be a positive integer, got ${chunkSize}`,
  stagingGone: (versionId: string) =>
    `Staging version ${versionId} was removed or changed while loading (another extension page loading the same code set?)`,
} as const;

export class CodeSetVerificationError extends Error {
  readonly versionId: string;
  readonly check: VerificationCheck;

  constructor(versionId: string, check: VerificationCheck, detail: string) {
    super(loaderMessages.verificationFailed(versionId, check, detail));
    this.name = 'CodeSetVerificationError';
    this.versionId = versionId;
    this.check = check;
  }
}

/** Content-addressed: reloading the same release finds its row, a new release gets a new one. */
export function versionIdFor(header: AssetHeader): string {
  return `${header.id}@${header.checksum.slice(0, 16)}`;
}

/**
 * Load one asset. Loads of the same asset id on the same database run one after the other, so
 * `onInstalled` and `onStartup` firing together cannot interleave their chunk writes.
 */
export function loadAsset(db: ChartcodeDB, asset: LoadableAsset, opts: LoadOptions = {}): Promise<LoadResult> {
  return runSerially(db, asset.header.id, () => loadAssetNow(db, asset, opts));
}

/** The active version's records in stored order, or undefined when the asset was never loaded. */
export function readAssetRecords<R>(
  db: ChartcodeDB,
  assetId: string,
): Promise<{ header: AssetHeader; records: R[] } | undefined> {
  // One read transaction, so an activation finishing meanwhile cannot swap chunks under us.
  return db.transaction('r', db.versions, db.chunks, async () => {
    const active = await db.versions.where('[assetId+status]').equals([assetId, 'active']).first();
    if (!active) return undefined;
    const chunks = await chunksOf(db, active.id);
    return { header: active.header, records: chunks.flatMap((chunk) => chunk.records) as R[] };
  });
}

export function activeVersions(db: ChartcodeDB): Promise<VersionRow[]> {
  return db.versions.where('status').equals('active').toArray();
}

export function pendingStaging(db: ChartcodeDB): Promise<VersionRow[]> {
  return db.versions.where('status').equals('staging').toArray();
}

/**
 * Load several assets in sequence. Progress counts chunks across all of them; already-active and
 * resumed work counts as done from the start. Stops at the first failure or abort and rethrows.
 */
export async function loadAll(
  db: ChartcodeDB,
  assets: readonly LoadableAsset[],
  opts: LoadAllOptions = {},
): Promise<Array<LoadResult & { assetId: string }>> {
  const { onProgress, ...loadOpts } = opts;
  const chunkSize = checkedChunkSize(opts.chunkSize);

  // Plan from headers and stored rows only: no asset's records are read before its turn.
  const planned: number[] = [];
  const loaded: number[] = [];
  for (const { header } of assets) {
    const row = await db.versions.get(versionIdFor(header));
    if (row?.status === 'active') {
      planned.push(row.chunkCount);
      loaded.push(row.chunkCount);
    } else if (row?.status === 'staging') {
      planned.push(row.chunkCount);
      loaded.push(row.loadedChunks);
    } else {
      planned.push(Math.ceil(header.count / chunkSize));
      loaded.push(0);
    }
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const report = (assetId: string) => onProgress?.({ done: sum(loaded), total: sum(planned), assetId });

  const results: Array<LoadResult & { assetId: string }> = [];
  for (const [i, asset] of assets.entries()) {
    const result = await loadAsset(db, asset, {
      ...loadOpts,
      chunkSize,
      onProgress: (p) => {
        // The plan trusted header.count; the loader knows the real chunk count.
        planned[i] = p.chunkCount;
        loaded[i] = Math.max(loaded[i] ?? 0, p.loadedChunks);
        report(p.assetId);
      },
    });
    loaded[i] = planned[i] ?? 0;
    report(asset.header.id);
    results.push({ ...result, assetId: asset.header.id });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------

async function loadAssetNow(db: ChartcodeDB, asset: LoadableAsset, opts: LoadOptions): Promise<LoadResult> {
  const { header } = asset;
  const { signal, onProgress } = opts;
  const versionId = versionIdFor(header);
  signal?.throwIfAborted();

  const existing = await db.versions.get(versionId);
  if (existing?.status === 'active') return { versionId, outcome: 'already-active' };

  // An older interrupted load (other checksum) or cleanup that never ran: neither can be resumed.
  await discardVersions(db, header.id, (row) => row.id !== versionId || row.status === 'superseded');

  const records = await asset.records();
  signal?.throwIfAborted();

  let staging = existing?.status === 'staging' ? existing : undefined;
  const outcome: LoadOutcome = staging ? 'resumed' : 'loaded';
  if (!staging) {
    const chunkSize = checkedChunkSize(opts.chunkSize);
    staging = {
      id: versionId,
      assetId: header.id,
      system: header.system,
      kind: header.kind,
      fiscalYear: header.fiscalYear,
      status: 'staging',
      header,
      chunkSize,
      chunkCount: Math.ceil(records.length / chunkSize),
      loadedChunks: 0,
      startedAt: new Date().toISOString(),
      origin: opts.origin ?? 'bundled',
    };
    await db.versions.add(staging);
  }

  // Resume with the stored chunk size so sequence numbers keep meaning the same slices.
  const { chunkSize, chunkCount } = staging;
  for (let seq = staging.loadedChunks; seq < chunkCount; seq++) {
    signal?.throwIfAborted();
    const chunk: ChunkRow = { versionId, seq, records: records.slice(seq * chunkSize, (seq + 1) * chunkSize) };
    // Chunk and counter in one transaction: a crash never leaves the counter ahead of the data.
    await db.transaction('rw', db.versions, db.chunks, async () => {
      const row = await db.versions.get(versionId);
      if (row?.status !== 'staging') throw new Error(loaderMessages.stagingGone(versionId));
      await db.chunks.put(chunk);
      await db.versions.put({ ...row, loadedChunks: seq + 1 });
    });
    onProgress?.({ assetId: header.id, loadedChunks: seq + 1, chunkCount });
  }
  signal?.throwIfAborted();

  await verifyStaging(db, staging);
  await activate(db, versionId, header.id);
  return { versionId, outcome };
}

/** Check what was stored, not what was passed in; on failure remove the staging data and throw. */
async function verifyStaging(db: ChartcodeDB, staging: VersionRow): Promise<void> {
  const { id: versionId, header, chunkCount } = staging;
  const chunks = await chunksOf(db, versionId);
  const stored = chunks.flatMap((chunk) => chunk.records);

  let failure: [VerificationCheck, string] | undefined;
  if (chunks.length !== chunkCount) {
    failure = ['chunk count', loaderMessages.chunkCountDetail(chunks.length, chunkCount)];
  } else if (stored.length !== header.count) {
    failure = ['record count', loaderMessages.recordCountDetail(stored.length, header.count)];
  } else {
    const checksum = await recordsChecksum(stored);
    if (checksum !== header.checksum) failure = ['checksum', loaderMessages.checksumDetail(checksum, header.checksum)];
  }
  if (!failure) return;

  await deleteVersion(db, versionId);
  throw new CodeSetVerificationError(versionId, ...failure);
}

async function activate(db: ChartcodeDB, versionId: string, assetId: string): Promise<void> {
  await db.transaction('rw', db.versions, async () => {
    const staging = await db.versions.get(versionId);
    if (staging?.status !== 'staging') throw new Error(loaderMessages.stagingGone(versionId));
    const previous = await db.versions.where('[assetId+status]').equals([assetId, 'active']).toArray();
    await db.versions.bulkPut([
      ...previous.map((row): VersionRow => ({ ...row, status: 'superseded' })),
      { ...staging, status: 'active', activatedAt: new Date().toISOString() },
    ]);
  });
  // Outside the activation: readers already see the new version, so removal can be slow or fail
  // (the next load of this asset removes leftover superseded versions).
  await discardVersions(db, assetId, (row) => row.status === 'superseded');
}

async function discardVersions(db: ChartcodeDB, assetId: string, shouldDiscard: (row: VersionRow) => boolean) {
  const rows = await db.versions.where('assetId').equals(assetId).toArray();
  for (const row of rows) {
    if (row.status !== 'active' && shouldDiscard(row)) await deleteVersion(db, row.id);
  }
}

/** Chunks and row together, chunks first in the same transaction so no orphan chunks remain. */
function deleteVersion(db: ChartcodeDB, versionId: string): Promise<void> {
  return db.transaction('rw', db.versions, db.chunks, async () => {
    await db.chunks.where('versionId').equals(versionId).delete();
    await db.versions.delete(versionId);
  });
}

/** In seq order: the compound primary key sorts by versionId, then seq. */
function chunksOf(db: ChartcodeDB, versionId: string): Promise<ChunkRow[]> {
  return db.chunks
    .where('[versionId+seq]')
    .between([versionId, Dexie.minKey], [versionId, Dexie.maxKey], true, true)
    .toArray();
}

function checkedChunkSize(chunkSize = DEFAULT_CHUNK_SIZE): number {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new RangeError(loaderMessages.badChunkSize(chunkSize));
  return chunkSize;
}

// Per database, per asset id: the tail of the queue of loads (never rejects).
const loadQueues = new WeakMap<ChartcodeDB, Map<string, Promise<unknown>>>();

function runSerially<T>(db: ChartcodeDB, assetId: string, run: () => Promise<T>): Promise<T> {
  let queues = loadQueues.get(db);
  if (!queues) {
    queues = new Map();
    loadQueues.set(db, queues);
  }
  const result = (queues.get(assetId) ?? Promise.resolve()).then(run);
  const tail = result.catch(() => undefined);
  queues.set(assetId, tail);
  void tail.then(() => {
    if (queues.get(assetId) === tail) queues.delete(assetId);
  });
  return result;
}
