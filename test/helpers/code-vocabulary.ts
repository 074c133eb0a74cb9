/**
 * Words and billable codes of the official code sets under CODESET_DIR, for data tests that check
 * hand-written rules (abbreviation expansions, benchmark queries) against the real titles.
 * Read once per test file; guard callers with `hasCodesetDir`.
 */
import { SOURCES } from '../../scripts/codesets/sources';
import type { CodeSystem } from '../../utils/codes/types';
import { readCodesetText } from './codeset-dir';

/** Lower-case runs of letters and digits: "Non-ST elevation (NSTEMI)" → non, st, elevation, nstemi. */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** Order-file lines (fixed width): code in columns 7-13, billable flag in 15, long title from 78. */
function orderLines(relPath: string): Array<{ code: string; billable: boolean; title: string }> {
  return readCodesetText(relPath)
    .split(/\r?\n/)
    .filter((line) => line.length > 77)
    .map((line) => ({ code: line.slice(6, 13).trim(), billable: line[14] === '1', title: line.slice(77) }));
}

let cache: { vocabulary: Set<string>; billable: Record<Exclude<CodeSystem, 'cpt'>, Set<string>> } | undefined;

function load() {
  if (cache) return cache;
  const vocabulary = new Set<string>();
  const add = (text: string) => {
    for (const w of words(text)) vocabulary.add(w);
  };
  const cm = orderLines(SOURCES.cmOrder2027);
  const pcs = orderLines(SOURCES.pcsOrder2026);
  for (const line of [...cm, ...pcs]) add(line.title);
  // HCPCS: `CODE,SHORT,"LONG"`; the descriptions are the only words in it.
  const hcpcsRows = readCodesetText(SOURCES.hcpcs).split(/\r?\n/).slice(1).filter(Boolean);
  add(hcpcsRows.join('\n'));
  // Alphabetic Index family: the <title> of every term (with its nonessential modifiers), and the drug table's substances.
  for (const rel of [SOURCES.index, SOURCES.eindex, SOURCES.neoplasm]) {
    for (const m of readCodesetText(rel).matchAll(/<title>([\s\S]*?)<\/title>/g)) add((m[1] ?? '').replace(/<[^>]+>/g, ' '));
  }
  add(readCodesetText(SOURCES.drugCsv));
  cache = {
    vocabulary,
    billable: {
      icd10cm: new Set(cm.filter((l) => l.billable).map((l) => l.code)),
      icd10pcs: new Set(pcs.filter((l) => l.billable).map((l) => l.code)),
      hcpcs: new Set(hcpcsRows.map((row) => row.slice(0, row.indexOf(',')).trim()).filter((c) => /^[A-V][0-9]{4}$/.test(c))),
    },
  };
  return cache;
}

/** Every word of ICD-10-CM FY2027 titles, the ICD-10-CM index family, ICD-10-PCS FY2026 titles and HCPCS 2026 descriptions. */
export function codeSetVocabulary(): Set<string> {
  return load().vocabulary;
}

/** Billable codes, dotless: ICD-10-CM FY2027 (flag 1), ICD-10-PCS FY2026 (flag 1), HCPCS Level II 2026 (every code). */
export function billableCodes(system: Exclude<CodeSystem, 'cpt'>): Set<string> {
  return load().billable[system];
}
