/**
 * The coder's worksheet as plain data, and everything derived from it without a DOM (STYLE.md,
 * convention 7): sequence (diagnoses, then procedures; principal / first-listed first), moves, POA,
 * and the two exports. Nothing here stores anything: the worksheet lives in the side panel's memory
 * and only codes and titles ever leave it, never note text (issue 5, security; DESIGN.md §8).
 */
import type { CodeSystem } from '../codes/types';
import type { Setting } from '../coding/types';

/**
 * Present-on-admission indicators (ICD-10-CM Official Guidelines, Appendix I). `1` marks a code on
 * the CMS POA-exempt list: it is reported as exempt, not left blank.
 */
export type PoaIndicator = 'Y' | 'N' | 'U' | 'W' | '1';

export const POA_INDICATORS: ReadonlyArray<{ value: PoaIndicator; label: string }> = [
  { value: 'Y', label: 'Y — present at the time of inpatient admission' },
  { value: 'N', label: 'N — not present at the time of inpatient admission' },
  { value: 'U', label: 'U — documentation insufficient to determine' },
  { value: 'W', label: 'W — clinically undetermined' },
  { value: '1', label: '1 — exempt from POA reporting' },
];

const POA_VALUES: ReadonlySet<string> = new Set(POA_INDICATORS.map((p) => p.value));

export function isPoaIndicator(value: unknown): value is PoaIndicator {
  return typeof value === 'string' && POA_VALUES.has(value);
}

export interface WorksheetEntry {
  system: CodeSystem;
  /** Dotless. */
  code: string;
  display: string;
  title: string;
  /** Where the coder took it from. */
  from?: 'search' | 'suggestion';
  /** Inpatient diagnoses only. */
  poa?: PoaIndicator;
  /** Who set `poa`: the code set's POA-exempt list, or the coder. */
  poaBy?: 'exempt-list' | 'coder';
}

export type EntryKind = 'diagnosis' | 'procedure';

/** ICD-10-CM codes are diagnoses; ICD-10-PCS, HCPCS and CPT codes are procedures and services. */
export const entryKind = (system: CodeSystem): EntryKind => (system === 'icd10cm' ? 'diagnosis' : 'procedure');

/** One code appears once on a worksheet. */
export const entryKey = (entry: Pick<WorksheetEntry, 'system' | 'code'>) => `${entry.system}:${entry.code}`;

/** POA is reported for inpatient diagnoses only (Appendix I: it applies to inpatient admissions). */
export const poaApplies = (setting: Setting, entry: Pick<WorksheetEntry, 'system'>) =>
  setting === 'inpatient' && entryKind(entry.system) === 'diagnosis';

export const CODE_SET_NAMES: Readonly<Record<CodeSystem, string>> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  hcpcs: 'HCPCS',
  cpt: 'CPT',
};

// ---------------------------------------------------------------------------------------------
// Order and moves

/**
 * The list the coder sees: diagnoses first, then procedures, each kind in the order kept. The first
 * diagnosis is the principal (inpatient) or first-listed (outpatient) one.
 */
export function orderEntries(entries: readonly WorksheetEntry[]): WorksheetEntry[] {
  return [...entries.filter((e) => entryKind(e.system) === 'diagnosis'), ...entries.filter((e) => entryKind(e.system) === 'procedure')];
}

/** Add at the end of its kind; an entry already there is left as it is (same array back). */
export function addEntry(entries: readonly WorksheetEntry[], entry: WorksheetEntry): readonly WorksheetEntry[] {
  if (entries.some((e) => entryKey(e) === entryKey(entry))) return entries;
  return orderEntries([...entries, entry]);
}

/**
 * Move one place up (-1) or down (+1) among the codes of its kind (a diagnosis never passes a
 * procedure). At either end nothing moves and the same array comes back.
 */
export function moveEntry(entries: readonly WorksheetEntry[], key: string, delta: -1 | 1): readonly WorksheetEntry[] {
  const ordered = orderEntries(entries);
  const from = ordered.findIndex((e) => entryKey(e) === key);
  const entry = ordered[from];
  const neighbour = ordered[from + delta];
  if (!entry || !neighbour || entryKind(neighbour.system) !== entryKind(entry.system)) return entries;
  ordered[from] = neighbour;
  ordered[from + delta] = entry;
  return ordered;
}

/** Drag and drop: put `key` where `targetKey` is (same kind only), shifting the codes between. */
export function moveEntryTo(entries: readonly WorksheetEntry[], key: string, targetKey: string): readonly WorksheetEntry[] {
  const ordered = orderEntries(entries);
  const from = ordered.findIndex((e) => entryKey(e) === key);
  const to = ordered.findIndex((e) => entryKey(e) === targetKey);
  const entry = ordered[from];
  const target = ordered[to];
  if (!entry || !target || from === to || entryKind(entry.system) !== entryKind(target.system)) return entries;
  ordered.splice(from, 1);
  ordered.splice(to, 0, entry);
  return ordered;
}

export function removeEntry(entries: readonly WorksheetEntry[], key: string): readonly WorksheetEntry[] {
  return entries.filter((e) => entryKey(e) !== key);
}

