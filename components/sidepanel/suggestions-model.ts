/**
 * The Suggestions tab in one signal model (STYLE.md, convention 7): the analysis of the note in the
 * active tab (or of pasted text), the coder's context flips, accept / reject, and the keyboard's
 * active suggestion. It talks to an `AnalysisClient` and to the panel's model (setting, date of
 * service, worksheet, announcements), never to `browser.*`. Grouping, ordering, overrides, evidence
 * and worksheet entries are pure `derive…()` functions exported below and tested without rendering.
 */
import { computed, createModel, effect, signal, untracked } from '@preact/signals';
import { parseIsoDate } from '../../utils/codes/dates';
import type { AnalysisSettings, ContextLabel, NotCodedReason, Suggestion } from '../../utils/coding/types';
import { type CodesetStatus, EHR_TEXT_MAX } from '../../utils/messaging';
import type { Span } from '../../utils/nlp/types';
import { entryKey, type WorksheetEntry } from '../../utils/worksheet/worksheet';
import { type AnalysisClient, type AnalysisReply, type AnalysisView, type ContextOverrides, isEmptyReply } from './analysis-client';
import { isLoadingReply } from './client';
import { clampQuery, type SidePanelModel, sidepanelMessages } from './model';

export const SUGGESTIONS_DEFAULTS = Object.freeze({
  /** How soon to ask again while the background answers "loading code sets". */
  pollMs: 500,
  /** The protocol's cap on note text; a longer paste is cut, not refused. */
  maxPasteChars: EHR_TEXT_MAX,
  /** Longest evidence snippet shown (the whole span is still highlighted in the page). */
  evidenceChars: 120,
  /** Evidence snippets shown per suggestion before "+ n more". */
  evidenceShown: 4,
});

export const suggestionMessages = {
  reading: 'Reading the note…',
  updating: 'Updating the suggestions…',
  waitingForCodesets: 'Loading code sets… the note is analysed as soon as they are ready.',
  badDate: 'Enter a valid date of service to see suggestions.',
  failed: (why: string) => `Analysis failed: ${why}`,
  nothingFound: 'No codable conditions or procedures were found in this text.',
  fromPage: (title: string) => `Note in the page: ${title}`,
  fromPaste: 'Pasted text (kept in memory only)',
  pageChanged: 'The note in the page changed since you pasted text.',
  settingHint: (setting: string, cues: string) => `This note reads as ${setting} (${cues}).`,
  useSetting: (setting: string) => `Use ${setting}`,
  pasteEmpty: 'Paste the note text first.',
  pasteChanged: 'The pasted text changed since it was analysed: analyse it again to point at the evidence.',
  highlighted: (text: string) => `Showing “${text}” in the page.`,
  highlightFailed: 'The page could not show this evidence (the note may have changed, or the tab closed).',
  rejected: (display: string) => `Rejected ${display}. Press u or choose Undo to bring it back.`,
  dismissed: (name: string) => `Dismissed ${name}. Press u or choose Undo to bring it back.`,
  restored: (display: string) => `Restored ${display}.`,
  chooseCompletion: (display: string) => `Choose a completion for ${display} first.`,
  noCompletions: (display: string) => `${display} needs more characters: search for it to choose a billable code.`,
  noCode: (name: string) => `${name} has no code to accept: query the provider for the condition meant.`,
  contextChanged: (display: string, label: string, now: string) => `Context of ${display} set to ${label}: ${now}.`,
  nowIn: (display: string, group: string) => `now ${display} in ${group}`,
  nowGone: 'no code now',
} as const;

// ---------------------------------------------------------------------------------------------
// Labels (data)

/** ConText labels in the coder's words (the select that flips them). */
export const CONTEXT_LABELS: Readonly<Record<ContextLabel, string>> = {
  affirmed: 'Affirmed (present)',
  negated: 'Negated (absent)',
  possible: 'Possible (uncertain)',
  historical: 'History (past)',
  hypothetical: 'Hypothetical (if, in future)',
  family: 'Family member',
  other: 'Someone else',
};
export const CONTEXT_ORDER: readonly ContextLabel[] = ['affirmed', 'negated', 'possible', 'historical', 'hypothetical', 'family', 'other'];

