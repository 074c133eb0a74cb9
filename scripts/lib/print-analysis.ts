/** Suggestions grouped as the side panel shows them, for the terminal (npm run analyze, npm start). */
import type { AnalysisResult, Suggestion } from '../../utils/coding/types';

const GROUPS: Array<[string, (s: Suggestion) => boolean]> = [
  ['Diagnoses', (s) => s.kind === 'diagnosis' && s.status === 'suggested'],
  ['Procedures', (s) => s.kind === 'procedure' && s.status === 'suggested'],
  ['Incomplete (choose a code)', (s) => s.status === 'incomplete'],
  ['Conflicts (Excludes1)', (s) => s.status === 'conflict'],
  ['Not coded', (s) => s.status === 'not-coded'],
];

export function formatAnalysis(result: AnalysisResult, options: { verbose?: boolean } = {}): string {
  const lines: string[] = [];
  for (const w of result.warnings) lines.push(`warning: ${w}`);
  for (const [title, test] of GROUPS) {
    const list = result.suggestions.filter(test);
    if (list.length === 0) continue;
    lines.push('', title);
    for (const s of list) {
      const quote = s.evidence.map((e) => `“${e.text}”`).slice(0, 2).join(', ');
      lines.push(`  ${s.display.padEnd(9)} ${s.title}${s.hcc ? `  [HCC ${s.hcc}]` : ''}`);
      lines.push(`            ${s.context}${s.notCoded ? ` (${s.notCoded})` : ''} · ${s.section} · ${quote}`);
      if (options.verbose !== false) lines.push(`            ${s.reason}`);
      if (s.specificity) lines.push(`            specificity: ${s.specificity}`);
      if (s.choices?.length) lines.push(`            choices: ${s.choices.slice(0, 8).map((c) => c.display).join(', ')}${s.choices.length > 8 ? ', …' : ''}`);
    }
  }
  return lines.join('\n');
}
