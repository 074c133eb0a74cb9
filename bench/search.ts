/**
 * Search benchmark: latency (ours vs plain Fuse.js over every record, same queries, same run),
 * accuracy (top-1 / top-5 on index-derived and hand-written queries, ours and Fuse side by side),
 * cold start (stored index vs rebuild) and heap.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import Fuse from 'fuse.js';
import { readCompiledAssets } from '../scripts/codesets/compiled';
import { loadNodeEngine } from '../scripts/lib/node-engine';
import { normalizeCode } from '../utils/codes/code-format';
import type { Asset, CodeSystem, IndexTerm } from '../utils/codes/types';
import { abbreviationTable } from '../utils/search/abbreviations';
import { buildDocuments } from '../utils/search/documents';
import { SEARCH_SOURCE_KINDS, SearchEngine, type SerializedSearchIndex } from '../utils/search/engine';
import { indexDerivedQueries } from './index-queries';

interface Query {
  query: string;
  expected: string[];
  group: string;
  system?: CodeSystem;
  half?: string;
}

const DATE = '2026-11-01';
const FUSE_PER_GROUP = Number(process.env.BENCH_FUSE_PER_GROUP ?? 40);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] as number;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function hitRates(results: Array<{ q: Query; codes: string[] }>): { n: number; top1: number; top5: number } {
  const n = results.length;
  const top1 = results.filter(({ q, codes }) => codes.slice(0, 1).some((c) => q.expected.includes(c))).length;
  const top5 = results.filter(({ q, codes }) => codes.slice(0, 5).some((c) => q.expected.includes(c))).length;
  return { n, top1: round(top1 / Math.max(1, n), 4), top5: round(top5 / Math.max(1, n), 4) };
}

function byGroup(results: Array<{ q: Query; codes: string[] }>) {
  const groups = [...new Set(results.map((r) => r.q.group))];
  return Object.fromEntries(groups.map((g) => [g, hitRates(results.filter((r) => r.q.group === g))]));
}

export async function benchSearch(log: (line: string) => void = console.log) {
  const gc = (globalThis as { gc?: () => void }).gc;
  const assets = readCompiledAssets();
  const searchAssets = assets.filter((a) => SEARCH_SOURCE_KINDS.has(a.header.kind));
  const index = assets.find((a) => a.header.kind === 'index') as Asset<IndexTerm>;
  const handWritten = (JSON.parse(readFileSync(resolve(import.meta.dirname, 'search-queries.json'), 'utf8')) as { queries: Query[] } | Query[]);
  const written = (Array.isArray(handWritten) ? handWritten : handWritten.queries).map((q) => ({ ...q, expected: q.expected.map(normalizeCode) }));
  const derived: Query[] = indexDerivedQueries(index);
  const queries: Query[] = [...derived, ...written];
  log(`search: ${queries.length} queries (${derived.length} index-derived, ${written.length} hand-written)`);

  // Build from assets (what a first wake without a stored index does).
  const t0 = performance.now();
  const { engine, catalog } = loadNodeEngine(assets);
  const rebuildMs = performance.now() - t0;
  // Heap held by one search index: bracket a second build only, with the assets already in memory. One
  // gc() call can leave the first build's garbage (incremental marking): collect until the heap settles.
  const settle = () => {
    let last = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 10 && gc; i++) {
      gc();
      const now = process.memoryUsage().heapUsed;
      if (now >= last - 1e6) break;
      last = now;
    }
  };
  settle();
  const heapBefore = process.memoryUsage().heapUsed;
  const held = SearchEngine.build(searchAssets, {});
  settle();
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
  if (held.documentCount !== engine.documentCount) throw new Error('index builds differ');

  // Cold start from a stored index: structured-clone bytes (what IndexedDB keeps) → engine → first answer.
  const stored = serialize(engine.serialize());
  const t1 = performance.now();
  const revived = SearchEngine.deserialize(deserialize(stored) as SerializedSearchIndex, { stateOf: catalog.stateOf.bind(catalog), abbreviations: abbreviationTable });
  revived.search({ text: 'heart failure', dateOfService: DATE });
  const coldStoredMs = performance.now() - t1;
  const t2 = performance.now();
  const rebuilt = SearchEngine.build(searchAssets, { stateOf: catalog.stateOf.bind(catalog), abbreviations: abbreviationTable });
  rebuilt.search({ text: 'heart failure', dateOfService: DATE });
  const coldRebuildMs = performance.now() - t2;

  // Ours over every query (warm-up pass first, then measured).
  const run = (q: Query) => engine.search({ text: q.query, dateOfService: DATE, limit: 10, ...(q.system ? { systems: [q.system] } : {}) });
  for (const q of queries.slice(0, 50)) run(q);
  const ours: Array<{ q: Query; codes: string[]; ms: number }> = queries.map((q) => {
    const s = performance.now();
    const r = run(q);
    return { q, codes: r.hits.map((h) => h.code), ms: performance.now() - s };
  });

  // Plain Fuse.js over every record (the same documents), on a fixed stratified subset of queries.
  const { docs } = buildDocuments(searchAssets);
  const records = docs.text.map((text, i) => ({ text, code: docs.code[i] as string, system: docs.system[i] as number }));
  const fuse = new Fuse(records, { keys: ['text', 'code'], threshold: 0.3, includeScore: true });
  const groups = [...new Set(queries.map((q) => q.group))];
  const subset = groups.flatMap((g) => {
    const inGroup = queries.filter((q) => q.group === g);
    const step = Math.max(1, Math.floor(inGroup.length / FUSE_PER_GROUP));
    return inGroup.filter((_, i) => i % step === 0).slice(0, FUSE_PER_GROUP);
  });
  const SYSTEM_INDEX: Record<CodeSystem, number> = { icd10cm: 0, icd10pcs: 1, hcpcs: 2, cpt: 3 };
  log(`  plain Fuse.js baseline on ${subset.length} queries (${FUSE_PER_GROUP} per group) over ${records.length} records...`);
  const fuseResults = subset.map((q) => {
    const s = performance.now();
    const r = fuse.search(q.query, { limit: 50 });
    const codes: string[] = [];
    for (const x of r) {
      if (q.system && x.item.system !== SYSTEM_INDEX[q.system]) continue;
      if (x.item.code && !codes.includes(x.item.code)) codes.push(x.item.code);
    }
    return { q, codes, ms: performance.now() - s };
  });
  const oursOnSubset = fuseResults.map(({ q }) => ours.find((o) => o.q === q) as { q: Query; codes: string[]; ms: number });

  const oursMs = ours.map((o) => o.ms);
  const fuseMs = fuseResults.map((f) => f.ms);
  const subsetOursMs = oursOnSubset.map((o) => o.ms);
  const report = {
    queries: queries.length,
    index_derived: derived.length,
    hand_written: written.length,
    p50_ms: round(percentile(oursMs, 50), 3),
    p95_ms: round(percentile(oursMs, 95), 3),
    fuse_p50_ms: round(percentile(fuseMs, 50), 1),
    fuse_p95_ms: round(percentile(fuseMs, 95), 1),
    fuse_queries: subset.length,
    // Same queries, same run: Fuse.js median over ours on that subset.
    speedup: round(percentile(fuseMs, 50) / Math.max(1e-6, percentile(subsetOursMs, 50)), 1),
    speedup_p95: round(percentile(fuseMs, 95) / Math.max(1e-6, percentile(subsetOursMs, 95)), 1),
    top1: hitRates(ours.filter((o) => o.q.group === 'index')).top1,
    top5: hitRates(ours.filter((o) => o.q.group === 'index')).top5,
    accuracy: {
      ours: byGroup(ours),
      ours_index_by_half: {
        tune: hitRates(ours.filter((o) => o.q.group === 'index' && o.q.half === 'tune')),
        holdout: hitRates(ours.filter((o) => o.q.group === 'index' && o.q.half === 'holdout')),
      },
      on_fuse_subset: { ours: byGroup(oursOnSubset), fuse: byGroup(fuseResults) },
    },
    cold_start_ms: round(coldStoredMs, 1),
    cold_start_rebuild_ms: round(coldRebuildMs, 1),
    stored_index_bytes: stored.length,
    build_from_assets_ms: round(rebuildMs, 1),
    heap_mb: gc ? round(heapMb, 1) : null,
    documents: engine.documentCount,
  };
  log(`  ours: p50 ${report.p50_ms} ms, p95 ${report.p95_ms} ms over ${queries.length} queries; Fuse.js p50 ${report.fuse_p50_ms} ms, p95 ${report.fuse_p95_ms} ms; speedup ${report.speedup}x (p95 ${report.speedup_p95}x)`);
  log(`  accuracy (ours, all queries): ${JSON.stringify(report.accuracy.ours)}`);
  log(`  index-derived by half: ${JSON.stringify(report.accuracy.ours_index_by_half)}`);
  log(`  on the Fuse subset: ours ${JSON.stringify(report.accuracy.on_fuse_subset.ours)} vs Fuse ${JSON.stringify(report.accuracy.on_fuse_subset.fuse)}`);
  log(`  cold start: stored index ${report.cold_start_ms} ms vs rebuild ${report.cold_start_rebuild_ms} ms; heap ${report.heap_mb ?? '?'} MB; stored ${(stored.length / 1e6).toFixed(1)} MB`);
  return report;
}
