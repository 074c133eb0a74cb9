import Papa from 'papaparse';
import { hasCodeShape, normalizeCode } from '../code-format';
import { CodeSetError, messages } from '../errors';
import type { IndexCode, IndexTerm } from '../types';
import { appended, isEmptyCell, splitModifiers } from './index-xml';

/**
 * The CDC CSV of the Table of Drugs and Chemicals (`icd10cm-drug-<release>.csv`):
 *
 *   ICD-10-CM TABLE of DRUGS and CHEMICALS,,,,,,,        <- optional title row
 *   Substance,Poisoning Accidental (unintentional),...,Underdosing,
 *   Acetaldehyde (vapor),T52.8X1,T52.8X2,T52.8X3,T52.8X4,--,--,
 *   – liquid,T65.891,T65.892,T65.893,T65.894,--,--,      <- subterm: one dash per level
 *   Adrenalin -see Adrenaline,,,,,,,                      <- cross-reference, no codes
 *
 * Subterms carry one en dash per level ("– – beta, heart"); they are rebuilt into `children`, as
 * in the XML table. Parenthesised groups become `nemod`, as `<nemod>` does in the XML, and
 * " -see X" / " -see also X" become `see` / `seeAlso`.
 *
 * The CDC file is Windows-1252, so the dash is byte 0x96: decoded as windows-1252 it is U+2013,
 * as ISO-8859-1 U+0096 and as (lossy) UTF-8 U+FFFD; all three are read as level dashes. Use
 * `decodeDrugCsv()` on raw bytes to get the proper text.
 */
export interface DrugCsvParseResult {
  /** The six code column headings (poisoning accidental ... underdosing). */
  columns: string[];
  /** Main substances with their subterms as `children`. */
  terms: IndexTerm[];
}

const CODE_COLUMNS = 6;
const EXPECTED_HEADER =
  'Substance, Poisoning Accidental (unintentional), Poisoning Intentional self-harm, Poisoning Assault, Poisoning Undetermined, Adverse effect, Underdosing';

/**
 * Leading level dashes. The ASCII hyphen is accepted too: the April 2025 file prints the DHE
 * subterm "45" as "-45" (the XML table has it as a level 1 term under DHE).
 */
const LEVEL_DASHES = /^(?:[\u2013\u0096\ufffd-]\s*)+/;
const DASH = /[\u2013\u0096\ufffd-]/g;
const CROSS_REFERENCE = /\s+-\s*see(\s+also)?\s+(.+)$/i;

