/**
 * What the Suggestions tab and the worksheet need from the rest of the extension, as an interface
 * (STYLE.md, convention 6): the extension backs it with the typed protocol (the background analyses,
 * the content script highlights), tests with `createMockAnalysisClient`. Nothing here touches
 * `browser.*`.
 *
 * Note text never crosses this interface towards the panel except inside `AnalysisResult` (evidence
 * snippets), and the panel renders those as text only; pasted text is handed over in memory only.
 */
import type { ContextOverrides } from '../../utils/coding/analyze';
import type { AnalysisResult, AnalysisSettings } from '../../utils/coding/types';
import type { Span } from '../../utils/nlp/types';
import type { LoadingReply } from './client';

export type { LoadingReply } from './client';

/** Where the analysed text came from: the note in the active tab, or the paste box. */
export interface AnalysisSource {
  kind: 'page' | 'paste';
  /** The page's title (or `Pasted text`); shown as text. */
  title: string;
  /** The page's origin (`https://ehr.example.org`), never its URL: URLs can carry patient ids. */
  origin?: string;
}

export interface AnalysisView {
  result: AnalysisResult;
  source: AnalysisSource;
}

/** No note to analyse, in plain words for the coder (site not enabled, no note on screen, …). */
export interface AnalysisEmpty {
  empty: true;
  reason: string;
}

/** The coder's context flips, by mention id (`m3` → `negated`), for one analysed text: `analyze()`'s own type. */
export type { ContextOverrides } from '../../utils/coding/analyze';

export type AnalysisReply = AnalysisView | AnalysisEmpty | LoadingReply;

export interface AnalysisClient {
  /** Analyse the note in the active tab with these settings (the page is read if it has not been). */
  current(settings: AnalysisSettings): Promise<AnalysisReply>;
  /** Analyse text from the paste box. The client keeps it in memory for `reanalyze`, nowhere else. */
  analyzeText(text: string, settings: AnalysisSettings): Promise<AnalysisResult | LoadingReply>;
  /**
   * Run the last analysed source again (the page's note, or the last pasted text) with new settings
   * and the coder's context overrides. Mention ids are stable for one text, so overrides apply.
   */
  reanalyze(settings: AnalysisSettings, overrides: ContextOverrides): Promise<AnalysisReply>;
  /**
   * Highlight these spans of the page's analysed text and scroll to the first. False when the page
   * cannot (the note changed since, the tab closed, the text was pasted); no spans clears.
   */
  highlight(spans: ReadonlyArray<Span>): Promise<boolean>;
  /** The note in the active tab changed (or the active tab did); returns the unsubscribe. */
  onUpdated(listener: () => void): () => void;
  /** Put text on the clipboard; rejects with a reason when it cannot. */
  copyToClipboard(text: string): Promise<void>;
}

export function isEmptyReply(reply: unknown): reply is AnalysisEmpty {
  return typeof reply === 'object' && reply !== null && (reply as { empty?: unknown }).empty === true;
}

/** Where the extension cannot analyse (no client wired): every call says so; nothing is analysed. */
export const UNAVAILABLE_ANALYSIS: AnalysisClient = {
  current: async () => ({ empty: true, reason: 'Note analysis is not available here.' }),
  analyzeText: async () => Promise.reject(new Error('Note analysis is not available here.')),
  reanalyze: async () => ({ empty: true, reason: 'Note analysis is not available here.' }),
  highlight: async () => false,
  onUpdated: () => () => undefined,
  copyToClipboard: async () => Promise.reject(new Error('The clipboard is not available here.')),
};
