import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { createExtensionOptionsClient } from '../../../components/options/extension-client';
import type { PickedFile } from '../../../components/options/model';
import { activeVersions } from '../../../utils/db/loader';
import type { CodesetStatus } from '../../../utils/messaging';
import { freshDbEnv } from '../../helpers/db';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/codesets');
const picked = (name: string, bytes: Uint8Array): PickedFile & { reads: number } => {
  const file = {
    name,
    size: bytes.length,
    reads: 0,
    async arrayBuffer() {
      file.reads++;
      return bytes.slice().buffer;
    },
  };
  return file;
};

const READY: CodesetStatus = { state: 'ready', versions: [] };

function setup() {
  const sent: unknown[] = [];
  let listener: ((message: unknown) => void) | undefined;
  const db = freshDbEnv().open();
  const client = createExtensionOptionsClient({
    sendMessage: async (message) => {
      sent.push(message);
      return { ok: true, data: READY };
    },
    addMessageListener: (l) => {
      listener = l;
      return () => {
        listener = undefined;
      };
    },
    db: () => db,
  });
  return { client, sent, db, deliver: (message: unknown) => listener?.(message) };
}

describe('createExtensionOptionsClient', () => {
  it('asks the background over the typed protocol', async () => {
    const { client, sent } = setup();
    expect(await client.status()).toEqual(READY);
    await client.notifyImported(['icd10cm-codes-2027']);
    expect(sent).toEqual([
      { type: 'codesets/status', payload: {} },
      { type: 'codesets/imported', payload: { assetIds: ['icd10cm-codes-2027'] } },
    ]);
  });

  it('passes on valid progress events only, until unsubscribed', () => {
    const { client, deliver } = setup();
    const seen = vi.fn();
    const unsubscribe = client.onProgress(seen);
    deliver({ type: 'codesets/progress', payload: { done: 1, total: 4, assetId: 'icd10cm-codes-2027' } });
    deliver({ type: 'codesets/progress', payload: { done: -1 } });
    deliver({ type: 'codesets/status', payload: {} });
    unsubscribe();
    deliver({ type: 'codesets/progress', payload: { done: 2, total: 4, assetId: 'icd10cm-codes-2027' } });
    expect(seen.mock.calls).toEqual([[{ done: 1, total: 4, assetId: 'icd10cm-codes-2027' }]]);
  });

  it('recognises a zip, then imports it into the database, reading the file once', async () => {
    const { client, db } = setup();
    const zip = zipSync({ 'icd10cm_order_2027.txt': new Uint8Array(readFileSync(resolve(FIXTURES, 'import-icd10cm_order_2027.txt'))) });
    const file = picked('release.zip', zip);
    expect(await client.recognise([file], {})).toEqual([
      { name: 'icd10cm_order_2027.txt', container: 'release.zip', kind: 'cm-order', year: 2027, skipped: false },
    ]);
    const outcome = await client.importCodeSets([file], {});
    expect(outcome.assets.map((a) => a.id)).toEqual(['icd10cm-codes-2027']);
    expect((await activeVersions(db)).map((v) => [v.assetId, v.origin])).toEqual([['icd10cm-codes-2027', 'imported']]);
    expect(file.reads).toBe(1);
  });

  it('refuses an over-size file before reading it', async () => {
    const { client } = setup();
    const file = { name: 'huge.zip', size: 70_000_000, arrayBuffer: vi.fn() };
    await expect(client.recognise([file], {})).rejects.toThrow('huge.zip: is 70.0 MB, over the 60 MB limit for imports');
    expect(file.arrayBuffer).not.toHaveBeenCalled();
  });
});
