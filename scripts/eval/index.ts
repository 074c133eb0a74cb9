/**
 * `npm run eval [-- --negex FILE --codiesp FILE --mtsamples FILE --only negex,codiesp,mtsamples]`:
 * scores ../shared/data/eval and writes reports/eval.json (stable keys: negex.negated.f1,
 * negex.historical.f1, negex.hypothetical.f1, codiesp.map, codiesp.recall_at_20, mtsamples.errors,
 * mtsamples.median_ms, mtsamples.p95_ms).
 */
import { loadNodeEngine } from '../lib/node-engine';
import { analyze, buildAnalysisKnowledge } from '../../utils/coding/analyze';
import { abbreviationTable } from '../../utils/search/abbreviations';
import { DEFAULT_CODIESP_FILE, DEFAULT_MTSAMPLES_FILE, evaluateCodiesp, evaluateMtsamples } from './coding';
import { readFileSync } from 'node:fs';
import { evaluateCdi, evaluateCdiOnNotes, HELDOUT2_LABEL, heldoutLine, loadAllCases, loadQueries } from './cdi';
import { main as negexMain } from './negex';
import { mergeReportSection } from './report';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = new Set((arg('only') ?? 'negex,codiesp,mtsamples,cdi').split(','));

if (only.has('negex')) {
  const file = arg('negex');
  negexMain(file ? ['--negex', file] : []);
}

if (only.has('codiesp') || only.has('mtsamples') || only.has('cdi')) {
  const t0 = performance.now();
  const { assets, catalog } = loadNodeEngine();
  const knowledge = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
  console.log(`analysis knowledge built in ${Math.round(performance.now() - t0)} ms`);
  if (only.has('codiesp')) {
    const report = evaluateCodiesp(arg('codiesp') ?? DEFAULT_CODIESP_FILE, knowledge);
    mergeReportSection('codiesp', report);
    console.log(`CodiEsp diagnoses (${report.n} cases): MAP ${report.map}, P@5 ${report.at5.precision}, R@20 ${report.recall_at_20}; category MAP ${report.category.map}, R@20 ${report.category.at20.recall}`);
    for (const [split, r] of Object.entries(report.by_split)) console.log(`  ${split}: MAP ${r.map}, R@20 ${r.recall_at_20}; category MAP ${r.category.map}`);
    console.log(`  gold codes not in FY2027: ${report.gold_codes_not_in_fy2027} of ${report.gold_codes_distinct} distinct`);
    const vm = report.version_mapped;
    console.log(
      `  secondary, 2018 gold codes credited to their FY2027 replacements or 7th-character completions (${vm.gold_codes_with_replacements} codes): MAP ${vm.map}, R@20 ${vm.recall_at_20}; dev MAP ${vm.by_split.dev?.map}, R@20 ${vm.by_split.dev?.recall_at_20}`,
    );
    const all = report.with_not_coded;
    console.log(`  secondary, suggestions then the not-coded list the panel shows below them: MAP ${all.map}, R@20 ${all.recall_at_20}; dev MAP ${all.by_split.dev?.map}, R@20 ${all.by_split.dev?.recall_at_20}`);
  }
  if (only.has('cdi')) {
    const { report } = evaluateCdi(loadAllCases(), loadQueries(), { analyze: (text, settings) => analyze(text, settings, knowledge) });
    mergeReportSection('cdi', report);
    console.log(`CDI (with the analyzer, batches 1-3): precision ${report.precision}, recall ${report.recall}`);
    console.log(`${heldoutLine(report.heldout)} (with the analyzer)`);
    console.log(`${heldoutLine(report.heldout2, HELDOUT2_LABEL)} (with the analyzer)`);
    // The same engine over MTSamples (distinct texts): drafts that fail their own lint on real wording.
    const texts = [
      ...new Set(
        readFileSync(arg('mtsamples') ?? DEFAULT_MTSAMPLES_FILE, 'utf8')
          .split('\n')
          .filter((line) => line.trim() !== '')
          .map((line) => String((JSON.parse(line) as { text?: unknown }).text ?? ''))
          .filter((text) => text.trim() !== ''),
      ),
    ];
    const onNotes = evaluateCdiOnNotes(texts, (text, settings) => analyze(text, settings, knowledge));
    mergeReportSection('cdi', { ...report, mtsamples: onNotes });
    console.log(
      `CDI on MTSamples (${onNotes.notes} distinct notes, inpatient): ${onNotes.drafts} drafts (${onNotes.drafts_per_100_notes} per 100 notes), ${onNotes.drafts_with_lint_errors} failing their own lint, ${onNotes.errors} errors`,
    );
  }
  if (only.has('mtsamples')) {
    const report = evaluateMtsamples(arg('mtsamples') ?? DEFAULT_MTSAMPLES_FILE, knowledge);
    mergeReportSection('mtsamples', report);
    console.log(`MTSamples: ${report.notes} notes, ${report.errors} errors, ${report.notes_per_second} notes/s, median ${report.median_ms} ms, p95 ${report.p95_ms} ms`);
  }
}
