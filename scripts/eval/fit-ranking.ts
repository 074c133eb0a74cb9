/**
 * Fit the ranking model (assets/rules/ranking.json) on CodiEsp TRAIN only: every coded or incomplete
 * ICD-10-CM diagnosis the analyzer suggests for a train case is one example, labelled by whether the case's
 * gold codes have it; an L2-regularised logistic regression over the generic features of
 * utils/coding/ranking-model.ts. Reports 5-fold cross-validated MAP / P@5 / R@20 (folds by case: fit on 4/5,
 * analyse the held-out 1/5 with that fit) beside the hand-set score on the same folds, then writes the fit on
 * all of train. The dev split is never read past its split field: the script refuses to run on it.
 *
 *   npm run fit:ranking [-- --l2 10 --folds 5 --dry]
 *
 * The regression is Newton's method (iteratively reweighted least squares) with an L2 penalty on every
 * weight but the bias: a few dozen weights, solved exactly in a handful of steps.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { normalizeCode } from '../../utils/codes/code-format';
import { type AnalysisKnowledge, analyze, buildAnalysisKnowledge } from '../../utils/coding/analyze';
import { FEATURE_NAMES, parseRankingModel, type RankingFeatures, type RankingModel } from '../../utils/coding/ranking-model';
import { abbreviationTable } from '../../utils/search/abbreviations';
import { loadNodeEngine } from '../lib/node-engine';
import { averagePrecision, DEFAULT_CODIESP_FILE, rankedDiagnoses, readJsonl } from './coding';

interface Row {
  id: string;
  text: string;
  split: string;
  codes: Array<{ system: string; code: string }>;
}

const MODEL_FILE = resolve(import.meta.dirname, '../../assets/rules/ranking.json');
const { values } = parseArgs({
  options: {
    file: { type: 'string', default: DEFAULT_CODIESP_FILE },
    split: { type: 'string', default: 'train' },
    folds: { type: 'string', default: '5' },
    l2: { type: 'string' },
    dry: { type: 'boolean', default: false },
  },
});
assert.equal(values.split, 'train', 'fit-ranking fits and cross-validates on CodiEsp train only; it never reads dev');
const folds = Number(values.folds);
const settings = { setting: 'inpatient', dateOfService: '2026-11-01' } as const;

const cases = readJsonl<Row>(values.file)
  .filter((r) => r.split === 'train')
  .sort((a, b) => a.id.localeCompare(b.id));
for (const c of cases) assert.equal(c.split, 'train');
const gold = cases.map((c) => new Set(c.codes.filter((x) => x.system === 'ICD-10-CM').map((x) => normalizeCode(x.code))));
const foldOf = (i: number) => i % folds;

const { assets, catalog } = loadNodeEngine();
const base = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable, ranking: null });
const shipped = parseRankingModel(JSON.parse(readFileSync(MODEL_FILE, 'utf8')));
const withModel = (model: RankingModel | undefined): AnalysisKnowledge => {
  const { ranking: _, ...rest } = base;
  return model ? { ...rest, ranking: model } : rest;
};
const modelOf = (w: number[], fit: RankingModel['fit'] = shipped.fit): RankingModel =>
  parseRankingModel({ ...shipped, fit, weights: Object.fromEntries(FEATURE_NAMES.map((f, i) => [f, Math.round((w[i] ?? 0) * 10_000) / 10_000])) });

type Scores = { map: number; p5: number; r20: number };
/** Analyse each case with the knowledge its fold gives; MAP, P@5, R@20 over all of them. */
function score(knowledgeOf: (i: number) => AnalysisKnowledge): Scores {
  let map = 0;
  let p5 = 0;
  let r20 = 0;
  cases.forEach((c, i) => {
    const g = gold[i] as Set<string>;
    const ranked = rankedDiagnoses(analyze(c.text, settings, knowledgeOf(i)).suggestions);
    map += averagePrecision(ranked, g);
    p5 += ranked.slice(0, 5).filter((x) => g.has(x)).length / 5;
    r20 += g.size ? ranked.slice(0, 20).filter((x) => g.has(x)).length / g.size : 0;
  });
  const n = cases.length;
  const r4 = (x: number) => Math.round((x / n) * 10_000) / 10_000;
  return { map: r4(map), p5: r4(p5), r20: r4(r20) };
}

