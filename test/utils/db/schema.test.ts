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

  it('is version 2 with the versions, chunks, settings and derived tables', async () => {
    const db = freshDbEnv().open();
    await db.open();
    expect(db.verno).toBe(2);
    expect(db.tables.map((table) => table.name).sort()).toEqual(['chunks', 'derived', 'settings', 'versions']);
    expect(db.derived.schema.primKey.keyPath).toBe('key');
    expect(indexNames(db, 'derived')).toEqual([]);
  });

  it('upgrades a version-1 database (as installed before the search issue) keeping its data', async () => {
    const { IDBFactory, IDBKeyRange } = await import('fake-indexeddb');
    const indexedDB = new IDBFactory();
    const v1 = new Dexie('chartcode-upgrade', { indexedDB, IDBKeyRange });
    v1.version(1).stores({ versions: 'id, assetId, status, [assetId+status]', chunks: '[versionId+seq], versionId', settings: 'key' });
    await v1.table('chunks').put({ versionId: 'icd10cm-codes-2027@abc', seq: 0, records: [['E1165', 1, '', 'T2DM w hyperglycemia']] });
    await v1.table('settings').put({ key: 'setting', value: 'outpatient' });
    v1.close();

    const v2 = new ChartcodeDBClass('chartcode-upgrade', { indexedDB, IDBKeyRange });
    await v2.open();
    expect(v2.verno).toBe(2);
    expect(await v2.chunks.count()).toBe(1);
    expect(await v2.settings.get('setting')).toEqual({ key: 'setting', value: 'outpatient' });
    expect(await v2.derived.count()).toBe(0);
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
