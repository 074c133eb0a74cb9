/**
 * NegEx/ConText evaluation (issue 4): scores sentence-level context on a JSONL file in the format of
 * `../shared/data/eval/negex/negex_context_dev.jsonl` and writes the `negex` section of
 * `reports/eval.json`.
 *
 *   npx tsx scripts/eval/negex.ts [--negex FILE] [--context RULES.json] [--out reports/eval.json] [--errors]
 *
 * Each row runs through the same stages as a note: sections → sentences → ConText on the segment
 * holding the concept, with the section it sits in. Axes are scored separately (negated, historical,
 * hypothetical, experiencer Other) plus accuracy of the single `label` (Negated > Hypothetical >
 * Historical > Affirmed). `--errors` prints the remaining mistakes grouped by type. `--context` scores a
 * candidate ConText pack (validated like the shipped one) instead of `assets/rules/context.json`, so a trigger
 * can be tried without editing the shared pack.
 */
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { applyContext, type CompiledContext, compileContext, listTriggers } from '../../utils/nlp/context';
import { normalize, toOriginalSpan } from '../../utils/nlp/normalize';
import { defaultContextRules, defaultSectionRules, parseContextRules } from '../../utils/nlp/rules';
import { type CompiledSections, compileSectionRules, detectSections, sectionAt } from '../../utils/nlp/sections';
import { splitSentences } from '../../utils/nlp/sentences';
import type { ContextCategory, ContextRulePack, ContextTrigger, SectionCategory, SectionRulePack, Span } from '../../utils/nlp/types';
import { DEFAULT_REPORT, mergeReportSection } from './report';

export const DEFAULT_NEGEX_FILE = resolve(import.meta.dirname, '../../../shared/data/eval/negex/negex_context_dev.jsonl');

const rowSchema = v.object({
  id: v.optional(v.string()),
  sentence: v.string(),
  concept: v.string(),
  label: v.picklist(['Affirmed', 'Negated', 'Historical', 'Hypothetical']),
  negation: v.picklist(['Affirmed', 'Negated']),
  temporality: v.picklist(['Recent', 'Historical', 'Hypothetical']),
  experiencer: v.picklist(['Patient', 'Other']),
});
export type NegexRow = v.InferOutput<typeof rowSchema>;
export type NegexLabel = NegexRow['label'];

