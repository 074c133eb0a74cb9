/**
 * State of the side panel in one signal model; the components only display it (STYLE.md, convention 7).
 * The model talks to a `SearchClient`, never to `browser.*`, so tests drive it with a mock client.
 * Everything worth testing without rendering (request shape, highlight segments, rows, note groups,
 * the 7th-character code) is a pure `derive…()` function exported below.
 */
import { computed, createModel, signal } from '@preact/signals';
import type { CodeRef, CodeState, LookupResult } from '../../utils/codes/catalog';
import { displayCode, normalizeCode } from '../../utils/codes/code-format';
import { parseIsoDate } from '../../utils/codes/dates';
import { padWithPlaceholder } from '../../utils/codes/tabular-tree';
import type { CodeSystem, NoteType } from '../../utils/codes/types';
import type { CodesetStatus, LoadProgressSummary } from '../../utils/messaging';
import type { MatchSource, SearchHit, SearchRequest, SearchResponse } from '../../utils/search/types';
import {
  addEntry,
  entryKey,
  moveEntry,
  moveEntryTo,
  orderEntries,
  type PoaIndicator,
  poaApplies,
  removeEntry,
  setEntryPoa,
  type WorksheetEntry,
  worksheetCsv,
  worksheetText,
} from '../../utils/worksheet/worksheet';
import type { ProgressView } from '../options/model';
import { isLoadingReply, type SearchClient } from './client';

export const SIDEPANEL_DEFAULTS = Object.freeze({
  /** Results as you type, without a request per keystroke. */
  debounceMs: 120,
  /** How soon to ask again while the background answers "loading code sets". */
  pollMs: 500,
  /** Hits asked for per query (the protocol allows up to 200). */
  limit: 50,
  /** The protocol refuses longer text; a longer paste is cut, not refused (issue 3, bad input). */
  maxQueryChars: 10_000,
  /** Longest query quoted back in a message. */
  quoteChars: 60,
});

export const sidepanelMessages = {
  prompt: 'Type a code (E11.65, e116), words in any order (diab hyperg) or an index path (pneumonia, aspiration).',
  searching: 'Searching…',
  noMatches: (quoted: string) => `No matches for “${quoted}”.`,
  results: (count: number) => (count === 1 ? '1 result' : `${count.toLocaleString('en-US')} results`),
  badDate: 'Enter a valid date of service to search.',
  searchFailed: (why: string) => `Search failed: ${why}`,
  lookupFailed: (why: string) => `Could not open the code: ${why}`,
  childrenFailed: (why: string) => `Could not list the codes below: ${why}`,
  noChildren: 'No codes below this one on this date.',
  loadingChildren: 'Loading the codes below…',
  loadingCodesets: 'Loading code sets…',
  waitingForCodesets: 'Loading code sets… the search runs as soon as they are ready.',
  added: (display: string, count: number) => `Added ${display} to the worksheet (${count} ${count === 1 ? 'code' : 'codes'}).`,
  alreadyAdded: (display: string) => `${display} is already on the worksheet.`,
  removed: (display: string) => `Removed ${display} from the worksheet.`,
  notBillable: (display: string) => `${display} is not billable on this date; choose a more specific code.`,
  moved: (display: string, position: number, count: number) => `Moved ${display} to position ${position} of ${count}.`,
  poaSet: (display: string, poa: string) => `POA for ${display}: ${poa}.`,
  poaCleared: (display: string) => `POA for ${display} cleared.`,
  copied: (format: string) => `Copied the worksheet as ${format}.`,
  copyFailed: (why: string) => `Could not copy the worksheet: ${why}`,
  nothingToCopy: 'The worksheet is empty: nothing to copy.',
} as const;

// ---------------------------------------------------------------------------------------------
// Labels (data)

export type SystemFilter = 'all' | CodeSystem;
export type CareSetting = 'outpatient' | 'inpatient';

export const SYSTEM_BADGES: Readonly<Record<CodeSystem, string>> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  hcpcs: 'HCPCS',
  cpt: 'CPT®',
};

export const SYSTEM_FILTERS: ReadonlyArray<{ value: SystemFilter; label: string }> = [
  { value: 'all', label: 'All code sets' },
  { value: 'icd10cm', label: 'ICD-10-CM (diagnoses)' },
  { value: 'icd10pcs', label: 'ICD-10-PCS (inpatient procedures)' },
  { value: 'hcpcs', label: 'HCPCS Level II' },
  { value: 'cpt', label: 'CPT® (imported)' },
];

