/**
 * Sides named by a code's title (coding.json `titleSides`): "Laceration without foreign body of left
 * forearm" is the left, "Unspecified fracture of the lower end of right radius" the right. Two codes on
 * sides that do not meet are unrelated conditions, so an Excludes1 note does not pair them (Guidelines
 * I.A.12.a): a laceration of the left forearm does not make a fracture of the right radius open.
 */
import type { TitleSideRules } from './rule-pack';

/** The sides a title names; empty when it names none. */
export function sidesOf(title: string, rules: TitleSideRules): Set<string> {
  const words = new Set(title.toLowerCase().match(/[a-z]+/g) ?? []);
  const sides = new Set<string>();
  for (const w of rules.words) if (words.has(w.word)) for (const s of w.sides) sides.add(s);
  return sides;
}

/** Do both titles name a side, and no side in common? */
export function onOtherSides(a: string, b: string, rules: TitleSideRules): boolean {
  const sa = sidesOf(a, rules);
  const sb = sidesOf(b, rules);
  return sa.size > 0 && sb.size > 0 && ![...sa].some((s) => sb.has(s));
}
