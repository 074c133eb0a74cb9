/**
 * Evaluation of note analysis on data nobody here wrote:
 * - CodiEsp (English MT, train+dev), diagnoses: MAP and precision/recall at 5, 10, 20, at code and
 *   3-character category level, per split.
 * - MTSamples: every note analysed; throws counted; notes per second; median and p95 ms per note.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { normalizeCode } from '../../utils/codes/code-format';
import { type AnalysisKnowledge, analyze } from '../../utils/coding/analyze';
import type { AnalysisSettings, Suggestion } from '../../utils/coding/types';

export const DEFAULT_CODIESP_FILE = resolve(import.meta.dirname, '../../../shared/data/eval/codiesp/codiesp_en_traindev.jsonl');
export const DEFAULT_MTSAMPLES_FILE = resolve(import.meta.dirname, '../../../shared/data/eval/mtsamples/mtsamples.jsonl');

/** CodiEsp cases are hospital case reports: inpatient rules, dated in the FY2027 code set. */
const CODIESP_SETTINGS: AnalysisSettings = { setting: 'inpatient', dateOfService: '2026-11-01' };

interface CodiespCase {
  id: string;
  text: string;
  split: string;
  codes: Array<{ system: string; code: string }>;
}

export function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** The ranked diagnosis codes a coder would see: coded suggestions first, best first. */
export function rankedDiagnoses(suggestions: readonly Suggestion[]): string[] {
  return diagnosisCodes(suggestions, (s) => s.status !== 'not-coded');
}

/** The distinct ICD-10-CM diagnosis codes of the suggestions that pass `keep`, in list order, after `into`. */
function diagnosisCodes(suggestions: readonly Suggestion[], keep: (s: Suggestion) => boolean, into: string[] = []): string[] {
  for (const s of suggestions) {
    // A term with no code (urosepsis, listed for a query) names no code to score.
    if (s.kind !== 'diagnosis' || s.system !== 'icd10cm' || s.code === '' || !keep(s)) continue;
    if (!into.includes(s.code)) into.push(s.code);
  }
  return into;
}

/**
 * The whole list the side panel shows for a note: the ranked suggestions, then the "not coded" ones (negated,
 * ruled out, integral symptoms, history without a code...) the user can override. A secondary figure: it says
 * how much of the gap to the gold codes is the guidelines' choices, not reading; `map` stays on suggestions.
 */
export function rankedWithNotCoded(suggestions: readonly Suggestion[]): string[] {
  return diagnosisCodes(suggestions, (s) => s.status === 'not-coded', rankedDiagnoses(suggestions));
}

/** Average precision of a ranked list against a gold set (the CodiEsp official definition). */
export function averagePrecision(ranked: readonly string[], gold: ReadonlySet<string>): number {
  if (gold.size === 0) return 0;
  let hits = 0;
  let sum = 0;
  ranked.forEach((code, i) => {
    if (gold.has(code)) {
      hits++;
      sum += hits / (i + 1);
    }
  });
  return sum / gold.size;
}

function atK(ranked: readonly string[], gold: ReadonlySet<string>, k: number): { p: number; r: number } {
  const top = ranked.slice(0, k);
  const hits = top.filter((c) => gold.has(c)).length;
  return { p: hits / k, r: gold.size ? hits / gold.size : 0 };
}

const uniq = (xs: string[]) => [...new Set(xs)];
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

function scoreCases(results: Array<{ ranked: string[]; gold: string[] }>) {
  const level = (toKey: (c: string) => string) => {
    const rows = results.map(({ ranked, gold }) => ({ ranked: uniq(ranked.map(toKey)), gold: new Set(gold.map(toKey)) }));
    const at = (k: number) => ({
      precision: r4(mean(rows.map((r) => atK(r.ranked, r.gold, k).p))),
      recall: r4(mean(rows.map((r) => atK(r.ranked, r.gold, k).r))),
    });
    return { map: r4(mean(rows.map((r) => averagePrecision(r.ranked, r.gold)))), at5: at(5), at10: at(10), at20: at(20) };
  };
  const code = level((c) => c);
  return { n: results.length, ...code, recall_at_20: code.at20.recall, category: level((c) => c.slice(0, 3)) };
}

/**
 * Credit a ranked code for a gold code it officially replaces: CodiEsp's codes are the 2018 edition, and a
 * FY2027 coder cannot give R51 (now a header: R51.0, R51.9) or M54.5 (M54.50-M54.59). Each gold code whose
 * FY2027 state is not billable gets the codes the conversion table and the addenda name for it; the first
 * ranked code among them counts as that gold code, once; so does a completion of a gold code written without
 * its 7th character (T14.90 for T14.90XA: the CodiEsp annotation omits the encounter). A secondary figure:
 * `map` stays exact.
 */
export function mapToGold(ranked: readonly string[], alternatives: ReadonlyMap<string, readonly string[]>): string[] {
  const owner = new Map<string, string>();
  for (const [gold, alts] of alternatives) for (const a of alts) if (!owner.has(a)) owner.set(a, gold);
  const used = new Set<string>();
  return ranked.map((code) => {
    const gold = owner.get(code);
    if (gold === undefined || used.has(gold)) return code;
    used.add(gold);
    return gold;
  });
}

