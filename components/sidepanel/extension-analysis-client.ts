/**
 * The side panel's AnalysisClient in the extension: the typed protocol to the background.
 * The note of a page never passes through here — only the analysis and its evidence. A pasted text
 * is held in this object's memory only, to re-analyse it when the coder flips a context label.
 */
import type { ContextOverrides } from '../../utils/coding/analyze';
import type { AnalysisResult, AnalysisSettings } from '../../utils/coding/types';
import { hashText } from '../../utils/ehr-sites/hash';
import { type AnalysisTabReply, type CdiTabReply, type EhrSnapshotRecord, makeSender, parseEvent } from '../../utils/messaging';
import type { Span } from '../../utils/nlp/types';
import type { AnalysisClient, AnalysisReply, LoadingReply } from './analysis-client';
import type { CdiClient, CdiReply } from './cdi-client';

export interface ExtensionAnalysisClientDeps {
  sendMessage: (message: unknown) => Promise<unknown>;
  addMessageListener: (listener: (message: unknown) => void) => () => void;
  /** The active tab of this window (the EHR page the panel sits beside). */
  activeTabId: () => Promise<number | undefined>;
  onTabActivated?: (listener: () => void) => () => void;
  /** The enabled sites changed (a site enabled or disabled, here or on the options page). */
  onSitesChanged?: (listener: () => void) => () => void;
  writeClipboard: (text: string) => Promise<void>;
  /** Save a file the user asked for (a download); only the CDI tab's query-log export uses it. */
  saveFile?: (name: string, text: string, type: string) => Promise<void>;
}

/** The note the panel is on, shared by the Suggestions and CDI tabs: the page's, or pasted text (memory only). */
type NoteSource = { kind: 'page'; tabId: number; frameId: number; hash: string } | { kind: 'paste'; text: string } | undefined;

/** The Suggestions tab's and the CDI tab's clients over one protocol, sharing the note they are on. */
export function createExtensionClients(deps: ExtensionAnalysisClientDeps): { analysis: AnalysisClient; cdi: CdiClient } {
  const shared = { last: undefined as NoteSource };
  const analysis = createExtensionAnalysisClient(deps, shared);
  return { analysis, cdi: createExtensionCdiClient(deps, shared, analysis) };
}

/** The tab to analyse: the active one if it has a note, else the one whose note arrived last. */
async function noteTabOf(deps: ExtensionAnalysisClientDeps): Promise<number | undefined> {
  const send = makeSender(deps.sendMessage);
  const active = await deps.activeTabId();
  const records = await send('ehr/snapshots', {});
  if (active !== undefined && records.some((r) => r.tabId === active)) return active;
  return [...records].sort((a: EhrSnapshotRecord, b: EhrSnapshotRecord) => b.receivedAt - a.receivedAt)[0]?.tabId ?? active;
}

const NO_TAB = 'No tab to read. Open the EHR page, enable the site, or paste the note.';

function createExtensionCdiClient(deps: ExtensionAnalysisClientDeps, shared: { last: NoteSource }, analysis: AnalysisClient): CdiClient {
  const send = makeSender(deps.sendMessage);
  /** What `lint` checks against: the tab or the pasted text the last `current` analysed. */
  let linted: { tabId: number } | { text: string } | undefined;
  return {
    async current(settings): Promise<CdiReply> {
      const last = shared.last;
      if (last?.kind === 'paste') {
        linted = { text: last.text };
        const reply = await send('cdi/text', { text: last.text, ...settings });
        return 'loading' in reply ? reply : { view: reply, source: { kind: 'paste', title: 'Pasted note' }, noteKey: `paste:${hashText(last.text)}` };
      }
      const tabId = await noteTabOf(deps);
      if (tabId === undefined) return { empty: true, reason: NO_TAB };
      const reply = (await send('cdi/tab', { tabId, ...settings })) as CdiTabReply | LoadingReply;
      if ('view' in reply) {
        linted = { tabId: reply.source.tabId };
        return {
          view: reply.view,
          source: { kind: 'page', title: reply.source.title, origin: reply.source.origin },
          noteKey: `page:${reply.source.tabId}:${reply.source.origin}:${reply.source.title}`,
        };
      }
      return reply;
    },
    lint: (query) => send('cdi/lint', { query, ...(linted ?? {}) }),
    log: () => send('cdi/log', {}),
    setLogEnabled: (enabled) => send('cdi/log-enable', { enabled }),
    addToLog: (input) => send('cdi/log-add', { ruleId: input.ruleId, templateId: input.templateId, lint: { ...input.lint } }),
    setLogStatus: (id, status) => send('cdi/log-status', { id, status }),
    clearLog: () => send('cdi/log-clear', {}),
    onUpdated: (listener) => analysis.onUpdated(listener),
    copyToClipboard: (text) => deps.writeClipboard(text),
    saveFile: (name, text, type) => (deps.saveFile ? deps.saveFile(name, text, type) : Promise.reject(new Error('Saving files is not available here.'))),
  };
}

export function createExtensionAnalysisClient(deps: ExtensionAnalysisClientDeps, shared: { last: NoteSource } = { last: undefined }): AnalysisClient {
  const send = makeSender(deps.sendMessage);
  const source = shared;

  const noteTab = () => noteTabOf(deps);

  async function page(settings: AnalysisSettings, overrides?: ContextOverrides): Promise<AnalysisReply> {
    const tabId = await noteTab();
    if (tabId === undefined) return { empty: true, reason: NO_TAB };
    const reply = (await send('analysis/tab', { tabId, ...settings, ...(overrides ? { overrides: { ...overrides } } : {}) })) as AnalysisTabReply | LoadingReply;
    if ('result' in reply) {
      source.last = { kind: 'page', tabId: reply.source.tabId, frameId: reply.source.frameId, hash: reply.source.hash };
      return { result: reply.result, source: { kind: 'page', title: reply.source.title, origin: reply.source.origin } };
    }
    return reply;
  }

  async function text(note: string, settings: AnalysisSettings, overrides?: ContextOverrides): Promise<AnalysisResult | LoadingReply> {
    source.last = { kind: 'paste', text: note };
    return send('analysis/text', { text: note, ...settings, ...(overrides ? { overrides: { ...overrides } } : {}) });
  }

  return {
    current: (settings) => page(settings),
    analyzeText: (note, settings) => text(note, settings),
    reanalyze: async (settings, overrides) => {
      const last = source.last;
      if (last?.kind === 'paste') {
        const result = await text(last.text, settings, overrides);
        return 'loading' in result ? result : { result, source: { kind: 'paste', title: 'Pasted note' } };
      }
      return page(settings, overrides);
    },
    highlight: async (spans: ReadonlyArray<Span>) => {
      const last = source.last;
      if (last?.kind !== 'page') return false;
      const reply = (await send('ehr/highlight', { tabId: last.tabId, frameId: last.frameId, hash: last.hash, spans: spans.map(({ start, end }) => ({ start, end })), scroll: true })) as {
        highlighted?: number;
        stale?: boolean;
      };
      return (reply.highlighted ?? 0) > 0 && !reply.stale;
    },
    onUpdated: (listener) => {
      const offMessage = deps.addMessageListener((message) => {
        if (parseEvent(message)?.type === 'ehr/changed') listener();
      });
      const offTab = deps.onTabActivated?.(listener);
      const offSites = deps.onSitesChanged?.(listener);
      return () => {
        offMessage();
        offTab?.();
        offSites?.();
      };
    },
    copyToClipboard: (value) => deps.writeClipboard(value),
  };
}
