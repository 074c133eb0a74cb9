import type { AssetHeader } from './types';

/** The list of compiled assets shipped in the extension under `/codesets/`. */
export const CATALOG_FILE = 'catalog.json';
export const CODESETS_PATH = 'codesets';

export interface CatalogEntry {
  header: AssetHeader;
  file: string;
  rawBytes: number;
  gzipBytes: number;
}

export interface Catalog {
  format: 'chartcode-catalog';
  formatVersion: 1;
  builtAt: string;
  assets: CatalogEntry[];
}

export function assetFileName(id: string): string {
  return `${id}.json.gz`;
}
