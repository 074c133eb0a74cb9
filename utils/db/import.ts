/**
 * In-browser import of code-set files (DESIGN.md §3, "Import"): the official CMS/CDC release files
 * or zips the user picks on the options page, and a licensed CPT table. The same parsers and the
 * same `makeAsset` calls as `scripts/codesets/build.ts` turn them into assets, so an imported file
 * gives the asset the build would have given. Everything is parsed before anything is written; a
 * bad file is refused with a message naming it (and the line), and what is stored stays as it was.
 *
 * Pure logic plus Dexie writes through the loader: no DOM and no `browser` API, so it runs in Node
 * tests as it does on the options page.
 */
import { Gunzip, unzipSync } from 'fflate';
import Papa from 'papaparse';
import { assetId, makeAsset } from '../codes/asset';
import { ICD10CM_CODE } from '../codes/code-format';
import { fiscalYearRange } from '../codes/dates';
import { CodeSetError, messages } from '../codes/errors';
import { sha256Hex } from '../codes/hash';
import { resolveIndexCodes, codeListView } from '../codes/index-resolve';
import { parseOrderAddenda } from '../codes/parse/addenda';
import { decodeDrugCsv, parseDrugCsv } from '../codes/parse/drug-csv';
import { parseHcpcsCsv } from '../codes/parse/hcpcs';
import { parseIndexXml } from '../codes/parse/index-xml';
import { stripBom } from '../codes/parse/lines';
import { parseOrderFile, parseOrderLine } from '../codes/parse/order-file';
import { parsePoaExempt } from '../codes/parse/poa';
import { parseTabularXml } from '../codes/parse/tabular';
import type { Asset, AssetHeader, AssetKind, CodeRecord, CodeSystem, ConversionRecord, SourceFile } from '../codes/types';
import { type LoadResult, activeVersions, loadAll, readAssetRecords } from './loader';
import type { ChartcodeDB } from './schema';

/** Every limit of the importer in one place. */
export const IMPORT_LIMITS = Object.freeze({
  /** An upload larger than this is refused before it is read any further. */
  maxUploadBytes: 60_000_000,
  /** Total expanded size of one upload (the FY tabular and index XML are about 10 MB each). */
  maxExpandedBytes: 200_000_000,
  /** Expansion ratio above which a zip entry or .gz is taken for a zip bomb. */
  maxRatio: 100,
  /**
   * The ratio rule applies from this expanded size on: a few kilobytes of padding compress
   * extremely well and harm nobody; the total cap still bounds many small entries.
   */
  ratioFloorBytes: 1_000_000,
  /** How many bad CPT lines one error message lists. */
  badLinesReported: 5,
  /** Rows the CPT preview shows. */
  previewRows: 10,
});

export interface UploadCaps {
  maxUploadBytes?: number;
  maxExpandedBytes?: number;
  maxRatio?: number;
}

/** Messages of the importer itself; the parsers' messages live in `codes/errors.ts`. */
export const importMessages = {
  badArchive: (type: 'zip' | 'gzip', why: string) => `not a readable ${type} file (${why}); is it complete?`,
  entryIncomplete: (entry: string) => `entry "${entry}" is cut off`,
  checksumMismatch: 'its checksum does not match its content',
  notImportable:
    'is not a file Chartcode imports. Choose the official ICD-10-CM/PCS order file (icd10cm_order_YYYY.txt), order addenda, ' +
    'tabular or index XML, drug table, HCPCS CSV or POA-exempt list, or a zip holding them.',
  needYear: 'the file name carries no year: choose the fiscal year before importing',
  needTargetYear: 'cannot tell which fiscal year this applies to: choose the fiscal year before importing',
  needCodeList: (fiscalYear: number) =>
    `its codes are checked against the FY${fiscalYear} ICD-10-CM code list, which is neither in this import nor stored: ` +
    `add icd10cm_order_${fiscalYear}.txt to the import or import it first`,
  duplicateAsset: (id: string, other: string) => `gives the same code set (${id}) as ${other}; import one of them`,
  nothingToImport: 'no file was chosen',
  // CPT
  cptSameColumn: 'the code column and the descriptor column must differ',
  cptNoColumn: (column: number) => `has no column ${column + 1}`,
  cptNoDescriptor: (code: string) => `code ${code} has no descriptor`,
  cptMoreBadLines: (lines: readonly number[], more: number) =>
    `; also bad: line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}${more > 0 ? ` and ${more} more` : ''}. The file was not imported`,
  cptDuplicate: (code: string, firstLine: number) => `code ${code} appears twice (first on line ${firstLine})`,
  cptNoRows: 'holds no code rows',
  badYear: (year: number) =>
    Number.isFinite(year) ? `${year} is not a year Chartcode accepts (2000-2100)` : 'choose the year the codes apply to',
} as const;

// ---------------------------------------------------------------------------------------------
// Unpacking

/** One file to import, as the user gave it or as it came out of a .zip or .gz. */
export interface UploadedFile {
  /** Base name, without any folder of the zip. */
  name: string;
  bytes: Uint8Array;
  /** The archive it came out of. Unknown files inside a zip are skipped, not refused. */
  container?: { name: string; type: 'zip' | 'gz'; bytes: Uint8Array };
}

