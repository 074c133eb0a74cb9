/**
 * The background side of EHR reading: handlers for the 'ehr/*' requests of extension pages, the
 * content-script path for 'ehr/snapshot', and an in-memory store of the latest snapshot per tab and
 * frame. Note text stays in memory here; nothing is written to storage but the enabled origins.
 *
 * background.ts wires it (see `registerEhr`): it merges `handlers` into its own, and hands messages
 * from content scripts (senders with a tab, not the extension's pages) to `handleContentMessage`.
 */
import type { WxtBrowser } from 'wxt/browser';
import {
  type ContentResponseMap,
  type EhrRequestType,
  type EhrSnapshot,
  type EhrSnapshotRecord,
  type EhrSnapshotSummary,
  type Handlers,
  parseContentRequest,
  parseReadReply,
  type TabResponseMap,
} from '../messaging';
import { enabledContentSender, type SenderLike } from './sender';
import {
  CONTENT_SCRIPT_FILE,
  disableSite,
  enableSite,
  injectIntoOpenTabs,
  readEnabledOrigins,
  SITES_STORAGE_KEY,
  type SitesApi,
  siteOrigin,
  syncRegistration,
} from './sites';

export type EhrHandlers = Pick<Handlers, EhrRequestType>;

export interface EhrServiceDeps {
  ownId: string;
  sites: SitesApi;
  tabs: { sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown> };
  /** A snapshot with new text arrived (from a content script or an 'ehr/read'): analyse it here. */
  onSnapshot?: (record: EhrSnapshotRecord) => void;
  /** Send an event to the extension's pages ('ehr/changed'). */
  broadcast?: (event: { type: 'ehr/changed'; payload: EhrSnapshotSummary }) => void;
  now?: () => number;
}

/** Most tabs kept at once (a 2,000,000-character snapshot each at worst). */
export const MAX_TABS = 12;

export type ContentReply = { ok: true; data: ContentResponseMap['ehr/snapshot'] } | { ok: false; error: string };

export function summary(record: EhrSnapshotRecord): EhrSnapshotSummary {
  const s = record.snapshot;
  return {
    tabId: record.tabId,
    frameId: record.frameId,
    hash: s.hash,
    adapter: s.adapter,
    mode: s.mode,
    length: s.text.length,
    truncated: s.truncated,
    origin: s.origin,
  };
}

/** The latest snapshot per tab and frame, in memory only. */
export class SnapshotStore {
  private readonly tabs = new Map<number, Map<number, EhrSnapshotRecord>>();

  get(tabId: number, frameId: number): EhrSnapshotRecord | undefined {
    return this.tabs.get(tabId)?.get(frameId);
  }

  /** Store a record; false when the tab and frame already hold this hash. */
  put(record: EhrSnapshotRecord): boolean {
    const frames = this.tabs.get(record.tabId) ?? new Map<number, EhrSnapshotRecord>();
    if (frames.get(record.frameId)?.snapshot.hash === record.snapshot.hash) return false;
    frames.set(record.frameId, record);
    this.tabs.delete(record.tabId);
    this.tabs.set(record.tabId, frames);
    while (this.tabs.size > MAX_TABS) {
      const oldest = this.tabs.keys().next().value;
      if (oldest === undefined) break;
      this.tabs.delete(oldest);
    }
    return true;
  }

  list(tabId?: number): EhrSnapshotRecord[] {
    const out: EhrSnapshotRecord[] = [];
    for (const [id, frames] of this.tabs) if (tabId === undefined || id === tabId) out.push(...frames.values());
    return out;
  }

  forgetTab(tabId: number): void {
    this.tabs.delete(tabId);
  }

  forgetOrigin(origin: string): void {
    for (const frames of this.tabs.values()) for (const [frameId, r] of frames) if (r.snapshot.origin === origin) frames.delete(frameId);
  }
}

