import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';

/** The official code-set folder, as the build sees it: CODESET_DIR or ../shared/data. */
export const CODESET_DIR = resolve(process.env.CODESET_DIR ?? resolve(import.meta.dirname, '../../../shared/data'));

export const hasCodesetDir = existsSync(resolve(CODESET_DIR, 'icd10cm'));

/** Read a file below CODESET_DIR as text, gunzipping `.gz` files. */
export function readCodesetText(relPath: string): string {
  const buf = readFileSync(resolve(CODESET_DIR, relPath));
  return (relPath.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
}
