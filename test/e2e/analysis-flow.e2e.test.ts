/**
 * Issue 5's core flow in real Chromium with the built extension: enable the demo EHR page's site,
 * the reader snapshots the note, the background analyses it, the evidence of a suggestion is
 * highlighted in the page, and nothing of the note is left in extension storage or sent anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableSite, type ExtensionSession, launchExtension, openExtensionPage, sendFromPage, tabIdOf, waitForCodesets } from '../../scripts/lib/chromium';
import { type EhrServer, startEhrServer } from '../../scripts/lib/ehr-server';
import type { AnalysisTabReply } from '../../utils/messaging';

describe('from the EHR page to suggestions, in real Chromium', () => {
  let server: EhrServer;
  let session: ExtensionSession;

  beforeAll(async () => {
    server = await startEhrServer();
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  it('reads the demo note, suggests codes with evidence, highlights it, and keeps no note text', async () => {
    const ext = await openExtensionPage(session, 'options.html');
    await waitForCodesets(ext);
    await enableSite(session, ext, server.origin);
    const page = await session.context.newPage();
    await page.goto(server.url('demo/discharge-summary.html'));
    const tabId = await tabIdOf(ext, page);

    let reply: AnalysisTabReply | { loading: true } | undefined;
    for (let i = 0; i < 100; i++) {
      reply = await sendFromPage<AnalysisTabReply | { loading: true }>(ext, 'analysis/tab', { tabId, setting: 'inpatient', dateOfService: '2026-11-01' });
      if ('result' in reply) break;
      await ext.waitForTimeout(200);
    }
    if (!reply || !('result' in reply)) throw new Error(`no analysis: ${JSON.stringify(reply)}`);
    const { result, source } = reply;
    expect(source.origin).toBe(server.origin);
    const coded = result.suggestions.filter((s) => s.status !== 'not-coded').map((s) => s.display);
    const notCoded = result.suggestions.filter((s) => s.status === 'not-coded');
    // The demo: heart-failure exacerbation, T2DM with hyperglycemia, AKI, COPD, negated PE, family history of colon cancer, history of DVT.
    expect(coded).toEqual(expect.arrayContaining(['E11.65', 'N17.9']));
    expect(coded.some((c) => c.startsWith('I50.'))).toBe(true);
    expect(coded.some((c) => c.startsWith('J44.'))).toBe(true);
    expect(coded).toEqual(expect.arrayContaining(['Z86.718', 'Z80.0']));
    expect(notCoded.some((s) => s.code.startsWith('I26') && (s.notCoded === 'negated' || s.notCoded === 'ruled-out'))).toBe(true);

    // Clicking evidence: the page highlights exactly that text.
    const aki = result.suggestions.find((s) => s.display === 'N17.9');
    const span = aki?.evidence[0];
    if (!span) throw new Error('no evidence for N17.9');
    await sendFromPage(ext, 'ehr/highlight', { tabId, hash: source.hash, spans: [{ start: span.start, end: span.end }] });
    const highlighted = await page.evaluate(() => {
      const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
      return [...registry.values()].flatMap((h) => [...h].map((r) => r.toString()));
    });
    expect(highlighted.join(' ')).toBe(span.text);

    // No note text in extension storage, no request from any extension context.
    const stored = await ext.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> }; session: { get(k: null): Promise<object> } } } }).chrome;
      return JSON.stringify([await api.storage.local.get(null), await api.storage.session.get(null)]);
    });
    expect(stored).not.toContain('kidney');
    expect(stored).not.toContain(span.text);
    const fromExtension = session.requests.filter((r) => /^(https?|wss?):/.test(r.url()) && !r.url().startsWith(server.origin) && !r.url().startsWith(server.otherOrigin));
    expect(fromExtension.map((r) => r.url())).toEqual([]);
  });
});
