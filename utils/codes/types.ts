/**
 * The plain-data contract between the code-set parsers (build time and in-browser import),
 * the compiled assets, the IndexedDB loader and the code model.
 *
 * Codes are stored WITHOUT the dot (as in the CMS order files: `E1165`); the tabular list and the
 * index use dotted codes (`E11.65`) and are normalised with `normalizeCode()` before comparison.
 */

export type CodeSystem = 'icd10cm' | 'icd10pcs' | 'hcpcs' | 'cpt';

/** One compiled asset kind. Each asset is one system, one kind, one fiscal year. */
export type AssetKind =
  | 'codes' // order-file code list (codes and headers)
  | 'tabular' // tabular tree with instructional notes and 7th-character definitions
  | 'index' // Alphabetic Index to Diseases and Injuries
  | 'eindex' // External Cause of Injuries Index
  | 'neoplasm' // Table of Neoplasms
  | 'drug' // Table of Drugs and Chemicals
  | 'modifiers' // HCPCS Level II modifiers
  | 'hcc' // CMS-HCC model maps (diagnosis -> HCC)
  | 'poa-exempt' // POA-exempt code list
  | 'conversion' // ICD-10-CM conversion table (new code -> previous codes)
  | 'addenda'; // order-file addenda (adds / deletes / revisions) for a fiscal year

export interface SourceFile {
  /** File name as the user or CMS/CDC named it (no directory). */
  file: string;
  /** SHA-256 of the file's bytes as read (the compressed bytes for .gz / .zip). */
  sha256: string;
  bytes: number;
}

export interface AssetHeader {
  format: 'chartcode-codeset';
  formatVersion: 1;
  /** Stable id, e.g. `icd10cm-codes-2027`. A new release of the same id replaces the old one. */
  id: string;
  system: CodeSystem;
  kind: AssetKind;
  /** Fiscal (or calendar, for HCPCS) year the asset applies to. */
  fiscalYear: number;
  /** Year the content itself comes from (e.g. 2021 for the tabular notes used with FY2027 codes). */
  contentYear: number;
  /** ISO date (YYYY-MM-DD) from which the asset is in force, inclusive. */
  effectiveFrom: string;
  /** ISO date (YYYY-MM-DD) up to which the asset is in force, inclusive. */
  effectiveTo: string;
  sources: SourceFile[];
  builtAt: string;
  /** Number of records. */
  count: number;
  /** SHA-256 (hex) of `JSON.stringify(records)`. */
  checksum: string;
  /** Free-form counts worth showing (billable, headers, notes, ...). */
  stats: Record<string, number>;
  /** Column headings of a table asset (neoplasm, drug), columns 2.. of the official table. */
  columns?: string[];
}

export interface Asset<R = unknown> {
  header: AssetHeader;
  records: R[];
}

// ---------------------------------------------------------------------------------------------
// Code lists (order files). Tuple for compactness: [code, billable 1|0, short title, long title].
// The short title is '' when equal to the long title.
export type CodeRecord = [code: string, billable: 0 | 1, short: string, long: string];

// ---------------------------------------------------------------------------------------------
// Tabular list
export type NoteType =
  | 'includes'
  | 'inclusionTerm'
  | 'excludes1'
  | 'excludes2'
  | 'codeFirst'
  | 'useAdditionalCode'
  | 'codeAlso'
  | 'notes'
  | 'sevenChrNote';

export interface TabularNote {
  type: NoteType;
  text: string;
  /** Year of the tabular file the note comes from (the FY2021 XML gives 2021). */
  year: number;
}

export interface SeventhCharacter {
  char: string;
  meaning: string;
}

export interface TabularNode {
  /** `chapter:4`, `section:E08-E13`, or the dotted diag name (`E11.65`, `T36.0X1`). */
  id: string;
  kind: 'chapter' | 'section' | 'diag';
  title: string;
  /** Parent node id; absent for chapters. */
  parent?: string;
  /** Own notes only; inheritance is applied by the code model walking `parent`. */
  notes: TabularNote[];
  /** Own 7th-character definitions (inherited by descendants). */
  seventh?: SeventhCharacter[];
}

// ---------------------------------------------------------------------------------------------
// Alphabetic Index, External Cause Index, Neoplasm and Drug tables

/** A code named by the index, checked against the target year's code list at build time. */
export interface IndexCode {
  /** As printed in the index (dotted; may end with `-` meaning "more characters needed"). */
  code: string;
  /** valid: exists in the target year (billable or header); mapped: replaced, see `mappedTo`; invalid: neither. */
  status: 'valid' | 'mapped' | 'invalid';
  mappedTo?: string[];
}

export interface IndexTerm {
  title: string;
  /** Nonessential modifiers, without the parentheses: `(-astasia) (hysterical)` -> ['-astasia', 'hysterical']. */
  nemod?: string[];
  codes?: IndexCode[];
  /** Manifestation code printed in brackets after the etiology code. */
  manif?: IndexCode[];
  see?: string[];
  seeAlso?: string[];
  /** Table columns (neoplasm / drug): column headings are in the asset's stats-free `columns` record. */
  cells?: (IndexCode | null)[];
  children?: IndexTerm[];
}

/** Records of index-like assets are main terms. Tables carry their column headings in the first record. */
export interface IndexAssetMeta {
  columns?: string[];
}

// ---------------------------------------------------------------------------------------------
// HCPCS, HCC, POA, conversion, addenda
export interface HcpcsModifierRecord {
  code: string;
  short: string;
  long: string;
}

/** [code without dot, HCC number, model, HCC label] e.g. ['E1165', '37', 'V28', 'Diabetes with Chronic Complications']. */
export type HccRecord = [code: string, hcc: string, model: 'V28' | 'V24', label: string];

/** [code without dot, description]. */
export type PoaExemptRecord = [code: string, description: string];

/** [current code without dot, previous codes without dot, fiscal year the current code took effect]. */
export type ConversionRecord = [current: string, previous: string[], effectiveYear: number];

export type AddendaAction = 'add' | 'delete' | 'revise-from' | 'revise-to';
/** [action, code without dot, billable 1|0, long title]. */
export type AddendaRecord = [action: AddendaAction, code: string, billable: 0 | 1, title: string];
