/**
 * The CDI tab in one signal model (STYLE.md, convention 7): the opportunities for the note the panel
 * is on, the query editor with live lint, copy (blocked while the linter reports an error), and the
 * opt-in query log with its CSV export. It talks to a `CdiClient` and to the panel's model (setting,
 * date of service, current tab, announcements), never to `browser.*`. Derivations are pure functions
 * exported below and tested without rendering.
 */
import { computed, createModel, effect, signal, untracked } from '@preact/signals';
import { canCopy } from '../../utils/cdi/linter';
import { logToCsv } from '../../utils/cdi/log';
import type { Gap, LintFinding, LintResult, QueryLogEntry, QueryStatus } from '../../utils/cdi/types';
import { parseIsoDate, todayIso } from '../../utils/codes/dates';
import type { CodesetStatus } from '../../utils/messaging';
import { isEmptyReply } from './analysis-client';
import type { CdiClient, CdiItem, CdiReady, CdiSettings, QueryLogState } from './cdi-client';
import { isLoadingReply } from './client';
import type { SidePanelModel } from './model';

export const CDI_DEFAULTS = Object.freeze({
  /** Lint this long after the last keystroke in the editor. */
  lintDelayMs: 250,
  /** How soon to ask again while the background answers "loading code sets". */
  pollMs: 500,
});

export const cdiMessages = {
  reading: 'Looking for documentation opportunities…',
  waitingForCodesets: 'Loading code sets… the note is reviewed as soon as they are ready.',
  badDate: 'Enter a valid date of service to review the note.',
  failed: (why: string) => `CDI review failed: ${why}`,
  none: (indicators: number) =>
    indicators === 0
      ? 'No clinical indicators (labs, vitals, medications, therapies) were found in this note, so there is nothing to query.'
      : `No documentation opportunity: the ${indicators} clinical indicator${indicators === 1 ? '' : 's'} found agree with what is documented.`,
  count: (n: number) => `${n} documentation opportunit${n === 1 ? 'y' : 'ies'}`,
  fromPage: (title: string) => `Note in the page: ${title}`,
  fromPaste: 'Pasted text (kept in memory only)',
  copied: 'Query copied. Paste it into the EHR’s query or message tool.',
  copyBlocked: (n: number) => `Copying is blocked: fix the ${n} error${n === 1 ? '' : 's'} the linter found.`,
  copyFailed: (why: string) => `Could not copy: ${why}`,
  linting: 'Checking the query…',
  lintClean: 'The linter found no problems.',
  lintSummary: (errors: number, warnings: number) =>
    `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${errors > 0 ? ': copying is blocked' : ''}`,
  lintFailed: (why: string) => `The linter could not run: ${why}. Copying is blocked until it does.`,
  draftReset: 'Draft restored from the template.',
  logged: (condition: string) => `Added to the query log: ${condition} (drafted).`,
  logFailed: (why: string) => `Could not update the query log: ${why}`,
  logOn: 'Query log on: entries keep the condition, options, lint result and status; never note or query text.',
  logOff: 'Query log off. Entries already kept stay until you clear them.',
  logCleared: 'Query log cleared.',
  statusSet: (condition: string, status: QueryStatus) => `${condition}: ${status}.`,
  exported: (n: number) => `Query log exported (${n} entr${n === 1 ? 'y' : 'ies'}).`,
  pageChanged: 'The note in the page changed: review it again to update the opportunities.',
} as const;

/** The documentation gap in the specialist's words. */
export const GAP_LABELS: Readonly<Record<Gap, string>> = {
  'indicators-without-diagnosis': 'Clinical indicators without a documented diagnosis',
  'diagnosis-without-indicators': 'Diagnosis without supporting indicators (clinical validation)',
  'unspecified-diagnosis': 'Diagnosis documented without its type, acuity or cause',
  'conflicting-documentation': 'Conflicting documentation',
};

export const QUERY_STATUS_LABELS: Readonly<Record<QueryStatus, string>> = {
  drafted: 'Drafted',
  sent: 'Sent',
  answered: 'Answered',
  agreed: 'Agreed',
};

