/**
 * The Firefox build on an EHR-like page, in real headless Firefox ESR over WebDriver BiDi
 * (scripts/lib/firefox.ts; `npx wxt build -b firefox --mv3` first): the manifest's sidebar_action
 * and the real Firefox sidebar showing sidepanel.html, toggled by the toolbar button; a site enabled as a user would (a real click,
 * the permission granted without its prompt); the content script reading the demo note served on
 * 127.0.0.1; the sidebar listing the note's suggestions; and no request anywhere but 127.0.0.1 and
 * the add-on's own files, seen two ways: BiDi's network.beforeRequestSent for the whole session
 * (tabs, add-on pages in tabs) and a recording proxy for everything else Firefox sends (the add-on's
 * background page, which BiDi does not report). Fails, not skips, when Firefox is missing.
 *
 * The sidebar is driven without BiDi input: BiDi reaches its chrome document (to read its URL and
 * draw a screenshot) but not the page inside, so the test reads and clicks the sidebar page through
 * `browser.extension.getViews({ type: 'sidebar' })` from the options page (same add-on, same process).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EhrServer, startEhrServer } from '../../scripts/lib/ehr-server';
import {
  enableSite,
  evaluate,
  FIREFOX,
  FIREFOX_EXTENSION_DIR,
  type FirefoxSession,
  launchFirefox,
  openAddonPage,
  proxyPrefs,
  type RecordingProxy,
  resizeSidebar,
  screenshot,
  screenshotSidebar,
  sidebarContext,
  sidebarUrl,
  startRecordingProxy,
  triggerToolbarAction,
  waitFor,
} from '../../scripts/lib/firefox';

const SCREENSHOTS = resolve(import.meta.dirname, '../../reports/screenshots');
/** Canary hosts the test itself asks for at the end, to show each observer sees what it must. */
const CANARY_FROM_PAGE = 'from-page.chartcode-canary.invalid';
const CANARY_FROM_BACKGROUND = 'from-background.chartcode-canary.invalid';

type Browser = {
  runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data?: unknown; error?: string }>; getManifest(): Record<string, unknown> };
};

