import { describe, expect, it } from 'vitest';
import {
  activeVersions,
  CodeSetVerificationError,
  type LoadAllProgress,
  type LoadProgress,
  loadAll,
  loadAsset,
  pendingStaging,
  readAssetRecords,
  versionIdFor,
} from '../../../utils/db/loader';
import type { ChartcodeDB } from '../../../utils/db/schema';
import { chunkSeqsOf, codeRecords, freshDbEnv, makeAsset, watchWrites } from '../../helpers/db';

const ASSET_ID = 'icd10cm-codes-2027';

function chunkCountOf(db: ChartcodeDB, versionId: string): Promise<number> {
  return db.chunks.where('versionId').equals(versionId).count();
}

/** Aborts the load once `afterChunks` chunks are stored, like a worker killed mid-load. */
function abortAfter(afterChunks: number) {
  const controller = new AbortController();
  return {
    signal: controller.signal,
    onProgress: (p: LoadProgress) => {
      if (p.loadedChunks === afterChunks) controller.abort();
    },
  };
}

describe('loadAsset', () => {
  it('loads a fresh asset into an active version', async () => {
    const db = freshDbEnv().open();
    const records = codeRecords(2_500);
    const asset = await makeAsset(ASSET_ID, records);

    const result = await loadAsset(db, asset);

    expect(result).toEqual({ versionId: versionIdFor(asset.header), outcome: 'loaded' });
    expect((await readAssetRecords(db, ASSET_ID))?.records).toEqual(records);
    const [active] = await activeVersions(db);
    expect(active).toMatchObject({
      id: `${ASSET_ID}@${asset.header.checksum.slice(0, 16)}`,
      assetId: ASSET_ID,
      system: 'icd10cm',
      kind: 'codes',
      fiscalYear: 2027,
      status: 'active',
      chunkSize: 1000,
      chunkCount: 3,
      loadedChunks: 3,
      origin: 'bundled',
    });
    expect(active?.activatedAt).toEqual(expect.any(String));
    expect(await pendingStaging(db)).toEqual([]);
  });

  it('honours the chunk size: 2,500 records make chunks of 1000, 1000 and 500', async () => {
    const db = freshDbEnv().open();
    const asset = await makeAsset(ASSET_ID, codeRecords(2_500));

    const { versionId } = await loadAsset(db, asset);

    const chunks = await db.chunks.where('versionId').equals(versionId).sortBy('seq');
    expect(chunks.map((chunk) => [chunk.seq, chunk.records.length])).toEqual([
      [0, 1000],
      [1, 1000],
      [2, 500],
    ]);
  });

  it('takes a custom chunk size and origin', async () => {
    const db = freshDbEnv().open();
    const asset = await makeAsset(ASSET_ID, codeRecords(25));

    const { versionId } = await loadAsset(db, asset, { chunkSize: 10, origin: 'imported' });

    expect(await chunkCountOf(db, versionId)).toBe(3);
    expect(await db.versions.get(versionId)).toMatchObject({ chunkSize: 10, chunkCount: 3, origin: 'imported' });
  });

  it('reports monotonic progress that reaches chunkCount', async () => {
    const db = freshDbEnv().open();
    const asset = await makeAsset(ASSET_ID, codeRecords(4_200));
    const seen: LoadProgress[] = [];

    await loadAsset(db, asset, { onProgress: (p) => seen.push(p) });

    expect(seen.map((p) => p.loadedChunks)).toEqual([1, 2, 3, 4, 5]);
    expect(new Set(seen.map((p) => `${p.assetId}/${p.chunkCount}`))).toEqual(new Set([`${ASSET_ID}/5`]));
  });

  it('loads an empty asset as an active version with no chunks', async () => {
    const db = freshDbEnv().open();
    const asset = await makeAsset(ASSET_ID, []);

    expect((await loadAsset(db, asset)).outcome).toBe('loaded');
    expect(await readAssetRecords(db, ASSET_ID)).toEqual({ header: asset.header, records: [] });
  });

  it('answers already-active for the same release, without reading records or writing', async () => {
    const db = freshDbEnv().open();
    const writes: string[] = [];
    watchWrites(db, (table) => writes.push(table));
    const asset = await makeAsset(ASSET_ID, codeRecords(1_500));
    await loadAsset(db, asset);
    writes.length = 0;

    const again = await loadAsset(db, asset);

    expect(again.outcome).toBe('already-active');
    expect(writes).toEqual([]);
    expect(asset.providerCalls).toBe(1);
  });

  it('replaces the previous release of the same asset and removes its chunks', async () => {
    const db = freshDbEnv().open();
    const oldAsset = await makeAsset(ASSET_ID, codeRecords(1_500, 'old'));
    const newAsset = await makeAsset(ASSET_ID, codeRecords(2_100, 'new'));
    const { versionId: oldId } = await loadAsset(db, oldAsset);

    const result = await loadAsset(db, newAsset);

    expect(result.outcome).toBe('loaded');
    expect((await readAssetRecords(db, ASSET_ID))?.records).toEqual(codeRecords(2_100, 'new'));
    expect((await activeVersions(db)).map((row) => row.id)).toEqual([result.versionId]);
    expect(await db.versions.get(oldId)).toBeUndefined();
    expect(await chunkCountOf(db, oldId)).toBe(0);
  });

  it('keeps other assets untouched when one asset is replaced', async () => {
    const db = freshDbEnv().open();
    const other = await makeAsset('icd10pcs-codes-2027', codeRecords(10, 'pcs'));
    await loadAsset(db, other);
    await loadAsset(db, await makeAsset(ASSET_ID, codeRecords(10, 'old')));
    await loadAsset(db, await makeAsset(ASSET_ID, codeRecords(10, 'new')));

    expect((await readAssetRecords(db, 'icd10pcs-codes-2027'))?.records).toEqual(codeRecords(10, 'pcs'));
    expect((await activeVersions(db)).map((row) => row.assetId).sort()).toEqual([ASSET_ID, 'icd10pcs-codes-2027']);
  });

  it('after an abort mid-load keeps the previous version readable, then resumes with the remaining chunks', async () => {
    const env = freshDbEnv();
    const firstWorker = env.open();
    const oldRecords = codeRecords(1_200, 'old');
    const newRecords = codeRecords(4_500, 'new');
    await loadAsset(firstWorker, await makeAsset(ASSET_ID, oldRecords));
    const newAsset = await makeAsset(ASSET_ID, newRecords);

    await expect(loadAsset(firstWorker, newAsset, abortAfter(2))).rejects.toMatchObject({ name: 'AbortError' });

    expect((await readAssetRecords(firstWorker, ASSET_ID))?.records).toEqual(oldRecords);
    const [staging] = await pendingStaging(firstWorker);
    expect(staging).toMatchObject({ id: versionIdFor(newAsset.header), loadedChunks: 2, chunkCount: 5 });
    firstWorker.close();

    // The next service worker opens the same database and loads again.
    const nextWorker = env.open();
    const writtenSeqs: number[] = [];
    watchWrites(nextWorker, (table, request) => {
      if (table === 'chunks') writtenSeqs.push(...chunkSeqsOf(request));
    });
    const resumed = await loadAsset(nextWorker, newAsset);

    expect(resumed.outcome).toBe('resumed');
    expect(writtenSeqs).toEqual([2, 3, 4]);
    expect((await readAssetRecords(nextWorker, ASSET_ID))?.records).toEqual(newRecords);
    expect(await pendingStaging(nextWorker)).toEqual([]);
    expect(await nextWorker.chunks.count()).toBe(5);
  });

  it('after a failed chunk write keeps the counter in step with the stored chunks and resumes', async () => {
    const env = freshDbEnv();
    const db = env.open();
    let failAtSeq: number | undefined = 3;
    watchWrites(db, (table, request) => {
      if (table === 'chunks' && chunkSeqsOf(request).includes(failAtSeq ?? -1)) throw new Error('disk full');
    });
    const oldRecords = codeRecords(800, 'old');
    await loadAsset(db, await makeAsset(ASSET_ID, oldRecords));
    const newAsset = await makeAsset(ASSET_ID, codeRecords(5_000, 'new'));

    await expect(loadAsset(db, newAsset)).rejects.toThrow('disk full');

    const versionId = versionIdFor(newAsset.header);
    expect((await db.versions.get(versionId))?.loadedChunks).toBe(3);
    expect(await chunkCountOf(db, versionId)).toBe(3);
    expect((await readAssetRecords(db, ASSET_ID))?.records).toEqual(oldRecords);

    failAtSeq = undefined;
    expect((await loadAsset(db, newAsset)).outcome).toBe('resumed');
    expect((await readAssetRecords(db, ASSET_ID))?.records).toEqual(codeRecords(5_000, 'new'));
  });

  it('resumes with the chunk size the staging version started with', async () => {
    const db = freshDbEnv().open();
    const asset = await makeAsset(ASSET_ID, codeRecords(50));
    await expect(loadAsset(db, asset, { chunkSize: 10, ...abortAfter(1) })).rejects.toThrow();

    await loadAsset(db, asset, { chunkSize: 1000 });

    const active = (await activeVersions(db))[0];
    expect(active).toMatchObject({ chunkSize: 10, chunkCount: 5 });
    expect((await readAssetRecords(db, ASSET_ID))?.records).toEqual(codeRecords(50));
  });

  it('drops an interrupted staging load of a different release before starting a new one', async () => {
    const db = freshDbEnv().open();
    const abandoned = await makeAsset(ASSET_ID, codeRecords(3_000, 'abandoned'));
    await expect(loadAsset(db, abandoned, abortAfter(1))).rejects.toThrow();
    const abandonedId = versionIdFor(abandoned.header);
    expect(await chunkCountOf(db, abandonedId)).toBe(1);

    const result = await loadAsset(db, await makeAsset(ASSET_ID, codeRecords(3_000, 'current')));

    expect(result.outcome).toBe('loaded');
    expect(await db.versions.get(abandonedId)).toBeUndefined();
    expect(await chunkCountOf(db, abandonedId)).toBe(0);
    expect(await pendingStaging(db)).toEqual([]);
  });

  it('refuses to start when the signal is already aborted, writing nothing', async () => {
    const db = freshDbEnv().open();
    const controller = new AbortController();
    controller.abort();
    const asset = await makeAsset(ASSET_ID, codeRecords(10));

    await expect(loadAsset(db, asset, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });

    expect(await db.versions.count()).toBe(0);
    expect(asset.providerCalls).toBe(0);
  });

  it('runs concurrent loads of the same release one after the other', async () => {
    const db = freshDbEnv().open();
    const asset = await makeAsset(ASSET_ID, codeRecords(3_000));

    const outcomes = await Promise.all([loadAsset(db, asset), loadAsset(db, asset)]);

    expect(outcomes.map((r) => r.outcome)).toEqual(['loaded', 'already-active']);
    expect(await db.chunks.count()).toBe(3);
  });

  describe('verification', () => {
    async function withPreviousVersion() {
      const db = freshDbEnv().open();
      const oldRecords = codeRecords(700, 'old');
      await loadAsset(db, await makeAsset(ASSET_ID, oldRecords));
      return { db, oldRecords };
    }

    async function expectPreviousIntact(db: ChartcodeDB, oldRecords: unknown[], badVersionId: string) {
      expect((await readAssetRecords(db, ASSET_ID))?.records).toEqual(oldRecords);
      expect(await pendingStaging(db)).toEqual([]);
      expect(await db.versions.get(badVersionId)).toBeUndefined();
      expect(await chunkCountOf(db, badVersionId)).toBe(0);
    }

    it('rejects a header whose count lies, naming the record count check', async () => {
      const { db, oldRecords } = await withPreviousVersion();
      const records = codeRecords(1_500, 'new');
      const lying = await makeAsset(ASSET_ID, records, { count: 1_501 });

      const failure = loadAsset(db, lying);

      await expect(failure).rejects.toThrow(CodeSetVerificationError);
      await expect(failure).rejects.toThrow('failed verification (record count): 1500 records stored, the header says 1501');
      await expectPreviousIntact(db, oldRecords, versionIdFor(lying.header));
    });

    it('rejects records that do not match the checksum, naming the checksum check', async () => {
      const { db, oldRecords } = await withPreviousVersion();
      const honest = await makeAsset(ASSET_ID, codeRecords(1_500, 'new'));
      const tampered = codeRecords(1_500, 'new');
      tampered[1_234] = ['A01234', 0, '', 'tampered'];
      const lying = { header: honest.header, records: () => tampered };

      const failure = loadAsset(db, lying);

      await expect(failure).rejects.toThrow('failed verification (checksum)');
      await expect(failure).rejects.toMatchObject({ check: 'checksum' });
      await expectPreviousIntact(db, oldRecords, versionIdFor(lying.header));
    });

    it('rejects a staging version that lost a chunk, naming the chunk count check', async () => {
      const { db, oldRecords } = await withPreviousVersion();
      const asset = await makeAsset(ASSET_ID, codeRecords(3_000, 'new'));
      const versionId = versionIdFor(asset.header);
      await expect(loadAsset(db, asset, abortAfter(2))).rejects.toThrow();
      // Storage lost chunk 0 (eviction, a bug elsewhere): the counter still says 2 chunks.
      await db.chunks.delete([versionId, 0]);

      await expect(loadAsset(db, asset)).rejects.toThrow('failed verification (chunk count): 2 chunks stored, 3 expected');
      await expectPreviousIntact(db, oldRecords, versionId);
    });
  });
});