export type CdiPhase = 'idle' | 'working' | 'loading' | 'bad-date' | 'empty' | 'done' | 'failed';

// ---------------------------------------------------------------------------------------------
// Pure derivations

/** What the editor shows for an item: the specialist's edit when there is one, else the draft. */
export function deriveQueryText(item: CdiItem | undefined, edits: Readonly<Record<string, string>>): string {
  if (!item) return '';
  return edits[item.opportunity.id] ?? item.draft.text;
}

/** Whether Copy is allowed: a lint result for exactly this text, with no error. */
export function deriveCopyAllowed(lint: { text: string; result: LintResult } | undefined, text: string): boolean {
  return lint !== undefined && lint.text === text && canCopy(lint.result) && text.trim() !== '';
}

/** Errors first, then warnings, each in text order (findings without a place last). */
export function deriveFindings(result: LintResult | undefined): LintFinding[] {
  if (!result) return [];
  const byPlace = (a: LintFinding, b: LintFinding) => (a.span?.start ?? Number.MAX_SAFE_INTEGER) - (b.span?.start ?? Number.MAX_SAFE_INTEGER);
  return [...[...result.errors].sort(byPlace), ...[...result.warnings].sort(byPlace)];
}

/** The statuses an entry may move to (forward only; the log model refuses going back). */
export function deriveNextStatuses(entry: QueryLogEntry): QueryStatus[] {
  const order: QueryStatus[] = ['drafted', 'sent', 'answered', 'agreed'];
  return order.slice(order.indexOf(entry.status));
}

