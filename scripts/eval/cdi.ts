/**
 * CDI evaluation (issue 6): writes the `cdi` section of `reports/eval.json`.
 *
 *   npx tsx scripts/eval/cdi.ts [--cases DIR] [--heldout DIR] [--heldout2 DIR] [--queries FILE] [--out reports/eval.json] [--errors]
 *
 * - Opportunities: every synthetic case in `test/fixtures/cdi/cases/` (one JSON file each: note,
 *   setting, the rules that should fire, rules that must not) runs through `analyzeCdi`; a fired rule in
 *   `expected` is a true positive, any other fired rule a false positive, an expected rule that did not
 *   fire a false negative. Precision and recall overall and per rule; must-not-fire violations counted
 *   separately. The cases were written for the project by the same author as the rules (a development
 *   set, not held-out data), and diagnoses come from the stand-in `documentedFromText` until the
 *   analyzer is passed in: the report says which.
 * - Held-out batch: `test/fixtures/cdi/cases-heldout/` (batch 4) was written blind to the rules and the
 *   engine (only rule ids and titles seen) and is never used to tune them. It is scored separately in
 *   `heldout` (precision, recall, tp, fp, fn, must-not-fire violations, drafts failing lint); the
 *   top-level keys (`precision`, `recall`, `per_rule`, `by_batch`, ...) stay computed on batches 1-3 only,
 *   so the report remains comparable with earlier runs.
 * - Second held-out batch: `test/fixtures/cdi/cases-heldout-2/` (batch 5), written blind to the rules, the
 *   engine and every earlier case by another author, committed before it was ever scored. It is scored
 *   in `heldout2` exactly as batch 4 is in `heldout`, and never used to tune the rules.
 * - Drafts: every drafted query is linted against its own note; `drafts_with_lint_errors` should be 0.
 * - Linter: `test/fixtures/cdi/queries.json` holds compliant and deliberately non-compliant query texts
 *   with the violations each contains; `lint_catch_rate` is the share of listed violations reported as
 *   errors, `lint_false_errors` the number of compliant queries with any error.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as v from 'valibot';
import { type Analyze, analyzeCdi } from '../../utils/cdi/analyze';
import { lintQuery } from '../../utils/cdi/linter';
import { type CdiPacks, defaultCdiPacks } from '../../utils/cdi/rules';
import { LINT_CODES, type LintCode } from '../../utils/cdi/types';
import { DEFAULT_REPORT, mergeReportSection } from './report';

export const DEFAULT_CASES_DIR = resolve(import.meta.dirname, '../../test/fixtures/cdi/cases');
export const DEFAULT_HELDOUT_DIR = resolve(import.meta.dirname, '../../test/fixtures/cdi/cases-heldout');
export const DEFAULT_HELDOUT2_DIR = resolve(import.meta.dirname, '../../test/fixtures/cdi/cases-heldout-2');
export const DEFAULT_QUERIES_FILE = resolve(import.meta.dirname, '../../test/fixtures/cdi/queries.json');

const caseSchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1)),
  description: v.string(),
  /**
   * 1: written before the engine first ran, then used to fix it; 2: written after that tuning, its misses
   * then fixed; 3: written last; its one miss fixed after the first run; 4: the held-out batch
   * (`test/fixtures/cdi/cases-heldout/`), written blind to the rules and the engine, scored separately
   * in `heldout` and never used to change them (a case is edited only if it is clinically wrong);
   * 5: the second held-out batch (`test/fixtures/cdi/cases-heldout-2/`), written blind to the rules, the
   * engine and the earlier cases, committed before its first run, scored separately in `heldout2` under
   * the same rule as batch 4.
   */
  batch: v.picklist([1, 2, 3, 4, 5] as const),
  setting: v.picklist(['inpatient', 'outpatient'] as const),
  note: v.pipe(v.string(), v.minLength(1)),
  expected: v.array(v.string()),
  mustNotFire: v.array(v.string()),
  source: v.string(),
});
export type CdiCase = v.InferOutput<typeof caseSchema>;

const querySchema = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1)),
  text: v.string(),
  note: v.optional(v.string()),
  violations: v.optional(v.array(v.picklist(LINT_CODES))),
  why: v.optional(v.string()),
});
const queriesSchema = v.strictObject({
  description: v.optional(v.string()),
  compliant: v.array(querySchema),
  noncompliant: v.array(querySchema),
});
export type QueryFixtures = v.InferOutput<typeof queriesSchema>;