/** ICD-10-CM chapters, as the Tabular List titles them. */
export const ICD10CM_CHAPTERS: ReadonlyArray<{ number: string; title: string; range: string }> = [
  { number: '1', title: 'Certain infectious and parasitic diseases', range: 'A00–B99' },
  { number: '2', title: 'Neoplasms', range: 'C00–D49' },
  { number: '3', title: 'Diseases of the blood and immune mechanism', range: 'D50–D89' },
  { number: '4', title: 'Endocrine, nutritional and metabolic diseases', range: 'E00–E89' },
  { number: '5', title: 'Mental, behavioral and neurodevelopmental disorders', range: 'F01–F99' },
  { number: '6', title: 'Diseases of the nervous system', range: 'G00–G99' },
  { number: '7', title: 'Diseases of the eye and adnexa', range: 'H00–H59' },
  { number: '8', title: 'Diseases of the ear and mastoid process', range: 'H60–H95' },
  { number: '9', title: 'Diseases of the circulatory system', range: 'I00–I99' },
  { number: '10', title: 'Diseases of the respiratory system', range: 'J00–J99' },
  { number: '11', title: 'Diseases of the digestive system', range: 'K00–K95' },
  { number: '12', title: 'Diseases of the skin and subcutaneous tissue', range: 'L00–L99' },
  { number: '13', title: 'Diseases of the musculoskeletal system and connective tissue', range: 'M00–M99' },
  { number: '14', title: 'Diseases of the genitourinary system', range: 'N00–N99' },
  { number: '15', title: 'Pregnancy, childbirth and the puerperium', range: 'O00–O9A' },
  { number: '16', title: 'Certain conditions originating in the perinatal period', range: 'P00–P96' },
  { number: '17', title: 'Congenital malformations, deformations and chromosomal abnormalities', range: 'Q00–Q99' },
  { number: '18', title: 'Symptoms, signs and abnormal findings, not elsewhere classified', range: 'R00–R99' },
  { number: '19', title: 'Injury, poisoning and other consequences of external causes', range: 'S00–T88' },
  { number: '20', title: 'External causes of morbidity', range: 'V00–Y99' },
  { number: '21', title: 'Factors influencing health status and contact with health services', range: 'Z00–Z99' },
  { number: '22', title: 'Codes for special purposes', range: 'U00–U85' },
];

export interface StateView {
  label: string;
  tone: 'ok' | 'incomplete' | 'invalid' | 'unknown';
}

const STATE_VIEWS: Readonly<Record<CodeState, StateView>> = {
  billable: { label: 'Billable', tone: 'ok' },
  header: { label: 'Needs more characters', tone: 'incomplete' },
  'invalid-on-date': { label: 'Not valid on this date', tone: 'invalid' },
  unknown: { label: 'Unknown code', tone: 'unknown' },
};

export function deriveStateView(state: CodeState): StateView {
  return STATE_VIEWS[state] ?? STATE_VIEWS.unknown;
}

const SOURCE_LABELS: Readonly<Record<MatchSource, string>> = {
  code: 'Code',
  title: 'Title',
  inclusion: 'Inclusion term',
  index: 'Index',
  eindex: 'External Cause Index',
  neoplasm: 'Neoplasm table',
  drug: 'Drug table',
};

export function sourceLabel(source: MatchSource): string {
  return SOURCE_LABELS[source] ?? 'Matched';
}

// ---------------------------------------------------------------------------------------------
// Pure derivations (tested without rendering)

/** Cut a pasted query to the protocol's limit without splitting an emoji (a UTF-16 surrogate pair). */
export function clampQuery(text: string, max: number = SIDEPANEL_DEFAULTS.maxQueryChars): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