/** Why a mention is listed but not coded, in plain words with the guideline behind it. */
export const NOT_CODED_REASONS: Readonly<Record<NotCodedReason, string>> = {
  negated: 'Documented as absent (negated).',
  'ruled-out': 'Ruled out.',
  'uncertain-outpatient': 'Uncertain diagnosis in an outpatient setting: code the symptoms instead (Guidelines IV.H).',
  hypothetical: 'A possibility, not a current condition (hypothetical).',
  'other-experiencer': 'About someone other than the patient.',
  'integral-symptom': 'A symptom integral to a confirmed diagnosis (Guidelines I.B.5).',
  'history-no-code': 'A past condition with no personal-history code.',
  'before-this-stay': 'A procedure done before this stay: its status or history code is listed instead.',
  'not-valid-on-date': 'Not valid on the date of service.',
  'superseded-by-combination': 'Included in a combination code (Guidelines I.B.9).',
  'less-specific': 'The note supports a more specific code, listed instead (Guidelines I.B.2).',
  'included-in-other-code': 'Already said by another code on the list (a status beside its complication, an allergy beside its drug).',
  // notFindings (coding.json) is wider than goals and wounds: specimens, tests, treatments, anatomy ("blood and urine cultures").
  'not-a-finding':
    'Named, not found: the words name something else here (a test or its specimen, a treatment, a goal, a measurement, an anatomical term), not a condition of the patient (Guidelines I.B.4-5, III.B).',
  'other-clinician': 'Documented only by another clinician (nursing, dietitian, therapy): query the provider (Guidelines I.B.14).',
  'no-code-query':
    'A nonspecific term the Index gives no code (such as urosepsis): query the provider for the condition meant (Guidelines I.C.1.d.1.a.ii).',
  'no-code-set-for-date': 'No code set loaded for the date of service: import it on the options page to verify and code this.',
};

export type GroupId = 'diagnoses' | 'procedures' | 'incomplete' | 'conflicts' | 'not-coded';

export const SUGGESTION_GROUPS: ReadonlyArray<{ id: GroupId; label: string; help: string }> = [
  { id: 'diagnoses', label: 'Diagnoses', help: '' },
  { id: 'procedures', label: 'Procedures', help: '' },
  { id: 'incomplete', label: 'Incomplete', help: 'These codes need more characters: choose a completion, then accept.' },
  { id: 'conflicts', label: 'Conflicts', help: 'Excludes1: these codes are not reported together. Keep one, or query the provider.' },
  {
    id: 'not-coded',
    label: 'Not coded',
    help: 'Found in the note but not coded under the guidelines. Flip the context if the note was read wrongly.',
  },
];

// ---------------------------------------------------------------------------------------------
// Pure derivations (tested without rendering)

export function groupOf(suggestion: Pick<Suggestion, 'status' | 'kind'>): GroupId {
  switch (suggestion.status) {
    case 'incomplete':
      return 'incomplete';
    case 'conflict':
      return 'conflicts';
    case 'not-coded':
      return 'not-coded';
    default:
      return suggestion.kind === 'procedure' ? 'procedures' : 'diagnoses';
  }
}

/**
 * Rejections are by code: a rejected code stays hidden when the analysis runs again. A code-less item
 * (each query term its own, code '') is keyed by its title, so dismissing one term hides no other.
 */
export const suggestionBaseKey = (s: Pick<Suggestion, 'system' | 'code' | 'title'>) =>
  s.code === '' ? `${s.system}:term:${s.title}` : `${s.system}:${s.code}`;

export interface SuggestionItem {
  /** Unique in one analysis: `icd10cm:I10`, then `icd10cm:I10#2` for a second suggestion of the same code. */
  key: string;
  baseKey: string;
  group: GroupId;
  suggestion: Suggestion;
}

