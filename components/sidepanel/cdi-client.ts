/**
 * What the CDI tab needs from the rest of the extension, as an interface (STYLE.md, convention 6):
 * the extension backs it with the typed protocol (`cdi/*` messages), tests with
 * `createMockCdiClient`. The note analysed is the one the Suggestions tab shows: the page's, or the
 * last pasted text. Nothing here touches `browser.*`.
 */
import type { CdiView, LogAddInput, QueryLogState } from '../../utils/cdi-service';
import type { LintResult, QueryLogEntry, QueryStatus } from '../../utils/cdi/types';
import type { Setting } from '../../utils/coding/types';
import type { AnalysisEmpty, AnalysisSource } from './analysis-client';
import type { LoadingReply } from './client';

export type { CdiItem, CdiView, LogAddInput, QueryLogState } from '../../utils/cdi-service';

export interface CdiSettings {
  setting: Setting;
  dateOfService: string;
}

export interface CdiReady {
  view: CdiView;
  source: AnalysisSource;
  /**
   * Which note this is (a hash of pasted text, the tab and title of a page), in memory only: the
   * specialist's edits are kept across reviews of the same note and dropped for another one, whose
   * title may be the same ('Pasted note').
   */
  noteKey?: string;
}

export type CdiReply = CdiReady | AnalysisEmpty | LoadingReply;

export interface CdiClient {
  /** Opportunities and drafts for the note the panel is on (the page's, or the last pasted text). */
  current(settings: CdiSettings): Promise<CdiReply>;
  /** Lint an edited query against that same note. */
  lint(query: string): Promise<LintResult>;
  log(): Promise<QueryLogState>;
  setLogEnabled(enabled: boolean): Promise<QueryLogState>;
  addToLog(input: LogAddInput): Promise<QueryLogEntry>;
  setLogStatus(id: string, status: QueryStatus): Promise<QueryLogEntry>;
  clearLog(): Promise<QueryLogState>;
  /** The note in the page changed (or the active tab did); returns the unsubscribe. */
  onUpdated(listener: () => void): () => void;
  copyToClipboard(text: string): Promise<void>;
  /** Save a file the user asked for (the query-log CSV); rejects with a reason when it cannot. */
  saveFile(name: string, text: string, type: string): Promise<void>;
}

const UNAVAILABLE = 'CDI review is not available here.';

/** Where the extension cannot review notes (no client wired): every call says so. */
export const UNAVAILABLE_CDI: CdiClient = {
  current: async () => ({ empty: true, reason: UNAVAILABLE }),
  lint: async () => Promise.reject(new Error(UNAVAILABLE)),
  log: async () => ({ enabled: false, entries: [] }),
  setLogEnabled: async () => Promise.reject(new Error(UNAVAILABLE)),
  addToLog: async () => Promise.reject(new Error(UNAVAILABLE)),
  setLogStatus: async () => Promise.reject(new Error(UNAVAILABLE)),
  clearLog: async () => Promise.reject(new Error(UNAVAILABLE)),
  onUpdated: () => () => undefined,
  copyToClipboard: async () => Promise.reject(new Error('The clipboard is not available here.')),
  saveFile: async () => Promise.reject(new Error('Saving files is not available here.')),
};
