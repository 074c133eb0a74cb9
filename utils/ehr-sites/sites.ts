/**
 * Enabling and disabling sites. Nothing is read on a site until the user enables it:
 *
 * 1. An extension page (side panel or options), in the click handler, calls `requestSiteAccess`
 *    (`permissions.request` for the optional host permission; browsers require a user gesture).
 * 2. It sends 'ehr/enable-site'; the background calls `enableSite`, which checks the permission,
 *    stores the origin (storage.local: origins only, never note text) and registers the content
 *    script for the enabled origins with `scripting.registerContentScripts`.
 * 3. 'ehr/disable-site' → `disableSite`: the origin is dropped, the script re-registered without it
 *    (unregistered when none is left), and the host permission given back. Readers already running
 *    in open pages watch the stored list and stop (content.ts).
 *
 * Match patterns cannot name a port in Firefox, so the script is registered per host; the reader
 * checks the exact origin (scheme, host and port) against the stored list before it reads anything.
 *
 * Tests: a headless browser cannot click the permission prompt, so the end-to-end test grants the
 * host from chrome://extensions (what the user's "Allow" does) and then runs this same path: the
 * extension page's `permissions.request` (granted without a prompt) and 'ehr/enable-site'.
 */
import * as v from 'valibot';

export const SITES_STORAGE_KEY = 'ehrSites';
export const CONTENT_SCRIPT_ID = 'chartcode-ehr';
/** Where WXT writes entrypoints/ehr.content/ in the build. */
export const CONTENT_SCRIPT_FILE = 'content-scripts/ehr.js';
export const MAX_SITES = 200;