export interface SuggestionGroupView {
  id: GroupId;
  label: string;
  help: string;
  items: SuggestionItem[];
}

/** Every suggestion with a stable, unique key, in the analysis's order. */
export function deriveSuggestionItems(suggestions: readonly Suggestion[]): SuggestionItem[] {
  const seen = new Map<string, number>();
  return suggestions.map((suggestion) => {
    const baseKey = suggestionBaseKey(suggestion);
    const n = (seen.get(baseKey) ?? 0) + 1;
    seen.set(baseKey, n);
    return { key: n === 1 ? baseKey : `${baseKey}#${n}`, baseKey, group: groupOf(suggestion), suggestion };
  });
}

/** The groups in their fixed order (empty ones left out), best score first, rejected codes hidden. */
export function deriveSuggestionGroups(suggestions: readonly Suggestion[], rejected: readonly string[] = []): SuggestionGroupView[] {
  const hidden = new Set(rejected);
  const items = deriveSuggestionItems(suggestions).filter((item) => !hidden.has(item.baseKey));
  return SUGGESTION_GROUPS.map((group) => ({
    ...group,
    // Array.prototype.sort is stable: equal scores keep the analysis's order (etiology before manifestation).
    items: items.filter((item) => item.group === group.id).sort((a, b) => b.suggestion.score - a.suggestion.score),
  })).filter((group) => group.items.length > 0);
}

/** Rejected suggestions, most recently rejected first (for the Undo list). */
export function deriveRejectedItems(suggestions: readonly Suggestion[], rejected: readonly string[]): SuggestionItem[] {
  const items = deriveSuggestionItems(suggestions);
  return [...rejected].reverse().flatMap((baseKey) => items.filter((item) => item.baseKey === baseKey).slice(0, 1));
}

/** The order j / k walk: the groups as shown; a collapsed Not coded group is skipped. */
export function deriveNavOrder(groups: readonly SuggestionGroupView[], notCodedOpen: boolean): string[] {
  return groups.filter((g) => g.id !== 'not-coded' || notCodedOpen).flatMap((g) => g.items.map((item) => item.key));
}

/** Next (+1) or previous (-1) key; from none, the first (or the last going back); stops at the ends. */
export function deriveNextKey(order: readonly string[], current: string | undefined, delta: 1 | -1): string | undefined {
  if (order.length === 0) return undefined;
  const at = current === undefined ? -1 : order.indexOf(current);
  if (at < 0) return delta > 0 ? order[0] : order[order.length - 1];
  return order[Math.min(order.length - 1, Math.max(0, at + delta))];
}

/** After the list changed: keep the active key if it is still there, else the one now at its place. */
export function deriveKeptActive(before: readonly string[], after: readonly string[], active: string | undefined): string | undefined {
  if (after.length === 0) return undefined;
  if (active !== undefined && after.includes(active)) return active;
  const at = active === undefined ? 0 : Math.max(0, before.indexOf(active));
  return after[Math.min(at, after.length - 1)];
}

/** The coder's flip of one suggestion: every mention it rests on gets the label. */
export function deriveOverrides(
  overrides: ContextOverrides,
  suggestion: Pick<Suggestion, 'mentionIds'>,
  label: ContextLabel,
): Record<string, ContextLabel> {
  const next: Record<string, ContextLabel> = { ...overrides };
  for (const id of suggestion.mentionIds) next[id] = label;
  return next;
}

/** Whether the coder flipped this suggestion's context. */
export function isOverridden(overrides: ContextOverrides, suggestion: Pick<Suggestion, 'mentionIds'>): boolean {
  return suggestion.mentionIds.length > 0 && suggestion.mentionIds.every((id) => Object.hasOwn(overrides, id));
}

/**
 * The spans to highlight for a click on evidence `clicked`: that one first (the page scrolls to the
 * first), then the suggestion's other evidence in text order; malformed and repeated spans dropped.
 */
