/** Where the official files are and how they are read (Node only). */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { messages } from '../../utils/codes/errors';
import type { SourceFile } from '../../utils/codes/types';

export const DEFAULT_CODESET_DIR = resolve(import.meta.dirname, '../../../shared/data');

export function codesetDir(): string {
  return resolve(process.env.CODESET_DIR ?? DEFAULT_CODESET_DIR);
}

/** Every official file the build reads, relative to CODESET_DIR. */
export const SOURCES = {
  cmOrder2025: 'icd10cm/fy2025/icd10cm_order_2025.txt.gz',
  cmOrder2026: 'icd10cm/fy2026/icd10cm_order_2026.txt.gz',
  cmOrder2027: 'icd10cm/fy2027/icd10cm_order_2027.reconstructed.txt.gz',
  cmAddenda2026: 'icd10cm/fy2026/icd10cm_order_addenda_2026.txt',
  cmAddenda2027: 'icd10cm/fy2027/icd10cm_order_addenda_2027.txt',
  tabular: 'icd10cm/tabular/icd10cm_tabular_2021.xml.gz',
  index: 'icd10cm/index/icd10cm_index_2017.xml.gz',
  indexAddendaFY2022: 'icd10cm/addenda/icd10cm-addenda-FY2022.zip',
  indexAddendaFY2023: 'icd10cm/addenda/icd10cm-addenda-FY2023.zip',
  indexAddendaApril2023: 'icd10cm/addenda/icd10cm-addenda-April-2023.zip',
  indexAddendaFY2024: 'icd10cm/addenda/icd10cm-addenda-FY2024.zip',
  indexAddendaApril2024: 'icd10cm/addenda/icd10cm-addenda-April-2024.zip',
  indexAddendaFY2025: 'icd10cm/addenda/icd10cm-addenda-FY2025.zip',
  indexAddendaApril2025: 'icd10cm/addenda/icd10cm-addenda-April-2025.zip',
  indexAddendaFY2026: 'icd10cm/addenda/icd10cm-addenda-FY2026.zip',
  eindex: 'icd10cm/index/icd10cm_eindex_2022.xml.gz',
  neoplasm: 'icd10cm/index/icd10cm_neoplasm_2022.xml.gz',
  drugCsv: 'icd10cm/index/icd10cm-drug-April-2025.csv',
  conversion: 'icd10cm/conversion/ICD-10-CM-CONVERSION-TABLE-FY2026.xlsx',
  poa: 'icd10cm/poa/POAexemptCodesFY26.txt.gz',
  pcsOrder2026: 'icd10pcs/fy2026/icd10pcs_order_2026.txt.gz',
  hcpcs: 'hcpcs/hcpcs_level2_2026_jan.csv.gz',
  hccMap: 'hcc/ra_dx_to_cc_2026.csv.gz',
  hccLabels: 'hcc/ra_labels_2026.csv',
} as const;

export type SourceKey = keyof typeof SOURCES;

/**
 * The official CDC addenda releases applied to the FY2017 Alphabetic Index, in the order they took
 * effect (each April update after the October release of its fiscal year). FY2018-FY2021 are not available.
 */
export const INDEX_ADDENDA = [
  'indexAddendaFY2022',
  'indexAddendaFY2023',
  'indexAddendaApril2023',
  'indexAddendaFY2024',
  'indexAddendaApril2024',
  'indexAddendaFY2025',
  'indexAddendaApril2025',
  'indexAddendaFY2026',
] as const satisfies readonly SourceKey[];

export class MissingSourceError extends Error {
  constructor(file: string, dir: string) {
    super(messages.missingSource(file, dir));
    this.name = 'MissingSourceError';
  }
}

interface ReadSource {
  text: string;
  bytes: Uint8Array;
  source: SourceFile;
}

/** Read one official file (gunzipping .gz), with its checksum; a missing file names itself and CODESET_DIR. */
export function readSource(dir: string, key: SourceKey): ReadSource {
  const rel = SOURCES[key];
  const path = resolve(dir, rel);
  if (!existsSync(path)) throw new MissingSourceError(rel, dir);
  const raw = readFileSync(path);
  const bytes = rel.endsWith('.gz') ? gunzipSync(raw) : raw;
  return {
    text: rel.endsWith('.xlsx') ? '' : bytes.toString('utf8'),
    bytes,
    source: { file: basename(rel), sha256: createHash('sha256').update(raw).digest('hex'), bytes: raw.length },
  };
}

/** Fail fast, before any parsing, naming every missing file. */
export function checkSources(dir: string): void {
  const missing = Object.values(SOURCES).filter((rel) => !existsSync(resolve(dir, rel)));
  if (missing.length > 0) throw new MissingSourceError(missing.join('", "'), dir);
}

