/**
 * Impact, for the CDI specialist's prioritising only (DESIGN.md §6): the CMS-HCC V28 category of a
 * code (from the compiled `hcc` asset or the code catalog) and its CC/MCC designation when the user has
 * imported a CMS CC/MCC list. Nothing here is passed to `draftQuery`, and the linter's financial-term
 * check rejects any query text that names HCC, CC/MCC, DRG, RAF, SOI/ROM or money, so impact data
 * cannot reach a query.
 *
 * No CC/MCC list ships: the user imports a simple CSV (`code,cc_mcc`, one code per line, values CC or
 * MCC, header optional, dotted or dotless codes), parsed here and kept as plain records for storage.
 */
import type { HccRecord } from '../codes/types';
import { ccMccMessages } from './messages';
import { defaultCdiPacks } from './rules';
import type { CcMcc, ImpactRow, Opportunity, TemplatePack } from './types';

/** The HCC of a code, or undefined. Backed by the compiled asset in Node and by the code catalog in the extension. */
export type HccLookup = (code: string) => { hcc: string; label: string } | undefined;

/** A CC/MCC designation source: an imported CMS list, or none. */
export interface CcMccLookup {
  /** Where the list came from (file name and date as the user imported it). */
  readonly source: string;
  readonly size: number;
  get(code: string): CcMcc | undefined;
  /** Plain records for storage (`[code, 'cc' | 'mcc']`). */
  records(): Array<[string, CcMcc]>;
}

function dotless(code: string): string {
  return code.replace(/\./g, '').trim().toUpperCase();
}

/** HCC lookup from `HccRecord`s (the `icd10cm-hcc-*` asset), for one model (V28 by default). */
export function hccLookupFromRecords(records: readonly HccRecord[], model: 'V28' | 'V24' = 'V28'): HccLookup {
  const map = new Map<string, { hcc: string; label: string }>();
  for (const [code, hcc, m, label] of records) if (m === model && !map.has(code)) map.set(code, { hcc, label });
  return (code) => map.get(dotless(code));
}

/** A CC/MCC lookup over plain records (as stored after an import). */
export function ccMccFromRecords(records: ReadonlyArray<readonly [string, CcMcc]>, source: string): CcMccLookup {
  const map = new Map<string, CcMcc>(records.map(([c, v]) => [dotless(c), v]));
  return {
    source,
    size: map.size,
    get: (code) => map.get(dotless(code)),
    records: () => [...map.entries()],
  };
}

export class CcMccImportError extends Error {
  override readonly name = 'CcMccImportError';
}

// Chapter 22 codes (U07.0, U07.1, U09.9) are ICD-10-CM codes too: a list naming one is not a bad file.
const CODE = /^[A-Z][0-9][0-9A-Z](?:[0-9A-Z]{1,4})?$/;

/**
 * Parse an imported CC/MCC list. Throws `CcMccImportError` naming the line of the first problem;
 * nothing is kept from a bad file.
 *
 * @example parseCcMccCsv('code,cc_mcc\nN17.9,CC\nJ96.01,MCC\n', 'cc-mcc.csv').get('N179') // 'cc'
 */
export function parseCcMccCsv(text: string, source: string): CcMccLookup {
  const records: Array<[string, CcMcc]> = [];
  const seen = new Map<string, CcMcc>();
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  rows.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const cells = raw.split(/[,\t;]/).map((c) => c.trim().replace(/^"(.*)"$/, '$1'));
    if (cells.length !== 2) throw new CcMccImportError(ccMccMessages.badColumns(line));
    const [rawCode = '', rawValue = ''] = cells;
    if (line === 1 && /^code$/i.test(rawCode)) return;
    const code = dotless(rawCode);
    if (!CODE.test(code)) throw new CcMccImportError(ccMccMessages.badCode(line, rawCode));
    const value = rawValue.toLowerCase();
    if (value !== 'cc' && value !== 'mcc') throw new CcMccImportError(ccMccMessages.badValue(line, rawValue));
    const first = seen.get(code);
    if (first !== undefined) {
      if (first !== value) throw new CcMccImportError(ccMccMessages.conflicting(line, rawCode, first));
      return;
    }
    seen.set(code, value);
    records.push([code, value]);
  });
  if (records.length === 0) throw new CcMccImportError(ccMccMessages.empty);
  return ccMccFromRecords(records, source);
}

