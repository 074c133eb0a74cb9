/**
 * Firefox: the toolbar button grants activeTab (through action.onClicked, as in Chrome), so the
 * sidebar can see the site of the tab it was opened on and offers "Read notes on <origin>" for a site
 * never enabled, without the "tabs" permission. In real headless Firefox ESR over WebDriver BiDi
 * (`npx wxt build -b firefox --mv3` first); the toolbar click is Firefox's own triggerAction
 * (scripts/lib/firefox.ts), the sidebar read through `extension.getViews` from an add-on page.
 */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EhrServer, startEhrServer } from '../../scripts/lib/ehr-server';
import { evaluate, FIREFOX, type FirefoxSession, launchFirefox, openAddonPage, triggerToolbarAction, waitFor } from '../../scripts/lib/firefox';

describe('the Firefox sidebar offers to read the site of the tab it was opened on', () => {
  let server: EhrServer;
  let session: FirefoxSession;
  let options: string;

  beforeAll(async () => {
    if (!existsSync(FIREFOX)) throw new Error(`Firefox ESR is not installed at ${FIREFOX}: run "npm run setup".`);
    server = await startEhrServer();
    session = await launchFirefox(undefined, { 'extensions.webextOptionalPermissionPrompts': false });
    options = await openAddonPage(session, 'options.html', { width: 1000, height: 800 });
  });
  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  /** The URLs of the EHR server's tabs the add-on can see. */
  const visibleEhrUrls = () =>
    evaluate(
      session,
      options,
      async (origin: string) =>
        (await (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<Array<{ url?: string }>> } } }).browser.tabs.query({}))
          .map((t) => t.url ?? '')
          .filter((u) => u.startsWith(origin)),
      server.origin,
    );

  it('sees no EHR tab URL before the toolbar click, then offers that tab’s origin in the sidebar after it', async () => {
    const { context: ehrTab } = await session.bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' });
    await session.bidi.send('browsingContext.navigate', { context: ehrTab, url: server.url('demo/discharge-summary.html'), wait: 'complete' });
    await session.bidi.send('browsingContext.activate', { context: ehrTab });
    expect(await visibleEhrUrls()).toEqual([]);

    // The sidebar is open since install: the first click closes it, the second opens it on the EHR tab.
    const isOpen = () =>
      evaluate(session, options, () =>
        (globalThis as unknown as { browser: { sidebarAction: { isOpen(q: object): Promise<boolean> } } }).browser.sidebarAction.isOpen({}),
      );
    if (await isOpen()) {
      expect(await triggerToolbarAction(session)).toBe('triggered');
      await waitFor(session, options, 'the sidebar closed', 10_000, async () =>
        !(await (globalThis as unknown as { browser: { sidebarAction: { isOpen(q: object): Promise<boolean> } } }).browser.sidebarAction.isOpen({})),
      );
    }
    expect(await triggerToolbarAction(session)).toBe('triggered');
    // activeTab: the URL of that one tab is visible now (only its origin is kept by the panel).
    expect(await visibleEhrUrls()).toEqual([server.url('demo/discharge-summary.html')]);

    const offer = await waitFor(
      session,
      options,
      'the sidebar offering to read the EHR site',
      30_000,
      (label: string) => {
        const view = (globalThis as unknown as { browser: { extension: { getViews(q: object): Window[] } } }).browser.extension.getViews({
          type: 'sidebar',
        })[0];
        const button = [...(view?.document.querySelectorAll('#tabpanel-suggestions button') ?? [])].find((b) => b.textContent === label);
        return button ? button.textContent : null;
      },
      `Read notes on ${server.origin}`,
    );
    expect(offer).toBe(`Read notes on ${server.origin}`);
  });
});
