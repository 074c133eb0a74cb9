/**
 * State of the practice page in one signal model; the components only display it (STYLE.md,
 * convention 7). The model talks to interfaces, never to `browser.*`: a `SearchClient` (the side
 * panel's, reused with its own model for the index-first search), a `PracticeClient` (the engine's
 * suggestions) and a `ProgressStore` (attempts on this device). Tests swap in mocks for all three.
 * Everything worth testing without rendering is a pure `derive…()` function exported below.
 */
import { computed, createModel, signal } from '@preact/signals';
import type { LookupResult } from '../../utils/codes/catalog';
import { normalizeCode } from '../../utils/codes/code-format';
import type { Setting, Suggestion } from '../../utils/coding/types';
import { allCases, type CaseFilter, caseById, filterCases } from '../../utils/practice/cases';
import { CHAPTERS, type ChapterId, chapterById } from '../../utils/practice/chapters';
import { compareWithEngine, type EngineComparison } from '../../utils/practice/compare';
import { practiceViewMessages } from '../../utils/practice/messages';
import {
  type Attempt,
  addAttempt,
  attemptFromReport,
  type ChapterProgress,
  parseAttempts,
  progressByChapter,
  progressCsv,
  suggestNext,
} from '../../utils/practice/progress';
import type { Difficulty, PracticeCase } from '../../utils/practice/schema';
import { type CodeLookup, SCORING, type ScoreReport, scoreAttempt } from '../../utils/practice/scoring';
import { isLoadingReply, type SearchClient } from '../sidepanel/client';
import { SidePanelModel, type WorksheetEntry } from '../sidepanel/model';
import type { PracticeClient } from './client';
import type { SaveFile } from './download';
import type { ProgressStore } from './storage';

export type PracticeTab = 'cases' | 'page' | 'progress';

export const PRACTICE_TABS: ReadonlyArray<{ id: PracticeTab; label: string }> = [
  { id: 'cases', label: 'Cases' },
  { id: 'page', label: 'Practice on this page' },
  { id: 'progress', label: 'Progress' },
];

export const DIFFICULTY_LABELS: Readonly<Record<Difficulty, string>> = {
  beginner: 'Beginner',
  intermediate: 'Intermediate',
  advanced: 'Advanced',
};
export const SETTING_LABELS: Readonly<Record<Setting, string>> = { outpatient: 'Outpatient', inpatient: 'Inpatient' };

export const PRACTICE_DEFAULTS = Object.freeze({
  csvName: (today: string) => `chartcode-practice-progress-${today}.csv`,
  csvType: 'text/csv;charset=utf-8',
  /** How many attempts the attempts table lists (the CSV has them all). */
  attemptRows: 50,
});

// ---------------------------------------------------------------------------------------------
// Pure derivations (tested without rendering)

export interface ChapterOption {
  id: ChapterId;
  label: string;
  count: number;
}

/** The chapter filter: chapters that have cases, in Tabular order, with how many. */
export function deriveChapterOptions(cases: readonly PracticeCase[]): ChapterOption[] {
  return CHAPTERS.flatMap((ch) => {
    const count = cases.filter((c) => c.chapters.includes(ch.id)).length;
    return count === 0 ? [] : [{ id: ch.id, label: `${ch.number}. ${ch.title} (${count})`, count }];
  });
}

export interface CaseRow {
  id: string;
  title: string;
  meta: string;
  chapters: string;
  attempts: number;
  best?: number;
}

/** The case list: title, setting and difficulty, chapters, and the student's best score so far. */
export function deriveCaseRows(cases: readonly PracticeCase[], attempts: readonly Attempt[]): CaseRow[] {
  return cases.map((c) => {
    const mine = attempts.filter((a) => a.caseId === c.id);
    return {
      id: c.id,
      title: c.title,
      meta: `${SETTING_LABELS[c.setting]} · ${DIFFICULTY_LABELS[c.difficulty]}`,
      chapters: c.chapters.map((id) => chapterById(id).title).join('; '),
      attempts: mine.length,
      ...(mine.length > 0 ? { best: Math.max(...mine.map((a) => a.score)) } : {}),
    };
  });
}

