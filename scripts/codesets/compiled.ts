/** Read the compiled assets (public/codesets) back in Node: for the CLI, the benchmarks and tests. */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { CATALOG_FILE, type Catalog } from '../../utils/codes/catalog-file';
import type { Asset } from '../../utils/codes/types';

export const COMPILED_DIR = resolve(import.meta.dirname, '../../public/codesets');

export function readCompiledCatalog(dir = COMPILED_DIR): Catalog {
  const path = resolve(dir, CATALOG_FILE);
  if (!existsSync(path)) throw new Error(`No compiled code sets at ${dir}: run "npm run codesets" (or "npm run build") first.`);
  return JSON.parse(readFileSync(path, 'utf8')) as Catalog;
}

/** Every compiled asset, or only those whose kind is listed. */
export function readCompiledAssets(dir = COMPILED_DIR, kinds?: readonly string[]): Asset[] {
  return readCompiledCatalog(dir)
    .assets.filter((entry) => !kinds || kinds.includes(entry.header.kind))
    .map((entry) => JSON.parse(gunzipSync(readFileSync(resolve(dir, entry.file))).toString('utf8')) as Asset);
}