/** A query quoted back to the user: one line, at most `max` characters. */
export function quoteQuery(text: string, max: number = SIDEPANEL_DEFAULTS.quoteChars): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${clampQuery(line, max - 1)}…`;
}

export interface SearchInputs {
  text: string;
  system: SystemFilter;
  billableOnly: boolean;
  /** ICD-10-CM chapter number, '' for all. */
  chapter: string;
  dateOfService: string;
}

export type RequestDerivation = { ok: true; request: SearchRequest } | { ok: false; reason: 'empty' | 'bad-date' };

/** The engine request for what the coder typed and chose; blank text asks nothing. */
export function deriveSearchRequest(inputs: SearchInputs, limit: number = SIDEPANEL_DEFAULTS.limit): RequestDerivation {
  const text = clampQuery(inputs.text.trim());
  if (text === '') return { ok: false, reason: 'empty' };
  const date = parseIsoDate(inputs.dateOfService);
  if (!date) return { ok: false, reason: 'bad-date' };
  const request: SearchRequest = { text, dateOfService: date, limit };
  if (inputs.system !== 'all') request.systems = [inputs.system];
  if (inputs.billableOnly) request.billableOnly = true;
  // Chapters are ICD-10-CM's: the filter means nothing for PCS, HCPCS or CPT.
  if (inputs.chapter && (inputs.system === 'all' || inputs.system === 'icd10cm')) request.chapter = inputs.chapter;
  return { ok: true, request };
}

export interface Segment {
  text: string;
  mark: boolean;
}

/**
 * The matched text cut into plain and marked pieces. Ranges from the engine are clamped, sorted and
 * merged, so a bad range can neither throw nor duplicate text; the pieces always join back to `text`.
 */
export function deriveHighlightSegments(text: string, ranges: ReadonlyArray<readonly [number, number]> | undefined): Segment[] {
  const valid = (ranges ?? [])
    .filter((r) => Array.isArray(r) && Number.isFinite(r[0]) && Number.isFinite(r[1]))
    .map(([s, e]) => [Math.max(0, Math.trunc(s)), Math.min(text.length, Math.trunc(e))] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: Array<[number, number]> = [];
  for (const range of valid) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([range[0], range[1]]);
  }
  const segments: Segment[] = [];
  let at = 0;
  for (const [start, end] of merged) {
    if (start > at) segments.push({ text: text.slice(at, start), mark: false });
    segments.push({ text: text.slice(start, end), mark: true });
    at = end;
  }
  if (at < text.length || segments.length === 0) segments.push({ text: text.slice(at), mark: false });
  return segments;
}

/** Children of an opened header, as they load. */
export type ChildrenState =
  | { phase: 'loading' }
  | { phase: 'waiting' } // code sets still loading
  | { phase: 'done'; children: CodeRef[] }
  | { phase: 'failed'; error: string };

export interface ResultRow {
  /** Stable across renders: `hit:3`, `hit:3>S72001A`. */
  key: string;
  system: CodeSystem;
  code: string;
  display: string;
  title: string;
  state: CodeState;
  depth: number;
  /** The search hit (top-level rows only). */
  hit?: SearchHit;
  /** A header whose children can be opened in place. */
  expandable: boolean;
  children?: ChildrenState;
}

/** Key of an opened header in the `expanded` map. */
export const expandKey = (system: CodeSystem, code: string) => `${system}:${code}`;

/** The listbox rows: the hits, each opened header followed by its children (recursively). */
export function deriveRows(hits: readonly SearchHit[], expanded: Readonly<Record<string, ChildrenState>>): ResultRow[] {
  const rows: ResultRow[] = [];
  const addChildren = (parent: ResultRow) => {
    const state = parent.expandable ? expanded[expandKey(parent.system, parent.code)] : undefined;
    if (!state) return;
    parent.children = state;
    if (state.phase !== 'done') return;
    for (const ref of state.children) {
      // Children are longer codes, so this cannot loop; the guard is for malformed replies.
      if (ref.code.length <= parent.code.length) continue;
      const row: ResultRow = {
        key: `${parent.key}>${ref.code}`,
        system: parent.system,
        code: ref.code,
        display: ref.display || displayCode(parent.system, ref.code),
        title: ref.title,
        state: ref.billable ? 'billable' : 'header',
        depth: parent.depth + 1,
        expandable: !ref.billable,
      };
      rows.push(row);
      addChildren(row);
    }
  };
  hits.forEach((hit, i) => {
    const row: ResultRow = {
      key: `hit:${i}`,
      system: hit.system,
      code: hit.code,
      display: hit.display || displayCode(hit.system, hit.code),
      title: hit.title,
      state: hit.state,
      depth: 0,
      hit,
      expandable: hit.state === 'header' && hit.code !== '',
    };
    rows.push(row);
    addChildren(row);
  });
  return rows;
}

export type NavKey = 'ArrowDown' | 'ArrowUp' | 'Home' | 'End' | 'PageDown' | 'PageUp';
const PAGE = 10;

/** The active row after a navigation key; -1 means none (the caret is back in the search box). */
export function deriveNextActive(current: number, count: number, key: NavKey): number {
  if (count === 0) return -1;
  const at = Math.min(current, count - 1);
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, at + 1);
    case 'ArrowUp':
      return at <= 0 ? -1 : at - 1;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return Math.min(count - 1, Math.max(0, at) + PAGE);
    case 'PageUp':
      return Math.max(0, at - PAGE);
  }
}

/** `S72.001` + `A` → `S72001A`; `T79.4` + `A` → `T794XXA` (placeholder X up to six characters). */
export function deriveSeventhCode(system: CodeSystem, base: string, char: string): { code: string; display: string } {
  const code = `${padWithPlaceholder(base)}${normalizeCode(char).slice(0, 1)}`;
  return { code, display: displayCode(system, code) };
}

export interface SeventhChoice {
  char: string;
  meaning: string;
  code: string;
  display: string;
}

/** The 7th characters the code set allows for this code on the date, each with the full code. */
export function deriveSeventhChoices(lookup: Pick<LookupResult, 'system' | 'code' | 'seventh'>): SeventhChoice[] {
  return lookup.seventh.map((s) => {
    const built = s.code
      ? { code: s.code, display: displayCode(lookup.system, s.code) }
      : deriveSeventhCode(lookup.system, lookup.code, s.char);
    return { char: s.char, meaning: s.meaning, ...built };
  });
}

/** Where an inherited note comes from, in words: `E11`, `section E08–E13`, `chapter 4`. */
export function describeNodeId(id: string): string {
  if (id.startsWith('chapter:')) return `chapter ${id.slice('chapter:'.length)}`;
  if (id.startsWith('section:')) return `section ${id.slice('section:'.length).replace('-', '–')}`;
  return id;
}

export const NOTE_GROUPS: ReadonlyArray<{ type: NoteType; label: string }> = [
  { type: 'excludes1', label: 'Excludes1' },
  { type: 'excludes2', label: 'Excludes2' },
  { type: 'codeFirst', label: 'Code first' },
  { type: 'useAdditionalCode', label: 'Use additional code' },
  { type: 'codeAlso', label: 'Code also' },
  { type: 'includes', label: 'Includes' },
  { type: 'inclusionTerm', label: 'Inclusion terms' },
  { type: 'notes', label: 'Notes' },
  { type: 'sevenChrNote', label: '7th character' },
];

export interface NoteGroupView {
  type: NoteType;
  label: string;
  notes: Array<{ key: string; text: string; from: string; fromId: string; year: number }>;
}

/** Inherited notes by type in the Tabular List's reading order, each keeping its origin (nearest first). */
export function deriveNoteGroups(notes: LookupResult['notes']): NoteGroupView[] {
  return NOTE_GROUPS.map(({ type, label }) => ({
    type,
    label,
    notes: notes
      .map((note, i) => ({ note, i }))
      .filter(({ note }) => note.type === type)
      .map(({ note, i }) => ({ key: `${i}`, text: note.text, from: describeNodeId(note.from), fromId: note.from, year: note.year })),
  })).filter((group) => group.notes.length > 0);
}

export interface AncestorView {
  id: string;
  label: string;
  title: string;
  /** A diag node the coder can open (chapters and sections are not codes). */
  code?: string;
}

/** Ancestors from the chapter down (the lookup lists them nearest first). */
export function deriveAncestorTrail(ancestors: LookupResult['ancestors']): AncestorView[] {
  return [...ancestors].reverse().map(({ id, title }) => {
    if (id.startsWith('chapter:')) return { id, label: `Chapter ${id.slice('chapter:'.length)}`, title };
    if (id.startsWith('section:')) return { id, label: id.slice('section:'.length).replace('-', '–'), title };
    return { id, label: id, title, code: normalizeCode(id) };
  });
}

/** "notes from FY2021" when the notes are older than the code set they are shown with. */
export function deriveNotesYear(lookup: Pick<LookupResult, 'notesYear' | 'fiscalYear'>): string {
  if (lookup.notesYear === undefined) return '';
  return `Tabular notes from FY${lookup.notesYear}${lookup.fiscalYear !== undefined && lookup.fiscalYear !== lookup.notesYear ? ` (code set FY${lookup.fiscalYear})` : ''}`;
}

/** The background's load progress as a bar, while it loads (the options page draws the same bar). */
export function deriveLoadingView(status: CodesetStatus | undefined): ProgressView | undefined {
  if (status?.state !== 'loading') return undefined;
  const p = status.progress;
  if (!p || p.total === 0) return { label: sidepanelMessages.loadingCodesets };
  return { value: p.done, max: p.total, label: `Loading code sets… ${Math.round((100 * p.done) / p.total)}%` };
}

export type SearchPhase = 'idle' | 'searching' | 'waiting' | 'done' | 'failed' | 'bad-date';

/** The one line under the search box: prompt, count, "No matches", or the error. */
export function deriveSearchMessage(
  phase: SearchPhase,
  response: SearchResponse | undefined,
  error: string | undefined,
  /** The text the shown response answers (as sent; the engine may echo it normalised). */
  answered: string = response?.query ?? '',
): { text: string; tone: 'info' | 'empty' | 'error' } {
  if (phase === 'idle') return { text: sidepanelMessages.prompt, tone: 'info' };
  if (phase === 'bad-date') return { text: sidepanelMessages.badDate, tone: 'error' };
  if (phase === 'failed') return { text: sidepanelMessages.searchFailed(error ?? 'no answer'), tone: 'error' };
  if (phase === 'waiting') return { text: sidepanelMessages.waitingForCodesets, tone: 'info' };
  // 'searching' keeps showing the previous answer while the next one is on its way.
  if (!response) return { text: phase === 'searching' ? sidepanelMessages.searching : sidepanelMessages.noMatches(''), tone: 'info' };
  if (response.hits.length === 0) return { text: sidepanelMessages.noMatches(quoteQuery(answered)), tone: 'empty' };
  return { text: sidepanelMessages.results(response.hits.length), tone: 'info' };
}

// The worksheet's data and its pure derivations live in utils/worksheet/ (shared with exports and tests).
export type { WorksheetEntry } from '../../utils/worksheet/worksheet';

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------------------------------------
// The model

export interface SidePanelSettings {
  debounceMs?: number;
  pollMs?: number;
  limit?: number;
  /** Today's date (YYYY-MM-DD): the default date of service. */
  today: string;
}

export type DetailState =
  | { phase: 'loading'; system: CodeSystem; code: string }
  | { phase: 'waiting'; system: CodeSystem; code: string }
  | { phase: 'done'; system: CodeSystem; code: string; lookup: LookupResult }
  | { phase: 'failed'; system: CodeSystem; code: string; error: string };

export type BuiltState =
  | { phase: 'none' }
  | { phase: 'loading'; char: string; code: string; display: string }
  | { phase: 'done'; char: string; code: string; display: string; lookup: LookupResult }
  | { phase: 'failed'; char: string; code: string; display: string; error: string };

export type PanelTab = 'suggestions' | 'search' | 'worksheet' | 'cdi';

/** Puts text on the clipboard (the extension's `AnalysisClient.copyToClipboard`); rejects with a reason. */
export type CopyToClipboard = (text: string) => Promise<void>;

export const SidePanelModel = createModel((client: SearchClient, settings: SidePanelSettings, copyToClipboard?: CopyToClipboard) => {
  const debounceMs = settings.debounceMs ?? SIDEPANEL_DEFAULTS.debounceMs;
  const pollMs = settings.pollMs ?? SIDEPANEL_DEFAULTS.pollMs;
  const limit = settings.limit ?? SIDEPANEL_DEFAULTS.limit;

  // Context: always visible, shared by every tab.
  const dateOfService = signal(settings.today);
  // The analysis and the worksheet's POA read it; search does not use it.
  const setting = signal<CareSetting>('outpatient');
  const tab = signal<PanelTab>('search');
  /** Bumped to ask the search box to take focus (the "/" shortcut, from any tab). */
  const searchFocus = signal(0);
  const codesets = signal<CodesetStatus | undefined>(undefined);
  /** Polite announcements (added to the worksheet, ...). */
  const announcement = signal('');

  // Search
  const query = signal('');
  const system = signal<SystemFilter>('all');
  const billableOnly = signal(false);
  const chapter = signal('');
  const phase = signal<SearchPhase>('idle');
  const response = signal<SearchResponse | undefined>(undefined);
  /** The query text the shown response answers. */
  const answered = signal('');
  const error = signal<string | undefined>(undefined);
  const expanded = signal<Readonly<Record<string, ChildrenState>>>({});
  const activeKey = signal<string | undefined>(undefined);
  const rows = computed(() => deriveRows(response.value?.hits ?? [], expanded.value));
  const activeIndex = computed(() => (activeKey.value === undefined ? -1 : rows.value.findIndex((r) => r.key === activeKey.value)));

  // Detail
  const detail = signal<DetailState | undefined>(undefined);
  const detailHistory = signal<ReadonlyArray<{ system: CodeSystem; code: string }>>([]);
  const seventh = signal<string | undefined>(undefined);
  const built = signal<BuiltState>({ phase: 'none' });

  // Worksheet (in memory only: DESIGN.md §1, worksheets are persisted only if the user opts in)
  const worksheet = signal<readonly WorksheetEntry[]>([]);
  /** The entry that should hold focus after a keyboard move (its row re-renders in a new place). */
  const worksheetFocus = signal<{ key: string; seq: number } | undefined>(undefined);
  const canCopy = signal(copyToClipboard !== undefined);

  /** Every search gets a number; an answer is shown only if no newer search started since. */
  let searchSeq = 0;
  /** Bumped when the shown results change, so children answers for old results are dropped. */
  let resultsSeq = 0;
  let detailSeq = 0;
  let builtSeq = 0;
  let debounceTimer: ReturnType<typeof setTimeout> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let statusTimer: ReturnType<typeof setTimeout> | undefined;
  let connected = false;
  const waiting = new Set<() => void>();

  const clearTimer = (timer: ReturnType<typeof setTimeout> | undefined) => {
    if (timer !== undefined) clearTimeout(timer);
  };

  /** Run every request parked on "loading code sets" again. */
  const retryWaiting = () => {
    const pending = [...waiting];
    waiting.clear();
    for (const retry of pending) retry();
  };

  /** Ask again after `pollMs`, or as soon as the background says the code sets changed. */
  const park = (retry: () => void) => {
    waiting.add(retry);
    if (retryTimer === undefined) {
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        retryWaiting();
      }, pollMs);
    }
  };

  const runSearch = async () => {
    clearTimer(debounceTimer);
    debounceTimer = undefined;
    const id = ++searchSeq;
    const derived = deriveSearchRequest(
      {
        text: query.value,
        system: system.value,
        billableOnly: billableOnly.value,
        chapter: chapter.value,
        dateOfService: dateOfService.value,
      },
      limit,
    );
    if (!derived.ok) {
      phase.value = derived.reason === 'empty' ? 'idle' : 'bad-date';
      response.value = undefined;
      error.value = undefined;
      expanded.value = {};
      activeKey.value = undefined;
      resultsSeq++;
      return;
    }
    phase.value = 'searching';
    try {
      const reply = await client.search(derived.request);
      if (id !== searchSeq) return; // a newer search started: this answer is stale
      if (isLoadingReply(reply)) {
        codesets.value = reply.status;
        phase.value = 'waiting';
        park(() => {
          if (id === searchSeq) void runSearch();
        });
        return;
      }
      resultsSeq++;
      response.value = reply;
      answered.value = derived.request.text;
      expanded.value = {};
      activeKey.value = undefined;
      error.value = undefined;
      phase.value = 'done';
    } catch (err) {
      if (id !== searchSeq) return;
      error.value = errorText(err);
      phase.value = 'failed';
    }
  };

  const scheduleSearch = () => {
    clearTimer(debounceTimer);
    // Leaving the detail: typing means "show me results".
    detail.value = undefined;
    detailHistory.value = [];
    if (query.value.trim() === '') {
      void runSearch(); // clears at once, and cancels any answer on its way
      return;
    }
    debounceTimer = setTimeout(() => void runSearch(), debounceMs);
  };

  const loadChildren = async (row: Pick<ResultRow, 'system' | 'code'>) => {
    const key = expandKey(row.system, row.code);
    const results = resultsSeq;
    const date = dateOfService.value;
    expanded.value = { ...expanded.value, [key]: { phase: 'loading' } };
    const set = (state: ChildrenState) => {
      if (results !== resultsSeq || !expanded.value[key]) return; // results replaced or header closed meanwhile
      expanded.value = { ...expanded.value, [key]: state };
    };
    try {
      const reply = await client.children(row.system, row.code, date);
      if (isLoadingReply(reply)) {
        codesets.value = reply.status;
        set({ phase: 'waiting' });
        park(() => {
          if (results === resultsSeq && expanded.value[key]?.phase === 'waiting') void loadChildren(row);
        });
        return;
      }
      set({ phase: 'done', children: Array.isArray(reply) ? reply : [] });
    } catch (err) {
      set({ phase: 'failed', error: sidepanelMessages.childrenFailed(errorText(err)) });
    }
  };

  const toggleChildren = (row: ResultRow) => {
    if (!row.expandable) return;
    const key = expandKey(row.system, row.code);
    if (expanded.value[key]) {
      const { [key]: _closed, ...rest } = expanded.value;
      expanded.value = rest;
      // The active row may have been one of the children that just went away.
      if (activeKey.value?.startsWith(`${row.key}>`)) activeKey.value = row.key;
      return;
    }
    void loadChildren(row);
  };

  /**
   * An inpatient diagnosis on the CMS POA-exempt list gets `1` from the code set; any other waits for
   * the coder (the note rarely says "present on admission" in words a rule can trust).
   */
  const resolvePoa = async (entry: WorksheetEntry) => {
    if (!poaApplies(setting.value, entry) || entry.poa !== undefined) return;
    try {
      const reply = await client.lookup(entry.system, entry.code, dateOfService.value);
      if (isLoadingReply(reply) || !reply.poaExempt) return;
      const now = worksheet.value.find((e) => entryKey(e) === entryKey(entry));
      if (now && now.poa === undefined) worksheet.value = setEntryPoa(worksheet.value, entryKey(entry), '1', 'exempt-list');
    } catch {
      // The coder chooses the indicator; the lookup only saves a step.
    }
  };

  const addToWorksheet = (entry: WorksheetEntry) => {
    const next = addEntry(worksheet.value, entry);
    if (next === worksheet.value) {
      announcement.value = sidepanelMessages.alreadyAdded(entry.display);
      return;
    }
    worksheet.value = next;
    announcement.value = sidepanelMessages.added(entry.display, worksheet.value.length);
    void resolvePoa(entry);
  };

  const moved = (key: string, next: readonly WorksheetEntry[]) => {
    if (next === worksheet.value) return false;
    worksheet.value = next;
    const entry = next.find((e) => entryKey(e) === key);
    if (entry) {
      const sameKind = next.filter((e) => (e.system === 'icd10cm') === (entry.system === 'icd10cm'));
      announcement.value = sidepanelMessages.moved(entry.display, sameKind.indexOf(entry) + 1, sameKind.length);
    }
    worksheetFocus.value = { key, seq: (worksheetFocus.value?.seq ?? 0) + 1 };
    return true;
  };

  const loadBuilt = async (base: LookupResult, char: string) => {
    const id = ++builtSeq;
    const { code, display } = deriveSeventhCode(base.system, base.code, char);
    built.value = { phase: 'loading', char, code, display };
    try {
      const reply = await client.lookup(base.system, code, base.dateOfService);
      if (id !== builtSeq) return;
      if (isLoadingReply(reply)) {
        codesets.value = reply.status;
        park(() => {
          if (id === builtSeq) void loadBuilt(base, char);
        });
        return;
      }
      built.value = { phase: 'done', char, code, display, lookup: reply };
    } catch (err) {
      if (id !== builtSeq) return;
      built.value = { phase: 'failed', char, code, display, error: sidepanelMessages.lookupFailed(errorText(err)) };
    }
  };

  const loadDetail = async (sys: CodeSystem, code: string) => {
    const id = ++detailSeq;
    builtSeq++;
    seventh.value = undefined;
    built.value = { phase: 'none' };
    detail.value = { phase: 'loading', system: sys, code };
    try {
      const reply = await client.lookup(sys, code, dateOfService.value);
      if (id !== detailSeq) return;
      if (isLoadingReply(reply)) {
        codesets.value = reply.status;
        detail.value = { phase: 'waiting', system: sys, code };
        park(() => {
          if (id === detailSeq) void loadDetail(sys, code);
        });
        return;
      }
      detail.value = { phase: 'done', system: sys, code, lookup: reply };
    } catch (err) {
      if (id !== detailSeq) return;
      detail.value = { phase: 'failed', system: sys, code, error: sidepanelMessages.lookupFailed(errorText(err)) };
    }
  };

  const refreshStatus = async () => {
    statusTimer = undefined;
    try {
      codesets.value = await client.status();
    } catch {
      // The search answers with its own error; the status is only for the progress bar.
    }
    if (!connected) return;
    if (codesets.value?.state === 'loading') statusTimer = setTimeout(() => void refreshStatus(), pollMs);
    else retryWaiting();
  };

  const openDetail = (sys: CodeSystem, code: string) => {
    const current = detail.value;
    if (current) detailHistory.value = [...detailHistory.value, { system: current.system, code: current.code }];
    return loadDetail(sys, normalizeCode(code));
  };

  const rowEntry = (row: Pick<ResultRow, 'system' | 'code' | 'display' | 'title'>): WorksheetEntry => ({
    system: row.system,
    code: row.code,
    display: row.display,
    title: row.title,
    from: 'search',
  });

  /** Enter on a row: a billable code goes to the worksheet, a header opens its children, anything else its detail. */
  const activate = (row: ResultRow) => {
    activeKey.value = row.key;
    if (row.state === 'billable') addToWorksheet(rowEntry(row));
    else if (row.expandable) toggleChildren(row);
    else void openDetail(row.system, row.code);
  };

  return {
    dateOfService,
    setting,
    tab,
    codesets,
    announcement,
    query,
    system,
    billableOnly,
    chapter,
    phase,
    response,
    answered,
    error,
    expanded,
    activeKey,
    rows,
    activeIndex,
    detail,
    detailHistory,
    seventh,
    built,
    worksheet,
    worksheetFocus,
    searchFocus,
    canCopy,

    /** Start following the background's code-set state; returns the disconnect (called on unmount). */
    connect(): () => void {
      connected = true;
      const offChanged = client.onCodesetsChanged(() => {
        void refreshStatus();
        retryWaiting();
      });
      const offProgress = client.onProgress((progress: LoadProgressSummary) => {
        codesets.value = { ...(codesets.value ?? { versions: [] }), state: 'loading', progress };
      });
      void refreshStatus();
      return () => {
        connected = false;
        offChanged();
        offProgress();
        for (const timer of [debounceTimer, retryTimer, statusTimer]) clearTimer(timer);
        debounceTimer = retryTimer = statusTimer = undefined;
        waiting.clear();
      };
    },

    setQuery(text: string) {
      query.value = text;
      activeKey.value = undefined;
      scheduleSearch();
    },

    /** Search now (Enter with no active row, or a filter change). */
    searchNow: () => runSearch(),

    setSystem(value: SystemFilter) {
      system.value = value;
      void runSearch();
    },
    setBillableOnly(value: boolean) {
      billableOnly.value = value;
      void runSearch();
    },
    setChapter(value: string) {
      chapter.value = value;
      void runSearch();
    },
    setDateOfService(value: string) {
      dateOfService.value = value;
      void runSearch();
      // What a code means depends on the date: the open detail is read again for the new date.
      const current = detail.value;
      if (current && parseIsoDate(value)) void loadDetail(current.system, current.code);
    },
    setSetting(value: CareSetting) {
      setting.value = value;
      // Entering inpatient: diagnoses already on the worksheet may be POA-exempt.
      for (const entry of worksheet.value) void resolvePoa(entry);
    },
    setTab(value: PanelTab) {
      tab.value = value;
    },
    /** The "/" shortcut: the Search tab, caret in the search box. */
    focusSearch() {
      tab.value = 'search';
      searchFocus.value++;
    },

    /** Escape in the search box: clear the query and the results. */
    clear() {
      query.value = '';
      activeKey.value = undefined;
      scheduleSearch();
    },

    /** Arrow, Home/End, Page keys in the search box. */
    move(key: NavKey) {
      const next = deriveNextActive(activeIndex.value, rows.value.length, key);
      activeKey.value = next < 0 ? undefined : rows.value[next]?.key;
    },
    setActive(key: string | undefined) {
      activeKey.value = key;
    },

    /** Enter: act on the active row; with none, search now. Returns whether a row was acted on. */
    enter(): boolean {
      const row = rows.value[activeIndex.value];
      if (!row) {
        void runSearch();
        return false;
      }
      activate(row);
      return true;
    },
    activate,
    toggleChildren,

    /** → on a row, or a click: open the code's detail. */
    openActiveDetail(): boolean {
      const row = rows.value[activeIndex.value];
      if (!row) return false;
      void openDetail(row.system, row.code);
      return true;
    },
    openDetail,

    /** ← on an opened header closes it; on a child, moves to its parent. */
    collapseActive(): boolean {
      const row = rows.value[activeIndex.value];
      if (!row) return false;
      if (row.expandable && expanded.value[expandKey(row.system, row.code)]) {
        toggleChildren(row);
        return true;
      }
      const parentKey = row.key.includes('>') ? row.key.slice(0, row.key.lastIndexOf('>')) : undefined;
      if (parentKey) {
        activeKey.value = parentKey;
        return true;
      }
      return false;
    },

    /** Back: the previous detail, or the results. */
    back() {
      const history = detailHistory.value;
      const previous = history[history.length - 1];
      if (previous) {
        detailHistory.value = history.slice(0, -1);
        void loadDetail(previous.system, previous.code);
        return;
      }
      detailSeq++;
      builtSeq++;
      detail.value = undefined;
    },
    closeDetail() {
      detailSeq++;
      builtSeq++;
      detail.value = undefined;
      detailHistory.value = [];
    },

    chooseSeventh(char: string) {
      const current = detail.value;
      if (current?.phase !== 'done') return;
      seventh.value = char;
      void loadBuilt(current.lookup, char);
    },

    addToWorksheet,
    addRow(row: ResultRow) {
      if (row.state === 'billable') addToWorksheet(rowEntry(row));
      else announcement.value = sidepanelMessages.notBillable(row.display);
    },
    /** Add the code of the open detail, or the code built with the 7th character. */
    addLookup(lookup: LookupResult) {
      if (lookup.state !== 'billable') {
        announcement.value = sidepanelMessages.notBillable(lookup.display);
        return;
      }
      const entry: WorksheetEntry = {
        system: lookup.system,
        code: lookup.code,
        display: lookup.display,
        title: lookup.title ?? '',
        from: 'search',
      };
      // The lookup already says whether the code is POA-exempt.
      addToWorksheet(lookup.poaExempt && poaApplies(setting.value, entry) ? { ...entry, poa: '1', poaBy: 'exempt-list' } : entry);
    },
    removeFromWorksheet(entry: WorksheetEntry) {
      worksheet.value = removeEntry(worksheet.value, entryKey(entry));
      announcement.value = sidepanelMessages.removed(entry.display);
    },
    /** One place up (-1) or down (+1) among the codes of its kind; returns whether it moved. */
    moveInWorksheet(key: string, delta: -1 | 1): boolean {
      return moved(key, moveEntry(worksheet.value, key, delta));
    },
    /** Drag and drop: `key` takes the place of `targetKey`. */
    moveInWorksheetTo(key: string, targetKey: string): boolean {
      return moved(key, moveEntryTo(worksheet.value, key, targetKey));
    },
    setPoa(key: string, poa: PoaIndicator | undefined) {
      worksheet.value = setEntryPoa(worksheet.value, key, poa, 'coder');
      const entry = worksheet.value.find((e) => entryKey(e) === key);
      if (entry) announcement.value = poa ? sidepanelMessages.poaSet(entry.display, poa) : sidepanelMessages.poaCleared(entry.display);
    },
    /** Copy the worksheet (codes and titles only, never note text) as text or CSV. */
    async copyWorksheet(format: 'text' | 'csv'): Promise<boolean> {
      if (!copyToClipboard) return false;
      if (worksheet.value.length === 0) {
        announcement.value = sidepanelMessages.nothingToCopy;
        return false;
      }
      const entries = orderEntries(worksheet.value);
      const text =
        format === 'csv'
          ? worksheetCsv(entries, setting.value)
          : worksheetText(entries, { setting: setting.value, dateOfService: dateOfService.value });
      try {
        await copyToClipboard(text);
        announcement.value = sidepanelMessages.copied(format === 'csv' ? 'CSV' : 'text');
        return true;
      } catch (err) {
        announcement.value = sidepanelMessages.copyFailed(errorText(err));
        return false;
      }
    },
  };
});

export type SidePanelModel = InstanceType<typeof SidePanelModel>;