/** Set (or clear) the POA indicator of a diagnosis; procedures have none. */
export function setEntryPoa(
  entries: readonly WorksheetEntry[],
  key: string,
  poa: PoaIndicator | undefined,
  by: WorksheetEntry['poaBy'] = 'coder',
): readonly WorksheetEntry[] {
  return entries.map((e) => {
    if (entryKey(e) !== key || entryKind(e.system) !== 'diagnosis') return e;
    const { poa: _poa, poaBy: _by, ...rest } = e;
    return poa === undefined ? rest : { ...rest, poa, poaBy: by };
  });
}

// ---------------------------------------------------------------------------------------------
// The view

export interface WorksheetRow {
  key: string;
  entry: WorksheetEntry;
  kind: EntryKind;
  /** 1-based, within its kind. */
  sequence: number;
  /** `Principal diagnosis`, `First-listed diagnosis`, `Principal procedure`, or '' for the others. */
  role: string;
  poaApplies: boolean;
  /** An inpatient diagnosis still waiting for the coder's POA indicator. */
  poaMissing: boolean;
  canMoveUp: boolean;
  canMoveDown: boolean;
}

export interface WorksheetView {
  diagnoses: WorksheetRow[];
  procedures: WorksheetRow[];
  missingPoa: number;
}

function roleOf(kind: EntryKind, sequence: number, setting: Setting): string {
  if (sequence !== 1) return '';
  if (kind === 'diagnosis') return setting === 'inpatient' ? 'Principal diagnosis' : 'First-listed diagnosis';
  // The principal procedure is an inpatient (UHDDS) notion; outpatient procedures are simply listed.
  return setting === 'inpatient' ? 'Principal procedure' : '';
}

export function deriveWorksheetView(entries: readonly WorksheetEntry[], setting: Setting): WorksheetView {
  const rowsOf = (kind: EntryKind): WorksheetRow[] => {
    const ofKind = entries.filter((e) => entryKind(e.system) === kind);
    return ofKind.map((entry, i) => {
      const applies = poaApplies(setting, entry);
      return {
        key: entryKey(entry),
        entry,
        kind,
        sequence: i + 1,
        role: roleOf(kind, i + 1, setting),
        poaApplies: applies,
        poaMissing: applies && entry.poa === undefined,
        canMoveUp: i > 0,
        canMoveDown: i < ofKind.length - 1,
      };
    });
  };
  const diagnoses = rowsOf('diagnosis');
  return { diagnoses, procedures: rowsOf('procedure'), missingPoa: diagnoses.filter((r) => r.poaMissing).length };
}

// ---------------------------------------------------------------------------------------------
// Export (codes and titles only)

export interface ExportContext {
  setting: Setting;
  dateOfService: string;
}

/** One line per code: code set titles (or an imported CPT file) may hold line breaks or runs of spaces. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function poaText(row: WorksheetRow): string {
  if (!row.poaApplies) return '';
  if (row.entry.poa === undefined) return ' — POA not set';
  return ` — POA ${row.entry.poa}${row.entry.poa === '1' ? ' (exempt)' : ''}`;
}

/**
 * The worksheet as plain text for a note or an abstracting screen:
 *
 * ```
 * Worksheet: inpatient, date of service 2026-11-22
 * Diagnoses
 * 1. E11.65 Type 2 diabetes mellitus with hyperglycemia (principal diagnosis) — POA Y
 * Procedures
 * 1. 0DJD8ZZ Inspection of lower intestinal tract, via natural or artificial opening endoscopic (principal procedure)
 * ```
 */
export function worksheetText(entries: readonly WorksheetEntry[], context: ExportContext): string {
  const view = deriveWorksheetView(orderEntries(entries), context.setting);
  const lines = [`Worksheet: ${context.setting}, date of service ${context.dateOfService}`];
  if (view.diagnoses.length === 0 && view.procedures.length === 0) lines.push('(no codes)');
  const section = (heading: string, rows: WorksheetRow[]) => {
    if (rows.length === 0) return;
    lines.push(heading);
    for (const row of rows) {
      const role = row.role ? ` (${row.role.toLowerCase()})` : '';
      lines.push(`${row.sequence}. ${row.entry.display} ${oneLine(row.entry.title)}${role}${poaText(row)}`);
    }
  };
  section('Diagnoses', view.diagnoses);
  section('Procedures', view.procedures);
  return lines.join('\n');
}

export const WORKSHEET_CSV_COLUMNS = ['Sequence', 'Type', 'Code', 'Code set', 'Title', 'POA'] as const;

/**
 * One CSV field (RFC 4180). Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab,
 * CR first) gets a leading apostrophe: an imported CPT file could carry one (OWASP, CSV injection).
 */
export function csvField(value: string | number): string {
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The worksheet as CSV: a header row, diagnoses then procedures, CRLF line ends (RFC 4180). */
export function worksheetCsv(entries: readonly WorksheetEntry[], setting: Setting): string {
  const view = deriveWorksheetView(orderEntries(entries), setting);
  const rows = [...view.diagnoses, ...view.procedures].map((row) =>
    [
      row.sequence,
      row.kind === 'diagnosis' ? 'Diagnosis' : 'Procedure',
      row.entry.display,
      CODE_SET_NAMES[row.entry.system],
      row.entry.title,
      row.poaApplies ? (row.entry.poa ?? '') : '',
    ]
      .map(csvField)
      .join(','),
  );
  return `${[WORKSHEET_CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
