/**
 * `npm run codesets`: compile the official files in CODESET_DIR (default ../shared/data) into
 * `public/codesets/*.json.gz` plus `catalog.json`, which WXT copies into the extension. The output
 * is never committed (.gitignore). Exits 1 with the file and CODESET_DIR named when a source is missing.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildAllAssets, codesetDir } from './codesets/build';
import { CATALOG_FILE, type Catalog, assetFileName } from '../utils/codes/catalog-file';

export const OUT_DIR = resolve(import.meta.dirname, '../public/codesets');

async function main(): Promise<void> {
  const dir = codesetDir();
  console.log(`Compiling code sets from ${dir}`);
  const t0 = performance.now();
  const { assets, timings, indexAddenda } = await buildAllAssets(dir, console.log);
  rmSync(OUT_DIR, { recursive: true, force: true });
  mkdirSync(OUT_DIR, { recursive: true });
  const catalog: Catalog = { format: 'chartcode-catalog', formatVersion: 1, builtAt: new Date().toISOString(), assets: [] };
  let raw = 0;
  let gz = 0;
  for (const asset of assets) {
    const json = Buffer.from(JSON.stringify(asset));
    const zipped = gzipSync(json, { level: 9 });
    const file = assetFileName(asset.header.id);
    writeFileSync(resolve(OUT_DIR, file), zipped);
    catalog.assets.push({ header: asset.header, file, rawBytes: json.length, gzipBytes: zipped.length });
    raw += json.length;
    gz += zipped.length;
    console.log(`  ${asset.header.id.padEnd(26)} ${String(asset.header.count).padStart(7)} records  ${(json.length / 1e6).toFixed(2).padStart(6)} MB raw  ${(zipped.length / 1e6).toFixed(2).padStart(5)} MB gz`);
  }
  writeFileSync(resolve(OUT_DIR, CATALOG_FILE), JSON.stringify(catalog));
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${assets.length} assets, ${(raw / 1e6).toFixed(1)} MB raw, ${(gz / 1e6).toFixed(1)} MB gzipped, in ${seconds} s`);
  mkdirSync(resolve(import.meta.dirname, '../reports'), { recursive: true });
  if (indexAddenda) {
    // Every Index addenda change not placed (and every entry restored from context), for review.
    const row = (u: { file: string; line: number; action: string; reason: string; text: string }) => `${u.file}\t${u.line}\t${u.action}\t${u.reason}\t${u.text}`;
    const lines = [
      ...indexAddenda.byFile.map((f) => `# ${f.file} ${JSON.stringify(f.stats)}`),
      '# not placed: file, line, action, reason, entry',
      ...indexAddenda.unplaced.map(row),
      '# restored from context (the tree lacked them, their parent was found)',
      ...indexAddenda.restored.map(row),
    ];
    writeFileSync(resolve(import.meta.dirname, '../reports/index-addenda.tsv'), `${lines.join('\n')}\n`);
    console.log(`  index addenda: ${indexAddenda.unplaced.length} changes not placed, listed in reports/index-addenda.tsv`);
  }
  writeFileSync(
    resolve(import.meta.dirname, '../reports/codesets.json'),
    JSON.stringify({ compile_ms: Math.round(performance.now() - t0), timings, raw_bytes: raw, gzip_bytes: gz, assets: catalog.assets.map((a) => ({ id: a.header.id, count: a.header.count, raw: a.rawBytes, gzip: a.gzipBytes })) }, null, 2),
  );
}

main().catch((err: unknown) => {
  console.error(`\nCode-set build failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
