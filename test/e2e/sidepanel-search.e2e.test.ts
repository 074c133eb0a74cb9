/**
 * The side panel's search in real headless Chromium with the built extension: the panel page is
 * opened in a tab (a headless test cannot open the side panel itself, RECIPES.md), code sets load,
 * typing finds codes, the keyboard adds them to the worksheet, the detail builds a 7th character,
 * hostile text stays text, and nothing leaves the machine.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, openExtensionPage, waitForCodesets } from '../../scripts/lib/chromium';

const SCREENSHOTS = resolve(import.meta.dirname, '../../reports/screenshots');
/** The first query after a wake may build the search index: allow for it. */
const FIRST_ANSWER_MS = 90_000;

const resultCodes = (page: Page) => page.locator('[role="listbox"] [role="option"] .result-code').allTextContents();

async function search(page: Page, text: string) {
  const box = page.locator('#search-input');
  await box.fill('');
  await box.pressSequentially(text, { delay: 15 });
}

/** Wait until the answer to what was just typed is shown (past the debounce, nothing in flight). */
async function settled(page: Page) {
  await page.waitForTimeout(300);
  await page.locator('#search-results[aria-busy="false"]').waitFor({ state: 'attached', timeout: FIRST_ANSWER_MS });
  await page
    .locator('#search-message')
    .filter({ hasText: /results?$|^No matches/ })
    .waitFor({ timeout: FIRST_ANSWER_MS });
}

async function worksheetCodes(page: Page): Promise<string[]> {
  return page.locator('#tabpanel-worksheet .worksheet-list .entry-code').allTextContents();
}

describe('side panel search in real Chromium', () => {
  let session: ExtensionSession;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    session = await launchExtension();
    page = await openExtensionPage(session, 'sidepanel.html');
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setViewportSize({ width: 420, height: 900 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('opens with the search box focused and the date of service and setting visible', async () => {
    await page.locator('#search-input').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    expect(await page.locator('#date-of-service').isVisible()).toBe(true);
    expect(await page.locator('#care-setting').isVisible()).toBe(true);
    await waitForCodesets(page);
  });

  it('finds E11.65 for "diab hyperg"; arrows and Enter add it to the worksheet', async () => {
    await search(page, 'diab hyperg');
    const e1165 = page.locator('[role="listbox"] [role="option"]').filter({ has: page.locator('.result-code', { hasText: /^E11\.65$/ }) });
    await e1165.first().waitFor({ timeout: FIRST_ANSWER_MS });
    const codes = await resultCodes(page);
    const index = codes.indexOf('E11.65');
    expect(index).toBeGreaterThanOrEqual(0);
    expect(await e1165.first().locator('mark').count()).toBeGreaterThan(0);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'sidepanel-search.png'), fullPage: true });

    for (let i = 0; i <= index; i++) await page.keyboard.press('ArrowDown');
    const activeId = await page.locator('#search-input').getAttribute('aria-activedescendant');
    expect(activeId).toBe(await e1165.first().getAttribute('id'));
    expect(await e1165.first().getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.getByText(/Added E11\.65 to the worksheet/).waitFor();
    expect(await worksheetCodes(page)).toEqual(['E11.65']);
  });

  it('opens the detail of S72.001 and builds S72.001A', async () => {
    await search(page, 'S72.001');
    const s72001 = page
      .locator('[role="listbox"] [role="option"]')
      .filter({ has: page.locator('.result-code', { hasText: /^S72\.001$/ }) });
    await s72001.first().waitFor({ timeout: FIRST_ANSWER_MS });
    await s72001.first().click();

    const detail = page.getByRole('region', { name: /S72\.001/ });
    await detail.getByRole('heading', { level: 2 }).waitFor();
    await detail.getByText('Needs more characters').first().waitFor();
    const notes = detail.getByRole('region', { name: 'Notes' });
    await notes.getByText(/Tabular notes from FY2021/).waitFor();
    expect(await notes.locator('h4').allTextContents()).toEqual(expect.arrayContaining(['Excludes1', 'Excludes2']));

    const builder = detail.getByRole('region', { name: '7th character' });
    await builder.getByRole('radio', { name: /^A initial encounter for closed fracture/ }).check();
    expect(await builder.getByTestId('built-code').textContent()).toBe('S72.001A');
    await builder.getByText('Billable').waitFor();
    await builder.getByRole('button', { name: 'Add S72.001A to worksheet' }).click();
    await page.getByText(/Added S72\.001A to the worksheet/).waitFor();
    expect(await worksheetCodes(page)).toEqual(['E11.65', 'S72.001A']);
    // From the top: a full-page shot draws the sticky context bar where the page is scrolled to.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: resolve(SCREENSHOTS, 'sidepanel-detail.png'), fullPage: true });
  });

  it('shows the worksheet tab with both codes', async () => {
    await page.getByRole('tab', { name: /Worksheet/ }).click();
    expect(await page.getByRole('region', { name: 'Worksheet' }).isVisible()).toBe(true);
    expect(await worksheetCodes(page)).toEqual(['E11.65', 'S72.001A']);
    await page.getByRole('tab', { name: 'Search' }).click();
  });

  it('keeps hostile text as text: no element injected, no dialog, a sensible message', async () => {
    // Escape leaves the detail; the search box takes the keys again.
    await page.getByRole('tab', { name: 'Search' }).click();
    await page.locator('#search-input').focus();
    await page.keyboard.press('Escape');
    for (const text of ['<img src=x onerror=alert(1)>', "'; DROP TABLE codes; --", '.*+?^$' + '{}()|[]\\', '🤒🩺💉']) {
      await search(page, text);
      await settled(page);
    }
    await page.locator('#search-input').fill('x'.repeat(10_000));
    await settled(page);
    expect(await page.locator('#search-message').textContent()).toMatch(/^No matches for “x+…”\.$|results?$/);
    expect(await page.locator('img, script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('looks right in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await search(page, 'diab hyperg');
    await page.locator('[role="listbox"] [role="option"]').first().waitFor({ timeout: FIRST_ANSWER_MS });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'sidepanel-search-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('made no network request from any extension context', () => {
    const remote = session.requests.filter((r) => /^(https?|wss?):/.test(r.url()));
    expect(remote.map((r) => r.url())).toEqual([]);
  });
});
