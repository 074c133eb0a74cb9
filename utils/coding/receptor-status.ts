/**
 * Hormone receptor status of a breast cancer (Z17.0 ER positive, Z17.1 ER negative): the Tabular at C50
 * says "use additional code to identify estrogen receptor status", and Z17 says "code first malignant
 * neoplasm of breast (C50.-)". The status is written as pathology shorthand ("ER+/PR+/HER2-", "ER
 * positive", "triple negative") that the Alphabetic Index does not read, anywhere in the note (the
 * diagnosis line, the pathology, the assessment), so it is read from the whole note, skipping the
 * family history, and coded only beside a breast cancer the record codes.
 */
import type { Section } from '../nlp/types';
import { matchesPattern } from './patterns';
import type { ReceptorStatusRules } from './rule-pack';
import { bySuggestionRank, type CodingKnowledge } from './suggest';
import { ruleSuggestion } from './rule-suggestion';
import type { AnalysisSettings, Suggestion } from './types';
import { escapeRegExp } from './words';

export interface ReceptorStatusFound {
  code: string;
  quote: string;
  span: { start: number; end: number };
  section: Section['category'] | 'unknown';
}

const compiled = new WeakMap<ReceptorStatusRules, Array<{ code: string; pattern: RegExp }>>();
/** One pattern per status: its phrases as whole words, any space or hyphen between words, "+" and "-" kept. */
function patternsOf(rules: ReceptorStatusRules): Array<{ code: string; pattern: RegExp }> {
  const cached = compiled.get(rules);
  if (cached) return cached;
  const out = rules.statuses.map((s) => {
    // Words apart by a space or a hyphen alike ("ER-positive", "ER positive"); a final "+" or "-" is the status.
    const alternatives = s.phrases.map((p) => escapeRegExp(p).replace(/(?<=[a-z])-(?=[a-z])|\s+/g, '[\\s-]*'));
    return { code: s.code, pattern: new RegExp(`(?<![a-z0-9])(?:${alternatives.join('|')})(?![a-z0-9])`, 'gi') };
  });
  compiled.set(rules, out);
  return out;
}

/** The receptor statuses the note states, in text order, outside the sections the rules skip. */
export function findReceptorStatus(text: string, sections: readonly Section[], rules: ReceptorStatusRules): ReceptorStatusFound[] {
  const found: ReceptorStatusFound[] = [];
  const sectionAt = (at: number) => sections.find((s) => at >= s.body.start && at < s.body.end)?.category ?? 'unknown';
  for (const { code, pattern } of patternsOf(rules)) {
    pattern.lastIndex = 0;
    for (const m of text.matchAll(pattern)) {
      const section = sectionAt(m.index);
      if ((rules.skipSections as readonly string[]).includes(section)) continue;
      found.push({ code, quote: m[0], span: { start: m.index, end: m.index + m[0].length }, section });
    }
  }
  return found.sort((a, b) => a.span.start - b.span.start);
}

/** Add the receptor status the note states last beside a coded breast cancer (C50.-). */
export function withReceptorStatus(
  suggestions: readonly Suggestion[],
  text: string,
  sections: readonly Section[],
  settings: AnalysisSettings,
  k: CodingKnowledge,
): Suggestion[] {
  const rules = k.rules.receptorStatus;
  const cancer = suggestions.find(
    (s) => s.system === 'icd10cm' && s.status !== 'not-coded' && s.context !== 'family' && rules.withDiagnoses.some((p) => matchesPattern(s.code, p)),
  );
  if (!cancer) return [...suggestions];
  const last = findReceptorStatus(text, sections, rules).at(-1);
  if (!last || suggestions.some((s) => s.code === last.code && s.status !== 'not-coded')) return [...suggestions];
  if (k.catalog.lookup('icd10cm', last.code, settings.dateOfService).state !== 'billable') return [...suggestions];
  const added = ruleSuggestion(k, settings.dateOfService, {
    code: last.code,
    score: cancer.score * 0.8,
    reason: `Receptor status “${last.quote}” with ${cancer.display} ${cancer.title}: ${rules.literal} (${rules.source}).`,
    evidence: [{ start: last.span.start, end: last.span.end, text: last.quote }],
    section: last.section,
  });
  return [...suggestions.filter((s) => s.code !== last.code), added].sort(bySuggestionRank);
}
