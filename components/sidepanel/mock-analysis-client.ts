/**
 * An `AnalysisClient` for tests and demos: the "page" is a synthetic note (or nothing), analysed by
 * the scripted fixtures; every call is recorded. No `browser`, no timers unless asked, no vitest
 * dependency (tests wrap the methods with `vi.spyOn` when they want spies).
 */
import type { AnalysisResult, AnalysisSettings } from '../../utils/coding/types';
import type { CodesetStatus } from '../../utils/messaging';
import type { Span } from '../../utils/nlp/types';
import type { AnalysisClient, AnalysisReply, ContextOverrides } from './analysis-client';
import type { LoadingReply } from './client';
import { fixtureAnalysis, SYNTHETIC_NOTE } from './mock-analysis-fixtures';

export interface MockPage {
  text: string;
  title: string;
  origin: string;
}

export interface MockAnalysisOptions {
  /** The note in the active tab; `null` for a page that cannot be read (default: the synthetic note). */
  page?: MockPage | null;
  /** Why there is nothing to analyse when `page` is null. */
  emptyReason?: string;
  /** Replace the scripted analysis (hostile evidence, edge cases). */
  analyse?: (text: string, settings: AnalysisSettings, overrides: ContextOverrides) => AnalysisResult;
  /** Answer "code sets loading" this many times before answering. */
  loadingReplies?: number;
  /** Awaited before every analysis answers (tests that look at the in-between state). */
  hold?: () => Promise<void>;
  /** What `highlight` answers for the page (a pasted text never highlights). */
  highlightWorks?: boolean;
  /** Make `copyToClipboard` reject with this message. */
  clipboardError?: string;
}

export const MOCK_PAGE: MockPage = { text: SYNTHETIC_NOTE, title: 'Visit note — synthetic', origin: 'https://ehr.example.test' };
export const MOCK_EMPTY_REASON = 'Chartcode is not enabled on this site. Enable it, or paste the note below.';

const LOADING_STATUS: CodesetStatus = {
  state: 'loading',
  versions: [],
  progress: { done: 12, total: 40, assetId: 'icd10cm-codes-2027' },
};

export interface MockAnalysisCalls {
  current: AnalysisSettings[];
  analyzeText: Array<{ text: string; settings: AnalysisSettings }>;
  reanalyze: Array<{ settings: AnalysisSettings; overrides: ContextOverrides }>;
  highlight: Span[][];
  copied: string[];
}

export function createMockAnalysisClient(options: MockAnalysisOptions = {}) {
  let page = options.page === undefined ? MOCK_PAGE : options.page;
  let loadingLeft = options.loadingReplies ?? 0;
  /** What `reanalyze` runs again: the page, or the last pasted text (in memory only). */
  let last: { kind: 'page' } | { kind: 'paste'; text: string } = { kind: 'page' };
  const listeners = new Set<() => void>();
  const calls: MockAnalysisCalls = { current: [], analyzeText: [], reanalyze: [], highlight: [], copied: [] };
  const analyse = options.analyse ?? fixtureAnalysis;

  const loading = (): LoadingReply | undefined => {
    if (loadingLeft <= 0) return undefined;
    loadingLeft--;
    return { loading: true, status: LOADING_STATUS };
  };

  const pageReply = (settings: AnalysisSettings, overrides: ContextOverrides): AnalysisReply => {
    if (!page) return { empty: true, reason: options.emptyReason ?? MOCK_EMPTY_REASON };
    return {
      result: analyse(page.text, settings, overrides),
      source: { kind: 'page', title: page.title, origin: page.origin },
    };
  };

  const client: AnalysisClient = {
    async current(settings) {
      calls.current.push(settings);
      await options.hold?.();
      last = { kind: 'page' };
      return loading() ?? pageReply(settings, {});
    },
    async analyzeText(text, settings) {
      calls.analyzeText.push({ text, settings });
      await options.hold?.();
      last = { kind: 'paste', text };
      return loading() ?? analyse(text, settings, {});
    },
    async reanalyze(settings, overrides) {
      calls.reanalyze.push({ settings, overrides: { ...overrides } });
      await options.hold?.();
      const wait = loading();
      if (wait) return wait;
      if (last.kind === 'paste')
        return { result: analyse(last.text, settings, overrides), source: { kind: 'paste', title: 'Pasted text' } };
      return pageReply(settings, overrides);
    },
    async highlight(spans) {
      calls.highlight.push(spans.map((s) => ({ start: s.start, end: s.end })));
      return last.kind === 'page' && page !== null && (options.highlightWorks ?? true);
    },
    onUpdated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async copyToClipboard(text) {
      if (options.clipboardError) throw new Error(options.clipboardError);
      calls.copied.push(text);
    },
  };

  return {
    client,
    calls,
    /** The page now shows another note (or none); listeners are told, as the content script would. */
    setPage(next: MockPage | null) {
      page = next;
      for (const listener of [...listeners]) listener();
    },
    listenerCount: () => listeners.size,
  };
}
