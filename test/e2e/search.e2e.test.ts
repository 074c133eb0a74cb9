/**
 * Search in the built extension's background, in real Chromium: a query before the code sets are
 * ready answers "loading"; the first search builds the index and stores it in IndexedDB; after the
 * browser (and so the worker) restarts, the first query is answered from the stored index.
 */
import { describe, expect, it } from 'vitest';
import {
  launchExtension,
  newProfileDir,
  openExtensionPage,
  sendFromPage,
  type StatusReply,
  waitForCodesets,
} from '../../scripts/lib/chromium';

interface SearchReply {
  hits?: Array<{ code: string; display: string; state: string }>;
  loading?: boolean;
  status?: StatusReply;
}
type StatusWithSearch = StatusReply & { search?: { from: 'stored' | 'rebuilt'; ms: number } };

const query = { text: 'diab hyperg', dateOfService: '2026-11-01' };

describe('search in real Chromium', () => {
  it('answers loading first, then builds, stores and reloads the index across a restart', async () => {
    const profile = newProfileDir();
    const first = await launchExtension(profile);
    let rebuiltMs = 0;
    try {
      const page = await openExtensionPage(first, 'options.html');
      const early = await sendFromPage<StatusReply>(page, 'codesets/status');
      if (early.state === 'loading' && early.versions.length === 0) {
        const reply = await sendFromPage<SearchReply>(page, 'search/query', query);
        expect(reply.loading).toBe(true);
        expect(reply.status?.state).toBe('loading');
      }
      await waitForCodesets(page);
      const reply = await sendFromPage<SearchReply>(page, 'search/query', query);
      expect(reply.hits?.[0]?.display).toBe('E11.65');
      const status = await sendFromPage<StatusWithSearch>(page, 'codesets/status');
      expect(status.search?.from).toBe('rebuilt');
      rebuiltMs = status.search?.ms ?? 0;
    } finally {
      await first.close();
    }

    const second = await launchExtension(profile);
    try {
      const page = await openExtensionPage(second, 'options.html');
      await waitForCodesets(page);
      const reply = await sendFromPage<SearchReply>(page, 'search/query', query);
      expect(reply.hits?.[0]?.display).toBe('E11.65');
      const status = await sendFromPage<StatusWithSearch>(page, 'codesets/status');
      expect(status.search?.from).toBe('stored');
      console.log(`search index in Chromium: rebuilt ${rebuiltMs} ms, loaded from IndexedDB ${status.search?.ms} ms`);
      const remote = [...second.requests].filter((r) => /^(https?|wss?):/.test(r.url()));
      expect(remote).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
