/**
 * Several burns (or corrosions) on one record, by their degree, the 4th character of T20-T25 (Guidelines
 * I.C.19.d): burns of the same site and side at different degrees are coded at the highest degree only
 * (I.C.19.d.2: second and third degree burns of the right thigh, T24.311- alone), and of several burns the
 * one of the highest degree is sequenced first (I.C.19.d.1). The categories and degrees are the rule pack's
 * (`burnDegrees`).
 */
import { matchesPattern } from './patterns';
import type { BurnDegreeRules } from './rule-pack';
import { bySuggestionRank, type CodingKnowledge } from './suggest';
import type { Suggestion } from './types';

interface Degree {
  /** The index of the class (burns, corrosions). */
  kind: number;
  /** The rank of the degree in its class: unspecified 0, first 1, second 2, third 3. */
  rank: number;
}

/** The class and degree of a burn code by its 4th character, or undefined for codes not of a burn category. */
export function degreeOf(code: string, rules: BurnDegreeRules): Degree | undefined {
  if (code.length < 6 || !rules.categories.some((p) => matchesPattern(code, p))) return undefined;
  for (const [kind, cls] of rules.classes.entries()) {
    const rank = cls.degrees.indexOf(code.charAt(3));
    if (rank >= 0) return { kind, rank };
  }
  return undefined;
}

/** The site and side of a burn code: its category and the characters after the degree (the 7th aside). */
const siteOf = (code: string): string => `${code.slice(0, 3)}${code.slice(4, 6)}`;

export function withBurnDegrees(suggestions: readonly Suggestion[], k: CodingKnowledge): Suggestion[] {
  const rules = k.rules.burnDegrees;
  const out = suggestions.map((s) => ({ ...s }));
  const burns = out
    .filter((s) => s.status !== 'not-coded' && s.system === 'icd10cm')
    .map((s) => ({ s, degree: degreeOf(s.code, rules) }))
    .filter((b): b is { s: Suggestion; degree: Degree } => b.degree !== undefined);
  if (burns.length < 2) return out;
  // The same site and side at a lower degree: the highest degree alone (I.C.19.d.2).
  for (const b of burns) {
    const higher = burns.find((o) => o !== b && o.degree.kind === b.degree.kind && siteOf(o.s.code) === siteOf(b.s.code) && o.degree.rank > b.degree.rank);
    if (!higher) continue;
    b.s.status = 'not-coded';
    b.s.notCoded = 'included-in-other-code';
    b.s.reason += ` ${rules.sameSite}: ${higher.s.display} ${higher.s.title} (${rules.source}).`;
  }
  // The highest degree first: the burns keep their places in the list, ordered by degree (I.C.19.d.1).
  const live = burns.filter((b) => b.s.status !== 'not-coded');
  // In the list's order (a stable sort keeps burns of equal scores where they are), then into the same slots.
  out.sort(bySuggestionRank);
  const slots = live.map((b) => out.indexOf(b.s)).sort((a, b) => a - b);
  const listed = slots.map((i) => out[i] as Suggestion);
  const byDegree = [...live].sort((a, b) => b.degree.rank - a.degree.rank || listed.indexOf(a.s) - listed.indexOf(b.s));
  const scores = listed.map((s) => s.score);
  byDegree.forEach((b, i) => {
    out[slots[i] as number] = b.s;
    b.s.score = scores[i] ?? b.s.score;
  });
  const first = byDegree[0];
  if (first && first.s !== listed[0]) first.s.reason += ` ${rules.sequence} (${rules.source}).`;
  return out;
}