const isZip = (b: Uint8Array) =>
  b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5) && (b[3] === 4 || b[3] === 6);
const isGzip = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/** Input bytes per gunzip step: at most about 16 MB of output (deflate's 1032:1) before the next check. */
const GUNZIP_SLICE = 16_384;

function concat(chunks: readonly Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE), as the gzip trailer holds it; fflate does not export its own. */
function crc32(data: Uint8Array): number {
  crcTable ??= Uint32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  let crc = 0xffffffff;
  for (let i = 0; i < data.length; i++) crc = (crcTable[(crc ^ (data[i] as number)) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/** Entries worth reading: no folders, no macOS resource forks, no layout PDFs. */
function isWantedEntry(path: string): boolean {
  if (path.endsWith('/')) return false;
  const name = baseName(path);
  if (path.split('/').includes('__MACOSX') || name.startsWith('._') || name === '.DS_Store') return false;
  return !/\.pdf$/i.test(name);
}

/**
 * A .zip (nested folders fine) or .gz upload to the files inside it; anything else passes through.
 * Sizes are checked before inflating (declared sizes) and after (real sizes): over-size uploads and
 * expansions are refused with `messages.tooLarge`, suspicious ratios with `messages.zipBomb`.
 */
export function unpackUpload(name: string, bytes: Uint8Array, caps: UploadCaps = {}): UploadedFile[] {
  const maxUpload = caps.maxUploadBytes ?? IMPORT_LIMITS.maxUploadBytes;
  const maxExpanded = caps.maxExpandedBytes ?? IMPORT_LIMITS.maxExpandedBytes;
  const maxRatio = caps.maxRatio ?? IMPORT_LIMITS.maxRatio;
  if (bytes.length > maxUpload) throw new CodeSetError(name, undefined, messages.tooLarge(bytes.length, maxUpload));

  const checkRatio = (entry: string, expanded: number, compressed: number) => {
    const ratio = expanded / Math.max(compressed, 1);
    if (expanded >= IMPORT_LIMITS.ratioFloorBytes && ratio > maxRatio)
      throw new CodeSetError(name, undefined, messages.zipBomb(entry, ratio));
  };

  if (isZip(bytes) || /\.zip$/i.test(name)) {
    const container = { name, type: 'zip' as const, bytes };
    const declaredSizes = new Map<string, { size: number; originalSize: number }>();
    let declaredTotal = 0;
    let files: Record<string, Uint8Array>;
    try {
      // fflate sizes each output buffer from the declared size and never grows it, so checking the
      // declared sizes here bounds what inflating can allocate.
      files = unzipSync(bytes, {
        filter: (entry) => {
          if (!isWantedEntry(entry.name)) return false;
          checkRatio(entry.name, entry.originalSize, entry.size);
          declaredTotal += entry.originalSize;
          if (declaredTotal > maxExpanded) throw new CodeSetError(name, undefined, messages.tooLarge(declaredTotal, maxExpanded));
          declaredSizes.set(entry.name, { size: entry.size, originalSize: entry.originalSize });
          return true;
        },
      });
    } catch (error) {
      if (error instanceof CodeSetError) throw error;
      throw new CodeSetError(name, undefined, importMessages.badArchive('zip', errorText(error)));
    }
    const out: UploadedFile[] = [];
    let realTotal = 0;
    for (const [path, data] of Object.entries(files)) {
      const declared = declaredSizes.get(path);
      realTotal += data.length;
      checkRatio(path, data.length, declared?.size ?? 0);
      if (realTotal > maxExpanded) throw new CodeSetError(name, undefined, messages.tooLarge(realTotal, maxExpanded));
      // Inflating stops short of the declared size when the entry's data is cut off.
      if (data.length !== declared?.originalSize)
        throw new CodeSetError(name, undefined, importMessages.badArchive('zip', importMessages.entryIncomplete(path)));
      out.push({ name: baseName(path), bytes: data, container });
    }
    if (out.length === 0) throw new CodeSetError(name, undefined, messages.zipNoKnownFile);
    return out;
  }

  if (isGzip(bytes) || /\.gz$/i.test(name)) {
    const inner = name.replace(/\.gz$/i, '');
    // The gzip trailer's declared size cannot be trusted (a truncated file ends in other bytes), so
    // the real output is counted while inflating, in small slices, and refused once over a limit.
    const chunks: Uint8Array[] = [];
    let expanded = 0;
    try {
      const gunzip = new Gunzip((chunk) => {
        chunks.push(chunk);
        expanded += chunk.length;
      });
      for (let at = 0; at < bytes.length || at === 0; at += GUNZIP_SLICE) {
        const end = Math.min(at + GUNZIP_SLICE, bytes.length);
        gunzip.push(bytes.subarray(at, end), end === bytes.length);
        checkRatio(inner, expanded, bytes.length);
        if (expanded > maxExpanded) throw new CodeSetError(name, undefined, messages.tooLarge(expanded, maxExpanded));
      }
    } catch (error) {
      if (error instanceof CodeSetError) throw error;
      throw new CodeSetError(name, undefined, importMessages.badArchive('gzip', errorText(error)));
    }
    // Inflating can end early on a cut-off file without an error: the trailer's CRC-32 and size tell.
    const data = concat(chunks, expanded);
    const n = bytes.length;
    const trailer = (at: number) =>
      ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24)) >>>
      0;
    if (n < 18 || trailer(n - 4) !== data.length >>> 0 || trailer(n - 8) !== crc32(data)) {
      throw new CodeSetError(name, undefined, importMessages.badArchive('gzip', importMessages.checksumMismatch));
    }
    return [{ name: baseName(inner), bytes: data, container: { name, type: 'gz', bytes } }];
  }

  return [{ name: baseName(name), bytes }];
}

/** Several uploads, unpacked one after the other; the total expanded size is capped across them. */
export function unpackUploads(uploads: ReadonlyArray<{ name: string; bytes: Uint8Array }>, caps: UploadCaps = {}): UploadedFile[] {
  const maxExpanded = caps.maxExpandedBytes ?? IMPORT_LIMITS.maxExpandedBytes;
  const out: UploadedFile[] = [];
  let total = 0;
  for (const upload of uploads) {
    for (const file of unpackUpload(upload.name, upload.bytes, caps)) {
      total += file.bytes.length;
      if (total > maxExpanded) throw new CodeSetError(upload.name, undefined, messages.tooLarge(total, maxExpanded));
      out.push(file);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Recognising files

export type ImportFileKind =
  | 'cm-order'
  | 'pcs-order'
  | 'cm-addenda'
  | 'tabular'
  | 'index'
  | 'eindex'
  | 'neoplasm'
  | 'drug-xml'
  | 'drug-csv'
  | 'hcpcs'
  | 'poa'
  | 'unknown';

/**
 * Official names, old (`icd10cm_order_2026.txt`) and newer CDC style (`icd10cm-order-April-2024.txt`).
 * Files of the same releases that Chartcode does not need come first and say 'unknown': the
 * billable-only codes file (the order file has the same codes plus headers), the codes addenda,
 * the PCS addenda (addenda records carry no system, so they would mix with ICD-10-CM's) and the
 * POA-exempt change lists (the full list is the POA file).
 */
const NAME_RULES: ReadonlyArray<[RegExp, ImportFileKind]> = [
  [/icd-?10-?cm[-_ ]codes/i, 'unknown'],
  [/icd-?10-?pcs[-_ ]codes/i, 'unknown'],
  [/icd-?10-?pcs[-_ ]order[-_ ]addenda/i, 'unknown'],
  [/^poaexempt(add|delete|revise)/i, 'unknown'],
  [/^readme/i, 'unknown'],
  [/icd-?10-?cm[-_ ]order[-_ ]addenda.*\.txt$/i, 'cm-addenda'],
  [/icd-?10-?cm[-_ ]order.*\.txt$/i, 'cm-order'],
  [/icd-?10-?pcs[-_ ]order.*\.txt$/i, 'pcs-order'],
  [/icd-?10-?cm[-_ ]tabular.*\.xml$/i, 'tabular'],
  [/icd-?10-?cm[-_ ]eindex.*\.xml$/i, 'eindex'],
  [/icd-?10-?cm[-_ ]index.*\.xml$/i, 'index'],
  [/icd-?10-?cm[-_ ]neoplasm.*\.xml$/i, 'neoplasm'],
  [/icd-?10-?cm[-_ ]drug.*\.xml$/i, 'drug-xml'],
  [/icd-?10-?cm[-_ ]drug.*\.csv$/i, 'drug-csv'],
  [/^poaexemptcodes.*\.(txt|tsv)$/i, 'poa'],
  [/hcpcs?.*\.csv$/i, 'hcpcs'],
];

/**
 * What an uploaded file is: by the official file name when it says, else by its content (the XML
 * root element, or the shape of the first line). `text` may be only the start of the file.
 */
export function classifyFile(name: string, text: string): ImportFileKind {
  for (const [pattern, kind] of NAME_RULES) if (pattern.test(name)) return kind;
  return classifyByContent(stripBom(text.slice(0, 20_000)));
}

function classifyByContent(head: string): ImportFileKind {
  const trimmed = head.trimStart();
  if (trimmed.startsWith('<')) {
    const root = /<([A-Za-z_][\w.:-]*)[\s>/]/.exec(trimmed.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>/g, ''))?.[1];
    if (root === 'ICD10CM.tabular') return 'tabular';
    if (root !== 'ICD10CM.index') return 'unknown';
    const firstHeading = /<head\s+col="1"\s*>([^<]*)</.exec(trimmed)?.[1] ?? '';
    if (/neoplasm/i.test(firstHeading)) return 'neoplasm';
    if (/substance|drug/i.test(firstHeading)) return 'drug-xml';
    if (/<title>[^<]*external cause/i.test(trimmed)) return 'eindex';
    return 'index';
  }
  const lines = trimmed
    .split(/\r\n|\n|\r/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  const first = lines[0] ?? '';
  if (/^HCPCS_CODE\s*,/i.test(first)) return 'hcpcs';
  if (/^Order\w*\tPOAexemptCode/i.test(first)) return 'poa';
  if (/TABLE of DRUGS/i.test(first) || /^Substance\s*,/i.test(first)) return 'drug-csv';
  if (/^(Add|Delete|Revise from|Revise to):/.test(first)) {
    const codes = lines.filter((l) => /^(Add|Delete|Revise from|Revise to):/.test(l)).map((l) => l.slice(15, 22).trim());
    return codes.length > 0 && codes.every((c) => ICD10CM_CODE.test(c)) ? 'cm-addenda' : 'unknown';
  }
  const records = lines.map((l) => parseOrderLine(l));
  if (records.length > 0 && records.every((r) => typeof r !== 'string')) {
    // The two order files share a layout; ICD-10-CM codes start with a letter then a digit (or,
    // since FY2026, a letter then a digit), PCS codes start with a digit in the first tables.
    return records.every((r) => ICD10CM_CODE.test((r as CodeRecord)[0])) ? 'cm-order' : 'pcs-order';
  }
  return 'unknown';
}

/**
 * The year a file name carries: `2026` in `icd10cm_order_2026.txt` or `icd10cm-drug-April-2025.csv`,
 * `FY26` in `POAexemptCodesFY26.txt`. For CM/PCS files it is the fiscal year (an April update
 * belongs to the fiscal year it falls in), for HCPCS the calendar year.
 */
export function yearFromName(name: string): number | undefined {
  const full = /(?:^|\D)(20\d{2})(?!\d)/.exec(name)?.[1];
  if (full !== undefined) return Number(full);
  const short = /FY[-_ ]?(\d{2})(?!\d)/i.exec(name)?.[1];
  return short === undefined ? undefined : 2000 + Number(short);
}

/** Text of a file's bytes: UTF-8 when valid, else Windows-1252 (CDC and AMA exports). */
export function decodeText(bytes: Uint8Array): string {
  return decodeDrugCsv(bytes);
}

// ---------------------------------------------------------------------------------------------
// Building assets

/** What an import can read from what is already stored (the options page passes the database's). */
export interface ImportContext {
  /** The codes (dotless) of a stored ICD-10-CM year, or undefined when that year is not stored. */
  existingCodes?: (fiscalYear: number) => Promise<Set<string> | undefined>;
  /** The stored ICD-10-CM conversion table: index codes replaced since the index was printed map forward, as in the build. */
  conversion?: () => Promise<Asset<ConversionRecord> | undefined>;
}

export interface ImportProgress {
  stage: 'parsing' | 'writing';
  done: number;
  total: number;
  /** The file being parsed, or the asset being written. */
  item: string;
}

export interface BuildImportOptions extends ImportContext {
  /**
   * The year the user chose. Used for files whose names carry no year, and as the year the
   * tabular list and the index files apply to (their own year is the year their content comes from).
   */
  fiscalYear?: number;
  /** Year the tabular/index files apply to when neither the user nor an order file in the upload says (the newest stored code list). */
  defaultTargetYear?: number;
  onProgress?: (progress: ImportProgress) => void;
  builtAt?: string;
}

/** One recognised file and what it will become, for the options page to show before importing. */
export interface RecognisedFile {
  name: string;
  container?: string;
  kind: ImportFileKind;
  /** The fiscal (HCPCS: calendar) year the file's assets will apply to, when known. */
  year?: number;
  /** First day in force, for a release that starts inside its year (the 1 April update, a HCPCS quarter). */
  midYearFrom?: string;
  /** Unknown files inside a zip are skipped; other unknown files refuse the import. */
  skipped: boolean;
}

const INDEX_LIKE: ReadonlySet<ImportFileKind> = new Set(['tabular', 'index', 'eindex', 'neoplasm', 'drug-xml', 'drug-csv']);
/** Kinds whose in-force dates follow their own release (see `releaseDates`). */
const RELEASE_DATED: ReadonlySet<ImportFileKind> = new Set(['cm-order', 'pcs-order', 'cm-addenda', 'hcpcs']);

/** The year of a file whose name carries it (order, addenda, POA, HCPCS), else the chosen one. */
const ownYear = (name: string, chosen: number | undefined) => yearFromName(name) ?? chosen;

/**
 * The year tabular and index files apply to: the chosen year, else the newest ICD-10-CM order file
 * of the same upload, else the default (the newest stored code list). Their own year (2017 in
 * `icd10cm_index_2017.xml`) is the year their content comes from, not the year they serve.
 */
function targetYearOf(
  cmOrderYears: readonly number[],
  opts: Pick<BuildImportOptions, 'fiscalYear' | 'defaultTargetYear'>,
): number | undefined {
  return opts.fiscalYear ?? (cmOrderYears.length > 0 ? Math.max(...cmOrderYears) : undefined) ?? opts.defaultTargetYear;
}

/** Recognise every file of an upload without parsing it. */
export function recogniseFiles(
  files: readonly UploadedFile[],
  opts: Pick<BuildImportOptions, 'fiscalYear' | 'defaultTargetYear'> = {},
): RecognisedFile[] {
  const kinds = files.map((file) => classifyFile(file.name, decodeText(file.bytes.subarray(0, 20_000))));
  const cmOrderYears = files.flatMap((file, i) => {
    const year = kinds[i] === 'cm-order' ? ownYear(file.name, opts.fiscalYear) : undefined;
    return year === undefined ? [] : [year];
  });
  const target = targetYearOf(cmOrderYears, opts);
  return files.map((file, i) => {
    const kind = kinds[i] as ImportFileKind;
    const year = kind === 'unknown' ? undefined : INDEX_LIKE.has(kind) ? target : ownYear(file.name, opts.fiscalYear);
    const system = kind === 'pcs-order' ? 'icd10pcs' : kind === 'hcpcs' ? 'hcpcs' : 'icd10cm';
    const from = year !== undefined && RELEASE_DATED.has(kind) ? releaseDates(file.name, system, year).effectiveFrom : undefined;
    const yearStart = system === 'hcpcs' ? `${year}-01-01` : `${(year ?? 0) - 1}-10-01`;
    return {
      name: file.name,
      ...(file.container ? { container: file.container.name } : {}),
      kind,
      ...(year !== undefined ? { year } : {}),
      ...(from !== undefined && from !== yearStart ? { midYearFrom: from } : {}),
      skipped: kind === 'unknown' && file.container?.type === 'zip',
    };
  });
}

const fy = (year: number) => {
  const { from, to } = fiscalYearRange(year);
  return { effectiveFrom: from, effectiveTo: to };
};

const calendar = (year: number) => ({ effectiveFrom: `${year}-01-01`, effectiveTo: `${year}-12-31` });

const QUARTER_MONTHS: Readonly<Record<string, string>> = { jan: '01', apr: '04', jul: '07', oct: '10' };

/**
 * In-force dates of a release from its name. A CM/PCS file named for the 1 April update
 * (`icd10cm-order-April-2024.txt`) runs 1 April to 30 September; a HCPCS quarterly file
 * (`HCPC2026_APR_ANWEB`, `hcpcs_level2_2026_jul.csv`) from its quarter to 31 December. `makeAsset`
 * gives such mid-year releases their own id, so they sit beside the release they amend.
 */
export function releaseDates(
  name: string,
  system: 'icd10cm' | 'icd10pcs' | 'hcpcs',
  year: number,
): { effectiveFrom: string; effectiveTo: string } {
  if (system === 'hcpcs') {
    const month = QUARTER_MONTHS[/(?:^|[^a-z])(jan|apr|jul|oct)(?![a-z])/i.exec(name)?.[1]?.toLowerCase() ?? 'jan'] ?? '01';
    return { effectiveFrom: `${year}-${month}-01`, effectiveTo: `${year}-12-31` };
  }
  const range = fy(year);
  return /(?:^|[^a-z])apr(?:il)?(?![a-z])/i.test(name) ? { ...range, effectiveFrom: `${year}-04-01` } : range;
}

/**
 * Where a file came from, as the build records it: a .gz is named and hashed as the compressed
 * file (like CODESET_DIR's `.txt.gz` files). A zip entry is named and hashed as itself: the zip's
 * hash would be shared by every asset from it and identify none.
 */
async function sourceOf(file: UploadedFile): Promise<SourceFile> {
  const raw = file.container?.type === 'gz' ? file.container : { name: file.name, bytes: file.bytes };
  return { file: raw.name, sha256: await sha256Hex(raw.bytes), bytes: raw.bytes.length };
}

/** Give the UI a chance to paint progress between files (parsing a 10 MB XML blocks for a while). */
const yieldToUi = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A recognised file to parse, its year settled. */
interface PlannedFile {
  file: UploadedFile;
  kind: Exclude<ImportFileKind, 'unknown'>;
  year: number;
}

/**
 * Parse every file and build its assets, exactly as the build does (same parsers, ids, effective
 * dates and stats). Nothing is written. Throws a `CodeSetError` naming the file (and line) for the
 * first bad file, an unknown file given on its own, or a zip holding nothing Chartcode imports.
 *
 * Index-like files (index, external cause index, neoplasm and drug tables) have their codes checked
 * against the target year's code list: the order file of that year in the same upload, else the
 * stored one, else the import is refused. Marking every code invalid instead would store an index
 * that looks broken, and one that could not be told apart from a really outdated one.
 */
export async function buildImportAssets(files: readonly UploadedFile[], opts: BuildImportOptions = {}): Promise<Asset[]> {
  return (await buildImport(files, opts)).assets;
}

async function buildImport(files: readonly UploadedFile[], opts: BuildImportOptions): Promise<{ assets: Asset[]; skipped: string[] }> {
  if (files.length === 0) throw new CodeSetError('import', undefined, importMessages.nothingToImport);
  const builtAt = opts.builtAt ?? new Date().toISOString();

  // Recognise everything and settle every year first, so a wrong file is refused before any parsing.
  const recognised = recogniseFiles(files, opts);
  const skipped: string[] = [];
  const knownPerZip = new Map<string, number>();
  const planned: PlannedFile[] = [];
  for (const [i, file] of files.entries()) {
    const { kind, year, skipped: isSkipped } = recognised[i] as RecognisedFile;
    if (file.container?.type === 'zip')
      knownPerZip.set(file.container.name, (knownPerZip.get(file.container.name) ?? 0) + (kind === 'unknown' ? 0 : 1));
    if (kind === 'unknown') {
      if (!isSkipped) throw new CodeSetError(file.name, undefined, importMessages.notImportable);
      skipped.push(file.name);
      continue;
    }
    if (year === undefined)
      throw new CodeSetError(file.name, undefined, INDEX_LIKE.has(kind) ? importMessages.needTargetYear : importMessages.needYear);
    planned.push({ file, kind, year });
  }
  for (const [zip, known] of knownPerZip) if (known === 0) throw new CodeSetError(zip, undefined, messages.zipNoKnownFile);

  // Index codes need the target year's code list: from this upload, else stored, else refuse now.
  const uploadedCmYears = new Set(planned.filter((p) => p.kind === 'cm-order').map((p) => p.year));
  const storedCodes = new Map<number, Set<string>>();
  for (const p of planned) {
    if (!INDEX_LIKE.has(p.kind) || p.kind === 'tabular' || uploadedCmYears.has(p.year) || storedCodes.has(p.year)) continue;
    const codes = await opts.existingCodes?.(p.year);
    if (!codes) throw new CodeSetError(p.file.name, undefined, importMessages.needCodeList(p.year));
    storedCodes.set(p.year, codes);
  }
  const needsConversion = planned.some((p) => INDEX_LIKE.has(p.kind) && p.kind !== 'tabular');
  const conversion = needsConversion ? await opts.conversion?.() : undefined;

  // Code lists first: the index files of the same upload are resolved against them.
  const rank = (p: PlannedFile) => (p.kind === 'cm-order' || p.kind === 'pcs-order' ? 0 : INDEX_LIKE.has(p.kind) ? 2 : 1);
  const queue = [...planned].sort((a, b) => rank(a) - rank(b));
  const assets: Asset[] = [];
  const producedBy = new Map<string, string>();
  const add = (asset: Asset, file: string) => {
    const other = producedBy.get(asset.header.id);
    if (other !== undefined) throw new CodeSetError(file, undefined, importMessages.duplicateAsset(asset.header.id, other));
    producedBy.set(asset.header.id, file);
    assets.push(asset);
  };

  for (const [done, p] of queue.entries()) {
    const { kind, year } = p;
    const name = p.file.name;
    opts.onProgress?.({ stage: 'parsing', done, total: queue.length, item: name });
    await yieldToUi();
    const text = decodeText(p.file.bytes);
    const source = await sourceOf(p.file);
    switch (kind) {
      case 'cm-order':
      case 'pcs-order': {
        const parsed = parseOrderFile(text, name);
        const system = kind === 'cm-order' ? 'icd10cm' : 'icd10pcs';
        if (system === 'icd10cm') storedCodes.set(year, new Set(parsed.records.map((r) => r[0])));
        const stats = { billable: parsed.billable, headers: parsed.headers };
        add(
          await makeAsset<CodeRecord>(
            { system, kind: 'codes', fiscalYear: year, ...releaseDates(name, system, year), sources: [source], stats },
            parsed.records,
            builtAt,
          ),
          name,
        );
        break;
      }
      case 'cm-addenda': {
        const records = parseOrderAddenda(text, name);
        const count = (action: string) => records.filter((r) => r[0] === action).length;
        const stats = { add: count('add'), delete: count('delete'), revise: count('revise-to') };
        add(
          await makeAsset(
            { system: 'icd10cm', kind: 'addenda', fiscalYear: year, ...releaseDates(name, 'icd10cm', year), sources: [source], stats },
            records,
            builtAt,
          ),
          name,
        );
        break;
      }
      case 'tabular': {
        const { version, nodes } = parseTabularXml(text, name);
        const notes = nodes.reduce((n, node) => n + node.notes.length, 0);
        const spec = {
          system: 'icd10cm' as const,
          kind: 'tabular' as const,
          fiscalYear: year,
          contentYear: version,
          ...fy(year),
          sources: [source],
        };
        add(await makeAsset({ ...spec, stats: { nodes: nodes.length, notes } }, nodes, builtAt), name);
        break;
      }
      case 'index':
      case 'eindex':
      case 'neoplasm':
      case 'drug-xml':
      case 'drug-csv': {
        const parsed =
          kind === 'drug-csv' ? { kind: 'drug' as const, version: undefined, ...parseDrugCsv(text, name) } : parseIndexXml(text, name);
        const codes = storedCodes.get(year) as Set<string>;
        const resolved = resolveIndexCodes(parsed.terms, codeListView(codes, conversion?.records));
        const spec = {
          system: 'icd10cm' as const,
          kind: parsed.kind as AssetKind,
          fiscalYear: year,
          // The drug CSV has no <version>: its year is in the name (icd10cm-drug-April-2025.csv).
          contentYear: parsed.version ?? yearFromName(name) ?? year,
          ...fy(year),
          sources: [source, ...(conversion?.header.sources ?? [])],
          stats: { mainTerms: resolved.terms.length, ...resolved.stats },
          ...(parsed.columns ? { columns: parsed.columns } : {}),
        };
        add(await makeAsset(spec, resolved.terms, builtAt), name);
        break;
      }
      case 'poa':
        add(
          await makeAsset(
            { system: 'icd10cm', kind: 'poa-exempt', fiscalYear: year, ...fy(year), sources: [source] },
            parsePoaExempt(text, name),
            builtAt,
          ),
          name,
        );
        break;
      case 'hcpcs': {
        // HCPCS follows the calendar year (quarterly files, in force January to December).
        const parsed = parseHcpcsCsv(text, name);
        const spec = { fiscalYear: year, ...releaseDates(name, 'hcpcs', year), sources: [source] };
        add(
          await makeAsset(
            { system: 'hcpcs', kind: 'codes', ...spec, stats: { billable: parsed.codes.length, headers: 0 } },
            parsed.codes,
            builtAt,
          ),
          name,
        );
        add(await makeAsset({ system: 'hcpcs', kind: 'modifiers', ...spec }, parsed.modifiers, builtAt), name);
        break;
      }
    }
  }
  opts.onProgress?.({ stage: 'parsing', done: queue.length, total: queue.length, item: '' });
  return { assets, skipped };
}

export interface ImportResult {
  assets: AssetHeader[];
  results: Array<LoadResult & { assetId: string }>;
  /** Files inside zips that were not imported (layout notes, codes files, change lists...). */
  skipped: string[];
}

/** What the stored code sets offer an import: code lists by year, the conversion table, the newest year. */
export function storedImportContext(db: ChartcodeDB): ImportContext & { newestCmYear: () => Promise<number | undefined> } {
  return {
    existingCodes: async (fiscalYear) => {
      const stored = await readAssetRecords<CodeRecord>(db, assetId('icd10cm', 'codes', fiscalYear));
      return stored ? new Set(stored.records.map((r) => r[0])) : undefined;
    },
    conversion: async () => {
      const newest = (await activeVersions(db))
        .filter((v) => v.system === 'icd10cm' && v.kind === 'conversion')
        .sort((a, b) => b.fiscalYear - a.fiscalYear)[0];
      return newest ? readAssetRecords<ConversionRecord>(db, newest.assetId) : undefined;
    },
    newestCmYear: async () => {
      const years = (await activeVersions(db)).filter((v) => v.system === 'icd10cm' && v.kind === 'codes').map((v) => v.fiscalYear);
      return years.length > 0 ? Math.max(...years) : undefined;
    },
  };
}

/**
 * Parse everything, then load the assets with origin 'imported' (a bundled asset never replaces
 * them). If parsing fails nothing is written; each asset then becomes active only once completely
 * stored and verified (the loader's staging), so a failure while writing leaves that asset's
 * previous version active.
 */
export async function importCodeSets(
  db: ChartcodeDB,
  files: readonly UploadedFile[],
  opts: BuildImportOptions = {},
): Promise<ImportResult> {
  const stored = storedImportContext(db);
  const { assets, skipped } = await buildImport(files, {
    existingCodes: stored.existingCodes,
    conversion: stored.conversion,
    ...opts,
    defaultTargetYear: opts.defaultTargetYear ?? (await stored.newestCmYear()),
  });
  const results = await writeAssets(db, assets, opts.onProgress);
  return { assets: assets.map((a) => a.header), results, skipped };
}

function writeAssets(db: ChartcodeDB, assets: readonly Asset[], onProgress?: (p: ImportProgress) => void) {
  return loadAll(
    db,
    assets.map((asset) => ({ header: asset.header, records: () => asset.records })),
    { origin: 'imported', onProgress: (p) => onProgress?.({ stage: 'writing', done: p.done, total: p.total, item: p.assetId }) },
  );
}

// ---------------------------------------------------------------------------------------------
// CPT (AMA-licensed: never shipped, only imported by a licensed user; it stays in this browser)

export const CPT_CODE = /^\d{4}[0-9FTU]$/;

export interface TablePreview {
  delimiter: ',' | '\t';
  /** The first rows, as split. */
  rows: string[][];
  /** Columns of the widest preview row. */
  columnCount: number;
}

/** Line breaks unified, so Papa's guess from the first line holds for the whole file. */
const unifyLineBreaks = (text: string) => stripBom(text).replace(/\r\n?/g, '\n');

function guessDelimiter(text: string): ',' | '\t' {
  // Blank lines (a trailing newline is one) would count as one-column rows and spoil Papa's guess.
  const { meta } = Papa.parse<string[]>(text, {
    delimitersToGuess: ['\t', ','],
    preview: IMPORT_LIMITS.previewRows * 5,
    skipEmptyLines: 'greedy',
  });
  return meta.delimiter === '\t' ? '\t' : ',';
}

/** The first rows of a tab- or comma-separated table, for the column picker. */
export function previewTable(text: string): TablePreview {
  const unified = unifyLineBreaks(text);
  const delimiter = guessDelimiter(unified);
  const { data } = Papa.parse<string[]>(unified, { delimiter, preview: IMPORT_LIMITS.previewRows, skipEmptyLines: 'greedy' });
  return { delimiter, rows: data, columnCount: data.reduce((n, row) => Math.max(n, row.length), 0) };
}

export interface CptTableOptions {
  /** 0-based column holding the code. */
  codeColumn: number;
  /** 0-based column holding the descriptor. */
  descriptorColumn: number;
  hasHeader: boolean;
  file: string;
}

/**
 * A licensed CPT table to code records (all billable, no short title). Every code must have the
 * CPT shape (`^\d{4}[0-9FTU]$`); a file with any bad or duplicate code is refused whole, the error
 * naming the first bad line and listing a few more, so a wrong column choice shows at once.
 */
export function parseCptTable(text: string, opts: CptTableOptions): { records: CodeRecord[] } {
  const { codeColumn, descriptorColumn, hasHeader, file } = opts;
  if (codeColumn === descriptorColumn) throw new CodeSetError(file, undefined, importMessages.cptSameColumn);
  const unified = unifyLineBreaks(text);
  if (unified.trim() === '') throw new CodeSetError(file, undefined, messages.emptyFile);
  const delimiter = guessDelimiter(unified);

  const rows: Array<{ cells: string[]; line: number }> = [];
  let line = 1;
  let cursor = 0;
  Papa.parse<string[]>(unified, {
    delimiter,
    skipEmptyLines: false,
    step: (result) => {
      rows.push({ cells: result.data, line });
      // Line of the next row: count the breaks this row spanned (quoted descriptors may hold some).
      const end = result.meta.cursor;
      for (let i = cursor; i < end; i++) if (unified.charCodeAt(i) === 10) line++;
      cursor = end;
    },
  });

  const records: CodeRecord[] = [];
  const firstLineOf = new Map<string, number>();
  const bad: Array<{ line: number; detail: string }> = [];
  let headerSkipped = !hasHeader;
  for (const { cells, line: at } of rows) {
    if (cells.every((c) => c.trim() === '')) continue;
    if (!headerSkipped) {
      headerSkipped = true;
      continue;
    }
    const rawCode = cells[codeColumn];
    const descriptor = cells[descriptorColumn]?.trim();
    if (rawCode === undefined) {
      bad.push({ line: at, detail: importMessages.cptNoColumn(codeColumn) });
      continue;
    }
    const code = rawCode.trim().toUpperCase();
    if (!CPT_CODE.test(code)) {
      bad.push({ line: at, detail: messages.badCpt(rawCode.trim()) });
      continue;
    }
    if (descriptor === undefined) {
      bad.push({ line: at, detail: importMessages.cptNoColumn(descriptorColumn) });
      continue;
    }
    if (descriptor === '') {
      bad.push({ line: at, detail: importMessages.cptNoDescriptor(code) });
      continue;
    }
    const first = firstLineOf.get(code);
    if (first !== undefined) {
      bad.push({ line: at, detail: importMessages.cptDuplicate(code, first) });
      continue;
    }
    firstLineOf.set(code, at);
    records.push([code, 1, '', descriptor]);
  }

  const [firstBad, ...moreBad] = bad;
  if (firstBad) {
    const listed = moreBad.slice(0, IMPORT_LIMITS.badLinesReported - 1).map((b) => b.line);
    const tail = moreBad.length > 0 ? importMessages.cptMoreBadLines(listed, moreBad.length - listed.length) : '';
    throw new CodeSetError(file, firstBad.line, `${firstBad.detail}${tail}`);
  }
  if (records.length === 0) throw new CodeSetError(file, undefined, importMessages.cptNoRows);
  return { records };
}

export interface CptImportOptions extends CptTableOptions {
  /** Calendar year the codes apply to (CPT is released yearly, in force from 1 January). */
  year: number;
  /** The file's raw bytes, for the source checksum; the text's UTF-8 bytes when absent. */
  bytes?: Uint8Array;
  builtAt?: string;
}

/** The asset a CPT table becomes: `cpt-codes-<year>`, calendar year, all codes billable. */
export async function buildCptAsset(text: string, opts: CptImportOptions): Promise<Asset<CodeRecord>> {
  if (!Number.isInteger(opts.year) || opts.year < 2000 || opts.year > 2100) {
    throw new CodeSetError(opts.file, undefined, importMessages.badYear(opts.year));
  }
  const { records } = parseCptTable(text, opts);
  const bytes = opts.bytes ?? new TextEncoder().encode(text);
  const source: SourceFile = { file: opts.file, sha256: await sha256Hex(bytes), bytes: bytes.length };
  const system: CodeSystem = 'cpt';
  return makeAsset<CodeRecord>(
    {
      system,
      kind: 'codes',
      fiscalYear: opts.year,
      ...calendar(opts.year),
      sources: [source],
      stats: { billable: records.length, headers: 0 },
    },
    records,
    opts.builtAt,
  );
}

/** Parse the CPT table, then store it with origin 'imported'. A refused file writes nothing. */
export async function importCpt(
  db: ChartcodeDB,
  text: string,
  opts: CptImportOptions & { onProgress?: (p: ImportProgress) => void },
): Promise<ImportResult> {
  const asset = await buildCptAsset(text, opts);
  const results = await writeAssets(db, [asset], opts.onProgress);
  return { assets: [asset.header], results, skipped: [] };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
