/**
 * Launch Debian's Firefox ESR with the built Firefox add-on, driven over WebDriver BiDi (Firefox's
 * own Remote Agent: playwright-core cannot drive a stock Firefox). A small typed client: launch,
 * command/response by id, evaluate in a page, type, screenshot, close. Used by the Firefox e2e smoke test.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv3');
/** The moz-extension:// host the profile gives the add-on (set in user.js before launch). */
export const FIREFOX_EXTENSION_UUID = '0c0de0c0-de00-4c0d-8c0d-0000c0dec0de';

/** A quiet headless profile: no updates, telemetry, first-run pages or experiments. */
const PREFS: Record<string, string | number | boolean> = {
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.page': 0,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'browser.newtabpage.enabled': false,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'extensions.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  // Page and add-on console errors and uncaught exceptions go to stdout, where FirefoxSession.errors reads them.
  'devtools.console.stdout.content': true,
  'app.normandy.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  // Firefox's own background traffic, off from the start (the Remote Agent's recommended prefs come too
  // late for some): remote settings, media plugin (GMP) updates, push, region and location lookups.
  // Quiet, the recording proxy (startRecordingProxy) sees only what pages and add-ons ask for.
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'security.remote_settings.intermediates.enabled': false,
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-manager.url': 'data:,',
  'dom.push.connection.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'geo.provider.network.url': '',
  'app.normandy.api_url': '',
  'extensions.systemAddon.update.enabled': false,
  'extensions.getAddons.discovery.api_url': 'data:, ',
  'browser.topsites.contile.enabled': false,
};

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
  method: string;
}

