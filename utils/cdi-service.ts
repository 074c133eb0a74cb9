/**
 * CDI in the background worker (issue 6): opportunities and drafts for a note, the live linter, the
 * opt-in query log and the imported CC/MCC list. The analysis itself is the pure `analyzeCdi`; this
 * class only feeds it the documented diagnoses from the note analyzer and keeps the two stores.
 *
 * What is stored: query-log entries (rule, template, option texts from the rule pack, lint codes,
 * status, dates — never note or query text, see `cdi/log.ts`), the log's on/off switch, and the CC/MCC
 * list as the user imported it. Note text stays in memory.
 */
import type { AnalysisService } from './analysis-service';
import { analyzeCdi } from './cdi/analyze';
import { type CcMccFileFormat, type CcMccLookup, type HccLookup, mergeCcMcc, type OptionImpact, opportunityImpact, parseCcMccCsv, parseCcMccFile } from './cdi/impact';
import { lintQuery } from './cdi/linter';
import { createLogEntry, type LogLint, parseLogEntry, setStatus } from './cdi/log';
import { type CdiPacks, defaultCdiPacks } from './cdi/rules';
import type { CcMcc, LintResult, Opportunity, QueryDraft, QueryLogEntry, QueryStatus } from './cdi/types';
import type { CodeCatalog } from './codes/catalog';
import { todayIso } from './codes/dates';
import type { AnalysisSettings } from './coding/types';
import type { ChartcodeDB } from './db/schema';

/** One opportunity as the side panel shows it: what fired, the draft with its lint, the specialist's impact view. */
export interface CdiItem {
  opportunity: Opportunity;
  draft: QueryDraft;
  lint: LintResult;
  /** For the CDI specialist only (HCC V28, CC/MCC when imported); never part of a query. */
  impact: OptionImpact[];
}

export interface CdiView {
  items: CdiItem[];
  /** How many clinical indicators were read from the note (0 explains an empty list). */
  indicatorCount: number;
  /** Where the CC/MCC designations come from; absent when no list is imported. */
  ccMccSource?: string;
}

export interface QueryLogState {
  enabled: boolean;
  entries: QueryLogEntry[];
}

export interface CcMccStatus {
  source?: string;
  size: number;
  importedAt?: string;
}

export interface LogAddInput {
  ruleId: string;
  templateId: string;
  lint: LogLint;
}

const LOG_ENABLED_KEY = 'cdi/query-log-enabled';
const CC_MCC_KEY = 'cdi/cc-mcc';

export const cdiServiceMessages = {
  logOff: 'The query log is off. Turn it on in the CDI tab to keep a record of your queries.',
  unknownEntry: (id: string) => `No query-log entry "${id}".`,
} as const;

interface StoredCcMcc {
  source: string;
  importedAt: string;
  records: Array<[string, CcMcc]>;
}

export class CdiService {
  private ccMcc: Promise<{ lookup: CcMccLookup; importedAt: string } | undefined> | undefined;

  constructor(
    private readonly db: ChartcodeDB,
    private readonly analysis: Pick<AnalysisService, 'analyzeText'>,
    private readonly catalogProvider: () => Promise<CodeCatalog | undefined>,
    private readonly packs: CdiPacks = defaultCdiPacks(),
    private readonly today: () => string = todayIso,
  ) {}

  /** Opportunities, drafts and impact for a note. Undefined while no code set is active yet. */
  async analyze(text: string, settings: AnalysisSettings): Promise<CdiView | undefined> {
    const analysed = await this.analysis.analyzeText(text, settings);
    if (!analysed) return undefined;
    const result = analyzeCdi(
      { text, setting: settings.setting },
      { analyze: () => analysed, packs: this.packs, dateOfService: settings.dateOfService },
    );
    const catalog = await this.catalogProvider();
    const ccMcc = (await this.loadCcMcc())?.lookup;
    const hcc: HccLookup | undefined = catalog ? hccFromCatalog(catalog, settings.dateOfService) : undefined;
    const items = result.drafts.map(({ draft, lint }) => {
      const opportunity = result.opportunities.find((o) => o.id === draft.opportunityId) as Opportunity;
      return { opportunity, draft, lint, impact: opportunityImpact(opportunity, { hcc, ccMcc }, this.packs.templates) };
    });
    return { items, indicatorCount: result.indicators.length, ...(ccMcc ? { ccMccSource: ccMcc.source } : {}) };
  }

