/**
 * NIH stroke scale total scores (R29.700-R29.742, Official Guidelines I.C.18.i): a score written as a number
 * after the scale's name ("NIHSS 14", "NIHSS on arrival was 8") is the code of that score, coded beside the
 * acute cerebral infarction it is scored for (I63.-, sequenced first: the Tabular's code first note at R29.7).
 * At a minimum the initial score is reported: the first documented is kept. The score is read as the
 * Glasgow coma scale total is (coma-scale.ts); names, codes and words are data (coding.json `strokeScale`).
 */
import type { Section, Sentence } from '../nlp/types';
import { findComaScores } from './coma-scale';
import { matchesPattern } from './patterns';
import { bySuggestionRank, type CodingKnowledge, ruleSuggestion } from './suggest';
import type { AnalysisSettings, Suggestion } from './types';

/** The first NIHSS total the note documents, coded beside an acute cerebral infarction it codes. */
export function withStrokeScale(
  suggestions: readonly Suggestion[],
  text: string,
  context: { sections: readonly Section[]; sentences: readonly Sentence[] },
  settings: AnalysisSettings,
  k: CodingKnowledge,
): Suggestion[] {
  const rule = k.rules.strokeScale;
  const stroke = suggestions.some((s) => s.status !== 'not-coded' && rule.requires.some((p) => matchesPattern(s.code, p)));
  if (!stroke) return [...suggestions];
  const first = findComaScores(text, context.sections, context.sentences, { ...rule, times: [] })[0];
  if (!first || suggestions.some((s) => s.code === first.code)) return [...suggestions];
  const info = k.catalog.lookup('icd10cm', first.code, settings.dateOfService);
  if (info.state !== 'billable') return [...suggestions];
  const added = ruleSuggestion(k, settings.dateOfService, {
    code: first.code,
    score: rule.score,
    reason: `“${first.text}”: an NIH stroke scale total of ${first.score}, the initial score documented, coded after the acute stroke (Guidelines I.C.18.i).`,
    evidence: [{ ...first.span, text: first.text }],
    section: first.section,
    status: 'suggested',
  });
  return [...suggestions, added].sort(bySuggestionRank);
}
