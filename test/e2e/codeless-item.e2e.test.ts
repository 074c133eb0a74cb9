/**
 * A term with no code, in real Chromium with the built extension: an EHR-like admission note says
 * "urosepsis" with SIRS signs. ICD-10-CM has no code for urosepsis (Guidelines I.C.1.d.1.a.ii: a
 * nonspecific term, query the provider), so the side panel lists it as not coded with "Query the
 * provider", a Dismiss button and no Accept, Context or validity badge; neither the keyboard's accept
 * (a) nor Dismiss puts anything on the worksheet; the CDI tab offers the sepsis query; and the same
 * note pasted into the panel gives the same card.
 */
import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openExtensionPage } from '../../scripts/lib/chromium';
import { violations } from '../helpers/axe';
import { useEhrSite } from '../helpers/e2e-session';

/** Where to save screenshots to look at (CODELESS_SCREENSHOTS=/tmp/dir); none are kept in the repository. */
const SHOTS = process.env.CODELESS_SCREENSHOTS;

const QUERY_NEEDED = 'Query the provider: this term has no code to accept.';

/** The same synthetic note as the page, as a coder would paste it. */
const PASTED = [
  'Assessment and Plan:',
  '1. Urosepsis: temperature 38.9 C, heart rate 118, respiratory rate 26, WBC 17.8. Start ceftriaxone.',
].join('\n');

const announced = (panel: Page) => async () => (await panel.locator('.announcement').textContent()) ?? '';