/** Every scored candidate of every case: its features and whether the gold codes have it. */
type Example = { case: number; fold: number; x: number[]; y: number };
function examples(): Example[] {
  const probe = withModel(modelOf(FEATURE_NAMES.map((f) => (f === 'handScore' ? 1 : 0))));
  const out: Example[] = [];
  cases.forEach((c, i) => {
    // A code read twice is merged into the reading with the higher score: keep that reading's features.
    const read = new Map<string, RankingFeatures>();
    const onRankingFeatures = (code: string, f: RankingFeatures) => {
      if ((read.get(code)?.handScore ?? -1) < f.handScore) read.set(code, f);
    };
    const ranked = rankedDiagnoses(analyze(c.text, settings, { ...probe, onRankingFeatures }).suggestions);
    for (const code of ranked) {
      const f = read.get(code);
      if (!f) continue;
      out.push({ case: i, fold: foldOf(i), x: FEATURE_NAMES.map((n) => f[n]), y: (gold[i] as Set<string>).has(code) ? 1 : 0 });
    }
  });
  return out;
}

/** Solve A x = b (A symmetric positive definite, small) by Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs((m[r] as number[])[c] as number) > Math.abs((m[p] as number[])[c] as number)) p = r;
    [m[c], m[p]] = [m[p] as number[], m[c] as number[]];
    const pivot = m[c] as number[];
    for (let r = c + 1; r < n; r++) {
      const row = m[r] as number[];
      const k = (row[c] as number) / (pivot[c] as number);
      for (let j = c; j <= n; j++) row[j] = (row[j] as number) - k * (pivot[j] as number);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r] as number[];
    let s = row[n] as number;
    for (let j = r + 1; j < n; j++) s -= (row[j] as number) * (x[j] as number);
    x[r] = s / (row[r] as number);
  }
  return x;
}

/** L2-regularised logistic regression by Newton's method; the bias (feature 0) is not penalised. */
function fitLogistic(data: ReadonlyArray<{ x: number[]; y: number }>, l2: number): number[] {
  const d = FEATURE_NAMES.length;
  const w = new Array<number>(d).fill(0);
  for (let step = 0; step < 50; step++) {
    const g = w.map((wi, j) => (j === 0 ? 0 : l2 * wi));
    const h = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => (i === j && i > 0 ? l2 : 0)));
    for (const { x, y } of data) {
      const p = 1 / (1 + Math.exp(-x.reduce((s, xi, j) => s + xi * (w[j] as number), 0)));
      const r = p * (1 - p);
      for (let i = 0; i < d; i++) {
        const xi = x[i] as number;
        if (xi === 0) continue;
        g[i] = (g[i] as number) + (p - y) * xi;
        const hi = h[i] as number[];
        for (let j = 0; j < d; j++) hi[j] = (hi[j] as number) + r * xi * (x[j] as number);
      }
    }
    const delta = solve(h, g);
    for (let j = 0; j < d; j++) w[j] = (w[j] as number) - (delta[j] as number);
    if (Math.max(...delta.map(Math.abs)) < 1e-7) break;
  }
  return w;
}

/** Quick proxy for choosing the penalty: held-out AP of each case's candidates sorted by the fit alone. */
function proxyMap(data: readonly Example[], l2: number): number {
  let sum = 0;
  for (let f = 0; f < folds; f++) {
    const w = fitLogistic(
      data.filter((e) => e.fold !== f),
      l2,
    );
    const byCase = new Map<number, Array<{ s: number; y: number }>>();
    for (const e of data.filter((x) => x.fold === f)) {
      const list = byCase.get(e.case) ?? [];
      list.push({ s: e.x.reduce((s, xi, j) => s + xi * (w[j] as number), 0), y: e.y });
      byCase.set(e.case, list);
    }
    for (const [i, list] of byCase) {
      const ranked = list.sort((a, b) => b.s - a.s).map((e, k) => (e.y ? `+${k}` : `-${k}`));
      const hits = new Set(ranked.filter((r) => r.startsWith('+')));
      const size = (gold[i] as Set<string>).size;
      sum += size ? (averagePrecision(ranked, hits) * hits.size) / size : 0;
    }
  }
  return sum / cases.length;
}

