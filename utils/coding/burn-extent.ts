/**
 * The extent of burns (T31) or corrosions (T32) when the note states the total body surface area
 * ("3% TBSA", "total body surface area burned 25%, 10% full thickness"): the total in tens is the 4th
 * character, the third-degree part in tens the 5th (Guidelines I.C.19.d.6, rule of nines). Coded beside
 * the burns of its class the note codes by site; the words are the rule pack's (`burnExtent`).
 */
import type { Sentence } from '../nlp/types';
import { matchesPattern } from './patterns';
import type { BurnExtentRules } from './rule-pack';
import { bySuggestionRank, type CodingKnowledge, ruleSuggestion } from './suggest';
import type { AnalysisSettings, Suggestion } from './types';
import { casedPhrase as phrase } from './words';

const PERCENT = /(?<![\d.])(\d{1,3}(?:\.\d+)?)\s*(?:%|percent\b)/gi;

const says = (text: string, words: readonly string[]) => words.some((w) => phrase(w).test(text));

export interface StatedExtent {
  total: number;
  /** The third-degree percentage, when the note gives one. */
  third?: number;
  start: number;
  end: number;
}

/**
 * The total and third-degree percentages one sentence states. A percentage is the total when the words
 * after it (to the next number, comma or semicolon) name the body surface, or else when those before it do;
 * it is the third-degree part when the words beside it name a third-degree or full-thickness burn instead.
 */
export function statedExtent(sentence: string, rules: Pick<BurnExtentRules, 'extentWords' | 'thirdDegreeWords'>, offset = 0): StatedExtent | undefined {
  if (!says(sentence, rules.extentWords)) return undefined;
  const found = [...sentence.matchAll(PERCENT)];
  let total: { value: number; start: number; end: number } | undefined;
  let third: number | undefined;
  found.forEach((m, i) => {
    const value = Number(m[1]);
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const next = found[i + 1]?.index ?? sentence.length;
    const after = sentence.slice(end, next).split(/[,;]/)[0] ?? '';
    const before = (sentence.slice(i > 0 ? ((found[i - 1]?.index ?? 0) + (found[i - 1]?.[0].length ?? 0)) : 0, start).split(/[,;]/).pop() ?? '').slice(-40);
    const kind = says(after, rules.extentWords)
      ? 'total'
      : says(after, rules.thirdDegreeWords)
        ? 'third'
        : says(before, rules.thirdDegreeWords)
          ? 'third'
          : says(before, rules.extentWords)
            ? 'total'
            : undefined;
    if (kind === 'total' && !total && value <= 100) total = { value, start: offset + start, end: offset + end };
    if (kind === 'third' && third === undefined) third = value;
  });
  if (!total) return undefined;
  return { total: total.value, ...(third !== undefined && third <= total.value ? { third } : {}), start: total.start, end: total.end };
}

/** The code of an extent in a category: T31.0 under 10%, else T31 + total tens + third-degree tens. */
export function extentCode(category: string, total: number, third: number): string {
  const tens = Math.min(9, Math.floor(total / 10));
  return tens === 0 ? `${category}0` : `${category}${tens}${Math.min(tens, Math.floor(third / 10))}`;
}

/** Add T31 / T32 beside the coded burns or corrosions when a sentence of the note states the extent. */
export function withBurnExtent(
  suggestions: readonly Suggestion[],
  text: string,
  sentences: readonly Sentence[],
  settings: AnalysisSettings,
  k: CodingKnowledge,
): Suggestion[] {
  const rules = k.rules.burnExtent;
  const out = [...suggestions];
  const live = suggestions.filter((s) => s.status !== 'not-coded' && s.system === 'icd10cm' && s.context === 'affirmed');
  // No burn or corrosion coded: no sentence needs reading.
  if (!rules.classes.some((cls) => live.some((s) => cls.codes.some((p) => matchesPattern(s.code, p))))) return out;
  let extent: StatedExtent | undefined;
  for (const s of sentences) {
    extent = statedExtent(text.slice(s.start, s.end), rules, s.start);
    if (extent) break;
  }
  if (!extent) return out;
  for (const cls of rules.classes) {
    const burns = live.filter((s) => cls.codes.some((p) => matchesPattern(s.code, p)));
    const first = burns[0];
    if (!first || out.some((s) => s.code.startsWith(cls.category) && s.status !== 'not-coded')) continue;
    const fullThickness = burns.some((s) => rules.thirdDegreeCodes.some((p) => matchesPattern(s.code, p)));
    const third = extent.third ?? (fullThickness ? undefined : 0);
    const quote = text.slice(extent.start, extent.end);
    const evidence = [{ start: extent.start, end: extent.end, text: quote }];
    const why = `${extent.total}% of the body surface stated (“${quote}”) beside ${first.display} ${first.title}: ${rules.literal} (${rules.source}).`;
    if (third !== undefined || Math.floor(extent.total / 10) === 0) {
      const code = extentCode(cls.category, extent.total, third ?? 0);
      if (k.catalog.lookup('icd10cm', code, settings.dateOfService).state !== 'billable') continue;
      out.push(ruleSuggestion(k, settings.dateOfService, { code, score: first.score * 0.8, reason: why, evidence, section: first.section }));
      continue;
    }
    // A full-thickness burn coded without its percentage: the coder chooses the 5th character.
    const header = extentCode(cls.category, extent.total, 0).slice(0, 4);
    const choices = k.catalog
      .children('icd10cm', header, settings.dateOfService)
      .filter((c) => c.billable)
      .map((c) => ({ code: c.code, display: c.display, title: c.title }));
    if (choices.length === 0) continue;
    out.push(
      ruleSuggestion(k, settings.dateOfService, {
        code: header,
        score: first.score * 0.8,
        status: 'incomplete',
        choices,
        reason: `${why} The third-degree percentage is not stated: choose the 5th character.`,
        evidence,
        section: first.section,
      }),
    );
  }
  return out.sort(bySuggestionRank);
}
