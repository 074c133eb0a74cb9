/**
 * The health check of a newborn (Guidelines I.C.21.c.13; Tabular Z00.11, Z00.12): a child under 29 days old
 * has the newborn health examination, its leaf by age in days read from the Tabular titles ("under 8 days
 * old", "8 to 28 days old"), not the child's or the adult's examination. Z38 is the birth episode's code
 * (I.C.16.a.2), never an office or emergency visit's.
 * Pure: plain data in, suggestions changed in place.
 */
import { matchesPattern } from './patterns';
import type { CodingRulePack } from './rule-pack';
import { ruleSuggestion } from './rule-suggestion';
import type { CodingKnowledge } from './suggest';
import { leaves } from './tabular-leaves';
import type { AnalysisSettings, Suggestion } from './types';

export type NewbornExaminationRules = NonNullable<CodingRulePack['newbornExamination']>;

/** The age in days where the note states it: "5-day-old", "5 day old", "5 days old", "5 d/o", "DOL 5", "day of life 5". */
export function statedAgeInDays(text: string): number | undefined {
  const m = /\b(\d{1,2})[-\s]days?[-\s]old\b|\b(\d{1,2})\s*d\/o\b|\b(?:dol|day of life)\s*#?\s*(\d{1,2})\b/i.exec(text.slice(0, 2000));
  const days = m ? Number(m[1] ?? m[2] ?? m[3]) : Number.NaN;
  return Number.isFinite(days) ? days : undefined;
}

/** The leaf of `category` whose title's day range holds `days` ("under 8 days old", "8 to 28 days old"). */
export function examinationLeaf(k: CodingKnowledge, date: string, category: string, days: number): string | undefined {
  for (const leaf of leaves(k, category, date)) {
    const t = leaf.title.toLowerCase();
    const under = /under (\d+) days old/.exec(t);
    if (under && days < Number(under[1])) return leaf.code;
    const range = /(\d+) to (\d+) days old/.exec(t);
    if (range && days >= Number(range[1]) && days <= Number(range[2])) return leaf.code;
  }
  return undefined;
}

const coded = (s: Suggestion) => s.status !== 'not-coded';

export function applyNewbornExamination(suggestions: Suggestion[], text: string, settings: AnalysisSettings, k: CodingKnowledge): void {
  const rules = k.rules.newbornExamination;
  if (!rules) return;
  const date = settings.dateOfService;
  if (settings.setting === 'outpatient') {
    for (const s of suggestions) {
      if (!coded(s) || s.kind !== 'diagnosis' || !rules.birthEpisodeOnly.some((p) => matchesPattern(s.code, p))) continue;
      s.status = 'not-coded';
      s.notCoded = 'not-a-finding';
      s.reason += ` An outpatient visit is not the birth episode: Z38 is coded only on the newborn's record of the birth (${rules.source}).`;
    }
  }
  const days = statedAgeInDays(text);
  if (days === undefined || days > rules.maxDays) return;
  const code = examinationLeaf(k, date, rules.category, days);
  if (!code) return;
  for (const s of [...suggestions]) {
    if (!coded(s) || s.kind !== 'diagnosis' || s.code === code || !rules.codes.some((p) => matchesPattern(s.code, p))) continue;
    const done = suggestions.find((o) => coded(o) && o.code === code);
    const read = s.reason;
    s.status = 'not-coded';
    s.notCoded = done ? 'included-in-other-code' : 'less-specific';
    s.reason += ` The patient is ${days} days old: ${rules.literal} (${rules.source}).`;
    if (done) continue;
    suggestions.push(
      ruleSuggestion(k, date, {
        code,
        score: s.score,
        reason: `${read} The patient is ${days} days old: ${rules.literal} (${rules.source}).`,
        evidence: s.evidence,
        section: s.section,
        mentionIds: s.mentionIds,
      }),
    );
  }
}