export function deriveEvidenceSpans(suggestion: Pick<Suggestion, 'evidence'>, clicked = 0): Span[] {
  const valid = suggestion.evidence
    .map((e, i) => ({ i, start: e.start, end: e.end }))
    .filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.start >= 0 && e.end >= e.start);
  const first = valid.find((e) => e.i === clicked);
  const rest = valid.filter((e) => e !== first).sort((a, b) => a.start - b.start || a.end - b.end);
  const spans: Span[] = [];
  for (const e of first ? [first, ...rest] : rest) {
    if (!spans.some((s) => s.start === e.start && s.end === e.end)) spans.push({ start: e.start, end: e.end });
  }
  return spans;
}

export interface EvidenceSnippet {
  index: number;
  /** One line, cut to `maxChars` (plain text: rendered as text, never markup). */
  text: string;
}

export function deriveEvidenceSnippets(
  suggestion: Pick<Suggestion, 'evidence'>,
  maxChars: number = SUGGESTIONS_DEFAULTS.evidenceChars,
  maxShown: number = SUGGESTIONS_DEFAULTS.evidenceShown,
): { snippets: EvidenceSnippet[]; more: number } {
  const all = suggestion.evidence
    .map((e, index) => ({
      index,
      text: String(e.text ?? '')
        .replace(/\s+/g, ' ')
        .trim(),
    }))
    .filter((e) => e.text !== '');
  return {
    snippets: all
      .slice(0, maxShown)
      .map((e) => ({ index: e.index, text: e.text.length > maxChars ? `${clampQuery(e.text, maxChars - 1)}…` : e.text })),
    more: Math.max(0, all.length - maxShown),
  };
}

export type EntryDerivation =
  | { ok: true; entry: WorksheetEntry }
  | { ok: false; problem: 'choose' | 'no-completions' | 'not-billable' | 'no-code'; display: string };

/**
 * The worksheet entry an accepted suggestion makes: itself, or for an incomplete code the completion
 * chosen. Codes not billable on the date are refused, as in search.
 */
/** An item that names no code: a nonspecific term listed for a query (NotCodedReason 'no-code-query'). */
export const isCodeless = (suggestion: Suggestion): boolean => suggestion.code === '';

/**
 * How messages name an item: its code, or for a code-less item its quoted title (its display is a
 * dash, and "Rejected —." tells the coder nothing).
 */
export const deriveItemName = (suggestion: Suggestion): string => (isCodeless(suggestion) ? `“${suggestion.title}”` : suggestion.display);

export function deriveWorksheetEntry(suggestion: Suggestion, chosen?: string): EntryDerivation {
  const base = { system: suggestion.system, from: 'suggestion' as const };
  // A term the Index gives no code (urosepsis) is a query to the provider, never a worksheet entry.
  if (isCodeless(suggestion)) return { ok: false, problem: 'no-code', display: deriveItemName(suggestion) };
  if (suggestion.status === 'incomplete' || suggestion.state === 'header') {
    const choices = suggestion.choices ?? [];
    if (choices.length === 0) return { ok: false, problem: 'no-completions', display: suggestion.display };
    const choice = choices.find((c) => c.code === chosen);
    if (!choice) return { ok: false, problem: 'choose', display: suggestion.display };
    return { ok: true, entry: { ...base, code: choice.code, display: choice.display, title: choice.title } };
  }
  if (suggestion.state !== 'billable') return { ok: false, problem: 'not-billable', display: suggestion.display };
  return { ok: true, entry: { ...base, code: suggestion.code, display: suggestion.display, title: suggestion.title } };
}

/** The codes an Excludes1 conflict names, with their titles when they are among the suggestions. */
export function deriveConflicts(
  suggestion: Suggestion,
  all: readonly Suggestion[],
): Array<{ code: string; display: string; title: string }> {
  return (suggestion.conflictsWith ?? []).map((code) => {
    const other = all.find((s) => s.code === code && s.system === suggestion.system);
    return { code, display: other?.display ?? code, title: other?.title ?? '' };
  });
}

