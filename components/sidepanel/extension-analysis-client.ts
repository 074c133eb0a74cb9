/**
 * The side panel's AnalysisClient in the extension: the typed protocol to the background.
 * The note of a page never passes through here — only the analysis and its evidence. A pasted text
 * is held in this object's memory only, to re-analyse it when the coder flips a context label.
 */
import type { ContextOverrides } from '../../utils/coding/analyze';
import type { AnalysisResult, AnalysisSettings } from '../../utils/coding/types';
import { type AnalysisTabReply, type EhrSnapshotRecord, makeSender, parseEvent } from '../../utils/messaging';
import type { Span } from '../../utils/nlp/types';
import type { AnalysisClient, AnalysisReply, LoadingReply } from './analysis-client';

export interface ExtensionAnalysisClientDeps {
  sendMessage: (message: unknown) => Promise<unknown>;
  addMessageListener: (listener: (message: unknown) => void) => () => void;
  /** The active tab of this window (the EHR page the panel sits beside). */
  activeTabId: () => Promise<number | undefined>;
  onTabActivated?: (listener: () => void) => () => void;
  writeClipboard: (text: string) => Promise<void>;
}

export function createExtensionAnalysisClient(deps: ExtensionAnalysisClientDeps): AnalysisClient {
  const send = makeSender(deps.sendMessage);
  let last: { kind: 'page'; tabId: number; frameId: number; hash: string } | { kind: 'paste'; text: string } | undefined;

  /** The tab to analyse: the active one if it has a note, else the one whose note arrived last. */
  async function noteTab(): Promise<number | undefined> {
    const active = await deps.activeTabId();
    const records = await send('ehr/snapshots', {});
    if (active !== undefined && records.some((r) => r.tabId === active)) return active;
    return [...records].sort((a: EhrSnapshotRecord, b: EhrSnapshotRecord) => b.receivedAt - a.receivedAt)[0]?.tabId ?? active;
  }

  async function page(settings: AnalysisSettings, overrides?: ContextOverrides): Promise<AnalysisReply> {
    const tabId = await noteTab();
    if (tabId === undefined) return { empty: true, reason: 'No tab to read. Open the EHR page, enable the site, or paste the note.' };
    const reply = (await send('analysis/tab', { tabId, ...settings, ...(overrides ? { overrides: { ...overrides } } : {}) })) as AnalysisTabReply | LoadingReply;
    if ('result' in reply) {
      last = { kind: 'page', tabId: reply.source.tabId, frameId: reply.source.frameId, hash: reply.source.hash };
      return { result: reply.result, source: { kind: 'page', title: reply.source.title, origin: reply.source.origin } };
    }
    return reply;
  }

  async function text(note: string, settings: AnalysisSettings, overrides?: ContextOverrides): Promise<AnalysisResult | LoadingReply> {
    last = { kind: 'paste', text: note };
    return send('analysis/text', { text: note, ...settings, ...(overrides ? { overrides: { ...overrides } } : {}) });
  }

  return {
    current: (settings) => page(settings),
    analyzeText: (note, settings) => text(note, settings),
    reanalyze: async (settings, overrides) => {
      if (last?.kind === 'paste') {
        const result = await text(last.text, settings, overrides);
        return 'loading' in result ? result : { result, source: { kind: 'paste', title: 'Pasted note' } };
      }
      return page(settings, overrides);
    },
    highlight: async (spans: ReadonlyArray<Span>) => {
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
      return () => {
        offMessage();
        offTab?.();
      };
    },
    copyToClipboard: (value) => deps.writeClipboard(value),
  };
}
