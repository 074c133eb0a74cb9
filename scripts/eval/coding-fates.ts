/**
 * What became of each gold code on one CodiEsp split (a diagnostic for tuning the coding rules, not the
 * score; the score is `npm run eval`). Train by default: rules are tuned on train only, dev is a check.
 *
 *   npx tsx scripts/eval/coding-fates.ts [--split train] [--top N] [--case ID] [--fp N]
 *
 * Prints MAP, P@5 and R@20 of the split, the fate of every gold code (ranked 1-5, 6-20, below 20,
 * not coded with its reason, a coded header, or no suggestion at all), the most frequent false
 * positives in the top 10, and for `--case ID` the ranked list beside the gold codes.
 */
import { parseArgs } from 'node:util';
import { analyze, buildAnalysisKnowledge } from '../../utils/coding/analyze';
import { normalizeCode } from '../../utils/codes/code-format';
import { abbreviationTable } from '../../utils/search/abbreviations';
import { loadNodeEngine } from '../lib/node-engine';
import { averagePrecision, DEFAULT_CODIESP_FILE, rankedDiagnoses, readJsonl } from './coding';

interface Row {
  id: string;
  text: string;
  split: string;
  codes: Array<{ system: string; code: string }>;
}

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'train' },
    top: { type: 'string', default: '30' },
    fp: { type: 'string', default: '40' },
    case: { type: 'string' },
    file: { type: 'string', default: DEFAULT_CODIESP_FILE },
  },
});

const settings = { setting: 'inpatient', dateOfService: '2026-11-01' } as const;
const { assets, catalog } = loadNodeEngine();
const knowledge = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
const rows = readJsonl<Row>(values.file).filter((r) => r.split === values.split && (!values.case || r.id === values.case));

const fates = new Map<string, number>();
const fateByCat = new Map<string, Map<string, number>>();
const falsePositives = new Map<string, number>();
let map = 0;
let p5 = 0;
let r20 = 0;
const bump = <K>(m: Map<K, number>, k: K, n = 1) => m.set(k, (m.get(k) ?? 0) + n);

for (const row of rows) {
  const gold = [...new Set(row.codes.filter((c) => c.system === 'ICD-10-CM').map((c) => normalizeCode(c.code)))];
  const goldSet = new Set(gold);
  const result = analyze(row.text, settings, knowledge);
  const ranked = rankedDiagnoses(result.suggestions);
  map += averagePrecision(ranked, goldSet);
  p5 += ranked.slice(0, 5).filter((c) => goldSet.has(c)).length / 5;
  r20 += gold.length ? ranked.slice(0, 20).filter((c) => goldSet.has(c)).length / gold.length : 0;
  for (const c of ranked.slice(0, 10)) if (!goldSet.has(c)) bump(falsePositives, c);
  for (const g of gold) {
    const at = ranked.indexOf(g);
    let fate: string;
    if (at >= 0) fate = at < 5 ? 'ranked 1-5' : at < 20 ? 'ranked 6-20' : 'ranked >20';
    else {
      const s = result.suggestions.find((x) => x.code === g);
      if (s) fate = `not coded: ${s.notCoded ?? s.status}`;
      else if (result.suggestions.some((x) => x.status !== 'not-coded' && g.startsWith(x.code))) fate = 'header above it coded';
      else if (result.suggestions.some((x) => x.code.slice(0, 3) === g.slice(0, 3))) fate = 'other code of its category';
      else fate = 'no suggestion';
    }
    bump(fates, fate);
    const byCat = fateByCat.get(fate) ?? new Map<string, number>();
    bump(byCat, g.slice(0, 3));
    fateByCat.set(fate, byCat);
  }
  if (values.case) {
    console.log(row.text);
    console.log('\ngold:', gold.join(' '));
    for (const s of result.suggestions.filter((x) => x.kind === 'diagnosis')) {
      console.log(`${goldSet.has(s.code) ? '*' : ' '} ${s.display.padEnd(9)} ${s.status.padEnd(10)} ${String(s.score).padEnd(6)} ${s.context.padEnd(10)} ${s.section.padEnd(12)} ${s.title.slice(0, 60)} | ${s.evidence.map((e) => e.text).join(' / ').slice(0, 60)}${s.notCoded ? ` [${s.notCoded}]` : ''}`);
    }
  }
}

const n = rows.length;
const r4 = (x: number) => (Math.round(x * 10_000) / 10_000).toFixed(4);
console.log(`${values.split}: ${n} cases, MAP ${r4(map / n)}, P@5 ${r4(p5 / n)}, R@20 ${r4(r20 / n)}`);
const titles = (c: string) => catalog.lookup('icd10cm', c, settings.dateOfService).title ?? '';
const top = Number(values.top);
for (const [fate, count] of [...fates].sort((a, b) => b[1] - a[1])) {
  const cats = [...(fateByCat.get(fate) ?? [])].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`\n${fate}: ${count}`);
  if (!fate.startsWith('ranked 1-5')) console.log(`  ${cats.map(([c, k]) => `${c}×${k}`).join(' ')}`);
}
console.log('\nmost frequent false positives in the top 10:');
for (const [code, count] of [...falsePositives].sort((a, b) => b[1] - a[1]).slice(0, Number(values.fp))) {
  console.log(`  ${code.padEnd(8)} ×${count}  ${titles(code)}`);
}
