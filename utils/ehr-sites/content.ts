/**
 * The reader that runs in an enabled page (entrypoints/ehr.content/ only calls `startReader`).
 *
 * - Checks first that this frame's exact origin is enabled (storage.local), else does nothing.
 * - Frames: a frame whose parent is same-origin stays quiet, because the parent's reader walks into
 *   it; a frame under a cross-origin parent (enabled itself) reports its own text, and the background
 *   keeps it apart by frame id. Cross-origin frames of origins that are not enabled are never read.
 * - Reads with the chosen site adapter, sends an 'ehr/snapshot' when the hash changed, then watches
 *   for changes (live.ts). Selection mode suspends live reading until the next page read.
 * - Answers 'ehr/highlight' and 'ehr/read' from the extension (validated), and stops everything when
 *   the origin is disabled or the extension goes away. Every entry point is wrapped: nothing here
 *   throws into the page.
 */
import { type EhrReadMode, type EhrSnapshot, parseTabRequest, type TabResponseMap } from '../messaging';
import { chooseAdapter, rootsToRead } from './choose';
import { snapshotHash } from './hash';
import { Highlighter } from './highlight';
import { createLiveWatcher, type LiveOptions, type LiveWatcher } from './live';
import { domRanges, sameVisibleText, type TextMap } from './offsets';
import { type ReadOptions, type ReadResult, readVisibleText } from './read';
import { findSelection } from './selection';
import { enabledOriginsFrom, SITES_STORAGE_KEY } from './sites';

type Listener = (message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (reply: unknown) => void) => boolean | undefined;
type StorageListener = (changes: Record<string, { newValue?: unknown }>, area: string) => void;

export interface ContentDeps {
  window: Window;
  document: Document;
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(fn: Listener): void; removeListener(fn: Listener): void };
  };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>> };
    onChanged: { addListener(fn: StorageListener): void; removeListener(fn: StorageListener): void };
  };
  signal?: AbortSignal;
  read?: Partial<ReadOptions>;
  live?: LiveOptions;
}

/** Snapshots whose maps are kept for highlighting: the panel may still show the previous analysis. */
const KEEP_MAPS = 3;

/** Is this frame's parent readable by us (same origin)? Then the parent's reader covers this frame. */
export function coveredByParent(win: Window): boolean {
  try {
    if (win.parent === win || !win.parent) return false;
    return win.parent.location.origin === win.location.origin && Boolean(win.parent.document);
  } catch {
    return false;
  }
}

export class PageReader {
  private readonly maps = new Map<string, { map: TextMap; text: string }>();
  private readonly highlighter = new Highlighter();
  private readonly watcher: LiveWatcher;
  private mode: EhrReadMode = 'page';
  private lastSentHash = '';
  private reading: Promise<EhrSnapshot | undefined> | undefined;
  private again = false;
  private stopped = false;
  private readonly abort = new AbortController();
  private readonly onMessage: Listener;
  private readonly onStorage: StorageListener;

  constructor(
    private readonly deps: ContentDeps,
    private readonly origin: string,
  ) {
    this.watcher = createLiveWatcher(() => {
      if (this.mode === 'page') void this.readPage();
    }, deps.live);
    this.onMessage = (message, sender, sendResponse) => this.handleMessage(message, sender, sendResponse);
    this.onStorage = (changes, area) => {
      try {
        const change = changes[SITES_STORAGE_KEY];
        if (area === 'local' && change && !enabledOriginsFrom(change.newValue).includes(this.origin)) this.stop();
      } catch {
        this.stop();
      }
    };
    deps.runtime.onMessage.addListener(this.onMessage);
    deps.storage.onChanged.addListener(this.onStorage);
    deps.signal?.addEventListener('abort', () => this.stop(), { once: true });
  }

  get isStopped(): boolean {
    return this.stopped;
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.abort.abort();
    this.watcher.stop();
    this.highlighter.clear();
    this.maps.clear();
    try {
      this.deps.runtime.onMessage.removeListener(this.onMessage);
      this.deps.storage.onChanged.removeListener(this.onStorage);
    } catch {
      // The extension is gone (updated or removed); nothing left to remove.
    }
  }

  /** Read the page and send the snapshot if its text changed. Concurrent calls share one read. */
  readPage(options: { resend?: boolean } = {}): Promise<EhrSnapshot | undefined> {
    if (this.stopped) return Promise.resolve(undefined);
    if (this.reading) {
      this.again = true;
      return this.reading;
    }
    this.mode = 'page';
    this.reading = this.readOnce(options.resend ?? false).finally(() => {
      this.reading = undefined;
      if (this.again && !this.stopped) {
        this.again = false;
        void this.readPage();
      }
    });
    return this.reading;
  }

