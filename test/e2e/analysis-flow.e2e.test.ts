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

  it('shows the suggestions in the side panel; evidence highlights the page; accepting builds the worksheet; export gives its text', async () => {
    // The side panel opened as a tab (RECIPES.md): it analyses the tab whose note arrived last, the demo page.
    const demo = session.context.pages().find((p) => p.url().includes('discharge-summary')) as import('playwright-core').Page;
    const panel = await openExtensionPage(session, 'sidepanel.html');
    await panel.setViewportSize({ width: 420, height: 1000 });
    const suggestions = panel.locator('#tabpanel-suggestions');
    await panel.locator('#tab-suggestions').click();
    const aki = suggestions.locator('li.suggestion', { hasText: 'N17.9' }).first();
    await aki.waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await suggestions.locator('.suggestion-code').allTextContents()).join(' ')).toContain('E11.65');
    const codes = (await suggestions.locator('.suggestion-code').allTextContents()).join(' ');
    expect(codes).toContain('I50.23');

    // Evidence click → the page highlights exactly that text.
    const snippet = aki.locator('button.evidence-snippet').first();
    const quoted = ((await snippet.textContent()) ?? '').replace(/^Show in the note: /, '').replace(/^“|”$/g, '');
    await snippet.click();
    // Every highlighted range is the evidence text (a suggestion may have it in several places).
    await expect
      .poll(async () => {
        const ranges = await demo.evaluate(() => {
          const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
          return [...registry.values()].flatMap((h) => [...h].map((r) => r.toString()));
        });
        return ranges.length > 0 && ranges.every((r) => r.toLowerCase() === quoted.toLowerCase());
      })
      .toBe(true);

    // Accept two suggestions → the worksheet, principal first; export as text.
    for (const code of ['I50.23', 'N17.9']) {
      await suggestions.locator('li.suggestion', { hasText: code }).first().getByRole('button', { name: /^Accept/ }).click();
    }
    await panel.locator('#tab-worksheet').click();
    await expect.poll(async () => (await panel.locator('#tabpanel-worksheet').textContent()) ?? '').toContain('N17.9');
    // Headless Chromium cannot grant clipboard access to an extension origin: capture what is written.
    await panel.evaluate(() => {
      const w = window as unknown as { __copied?: string };
      navigator.clipboard.writeText = async (text: string) => {
        w.__copied = text;
      };
    });
    await panel.getByRole('button', { name: 'Copy as text' }).click();
    const copied = await panel.evaluate(() => (window as unknown as { __copied?: string }).__copied ?? '');
    expect(copied).toMatch(/I50\.23/);
    expect(copied.indexOf('I50.23')).toBeLessThan(copied.indexOf('N17.9'));
    await panel.screenshot({ path: new URL('../../reports/screenshots/sidepanel-worksheet.png', import.meta.url).pathname, fullPage: true });
  });
});