/** Text of the CSV's bytes: UTF-8 when they are valid UTF-8, otherwise Windows-1252 (what the CDC ships). */
export function decodeDrugCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/**
 * 0x80-0x9F of Windows-1252 (the rest is ISO-8859-1). Decoded by hand because Node's
 * `TextDecoder('windows-1252')` decodes as ISO-8859-1 (0x96 -> U+0096), unlike browsers.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const chars: string[] = [];
  for (const byte of bytes) {
    chars.push(byte >= 0x80 && byte <= 0x9f ? (CP1252_HIGH[byte - 0x80] as string) : String.fromCharCode(byte));
  }
  return chars.join('');
}

export function parseDrugCsv(csv: string, file: string): DrugCsvParseResult {
  const text = csv.charCodeAt(0) === 0xfeff ? csv.slice(1) : csv;
  if (text.trim() === '') throw new CodeSetError(file, undefined, messages.emptyFile);

  const parsed = Papa.parse<string[]>(text, { delimiter: ',', skipEmptyLines: false });
  const lineOfRow = rowLineNumbers(text, parsed.data.length);
  // papaparse reports quoting problems per row; the first one is the one to fix.
  const csvError = parsed.errors[0];
  if (csvError !== undefined) {
    const row = csvError.row ?? 0;
    throw new CodeSetError(file, lineOfRow[row] ?? 1, messages.badCsv(csvError.message.replace(/\.$/, '')));
  }

  const rows = parsed.data;
  let at = nextNonEmpty(rows, 0);
  // A title row: text in the first cell only.
  if (at < rows.length && !isHeader(rows[at] as string[]) && (rows[at] as string[]).slice(1).every((c) => c.trim() === '')) {
    at = nextNonEmpty(rows, at + 1);
  }
  const header = rows[at];
  if (header === undefined || !isHeader(header)) {
    throw new CodeSetError(file, lineOfRow[Math.min(at, rows.length - 1)] ?? 1, messages.badCsvHeader(EXPECTED_HEADER));
  }
  const columns = header.slice(1, 1 + CODE_COLUMNS).map((c) => c.replace(/\s+/g, ' ').trim());

  const terms: IndexTerm[] = [];
  /** The last term at each level: `open[n]` is the parent of a level n + 1 subterm. */
  const open: IndexTerm[] = [];
  for (let i = at + 1; i < rows.length; i++) {
    const row = rows[i] as string[];
    const line = lineOfRow[i] as number;
    // Blank rows, and the header repeated where the source had a page break (lines 1185 and 1234 of
    // the April 2025 file), are not substances; the hierarchy carries on across them.
    if (row.every((c) => c.trim() === '') || isHeader(row)) continue;
    // Rows end with an empty eighth field (a trailing comma); more is allowed only when empty.
    if (row.length < CODE_COLUMNS + 1 || row.slice(CODE_COLUMNS + 1).some((c) => c.trim() !== '')) {
      throw new CodeSetError(file, line, messages.badCsvRow(row.length, CODE_COLUMNS + 1));
    }

    const term = readSubstance(row[0] as string, file, line);
    const level = (row[0]?.trimStart().match(LEVEL_DASHES)?.[0].match(DASH) ?? []).length;
    const cells = row.slice(1, 1 + CODE_COLUMNS).map((cell): IndexCode | null => {
      if (isEmptyCell(cell)) return null;
      const code = cell.trim();
      if (!hasCodeShape('icd10cm', normalizeCode(code)) || !/^[A-Za-z0-9.]+-?$/.test(code)) {
        throw new CodeSetError(file, line, messages.notIcd10cmCode(cell.trim()));
      }
      return { code, status: 'valid' };
    });
    // A row with no cells at all is a heading or a cross-reference; "--" is an explicit "no code".
    if (row.slice(1, 1 + CODE_COLUMNS).some((c) => c.trim() !== '')) term.cells = cells;

    if (level > open.length) throw new CodeSetError(file, line, messages.badSubtermLevel(level));
    open.length = level;
    const parent = open[level - 1];
    if (parent === undefined) terms.push(term);
    else parent.children = appended(parent.children, term);
    open.push(term);
  }
  return { columns, terms };
}

/** Title, modifiers and cross-reference of a Substance cell such as "– – Chlorethyl (vapor) -see Ethyl, chloride". */
function readSubstance(raw: string, file: string, line: number): IndexTerm {
  let text = raw.trim().replace(LEVEL_DASHES, '');
  let see: string | undefined;
  let seeAlso: string | undefined;
  const reference = CROSS_REFERENCE.exec(text);
  if (reference) {
    const target = (reference[2] as string).replace(/\s+/g, ' ').trim();
    if (reference[1]) seeAlso = target;
    else see = target;
    text = text.slice(0, reference.index);
  }
  const { title, nemod } = splitModifiers([{ text, nemod: true }]);
  if (title === '' && nemod.length === 0) throw new CodeSetError(file, line, messages.emptySubstance);
  // A substance that is only a modifier keeps it as its title, as the XML parser does.
  const term: IndexTerm = { title: title === '' ? nemod.map((m) => `(${m})`).join(' ') : title };
  if (title !== '' && nemod.length > 0) term.nemod = nemod;
  if (see !== undefined) term.see = [see];
  if (seeAlso !== undefined) term.seeAlso = [seeAlso];
  return term;
}

function isHeader(row: readonly string[]): boolean {
  return (
    row[0]?.trim().toLowerCase() === 'substance' && row.slice(1, 1 + CODE_COLUMNS).filter((c) => c.trim() !== '').length === CODE_COLUMNS
  );
}

function nextNonEmpty(rows: readonly string[][], from: number): number {
  let i = from;
  while (i < rows.length && (rows[i] as string[]).every((c) => c.trim() === '')) i++;
  return i;
}

/**
 * 1-based line of each parsed row. Rows and lines differ only when a quoted field holds a line
 * break, so this walks the text once with the same quoting rules.
 */
function rowLineNumbers(text: string, rowCount: number): number[] {
  const lines: number[] = [1];
  let line = 1;
  let quoted = false;
  for (let i = 0; i < text.length && lines.length < rowCount; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      line++;
      if (!quoted) lines.push(line);
    }
  }
  return lines;
}
