import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { type ChartcodeDB, ChartcodeDB as ChartcodeDBClass } from '../../../utils/db/schema';
import { freshDbEnv } from '../../helpers/db';

function indexNames(db: ChartcodeDB, table: string): string[] {
  return db.table(table).schema.indexes.map((index) => index.name);
}

describe('ChartcodeDB schema', () => {
  it('does not open the database when created (WXT imports entrypoints in Node)', () => {
    const db = freshDbEnv().open();
    expect(db).toBeInstanceOf(ChartcodeDBClass);
    expect(db.isOpen()).toBe(false);
  });

  it('is version 3 with the versions, chunks, settings, derived and queryLog tables', async () => {
    const db = freshDbEnv().open();
    await db.open();
    expect(db.verno).toBe(3);
    expect(db.tables.map((table) => table.name).sort()).toEqual(['chunks', 'derived', 'queryLog', 'settings', 'versions']);
    expect(db.derived.schema.primKey.keyPath).toBe('key');
    expect(indexNames(db, 'derived')).toEqual([]);
    expect(db.queryLog.schema.primKey.keyPath).toBe('id');
    expect(indexNames(db, 'queryLog')).toEqual(['date']);
  });

  it('upgrades a version-1 database (as installed before the search issue) keeping its data', async () => {
    const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb');
    const indexedDB = new IDBFactory();
    const v1 = new Dexie('chartcode-upgrade', { indexedDB, IDBKeyRange });
    v1.version(1).stores({ versions: 'id, assetId, status, [assetId+status]', chunks: '[versionId+seq], versionId', settings: 'key' });
    await v1.table('chunks').put({ versionId: 'icd10cm-codes-2027@abc', seq: 0, records: [['E1165', 1, '', 'T2DM w hyperglycemia']] });
    await v1.table('settings').put({ key: 'setting', value: 'outpatient' });
    v1.close();

    const latest = new ChartcodeDBClass('chartcode-upgrade', { indexedDB, IDBKeyRange });
    await latest.open();
    expect(latest.verno).toBe(3);
    expect(await latest.chunks.count()).toBe(1);
    expect(await latest.settings.get('setting')).toEqual({ key: 'setting', value: 'outpatient' });
    expect(await latest.derived.count()).toBe(0);
    expect(await latest.queryLog.count()).toBe(0);
  });

  it('upgrades a version-2 database (as installed before the CDI issue) keeping its stored search index', async () => {
    const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb');
    const indexedDB = new IDBFactory();
    const v2 = new Dexie('chartcode-upgrade-2', { indexedDB, IDBKeyRange });
    v2.version(1).stores({ versions: 'id, assetId, status, [assetId+status]', chunks: '[versionId+seq], versionId', settings: 'key' });
    v2.version(2).stores({ derived: 'key' });
    await v2.table('derived').put({ key: 'search-index', builtFrom: ['a@1'], version: 1, builtAt: '2026-11-01', value: { terms: 3 } });
    v2.close();

    const latest = new ChartcodeDBClass('chartcode-upgrade-2', { indexedDB, IDBKeyRange });
    await latest.open();
    expect(latest.verno).toBe(3);
    expect((await latest.derived.get('search-index'))?.value).toEqual({ terms: 3 });
    expect(await latest.queryLog.count()).toBe(0);
  });

  it('indexes only the fields that where() needs, never records or headers', async () => {
    const db = freshDbEnv().open();
    await db.open();
    expect(db.versions.schema.primKey.keyPath).toBe('id');
    expect(indexNames(db, 'versions').sort()).toEqual(['[assetId+status]', 'assetId', 'status']);
    expect(db.chunks.schema.primKey.keyPath).toEqual(['versionId', 'seq']);
    expect(indexNames(db, 'chunks')).toEqual(['versionId']);
    expect(db.settings.schema.primKey.keyPath).toBe('key');
    expect(indexNames(db, 'settings')).toEqual([]);
  });

  it('orders chunks by the compound key [versionId+seq] and keeps data across reopen', async () => {
    const env = freshDbEnv();
    const first = env.open();
    await first.chunks.bulkPut([
      { versionId: 'b@1', seq: 0, records: ['b0'] },
      { versionId: 'a@1', seq: 10, records: ['a10'] },
      { versionId: 'a@1', seq: 2, records: ['a2'] },
    ]);
    await first.settings.put({ key: 'theme', value: 'dark' });
    first.close();

    const reopened = env.open();
    const keys = await reopened.chunks.toCollection().primaryKeys();
    expect(keys).toEqual([
      ['a@1', 2],
      ['a@1', 10],
      ['b@1', 0],
    ]);
    expect(await reopened.chunks.where('versionId').equals('a@1').count()).toBe(2);
    expect(await reopened.settings.get('theme')).toEqual({ key: 'theme', value: 'dark' });
  });
});
