/**
 * Launch Debian's Chromium with the built extension (RECIPES.md: real headless Chromium,
 * playwright-core, no browser download). Shared by the e2e tests, the main job and the benchmark.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, type CDPSession, chromium, type Page, type Request, type Worker } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  worker: Worker;
  /** Every request any page or extension context made, in order. */
  requests: Request[];
  profileDir: string;
  close(): Promise<void>;
}

export function newProfileDir(): string {
  return mkdtempSync(join(tmpdir(), 'chartcode-profile-'));
}

/**
 * `toolbarAction: true` lets the test click the extension's toolbar button over the DevTools protocol
 * (`Extensions.triggerAction`, allowed only with --enable-unsafe-extension-debugging); see
 * `clickToolbarButton`.
 */
export async function launchExtension(
  profileDir = newProfileDir(),
  opts: { headless?: boolean; toolbarAction?: boolean } = {},
): Promise<ExtensionSession> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run "npm run setup" (it installs Debian's chromium).`);
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No built extension at ${EXTENSION_DIR}: run "npm run build".`);
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: opts.headless ?? true,
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...(opts.toolbarAction ? ['--enable-unsafe-extension-debugging'] : []),
    ],
  });
  const requests: Request[] = [];
  context.on('request', (r) => requests.push(r));
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId, worker, requests, profileDir, close: () => context.close() };
}

/** Open an extension page (options.html, sidepanel.html) in a tab. */
export async function openExtensionPage(session: ExtensionSession, path: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/${path}`);
  return page;
}

/** Send a protocol message from an extension page, as the options page or side panel would. */
export async function sendFromPage<T = unknown>(page: Page, type: string, payload: object = {}): Promise<T> {
  return page.evaluate(async ([t, p]) => {
    const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome;
    const reply = (await api.runtime.sendMessage({ type: t, payload: p })) as { ok: boolean; data?: unknown; error?: string };
    if (!reply?.ok) throw new Error(reply?.error ?? 'no reply');
    return reply.data;
  }, [type, payload] as const) as Promise<T>;
}

export interface StatusReply {
  state: 'loading' | 'ready' | 'error';
  versions: Array<{ assetId: string; count: number; stats: Record<string, number>; origin: string }>;
  progress?: { done: number; total: number };
  error?: string;
}

/** Poll the background until its code sets are ready (or fail with its error). */
export async function waitForCodesets(page: Page, timeoutMs = 120_000): Promise<StatusReply> {
  const start = Date.now();
  for (;;) {
    const status = await sendFromPage<StatusReply>(page, 'codesets/status').catch(() => undefined);
    if (status?.state === 'ready') return status;
    if (status?.state === 'error') throw new Error(status.error);
    if (Date.now() - start > timeoutMs) throw new Error(`Code sets not ready after ${timeoutMs} ms (last: ${JSON.stringify(status?.progress)})`);
    await page.waitForTimeout(200);
  }
}

/**
 * Enable Chartcode on an origin the way a user does, minus the permission prompt a headless browser
 * cannot click: the host is granted from chrome://extensions (what "Site access → On specific sites"
 * does), then the extension page requests it (granted without a prompt) and sends 'ehr/enable-site'.
 */
export async function enableSite(session: ExtensionSession, extensionPage: Page, origin: string): Promise<void> {
  const pattern = `${new URL(origin).protocol}//${new URL(origin).hostname}/*`;
  const manager = await session.context.newPage();
  await manager.goto('chrome://extensions');
  await manager.evaluate(
    ([id, p]) => (globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(i: string, q: string): Promise<void> } } }).chrome.developerPrivate.addHostPermission(id, p),
    [session.extensionId, pattern] as const,
  );
  await manager.close();
  const granted = await extensionPage.evaluate(
    (p) => (globalThis as unknown as { chrome: { permissions: { request(q: object): Promise<boolean> } } }).chrome.permissions.request({ origins: [p] }),
    pattern,
  );
  if (!granted) throw new Error(`Host permission for ${pattern} was not granted.`);
  await sendFromPage(extensionPage, 'ehr/enable-site', { origin });
}

/** The tab id of an open page, asked from an extension page. */
export async function tabIdOf(extensionPage: Page, page: Page): Promise<number> {
  const url = page.url();
  const id = await extensionPage.evaluate(async (u) => {
    const tabs = await (globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id: number; url?: string }>> } } }).chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id;
  }, url);
  if (id === undefined) throw new Error(`No tab for ${url}`);
  return id;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

async function browserTargets(session: ExtensionSession): Promise<{ cdp: CDPSession; targets: TargetInfo[] }> {
  const browser = session.context.browser();
  if (!browser) throw new Error('No browser-level DevTools session for this context.');
  const cdp = await browser.newBrowserCDPSession();
  // 'tab' targets are listed only when asked for; {} keeps the default types (pages, workers).
  const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }, {}] } as never)) as { targetInfos: TargetInfo[] };
  return { cdp, targets: targetInfos };
}

/**
 * Click the extension's toolbar button on the tab showing `page`, as the user does (the same
 * `action.onClicked`, with its activeTab grant). Needs `launchExtension(…, { toolbarAction: true })`.
 */
export async function clickToolbarButton(session: ExtensionSession, page: Page): Promise<void> {
  const { cdp, targets } = await browserTargets(session);
  try {
    const tab = targets.find((t) => t.type === 'tab' && t.url === page.url());
    if (!tab) throw new Error(`No tab target shows ${page.url()}.`);
    await cdp.send('Extensions.triggerAction' as never, { id: session.extensionId, targetId: tab.targetId } as never);
  } finally {
    await cdp.detach();
  }
}

/**
 * Evaluate an expression in the browser's real side panel (Chrome's, not a tab showing sidepanel.html),
 * which Playwright does not list among the context's pages. Undefined while no panel is open.
 */
export async function evaluateInSidePanel(session: ExtensionSession, expression: string): Promise<unknown> {
  const { cdp, targets } = await browserTargets(session);
  try {
    return await evaluateInTarget(cdp, targets, `chrome-extension://${session.extensionId}/sidepanel.html`, expression);
  } finally {
    // Detached on every path, a throw included, so a failing test leaves no session behind.
    await cdp.detach();
  }
}

async function evaluateInTarget(cdp: CDPSession, targets: TargetInfo[], url: string, expression: string): Promise<unknown> {
  const panel = targets.find((t) => t.type === 'page' && t.url === url);
  if (!panel) return undefined;
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: panel.targetId, flatten: false })) as { sessionId: string };
  const reply = new Promise<{ result?: { result?: { value?: unknown } }; error?: { message: string } }>((done) => {
    cdp.on('Target.receivedMessageFromTarget', (event) => {
      const message = JSON.parse(event.message);
      if (message.id === 1) done(message);
    });
  });
  const call = { id: 1, method: 'Runtime.evaluate', params: { expression, returnByValue: true } };
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify(call) });
  const answer = await reply;
  if (answer.error) throw new Error(answer.error.message);
  return answer.result?.result?.value;
}