export type AnalysisPhase = 'idle' | 'working' | 'loading' | 'done' | 'empty' | 'failed' | 'bad-date';

/** The one line above the suggestions: what is happening, or why nothing is shown. */
export function deriveAnalysisStatus(
  phase: AnalysisPhase,
  view: AnalysisView | undefined,
  error?: string,
): { text: string; tone: 'info' | 'error' | 'empty'; busy: boolean } {
  switch (phase) {
    case 'idle':
    case 'working':
      return { text: view ? suggestionMessages.updating : suggestionMessages.reading, tone: 'info', busy: true };
    case 'loading':
      return { text: suggestionMessages.waitingForCodesets, tone: 'info', busy: true };
    case 'bad-date':
      return { text: suggestionMessages.badDate, tone: 'error', busy: false };
    case 'failed':
      return { text: suggestionMessages.failed(error ?? 'no answer'), tone: 'error', busy: false };
    case 'empty':
      return { text: '', tone: 'empty', busy: false };
    case 'done':
      return {
        text: view && view.result.suggestions.length === 0 ? suggestionMessages.nothingFound : '',
        tone: view && view.result.suggestions.length === 0 ? 'empty' : 'info',
        busy: false,
      };
  }
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------------------------------------
// The model

export interface SuggestionsSettings {
  pollMs?: number;
}

type Job = { kind: 'current' } | { kind: 'reanalyze' } | { kind: 'paste'; text: string };

export const SuggestionsModel = createModel((analysis: AnalysisClient, panel: SidePanelModel, settings: SuggestionsSettings = {}) => {
  const pollMs = settings.pollMs ?? SUGGESTIONS_DEFAULTS.pollMs;

  const phase = signal<AnalysisPhase>('idle');
  const view = signal<AnalysisView | undefined>(undefined);
  const emptyReason = signal('');
  const error = signal<string | undefined>(undefined);
  const loadingStatus = signal<CodesetStatus | undefined>(undefined);
  /** The coder's context flips for the text shown (mention ids are only stable for one text). */
  const overrides = signal<ContextOverrides>({});
  /** Rejected codes (base keys), oldest first. */
  const rejected = signal<readonly string[]>([]);
  /** Chosen completion per incomplete suggestion (item key → code). */
  const choices = signal<Readonly<Record<string, string>>>({});
  const activeKey = signal<string | undefined>(undefined);
  /** Bumped when the keyboard moved the active suggestion: the list moves focus to it. */
  const itemFocus = signal(0);
  /** Bumped when accept needs a completion: the item's completion select takes focus. */
  const choiceFocus = signal<{ key: string; seq: number } | undefined>(undefined);
  const notCodedOpen = signal(false);
  // The paste box: in memory only, never stored or sent anywhere but to the analysis.
  const pasteText = signal('');
  /** The text the shown paste analysis ran on (evidence offsets point into it). */
  const analysedPaste = signal<string | undefined>(undefined);
  /** Evidence to select in the paste box (a pasted text has no page to highlight). */
  const pasteSelection = signal<(Span & { seq: number }) | undefined>(undefined);
  /** The page's note changed while pasted text is shown. */
  const pageChanged = signal(false);
  /** The source last asked for: the page's note, or pasted text. */
  const sourceKind = signal<'page' | 'paste'>('page');

  const suggestions = computed(() => view.value?.result.suggestions ?? []);
  const groups = computed(() => deriveSuggestionGroups(suggestions.value, rejected.value));
  const order = computed(() => deriveNavOrder(groups.value, notCodedOpen.value));
  const items = computed(() => new Map(groups.value.flatMap((g) => g.items.map((item) => [item.key, item] as const))));
  const rejectedItems = computed(() => deriveRejectedItems(suggestions.value, rejected.value));
  const onWorksheet = computed(() => new Set(panel.worksheet.value.map(entryKey)));
  const status = computed(() => deriveAnalysisStatus(phase.value, view.value, error.value));

  let seq = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let connected = false;
  /** Switch to this tab on the first note, unless the coder went elsewhere first. */
  let autoSwitch = true;
  let flipPending: { mentionIds: string[]; display: string; label: ContextLabel; key: string } | undefined;

  const announce = (text: string) => {
    panel.announcement.value = text;
  };

  const settingsNow = (): AnalysisSettings | undefined => {
    const date = parseIsoDate(panel.dateOfService.value);
    return date ? { setting: panel.setting.value, dateOfService: date } : undefined;
  };

  const resetForNewText = () => {
    overrides.value = {};
    rejected.value = [];
    choices.value = {};
    activeKey.value = undefined;
    pageChanged.value = false;
    flipPending = undefined;
  };

  const applyView = (next: AnalysisView, job: Job) => {
    const before = order.value;
    view.value = next;
    phase.value = 'done';
    error.value = undefined;
    if (job.kind === 'paste') analysedPaste.value = job.text;
    if (next.source.kind === 'page') analysedPaste.value = undefined;
    // Completions chosen for codes that are gone are dropped.
    const keys = new Set(deriveSuggestionItems(next.result.suggestions).map((item) => item.key));
    choices.value = Object.fromEntries(Object.entries(choices.value).filter(([key]) => keys.has(key)));

    const flip = flipPending;
    flipPending = undefined;
    if (flip) {
      // Follow the flipped suggestion to wherever the rules put it now.
      const now = [...items.value.values()].find((item) => item.suggestion.mentionIds.some((id) => flip.mentionIds.includes(id)));
      const group = SUGGESTION_GROUPS.find((g) => g.id === now?.group);
      if (now?.group === 'not-coded') notCodedOpen.value = true;
      announce(
        suggestionMessages.contextChanged(
          flip.display,
          CONTEXT_LABELS[flip.label],
          now && group ? suggestionMessages.nowIn(now.suggestion.display, group.label) : suggestionMessages.nowGone,
        ),
      );
      activeKey.value = now?.key ?? deriveKeptActive(before, order.value, flip.key);
      if (activeKey.value !== flip.key) itemFocus.value++;
      return;
    }
    activeKey.value = deriveKeptActive(before, order.value, activeKey.value);

    if (autoSwitch && next.source.kind === 'page') {
      autoSwitch = false;
      // The panel opened on a note: its suggestions first (DESIGN.md §8), unless the coder is already busy.
      if (panel.tab.value === 'search' && panel.query.value.trim() === '' && panel.detail.value === undefined) {
        panel.setTab('suggestions');
        activeKey.value = order.value[0];
        itemFocus.value++;
      }
    }
  };

  const run = async (job: Job): Promise<void> => {
    if (pollTimer !== undefined) clearTimeout(pollTimer);
    pollTimer = undefined;
    const id = ++seq;
    const analysisSettings = settingsNow();
    if (!analysisSettings) {
      phase.value = 'bad-date';
      return;
    }
    phase.value = 'working';
    if (job.kind !== 'reanalyze') sourceKind.value = job.kind === 'paste' ? 'paste' : 'page';
    try {
      let reply: AnalysisReply;
      if (job.kind === 'paste') {
        const result = await analysis.analyzeText(job.text, analysisSettings);
        reply = isLoadingReply(result) ? result : { result, source: { kind: 'paste', title: 'Pasted text' } };
      } else if (job.kind === 'reanalyze') {
        reply = await analysis.reanalyze(analysisSettings, overrides.value);
      } else {
        reply = await analysis.current(analysisSettings);
      }
      if (id !== seq) return; // a newer request started: this answer is stale
      if (isLoadingReply(reply)) {
        loadingStatus.value = reply.status;
        phase.value = 'loading';
        if (connected) {
          pollTimer = setTimeout(() => {
            pollTimer = undefined;
            if (id === seq) void run(job);
          }, pollMs);
        }
        return;
      }
      loadingStatus.value = undefined;
      if (isEmptyReply(reply)) {
        view.value = undefined;
        emptyReason.value = String(reply.reason ?? '');
        phase.value = 'empty';
        return;
      }
      applyView(reply, job);
    } catch (err) {
      if (id !== seq) return;
      error.value = errorText(err);
      phase.value = 'failed';
    }
  };

  /** Settings changed, or "try again": the same text again (page or paste), with the flips. */
  const refresh = () => run(view.value ? { kind: 'reanalyze' } : { kind: 'current' });

  const readPage = () => {
    resetForNewText();
    return run({ kind: 'current' });
  };

  const onPageUpdated = () => {
    if (view.value?.source.kind === 'paste') {
      pageChanged.value = true;
      return;
    }
    void readPage();
  };

  const itemOf = (key: string | undefined) => (key === undefined ? undefined : items.value.get(key));

  return {
    phase,
    view,
    emptyReason,
    error,
    loadingStatus,
    overrides,
    rejected,
    choices,
    activeKey,
    itemFocus,
    choiceFocus,
    notCodedOpen,
    pasteText,
    analysedPaste,
    pasteSelection,
    pageChanged,
    sourceKind,
    suggestions,
    groups,
    order,
    items,
    rejectedItems,
    onWorksheet,
    status,

    /** Analyse the page now, and again whenever its note, the setting or the date changes; returns the disconnect. */
    connect(): () => void {
      connected = true;
      const initialTab = panel.tab.value;
      const offUpdated = analysis.onUpdated(onPageUpdated);
      const stopTabWatch = effect(() => {
        if (panel.tab.value !== initialTab && phase.peek() !== 'done') autoSwitch = false;
      });
      let first = true;
      const stopSettingsWatch = effect(() => {
        void panel.setting.value;
        void panel.dateOfService.value;
        untracked(() => {
          if (first) {
            first = false;
            void readPage();
          } else void refresh();
        });
      });
      return () => {
        connected = false;
        seq++; // answers still on their way are dropped
        offUpdated();
        stopTabWatch();
        stopSettingsWatch();
        if (pollTimer !== undefined) clearTimeout(pollTimer);
        pollTimer = undefined;
      };
    },

    refresh,
    /** Back to the page's note (after pasted text, or when its note changed). */
    readPage,

    setPasteText(text: string) {
      pasteText.value = text;
    },
    analyzePaste() {
      const text = clampQuery(pasteText.value, SUGGESTIONS_DEFAULTS.maxPasteChars);
      if (text.trim() === '') {
        announce(suggestionMessages.pasteEmpty);
        return Promise.resolve();
      }
      resetForNewText();
      return run({ kind: 'paste', text });
    },

    setActive(key: string | undefined) {
      activeKey.value = key;
    },
    /** j / k, ↓ / ↑: the next or previous suggestion, focused. */
    move(delta: 1 | -1) {
      const next = deriveNextKey(order.value, activeKey.value, delta);
      if (next === undefined) return;
      activeKey.value = next;
      itemFocus.value++;
    },
    toggleNotCoded() {
      notCodedOpen.value = !notCodedOpen.value;
    },
    choose(key: string, code: string) {
      choices.value = { ...choices.value, [key]: code };
    },

    /** Accept a suggestion onto the worksheet; `advance` moves on to the next one (keyboard). */
    accept(key: string | undefined = activeKey.value, advance = false): boolean {
      const item = itemOf(key);
      if (!item) return false;
      const made = deriveWorksheetEntry(item.suggestion, choices.value[item.key]);
      if (!made.ok) {
        if (made.problem === 'choose') {
          announce(suggestionMessages.chooseCompletion(made.display));
          choiceFocus.value = { key: item.key, seq: (choiceFocus.value?.seq ?? 0) + 1 };
        } else if (made.problem === 'no-completions') announce(suggestionMessages.noCompletions(made.display));
        else if (made.problem === 'no-code') announce(suggestionMessages.noCode(made.display));
        else announce(sidepanelMessages.notBillable(made.display));
        return false;
      }
      panel.addToWorksheet(made.entry);
      if (advance) {
        activeKey.value = deriveNextKey(order.value, item.key, 1);
        itemFocus.value++;
      }
      return true;
    },

    /** Hide a suggestion (its code, for this text); the next one becomes active and focused. Undo brings it back. */
    reject(key: string | undefined = activeKey.value): boolean {
      const item = itemOf(key);
      if (!item) return false;
      const before = order.value;
      const at = before.indexOf(item.key);
      const remaining = before.filter((k) => itemOf(k)?.baseKey !== item.baseKey);
      rejected.value = [...rejected.value.filter((k) => k !== item.baseKey), item.baseKey];
      // A code-less item is dismissed (its button says so), not rejected.
      const name = deriveItemName(item.suggestion);
      announce(isCodeless(item.suggestion) ? suggestionMessages.dismissed(name) : suggestionMessages.rejected(name));
      // Its row goes away (with the focus, if it had it): the next one takes both.
      activeKey.value = before.slice(at + 1).find((k) => remaining.includes(k)) ?? remaining[remaining.length - 1];
      itemFocus.value++;
      return true;
    },

    /** Bring back a rejected code (the last one rejected by default) and make it active. */
    undoReject(baseKey: string | undefined = rejected.value[rejected.value.length - 1]): boolean {
      if (baseKey === undefined || !rejected.value.includes(baseKey)) return false;
      rejected.value = rejected.value.filter((k) => k !== baseKey);
      const item = [...items.value.values()].find((i) => i.baseKey === baseKey);
      if (item) {
        if (item.group === 'not-coded') notCodedOpen.value = true;
        activeKey.value = item.key;
        itemFocus.value++;
        announce(suggestionMessages.restored(deriveItemName(item.suggestion)));
      }
      return true;
    },

    /** The coder says the note was read wrongly: analyse again with this context for the suggestion's mentions. */
    flipContext(key: string, label: ContextLabel) {
      const item = itemOf(key);
      if (!item || (item.suggestion.context === label && !isOverridden(overrides.value, item.suggestion))) return Promise.resolve();
      overrides.value = deriveOverrides(overrides.value, item.suggestion, label);
      flipPending = { mentionIds: item.suggestion.mentionIds, display: item.suggestion.display, label, key: item.key };
      activeKey.value = item.key;
      return run({ kind: 'reanalyze' });
    },

    /** Show one piece of evidence: highlighted in the page, or selected in the paste box. */
    async highlightEvidence(key: string, index: number): Promise<boolean> {
      const item = itemOf(key);
      const current = view.value;
      if (!item || !current) return false;
      activeKey.value = item.key;
      const spans = deriveEvidenceSpans(item.suggestion, index);
      const first = spans[0];
      if (!first) return false;
      if (current.source.kind === 'paste') {
        if (analysedPaste.value === undefined || analysedPaste.value !== pasteText.value) {
          announce(suggestionMessages.pasteChanged);
          return false;
        }
        pasteSelection.value = { start: first.start, end: first.end, seq: (pasteSelection.value?.seq ?? 0) + 1 };
        return true;
      }
      let shown = false;
      try {
        shown = await analysis.highlight(spans);
      } catch {
        shown = false;
      }
      const evidence = item.suggestion.evidence[index];
      if (shown) {
        announce(suggestionMessages.highlighted(deriveEvidenceSnippets({ evidence: evidence ? [evidence] : [] }).snippets[0]?.text ?? ''));
        return true;
      }
      // A changed note arrives through onUpdated; re-reading here would drop the coder's flips and rejections.
      announce(suggestionMessages.highlightFailed);
      return false;
    },
  };
});

export type SuggestionsModel = InstanceType<typeof SuggestionsModel>;