/** File name of the CSV export: `chartcode-query-log-2026-11-02.csv`. */
export function deriveCsvName(today: string): string {
  return `chartcode-query-log-${today}.csv`;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------------------------------------
// The model

export interface CdiModelSettings {
  lintDelayMs?: number;
  pollMs?: number;
  /** Today's date (the CSV's file name); the real date when absent. */
  today?: string;
}

export const CdiModel = createModel((client: CdiClient, panel: SidePanelModel, settings: CdiModelSettings = {}) => {
  const lintDelayMs = settings.lintDelayMs ?? CDI_DEFAULTS.lintDelayMs;
  const pollMs = settings.pollMs ?? CDI_DEFAULTS.pollMs;

  const phase = signal<CdiPhase>('idle');
  const ready = signal<CdiReady | undefined>(undefined);
  const emptyReason = signal('');
  const error = signal<string | undefined>(undefined);
  const loadingStatus = signal<CodesetStatus | undefined>(undefined);
  const selectedId = signal<string | undefined>(undefined);
  /** The specialist's edits by opportunity id, in memory only (a query can quote the note). */
  const edits = signal<Readonly<Record<string, string>>>({});
  /** The last lint result and the exact text it is for. */
  const lint = signal<{ text: string; result: LintResult } | undefined>(undefined);
  const linting = signal(false);
  const lintError = signal<string | undefined>(undefined);
  const log = signal<QueryLogState>({ enabled: false, entries: [] });
  const logError = signal<string | undefined>(undefined);
  /** The page's note changed while the CDI tab was not looking: review again on the next visit. */
  const stale = signal(false);

  const items = computed(() => ready.value?.view.items ?? []);
  const selected = computed(() => items.value.find((i) => i.opportunity.id === selectedId.value));
  const queryText = computed(() => deriveQueryText(selected.value, edits.value));
  const edited = computed(() => selected.value !== undefined && edits.value[selected.value.opportunity.id] !== undefined);
  const findings = computed(() => (lint.value && lint.value.text === queryText.value ? deriveFindings(lint.value.result) : []));
  const copyAllowed = computed(() => deriveCopyAllowed(lint.value, queryText.value));

  let seq = 0;
  let lintSeq = 0;
  let lintTimer: ReturnType<typeof setTimeout> | undefined;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let connected = false;

  const announce = (text: string) => {
    panel.announcement.value = text;
  };

  const settingsNow = (): CdiSettings | undefined => {
    const date = parseIsoDate(panel.dateOfService.value);
    return date ? { setting: panel.setting.value, dateOfService: date } : undefined;
  };

  const runLint = async (text: string) => {
    if (lintTimer !== undefined) clearTimeout(lintTimer);
    lintTimer = undefined;
    const id = ++lintSeq;
    linting.value = true;
    try {
      const result = await client.lint(text);
      if (id !== lintSeq) return;
      lint.value = { text, result };
      lintError.value = undefined;
    } catch (err) {
      if (id !== lintSeq) return;
      lint.value = undefined;
      lintError.value = errorText(err);
    } finally {
      if (id === lintSeq) linting.value = false;
    }
  };

  const select = (id: string | undefined) => {
    // A lint still waiting for the pause is for the text shown before: it must not replace this one's.
    if (lintTimer !== undefined) clearTimeout(lintTimer);
    lintTimer = undefined;
    selectedId.value = id;
    const item = selected.value;
    if (!item) {
      lint.value = undefined;
      return;
    }
    const text = deriveQueryText(item, edits.value);
    // The draft came with its lint from the same note; an edit is linted again.
    if (text === item.draft.text) {
      lintSeq++;
      linting.value = false;
      lint.value = { text, result: item.lint };
    } else void runLint(text);
  };

  const review = async (): Promise<void> => {
    if (pollTimer !== undefined) clearTimeout(pollTimer);
    pollTimer = undefined;
    const id = ++seq;
    const cdiSettings = settingsNow();
    if (!cdiSettings) {
      phase.value = 'bad-date';
      return;
    }
    phase.value = 'working';
    stale.value = false;
    try {
      const reply = await client.current(cdiSettings);
      if (id !== seq) return;
      if (isLoadingReply(reply)) {
        loadingStatus.value = reply.status;
        phase.value = 'loading';
        if (connected) pollTimer = setTimeout(() => id === seq && void review(), pollMs);
        return;
      }
      loadingStatus.value = undefined;
      if (isEmptyReply(reply)) {
        ready.value = undefined;
        emptyReason.value = reply.reason;
        phase.value = 'empty';
        select(undefined);
        return;
      }
      const keep = selectedId.value;
      const before = ready.value;
      const sameNote =
        before !== undefined &&
        (before.noteKey !== undefined || reply.noteKey !== undefined
          ? before.noteKey === reply.noteKey
          : before.source.title === reply.source.title && before.source.kind === reply.source.kind);
      ready.value = reply;
      error.value = undefined;
      phase.value = 'done';
      if (!sameNote) edits.value = {};
      const ids = reply.view.items.map((i) => i.opportunity.id);
      select(keep !== undefined && ids.includes(keep) ? keep : ids[0]);
    } catch (err) {
      if (id !== seq) return;
      error.value = errorText(err);
      phase.value = 'failed';
    }
  };

  const loadLog = async () => {
    try {
      log.value = await client.log();
      logError.value = undefined;
    } catch (err) {
      logError.value = errorText(err);
    }
  };

  const changeLog = async (work: () => Promise<string>) => {
    try {
      announce(await work());
      logError.value = undefined;
    } catch (err) {
      logError.value = errorText(err);
      announce(cdiMessages.logFailed(errorText(err)));
    }
  };

  return {
    phase,
    ready,
    emptyReason,
    error,
    loadingStatus,
    selectedId,
    edits,
    lint,
    linting,
    lintError,
    log,
    logError,
    stale,
    items,
    selected,
    queryText,
    edited,
    findings,
    copyAllowed,

    /** Review when the CDI tab is shown, and again on a new note, setting or date while it is; returns the disconnect. */
    connect(): () => void {
      connected = true;
      void loadLog();
      const offUpdated = client.onUpdated(() => {
        if (panel.tab.peek() === 'cdi') void review();
        else stale.value = true;
      });
      let lastKey = '';
      const stopWatch = effect(() => {
        const onTab = panel.tab.value === 'cdi';
        const key = `${panel.setting.value}|${panel.dateOfService.value}`;
        untracked(() => {
          if (!onTab) return;
          // Each visit reviews again: the Suggestions tab may have switched to pasted text meanwhile.
          if (key !== lastKey || phase.peek() !== 'working') {
            lastKey = key;
            void review();
          }
        });
      });
      return () => {
        connected = false;
        seq++;
        lintSeq++;
        offUpdated();
        stopWatch();
        if (pollTimer !== undefined) clearTimeout(pollTimer);
        if (lintTimer !== undefined) clearTimeout(lintTimer);
      };
    },

    review,
    select,

    /** The editor changed: keep the edit, lint it after a pause. */
    edit(text: string) {
      const item = selected.value;
      if (!item) return;
      edits.value = { ...edits.value, [item.opportunity.id]: text };
      if (lintTimer !== undefined) clearTimeout(lintTimer);
      lintSeq++; // a lint still on its way is for older text
      linting.value = true;
      lintTimer = setTimeout(() => void runLint(text), lintDelayMs);
    },
    /** Lint now (the editor lost focus, or Copy was pressed before the pause ended). */
    lintNow() {
      return runLint(queryText.value);
    },
    resetDraft() {
      const item = selected.value;
      if (!item) return;
      const { [item.opportunity.id]: _dropped, ...rest } = edits.value;
      edits.value = rest;
      select(item.opportunity.id);
      announce(cdiMessages.draftReset);
    },

    /** Copy the query: only text the linter passed; the lint runs first if it is not current. */
    async copy(): Promise<boolean> {
      const text = queryText.value;
      if (!lint.value || lint.value.text !== text) await runLint(text);
      if (!deriveCopyAllowed(lint.value, text)) {
        announce(lintError.value ? cdiMessages.lintFailed(lintError.value) : cdiMessages.copyBlocked(lint.value?.result.errors.length ?? 0));
        return false;
      }
      try {
        await client.copyToClipboard(text);
        announce(cdiMessages.copied);
        return true;
      } catch (err) {
        announce(cdiMessages.copyFailed(errorText(err)));
        return false;
      }
    },

    setLogEnabled(enabled: boolean) {
      return changeLog(async () => {
        log.value = await client.setLogEnabled(enabled);
        return enabled ? cdiMessages.logOn : cdiMessages.logOff;
      });
    },
    /** Log the selected query as drafted: its rule, template and lint codes (never its text). */
    addToLog() {
      const item = selected.value;
      if (!item) return Promise.resolve();
      const text = queryText.value;
      return changeLog(async () => {
        // An edit still waiting for its lint is linted first: the log keeps the lint of the query as it is.
        if (lint.value?.text !== text) await runLint(text);
        const result = lint.value?.text === text ? lint.value.result : undefined;
        if (!result) throw new Error(lintError.value ?? 'the linter gave no result');
        const lintCodes = { ok: result.ok, errors: [...new Set(result.errors.map((e) => e.code))], warnings: [...new Set(result.warnings.map((w) => w.code))] };
        const entry = await client.addToLog({ ruleId: item.draft.ruleId, templateId: item.draft.templateId, lint: lintCodes });
        log.value = await client.log();
        return cdiMessages.logged(entry.condition);
      });
    },
    setStatus(id: string, status: QueryStatus) {
      return changeLog(async () => {
        const entry = await client.setLogStatus(id, status);
        log.value = await client.log();
        return cdiMessages.statusSet(entry.condition, status);
      });
    },
    clearLog() {
      return changeLog(async () => {
        log.value = await client.clearLog();
        return cdiMessages.logCleared;
      });
    },
    exportCsv() {
      return changeLog(async () => {
        const entries = log.value.entries;
        await client.saveFile(deriveCsvName(settings.today ?? todayIso()), logToCsv(entries), 'text/csv');
        return cdiMessages.exported(entries.length);
      });
    },
  };
});
export type CdiModel = InstanceType<typeof CdiModel>;