export interface EhrService {
  handlers: EhrHandlers;
  /** Cheap first check for the message listener: our id, from a web page in a tab. */
  isContentScriptSender(sender: SenderLike): boolean;
  /** A message from a content script: sender check against the enabled origins, validation, store. */
  handleContentMessage(message: unknown, sender: SenderLike): Promise<ContentReply>;
  /** Re-read the enabled origins (after storage changed elsewhere) and fix the registration. */
  refresh(): Promise<string[]>;
  /**
   * The snapshots of a tab (or of every tab) whose origin is enabled in storage now: what the panel's
   * requests are answered from. Storage is read afresh, not the cached list: a panel re-reads the tab
   * when the stored list changes, which is before a disabling has forgotten the site's snapshots.
   */
  notes(tabId?: number): Promise<EhrSnapshotRecord[]>;
  store: SnapshotStore;
}

export function createEhrService(deps: EhrServiceDeps): EhrService {
  const store = new SnapshotStore();
  const now = deps.now ?? (() => Date.now());
  let enabled: Promise<string[]> | undefined;
  const enabledOrigins = () => {
    enabled ??= readEnabledOrigins(deps.sites.storage).catch(() => []);
    return enabled;
  };
  const setEnabled = (origins: string[]) => {
    enabled = Promise.resolve(origins);
    return origins;
  };

  const accept = (record: EhrSnapshotRecord): boolean => {
    const changed = store.put(record);
    if (changed) {
      try {
        deps.onSnapshot?.(record);
      } catch {
        // The analysis reports its own errors; the snapshot is kept.
      }
      deps.broadcast?.({ type: 'ehr/changed', payload: summary(record) });
    }
    return changed;
  };

  const askTab = async (tabId: number, frameId: number, message: unknown): Promise<unknown> => {
    let reply: unknown;
    try {
      reply = await deps.tabs.sendMessage(tabId, message, { frameId });
    } catch {
      throw new Error('No reader in that tab: enable the site for it, or reload the page.');
    }
    const r = reply as { ok?: boolean; data?: unknown; error?: string } | undefined;
    if (!r || typeof r !== 'object') throw new Error('No reader in that tab: enable the site for it, or reload the page.');
    if (r.ok !== true) throw new Error(typeof r.error === 'string' ? r.error.slice(0, 200) : 'The reader failed.');
    return r.data;
  };

  const notes = async (tabId?: number): Promise<EhrSnapshotRecord[]> => {
    const origins = new Set(await readEnabledOrigins(deps.sites.storage).catch(() => []));
    return store.list(tabId).filter((r) => origins.has(r.snapshot.origin));
  };

  const handlers: EhrHandlers = {
    'ehr/sites': async () => ({ origins: await enabledOrigins() }),
    'ehr/enable-site': async ({ origin }) => {
      const origins = setEnabled(await enableSite(deps.sites, origin));
      const injectedTabs = await injectIntoOpenTabs(deps.sites, origin);
      return { origins, injectedTabs };
    },
    'ehr/disable-site': async ({ origin }) => {
      const origins = setEnabled(await disableSite(deps.sites, origin));
      const clean = siteOrigin(origin);
      if (clean) store.forgetOrigin(clean);
      return { origins };
    },
    'ehr/read': async ({ tabId, frameId, mode }) => {
      const frame = frameId ?? 0;
      let data: unknown;
      try {
        data = await askTab(tabId, frame, { type: 'ehr/read', payload: { mode } });
      } catch {
        return { reason: 'no-reader' as const };
      }
      const reply = parseReadReply(data);
      if (!reply) throw new Error('The reader sent a malformed snapshot.');
      if (!reply.snapshot) return { reason: reply.reason ?? 'no-selection' };
      if (!(await enabledOrigins()).includes(reply.snapshot.origin)) return { reason: 'no-reader' as const };
      const record: EhrSnapshotRecord = { tabId, frameId: frame, receivedAt: now(), snapshot: { ...reply.snapshot, frameId: frame } };
      accept(record);
      return { snapshot: summary(record) };
    },
    'ehr/highlight': async ({ tabId, frameId, hash, spans, scroll }) => {
      const data = (await askTab(tabId, frameId ?? 0, { type: 'ehr/highlight', payload: { hash, spans, scroll } })) as
        | Partial<TabResponseMap['ehr/highlight']>
        | undefined;
      const highlighted = typeof data?.highlighted === 'number' && Number.isInteger(data.highlighted) ? Math.max(0, data.highlighted) : 0;
      return { highlighted, stale: data?.stale === true };
    },
    'ehr/snapshots': ({ tabId }) => notes(tabId),
  };

  return {
    handlers,
    store,
    notes,
    isContentScriptSender: (sender) =>
      sender.id === deps.ownId && Boolean(sender.tab) && typeof sender.url === 'string' && /^https?:/.test(sender.url),
    async handleContentMessage(message, sender) {
      try {
        if (sender.id !== deps.ownId) return { ok: false, error: 'Unknown sender.' };
        const from = enabledContentSender(sender, deps.ownId, await enabledOrigins());
        // Our own reader on a site that is no longer enabled: tell it to stop.
        if (!from) return { ok: true, data: { accepted: false, changed: false } };
        const parsed = parseContentRequest(message);
        if (!parsed.ok) return { ok: false, error: parsed.error };
        const snapshot: EhrSnapshot = parsed.request.payload;
        if (snapshot.origin !== from.origin) return { ok: false, error: 'The snapshot names another origin than its frame.' };
        const changed = accept({
          tabId: from.tabId,
          frameId: from.frameId,
          receivedAt: now(),
          snapshot: { ...snapshot, frameId: from.frameId },
        });
        return { ok: true, data: { accepted: true, changed } };
      } catch (err) {
        return { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
    },
    async refresh() {
      enabled = undefined;
      const origins = setEnabled(await syncRegistration(deps.sites));
      // Access revoked in the browser's settings: the note text of a site no longer read is not kept.
      for (const record of store.list()) if (!origins.includes(record.snapshot.origin)) store.forgetOrigin(record.snapshot.origin);
      return origins;
    },
  };
}

/**
 * Build the service on the real `browser`, listen for tabs closing or navigating (their snapshots
 * are dropped), for permissions revoked in the browser's settings and for changes of the enabled
 * list, and bring the registration in line with storage (every worker wake).
 */
export function registerEhr(browser: WxtBrowser, options: Pick<EhrServiceDeps, 'onSnapshot'> = {}): EhrService {
  const sites: SitesApi = {
    storage: browser.storage.local as SitesApi['storage'],
    permissions: browser.permissions,
    scripting: {
      registerContentScripts: (scripts) => browser.scripting.registerContentScripts(scripts),
      unregisterContentScripts: (filter) => browser.scripting.unregisterContentScripts(filter),
      getRegisteredContentScripts: (filter) => browser.scripting.getRegisteredContentScripts(filter),
      executeScript: ({ target }) => browser.scripting.executeScript({ target, files: [`/${CONTENT_SCRIPT_FILE}` as const] }),
    },
    tabs: { query: (query) => browser.tabs.query(query) },
  };
  const service = createEhrService({
    ownId: browser.runtime.id,
    sites,
    tabs: { sendMessage: (tabId, message, opts) => browser.tabs.sendMessage(tabId, message, opts) },
    onSnapshot: options.onSnapshot,
    // Nobody listening (no panel open) is normal.
    broadcast: (event) => void browser.runtime.sendMessage(event).catch(() => {}),
  });
  browser.tabs.onRemoved.addListener((tabId) => service.store.forgetTab(tabId));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    if (change.status === 'loading') service.store.forgetTab(tabId);
  });
  browser.permissions.onRemoved.addListener(() => void service.refresh().catch(() => {}));
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SITES_STORAGE_KEY in changes) void service.refresh().catch(() => {});
  });
  void service.refresh().catch(() => {});
  return service;
}