  private async readOnce(resend: boolean): Promise<EhrSnapshot | undefined> {
    try {
      const doc = this.deps.document;
      const { roots, skip, adapter } = rootsToRead(doc, chooseAdapter(doc));
      const result = await readVisibleText(roots, { ...this.deps.read, skip, signal: this.abort.signal });
      if (this.stopped) return undefined;
      this.watcher.observe([doc, ...result.trees.filter((t) => t !== doc)]);
      this.watcher.readTook(result.ms);
      const snapshot = this.snapshot(result, adapter.id, 'page');
      if (resend || snapshot.hash !== this.lastSentHash) await this.send(snapshot);
      return snapshot;
    } catch {
      return undefined;
    }
  }

  /** Read only the user's selection (suspends live page reading). */
  async readSelection(): Promise<EhrSnapshot | undefined> {
    if (this.stopped) return undefined;
    const found = findSelection(this.deps.document);
    if (!found) return undefined;
    const adapter = chooseAdapter(this.deps.document);
    const result = await readVisibleText([found.root], { ...this.deps.read, within: found.range, signal: this.abort.signal });
    this.mode = 'selection';
    return this.snapshot(result, adapter.id, 'selection');
  }

  private snapshot(result: ReadResult, adapter: EhrSnapshot['adapter'], mode: EhrReadMode): EhrSnapshot {
    const hash = snapshotHash(mode, result.text);
    this.maps.delete(hash);
    this.maps.set(hash, { map: result.map, text: result.text });
    while (this.maps.size > KEEP_MAPS) {
      const oldest = this.maps.keys().next().value;
      if (oldest === undefined) break;
      this.maps.delete(oldest);
    }
    let title = '';
    try {
      title = String(this.deps.document.title ?? '').slice(0, 500);
    } catch {
      title = '';
    }
    return {
      origin: this.origin,
      title,
      text: result.text,
      blocks: result.blocks.slice(0, 100_000),
      adapter,
      mode,
      hash,
      truncated: result.truncated,
    };
  }

  private async send(snapshot: EhrSnapshot): Promise<void> {
    try {
      const reply = (await this.deps.runtime.sendMessage({ type: 'ehr/snapshot', payload: snapshot })) as
        | { ok: true; data: { accepted: boolean } }
        | { ok: false; error: string }
        | undefined;
      if (reply?.ok) {
        this.lastSentHash = snapshot.hash;
        if (!reply.data.accepted) this.stop();
      }
    } catch {
      // The background is restarting; the next change sends again.
    }
  }

  /** Highlight spans of a kept snapshot; spans whose text no longer matches the page are reported stale. */
  highlight(hash: string, spans: ReadonlyArray<{ start: number; end: number }>, scroll = true): TabResponseMap['ehr/highlight'] {
    if (spans.length === 0) {
      this.highlighter.clear();
      return { highlighted: 0, stale: false };
    }
    const kept = this.maps.get(hash);
    if (!kept) return { highlighted: 0, stale: true };
    const ranges: Range[] = [];
    let stale = false;
    for (const span of spans) {
      const found = domRanges(kept.map, span.start, span.end);
      const shown = found.map((r) => r.toString()).join('');
      if (found.length === 0 || !sameVisibleText(shown, kept.text.slice(span.start, span.end))) stale = true;
      else ranges.push(...found);
    }
    return { highlighted: ranges.length > 0 ? this.highlighter.show(ranges, { scroll }) : 0, stale };
  }

  private handleMessage(message: unknown, sender: { id?: string; tab?: unknown }, sendResponse: (reply: unknown) => void): boolean {
    try {
      if (this.stopped || sender.id !== this.deps.runtime.id || sender.tab) return false;
      const parsed = parseTabRequest(message);
      if (!parsed.ok) {
        sendResponse({ ok: false, error: parsed.error });
        return false;
      }
      const request = parsed.request;
      const answer = async (): Promise<unknown> => {
        if (request.type === 'ehr/highlight')
          return this.highlight(request.payload.hash, request.payload.spans, request.payload.scroll ?? true);
        if (request.payload.mode === 'selection') {
          const snapshot = await this.readSelection();
          return snapshot ? { snapshot } : { reason: 'no-selection' };
        }
        const snapshot = await this.readPage({ resend: false });
        if (!snapshot) throw new Error('The page could not be read.');
        return { snapshot };
      };
      answer().then(
        (data) => sendResponse({ ok: true, data }),
        (err: unknown) => sendResponse({ ok: false, error: err instanceof Error ? err.message : 'Reading failed.' }),
      );
      return true;
    } catch {
      return false;
    }
  }
}

/** Start reading this frame if its origin is enabled and no same-origin parent covers it. */
export async function startReader(deps: ContentDeps): Promise<PageReader | undefined> {
  try {
    const origin = deps.window.location.origin;
    if (!/^https?:\/\//.test(origin)) return undefined;
    const items = await deps.storage.local.get(SITES_STORAGE_KEY);
    if (!enabledOriginsFrom(items[SITES_STORAGE_KEY]).includes(origin)) return undefined;
    if (coveredByParent(deps.window)) return undefined;
    if (deps.signal?.aborted) return undefined;
    const reader = new PageReader(deps, origin);
    void reader.readPage();
    return reader;
  } catch {
    return undefined;
  }
}