export function evaluateCodiesp(file: string, knowledge: AnalysisKnowledge) {
  const cases = readJsonl<CodiespCase>(file);
  const validGold = new Set<string>();
  const missingGold = new Set<string>();
  const results = cases.map((c) => {
    const gold = uniq(c.codes.filter((x) => x.system === 'ICD-10-CM').map((x) => normalizeCode(x.code)));
    for (const g of gold)
      (knowledge.catalog.stateOf('icd10cm', g, CODIESP_SETTINGS.dateOfService) === 'unknown' ? missingGold : validGold).add(g);
    const { suggestions } = analyze(c.text, CODIESP_SETTINGS, knowledge);
    return { split: c.split, ranked: rankedDiagnoses(suggestions), withNotCoded: rankedWithNotCoded(suggestions), gold };
  });
  const all = scoreCases(results);
  // The secondary, version-mapped figure (see mapToGold).
  const replaced = new Map<string, string[]>();
  for (const g of new Set(results.flatMap((r) => r.gold))) {
    const found = knowledge.catalog.lookup('icd10cm', g, CODIESP_SETTINGS.dateOfService);
    if (found.state === 'billable') continue;
    // A gold code written without its 7th character (CodiEsp writes T14.90, S39.94X): its completions.
    const completions = found.seventh.map((c) => c.code);
    if (found.replacedBy.length > 0 || completions.length > 0) replaced.set(g, [g, ...found.replacedBy.map((c) => c.code), ...completions]);
  }
  const mapped = scoreCases(
    results.map((r) => ({
      ranked: mapToGold(r.ranked, new Map(r.gold.filter((g) => replaced.has(g)).map((g) => [g, replaced.get(g) ?? []]))),
      gold: r.gold,
    })),
  );
  const withNotCoded = scoreCases(results.map((r) => ({ ranked: r.withNotCoded, gold: r.gold })));
  return {
    ...all,
    map: all.map,
    version_mapped: {
      note: 'gold codes not billable in FY2027 credited to their official replacements (conversion table, addenda) or, written without their 7th character, to its completions; secondary to the exact figures',
      gold_codes_with_replacements: replaced.size,
      map: mapped.map,
      recall_at_20: mapped.recall_at_20,
      by_split: Object.fromEntries(
        [...new Set(results.map((r) => r.split))].map((split) => {
          const rows = results.filter((r) => r.split === split);
          const m = scoreCases(
            rows.map((r) => ({
              ranked: mapToGold(r.ranked, new Map(r.gold.filter((g) => replaced.has(g)).map((g) => [g, replaced.get(g) ?? []]))),
              gold: r.gold,
            })),
          );
          return [split, { map: m.map, recall_at_20: m.recall_at_20 }];
        }),
      ),
    },
    by_split: Object.fromEntries(
      [...new Set(results.map((r) => r.split))].map((s) => [s, scoreCases(results.filter((r) => r.split === s))]),
    ),
    with_not_coded: {
      note: 'the suggestions followed by the not-coded candidates the panel lists below them (negated, ruled out, integral symptoms, history without a code); secondary: a coder following the guidelines would not assign those, the CodiEsp annotators often did',
      map: withNotCoded.map,
      recall_at_20: withNotCoded.recall_at_20,
      by_split: Object.fromEntries(
        [...new Set(results.map((r) => r.split))].map((split) => {
          const m = scoreCases(results.filter((r) => r.split === split).map((r) => ({ ranked: r.withNotCoded, gold: r.gold })));
          return [split, { map: m.map, recall_at_20: m.recall_at_20 }];
        }),
      ),
    },
    gold_codes_distinct: validGold.size + missingGold.size,
    gold_codes_not_in_fy2027: missingGold.size,
    settings: CODIESP_SETTINGS,
  };
}

export function evaluateMtsamples(file: string, knowledge: AnalysisKnowledge) {
  const notes = readJsonl<{ id?: string; text?: string; transcription?: string }>(file);
  const times: number[] = [];
  let errors = 0;
  const firstErrors: string[] = [];
  const t0 = performance.now();
  for (const note of notes) {
    const text = note.text ?? note.transcription ?? '';
    const s = performance.now();
    try {
      analyze(text, { setting: 'outpatient', dateOfService: '2026-11-01' }, knowledge);
    } catch (err) {
      errors++;
      if (firstErrors.length < 5) firstErrors.push(`${note.id ?? '?'}: ${err instanceof Error ? err.message : String(err)}`);
    }
    times.push(performance.now() - s);
  }
  const total = (performance.now() - t0) / 1000;
  const sorted = [...times].sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  return {
    notes: notes.length,
    errors,
    first_errors: firstErrors,
    notes_per_second: Math.round((notes.length / total) * 10) / 10,
    median_ms: Math.round(pct(0.5) * 100) / 100,
    p95_ms: Math.round(pct(0.95) * 100) / 100,
    max_ms: Math.round((sorted[sorted.length - 1] ?? 0) * 100) / 100,
  };
}
