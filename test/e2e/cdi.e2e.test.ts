/**
 * Issue 6 in real Chromium with the built extension: on an EHR-like page with an AKI picture the side
 * panel's CDI tab shows the opportunity with the creatinine values cited, the draft passes the linter,
 * copying yields the draft's text, a leading edit blocks copying, the opt-in query log keeps no note
 * text, and an imported CC/MCC list reaches the specialist's impact view (never the query).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openExtensionPage, sendFromPage } from '../../scripts/lib/chromium';
import { useEhrSite } from '../helpers/e2e-session';

const SCREENSHOTS = new URL('../../reports/screenshots/', import.meta.url).pathname;

describe('CDI in the side panel, in real Chromium', () => {
  const ehr = useEhrSite();

  it('shows the AKI opportunity with the creatinine values, a draft that passes the linter, and copies exactly it', async () => {
    const page = await ehr.session.context.newPage();
    await page.goto(ehr.server.url('cdi/progress-note.html'));
    const panel = await openExtensionPage(ehr.session, 'sidepanel.html');
    await panel.setViewportSize({ width: 440, height: 1400 });
    // Headless Chromium cannot grant clipboard access to an extension origin: capture what is written.
    await panel.evaluate(() => {
      const w = window as unknown as { __copied: string[] };
      w.__copied = [];
      navigator.clipboard.writeText = async (text: string) => {
        w.__copied.push(text);
      };
    });
    const copied = () => panel.evaluate(() => (window as unknown as { __copied: string[] }).__copied);

    // The note reads as inpatient (hospital day, progress note, inpatient): the panel proposes it, the coder accepts.
    await panel.locator('#tab-suggestions').click();
    await panel.getByRole('button', { name: 'Use inpatient' }).click({ timeout: 60_000 });
    expect(await panel.locator('#care-setting').inputValue()).toBe('inpatient');

    await panel.locator('#tab-cdi').click();
    const cdi = panel.locator('#tabpanel-cdi');
    const opportunity = cdi.locator('.cdi-opportunity', { hasText: 'Creatinine change meeting KDIGO criteria' });
    await opportunity.waitFor({ timeout: 60_000 });
    // Pneumonia with creatinine 2.6 also raises a Sepsis-3 query (renal SOFA 2); the kidney one is chosen here.
    await opportunity.getByRole('button').click();
    await expect.poll(async () => (await cdi.locator('#cdi-detail-heading').textContent()) ?? '').toContain('Creatinine change');

    // The cited indicators: the creatinine values from the note, with where they were found.
    const indicators = (await cdi.locator('.cdi-indicators').textContent()) ?? '';
    expect(indicators).toContain('Creatinine 2.6 mg/dL');
    expect(indicators).toMatch(/0\.9/);
    expect(indicators).toMatch(/1\.4/);
    expect(indicators).not.toContain('HIDDEN PANEL');
    // KDIGO criteria with their source.
    expect((await cdi.locator('.cdi-criteria').textContent()) ?? '').toContain('KDIGO');

    // The draft passes the linter, and "Copy query" copies the editor's text, unchanged.
    await expect.poll(async () => (await cdi.locator('#cdi-lint-status').textContent()) ?? '').toBe('The linter found no problems.');
    const draft = await cdi.locator('#cdi-query').inputValue();
    expect(draft).toContain('Creatinine 2.6 mg/dL');
    expect(draft).toContain('Other (please specify)');
    expect(draft).toContain('Clinically undetermined');
    expect(draft).not.toMatch(/\b(DRG|MCC|HCC|reimburse)/i);
    await cdi.getByRole('button', { name: 'Copy query' }).click();
    await expect.poll(copied).toEqual([draft]);
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-cdi.png'), fullPage: true });

    // A leading edit: the linter reports it and copying is blocked.
    await cdi.locator('#cdi-query').fill(draft.replace('Question:', 'Question: Please document acute kidney injury.'));
    await expect.poll(async () => (await cdi.locator('.cdi-findings').textContent()) ?? '').toContain('Leading wording');
    expect(await cdi.getByRole('button', { name: 'Copy query' }).getAttribute('aria-disabled')).toBe('true');
    // aria-disabled (not disabled) so the button stays focusable and says why: a click is still delivered.
    await cdi.getByRole('button', { name: 'Copy query' }).click({ force: true });
    await expect.poll(async () => (await panel.locator('.announcement').textContent()) ?? '').toContain('Copying is blocked');
    expect(await copied()).toEqual([draft]);
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-cdi-lint.png'), fullPage: true });

    // Restore, then log the query (opt-in); the log holds no note text.
    await cdi.getByRole('button', { name: 'Restore the draft' }).click();
    expect(await cdi.locator('#cdi-query').inputValue()).toBe(draft);
    expect(await cdi.getByRole('button', { name: 'Add to query log' }).count()).toBe(0);
    await cdi.getByLabel(/Keep a local query log/).check();
    await cdi.getByRole('button', { name: 'Add to query log' }).click();
    const status = cdi.locator('.cdi-log-table select');
    await status.waitFor();
    await status.selectOption('sent');
    await expect.poll(async () => JSON.stringify(await sendFromPage(panel, 'cdi/log', {}))).toContain('"status":"sent"');
    const log = JSON.stringify(await sendFromPage(panel, 'cdi/log', {}));
    expect(log).toContain('"enabled":true');
    for (const noteText of ['ceftriaxone', '2.6', 'SAMPLE', 'Rosa', 'lisinopril']) expect(log).not.toContain(noteText);
  });

  it('imports a CC/MCC list on the options page; the impact view shows it, the query never does', async () => {
    const options = await openExtensionPage(ehr.session, 'options.html');
    const file = join(ehr.session.profileDir, 'cc-mcc.csv');
    writeFileSync(file, 'code,cc_mcc\nN17.9,CC\nN17.0,MCC\n');
    await options.locator('#cc-mcc-file').setInputFiles(file);
    await options.getByRole('button', { name: 'Import CC/MCC list' }).click();
    await expect.poll(async () => (await options.locator('#cc-mcc-current').textContent()) ?? '').toContain('2 codes from cc-mcc.csv');

    // A bad file names its line and leaves the list as it was.
    const bad = join(ehr.session.profileDir, 'cc-mcc-bad.csv');
    writeFileSync(bad, 'code,cc_mcc\nN17.9,CC\nnot-a-code,MCC\n');
    await options.locator('#cc-mcc-file').setInputFiles(bad);
    await options.getByRole('button', { name: 'Import CC/MCC list' }).click();
    await expect.poll(async () => (await options.locator('#cc-mcc-message').textContent()) ?? '').toContain('line 3');
    expect((await options.locator('#cc-mcc-current').textContent()) ?? '').toContain('2 codes from cc-mcc.csv');

    const panel = await openExtensionPage(ehr.session, 'sidepanel.html');
    await panel.setViewportSize({ width: 440, height: 1400 });
    await panel.locator('#tab-cdi').click();
    const cdi = panel.locator('#tabpanel-cdi');
    const aki = cdi.locator('.cdi-opportunity', { hasText: 'Creatinine change' });
    await aki.waitFor({ timeout: 60_000 });
    await aki.getByRole('button').click();
    const impact = cdi.locator('.cdi-impact');
    await impact.locator('summary').click();
    const impactText = (await impact.textContent()) ?? '';
    expect(impactText).toContain('CC/MCC from cc-mcc.csv');
    expect(impactText).toMatch(/N17\.0\s*.*MCC/s);
    const query = await cdi.locator('#cdi-query').inputValue();
    expect(query).not.toMatch(/\bM?CC\b|HCC/);
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-cdi-impact.png'), fullPage: true });
    // Dark mode: the lint status keeps a readable pair of colours.
    await panel.emulateMedia({ colorScheme: 'dark' });
    const colours = await cdi
      .locator('#cdi-lint-status')
      .evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
    expect(colours[0]).not.toBe(colours[1]);
    expect(await panel.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe('rgb(255, 255, 255)');
    await panel.screenshot({ path: join(SCREENSHOTS, 'sidepanel-cdi-dark.png'), fullPage: true });
  });
});