describe('a code-less "query the provider" item, in real Chromium', () => {
  const ehr = useEhrSite();

  it('shows the urosepsis card, refuses it on the worksheet, dismisses it, and the CDI tab drafts the sepsis query', async () => {
    const page = await ehr.session.context.newPage();
    await page.goto(ehr.server.url('cdi/urosepsis-admission.html'));
    const panel = await openExtensionPage(ehr.session, 'sidepanel.html');
    await panel.setViewportSize({ width: 420, height: 1200 });
    const shot = async (name: string) => {
      if (SHOTS) await panel.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
    };

    // The note reads as inpatient (admission note, hospital day 1): the coder accepts the proposed setting.
    await panel.locator('#tab-suggestions').click();
    await panel.getByRole('button', { name: 'Use inpatient' }).click({ timeout: 60_000 });
    const suggestions = panel.locator('#tabpanel-suggestions');
    // The ▸ before the group's name is aria-hidden: the button's name starts with "Not coded".
    await suggestions.getByRole('button', { name: /^Not coded/ }).click({ timeout: 60_000 });
    const card = suggestions.locator('li.suggestion.status-not-coded', { hasText: 'Urosepsis: no code' });
    await card.waitFor({ timeout: 60_000 });
    await expect.poll(async () => await panel.locator('#analysis-status').isHidden()).toBe(true);
    await shot('codeless-card');

    // The card: a dash for the code, the system badge and no validity badge, the query line and Dismiss only.
    expect((await card.locator('.suggestion-code').textContent())?.trim()).toBe('—');
    expect(await card.locator('.badge').allTextContents()).toEqual(['ICD-10-CM']);
    expect(await card.locator('.query-needed').textContent()).toBe(QUERY_NEEDED);
    expect((await card.locator('.suggestion-reason').textContent()) ?? '').toContain('I.C.1.d.1.a.ii');
    expect(await card.getByRole('button', { name: /^(Accept|Reject)/ }).count()).toBe(0);
    expect(await card.getByLabel(/^Context of/).count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Dismiss Urosepsis: no code' }).count()).toBe(1);
    // WCAG 2.1 A/AA on the open Not coded group with the card, light and dark.
    for (const colorScheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme });
      expect(await violations(panel), colorScheme).toEqual([]);
      if (SHOTS) await card.screenshot({ path: `${SHOTS}/codeless-card-${colorScheme}.png` });
    }
    await panel.emulateMedia({ colorScheme: 'light' });

    // Its evidence still points into the page: the term is highlighted where the provider wrote it.
    await card.getByRole('button', { name: 'Show in the note: “Urosepsis”' }).click();
    await expect
      .poll(() =>
        page.evaluate(() => {
          const registry = (globalThis as unknown as { CSS: { highlights: Map<string, Set<Range>> } }).CSS.highlights;
          return [...registry.values()].flatMap((h) => [...h].map((r) => r.toString()));
        }),
      )
      .toEqual(['Urosepsis']);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/codeless-page.png` });

    // The keyboard's accept on the card: refused, with the reason; nothing on the worksheet.
    await card.focus();
    await panel.keyboard.press('a');
    await expect.poll(announced(panel)).toBe('“Urosepsis: no code” has no code to accept: query the provider for the condition meant.');
    expect((await panel.locator('#tab-worksheet').textContent())?.trim()).toBe('Worksheet');

    // Dismiss: the card goes, the panel names what was dismissed, and the worksheet still holds nothing.
    await card.getByRole('button', { name: /^Dismiss/ }).click();
    await expect.poll(() => card.count()).toBe(0);
    expect(await announced(panel)()).toBe('Dismissed “Urosepsis: no code”. Press u or choose Undo to bring it back.');
    expect(await suggestions.locator('.undo-bar').textContent()).toContain('Dismissed “Urosepsis: no code”.');
    await shot('codeless-dismissed');
    await panel.locator('#tab-worksheet').click();
    expect((await panel.locator('#tab-worksheet').textContent())?.trim()).toBe('Worksheet');
    expect((await panel.locator('#tabpanel-worksheet').textContent()) ?? '').toContain('No codes yet');

    // The CDI tab: the urosepsis opportunity, the SIRS signs cited, a sepsis clarification query that passes the linter.
    await panel.locator('#tab-cdi').click();
    const cdi = panel.locator('#tabpanel-cdi');
    const opportunity = cdi.locator('.cdi-opportunity', { hasText: '"Urosepsis" documented' });
    await opportunity.waitFor({ timeout: 60_000 });
    await opportunity.getByRole('button').click();
    await expect.poll(async () => (await cdi.locator('#cdi-detail-heading').textContent()) ?? '').toContain('Urosepsis');
    const indicators = (await cdi.locator('.cdi-indicators').textContent()) ?? '';
    for (const sign of ['Temperature 38.9', 'Heart rate 118', 'Respiratory rate 26', 'WBC 17.8']) expect(indicators).toContain(sign);
    await expect.poll(async () => (await cdi.locator('#cdi-lint-status').textContent()) ?? '').toBe('The linter found no problems.');
    const draft = await cdi.locator('#cdi-query').inputValue();
    expect(draft).toContain('Sepsis (please specify the source');
    expect(draft).toContain('Localized infection without sepsis');
    expect(draft).toContain('Clinically undetermined');
    await shot('codeless-cdi');
    if (SHOTS) writeFileSync(`${SHOTS}/codeless-draft.txt`, draft);
    await panel.close();
    await page.close();
  });

  it("fits Chrome's narrowest side panel (320px): every tab and the card in view, no sideways scrolling", async () => {
    const page = await ehr.session.context.newPage();
    await page.goto(ehr.server.url('cdi/urosepsis-admission.html'));
    const panel = await openExtensionPage(ehr.session, 'sidepanel.html');
    await panel.setViewportSize({ width: 320, height: 900 });
    await panel.locator('#tab-suggestions').click();
    const suggestions = panel.locator('#tabpanel-suggestions');
    const toggle = suggestions.getByRole('button', { name: /^Not coded/ });
    await toggle.waitFor({ timeout: 60_000 });
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    await suggestions.locator('li.suggestion.status-not-coded', { hasText: 'Urosepsis: no code' }).waitFor({ timeout: 60_000 });
    // A count on the Worksheet tab makes the row wider still.
    await suggestions
      .locator('li.suggestion')
      .first()
      .getByRole('button', { name: /^Accept/ })
      .click();
    await expect.poll(async () => (await panel.locator('#tab-worksheet').textContent()) ?? '').toMatch(/\(1\)/);
    const layout = await panel.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      tabsRight: [...document.querySelectorAll('[role="tab"]')].map((t) => t.getBoundingClientRect().right),
      cardRight: document.querySelector('li.suggestion.status-not-coded')?.getBoundingClientRect().right ?? Number.NaN,
    }));
    expect(layout.scrollWidth).toBe(layout.clientWidth);
    for (const right of layout.tabsRight) expect(right).toBeLessThanOrEqual(layout.clientWidth);
    expect(layout.cardRight).toBeLessThanOrEqual(layout.clientWidth);
    if (SHOTS) await panel.screenshot({ path: `${SHOTS}/codeless-320.png` });
    await panel.close();
    await page.close();
  });

  it('gives the same card for a note pasted over the page', async () => {
    const page = await ehr.session.context.newPage();
    await page.goto(ehr.server.url('cdi/urosepsis-admission.html'));
    const panel = await openExtensionPage(ehr.session, 'sidepanel.html');
    await panel.setViewportSize({ width: 420, height: 1200 });
    await panel.locator('#tab-suggestions').click();
    const suggestions = panel.locator('#tabpanel-suggestions');
    // The page's note is shown first, the paste box closed behind "Paste a note instead". (With no note in
    // any tab the box is already open: a click on its summary would close it.)
    await expect
      .poll(async () => (await suggestions.locator('.source-line').textContent()) ?? '', { timeout: 60_000 })
      .toContain('Note in the page');
    const paste = suggestions.locator('details.paste-details');
    await paste.locator('summary', { hasText: 'Paste a note instead' }).click();
    await paste.getByLabel('Paste the note text').fill(PASTED);
    await paste.getByRole('button', { name: 'Analyze' }).click();
    await expect
      .poll(async () => (await suggestions.locator('.source-line').textContent()) ?? '', { timeout: 60_000 })
      .toContain('Pasted text');
    await suggestions.getByRole('button', { name: /^Not coded/ }).click();
    const card = suggestions.locator('li.suggestion.status-not-coded', { hasText: 'Urosepsis: no code' });
    await card.waitFor({ timeout: 60_000 });
    expect(await card.locator('.query-needed').textContent()).toBe(QUERY_NEEDED);
    await panel.close();
    await page.close();
  });
});
