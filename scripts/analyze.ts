/**
 * `npm run analyze -- note.txt [--setting inpatient|outpatient] [--date 2026-11-01] [--json]`:
 * what the side panel would show for a note.
 */
import { readFileSync } from 'node:fs';
import { loadNodeEngine } from './lib/node-engine';
import { todayIso } from '../utils/codes/dates';
import { analyze, buildAnalysisKnowledge } from '../utils/coding/analyze';
import type { Setting, Suggestion } from '../utils/coding/types';
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
    const groups: Array<[string, (s: Suggestion) => boolean]> = [
      ['Diagnoses', (s) => s.kind === 'diagnosis' && s.status === 'suggested'],
      ['Procedures', (s) => s.kind === 'procedure' && s.status === 'suggested'],
      ['Incomplete (choose a code)', (s) => s.status === 'incomplete'],
      ['Conflicts (Excludes1)', (s) => s.status === 'conflict'],
      ['Not coded', (s) => s.status === 'not-coded'],
    ];
    console.log(`${setting}, date of service ${date}; ${result.mentions.length} mentions in ${result.analysedLength} characters (${result.tookMs.toFixed(1)} ms)`);
    for (const w of result.warnings) console.log(`warning: ${w}`);
    for (const [title, test] of groups) {
      const list = result.suggestions.filter(test);
      if (list.length === 0) continue;
      console.log(`\n${title}`);
      for (const s of list) {
        const quote = s.evidence.map((e) => `“${e.text}”`).slice(0, 2).join(', ');
        console.log(`  ${s.display.padEnd(9)} ${s.title}${s.hcc ? `  [HCC ${s.hcc}]` : ''}`);
        console.log(`            ${s.context}${s.notCoded ? ` (${s.notCoded})` : ''} · ${s.section} · ${quote}`);
        console.log(`            ${s.reason}`);
        if (s.specificity) console.log(`            specificity: ${s.specificity}`);
        if (s.choices?.length) console.log(`            choices: ${s.choices.slice(0, 8).map((c) => c.display).join(', ')}${s.choices.length > 8 ? ', …' : ''}`);
      }
    }
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
