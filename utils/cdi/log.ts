/**
 * Query log model (issue 6): local, opt-in, and free of note text by construction. An entry is built
 * from a rule id, a template id, the lint result and dates only; the condition and the option texts
 * are looked up in the rule packs, never taken from the draft (which the specialist may have edited
 * with patient details), and the lint result keeps finding codes, not messages (a message can quote the
 * note). Storage comes later: entries are plain data, validated by `parseLogEntry` when read back.
 */
import * as v from 'valibot';
import { logMessages } from './messages';
import { type CdiPacks, defaultCdiPacks } from './rules';
import { LINT_CODES, type LintCode, type LintResult, QUERY_STATUSES, type QueryLogEntry, type QueryStatus } from './types';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(date: string): string {
  if (!ISO_DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new Error(logMessages.badDate(date));
  return date;
}

/** What the log keeps of a lint result: whether it passed and the finding codes (never the messages). */
export type LogLint = QueryLogEntry['lintResult'];

export interface LogInput {
  id: string;
  /** ISO date (YYYY-MM-DD). */
  date: string;
  ruleId: string;
  templateId: string;
  /** The linter's result, or only its codes (what crosses the protocol from the side panel). */
  lint: LintResult | LogLint;
  status?: QueryStatus;
}

const codeOf = (finding: LintResult['errors'][number] | LintCode): LintCode => (typeof finding === 'string' ? finding : finding.code);

/** A log entry for a query. Throws when the rule or template is unknown or the date is malformed. */
export function createLogEntry(input: LogInput, packs: Pick<CdiPacks, 'opportunities' | 'templates'> = defaultCdiPacks()): QueryLogEntry {
  const rule = packs.opportunities.rules.find((r) => r.id === input.ruleId);
  if (rule === undefined) throw new Error(logMessages.unknownRule(input.ruleId));
  const template = packs.templates.templates.find((t) => t.id === input.templateId);
  if (template === undefined) throw new Error(logMessages.unknownTemplate(input.templateId));
  const date = checkDate(input.date);
  return {
    id: input.id.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 64),
    date,
    ruleId: rule.id,
    templateId: template.id,
    condition: rule.condition,
    options: template.options.map((o) => o.text),
    lintResult: {
      ok: input.lint.ok,
      errors: [...new Set(input.lint.errors.map(codeOf))],
      warnings: [...new Set(input.lint.warnings.map(codeOf))],
    },
    status: input.status ?? 'drafted',
    updated: date,
  };
}

/** Move a query forward (drafted → sent → answered → agreed). Throws when going back. */
export function setStatus(entry: QueryLogEntry, status: QueryStatus, date: string): QueryLogEntry {
  if (QUERY_STATUSES.indexOf(status) < QUERY_STATUSES.indexOf(entry.status))
    throw new Error(logMessages.badStatusOrder(entry.status, status));
  return { ...entry, status, updated: checkDate(date) };
}

const entrySchema = v.strictObject({
  id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)),
  date: v.pipe(v.string(), v.regex(ISO_DATE)),
  ruleId: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]*$/)),
  templateId: v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]*$/)),
  condition: v.pipe(v.string(), v.maxLength(80)),
  options: v.array(v.pipe(v.string(), v.maxLength(200))),
  lintResult: v.strictObject({ ok: v.boolean(), errors: v.array(v.picklist(LINT_CODES)), warnings: v.array(v.picklist(LINT_CODES)) }),
  status: v.picklist(QUERY_STATUSES),
  updated: v.pipe(v.string(), v.regex(ISO_DATE)),
});

/**
 * Validate an entry read back from storage, and check that its condition and options are the rule
 * pack's own words (so nothing else can have been stored in them). Throws with the reason.
 */
export function parseLogEntry(input: unknown, packs: Pick<CdiPacks, 'opportunities' | 'templates'> = defaultCdiPacks()): QueryLogEntry {
  const result = v.safeParse(entrySchema, input);
  if (!result.success) {
    const issue = result.issues[0];
    const where = (issue.path ?? []).map((p) => String(p.key)).join('.');
    throw new Error(logMessages.invalidEntry(where === '' ? issue.message : `${where}: ${issue.message}`));
  }
  const entry = result.output as QueryLogEntry;
  const expected = createLogEntry(
    {
      id: entry.id,
      date: entry.date,
      ruleId: entry.ruleId,
      templateId: entry.templateId,
      lint: { ok: true, errors: [], warnings: [] },
    },
    packs,
  );
  if (entry.condition !== expected.condition) throw new Error(logMessages.invalidEntry('condition'));
  if (entry.options.length !== expected.options.length || entry.options.some((o, i) => o !== expected.options[i])) {
    throw new Error(logMessages.invalidEntry('options'));
  }
  return entry;
}

function csvCell(value: string): string {
  // A cell starting with = + - @ would be a formula in a spreadsheet.
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The log as CSV (RFC 4180 quoting, formula-safe), one row per query. */
export function logToCsv(entries: readonly QueryLogEntry[]): string {
  const rows = [logMessages.csvHeader.join(',')];
  for (const e of entries) {
    rows.push(
      [
        e.id,
        e.date,
        e.updated,
        e.ruleId,
        e.templateId,
        e.condition,
        e.options.join(' | '),
        e.lintResult.ok ? 'yes' : 'no',
        e.lintResult.errors.join(' '),
        e.lintResult.warnings.join(' '),
        e.status,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${rows.join('\r\n')}\r\n`;
}
