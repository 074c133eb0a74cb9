/**
 * The search contract: what the engine answers and the side panel shows. Plain data, so the same
 * engine runs in the background worker, the CLI and the benchmark.
 */
import type { CodeState } from '../codes/catalog';
import type { CodeSystem } from '../codes/types';

/** Where the matched text comes from. */
export type MatchSource =
  | 'code' // the query was a code or code prefix
  | 'title' // tabular / order-file title
  | 'inclusion' // tabular inclusion term
  | 'index' // Alphabetic Index path (main term, subterms)
  | 'eindex' // External Cause Index path
  | 'neoplasm' // Table of Neoplasms: site path + column
  | 'drug'; // Table of Drugs and Chemicals: substance path + column

export interface SearchRequest {
  text: string;
  /** Systems to search; all loaded ones when absent. */
  systems?: CodeSystem[];
  billableOnly?: boolean;
  /** ICD-10-CM chapter number (`'4'`), to narrow results. */
  chapter?: string;
  dateOfService: string;
  limit?: number;
}

export interface SearchHit {
  system: CodeSystem;
  /** No dot. */
  code: string;
  display: string;
  title: string;
  /** The text that matched: the index path (`Pneumonia, aspiration`), inclusion term or title. */
  matched: string;
  source: MatchSource;
  /** Character ranges of `matched` that the query words matched, for marking. */
  highlights: Array<[start: number, end: number]>;
  /** Table column for neoplasm / drug hits (`Malignant Primary`, `Adverse effect`). */
  column?: string;
  /** An index "see" / "see also" target the coder should follow, when the hit is a cross-reference. */
  see?: string;
  state: CodeState;
  /** ICD-10-CM chapter number, when known. */
  chapter?: string;
  /** CMS-HCC V28 category, when the code maps to one. */
  hcc?: string;
}

export interface SearchResponse {
  query: string;
  hits: SearchHit[];
  /** Candidates considered before ranking (for the UI's "n more" and the benchmark). */
  candidates: number;
  tookMs: number;
  /** How the query was read: expanded abbreviations and corrected spellings, for "did you mean". */
  interpretation: { corrections: Array<[from: string, to: string]>; expansions: Array<[abbreviation: string, phrase: string]> };
}