const originSchema = v.pipe(v.string(), v.maxLength(300), v.regex(/^https?:\/\/[^/?#@\s]+$/));
const storedSites = v.strictObject({ version: v.literal(1), origins: v.pipe(v.array(originSchema), v.maxLength(MAX_SITES)) });

/** An http(s) URL or origin typed by the user → its origin; undefined for anything else. */
export function siteOrigin(input: string): string | undefined {
  try {
    const url = new URL(input.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    if (url.username || url.password || !url.hostname) return undefined;
    return url.origin;
  } catch {
    return undefined;
  }
}

/** The host permission / match pattern for an origin: every port of that host (see the note above). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

/** The enabled origins from a stored value; anything malformed counts as none. */
export function enabledOriginsFrom(value: unknown): string[] {
  const parsed = v.safeParse(storedSites, value);
  return parsed.success ? [...new Set(parsed.output.origins)] : [];
}

export interface StorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

export interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
  request?(permissions: { origins: string[] }): Promise<boolean>;
}

export interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  allFrames?: boolean;
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  persistAcrossSessions?: boolean;
}

/** What `registerContentScripts` takes: a registration with its script files. */
export type ScriptRegistration = RegisteredScript & { js: string[] };

export interface ScriptingApi {
  registerContentScripts(scripts: ScriptRegistration[]): Promise<void>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<void>;
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<RegisteredScript[]>;
  executeScript?(injection: { target: { tabId: number; allFrames?: boolean }; files: string[] }): Promise<unknown>;
}

export interface TabsQueryApi {
  query(query: { url?: string | string[] }): Promise<Array<{ id?: number; url?: string }>>;
}

export interface SitesApi {
  storage: StorageArea;
  permissions: PermissionsApi;
  scripting: ScriptingApi;
  tabs?: TabsQueryApi;
}

export async function readEnabledOrigins(storage: StorageArea): Promise<string[]> {
  const items = await storage.get(SITES_STORAGE_KEY);
  return enabledOriginsFrom(items[SITES_STORAGE_KEY]);
}

async function writeEnabledOrigins(storage: StorageArea, origins: string[]): Promise<void> {
  await storage.set({ [SITES_STORAGE_KEY]: { version: 1, origins: [...new Set(origins)].sort() } });
}

/** The content script registration for these origins (one script, every enabled host). */
export function registration(origins: readonly string[]): ScriptRegistration {
  return {
    id: CONTENT_SCRIPT_ID,
    matches: [...new Set(origins.map(originPattern))].sort(),
    js: [CONTENT_SCRIPT_FILE],
    // Each frame of an enabled origin gets a reader; same-origin child frames stay quiet (their
    // parent reads them), frames of another enabled origin report their own text (content.ts).
    allFrames: true,
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
}

/** From an extension page, inside a click handler: ask for the host permission of one origin. */
export async function requestSiteAccess(permissions: PermissionsApi, origin: string): Promise<boolean> {
  const clean = siteOrigin(origin);
  if (!clean || !permissions.request) return false;
  return permissions.request({ origins: [originPattern(clean)] });
}

// One change at a time: two quick clicks must not interleave their read-modify-write.
let queue: Promise<unknown> = Promise.resolve();
function serial<T>(task: () => Promise<T>): Promise<T> {
  const next = queue.then(task, task);
  queue = next.catch(() => undefined);
  return next;
}

/** Make the registered content script match exactly the stored origins that still have permission. */
export function syncRegistration(api: SitesApi): Promise<string[]> {
  return serial(() => syncNow(api));
}

async function syncNow(api: SitesApi): Promise<string[]> {
  const stored = await readEnabledOrigins(api.storage);
  const kept: string[] = [];
  for (const origin of stored) {
    // The user may have revoked the permission in the browser's own settings.
    if (await api.permissions.contains({ origins: [originPattern(origin)] }).catch(() => false)) kept.push(origin);
  }
  if (kept.length !== stored.length) await writeEnabledOrigins(api.storage, kept);
  const wanted = registration(kept);
  const existing = (await api.scripting.getRegisteredContentScripts({ ids: [CONTENT_SCRIPT_ID] }).catch(() => [])).find(
    (s) => s.id === CONTENT_SCRIPT_ID,
  );
  const same = existing && JSON.stringify([...(existing.matches ?? [])].sort()) === JSON.stringify(wanted.matches);
  if (same && kept.length > 0) return kept;
  if (existing) await api.scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
  if (kept.length > 0) await api.scripting.registerContentScripts([wanted]);
  return kept;
}

export class SiteAccessError extends Error {}

/** Background: enable an origin whose host permission the user has granted. Returns the enabled origins. */
export function enableSite(api: SitesApi, origin: string): Promise<string[]> {
  return serial(async () => {
    const clean = siteOrigin(origin);
    if (!clean) throw new SiteAccessError(`Not a web address: "${origin.slice(0, 100)}".`);
    if (!(await api.permissions.contains({ origins: [originPattern(clean)] }))) {
      throw new SiteAccessError(`Chartcode has no access to ${clean}: allow it when the browser asks, then try again.`);
    }
    const origins = await readEnabledOrigins(api.storage);
    if (!origins.includes(clean)) {
      if (origins.length >= MAX_SITES) throw new SiteAccessError(`At most ${MAX_SITES} sites can be enabled.`);
      await writeEnabledOrigins(api.storage, [...origins, clean]);
    }
    return syncNow(api);
  });
}

/** Background: disable an origin; the host permission goes back when no enabled origin shares it. */
export function disableSite(api: SitesApi, origin: string): Promise<string[]> {
  return serial(async () => {
    const clean = siteOrigin(origin);
    if (!clean) throw new SiteAccessError(`Not a web address: "${origin.slice(0, 100)}".`);
    const origins = (await readEnabledOrigins(api.storage)).filter((o) => o !== clean);
    await writeEnabledOrigins(api.storage, origins);
    const pattern = originPattern(clean);
    if (!origins.some((o) => originPattern(o) === pattern)) await api.permissions.remove({ origins: [pattern] }).catch(() => false);
    return syncNow(api);
  });
}

/**
 * Start the reader in tabs already showing a newly enabled origin (registration only covers pages
 * loaded from now on). The reader checks its own origin, so other ports of the host stay unread.
 */
export async function injectIntoOpenTabs(api: SitesApi, origin: string): Promise<number> {
  const clean = siteOrigin(origin);
  if (!clean || !api.tabs || !api.scripting.executeScript) return 0;
  const tabs = await api.tabs.query({ url: originPattern(clean) }).catch(() => []);
  let injected = 0;
  for (const tab of tabs) {
    if (tab.id === undefined || !tab.url || siteOrigin(tab.url) !== clean) continue;
    try {
      await api.scripting.executeScript({ target: { tabId: tab.id, allFrames: true }, files: [CONTENT_SCRIPT_FILE] });
      injected++;
    } catch {
      // A tab that closed or navigated meanwhile.
    }
  }
  return injected;
}