/** Read and validate every case file; unknown rule ids are an error (a typo would silently lower recall). */
export function loadCases(dir = DEFAULT_CASES_DIR, packs: CdiPacks = defaultCdiPacks()): CdiCase[] {
  const rules = new Set(packs.opportunities.rules.map((r) => r.id));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = v.safeParse(caseSchema, JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success) throw new Error(`${f}: ${parsed.issues[0].message}`);
      for (const id of [...parsed.output.expected, ...parsed.output.mustNotFire]) {
        if (!rules.has(id)) throw new Error(`${f}: unknown rule "${id}"`);
      }
      return parsed.output;
    });
}

/**
 * The development cases (batches 1-3, `casesDir`) followed by the held-out ones (`heldoutDir`, batch 4
 * only) and the second held-out ones (`heldout2Dir`, batch 5 only): a file of another batch in a
 * held-out directory, or a held-out batch among the development cases, is an error.
 */
export function loadAllCases(
  casesDir = DEFAULT_CASES_DIR,
  heldoutDir = DEFAULT_HELDOUT_DIR,
  packs: CdiPacks = defaultCdiPacks(),
  heldout2Dir = DEFAULT_HELDOUT2_DIR,
): CdiCase[] {
  const dev = loadCases(casesDir, packs);
  const heldout = loadCases(heldoutDir, packs);
  const heldout2 = loadCases(heldout2Dir, packs);
  for (const c of dev) if (c.batch === 4 || c.batch === 5) throw new Error(`${c.id}: batch ${c.batch} belongs in a held-out directory`);
  for (const c of heldout) if (c.batch !== 4) throw new Error(`${c.id}: a held-out case must be batch 4`);
  for (const c of heldout2) if (c.batch !== 5) throw new Error(`${c.id}: a second held-out case must be batch 5`);
  return [...dev, ...heldout, ...heldout2];
}

