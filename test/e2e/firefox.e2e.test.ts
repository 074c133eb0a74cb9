/**
 * A smoke test of the Firefox build in real headless Firefox ESR (Debian's firefox-esr), driven over
 * WebDriver BiDi (scripts/lib/firefox.ts): the add-on installs, its background answers, the bundled
 * code sets load, the side panel (opened in a tab) finds E11.9 by code and by words, and a pasted
 * note gives suggestions. Fails, not skips, when Firefox is missing: CI installs it (npm run setup).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  evaluate,
  FIREFOX,
  type FirefoxSession,
  launchFirefox,
  openAddonPage,
  screenshot,
  typeText,
  waitFor,
} from '../../scripts/lib/firefox';

const SCREENSHOTS = resolve(import.meta.dirname, '../../reports/screenshots');
/** The first query after a start may build the search index: allow for it. */
const FIRST_ANSWER_MS = 90_000;

/** Rethrow a timeout with what the page showed, and keep a screenshot of it. */
async function failWithPage(session: FirefoxSession, context: string, error: Error, selector = 'body'): Promise<never> {
  const shown = await evaluate(
    session,
    context,
    (s: string) => (document.querySelector(s) as HTMLElement | null)?.innerText ?? '',
    selector,
  ).catch(() => '(unreadable)');
  mkdirSync(SCREENSHOTS, { recursive: true });
  await screenshot(session, context, resolve(SCREENSHOTS, 'firefox-failure.png')).catch(() => undefined);
  throw new Error(`${error.message}\nThe page showed:\n${shown.slice(0, 2_000)}\n(screenshot: reports/screenshots/firefox-failure.png)`);
}

/** Clear the search box and type a query with real key events. */
async function search(session: FirefoxSession, context: string, text: string) {
  await evaluate(session, context, () => {
    const box = document.getElementById('search-input') as HTMLInputElement;
    box.focus();
    box.select();
  });
  await typeText(session, context, '\uE003'); // Backspace: clears the selected query
  await typeText(session, context, text);
}

describe('the Firefox build in real Firefox', () => {
  let session: FirefoxSession;
  let panel: string;

  beforeAll(async () => {
    if (!existsSync(FIREFOX))
      throw new Error(`Firefox ESR is not installed at ${FIREFOX}: run "npm run setup" (it installs Debian's firefox-esr).`);
    session = await launchFirefox();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('installs the add-on and its background answers the options page', async () => {
    expect(session.addonId).toBe('chartcode@chartcode.dev');
    const options = await openAddonPage(session, 'options.html', { width: 1100, height: 900 });
    expect(await evaluate(session, options, () => document.title)).toBe('Chartcode options');
    // A message round trip: the background (an event page in Firefox) started and answers.
    const status = await evaluate(session, options, async () => {
      const api = (
        globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: { state: string } }> } } }
      ).browser;
      return api.runtime.sendMessage({ type: 'codesets/status', payload: {} });
    });
    expect(status.ok).toBe(true);
    expect(['loading', 'ready']).toContain(status.data?.state);
  });

  it('loads the bundled code sets: the options page lists them with their counts', async () => {
    const options = await openAddonPage(session, 'options.html', { width: 1100, height: 900 });
    const text = await waitFor(session, options, 'the code-set table with 74,879 ICD-10-CM 2027 codes', 120_000, () => {
      const body = document.body.innerText;
      return !document.getElementById('codeset-load-progress') && body.includes('Active code-set versions') && body.includes('74,879')
        ? body
        : '';
    });
    expect(text).toContain('8,623'); // HCPCS 2026
    expect(text).not.toMatch(/No code sets are active/);
  });

  it('finds E11.9 in the side panel by its code and by "type 2 diabetes"', async () => {
    panel = await openAddonPage(session, 'sidepanel.html', { width: 420, height: 900 });
    await waitFor(session, panel, 'the search box', 15_000, () => document.getElementById('search-input') !== null);
    expect(await evaluate(session, panel, () => document.activeElement?.id)).toBe('search-input');

    await search(session, panel, 'E11.9');
    const byCode = await waitFor(session, panel, 'E11.9 in the results for "E11.9"', FIRST_ANSWER_MS, () => {
      const codes = [...document.querySelectorAll('#search-results [role="option"] .result-code')].map((e) => e.textContent ?? '');
      return codes.includes('E11.9') ? codes : undefined;
    }).catch(async (error: Error) => failWithPage(session, panel, error));
    expect(byCode[0]).toBe('E11.9');

    await search(session, panel, 'type 2 diabetes');
    const byWords = await waitFor(session, panel, 'E11.9 in the results for "type 2 diabetes"', FIRST_ANSWER_MS, () => {
      // The answer to these words, not the previous query's: its matches are marked.
      const marked = [...document.querySelectorAll('#search-results mark')].some((m) => /diabetes/i.test(m.textContent ?? ''));
      const busy = document.getElementById('search-results')?.getAttribute('aria-busy') === 'true';
      const message = document.getElementById('search-message')?.textContent ?? '';
      const codes = [...document.querySelectorAll('#search-results [role="option"] .result-code')].map((e) => e.textContent ?? '');
      return marked && !busy && codes.includes('E11.9') ? { message, codes } : undefined;
    }).catch(async (error: Error) => failWithPage(session, panel, error));
    // The same order as in Chromium: the best match first.
    expect(byWords.codes[0]).toBe('E11.9');
    expect(byWords.message).toMatch(/^\d+ results?$/);
    expect(byWords.codes).toEqual(expect.arrayContaining(['E11.65', 'E11.00']));

    mkdirSync(SCREENSHOTS, { recursive: true });
    await screenshot(session, panel, resolve(SCREENSHOTS, 'firefox-sidepanel.png'));
  });

  it('suggests E11.9 and I10 for a pasted note in the Suggestions tab', async () => {
    await evaluate(session, panel, () => (document.getElementById('tab-suggestions') as HTMLButtonElement).click());
    await waitFor(session, panel, 'the paste box', 15_000, () => {
      const box = document.getElementById('paste-text') as HTMLTextAreaElement | null;
      if (!box) return false;
      const details = box.closest('details');
      if (details) details.open = true;
      box.focus();
      return document.activeElement === box;
    });
    await typeText(session, panel, 'Assessment: Type 2 diabetes mellitus without complications. Essential hypertension.');
    await evaluate(session, panel, () =>
      (document.querySelector('#tabpanel-suggestions form.paste-box button[type="submit"]') as HTMLButtonElement).click(),
    );
    const codes = await waitFor(session, panel, 'E11.9 and I10 among the suggestions', FIRST_ANSWER_MS, () => {
      const listed = [...document.querySelectorAll('#tabpanel-suggestions li.suggestion .suggestion-code')].map((e) => e.textContent ?? '');
      return listed.includes('E11.9') && listed.includes('I10') ? listed : undefined;
    }).catch(async (error: Error) => failWithPage(session, panel, error, '#tabpanel-suggestions'));
    expect(codes).toEqual(expect.arrayContaining(['E11.9', 'I10']));
    // "without complications" is not "with unspecified complications" (E11.8), nor other specified diabetes (E13.9).
    expect(codes).not.toContain('E11.8');
    expect(codes).not.toContain('E13.9');
    await screenshot(session, panel, resolve(SCREENSHOTS, 'firefox-suggestions.png'));
  });

  it("printed no uncaught error or console.error from the add-on's pages or background", () => {
    expect(session.errors).toEqual([]);
  });
});