export interface AxisScore {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

export interface NegexReport {
  negated: AxisScore;
  historical: AxisScore;
  hypothetical: AxisScore;
  other_experiencer: AxisScore;
  /** Share of rows whose predicted `label` equals the gold one. */
  accuracy: number;
  n: number;
  /** Rows whose concept could not be found in the sentence (scored as affirmed, recent, patient). */
  not_found: number;
}

export interface NegexPrediction {
  row: NegexRow;
  found: boolean;
  /** The concept's span in `row.sentence`, and the segment ConText saw. */
  target: Span;
  segment: Span;
  section: SectionCategory | undefined;
  negated: boolean;
  historical: boolean;
  hypothetical: boolean;
  other: boolean;
  label: NegexLabel;
  triggers: ContextTrigger[];
}

/** Parse JSONL rows; a malformed line throws with its 1-based line number. Blank lines are skipped. */
export function parseNegexJsonl(text: string, file = 'negex.jsonl'): NegexRow[] {
  const rows: NegexRow[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch (error) {
      throw new Error(`${file}, line ${i + 1}: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const result = v.safeParse(rowSchema, json);
    if (!result.success) {
      const issue = result.issues[0];
      const key = issue.path?.map((p) => String(p.key)).join('.') ?? 'row';
      throw new Error(`${file}, line ${i + 1}: ${key}: ${issue.message}`);
    }
    rows.push(result.output);
  });
  return rows;
}

/**
 * Where the concept is in the sentence: case-, accent- and whitespace-insensitive (the kit's concepts
 * have doubled spaces). When it occurs more than once, prefer a whole-word occurrence, then the one
 * written in capitals in a mixed-case sentence (the kit capitalises the annotated mention), then one
 * outside a section header (annotated mentions are findings, not headings), then the first.
 */
export function findConcept(sentence: string, concept: string, headers: readonly Span[] = []): Span | undefined {
  const norm = normalize(sentence);
  const needle = normalize(concept).text.trim();
  if (needle === '') return undefined;
  const spans: Span[] = [];
  let from = norm.text.indexOf(needle);
  while (from !== -1) {
    spans.push(toOriginalSpan(norm, from, from + needle.length));
    from = norm.text.indexOf(needle, from + 1);
  }
  if (spans.length <= 1) return spans[0];
  const hasLower = /\p{Ll}/u.test(sentence);
  const isWord = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
  const rank = (s: Span): number => {
    const t = sentence.slice(s.start, s.end);
    let r = 0;
    if (!isWord(sentence[s.start - 1]) && !isWord(sentence[s.end])) r += 4;
    if (hasLower && /\p{Lu}/u.test(t) && t === t.toUpperCase()) r += 2;
    if (!headers.some((h) => s.start < h.end && s.end > h.start)) r += 1;
    return r;
  };
  let best = spans[0];
  for (const s of spans) if (best === undefined || rank(s) > rank(best)) best = s;
  return best;
}

function labelOf(negated: boolean, hypothetical: boolean, historical: boolean): NegexLabel {
  if (negated) return 'Negated';
  if (hypothetical) return 'Hypothetical';
  if (historical) return 'Historical';
  return 'Affirmed';
}

/** Run the pipeline stages on one row. */
export function predictNegexRow(row: NegexRow, context: CompiledContext, sectionRules: CompiledSections): NegexPrediction {
  const text = row.sentence;
  const sections = detectSections(text, sectionRules);
  const headers = sections.flatMap((s) => (s.header ? [s.header] : []));
  const target = findConcept(text, row.concept, headers);
  if (target === undefined) {
    const empty = { start: 0, end: 0 };
    return {
      row,
      found: false,
      target: empty,
      segment: empty,
      section: undefined,
      negated: false,
      historical: false,
      hypothetical: false,
      other: false,
      label: 'Affirmed',
      triggers: [],
    };
  }
  const sentences = splitSentences(text, { sections });
  let segStart = target.start;
  let segEnd = target.end;
  for (const s of sentences) {
    if (s.start < target.end && s.end > target.start) {
      segStart = Math.min(segStart, s.start);
      segEnd = Math.max(segEnd, s.end);
    }
  }
  const section = sectionAt(sections, target.start)?.category;
  const [result] = applyContext(
    text.slice(segStart, segEnd),
    [{ start: target.start - segStart, end: target.end - segStart }],
    context,
    section === undefined ? {} : { section },
  );
  const negated = result?.negated ?? false;
  const historical = result?.historical ?? false;
  const hypothetical = result?.hypothetical ?? false;
  return {
    row,
    found: true,
    target,
    segment: { start: segStart, end: segEnd },
    section,
    negated,
    historical,
    hypothetical,
    other: (result?.experiencer ?? 'patient') !== 'patient',
    label: labelOf(negated, hypothetical, historical),
    triggers: (result?.triggers ?? []).map((t) => ({ ...t, start: t.start + segStart, end: t.end + segStart })),
  };
}

export function predictNegex(
  rows: readonly NegexRow[],
  rules: ContextRulePack = defaultContextRules(),
  sectionRules: SectionRulePack = defaultSectionRules(),
): NegexPrediction[] {
  const context = compileContext(rules);
  const sections = compileSectionRules(sectionRules);
  return rows.map((row) => predictNegexRow(row, context, sections));
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

export function score(pairs: ReadonlyArray<{ gold: boolean; predicted: boolean }>): AxisScore {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { gold, predicted } of pairs) {
    if (gold && predicted) tp++;
    else if (predicted) fp++;
    else if (gold) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1), tp, fp, fn };
}

const AXES = {
  negated: { gold: (r: NegexRow) => r.negation === 'Negated', predicted: (p: NegexPrediction) => p.negated },
  historical: { gold: (r: NegexRow) => r.temporality === 'Historical', predicted: (p: NegexPrediction) => p.historical },
  hypothetical: { gold: (r: NegexRow) => r.temporality === 'Hypothetical', predicted: (p: NegexPrediction) => p.hypothetical },
  other_experiencer: { gold: (r: NegexRow) => r.experiencer === 'Other', predicted: (p: NegexPrediction) => p.other },
} as const;
type Axis = keyof typeof AXES;

export function scorePredictions(predictions: readonly NegexPrediction[]): NegexReport {
  const axis = (name: Axis) => score(predictions.map((p) => ({ gold: AXES[name].gold(p.row), predicted: AXES[name].predicted(p) })));
  const correct = predictions.filter((p) => p.label === p.row.label).length;
  return {
    negated: axis('negated'),
    historical: axis('historical'),
    hypothetical: axis('hypothetical'),
    other_experiencer: axis('other_experiencer'),
    accuracy: round(predictions.length === 0 ? 0 : correct / predictions.length),
    n: predictions.length,
    not_found: predictions.filter((p) => !p.found).length,
  };
}

/** Score ConText on annotated rows: the `negex` section of `reports/eval.json`. */
export function evaluateNegex(
  rows: readonly NegexRow[],
  rules: ContextRulePack = defaultContextRules(),
  sectionRules: SectionRulePack = defaultSectionRules(),
): NegexReport {
  return scorePredictions(predictNegex(rows, rules, sectionRules));
}

const AXIS_CATEGORY: Record<Axis, ContextCategory[]> = {
  negated: ['NEGATED_EXISTENCE'],
  historical: ['HISTORICAL'],
  hypothetical: ['HYPOTHETICAL'],
  other_experiencer: ['FAMILY', 'OTHER_EXPERIENCER'],
};

export interface ErrorExample {
  axis: Axis;
  kind: 'false positive' | 'false negative';
  /** The cause: the trigger that fired, the section default, a trigger out of scope, or no trigger. */
  cause: string;
  row: NegexRow;
  prediction: NegexPrediction;
}

/** The mistakes on each axis with their cause, for the error analysis (types, not sentences). */
export function classifyErrors(predictions: readonly NegexPrediction[], rules: ContextRulePack = defaultContextRules()): ErrorExample[] {
  const context = compileContext(rules);
  const out: ErrorExample[] = [];
  for (const p of predictions) {
    for (const axis of Object.keys(AXES) as Axis[]) {
      const gold = AXES[axis].gold(p.row);
      const predicted = AXES[axis].predicted(p);
      if (gold === predicted) continue;
      const categories = AXIS_CATEGORY[axis];
      let cause: string;
      if (!p.found) cause = 'concept not found in sentence';
      else if (predicted) {
        const fired = p.triggers.filter((t) => categories.includes(t.category));
        cause = fired.map((t) => (t.literal.startsWith('section:') ? t.literal : `trigger "${t.literal}"`)).join(' + ') || 'unknown';
      } else {
        const segmentText = p.row.sentence.slice(p.segment.start, p.segment.end);
        const present = listTriggers(segmentText, context).filter((t) => categories.includes(t.category));
        const elsewhere = [...new Set(present.map((t) => t.literal))];
        cause = elsewhere.length > 0 ? `trigger out of scope: ${elsewhere.map((l) => `"${l}"`).join(', ')}` : 'no trigger in sentence';
      }
      out.push({ axis, kind: predicted ? 'false positive' : 'false negative', cause, row: p.row, prediction: p });
    }
  }
  return out;
}

function printErrors(errors: readonly ErrorExample[], examples: boolean): void {
  const groups = new Map<string, ErrorExample[]>();
  for (const e of errors) {
    const key = `${e.axis} ${e.kind}: ${e.cause}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const sorted = [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  console.log('\nRemaining mistakes by type:');
  for (const [key, list] of sorted) {
    console.log(`  ${String(list.length).padStart(3)}  ${key}`);
    if (!examples) continue;
    for (const e of list) {
      const s = e.row.sentence;
      const t = e.prediction.target;
      const shown = `${s.slice(Math.max(0, t.start - 90), t.start)}[[${s.slice(t.start, t.end)}]]${s.slice(t.end, t.end + 90)}`;
      console.log(`         ${e.row.id ?? ''} ${e.row.label} sec=${e.prediction.section ?? '-'} | ${shown.replace(/\s+/g, ' ')}`);
    }
  }
}

function formatAxis(name: string, s: AxisScore): string {
  return `${name.padEnd(18)} P ${s.precision.toFixed(3)}  R ${s.recall.toFixed(3)}  F1 ${s.f1.toFixed(3)}   (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`;
}

export function main(argv: string[] = process.argv.slice(2)): NegexReport {
  const { values } = parseArgs({
    args: argv,
    options: {
      negex: { type: 'string' },
      context: { type: 'string' },
      out: { type: 'string' },
      errors: { type: 'boolean' },
      examples: { type: 'boolean' },
    },
    strict: false,
  });
  const file = resolve(typeof values.negex === 'string' ? values.negex : DEFAULT_NEGEX_FILE);
  const out = resolve(typeof values.out === 'string' ? values.out : DEFAULT_REPORT);
  const rows = parseNegexJsonl(readFileSync(file, 'utf8'), file);
  const contextFile = typeof values.context === 'string' ? resolve(values.context) : undefined;
  const rules =
    contextFile === undefined
      ? defaultContextRules()
      : parseContextRules(JSON.parse(readFileSync(contextFile, 'utf8')), basename(contextFile));
  const t0 = performance.now();
  const predictions = predictNegex(rows, rules);
  const report = scorePredictions(predictions);
  const ms = performance.now() - t0;
  console.log(
    `NegEx/ConText: ${rows.length} rows from ${file} in ${ms.toFixed(0)} ms${contextFile === undefined ? '' : `, rules from ${contextFile}`}`,
  );
  console.log(formatAxis('negated', report.negated));
  console.log(formatAxis('historical', report.historical));
  console.log(formatAxis('hypothetical', report.hypothetical));
  console.log(formatAxis('experiencer other', report.other_experiencer));
  console.log(`label accuracy     ${report.accuracy.toFixed(3)}   concepts not found: ${report.not_found}`);
  if (values.errors === true || values.examples === true) printErrors(classifyErrors(predictions, rules), values.examples === true);
  mergeReportSection('negex', report, out);
  console.log(`Wrote the negex section of ${out}`);
  return report;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(`NegEx evaluation failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
