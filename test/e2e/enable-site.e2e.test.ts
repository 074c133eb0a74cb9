/**
 * Enabling an EHR site the way a user does, in real headless Chromium with the built extension: the
 * options page's "EHR sites" section (type the page's address, click Enable), then the side panel shows
 * the page's suggestions; "Stop reading" removes the site, and the panel then offers the way back.
 *
 * The one step a headless browser cannot do is click "Allow" in the permission prompt: it is stood in
 * for by chrome://extensions (`developerPrivate.addHostPermission`, what "Site access → On specific
 * sites" calls), so the page's own `permissions.request` in the click is granted without a prompt.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, openExtensionPage, sendFromPage, waitForCodesets } from '../../scripts/lib/chromium';
import { type EhrServer, startEhrServer } from '../../scripts/lib/ehr-server';
import { violations } from '../helpers/axe';

const SCREENSHOTS = resolve(import.meta.dirname, '../../reports/screenshots');

type ChromeApi = {
  chrome: {
    developerPrivate: { addHostPermission(id: string, pattern: string): Promise<void> };
    permissions: { contains(p: object): Promise<boolean> };
    scripting: { getRegisteredContentScripts(): Promise<Array<{ matches: string[] }>> };
    sidePanel: { getPanelBehavior(): Promise<{ openPanelOnActionClick?: boolean }> };
    runtime: { getManifest(): { permissions?: string[] } };
  };
};

describe('enabling an EHR site from the options page, in real Chromium', () => {
  let server: EhrServer;
  let session: ExtensionSession;
  let options: Page;
  let ehrPage: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startEhrServer();
    session = await launchExtension();
    options = await openExtensionPage(session, 'options.html');
    options.on('pageerror', (e) => pageErrors.push(`options: ${e.message}`));
    await waitForCodesets(options);
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const section = () => options.locator('#ehr-sites');
  const registered = () =>
    session.worker.evaluate(() => (globalThis as unknown as ChromeApi).chrome.scripting.getRegisteredContentScripts());

  it('opens the side panel through action.onClicked, which grants activeTab for the clicked tab', async () => {
    // openPanelOnActionClick would open the panel without onClicked, and so without the activeTab grant
    // that lets the panel offer "Read notes on <origin>" (utils/toolbar/open-panel.ts).
    const wiring = await session.worker.evaluate(async () => {
      const { chrome } = globalThis as unknown as ChromeApi;
      return { behavior: await chrome.sidePanel.getPanelBehavior(), permissions: chrome.runtime.getManifest().permissions ?? [] };
    });
    expect(wiring.behavior.openPanelOnActionClick).toBe(false);
    expect(wiring.permissions).toContain('activeTab');
  });

  it('refuses an address that is not http(s), in the section’s alert', async () => {
    await section().getByText('No site is enabled').waitFor();
    await options.getByLabel('Address of an EHR page').fill('ehr.example.org');
    await section().getByRole('button', { name: 'Enable' }).click();
    await expect.poll(async () => (await section().getByRole('alert').textContent()) ?? '').toContain('starts with https://');
    expect(await options.getByLabel('Address of an EHR page').getAttribute('aria-invalid')).toBe('true');
    expect(await registered()).toEqual([]);
  });

  it('types the EHR page’s address and clicks Enable: the open page is read and the side panel shows its suggestions', async () => {
    ehrPage = await session.context.newPage();
    await ehrPage.goto(server.url('demo/discharge-summary.html'));
    // The user's "Allow" in the browser's prompt (see the file comment).
    const manager = await session.context.newPage();
    await manager.goto('chrome://extensions/');
    await manager.evaluate(
      ([id, pattern]) => (globalThis as unknown as ChromeApi).chrome.developerPrivate.addHostPermission(id, pattern),
      [session.extensionId, 'http://127.0.0.1/*'] as const,
    );
    await manager.close();

    await options.bringToFront();
    // The whole address, with its path: only the origin is kept.
    await options.getByLabel('Address of an EHR page').fill(server.url('demo/discharge-summary.html'));
    await options.getByLabel('Address of an EHR page').press('Enter');
    const status = section().locator('#ehr-sites-message');
    await expect.poll(async () => (await status.textContent()) ?? '', { timeout: 20_000 }).toBe(
      `Chartcode now reads notes on ${server.origin}. Reading started in 1 open tab.`,
    );
    const list = section().getByRole('list', { name: 'Sites Chartcode reads' });
    expect(await list.locator('.site-origin').allTextContents()).toEqual([server.origin]);
    expect(await options.getByLabel('Address of an EHR page').inputValue()).toBe('');
    expect((await registered()).map((s) => s.matches)).toEqual([['http://127.0.0.1/*']]);
    expect(await sendFromPage<{ origins: string[] }>(options, 'ehr/sites')).toEqual({ origins: [server.origin] });
    await options.setViewportSize({ width: 1000, height: 900 });
    await section().screenshot({ path: resolve(SCREENSHOTS, 'options-ehr-sites.png') });
    expect(await violations(options)).toEqual([]);

    const panel = await openExtensionPage(session, 'sidepanel.html');
    panel.on('pageerror', (e) => pageErrors.push(`panel: ${e.message}`));
    await panel.setViewportSize({ width: 420, height: 1000 });
    await panel.locator('#tab-suggestions').click();
    const suggestions = panel.locator('#tabpanel-suggestions');
    await suggestions.locator('li.suggestion', { hasText: 'N17.9' }).first().waitFor({ timeout: 60_000 });
    expect(await suggestions.locator('.source-line').textContent()).toContain(server.origin);
    await panel.screenshot({ path: resolve(SCREENSHOTS, 'sidepanel-enabled-site.png') });
    await panel.close();
  });

  it('"Stop reading" removes the site: unregistered, access given back, and the panel drops the note', async () => {
    const panel = await openExtensionPage(session, 'sidepanel.html');
    panel.on('pageerror', (e) => pageErrors.push(`panel: ${e.message}`));
    await panel.setViewportSize({ width: 420, height: 900 });
    await panel.locator('#tab-suggestions').click();
    await panel.locator('#tabpanel-suggestions li.suggestion').first().waitFor({ timeout: 60_000 });

    await options.bringToFront();
    await section().getByRole('button', { name: `Stop reading ${server.origin}` }).click();
    await expect
      .poll(async () => (await section().locator('#ehr-sites-message').textContent()) ?? '')
      .toBe(`Stopped reading ${server.origin}; its site access was given back to the browser.`);
    expect(await section().getByRole('list', { name: 'Sites Chartcode reads' }).count()).toBe(0);
    await section().getByText('No site is enabled').waitFor();
    expect(await registered()).toEqual([]);
    expect(
      await options.evaluate(() => (globalThis as unknown as ChromeApi).chrome.permissions.contains({ origins: ['http://127.0.0.1/*'] })),
    ).toBe(false);
    await section().screenshot({ path: resolve(SCREENSHOTS, 'options-ehr-sites-stopped.png') });

    // The panel heard the change: no note any more, and (it cannot see the tab's site) the way to the options page.
    const suggestions = panel.locator('#tabpanel-suggestions');
    await suggestions.locator('.empty-reason').waitFor({ timeout: 20_000 });
    expect(await suggestions.locator('li.suggestion').count()).toBe(0);
    const choose = suggestions.getByRole('button', { name: 'Choose the EHR site to read' });
    await choose.waitFor();
    await panel.screenshot({ path: resolve(SCREENSHOTS, 'sidepanel-no-site.png') });
    for (const scheme of ['light', 'dark'] as const) {
      await panel.emulateMedia({ colorScheme: scheme });
      expect(await violations(panel), scheme).toEqual([]);
    }

    const opened = session.context.waitForEvent('page');
    await choose.click();
    const settings = await opened;
    await settings.waitForLoadState();
    expect(settings.url()).toBe(`chrome-extension://${session.extensionId}/options.html#ehr-sites`);
    await expect.poll(() => settings.evaluate(() => document.activeElement?.id)).toBe('ehr-site-address');
    await settings.close();
    await panel.close();
    expect(pageErrors).toEqual([]);
  });
});