/** The worksheet as scoring reads it: ICD-10-CM codes in order; other code sets are set aside. */
export function deriveStudentCodes(entries: readonly WorksheetEntry[]): { scored: string[]; ignored: string[] } {
  return {
    scored: entries.filter((e) => e.system === 'icd10cm').map((e) => e.display),
    ignored: entries.filter((e) => e.system !== 'icd10cm').map((e) => e.display),
  };
}

/** The list with the item at `index` moved by `delta` places (clamped); the same list when nothing moves. */
export function moveItem<T>(list: readonly T[], index: number, delta: number): readonly T[] {
  const to = Math.max(0, Math.min(list.length - 1, index + delta));
  if (index < 0 || index >= list.length || to === index) return list;
  const next = [...list];
  const [item] = next.splice(index, 1) as [T];
  next.splice(to, 0, item);
  return next;
}

export interface ScoreParts {
  codes: { earned: number; possible: number; points: number; weight: number };
  sequencing: { earned: number; possible: number; points: number; weight: number };
  score: number;
}

/** How the score is made, in points out of 100 per part (rounded; the score is rounded once, in scoring). */
export function deriveScoreParts(report: ScoreReport): ScoreParts {
  const codeWeight = Math.round(100 * SCORING.codeWeight);
  const seqWeight = Math.round(100 * SCORING.sequencingWeight);
  const share = (earned: number, possible: number, weight: number) =>
    possible === 0 ? 0 : Math.round((10 * weight * earned) / possible) / 10;
  const noCodes = report.studentResults.every((r) => r.position === null);
  return {
    codes: {
      earned: report.codes.earned,
      possible: report.codes.possible,
      points: noCodes ? 0 : share(report.codes.earned, report.codes.possible, codeWeight),
      weight: codeWeight,
    },
    sequencing: {
      earned: report.sequencing.earned,
      possible: report.sequencing.possible,
      points: noCodes ? 0 : share(report.sequencing.earned, report.sequencing.possible, seqWeight),
      weight: seqWeight,
    },
    score: report.score,
  };
}

/** A lookup made from 'codes/lookup' answers fetched beforehand (scoring itself is synchronous). */
export function lookupFrom(results: ReadonlyMap<string, LookupResult>): CodeLookup {
  return {
    lookup(system, code, dateOfService) {
      const found = results.get(normalizeCode(code));
      if (found) return found;
      // Not fetched: report it as unknown rather than guess.
      return {
        system,
        input: code,
        code: normalizeCode(code),
        display: code,
        state: 'unknown',
        reason: 'Not checked against the code set.',
        dateOfService,
        billableIn: [],
        replacedBy: [],
        ancestors: [],
        notes: [],
        seventh: [],
        children: [],
        hcc: [],
        poaExempt: false,
      };
    },
  };
}

export interface ChapterRow extends ChapterProgress {
  title: string;
  /** "40 → 65 → 90", oldest first (the last ten). */
  trend: string;
}

export function deriveChapterRows(attempts: readonly Attempt[]): ChapterRow[] {
  return progressByChapter(attempts).map((p) => ({
    ...p,
    title: chapterById(p.chapter).title,
    trend: p.series
      .slice(-10)
      .map((s) => s.score)
      .join(' → '),
  }));
}