describe('the Firefox build on an EHR page, in the Firefox sidebar', () => {
  let server: EhrServer;
  let proxy: RecordingProxy;
  let session: FirefoxSession;
  /** options.html in a tab: sends messages and reaches the sidebar page. */
  let options: string;
  let ehrTab: string;

  /** What the sidebar page shows, read from the options page. */
  const sidebarText = () =>
    evaluate(session, options, () => {
      const views = (
        globalThis as unknown as { browser: { extension: { getViews(q: object): Window[] } } }
      ).browser.extension.getViews({ type: 'sidebar' });
      return views[0]?.document.body.innerText ?? '';
    });

  beforeAll(async () => {
    if (!existsSync(FIREFOX))
      throw new Error(`Firefox ESR is not installed at ${FIREFOX}: run "npm run setup" (it installs Debian's firefox-esr).`);
    server = await startEhrServer();
    proxy = await startRecordingProxy();
    session = await launchFirefox(undefined, { 'extensions.webextOptionalPermissionPrompts': false, ...proxyPrefs(proxy) });
    options = await openAddonPage(session, 'options.html', { width: 1000, height: 800 });
  });
  afterAll(async () => {
    await session?.close();
    await proxy?.close();
    await server?.close();
  });

  it('declares sidebar_action with sidepanel.html; the toolbar button toggles the Firefox sidebar showing it', async () => {
    const built = JSON.parse(readFileSync(resolve(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      sidebar_action?: { default_panel?: string };
      side_panel?: unknown;
    };
    expect(built.sidebar_action?.default_panel).toBe('sidepanel.html');
    expect(built.side_panel).toBeUndefined(); // Chrome's key, not Firefox's

    // Firefox opens the sidebar at install (open_at_install defaults to true). The toolbar button
    // toggles it (background.ts: action.onClicked → sidebarAction.toggle): closed, then open again.
    const isOpen = () =>
      evaluate(session, options, () =>
        (globalThis as unknown as { browser: { sidebarAction: { isOpen(q: object): Promise<boolean> } } }).browser.sidebarAction.isOpen({}),
      );
    expect(await isOpen()).toBe(true);
    expect(await triggerToolbarAction(session)).toBe('triggered');
    await waitFor(session, options, 'the sidebar closed by the toolbar button', 10_000, async () =>
      !(await (globalThis as unknown as { browser: { sidebarAction: { isOpen(q: object): Promise<boolean> } } }).browser.sidebarAction.isOpen({})),
    );
    expect(await sidebarContext(session)).toBeUndefined();
    expect(await triggerToolbarAction(session)).toBe('triggered');
    const state = await waitFor(session, options, 'the sidebar open on sidepanel.html', 15_000, async () => {
      const api = (
        globalThis as unknown as {
          browser: {
            sidebarAction: { isOpen(q: object): Promise<boolean>; getPanel(q: object): Promise<string> };
            extension: { getViews(q: object): Window[] };
          };
        }
      ).browser;
      const views = api.extension.getViews({ type: 'sidebar' });
      const view = views[0];
      if (!(await api.sidebarAction.isOpen({})) || !view || view.document.readyState !== 'complete') return null;
      return {
        panel: await api.sidebarAction.getPanel({}),
        views: views.map((w) => w.location.href),
        title: view.document.title,
        tabs: !!view.document.getElementById('tab-suggestions'),
      };
    });
    // getPanel gives the manifest's page, resolved against the add-on's base URL.
    expect(state.panel).toBe(`${session.baseUrl}sidepanel.html`);
    expect(state.views).toEqual([`${session.baseUrl}sidepanel.html`]);
    expect(state.title).toBe('Chartcode');
    expect(state.tabs).toBe(true);
    // The browser's own sidebar (a chrome document) hosts that page.
    const sidebar = await sidebarContext(session);
    if (!sidebar) throw new Error('BiDi lists no Firefox sidebar');
    expect(await sidebarUrl(session, sidebar)).toBe(`${session.baseUrl}sidepanel.html`);
    // For the screenshot: a taller window (headless opens 1366×768) and a sidebar as wide as Chrome's side panel.
    await evaluate(session, options, async () => {
      const windows = (
        globalThis as unknown as {
          browser: { windows: { getCurrent(): Promise<{ id: number }>; update(id: number, u: object): Promise<unknown> } };
        }
      ).browser.windows;
      await windows.update((await windows.getCurrent()).id, { width: 1400, height: 1100 });
      return true;
    });
    expect(await resizeSidebar(session, 420)).toBe(420);
  });

  it('reads the demo note from the 127.0.0.1 page once the user enables the site, and stores none of it', async () => {
    const status = await waitFor(session, options, 'the code sets ready', 120_000, async () => {
      const reply = await (globalThis as unknown as { browser: Browser }).browser.runtime.sendMessage({
        type: 'codesets/status',
        payload: {},
      });
      const data = reply.data as { state?: string; error?: string } | undefined;
      return data?.state === 'ready' || data?.state === 'error' ? data : null;
    });
    expect(status.error).toBeUndefined();

    const enabled = await enableSite(session, options, server.origin);
    expect(enabled.error).toBeUndefined();
    expect(enabled.granted).toBe(true);
    expect(enabled.reply?.ok).toBe(true);
    expect(enabled.reply?.data?.origins).toEqual([server.origin]);
    const registered = await evaluate(session, options, () =>
      (
        globalThis as unknown as { browser: { scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string; matches: string[] }>> } } }
      ).browser.scripting.getRegisteredContentScripts(),
    );
    expect(registered.map((s) => s.matches)).toEqual([['http://127.0.0.1/*']]);

    ({ context: ehrTab } = await session.bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' }));
    await session.bidi.send('browsingContext.setViewport', { context: ehrTab, viewport: { width: 1000, height: 900 } });
    await session.bidi.send('browsingContext.navigate', {
      context: ehrTab,
      url: server.url('demo/discharge-summary.html'),
      wait: 'complete',
    });
    const snapshot = await waitFor(
      session,
      options,
      'a snapshot of the demo note',
      20_000,
      async (origin: string) => {
        const reply = await (globalThis as unknown as { browser: Browser }).browser.runtime.sendMessage({ type: 'ehr/snapshots', payload: {} });
        const records = (reply.data ?? []) as Array<{ frameId: number; snapshot: { origin: string; title: string; text: string } }>;
        const top = records.find((r) => r.frameId === 0 && r.snapshot.origin === origin);
        return top ? { origin: top.snapshot.origin, title: top.snapshot.title, text: top.snapshot.text } : null;
      },
      server.origin,
    );
    expect(snapshot.title).toMatch(/^Discharge Summary/);
    expect(snapshot.text).toMatch(/acute kidney injury/i);

    // The note is kept in memory only: nothing of it in the add-on's storage.
    const stored = await evaluate(session, options, async () => {
      const api = (
        globalThis as unknown as { browser: { storage: { local: { get(k: null): Promise<object> }; session: { get(k: null): Promise<object> } } } }
      ).browser;
      return JSON.stringify([await api.storage.local.get(null), await api.storage.session.get(null)]);
    });
    expect(stored).toContain(server.origin); // the enabled site is stored (an origin, no text)
    expect(stored).not.toMatch(/kidney/i);
  });

  it("the Firefox sidebar lists the page note's suggestions", async () => {
    // The sidebar analyses the tab whose note arrived last: the demo page.
    await evaluate(session, options, () => {
      const view = (globalThis as unknown as { browser: { extension: { getViews(q: object): Window[] } } }).browser.extension.getViews({
        type: 'sidebar',
      })[0];
      (view?.document.getElementById('tab-suggestions') as HTMLButtonElement | null)?.click();
      return view !== undefined;
    });
    const codes = await waitFor(session, options, "the demo note's suggestions in the sidebar", 60_000, () => {
      const view = (globalThis as unknown as { browser: { extension: { getViews(q: object): Window[] } } }).browser.extension.getViews({
        type: 'sidebar',
      })[0];
      const listed = [...(view?.document.querySelectorAll('#tabpanel-suggestions .suggestion:not(.status-not-coded) .suggestion-code') ?? [])].map(
        (e) => (e.textContent ?? '').trim(),
      );
      return listed.includes('E11.65') && listed.includes('N17.9') ? listed : null;
    }).catch(async (error: Error) => {
      throw new Error(`${error.message}\nThe sidebar showed:\n${(await sidebarText()).slice(0, 2_000)}`);
    });
    // The demo: heart-failure exacerbation, T2DM with hyperglycemia, AKI, COPD, history of DVT, family history of colon cancer.
    expect(codes).toEqual(expect.arrayContaining(['E11.65', 'N17.9', 'I50.23', 'Z86.718', 'Z80.0']));
    expect(codes.some((c) => c.startsWith('J44.'))).toBe(true);
    // The negated pulmonary embolism is not among the codes to report.
    expect(codes.some((c) => c.startsWith('I26'))).toBe(false);

    mkdirSync(SCREENSHOTS, { recursive: true });
    const sidebar = await sidebarContext(session);
    if (!sidebar) throw new Error('BiDi lists no Firefox sidebar');
    await screenshotSidebar(session, sidebar, resolve(SCREENSHOTS, 'firefox-sidebar-ehr.png'));
    await screenshot(session, ehrTab, resolve(SCREENSHOTS, 'firefox-ehr-page.png'));
  });

  it('made no request but to 127.0.0.1 and its own files, from its pages (BiDi) or anywhere else (proxy)', async () => {
    // Canaries: a request from an add-on page in a tab (BiDi must report it) and one from the
    // background page (BiDi cannot; the proxy must record it). Both fail: the host does not exist.
    const fromPage = await evaluate(session, options, (url: string) => fetch(url).then(() => 'answered', (e: Error) => e.name), `http://${CANARY_FROM_PAGE}/`);
    const fromBackground = await evaluate(
      session,
      options,
      async (url: string) => {
        const background = (await (
          globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<(Window & typeof globalThis) | null> } } }
        ).browser.runtime.getBackgroundPage()) as (Window & typeof globalThis) | null;
        if (!background) return 'no background page';
        return background.fetch(url).then(
          () => 'answered',
          (e: Error) => e.name,
        );
      },
      `http://${CANARY_FROM_BACKGROUND}/`,
    );
    expect([fromPage, fromBackground]).toEqual(['TypeError', 'TypeError']);
    const isCanary = (text: string) => text.includes('.chartcode-canary.invalid');

    // BiDi, subscribed since the session started: it saw the EHR page and the page canary...
    const urls = session.requests.map((r) => r.url);
    expect(urls).toContain(server.url('demo/discharge-summary.html'));
    expect(urls.some((u) => u.includes(CANARY_FROM_PAGE))).toBe(true);
    // ...and nothing but the fixture servers and the add-on's own or inline resources.
    const allowed = (url: string) =>
      url.startsWith(`${server.origin}/`) ||
      url.startsWith(`${server.otherOrigin}/`) ||
      url.startsWith(session.baseUrl) ||
      /^(data|blob|about):/.test(url);
    expect(urls.filter((u) => !allowed(u) && !isCanary(u))).toEqual([]);

    // The proxy took everything Firefox sent to any host but 127.0.0.1: the background canary, and nothing else.
    expect(proxy.seen.some((line) => line.includes(CANARY_FROM_BACKGROUND))).toBe(true);
    expect(proxy.seen.filter((line) => !isCanary(line))).toEqual([]);
    // The fixture server saw only fixture files.
    expect(server.served.every((s) => s.path === '/favicon.ico' || s.path.startsWith('/demo/'))).toBe(true);
  });

  it("printed no uncaught error or console.error from the add-on's pages or background", () => {
    expect(session.errors).toEqual([]);
  });
});
