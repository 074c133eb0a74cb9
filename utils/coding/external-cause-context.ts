/**
 * Where an injury happened (Y92 place of occurrence), in what activity (Y93) and in what status (Y99): read in
 * the sentences that tell the injury and its cause ("fell out of bed at the nursing home": Y92.129), each once,
 * at the initial encounter for the injury, after the external cause it completes (Guidelines I.C.20.b, c, k).
 * A place, activity or status the note does not state is not coded (no Y92.9, Y93.9, Y99.9). The words are the
 * rule pack's (`externalCauseContext`).
 */
import { sectionAt } from '../nlp/sections';
import type { Section, Sentence } from '../nlp/types';
import { matchesPattern } from './patterns';
import type { ExternalCauseContextRules } from './rule-pack';
import { bySuggestionRank, type CodingKnowledge, ruleSuggestion } from './suggest';
import type { AnalysisSettings, Suggestion } from './types';
import { casedPhrase as phrase } from './words';

type Row = ExternalCauseContextRules['places'][number];

interface Found<R extends Row> {
  row: R;
  start: number;
  end: number;
}

/** The first row (in the pack's order: the most specific first) whose words one of the sentences has. */
export function firstRow<R extends Row>(rows: readonly R[], text: string, sentences: ReadonlyArray<{ start: number; end: number }>): Found<R> | undefined {
  for (const row of rows) {
    for (const s of sentences) {
      for (const w of row.words) {
        const m = phrase(w).exec(text.slice(s.start, s.end));
        if (m) return { row, start: s.start + m.index, end: s.start + m.index + m[0].length };
      }
    }
  }
  return undefined;
}

/**
 * The sentences about the injury: those of the coded injuries and causes, and those with a cue word ("injured
 * her ankle while playing basketball") outside the sections of past history, plan and instructions.
 */
function injurySentences(
  evidence: ReadonlyArray<{ start: number; end: number }>,
  text: string,
  structure: { sections: readonly Section[]; sentences: readonly Sentence[] },
  rules: ExternalCauseContextRules,
): Sentence[] {
  return structure.sentences.filter((s) => {
    if (evidence.some((e) => e.start >= s.start && e.start < s.end)) return true;
    const section = sectionAt(structure.sections, s.start)?.category;
    if (section && rules.otherSections.includes(section)) return false;
    const sentence = text.slice(s.start, s.end);
    return rules.cueWords.some((w) => phrase(w).test(sentence));
  });
}

/** Add the place, activity and status of the injury, when the note states them, beside its external cause. */
export function withExternalCauseContext(
  suggestions: readonly Suggestion[],
  text: string,
  structure: { sections: readonly Section[]; sentences: readonly Sentence[] },
  settings: AnalysisSettings,
  k: CodingKnowledge,
): Suggestion[] {
  const rules = k.rules.externalCauseContext;
  const live = suggestions.filter((s) => s.status !== 'not-coded' && s.system === 'icd10cm' && s.context === 'affirmed');
  const injuries = live.filter((s) => rules.injuries.some((p) => matchesPattern(s.code, p)) && s.code.length === 7);
  // Only at the initial encounter for the injury (I.C.20.b, c, k): not at a follow-up or for a sequela.
  if (!injuries.some((s) => s.code.endsWith(rules.encounter))) return [...suggestions];
  if (live.some((s) => /^Y9[239]/.test(s.code))) return [...suggestions];
  const causes = live.filter((s) => rules.causes.some((p) => matchesPattern(s.code, p)));
  const sentences = injurySentences([...injuries, ...causes].flatMap((s) => s.evidence), text, structure, rules);
  if (sentences.length === 0) return [...suggestions];
  const date = settings.dateOfService;
  const lowest = Math.min(...[...injuries, ...causes].map((s) => s.score));
  const added: Suggestion[] = [];
  const add = (found: { row: Row; start: number; end: number }, what: string, rank: number): void => {
    const info = k.catalog.lookup('icd10cm', found.row.code, date);
    if (info.state !== 'billable') return;
    const quote = text.slice(found.start, found.end);
    added.push(
      ruleSuggestion(k, date, {
        code: found.row.code,
        score: lowest * (0.9 - 0.05 * rank),
        reason: `${what} stated (“${quote}”) at the initial encounter for the injury: ${rules.literal} (${found.row.source}; ${rules.source}).`,
        evidence: [{ start: found.start, end: found.end, text: quote }],
        section: sectionAt(structure.sections, found.start)?.category ?? 'unknown',
      }),
    );
  };
  // The place is a secondary code after another external cause code (I.C.20.b); the activity may stand alone (I.C.20.c).
  const place = causes.length > 0 ? firstRow(rules.places, text, sentences) : undefined;
  if (place) add(place, 'The place of occurrence', 0);
  const activity = firstRow(rules.activities, text, sentences);
  if (activity) add(activity, 'The activity', 1);
  // The status goes with a coded cause or activity (I.C.20.k); a leisure activity is Y99.8 unless a status is written.
  if (causes.length > 0 || activity) {
    const status = firstRow(rules.statuses, text, sentences);
    if (status) add(status, 'The external cause status', 2);
    else if (activity?.row.leisure) {
      const leisure = { ...activity, row: { code: rules.leisureStatus, words: activity.row.words, source: activity.row.source } };
      add(leisure, 'A leisure or student activity, not for pay, the external cause status (Y99.8)', 2);
    }
  }
  return added.length === 0 ? [...suggestions] : [...suggestions, ...added].sort(bySuggestionRank);
}