  /** Lint an edited query against the note it is about (the note checks that cited indicators are in it). */
  lint(query: string, note?: string): LintResult {
    return lintQuery(query, { templates: this.packs.templates, ...(note === undefined ? {} : { note }) });
  }

  async logState(): Promise<QueryLogState> {
    const enabled = (await this.db.settings.get(LOG_ENABLED_KEY))?.value === true;
    const entries: QueryLogEntry[] = [];
    for (const row of await this.db.queryLog.orderBy('date').reverse().toArray()) {
      try {
        entries.push(parseLogEntry(row, this.packs));
      } catch {
        // An entry this version cannot vouch for (edited storage, a rule since removed) is not shown.
      }
    }
    return { enabled, entries };
  }

  /** Turning the log off keeps its entries (the user clears them explicitly). */
  async setLogEnabled(enabled: boolean): Promise<QueryLogState> {
    await this.db.settings.put({ key: LOG_ENABLED_KEY, value: enabled });
    return this.logState();
  }

  async addToLog(input: LogAddInput): Promise<QueryLogEntry> {
    if (!(await this.logState()).enabled) throw new Error(cdiServiceMessages.logOff);
    const id = `q${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
    const entry = createLogEntry({ id, date: this.today(), ruleId: input.ruleId, templateId: input.templateId, lint: input.lint }, this.packs);
    await this.db.queryLog.put(entry);
    return entry;
  }

  async setLogStatus(id: string, status: QueryStatus): Promise<QueryLogEntry> {
    const row = await this.db.queryLog.get(id);
    if (!row) throw new Error(cdiServiceMessages.unknownEntry(id));
    const updated = setStatus(parseLogEntry(row, this.packs), status, this.today());
    await this.db.queryLog.put(updated);
    return updated;
  }

  async clearLog(): Promise<QueryLogState> {
    await this.db.queryLog.clear();
    return this.logState();
  }

  async ccMccStatus(): Promise<CcMccStatus> {
    const stored = await this.loadCcMcc();
    return stored ? { source: stored.lookup.source, size: stored.lookup.size, importedAt: stored.importedAt } : { size: 0 };
  }

  /**
   * Parse first, store after: a bad file throws `CcMccImportError` naming its line, and the list
   * imported before stays. A `code,cc_mcc` file replaces the list; an MCC-only or CC-only list (CMS
   * Tables 6I / 6J) is added to it, so both can be imported one after the other.
   */
  async importCcMcc(text: string, source: string, format: CcMccFileFormat = 'pairs'): Promise<CcMccStatus> {
    const parsed = parseCcMccFile(text, source, format);
    const lookup = format === 'pairs' ? parsed : mergeCcMcc((await this.loadCcMcc())?.lookup, parsed);
    const value: StoredCcMcc = { source: lookup.source, importedAt: this.today(), records: lookup.records() };
    await this.db.settings.put({ key: CC_MCC_KEY, value });
    this.ccMcc = undefined;
    return this.ccMccStatus();
  }

  async clearCcMcc(): Promise<CcMccStatus> {
    await this.db.settings.delete(CC_MCC_KEY);
    this.ccMcc = undefined;
    return this.ccMccStatus();
  }

  private loadCcMcc(): Promise<{ lookup: CcMccLookup; importedAt: string } | undefined> {
    this.ccMcc ??= this.db.settings.get(CC_MCC_KEY).then((row) => {
      const value = row?.value as StoredCcMcc | undefined;
      if (!value || !Array.isArray(value.records)) return undefined;
      try {
        // Re-validate what storage gives back: the same parser as the import, over the stored records.
        const lookup = parseCcMccCsv(value.records.map(([c, v]) => `${c},${v}`).join('\n'), String(value.source));
        return { lookup, importedAt: String(value.importedAt) };
      } catch {
        return undefined;
      }
    });
    return this.ccMcc;
  }
}

/** HCC V28 of a code on the date of service, from the code model (headers have none). */
function hccFromCatalog(catalog: CodeCatalog, dateOfService: string): HccLookup {
  return (code) => {
    const found = catalog.lookup('icd10cm', code, dateOfService).hcc.find((h) => h.model === 'V28');
    return found ? { hcc: found.hcc, label: found.label } : undefined;
  };
}