describe('readAssetRecords', () => {
  it('is undefined for an asset that was never loaded', async () => {
    const db = freshDbEnv().open();
    expect(await readAssetRecords(db, 'nothing-here')).toBeUndefined();
  });

  it('is undefined while the only version is still staging', async () => {
    const db = freshDbEnv().open();
    await expect(loadAsset(db, await makeAsset(ASSET_ID, codeRecords(3_000)), abortAfter(1))).rejects.toThrow();
    expect(await readAssetRecords(db, ASSET_ID)).toBeUndefined();
  });
});

describe('loadAll', () => {
  it('loads assets in sequence with aggregate, monotonic progress in chunks', async () => {
    const db = freshDbEnv().open();
    const codes = await makeAsset(ASSET_ID, codeRecords(2_500));
    const pcs = await makeAsset('icd10pcs-codes-2027', codeRecords(1_001, 'pcs'));
    const hcpcs = await makeAsset('hcpcs-codes-2027', codeRecords(400, 'hcpcs'));
    await loadAsset(db, hcpcs);
    const seen: LoadAllProgress[] = [];

    const results = await loadAll(db, [codes, pcs, hcpcs], { onProgress: (p) => seen.push(p) });

    expect(results.map((r) => [r.assetId, r.outcome])).toEqual([
      [ASSET_ID, 'loaded'],
      ['icd10pcs-codes-2027', 'loaded'],
      ['hcpcs-codes-2027', 'already-active'],
    ]);
    const total = 3 + 2 + 1;
    expect(seen.every((p) => p.total === total)).toBe(true);
    const done = seen.map((p) => p.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    // hcpcs was already active, so it counts as done from the first report.
    expect(done[0]).toBe(2);
    expect(seen.at(-1)).toEqual({ done: total, total, assetId: 'hcpcs-codes-2027' });
    expect((await activeVersions(db)).length).toBe(3);
  });

  it('counts a resumed asset from where it stopped and stops at the first failure', async () => {
    const db = freshDbEnv().open();
    const codes = await makeAsset(ASSET_ID, codeRecords(3_000));
    await expect(loadAsset(db, codes, abortAfter(2))).rejects.toThrow();
    const lying = await makeAsset('icd10pcs-codes-2027', codeRecords(10), { count: 11 });
    const never = await makeAsset('hcpcs-codes-2027', codeRecords(10));
    const seen: LoadAllProgress[] = [];

    await expect(loadAll(db, [codes, lying, never], { onProgress: (p) => seen.push(p) })).rejects.toThrow('record count');

    expect(seen[0]).toEqual({ done: 3, total: 3 + 1 + 1, assetId: ASSET_ID });
    expect((await activeVersions(db)).map((row) => row.assetId)).toEqual([ASSET_ID]);
    expect(never.providerCalls).toBe(0);
  });
});
