/**
 * Issue 5's core flow in real Chromium with the built extension: enable the demo EHR page's site,
 * the reader snapshots the note, the background analyses it, the evidence of a suggestion is
 * highlighted in the page, and nothing of the note is left in extension storage or sent anywhere.
 */
import { describe, expect, it } from 'vitest';
import { openExtensionPage, sendFromPage, tabIdOf } from '../../scripts/lib/chromium';
import { useEhrSite } from '../helpers/e2e-session';
import type { AnalysisTabReply } from '../../utils/messaging';

describe('from the EHR page to suggestions, in real Chromium', () => {
  const ehr = useEhrSite();

  it('reads the demo note, suggests codes with evidence, highlights it, and keeps no note text', async () => {
    const ext = await openExtensionPage(ehr.session, 'options.html');
    const page = await ehr.session.context.newPage();
    await page.goto(ehr.server.url('demo/discharge-summary.html'));
    const tabId = await tabIdOf(ext, page);

    let reply: AnalysisTabReply | { loading: true } | undefined;
    for (let i = 0; i < 100; i++) {
      reply = await sendFromPage<AnalysisTabReply | { loading: true }>(ext, 'analysis/tab', {
        tabId,
        setting: 'inpatient',
        dateOfService: '2026-11-01',
      });
      if ('result' in reply) break;
      await ext.waitForTimeout(200);
    }
    if (!reply || !('result' in reply)) throw new Error(`no analysis: ${JSON.stringify(reply)}`);
    const { result, source } = reply;
    expect(source.origin).toBe(ehr.server.origin);
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
      const api = (
        globalThis as unknown as {
          chrome: { storage: { local: { get(k: null): Promise<object> }; session: { get(k: null): Promise<object> } } };
        }
      ).chrome;
      return JSON.stringify([await api.storage.local.get(null), await api.storage.session.get(null)]);
    });
    expect(stored).not.toContain('kidney');
    expect(stored).not.toContain(span.text);
    const fromExtension = ehr.session.requests.filter(
      (r) => /^(https?|wss?):/.test(r.url()) && !r.url().startsWith(ehr.server.origin) && !r.url().startsWith(ehr.server.otherOrigin),
    );
    expect(fromExtension.map((r) => r.url())).toEqual([]);
  });

  it('shows the suggestions in the side panel; evidence highlights the page; accepting builds the worksheet; export gives its text', async () => {
    // The side panel opened as a tab (RECIPES.md): it analyses the tab whose note arrived last, the demo page.
    let demo = ehr.session.context.pages().find((p) => p.url().includes('discharge-summary'));
    if (!demo) {
      demo = await ehr.session.context.newPage();
      await demo.goto(ehr.server.url('demo/discharge-summary.html'));
    }
    const page = demo;
    const panel = await openExtensionPage(ehr.session, 'sidepanel.html');
    await panel.setViewportSize({ width: 420, height: 1000 });
    const suggestions = panel.locator('#tabpanel-suggestions');
    await panel.locator('#tab-suggestions').click();
    const aki = suggestions.locator('li.suggestion', { hasText: 'N17.9' }).first();
    await aki.waitFor({ timeout: 60_000 });
    await expect.poll(async () => (await suggestions.locator('.suggestion-code').allTextContents()).join(' ')).toContain('E11.65');
    const codes = (await suggestions.locator('.suggestion-code').allTextContents()).join(' ');
    expect(codes).toContain('I50.23');

    // Evidence click → the page highlights that text, with the suggestion's other evidence (the clicked one
    // scrolled to): every highlighted range is one of the evidence snippets the panel lists, the clicked one among them.
    const snippetText = (t: string | null) =>
      (t ?? '')
        .replace(/^Show in the note: /, '')
        .replace(/^“|”$/g, '')
        .toLowerCase();
    const snippets = aki.locator('button.evidence-snippet');
    const listed = new Set((await snippets.allTextContents()).map(snippetText));
    const quoted = snippetText(await snippets.first().textContent());
    await snippets.first().click();
    await expect
      .poll(async () => {
        const ranges = (
          await page.evaluate(() => {
            const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
            return [...registry.values()].flatMap((h) => [...h].map((r) => r.toString()));
          })
        ).map((r) => r.toLowerCase());
        return ranges.includes(quoted) && ranges.every((r) => listed.has(r));
      })
      .toBe(true);

    // Accept two suggestions → the worksheet, principal first; export as text.
    for (const code of ['I50.23', 'N17.9']) {
      await suggestions
        .locator('li.suggestion', { hasText: code })
        .first()
        .getByRole('button', { name: /^Accept/ })
        .click();
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
    await panel.screenshot({
      path: new URL('../../reports/screenshots/sidepanel-worksheet.png', import.meta.url).pathname,
      fullPage: true,
    });
  });

  /** What each EHR-like page's note supports (present) and what only hidden text would give (absent). */
  const PAGES: Array<{ path: string; present: RegExp[]; absent: RegExp[]; negated: RegExp[] }> = [
    { path: 'epic/index.html', present: [/^J18\./], absent: [/^R31/, /^B18\.2/, /^E87\.5/], negated: [/^R07/] },
    { path: 'cerner/index.html', present: [/^I48\./, /^I10$/, /^G47\.3/, /^E87\.6$/], absent: [/^I44/, /^T46\.0/], negated: [/^I24/] },
    { path: 'meditech/index.html', present: [/^J44\.1$/, /^J96\.1/], absent: [/^S93/, /^W19/], negated: [] },
    { path: 'generic/index.html', present: [/^I10$/, /^E78\./, /^E66\./], absent: [/^Z96\.41/, /^Z97/], negated: [/^R07/] },
  ];

  it.each(PAGES)(
    '$path: the side panel shows what the visible note supports, nothing from hidden text',
    async ({ path, present, absent, negated }) => {
      const page = await ehr.session.context.newPage();
      await page.goto(ehr.server.url(path));
      const panel = await openExtensionPage(ehr.session, 'sidepanel.html');
      await panel.locator('#tab-suggestions').click();
      const list = panel.locator('#tabpanel-suggestions');
      // The panel analyses the tab whose note arrived last: wait until it shows this page's codes.
      let codes: string[] = [];
      await expect
        .poll(
          async () => {
            codes = (await list.locator('.suggestion:not(.status-not-coded) .suggestion-code').allTextContents()).map((c) => c.trim());
            return present.every((p) => codes.some((c) => p.test(c)));
          },
          { timeout: 60_000 },
        )
        .toBe(true);
      for (const pattern of absent)
        expect(
          codes.filter((c) => pattern.test(c)),
          `${path} ${pattern}`,
        ).toEqual([]);
      if (negated.length > 0) {
        await list
          .getByText(/Not coded/)
          .first()
          .click();
        const notCoded = (await list.locator('.suggestion.status-not-coded .suggestion-code').allTextContents()).map((c) => c.trim());
        for (const pattern of negated)
          expect(
            notCoded.some((c) => pattern.test(c)),
            `${path} ${pattern} not coded`,
          ).toBe(true);
      }
      await panel.close();
      await page.close();
    },
  );
});
