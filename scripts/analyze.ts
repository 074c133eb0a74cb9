/**
 * `npm run analyze -- note.txt [--setting inpatient|outpatient] [--date 2026-11-01] [--json]`:
 * what the side panel would show for a note.
 */
import { readFileSync } from 'node:fs';
import { loadNodeEngine } from './lib/node-engine';
import { todayIso } from '../utils/codes/dates';
import { analyze, buildAnalysisKnowledge } from '../utils/coding/analyze';
import type { Setting } from '../utils/coding/types';
import { formatAnalysis } from './lib/print-analysis';
import { abbreviationTable } from '../utils/search/abbreviations';

const argv = process.argv.slice(2);
const value = (name: string) => (argv.includes(`--${name}`) ? argv[argv.indexOf(`--${name}`) + 1] : undefined);
const file = argv.find((a, i) => !a.startsWith('--') && !['--setting', '--date'].includes(argv[i - 1] ?? ''));
const setting = (value('setting') ?? 'inpatient') as Setting;
const date = value('date') ?? todayIso();
if (!file || !['inpatient', 'outpatient'].includes(setting)) {
  console.error('usage: npm run analyze -- note.txt [--setting inpatient|outpatient] [--date YYYY-MM-DD] [--json]');
  process.exit(2);
}
try {
  const text = readFileSync(file, 'utf8');
  const { assets, catalog } = loadNodeEngine();
  const knowledge = buildAnalysisKnowledge(assets, catalog, { abbreviations: abbreviationTable });
  const result = analyze(text, { setting, dateOfService: date }, knowledge);
  if (argv.includes('--json')) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    console.log(`${setting}, date of service ${date}; ${result.mentions.length} mentions in ${result.analysedLength} characters (${result.tookMs.toFixed(1)} ms)`);
    console.log(formatAnalysis(result));
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
