import { describe, expect, it, vi } from 'vitest';
import { createExtensionSearchClient, isLoadingReply, searchPayload } from '../../../components/sidepanel/client';
import { deriveSearchRequest } from '../../../components/sidepanel/model';
import { type CodesetStatus, parseRequest } from '../../../utils/messaging';
import type { SearchResponse } from '../../../utils/search/types';

const LOADING: CodesetStatus = { state: 'loading', versions: [], progress: { done: 1, total: 9, assetId: 'icd10cm-codes-2027' } };
const EMPTY: SearchResponse = { query: 'x', hits: [], candidates: 0, tookMs: 0, interpretation: { corrections: [], expansions: [] } };

function setup(reply: (message: { type: string }) => unknown = () => ({ ok: true, data: EMPTY })) {
  const sent: unknown[] = [];
  let listener: ((message: unknown) => void) | undefined;
  const client = createExtensionSearchClient({
    sendMessage: async (message) => {
      sent.push(message);
      return reply(message as { type: string });
    },
    addMessageListener: (l) => {
      listener = l;
      return () => {
        listener = undefined;
      };
    },
  });
  return { client, sent, deliver: (message: unknown) => listener?.(message) };
}

describe('createExtensionSearchClient', () => {
  it('sends each call over the typed protocol, leaving absent options out', async () => {
    const { client, sent } = setup();
    await client.search({ text: 'diab hyperg', dateOfService: '2026-11-22', limit: 50 });
    await client.search({ text: 'E11', dateOfService: '2026-11-22', systems: ['icd10cm'], billableOnly: true, chapter: '4' });
    await client.lookup('icd10cm', 'S72001', '2026-11-22');
    await client.children('icd10cm', 'S72001', '2026-11-22');
    await client.status();
    expect(sent).toEqual([
      { type: 'search/query', payload: { text: 'diab hyperg', dateOfService: '2026-11-22', limit: 50 } },
      {
        type: 'search/query',
        payload: { text: 'E11', dateOfService: '2026-11-22', systems: ['icd10cm'], billableOnly: true, chapter: '4' },
      },
      { type: 'codes/lookup', payload: { system: 'icd10cm', code: 'S72001', dateOfService: '2026-11-22' } },
      { type: 'codes/children', payload: { system: 'icd10cm', code: 'S72001', dateOfService: '2026-11-22' } },
      { type: 'codesets/status', payload: {} },
    ]);
    // What the panel sends is what the background accepts.
    for (const message of sent) expect(parseRequest(message).ok).toBe(true);
  });

  it('sends requests the protocol accepts even for hostile or oversized text', () => {
    for (const text of [
      'x'.repeat(50_000),
      `${'a'.repeat(9_999)}🩺`,
      '<img src=x onerror=alert(1)>',
      "'; DROP TABLE codes; --",
      '.*+?^$' + '{}()|[]\\',
    ]) {
      const derived = deriveSearchRequest({ text, system: 'all', billableOnly: false, chapter: '', dateOfService: '2026-11-22' });
      if (!derived.ok) throw new Error('expected a request');
      expect(parseRequest({ type: 'search/query', payload: searchPayload(derived.request) }).ok).toBe(true);
    }
  });

  it('passes the "loading code sets" answer through and throws the background’s errors', async () => {
    const { client } = setup((m) =>
      m.type === 'search/query' ? { ok: true, data: { loading: true, status: LOADING } } : { ok: false, error: 'boom' },
    );
    const reply = await client.search({ text: 'x', dateOfService: '2026-11-22' });
    expect(isLoadingReply(reply)).toBe(true);
    await expect(client.lookup('icd10cm', 'E11', '2026-11-22')).rejects.toThrow('boom');
  });

  it('tells loading replies from answers', () => {
    expect(isLoadingReply({ loading: true, status: LOADING })).toBe(true);
    expect(isLoadingReply(EMPTY)).toBe(false);
    expect(isLoadingReply([])).toBe(false);
    expect(isLoadingReply(null)).toBe(false);
  });

  it('passes on valid code-set events only', () => {
    const { client, deliver } = setup();
    const changed = vi.fn();
    const progress = vi.fn();
    const offChanged = client.onCodesetsChanged(changed);
    deliver({ type: 'codesets/changed', payload: {} });
    deliver({ type: 'codesets/changed', payload: { extra: 1 } });
    deliver('nonsense');
    expect(changed).toHaveBeenCalledTimes(1);
    offChanged();

    client.onProgress(progress);
    deliver({ type: 'codesets/progress', payload: { done: 2, total: 9, assetId: 'icd10cm-codes-2027' } });
    deliver({ type: 'codesets/progress', payload: { done: -1, total: 9, assetId: 'x' } });
    expect(progress).toHaveBeenCalledTimes(1);
    expect(progress).toHaveBeenCalledWith({ done: 2, total: 9, assetId: 'icd10cm-codes-2027' });
  });
});
