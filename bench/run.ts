/**
 * `npm run bench`: performance figures, written to reports/bench.json (stable keys).
 * Medians over repeated runs, each against a named baseline measured in the same run; this machine
 * has 2 noisy cores, so absolute numbers move and ratios are the figure to read.
 *
 * search.*: see bench/search.ts (latency against plain Fuse.js, accuracy, cold start, heap).
 * `npm run bench -- --only search` (or `--only codesets`) runs one section.
 *
 * codesets.*: compile time of every official file into assets, asset sizes raw and gzipped, and the
 * time to load every asset into IndexedDB — chunked (ours) against one row per code (the baseline)
 * under fake-indexeddb, and in real Chromium from a fresh profile (install → code sets ready).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Dexie from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { buildAllAssets, codesetDir } from '../scripts/codesets/build';
import { CHROMIUM, EXTENSION_DIR, launchExtension, openExtensionPage, waitForCodesets } from '../scripts/lib/chromium';
import type { Asset, CodeRecord } from '../utils/codes/types';
import { loadAll } from '../utils/db/loader';
import { openChartcodeDb } from '../utils/db/schema';
import { benchSearch } from './search';

const REPORT = resolve(import.meta.dirname, '../reports/bench.json');
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};
const round = (x: number) => Math.round(x * 10) / 10;

async function timeIt(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

async function benchCompile(): Promise<{ assets: Asset[]; compileMs: number[] }> {
  const compileMs: number[] = [];
  let assets: Asset[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    assets = (await buildAllAssets(codesetDir())).assets;
    compileMs.push(performance.now() - t0);
  }
  return { assets, compileMs };
}

let dbCount = 0;
async function benchFakeIdb(assets: Asset[]): Promise<{ chunked: number[]; rowPerCode: number[]; chunkedCodes2027: number[] }> {
  const chunked: number[] = [];
  const chunkedCodes2027: number[] = [];
  const rowPerCode: number[] = [];
  const codes2027 = assets.find((a) => a.header.id === 'icd10cm-codes-2027') as Asset<CodeRecord>;
  for (let i = 0; i < RUNS; i++) {
    const env = { indexedDB: new IDBFactory(), IDBKeyRange };
    const db = openChartcodeDb(`bench-${++dbCount}`, env);
    chunked.push(await timeIt(() => loadAll(db, assets.map((a) => ({ header: a.header, records: () => a.records })), { origin: 'bundled' })));
    db.close();

    const one = openChartcodeDb(`bench-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    chunkedCodes2027.push(await timeIt(() => loadAll(one, [{ header: codes2027.header, records: () => codes2027.records }])));
    one.close();

    // Baseline: the FY2027 code list as one IndexedDB row per code (what RECIPES.md warns against).
    const baseline = new Dexie(`bench-rows-${++dbCount}`, { indexedDB: new IDBFactory(), IDBKeyRange });
    baseline.version(1).stores({ codes: 'code' });
    const rows = codes2027.records.map(([code, billable, short, long]) => ({ code, billable, short, long }));
    rowPerCode.push(await timeIt(() => baseline.table('codes').bulkPut(rows)));
    baseline.close();
  }
  return { chunked, rowPerCode, chunkedCodes2027 };
}

async function benchChromium(): Promise<{ loadMs: number[] } | { skipped: string }> {
  if (!existsSync(CHROMIUM)) return { skipped: `no Chromium at ${CHROMIUM}` };
  if (!existsSync(resolve(EXTENSION_DIR, 'manifest.json'))) return { skipped: 'extension not built (npm run build)' };
  const loadMs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const session = await launchExtension();
    try {
      const page = await openExtensionPage(session, 'options.html');
      // The background records when it started and when the code sets became ready.
      await waitForCodesets(page, 300_000);
      const timing = await page.evaluate(async () => {
        const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ data: { timing?: { loadMs: number } } }> } } }).chrome;
        return (await api.runtime.sendMessage({ type: 'codesets/status', payload: {} })).data.timing;
      });
      if (timing) loadMs.push(timing.loadMs);
    } finally {
      await session.close();
    }
  }
  return { loadMs };
}

async function main(): Promise<void> {
  const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
  const previousReport = existsSync(REPORT) ? (JSON.parse(readFileSync(REPORT, 'utf8')) as Record<string, unknown>) : {};
  const write = (report: Record<string, unknown>) => {
    mkdirSync(resolve(REPORT, '..'), { recursive: true });
    writeFileSync(REPORT, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`wrote ${REPORT}`);
  };
  const machine = { cores: (await import('node:os')).cpus().length, node: process.version };
  if (only === 'search') {
    write({ ...previousReport, machine, search: await benchSearch() });
    return;
  }
  console.log(`Benchmarks (${RUNS} runs each, medians)`);
  const { assets, compileMs } = await benchCompile();
  const sizes = assets.map((a) => {
    const raw = Buffer.byteLength(JSON.stringify(a));
    return { id: a.header.id, count: a.header.count, raw };
  });
  const compiledCatalog = resolve(import.meta.dirname, '../public/codesets/catalog.json');
  const gzipBytes = existsSync(compiledCatalog)
    ? (JSON.parse(readFileSync(compiledCatalog, 'utf8')) as { assets: Array<{ gzipBytes: number }> }).assets.reduce((n, a) => n + a.gzipBytes, 0)
    : undefined;
  const rawBytes = sizes.reduce((n, s) => n + s.raw, 0);
  console.log(`compile: median ${round(median(compileMs))} ms; ${assets.length} assets, ${(rawBytes / 1e6).toFixed(1)} MB raw, ${gzipBytes ? (gzipBytes / 1e6).toFixed(1) : '?'} MB gzipped`);

  const idb = await benchFakeIdb(assets);
  const speedup = median(idb.rowPerCode) / median(idb.chunkedCodes2027);
  console.log(`fake-indexeddb: all ${assets.length} assets chunked ${round(median(idb.chunked))} ms; FY2027 code list chunked ${round(median(idb.chunkedCodes2027))} ms vs one row per code ${round(median(idb.rowPerCode))} ms (${speedup.toFixed(1)}x)`);

  const chromium = await benchChromium();
  if ('skipped' in chromium) console.log(`chromium: skipped (${chromium.skipped})`);
  else console.log(`chromium: fresh install → all code sets active in IndexedDB, median ${round(median(chromium.loadMs))} ms (runs: ${chromium.loadMs.map(round).join(', ')})`);

  const search = only === 'codesets' ? previousReport.search : await benchSearch();
  const report = {
    ...previousReport,
    machine,
    search,
    codesets: {
      runs: RUNS,
      compile_ms: round(median(compileMs)),
      assets: assets.length,
      raw_bytes: rawBytes,
      gzip_bytes: gzipBytes ?? null,
      per_asset: sizes,
      idb_fake_all_ms: round(median(idb.chunked)),
      idb_fake_codes2027_chunked_ms: round(median(idb.chunkedCodes2027)),
      idb_fake_codes2027_row_per_code_ms: round(median(idb.rowPerCode)),
      idb_chunked_speedup: round(speedup),
      chromium_load_all_ms: 'skipped' in chromium ? null : round(median(chromium.loadMs)),
      chromium_note: 'skipped' in chromium ? chromium.skipped : 'fresh profile: extension install to every bundled asset active and verified in IndexedDB',
    },
  };
  write(report);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