export interface AttemptRow {
  key: string;
  at: string;
  /** YYYY-MM-DD HH:MM in the page's time zone. */
  when: string;
  caseId: string;
  title: string;
  score: number;
  codes: string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The latest attempts first. */
export function deriveAttemptRows(
  attempts: readonly Attempt[],
  cases: readonly PracticeCase[],
  limit: number = PRACTICE_DEFAULTS.attemptRows,
): AttemptRow[] {
  const titles = new Map(cases.map((c) => [c.id, c.title]));
  return [...attempts]
    .reverse()
    .slice(0, limit)
    .map((a, i) => {
      const d = new Date(a.at);
      return {
        key: `${a.at}-${i}`,
        at: a.at,
        when: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`,
        caseId: a.caseId,
        title: titles.get(a.caseId) ?? a.caseId,
        score: a.score,
        codes: a.codes.join(', '),
      };
    });
}

export function meanScore(attempts: readonly Attempt[]): number {
  return attempts.length === 0 ? 0 : Math.round(attempts.reduce((s, a) => s + a.score, 0) / attempts.length);
}

// ---------------------------------------------------------------------------------------------
// The model

export type Stage = 'coding' | 'scoring' | 'scored';

export type EngineState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'done'; suggestions: Suggestion[] }
  | { phase: 'unavailable'; reason?: string };

export type PageState =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'done'; suggestions: Suggestion[]; origin: string }
  | { phase: 'failed'; reason: string };

export interface PracticeDeps {
  search: SearchClient;
  practice: PracticeClient;
  store: ProgressStore;
  saveFile: SaveFile;
  now?: () => Date;
  /** The case library (all shipped cases by default). */
  cases?: readonly PracticeCase[];
}

export interface PracticeSettings {
  /** Today (YYYY-MM-DD): the default date of service for "practice on this page". */
  today: string;
  debounceMs?: number;
  pollMs?: number;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const PracticeModel = createModel((deps: PracticeDeps, settings: PracticeSettings) => {
  const cases = deps.cases ?? allCases();
  const now = deps.now ?? (() => new Date());
  const searchSettings = {
    today: settings.today,
    ...(settings.debounceMs !== undefined ? { debounceMs: settings.debounceMs } : {}),
    ...(settings.pollMs !== undefined ? { pollMs: settings.pollMs } : {}),
  };

  const tab = signal<PracticeTab>('cases');
  /** Polite announcements (scored, saved, moved, exported). */
  const announcement = signal('');

  // Choosing a case
  const filter = signal<CaseFilter>({});
  const filtered = computed(() => filterCases(cases, filter.value));
  const chapterOptions = computed(() => deriveChapterOptions(cases));
  /** The case library, as a signal only because a model exposes signals and actions. */
  const library = computed(() => cases);

  // Coding a case: the side panel's search model, with the case's date of service.
  const coder = new SidePanelModel(deps.search, searchSettings);
  coder.setSystem('icd10cm');
  const caseId = signal<string | undefined>(undefined);
  const current = computed(() => (caseId.value === undefined ? undefined : caseById(caseId.value, cases)));
  const stage = signal<Stage>('coding');
  const report = signal<ScoreReport | undefined>(undefined);
  /** The codes scored (dotted, in order), for the engine comparison. */
  const submitted = signal<readonly string[]>([]);
  const ignored = signal<readonly string[]>([]);
  /** The phrase of the key shown in the note. */
  const shownPhrase = signal<string | undefined>(undefined);
  const engine = signal<EngineState>({ phase: 'idle' });
  const comparison = computed<EngineComparison | undefined>(() => {
    const e = engine.value;
    const c = current.value;
    if (e.phase !== 'done' || !c) return undefined;
    return compareWithEngine(
      e.suggestions,
      submitted.value,
      c.answer.map((a) => a.code),
    );
  });
  const saveError = signal<string | undefined>(undefined);

  // Practice on this page: its own search model and worksheet (no key, nothing saved).
  const pageCoder = new SidePanelModel(deps.search, searchSettings);
  pageCoder.setSystem('icd10cm');
  const page = signal<PageState>({ phase: 'idle' });
  const pageComparison = computed<EngineComparison | undefined>(() => {
    const p = page.value;
    return p.phase === 'done' ? compareWithEngine(p.suggestions, deriveStudentCodes(pageCoder.worksheet.value).scored) : undefined;
  });

  // Progress
  const attempts = signal<readonly Attempt[]>([]);
  const progressState = signal<'loading' | 'ready' | 'failed'>('loading');
  const progressNotice = signal<string | undefined>(undefined);
  const confirmingReset = signal(false);
  const caseRows = computed(() => deriveCaseRows(filtered.value, attempts.value));
  const chapterRows = computed(() => deriveChapterRows(attempts.value));
  const next = computed(() => suggestNext(attempts.value, cases));
  const attemptRows = computed(() => deriveAttemptRows(attempts.value, cases));

  /** Bumped on every case change and submit, so late answers for an old case are dropped. */
  let runSeq = 0;

  const loadProgress = async () => {
    try {
      const { attempts: read, dropped } = parseAttempts(await deps.store.load());
      // An attempt recorded while loading is kept.
      attempts.value = attempts.value.reduce<Attempt[]>((all, a) => addAttempt(all, a), read);
      progressNotice.value = dropped > 0 ? practiceViewMessages.droppedAttempts(dropped) : undefined;
      progressState.value = 'ready';
    } catch (err) {
      progressNotice.value = practiceViewMessages.loadFailed(errorText(err));
      progressState.value = 'failed';
    }
  };

  /** Look the codes up on the case's date; undefined when the code sets cannot answer now. */
  const lookUp = async (codes: readonly string[], dateOfService: string): Promise<CodeLookup | undefined> => {
    try {
      const replies = await Promise.all(codes.map((code) => deps.search.lookup('icd10cm', code, dateOfService)));
      const results = new Map<string, LookupResult>();
      for (const [i, reply] of replies.entries()) {
        if (isLoadingReply(reply)) return undefined;
        results.set(normalizeCode(codes[i] as string), reply);
      }
      return lookupFrom(results);
    } catch {
      return undefined;
    }
  };

  const askEngine = async (c: PracticeCase, id: number) => {
    engine.value = { phase: 'loading' };
    try {
      const suggestions = await deps.practice.engineSuggestions(c.note, { setting: c.setting, dateOfService: c.dateOfService });
      if (id !== runSeq) return;
      engine.value = suggestions ? { phase: 'done', suggestions } : { phase: 'unavailable' };
    } catch (err) {
      if (id !== runSeq) return;
      engine.value = { phase: 'unavailable', reason: errorText(err) };
    }
  };

  return {
    library,
    tab,
    announcement,
    filter,
    filtered,
    chapterOptions,
    caseRows,
    coder,
    caseId,
    current,
    stage,
    report,
    submitted,
    ignored,
    shownPhrase,
    engine,
    comparison,
    saveError,
    pageCoder,
    page,
    pageComparison,
    attempts,
    progressState,
    progressNotice,
    confirmingReset,
    chapterRows,
    next,
    attemptRows,

    /** Start the search models and read the stored progress; returns the disconnect. */
    connect(): () => void {
      const offCoder = coder.connect();
      const offPage = pageCoder.connect();
      void loadProgress();
      return () => {
        offCoder();
        offPage();
      };
    },

    setTab(value: PracticeTab) {
      tab.value = value;
      confirmingReset.value = false;
      announcement.value = '';
    },

    setFilter(change: Partial<Record<keyof CaseFilter, string | undefined>>) {
      const nextFilter: CaseFilter = { ...filter.value };
      for (const [key, value] of Object.entries(change) as Array<[keyof CaseFilter, string | undefined]>) {
        if (value) (nextFilter as Record<string, string>)[key] = value;
        else delete nextFilter[key];
      }
      filter.value = nextFilter;
    },
    clearFilters() {
      filter.value = {};
    },

    openCase(id: string) {
      const c = caseById(id, cases);
      if (!c) return;
      runSeq++;
      tab.value = 'cases';
      caseId.value = id;
      stage.value = 'coding';
      report.value = undefined;
      submitted.value = [];
      ignored.value = [];
      shownPhrase.value = undefined;
      engine.value = { phase: 'idle' };
      saveError.value = undefined;
      coder.closeDetail();
      coder.clear();
      coder.worksheet.value = [];
      coder.setDateOfService(c.dateOfService);
      coder.setSetting(c.setting);
    },

    closeCase() {
      runSeq++;
      caseId.value = undefined;
      stage.value = 'coding';
      report.value = undefined;
      engine.value = { phase: 'idle' };
    },

    /** Back to coding the same case, the worksheet kept. */
    codeAgain() {
      runSeq++;
      stage.value = 'coding';
      report.value = undefined;
      shownPhrase.value = undefined;
      engine.value = { phase: 'idle' };
    },

    /** Move a worksheet code up (-1) or down (+1). `which` picks the case's or the page's worksheet. */
    moveCode(index: number, delta: number, which: 'case' | 'page' = 'case') {
      const model = which === 'case' ? coder : pageCoder;
      const list = model.worksheet.value;
      const moved = moveItem(list, index, delta);
      if (moved === list) return;
      model.worksheet.value = moved;
      const entry = list[index] as WorksheetEntry;
      announcement.value = practiceViewMessages.moved(entry.display, moved.indexOf(entry) + 1);
    },
    removeCode(index: number, which: 'case' | 'page' = 'case') {
      const model = which === 'case' ? coder : pageCoder;
      const entry = model.worksheet.value[index];
      if (!entry) return;
      model.worksheet.value = model.worksheet.value.filter((_e, i) => i !== index);
      announcement.value = practiceViewMessages.removed(entry.display);
    },

    /** Score the worksheet, record the attempt, then ask the engine for its own suggestions. */
    async submit(): Promise<void> {
      const c = current.value;
      if (!c || stage.value !== 'coding') return;
      const { scored, ignored: notScored } = deriveStudentCodes(coder.worksheet.value);
      if (scored.length === 0) {
        announcement.value = practiceViewMessages.submitNeedsCodes;
        return;
      }
      const id = ++runSeq;
      stage.value = 'scoring';
      const lookup = await lookUp(scored, c.dateOfService);
      if (id !== runSeq) return;
      const result = scoreAttempt(c, scored, lookup);
      report.value = result;
      submitted.value = scored;
      ignored.value = notScored;
      stage.value = 'scored';
      shownPhrase.value = undefined;
      const attempt = attemptFromReport(c, result, now());
      attempts.value = addAttempt(attempts.value, attempt);
      announcement.value = practiceViewMessages.scored(result.score);
      void askEngine(c, id);
      try {
        await deps.store.save(attempts.value);
        saveError.value = undefined;
      } catch (err) {
        saveError.value = practiceViewMessages.saveFailed(errorText(err));
      }
    },

    showPhrase(phrase: string | undefined) {
      shownPhrase.value = phrase;
    },

    async comparePage(): Promise<void> {
      page.value = { phase: 'loading' };
      try {
        const reply = await deps.practice.currentTabSuggestions({
          setting: pageCoder.setting.value,
          dateOfService: pageCoder.dateOfService.value,
        });
        page.value = reply.ok
          ? { phase: 'done', suggestions: reply.suggestions, origin: reply.source.origin }
          : { phase: 'failed', reason: reply.reason };
      } catch (err) {
        page.value = { phase: 'failed', reason: errorText(err) };
      }
    },

    exportCsv() {
      deps.saveFile(PRACTICE_DEFAULTS.csvName(settings.today), progressCsv(attempts.value, cases), PRACTICE_DEFAULTS.csvType);
      announcement.value = practiceViewMessages.exported(attempts.value.length);
    },

    askReset() {
      confirmingReset.value = true;
    },
    cancelReset() {
      confirmingReset.value = false;
    },
    async confirmReset(): Promise<void> {
      try {
        await deps.store.clear();
        attempts.value = [];
        confirmingReset.value = false;
        progressNotice.value = undefined;
        announcement.value = practiceViewMessages.resetDone;
      } catch (err) {
        progressNotice.value = practiceViewMessages.resetFailed(errorText(err));
      }
    },
  };
});

export type PracticeModel = InstanceType<typeof PracticeModel>;
