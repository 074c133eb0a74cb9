/**
 * `npm run search -- "query" [--system icd10cm|icd10pcs|hcpcs] [--date 2026-11-01] [--limit 10] [--json]`
 * `npm run search -- --batch FILE [--system ...]`: one query per line in, one JSON line per query out:
 * {"query", "results": [{"code", "title", "system"}, ...]} best first.
 */
import { readFileSync } from 'node:fs';
import { todayIso } from '../utils/codes/dates';
import type { CodeSystem } from '../utils/codes/types';
import type { SearchResponse } from '../utils/search/types';
import { loadNodeEngine } from './lib/node-engine';

const SYSTEMS = new Set(['icd10cm', 'icd10pcs', 'hcpcs', 'cpt']);

function parseArgs(argv: string[]) {
  const out = { query: [] as string[], systems: undefined as CodeSystem[] | undefined, date: todayIso(), json: false, batch: undefined as string | undefined, limit: 10 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--system') {
      const value = argv[++i] ?? '';
      if (!SYSTEMS.has(value)) throw new Error(`--system takes icd10cm, icd10pcs, hcpcs or cpt, not "${value}"`);
      out.systems = [...(out.systems ?? []), value as CodeSystem];
    } else if (arg === '--date') out.date = argv[++i] ?? out.date;
    else if (arg === '--json') out.json = true;
    else if (arg === '--batch') out.batch = argv[++i];
    else if (arg === '--limit') out.limit = Number(argv[++i] ?? 10);
    else out.query.push(arg);
  }
  return out;
}

function printHuman(r: SearchResponse): void {
  const notes = [
    ...r.interpretation.corrections.map(([from, to]) => `${from} → ${to}`),
    ...r.interpretation.expansions.map(([abbr, phrase]) => `${abbr} = ${phrase}`),
  ];
  console.log(`"${r.query}": ${r.hits.length} results (${r.candidates} candidates, ${r.tookMs.toFixed(1)} ms)${notes.length ? `  [${notes.join('; ')}]` : ''}`);
  for (const h of r.hits) {
    const badge = h.state === 'billable' ? '' : ` (${h.state === 'header' ? 'needs more characters' : h.state})`;
    console.log(`  ${h.display.padEnd(9)} ${h.title}${badge}`);
    if (h.matched !== h.title) console.log(`            ↳ ${h.source}: ${h.matched}${h.column ? ` | ${h.column}` : ''}`);
  }
}

try {
  const args = parseArgs(process.argv.slice(2));
  const { engine } = loadNodeEngine();
  const run = (text: string) => engine.search({ text, dateOfService: args.date, limit: args.limit, ...(args.systems ? { systems: args.systems } : {}) });
  if (args.batch) {
    for (const line of readFileSync(args.batch, 'utf8').split(/\r?\n/)) {
      if (!line.trim()) continue;
      const r = run(line);
      console.log(JSON.stringify({ query: line, results: r.hits.map((h) => ({ code: h.code, title: h.title, system: h.system })) }));
    }
  } else {
    if (args.query.length === 0) throw new Error('usage: npm run search -- "query" [--system S] [--date YYYY-MM-DD] [--json] | --batch FILE');
    const r = run(args.query.join(' '));
    if (args.json) console.log(JSON.stringify(r, null, 2));
    else printHuman(r);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