/** What an imported CC/MCC file holds: `code,cc_mcc` pairs, or a list of codes that are all MCCs (or all CCs). */
export type CcMccFileFormat = 'pairs' | 'mcc' | 'cc';

/**
 * Parse a list of codes that all carry one designation, as CMS publishes them (IPPS Table 6I "Complete
 * MCC List", Table 6J "Complete CC List": tab- or comma-separated, code first, then its description).
 * Header lines before the first code are skipped; after it, a line whose first cell is not a code is
 * an error naming the line. Nothing is kept from a bad file.
 */
export function parseCodeListCsv(text: string, source: string, designation: CcMcc): CcMccLookup {
  const records: Array<[string, CcMcc]> = [];
  const seen = new Set<string>();
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  rows.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    const first = (raw.includes('\t') ? raw.split('\t')[0] : raw.split(/[,;]/)[0]) ?? '';
    const code = dotless(first.trim().replace(/^"(.*)"$/, '$1'));
    if (!CODE.test(code)) {
      if (records.length === 0) return; // a title or column header
      throw new CcMccImportError(ccMccMessages.badCode(line, first.trim().slice(0, 40)));
    }
    if (seen.has(code)) return;
    seen.add(code);
    records.push([code, designation]);
  });
  if (records.length === 0) throw new CcMccImportError(ccMccMessages.empty);
  return ccMccFromRecords(records, source);
}

/** Parse an imported file in the format the user chose. */
export function parseCcMccFile(text: string, source: string, format: CcMccFileFormat): CcMccLookup {
  return format === 'pairs' ? parseCcMccCsv(text, source) : parseCodeListCsv(text, source, format);
}

/**
 * Add a newly imported list to the one kept: a CC list and an MCC list are imported one after the
 * other. A code in both is an error (CMS lists are disjoint), so a mistaken pick is not silently merged.
 */
export function mergeCcMcc(kept: CcMccLookup | undefined, added: CcMccLookup): CcMccLookup {
  if (!kept) return added;
  const merged = new Map(kept.records());
  for (const [code, value] of added.records()) {
    const before = merged.get(code);
    if (before !== undefined && before !== value) throw new CcMccImportError(ccMccMessages.mergeConflict(code, before, value));
    merged.set(code, value);
  }
  // Each file named once, and the name kept short: importing the same table twice does not grow it.
  const sources = [...new Set([...kept.source.split('; '), added.source])].join('; ');
  return ccMccFromRecords([...merged.entries()], sources.length > 200 ? `${sources.slice(0, 199)}…` : sources);
}

/** HCC and CC/MCC of each code. */
export function impactOf(codes: readonly string[], sources: { hcc?: HccLookup; ccMcc?: CcMccLookup }): ImpactRow[] {
  return [...new Set(codes.map(dotless))].map((code) => {
    const row: ImpactRow = { code };
    const hcc = sources.hcc?.(code);
    if (hcc) row.hcc = hcc;
    const cc = sources.ccMcc?.get(code);
    if (cc) row.ccMcc = cc;
    return row;
  });
}

export interface OptionImpact {
  optionId: string;
  option: string;
  rows: ImpactRow[];
}

/** For the specialist: what each answer of an opportunity's query would lead to. */
export function opportunityImpact(
  opportunity: Opportunity,
  sources: { hcc?: HccLookup; ccMcc?: CcMccLookup },
  templates: TemplatePack = defaultCdiPacks().templates,
): OptionImpact[] {
  const template = templates.templates.find((t) => t.id === opportunity.template);
  if (template === undefined) return [];
  return template.options
    .filter((o) => (o.codes ?? []).length > 0)
    .map((o) => ({ optionId: o.id, option: o.text, rows: impactOf(o.codes ?? [], sources) }));
}