const t0 = Date.now();
const hand = score(() => base);
console.log(`hand-set score, all train (${cases.length} cases): MAP ${hand.map} P@5 ${hand.p5} R@20 ${hand.r20}`);
const data = examples();
console.log(`${data.length} candidates, ${data.filter((e) => e.y).length} gold (${Math.round((Date.now() - t0) / 1000)} s)`);
const penalties = values.l2 ? [Number(values.l2)] : [0.1, 1, 10, 100];
const proxies = penalties.map((l2) => ({ l2, map: proxyMap(data, l2) }));
for (const p of proxies) console.log(`  l2 ${p.l2}: held-out candidate-only AP ${p.map.toFixed(4)}`);
const l2 = proxies.reduce((a, b) => (b.map > a.map ? b : a)).l2;
const foldModels = Array.from({ length: folds }, (_, f) =>
  withModel(modelOf(fitLogistic(
    data.filter((e) => e.fold !== f),
    l2,
  ))),
);
const cv = score((i) => foldModels[foldOf(i)] as AnalysisKnowledge);
// Same folds for the hand-set score: the hand score is not fitted, so its held-out figure is its train figure.
console.log(`${folds}-fold CV on train (l2 ${l2}): hand MAP ${hand.map} P@5 ${hand.p5} R@20 ${hand.r20} | model MAP ${cv.map} P@5 ${cv.p5} R@20 ${cv.r20}`);
const weights = fitLogistic(data, l2);
const final = modelOf(weights, {
  data: 'CodiEsp English (codiesp_en_traindev.jsonl), ICD-10-CM diagnosis suggestions of the analyzer, label = in the case’s gold codes',
  split: 'train',
  date: new Date().toISOString().slice(0, 10),
  cases: cases.length,
  candidates: data.length,
  l2,
  crossValidation: { folds, hand, model: cv },
});
const inSample = score(() => withModel(final));
console.log(`in-sample (fit on all train, scored on train; optimistic): MAP ${inSample.map} P@5 ${inSample.p5} R@20 ${inSample.r20}`);
for (const f of FEATURE_NAMES) console.log(`  ${f.padEnd(18)} ${final.weights[f].toFixed(4)}`);

/** The file as the rule files are kept: one object per line where short, weights in rows. */
function format(m: RankingModel): string {
  const j = (x: unknown) => JSON.stringify(x);
  const rows: string[] = [];
  for (let i = 0; i < FEATURE_NAMES.length; i += 6)
    rows.push(`    ${FEATURE_NAMES.slice(i, i + 6).map((f) => `${j(f)}: ${m.weights[f]}`).join(', ')}`);
  const cvf = m.fit.crossValidation;
  const figures = (x: { map: number; p5: number; r20: number }) => `{ "map": ${x.map}, "p5": ${x.p5}, "r20": ${x.r20} }`;
  return `{
  "literal": ${j(m.literal)},
  "source": ${j(m.source)},
  "fit": {
    "data": ${j(m.fit.data)},
    "split": "train",
    "date": ${j(m.fit.date)},
    "cases": ${m.fit.cases},
    "candidates": ${m.fit.candidates},
    "l2": ${m.fit.l2},
    "crossValidation": { "folds": ${cvf.folds}, "hand": ${figures(cvf.hand)}, "model": ${figures(cvf.model)} }
  },
  "sectionGroups": {
${Object.entries(m.sectionGroups)
  .map(([g, s]) => `    ${j(g)}: [${s.map(j).join(', ')}]`)
  .join(',\n')}
  },
  "weights": {
${rows.join(',\n')}
  }
}
`;
}
if (!values.dry) {
  writeFileSync(MODEL_FILE, format(final));
  console.log(`wrote ${MODEL_FILE}`);
}
