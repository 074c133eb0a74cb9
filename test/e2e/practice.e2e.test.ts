/**
 * Practice mode in real headless Chromium with the built extension: the practice page is opened in a
 * tab, code sets load, a beginner case is chosen with the filters, its answer codes are found with
 * the search and added with the keyboard, the attempt is scored and explained, the progress survives
 * a reload and exports as CSV, and nothing leaves the machine.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, openExtensionPage, waitForCodesets } from '../../scripts/lib/chromium';
import { caseById } from '../../utils/practice/cases';

const SCREENSHOTS = resolve(import.meta.dirname, '../../reports/screenshots');
const DOCS = resolve(import.meta.dirname, '../../docs');
/** The first query after a wake may build the search index, the first analysis its knowledge: allow for it. */
const FIRST_ANSWER_MS = 90_000;

const CASE = caseById('end-01-type2-hyperglycemia');
if (!CASE) throw new Error('case end-01 is missing');

/** Type a query, wait for the code's row, then add it with the keyboard (↓ to it, Enter). */
async function addByKeyboard(page: Page, query: string, display: string) {
  const box = page.locator('#search-input');
  await box.fill('');
  await box.pressSequentially(query, { delay: 15 });
  const option = page
    .locator('[role="listbox"] [role="option"]')
    .filter({ has: page.locator('.result-code', { hasText: new RegExp(`^${display.replace('.', '\\.')}$`) }) });
  try {
    await option.first().waitFor({ timeout: FIRST_ANSWER_MS });
  } catch (err) {
    // An intermittent timeout was seen in two full runs (never alone): say what the page showed.
    await page.screenshot({ path: resolve(SCREENSHOTS, `practice-timeout-${display}.png`) }).catch(() => undefined);
    const seen = {
      query: await box.inputValue(),
      message: await page.locator('#search-message').allTextContents(),
      codes: await page.locator('[role="listbox"] [role="option"] .result-code').allTextContents(),
      busy: await page.locator('#search-results').getAttribute('aria-busy'),
    };
    throw new Error(`${display} not listed for "${query}": ${JSON.stringify(seen)} (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  await page.locator('#search-results[aria-busy="false"]').waitFor({ state: 'attached' });
  const codes = await page.locator('[role="listbox"] [role="option"] .result-code').allTextContents();
  const index = codes.indexOf(display);
  expect(index).toBeGreaterThanOrEqual(0);
  for (let i = 0; i <= index; i++) await box.press('ArrowDown');
  await box.press('Enter');
  await page.getByText(new RegExp(`Added ${display.replace('.', '\\.')} to the worksheet`)).waitFor();
}

const worksheetCodes = (page: Page) => page.locator('.practice-worksheet .worksheet-list .entry-code').allTextContents();

describe('practice mode in real Chromium', () => {
  let session: ExtensionSession;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    session = await launchExtension();
    page = await openExtensionPage(session, 'practice.html');
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.setViewportSize({ width: 1360, height: 1000 });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('lists the cases and waits for the code sets', async () => {
    await page.getByRole('heading', { name: 'Chartcode practice' }).waitFor();
    expect(await page.getByRole('list', { name: 'Cases' }).getByRole('listitem').count()).toBeGreaterThanOrEqual(40);
    await waitForCodesets(page);
  });

  it('picks a beginner case with the filters and codes it with the search', async () => {
    await page.getByRole('combobox', { name: 'Chapter' }).selectOption('endocrine');
    await page.getByRole('combobox', { name: 'Difficulty' }).selectOption('beginner');
    await page.getByRole('button', { name: CASE.title }).click();
    await page.getByRole('heading', { level: 2, name: CASE.title }).waitFor();
    expect(await page.getByTestId('note-text').textContent()).toBe(CASE.note);

    // "/" goes to the search box from anywhere outside a field.
    await page.keyboard.press('/');
    await page.waitForFunction(() => document.activeElement?.id === 'search-input');
    await addByKeyboard(page, 'diab hyperg', 'E11.65');
    await addByKeyboard(page, 'Z79.84', 'Z79.84');
    expect(await worksheetCodes(page)).toEqual(['E11.65', 'Z79.84']);
    await page.getByRole('button', { name: 'Move Z79.84 up' }).click();
    expect(await worksheetCodes(page)).toEqual(['Z79.84', 'E11.65']);
    await page.getByRole('button', { name: 'Move Z79.84 down' }).click();
    expect(await worksheetCodes(page)).toEqual(['E11.65', 'Z79.84']);
  });

  it('submits and sees the score, the explanations and the engine’s list marked as not an answer key', async () => {
    await page.getByRole('button', { name: 'Submit for scoring' }).click();
    await page.getByRole('heading', { name: 'Score: 100/100' }).waitFor({ timeout: FIRST_ANSWER_MS });
    await page.getByText('Score 100/100: 2 exact, 0 category-level, 0 missing, 0 extra.').waitFor();
    await page.getByText('E11.65 is correct: supported by "Type 2 diabetes mellitus with hyperglycemia".').waitFor();
    await page.getByText('E11.65 is correctly listed first as the first-listed diagnosis.').waitFor();
    await page.getByText('Z79.84 correctly follows E11.65.').waitFor();
    // Looked up in the FY2027 code set on the date of service: no "not checked" note.
    expect(await page.getByText(/not checked against a code set/).count()).toBe(0);
    expect(await page.getByRole('table', { name: 'How the score is made' }).isVisible()).toBe(true);

    const note = page.getByTestId('note-text');
    expect(await note.locator('mark').allTextContents()).toEqual([
      'metformin 1000 mg twice daily',
      'Type 2 diabetes mellitus with hyperglycemia',
    ]);
    await page.getByRole('button', { name: 'Show the phrase for Z79.84 in the note' }).click();
    expect(await note.locator('mark.current').textContent()).toBe('metformin 1000 mg twice daily');

    const engine = page.getByRole('region', { name: /Chartcode’s suggestions — not an answer key/ });
    await engine.waitFor();
    // The engine answers (or says it cannot); either way it is never presented as the key.
    await engine
      .getByRole('list', { name: 'Engine suggestions' })
      .or(engine.getByText(/^Engine suggestions unavailable/))
      .or(engine.getByText('The engine has no suggestions for this note.'))
      .first()
      .waitFor({ timeout: FIRST_ANSWER_MS });
    await page.getByRole('list', { name: 'Mentions not coded' }).getByText('The eye exam shows no retinopathy.').waitFor();
  });

  it('codes it again with a less specific code in the wrong order and sees the partial credit explained', async () => {
    await page.getByRole('button', { name: 'Code this case again' }).click();
    expect(await worksheetCodes(page)).toEqual(['E11.65', 'Z79.84']);
    await page.getByRole('button', { name: 'Remove E11.65' }).click();
    await page.keyboard.press('/');
    await addByKeyboard(page, 'E11.9', 'E11.9');
    expect(await worksheetCodes(page)).toEqual(['Z79.84', 'E11.9']);
    await page.getByRole('button', { name: 'Submit for scoring' }).click();

    // Codes 1.5 of 2 (× 80 = 60), sequencing 0 of 2: 60.
    await page.getByRole('heading', { name: 'Score: 60/100' }).waitFor({ timeout: FIRST_ANSWER_MS });
    await page.getByText('Score 60/100: 1 exact, 1 category-level, 0 missing, 0 extra.').waitFor();
    await page.getByText('E11.9 is in the right category (E11) but the key has E11.65 because hyperglycemia is documented.').waitFor();
    await page.getByText('The first-listed diagnosis is E11.65 (I.C.4.a, I.B.9), but Z79.84 is listed first.').waitFor();
    await page.getByText('Z79.84 must be listed after E11.65.').waitFor();
    const breakdown = page.getByRole('table', { name: 'How the score is made' });
    expect(await breakdown.getByRole('row', { name: /Codes \(80%\)/ }).innerText()).toMatch(/1\.5\s+2\s+60 \/ 80/);
    await page.getByRole('button', { name: 'Show the phrase for E11.65 in the note' }).click();
    expect(await page.getByTestId('note-text').locator('mark.current').textContent()).toBe('Type 2 diabetes mellitus with hyperglycemia');
    const engine = page.getByRole('region', { name: /Chartcode’s suggestions — not an answer key/ });
    await engine
      .getByRole('list', { name: 'Engine suggestions' })
      .or(engine.getByText(/^Engine suggestions unavailable/))
      .or(engine.getByText('The engine has no suggestions for this note.'))
      .first()
      .waitFor({ timeout: FIRST_ANSWER_MS });

    // The README's picture: the note beside the score, its explanations, and the engine's list below.
    // Tests do not rewrite tracked files: UPDATE_DOCS=1 copies it into docs/.
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.setViewportSize({ width: 1400, height: 1500 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const shot = resolve(SCREENSHOTS, 'practice.png');
    await page.screenshot({ path: shot });
    if (process.env.UPDATE_DOCS === '1') {
      mkdirSync(DOCS, { recursive: true });
      copyFileSync(shot, resolve(DOCS, 'practice.png'));
    }
    await page.setViewportSize({ width: 1360, height: 1000 });
  });

  it('keeps the attempt across a reload and exports it as CSV', async () => {
    await page.reload();
    const progressTab = page.getByRole('tab', { name: 'Progress (2)' });
    await progressTab.waitFor();
    await progressTab.click();
    await page.getByText('2 attempts, average score 80.').waitFor();
    const chapters = page.getByRole('table', { name: /Scores by chapter/ });
    expect(await chapters.getByRole('row', { name: /Endocrine, nutritional and metabolic diseases/ }).count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^chartcode-practice-progress-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(download.url()).toMatch(/^blob:chrome-extension:\/\//);
    const path = await download.path();
    const lines = readFileSync(path, 'utf8').split('\r\n');
    expect(lines[0]).toBe('attempted_at,case_id,case_title,chapters,setting,difficulty,score,exact,category,missing,extra,codes');
    expect(lines[1]).toMatch(
      new RegExp(`^[^,]+,${CASE.id},${CASE.title},endocrine;factors,outpatient,beginner,100,2,0,0,0,E11.65 Z79.84$`),
    );
    expect(lines[2]).toMatch(new RegExp(`^[^,]+,${CASE.id},${CASE.title},endocrine;factors,outpatient,beginner,60,1,1,0,0,Z79.84 E11.9$`));

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'practice-progress.png') });
  });

  it('looks right in dark mode', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByRole('tab', { name: 'Cases' }).click();
    await page.getByRole('list', { name: 'Cases' }).waitFor();
    await page.screenshot({ path: resolve(SCREENSHOTS, 'practice-cases-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('made no network request from any extension context', () => {
    const remote = session.requests.filter((r) => /^(https?|wss?):/.test(r.url()));
    expect(remote.map((r) => r.url())).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});
