/**
 * Chrome: the toolbar button opens the real side panel through action.onClicked, which grants activeTab
 * for the clicked tab, so the panel sees that tab's site and offers "Read notes on <origin>" for a site
 * never enabled, without the "tabs" permission or any host access. The click is the DevTools protocol's
 * `Extensions.triggerAction` (scripts/lib/chromium.ts), the same path as a user's click.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clickToolbarButton,
  evaluateInSidePanel,
  type ExtensionSession,
  launchExtension,
  openExtensionPage,
  waitForCodesets,
} from '../../scripts/lib/chromium';
import { type EhrServer, startEhrServer } from '../../scripts/lib/ehr-server';

describe('the Chrome side panel offers to read the site of the tab its toolbar button was clicked on', () => {
  let server: EhrServer;
  let session: ExtensionSession;
  let ehrPage: Page;

  beforeAll(async () => {
    server = await startEhrServer();
    session = await launchExtension(undefined, { toolbarAction: true });
    const options = await openExtensionPage(session, 'options.html');
    await waitForCodesets(options);
    await options.close();
    ehrPage = await session.context.newPage();
    await ehrPage.goto(server.url('demo/discharge-summary.html'));
    await ehrPage.bringToFront();
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  /** The URLs of the EHR server's tabs the extension can see. */
  const visibleEhrUrls = () =>
    session.worker.evaluate(
      async (origin) =>
        (await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ url?: string }>> } } }).chrome.tabs.query({}))
          .map((t) => t.url ?? '')
          .filter((u) => u.startsWith(origin)),
      server.origin,
    );

  it('sees no EHR tab URL and has no panel open before the click', async () => {
    expect(await visibleEhrUrls()).toEqual([]);
    expect(await evaluateInSidePanel(session, 'document.title')).toBeUndefined();
  });

  it('after the click: the tab’s URL is visible (activeTab), the panel is open and offers that origin', async () => {
    await clickToolbarButton(session, ehrPage);
    await expect.poll(visibleEhrUrls).toEqual([server.url('demo/discharge-summary.html')]);
    const offer = `Read notes on ${server.origin}`;
    // A button of the Suggestions tab (the panel has no note from this tab: the site is not enabled).
    const offeredButtons = async () =>
      (await evaluateInSidePanel(
        session,
        `[...document.querySelectorAll('#tabpanel-suggestions button')].map((b) => b.textContent.trim())`,
      )) as string[] | undefined;
    await expect.poll(offeredButtons, { timeout: 30_000 }).toContain(offer);
  });
});
