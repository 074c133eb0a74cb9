import type { DBCoreMutateRequest } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { recordsChecksum } from '../../utils/codes/hash';
import type { AssetHeader, CodeRecord } from '../../utils/codes/types';
import { type ChartcodeDB, openChartcodeDb } from '../../utils/db/schema';

let dbCounter = 0;

/**
 * A private fake IndexedDB per test. `open()` may be called again after `close()` to play a
 * restarted service worker reading what the previous one left behind.
 */
export function freshDbEnv(): { name: string; open: () => ChartcodeDB } {
  const indexedDB = new IDBFactory();
  const name = `chartcode-test-${++dbCounter}`;
  return { name, open: () => openChartcodeDb(name, { indexedDB, IDBKeyRange }) };
}

/**
 * See every write that reaches IndexedDB (DBCore level). A throwing `onMutate` fails that write,
 * as a full disk or a killed worker would. Must be called before the database's first query.
 */
export function watchWrites(db: ChartcodeDB, onMutate: (table: string, request: DBCoreMutateRequest) => void): void {
  db.use({
    stack: 'dbcore',
    name: 'test-watch-writes',
    create: (down) => ({
      ...down,
      table(tableName) {
        const table = down.table(tableName);
        return {
          ...table,
          mutate(request) {
            try {
              onMutate(tableName, request);
            } catch (error) {
              return Promise.reject(error);
            }
            return table.mutate(request);
          },
        };
      },
    }),
  });
}

/** The `seq` of every chunk row written, in order. */
export function chunkSeqsOf(request: DBCoreMutateRequest): number[] {
  if (request.type !== 'put' && request.type !== 'add') return [];
  return request.values.map((value: { seq: number }) => value.seq);
}

export function codeRecords(n: number, tag = 'v1'): CodeRecord[] {
  return Array.from({ length: n }, (_, i): CodeRecord => [`A${String(i).padStart(5, '0')}`, 1, '', `${tag} code ${i}`]);
}

export interface TestAsset {
  header: AssetHeader;
  records: () => Promise<unknown[]>;
  /** How often the loader asked for the records. */
  readonly providerCalls: number;
}

/** An asset whose header is honest unless `lie` overrides count or checksum. */
export async function makeAsset(id: string, records: unknown[], lie: Partial<AssetHeader> = {}): Promise<TestAsset> {
  const header: AssetHeader = {
    format: 'chartcode-codeset',
    formatVersion: 1,
    id,
    system: 'icd10cm',
    kind: 'codes',
    fiscalYear: 2027,
    contentYear: 2027,
    effectiveFrom: '2026-10-01',
    effectiveTo: '2027-09-30',
    sources: [{ file: 'icd10cm_order_2027.txt', sha256: '0'.repeat(64), bytes: 1 }],
    builtAt: '2026-08-01T00:00:00.000Z',
    count: records.length,
    checksum: await recordsChecksum(records),
    stats: {},
    ...lie,
  };
  let providerCalls = 0;
  return {
    header,
    records: async () => {
      providerCalls++;
      return records;
    },
    get providerCalls() {
      return providerCalls;
    },
  };
}
