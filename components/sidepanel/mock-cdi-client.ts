/**
 * A `CdiClient` for tests and demos: the real CDI engine (`analyzeCdi`, the linter, the query-log
 * model) over a synthetic note, with the stand-in diagnosis reader instead of the code-set analyzer,
 * and the log in memory. Every call is recorded; no `browser`, no timers.
 */
import { analyzeCdi } from '../../utils/cdi/analyze';
import { lintQuery } from '../../utils/cdi/linter';
import { createLogEntry, setStatus } from '../../utils/cdi/log';
import { defaultCdiPacks } from '../../utils/cdi/rules';
import type { QueryLogEntry } from '../../utils/cdi/types';
import { cdiServiceMessages } from '../../utils/cdi-service';
import { hashText } from '../../utils/ehr-sites/hash';
import type { CdiClient, CdiSettings } from './cdi-client';

/** A synthetic inpatient progress note: creatinine up from its baseline, kidney function not named. */
export const MOCK_CDI_NOTE = [
  'PROGRESS NOTE - HOSPITAL DAY 2',
  'HPI: 68-year-old man admitted with community-acquired pneumonia, poor oral intake for four days.',
  'LABS: Creatinine 2.3 mg/dL (baseline 0.8 mg/dL in June), BUN 44, sodium 138.',
  'ASSESSMENT AND PLAN:',
  '1. Community-acquired pneumonia - continue ceftriaxone and azithromycin.',
  '2. Elevated creatinine - IV fluids, hold lisinopril, recheck in the morning.',
].join('\n');

export interface MockCdiOptions {
  /** The note analysed; `null` for a page that cannot be read. */
  note?: string | null;
  /** Answer "code sets loading" this many times first. */
  loadingReplies?: number;
  clipboardError?: string;
  logEnabled?: boolean;
  today?: string;
}

export function createMockCdiClient(options: MockCdiOptions = {}) {
  const packs = defaultCdiPacks();
  let note = options.note === undefined ? MOCK_CDI_NOTE : options.note;
  let loadingLeft = options.loadingReplies ?? 0;
  let enabled = options.logEnabled ?? false;
  let entries: QueryLogEntry[] = [];
  let nextId = 1;
  const today = options.today ?? '2026-11-02';
  const listeners = new Set<() => void>();
  const calls = { current: [] as CdiSettings[], lint: [] as string[], copied: [] as string[], saved: [] as Array<{ name: string; text: string; type: string }> };
  const state = () => ({ enabled, entries: [...entries].reverse() });

  const client: CdiClient = {
    async current(settings) {
      calls.current.push(settings);
      if (loadingLeft > 0) {
        loadingLeft--;
        return { loading: true, status: { state: 'loading', versions: [], progress: { done: 3, total: 16, assetId: 'icd10cm-codes-2027' } } };
      }
      if (note === null) return { empty: true, reason: 'Chartcode is not enabled on this site. Enable it, or paste the note.' };
      const result = analyzeCdi({ text: note, setting: settings.setting }, { packs, dateOfService: settings.dateOfService });
      const items = result.drafts.map(({ draft, lint }) => ({
        opportunity: result.opportunities.find((o) => o.id === draft.opportunityId) ?? result.opportunities[0],
        draft,
        lint,
        impact: [],
      }));
      return { view: { items: items.filter((i) => i.opportunity !== undefined) as never, indicatorCount: result.indicators.length }, source: { kind: 'page', title: 'Progress note — synthetic', origin: 'https://ehr.example.test' }, noteKey: hashText(note) };
    },
    async lint(query) {
      calls.lint.push(query);
      return lintQuery(query, { templates: packs.templates, ...(note === null ? {} : { note }) });
    },
    async log() {
      return state();
    },
    async setLogEnabled(value) {
      enabled = value;
      return state();
    },
    async addToLog(input) {
      if (!enabled) throw new Error(cdiServiceMessages.logOff);
      const entry = createLogEntry({ id: `q${nextId++}`, date: today, ruleId: input.ruleId, templateId: input.templateId, lint: input.lint }, packs);
      entries.push(entry);
      return entry;
    },
    async setLogStatus(id, status) {
      const found = entries.find((e) => e.id === id);
      if (!found) throw new Error(cdiServiceMessages.unknownEntry(id));
      const updated = setStatus(found, status, today);
      entries = entries.map((e) => (e.id === id ? updated : e));
      return updated;
    },
    async clearLog() {
      entries = [];
      return state();
    },
    onUpdated(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async copyToClipboard(text) {
      if (options.clipboardError) throw new Error(options.clipboardError);
      calls.copied.push(text);
    },
    async saveFile(name, text, type) {
      calls.saved.push({ name, text, type });
    },
  };

  return {
    client,
    calls,
    /** The page now shows another note (or none); listeners are told. */
    setNote(next: string | null) {
      note = next;
      for (const listener of [...listeners]) listener();
    },
  };
}