export function loadQueries(file = DEFAULT_QUERIES_FILE): QueryFixtures {
  const parsed = v.safeParse(queriesSchema, JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.issues[0].message}`);
  return parsed.output;
}

/**
 * What each batch scored the first time it ran, before any fix it prompted (2026-11, issue 6). The live
 * figures reach 1.0 because each miss was then fixed; these are the honest out-of-sample estimates.
 */
export const FIRST_RUNS = {
  batch1: { cases: 56, precision: 0.921, recall: 0.946, fixed: 5, note: 'written before the engine first ran' },
  batch2: { cases: 18, precision: 0.875, recall: 0.636, fixed: 5, note: 'written after tuning on batch 1' },
  batch3: { cases: 14, precision: 1, recall: 0.889, fixed: 1, note: 'written last; one miss (a verb between name and value) fixed after' },
  /** Held-out: its first run is its score until the engine changes; nothing was fixed from it. */
  batch4: {
    cases: 58,
    precision: 0.7436,
    recall: 0.8056,
    tp: 29,
    fp: 10,
    fn: 7,
    must_not_fire_violations: 8,
    with_analyzer: { precision: 0.8056, recall: 0.8056, tp: 29, fp: 7, fn: 7, must_not_fire_violations: 5 },
    fixed: 0,
    note:
      'held out, written blind to the rules (2026-11); stand-in documentedFromText, with_analyzer as npm run eval. Its one-line miss summaries then led to general fixes tested on other sentences (9520ef5), so later batch-4 scores are no longer blind',
  },
  /** Second held-out batch: written blind to the rules and the engine, committed before its first run (with the analyzer, after 9520ef5). */
  batch5: {
    cases: 40,
    with_analyzer: { precision: 0.8182, recall: 0.6923, tp: 18, fp: 4, fn: 8, must_not_fire_violations: 3, drafts_with_lint_errors: 1 },
    fixed: 0,
    note: 'first and only tuning-free run; nothing fixed from it',
  },
  linter: {
    noncompliant: 42,
    compliant: 20,
    catchRate: 1,
    falseErrors: 1,
    fixed: 1,
    note: 'a date in an unquoted indicator was read as a missing value',
  },
} as const;

export interface Counts {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

function counts(tp: number, fp: number, fn: number): Counts {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const r = (x: number) => Math.round(x * 10000) / 10000;
  return { precision: r(precision), recall: r(recall), f1: r(f1), tp, fp, fn };
}

export interface CaseResult {
  id: string;
  batch: 1 | 2 | 3 | 4 | 5;
  fired: string[];
  expected: string[];
  falsePositives: string[];
  falseNegatives: string[];
  mustNotViolations: string[];
  draftErrors: Array<{ rule: string; codes: LintCode[] }>;
}

/** A held-out batch (4 in `heldout`, 5 in `heldout2`), scored apart from the development batches. */
export interface HeldoutReport extends Counts {
  n_cases: number;
  must_not_fire_violations: number;
  drafts_with_lint_errors: number;
  per_rule: Record<string, Counts>;
  note: string;
}

export interface CdiReport extends Counts {
  n_cases: number;
  must_not_fire_violations: number;
  per_rule: Record<string, Counts>;
  /** Batch 1: written before the engine first ran, then used to fix it; batch 2: written after, its misses then fixed; batch 3: written last, its one miss fixed after (first-run scores in FIRST_RUNS). */
  by_batch: Record<string, Counts & { n_cases: number }>;
  /** Rules that no case expects to fire (their recall is untested). */
  rules_without_positive_case: string[];
  drafts: number;
  drafts_with_lint_errors: number;
  lint_catch_rate: number;
  lint_violations: number;
  lint_caught: number;
  lint_false_errors: number;
  lint_compliant: number;
  lint_noncompliant: number;
  /** Batch 4, written blind to the rules; every other key above is computed on batches 1-3 only. */
  heldout: HeldoutReport;
  /** Batch 5, the second held-out batch, written blind to the rules and scored like `heldout`. */
  heldout2: HeldoutReport;
  /** Where documented diagnoses came from. */
  documented_source: 'stand-in documentedFromText' | 'analyzer';
  note: string;
  first_runs: typeof FIRST_RUNS;
}

export function evaluateCases(
  cases: readonly CdiCase[],
  options: { analyze?: Analyze; packs?: CdiPacks } = {},
): { results: CaseResult[]; perRule: Map<string, { tp: number; fp: number; fn: number }> } {
  const packs = options.packs ?? defaultCdiPacks();
  const perRule = new Map(packs.opportunities.rules.map((r) => [r.id, { tp: 0, fp: 0, fn: 0 }]));
  const results = cases.map((c) => {
    const r = analyzeCdi({ text: c.note, setting: c.setting }, { analyze: options.analyze, packs });
    const fired = r.opportunities.map((o) => o.ruleId);
    const expected = new Set(c.expected);
    for (const id of fired) {
      const k = perRule.get(id);
      if (k) expected.has(id) ? k.tp++ : k.fp++;
    }
    for (const id of c.expected) if (!fired.includes(id)) (perRule.get(id) ?? { fn: 0 }).fn++;
    return {
      id: c.id,
      batch: c.batch,
      fired,
      expected: c.expected,
      falsePositives: fired.filter((id) => !expected.has(id)),
      falseNegatives: c.expected.filter((id) => !fired.includes(id)),
      mustNotViolations: fired.filter((id) => c.mustNotFire.includes(id)),
      draftErrors: r.drafts.filter((d) => !d.lint.ok).map((d) => ({ rule: d.draft.ruleId, codes: d.lint.errors.map((e) => e.code) })),
    };
  });
  return { results, perRule };
}

export function evaluateLinter(fixtures: QueryFixtures, packs: CdiPacks = defaultCdiPacks()) {
  let violations = 0;
  let caught = 0;
  const missed: Array<{ id: string; code: LintCode; found: LintCode[] }> = [];
  for (const q of fixtures.noncompliant) {
    const found = lintQuery(q.text, { note: q.note, templates: packs.templates }).errors.map((e) => e.code);
    for (const code of q.violations ?? []) {
      violations++;
      if (found.includes(code)) caught++;
      else missed.push({ id: q.id, code, found });
    }
  }
  const falseErrors: Array<{ id: string; found: string[] }> = [];
  for (const q of fixtures.compliant) {
    const errors = lintQuery(q.text, { note: q.note, templates: packs.templates }).errors;
    if (errors.length > 0) falseErrors.push({ id: q.id, found: errors.map((e) => `${e.code}: ${e.message}`) });
  }
  return { violations, caught, missed, falseErrors };
}

export function evaluateCdi(
  cases: readonly CdiCase[],
  queries: QueryFixtures,
  options: { analyze?: Analyze; packs?: CdiPacks } = {},
): { report: CdiReport; results: CaseResult[]; lint: ReturnType<typeof evaluateLinter> } {
  const devCases = cases.filter((c) => c.batch !== 4 && c.batch !== 5);
  const { results, perRule } = evaluateCases(devCases, options);
  const { tp, fp, fn, per_rule } = totals(perRule);
  const held = scoreHeldout(
    cases.filter((c) => c.batch === 4),
    options,
    'Batch 4 (test/fixtures/cdi/cases-heldout), written blind to the rules and the engine and not used to tune them; see first_runs.batch4 for its first run.',
  );
  const held2 = scoreHeldout(
    cases.filter((c) => c.batch === 5),
    options,
    'Batch 5 (test/fixtures/cdi/cases-heldout-2), the second held-out batch: written blind to the rules, the engine and the earlier cases, committed before its first run, and not used to tune them.',
  );
  const positives = new Set(devCases.flatMap((c) => c.expected));
  const by_batch: CdiReport['by_batch'] = {};
  for (const batch of [1, 2, 3] as const) {
    const rs = results.filter((r) => r.batch === batch);
    const btp = rs.reduce((n, r) => n + r.fired.length - r.falsePositives.length, 0);
    const bfp = rs.reduce((n, r) => n + r.falsePositives.length, 0);
    const bfn = rs.reduce((n, r) => n + r.falseNegatives.length, 0);
    by_batch[String(batch)] = { ...counts(btp, bfp, bfn), n_cases: rs.length };
  }
  const lint = evaluateLinter(queries, options.packs);
  const drafts = results.reduce((n, r) => n + r.fired.length, 0);
  const report: CdiReport = {
    ...counts(tp, fp, fn),
    n_cases: devCases.length,
    must_not_fire_violations: results.reduce((n, r) => n + r.mustNotViolations.length, 0),
    per_rule,
    by_batch,
    rules_without_positive_case: [...perRule.keys()].filter((id) => !positives.has(id)),
    drafts,
    drafts_with_lint_errors: results.reduce((n, r) => n + r.draftErrors.length, 0),
    lint_catch_rate: lint.violations === 0 ? 1 : Math.round((lint.caught / lint.violations) * 10000) / 10000,
    lint_violations: lint.violations,
    lint_caught: lint.caught,
    lint_false_errors: lint.falseErrors.length,
    lint_compliant: queries.compliant.length,
    lint_noncompliant: queries.noncompliant.length,
    heldout: held.report,
    heldout2: held2.report,
    documented_source: options.analyze ? 'analyzer' : 'stand-in documentedFromText',
    note: 'Top-level scores: batches 1-3, synthetic cases and query texts written for the project by the rules author (development set, not held-out data); see first_runs for the scores before each batch prompted fixes. The held-out batch 4 is scored in heldout, the second held-out batch 5 in heldout2.',
    first_runs: FIRST_RUNS,
  };
  return { report, results: [...results, ...held.results, ...held2.results], lint };
}

function scoreHeldout(
  cases: readonly CdiCase[],
  options: { analyze?: Analyze; packs?: CdiPacks },
  note: string,
): { report: HeldoutReport; results: CaseResult[] } {
  const held = evaluateCases(cases, options);
  const heldTotals = totals(held.perRule);
  const report: HeldoutReport = {
    ...counts(heldTotals.tp, heldTotals.fp, heldTotals.fn),
    n_cases: held.results.length,
    must_not_fire_violations: held.results.reduce((n, r) => n + r.mustNotViolations.length, 0),
    drafts_with_lint_errors: held.results.reduce((n, r) => n + r.draftErrors.length, 0),
    per_rule: heldTotals.per_rule,
    note,
  };
  return { report, results: held.results };
}

function totals(perRule: ReadonlyMap<string, { tp: number; fp: number; fn: number }>) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const per_rule: Record<string, Counts> = {};
  for (const [id, k] of perRule) {
    tp += k.tp;
    fp += k.fp;
    fn += k.fn;
    per_rule[id] = counts(k.tp, k.fp, k.fn);
  }
  return { tp, fp, fn, per_rule };
}

export const HELDOUT2_LABEL = 'CDI second held-out (batch 5)';

export function heldoutLine(h: HeldoutReport, label = 'CDI held-out (batch 4)'): string {
  return (
    `${label}: ${h.n_cases} cases, precision ${h.precision}, recall ${h.recall} (tp ${h.tp}, fp ${h.fp}, fn ${h.fn}); ` +
    `must-not-fire violations ${h.must_not_fire_violations}; drafts failing lint ${h.drafts_with_lint_errors}`
  );
}

function printErrors(results: readonly CaseResult[], lint: ReturnType<typeof evaluateLinter>): void {
  for (const r of results) {
    if (r.falsePositives.length + r.falseNegatives.length + r.draftErrors.length === 0) continue;
    console.log(`${r.id} (batch ${r.batch}): fired [${r.fired.join(', ')}]`);
    if (r.falsePositives.length > 0) console.log(`  false positives: ${r.falsePositives.join(', ')}`);
    if (r.falseNegatives.length > 0) console.log(`  missed: ${r.falseNegatives.join(', ')}`);
    for (const d of r.draftErrors) console.log(`  draft for ${d.rule} fails lint: ${d.codes.join(', ')}`);
  }
  for (const m of lint.missed) console.log(`lint missed ${m.code} in ${m.id} (found: ${m.found.join(', ') || 'nothing'})`);
  for (const f of lint.falseErrors) console.log(`lint false error in ${f.id}: ${f.found.join(' | ')}`);
}

export function main(argv: string[] = process.argv.slice(2)): CdiReport {
  const { values } = parseArgs({
    args: argv,
    options: {
      cases: { type: 'string', default: DEFAULT_CASES_DIR },
      heldout: { type: 'string', default: DEFAULT_HELDOUT_DIR },
      heldout2: { type: 'string', default: DEFAULT_HELDOUT2_DIR },
      queries: { type: 'string', default: DEFAULT_QUERIES_FILE },
      out: { type: 'string', default: DEFAULT_REPORT },
      errors: { type: 'boolean', default: false },
    },
  });
  const cases = loadAllCases(values.cases, values.heldout, undefined, values.heldout2);
  const queries = loadQueries(values.queries);
  const { report, results, lint } = evaluateCdi(cases, queries);
  mergeReportSection('cdi', report, values.out);
  console.log(
    `CDI: ${report.n_cases} cases, precision ${report.precision}, recall ${report.recall} (tp ${report.tp}, fp ${report.fp}, fn ${report.fn}); ` +
      `must-not-fire violations ${report.must_not_fire_violations}; drafts ${report.drafts} (${report.drafts_with_lint_errors} failing lint); ` +
      `first runs before fixes: batch 1 P ${FIRST_RUNS.batch1.precision} R ${FIRST_RUNS.batch1.recall}, batch 2 P ${FIRST_RUNS.batch2.precision} R ${FIRST_RUNS.batch2.recall}, batch 3 P ${FIRST_RUNS.batch3.precision} R ${FIRST_RUNS.batch3.recall}, held-out batch 4 P ${FIRST_RUNS.batch4.precision} R ${FIRST_RUNS.batch4.recall}; ` +
      `linter catch rate ${report.lint_catch_rate} (${report.lint_caught}/${report.lint_violations}), false errors ${report.lint_false_errors}/${report.lint_compliant}`,
  );
  console.log(heldoutLine(report.heldout));
  console.log(heldoutLine(report.heldout2, HELDOUT2_LABEL));
  if (values.errors) printErrors(results, lint);
  return report;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}

/**
 * CDI over notes nobody on the project wrote (MTSamples): every drafted query is linted against its
 * own note, so `drafts_with_lint_errors` counts drafts the engine would show blocked — a regression
 * signal on real wording (no gold: this measures consistency and firing rates, not accuracy).
 */
export interface CdiOnNotesReport {
  notes: number;
  errors: number;
  drafts: number;
  drafts_with_lint_errors: number;
  lint_errors_by_code: Record<string, number>;
  drafts_per_100_notes: number;
  by_rule: Record<string, number>;
}

export function evaluateCdiOnNotes(texts: readonly string[], analyze: Analyze, setting: 'inpatient' | 'outpatient' = 'inpatient'): CdiOnNotesReport {
  const packs = defaultCdiPacks();
  const byRule: Record<string, number> = {};
  const byCode: Record<string, number> = {};
  let errors = 0;
  let drafts = 0;
  let failing = 0;
  for (const text of texts) {
    try {
      const result = analyzeCdi({ text, setting }, { analyze, packs, dateOfService: '2026-11-01' });
      for (const { draft, lint } of result.drafts) {
        drafts++;
        byRule[draft.ruleId] = (byRule[draft.ruleId] ?? 0) + 1;
        if (!lint.ok) {
          failing++;
          for (const e of lint.errors) byCode[e.code] = (byCode[e.code] ?? 0) + 1;
        }
      }
    } catch {
      errors++;
    }
  }
  return {
    notes: texts.length,
    errors,
    drafts,
    drafts_with_lint_errors: failing,
    lint_errors_by_code: byCode,
    drafts_per_100_notes: texts.length === 0 ? 0 : Math.round((drafts / texts.length) * 1000) / 10,
    by_rule: Object.fromEntries(Object.entries(byRule).sort((a, b) => b[1] - a[1])),
  };
}