/** One WebDriver BiDi connection: commands are matched to their responses by id; events go to listeners. */
export class BiDi {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(method: string, params: unknown) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const message = JSON.parse(String(raw)) as {
        id?: number;
        type: 'success' | 'error' | 'event';
        result?: unknown;
        error?: string;
        message?: string;
        method?: string;
        params?: unknown;
      };
      if (message.type === 'event' && message.method) {
        for (const listener of this.listeners) listener(message.method, message.params);
        return;
      }
      const waiting = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiting || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.type === 'success') waiting.resolve(message.result);
      else waiting.reject(new Error(`BiDi ${waiting.method}: ${message.error}: ${message.message}`));
    });
    socket.on('close', () => {
      for (const waiting of this.pending.values()) waiting.reject(new Error(`BiDi ${waiting.method}: connection closed`));
      this.pending.clear();
    });
  }

  static async connect(url: string): Promise<BiDi> {
    const socket = new WebSocket(url);
    await new Promise<void>((ok, fail) => {
      socket.once('open', ok);
      socket.once('error', fail);
    });
    return new BiDi(socket);
  }

  send<T = Record<string, unknown>>(method: string, params: object = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((ok, fail) => {
      this.pending.set(id, { resolve: ok as (value: unknown) => void, reject: fail, method });
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  on(listener: (method: string, params: unknown) => void): void {
    this.listeners.add(listener);
  }

  close(): void {
    this.socket.close();
  }
}

/** A request Firefox reported over BiDi (network.beforeRequestSent). */
export interface SeenRequest {
  url: string;
  /** The browsing context that made it (null: none BiDi knows). */
  context: string | null;
}

export interface FirefoxSession {
  bidi: BiDi;
  /**
   * Every request BiDi's network.beforeRequestSent reported, subscribed for all contexts right after
   * the session starts (before the add-on is installed). It covers tabs, including add-on pages opened
   * in tabs, but not the add-on's background page: Firefox reports no event for it (a request from the
   * background reaches the server unreported). The recording proxy (startRecordingProxy) covers that.
   */
  requests: SeenRequest[];
  /** The add-on id Firefox reports for the temporary install. */
  addonId: string;
  /** moz-extension://<uuid>/ */
  baseUrl: string;
  /**
   * Uncaught errors and console.error calls in the add-on's pages and background, as Firefox prints
   * them (devtools.console.stdout.content): BiDi's log events do not cover moz-extension:// contexts.
   */
  errors: string[];
  profileDir: string;
  close(): Promise<void>;
}

function userJs(geckoId: string, extraPrefs: Record<string, string | number | boolean>): string {
  const prefs: Record<string, string | number | boolean> = {
    ...PREFS,
    ...extraPrefs,
    'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: FIREFOX_EXTENSION_UUID }),
  };
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}

/** Firefox's stdout and stderr, line by line: everything kept for error messages, the add-on's errors picked out. */
function watchOutput(child: ChildProcess, errors: string[]): { output: () => string; address: Promise<string> } {
  let output = '';
  let partial = '';
  const address = new Promise<string>((ok, fail) => {
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const lines = (partial + String(chunk)).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        const listening = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(line);
        if (listening?.[1]) ok(listening[1]);
        if (line.startsWith(`JavaScript error: moz-extension://${FIREFOX_EXTENSION_UUID}/`) || line.startsWith('console.error: "')) {
          errors.push(line);
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => fail(new Error(`Firefox exited (${code}) before listening:\n${output}`)));
  });
  return { output: () => output, address };
}

/**
 * Start headless Firefox ESR on a fresh profile and install the built add-on temporarily (unsigned).
 * `extraPrefs` go into the profile's user.js too (e.g. `proxyPrefs(...)`, or
 * 'extensions.webextOptionalPermissionPrompts': false to grant `permissions.request` without a prompt).
 */
export async function launchFirefox(
  extensionDir = FIREFOX_EXTENSION_DIR,
  extraPrefs: Record<string, string | number | boolean> = {},
): Promise<FirefoxSession> {
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: run "npm run setup" (it installs Debian's firefox-esr).`);
  const manifestPath = join(extensionDir, 'manifest.json');
  if (!existsSync(manifestPath)) throw new Error(`No built Firefox add-on at ${extensionDir}: run "npm run build".`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const geckoId = manifest.browser_specific_settings?.gecko?.id;
  if (!geckoId) throw new Error(`${manifestPath} has no browser_specific_settings.gecko.id: the moz-extension:// UUID cannot be fixed.`);

  const profileDir = mkdtempSync(join(tmpdir(), 'chartcode-firefox-'));
  writeFileSync(join(profileDir, 'user.js'), userJs(geckoId, extraPrefs));
  // --remote-allow-system-access: since Firefox 153 the Remote Agent navigates to moz-extension:// only with it.
  const args = ['--headless', '--no-remote', '--profile', profileDir, '--remote-debugging-port', '0', '--remote-allow-system-access'];
  const child = spawn(FIREFOX, args, { stdio: ['ignore', 'pipe', 'pipe'], env: {
      ...process.env,
      MOZ_CRASHREPORTER_DISABLE: '1',
      // Release builds ignore services.settings.server (above) without it, and poll Mozilla's remote settings.
      MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
    },
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(timer);
    }
    rmSync(profileDir, { recursive: true, force: true });
  };

  const errors: string[] = [];
  const watched = watchOutput(child, errors);
  let bidi: BiDi | undefined;
  try {
    const address = await Promise.race([
      watched.address,
      new Promise<never>((_, fail) =>
        setTimeout(() => fail(new Error(`Firefox printed no BiDi address in 60 s:\n${watched.output()}`)), 60_000).unref(),
      ),
    ]);
    bidi = await BiDi.connect(`${address}/session`);
    await bidi.send('session.new', { capabilities: {} });
    const requests: SeenRequest[] = [];
    bidi.on((method, params) => {
      if (method !== 'network.beforeRequestSent') return;
      const event = params as { context?: string | null; request?: { url?: string } };
      requests.push({ url: String(event.request?.url ?? ''), context: event.context ?? null });
    });
    await bidi.send('session.subscribe', { events: ['network.beforeRequestSent'] });
    const installed = await bidi.send<{ extension: string }>('webExtension.install', {
      extensionData: { type: 'path', path: resolve(extensionDir) },
    });
    const connection = bidi;
    return {
      bidi,
      requests,
      addonId: installed.extension,
      baseUrl: `moz-extension://${FIREFOX_EXTENSION_UUID}/`,
      errors,
      profileDir,
      close: async () => {
        // browser.close ends the session and quits Firefox; the kill is the fallback.
        await Promise.race([connection.send('browser.close').catch(() => undefined), exited]);
        connection.close();
        await stop();
      },
    };
  } catch (error) {
    bidi?.close();
    await stop();
    throw error;
  }
}

/** Open an add-on page (sidepanel.html, options.html) in a new tab; resolves when it has loaded. */
export async function openAddonPage(session: FirefoxSession, path: string, viewport?: { width: number; height: number }): Promise<string> {
  const { context } = await session.bidi.send<{ context: string }>('browsingContext.create', { type: 'tab' });
  if (viewport) await session.bidi.send('browsingContext.setViewport', { context, viewport });
  await session.bidi.send('browsingContext.navigate', { context, url: session.baseUrl + path, wait: 'complete' });
  return context;
}

/**
 * Run a function in a page and return its (JSON-serialisable) result. The function is sent as source
 * text: it must not close over anything; pass what it needs as JSON arguments.
 */
export async function evaluate<T, A extends unknown[] = []>(
  session: FirefoxSession,
  context: string,
  fn: (...args: A) => T | Promise<T>,
  ...args: A
): Promise<T> {
  const reply = await session.bidi.send<{
    type: 'success' | 'exception';
    result?: { type: string; value?: unknown };
    exceptionDetails?: { text: string };
  }>('script.evaluate', {
    expression: `(async () => JSON.stringify(await (${fn.toString()})(...${JSON.stringify(args)}) ?? null))()`,
    target: { context },
    awaitPromise: true,
  });
  if (reply.type === 'exception') throw new Error(`In the page: ${reply.exceptionDetails?.text}`);
  return JSON.parse(String(reply.result?.value)) as T;
}

/** Poll a page function until it returns something truthy; fail with the last value seen. */
export async function waitFor<T, A extends unknown[] = []>(
  session: FirefoxSession,
  context: string,
  what: string,
  timeoutMs: number,
  fn: (...args: A) => T | Promise<T>,
  ...args: A
): Promise<NonNullable<T>> {
  const start = Date.now();
  let last: T | string | undefined;
  for (;;) {
    try {
      const value = await evaluate(session, context, fn, ...args);
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      // A window being replaced (the sidebar page reloading as it opens) is briefly a "dead object"
      // to other pages of the add-on: that is the state being waited out, not a failure.
      if (!String(error).includes("can't access dead object")) throw error;
      last = String(error);
    }
    if (Date.now() - start > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

/** Type text with real key events into whatever has focus in the page. */
export async function typeText(session: FirefoxSession, context: string, text: string): Promise<void> {
  const actions = [...text].flatMap((value) => [
    { type: 'keyDown', value },
    { type: 'keyUp', value },
  ]);
  await session.bidi.send('input.performActions', { context, actions: [{ type: 'key', id: 'keyboard', actions }] });
}

/** A PNG of the page as the user would see it. */
export async function screenshot(session: FirefoxSession, context: string, path: string): Promise<void> {
  const { data } = await session.bidi.send<{ data: string }>('browsingContext.captureScreenshot', { context });
  writeFileSync(path, Buffer.from(data, 'base64'));
}

/** A local HTTP proxy that answers nothing (502) and records every request sent through it. */
export interface RecordingProxy {
  port: number;
  /** "GET http://host/path" for plain HTTP, "CONNECT host:443" for HTTPS and secure WebSockets. */
  seen: string[];
  close(): Promise<void>;
}

export async function startRecordingProxy(): Promise<RecordingProxy> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(502).end();
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.destroy();
  });
  const port = await new Promise<number>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port));
  });
  return {
    port,
    seen,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * Prefs that send all of Firefox's HTTP(S) and WebSocket traffic, from every process and context
 * (the add-on's background page included), through the proxy, except 127.0.0.1 and localhost, which
 * Firefox never proxies (network.proxy.allow_hijacking_localhost is false).
 */
export function proxyPrefs(proxy: RecordingProxy): Record<string, string | number | boolean> {
  return {
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxy.port,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxy.port,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': false,
  };
}

/** A real mouse click (pointer events) in the middle of the first element matching a selector. */
export async function click(session: FirefoxSession, context: string, selector: string): Promise<void> {
  const box = await evaluate(
    session,
    context,
    (s: string) => {
      const element = document.querySelector(s);
      if (!element) return null;
      element.scrollIntoView({ block: 'center' });
      const r = element.getBoundingClientRect();
      return { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + r.height / 2) };
    },
    selector,
  );
  if (!box) throw new Error(`Nothing to click: no ${selector} in the page.`);
  await session.bidi.send('input.performActions', {
    context,
    actions: [
      {
        type: 'pointer',
        id: 'mouse',
        actions: [{ type: 'pointerMove', x: box.x, y: box.y }, { type: 'pointerDown', button: 0 }, { type: 'pointerUp', button: 0 }],
      },
    ],
  });
}

/**
 * Enable Chartcode on an origin the way a user does, in Firefox. From an add-on page (a tab), a real
 * click (BiDi pointer actions: Firefox grants `permissions.request` only while handling user input)
 * on a button the test adds runs `permissions.request` for the host, then sends 'ehr/enable-site',
 * whose handler registers the content script. A headless browser cannot click the permission prompt:
 * launch with 'extensions.webextOptionalPermissionPrompts': false, and Firefox grants without one.
 */
export async function enableSite(
  session: FirefoxSession,
  context: string,
  origin: string,
): Promise<{ granted: boolean; reply?: { ok: boolean; data?: { origins: string[]; injectedTabs: number }; error?: string }; error?: string }> {
  const pattern = `${new URL(origin).protocol}//${new URL(origin).hostname}/*`;
  await evaluate(
    session,
    context,
    (p: string, o: string) => {
      const w = window as unknown as { __enabled?: unknown };
      delete w.__enabled;
      document.getElementById('test-enable-site')?.remove();
      const button = document.createElement('button');
      button.id = 'test-enable-site';
      button.textContent = 'Enable site (test)';
      button.style.cssText = 'position:fixed;top:0;left:0;width:200px;height:60px;z-index:2147483647';
      const api = (
        globalThis as unknown as {
          browser: {
            permissions: { request(q: { origins: string[] }): Promise<boolean> };
            runtime: { sendMessage(m: unknown): Promise<unknown> };
          };
        }
      ).browser;
      button.addEventListener('click', () => {
        api.permissions.request({ origins: [p] }).then(
          async (granted) => {
            w.__enabled = { granted, reply: granted ? await api.runtime.sendMessage({ type: 'ehr/enable-site', payload: { origin: o } }) : undefined };
          },
          (error: Error) => {
            w.__enabled = { granted: false, error: String(error?.message ?? error) };
          },
        );
      });
      document.body.append(button);
      return true;
    },
    pattern,
    origin,
  );
  await click(session, context, '#test-enable-site');
  const outcome = await waitFor(session, context, `the site ${origin} enabled`, 15_000, () => {
    const w = window as unknown as { __enabled?: unknown };
    return w.__enabled ?? null;
  });
  await evaluate(session, context, () => document.getElementById('test-enable-site')?.remove() ?? null);
  return outcome as Awaited<ReturnType<typeof enableSite>>;
}

/** A browsing context in the browser's own (chrome) windows, as BiDi lists them with system access. */
interface ChromeContext {
  context: string;
  url: string;
  'moz:name'?: string;
  children?: ChromeContext[] | null;
}

/** The chrome context of Firefox's sidebar (webext-panels.xhtml, named "sidebar"), if the sidebar is open. */
export async function sidebarContext(session: FirefoxSession): Promise<string | undefined> {
  const { contexts } = await session.bidi.send<{ contexts: ChromeContext[] }>('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const all = (list: ChromeContext[]): ChromeContext[] => list.flatMap((c) => [c, ...all(c.children ?? [])]);
  return all(contexts).find((c) => c['moz:name'] === 'sidebar' && c.url.endsWith('/webext-panels.xhtml'))?.context;
}

/** The URL the add-on sidebar shows, read from its chrome document (its <browser>). */
export async function sidebarUrl(session: FirefoxSession, sidebar: string): Promise<string> {
  return evaluate(
    session,
    sidebar,
    () => (document.querySelector('browser') as unknown as { currentURI?: { spec: string } } | null)?.currentURI?.spec ?? '',
  );
}

/**
 * A PNG of what the add-on sidebar shows. BiDi's captureScreenshot refuses chrome contexts, so the
 * sidebar's chrome document draws its <browser> (WindowGlobalParent.drawSnapshot) and sends it back.
 */
export async function screenshotSidebar(session: FirefoxSession, sidebar: string, path: string): Promise<void> {
  const data = await evaluate(session, sidebar, async () => {
    const browser = document.querySelector('browser') as unknown as {
      browsingContext: { currentWindowGlobal: { drawSnapshot(rect: null, scale: number, color: string): Promise<ImageBitmap> } };
    };
    const bitmap = await browser.browsingContext.currentWindowGlobal.drawSnapshot(null, 1, 'white');
    const canvas = document.createElementNS('http://www.w3.org/1999/xhtml', 'canvas') as HTMLCanvasElement;
    canvas.width = bitmap.width;
    canvas.height = bitmap.height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
    return canvas.toDataURL('image/png');
  });
  writeFileSync(path, Buffer.from(data.slice(data.indexOf(',') + 1), 'base64'));
}

/** The browser window's own (chrome) browsing context, where the toolbar and the sidebar box live. */
async function browserWindowContext(session: FirefoxSession): Promise<ChromeContext> {
  const { contexts } = await session.bidi.send<{ contexts: ChromeContext[] }>('browsingContext.getTree', { 'moz:scope': 'chrome' });
  const browserWindow = contexts.find((c) => c.url === 'chrome://browser/content/browser.xhtml');
  if (!browserWindow) throw new Error('BiDi lists no browser window');
  return browserWindow;
}

/** Set the sidebar's width in the browser window (its #sidebar-box); returns the width it took. */
export async function resizeSidebar(session: FirefoxSession, width: number): Promise<number> {
  const browserWindow = await browserWindowContext(session);
  return evaluate(
    session,
    browserWindow.context,
    (px: number) => {
      const box = document.getElementById('sidebar-box');
      if (!box) return 0;
      box.style.width = `${px}px`;
      return Math.round(box.getBoundingClientRect().width);
    },
    width,
  );
}

/**
 * Do what a click on the add-on's toolbar button (or its _execute_action shortcut) does: Firefox's
 * own browserAction.triggerAction in the browser window, which fires action.onClicked in the add-on
 * (no popup is declared). BiDi cannot click the browser's toolbar; this runs the same path from there.
 */
export async function triggerToolbarAction(session: FirefoxSession): Promise<string> {
  const browserWindow = await browserWindowContext(session);
  return evaluate(
    session,
    browserWindow.context,
    (id: string) => {
      const chrome = globalThis as unknown as {
        ChromeUtils: { importESModule(url: string): Record<string, unknown> };
        WebExtensionPolicy: { getByID(id: string): { extension: unknown } | null };
      };
      const { ExtensionParent } = chrome.ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs') as {
        ExtensionParent: { apiManager: { global: { browserActionFor(e: unknown): { triggerAction(w: Window): void } | undefined } } };
      };
      const extension = chrome.WebExtensionPolicy.getByID(id)?.extension;
      const action = extension ? ExtensionParent.apiManager.global.browserActionFor(extension) : undefined;
      if (!action) return 'no toolbar action';
      action.triggerAction(window);
      return 'triggered';
    },
    session.addonId,
  );
}
