/**
 * The side a mention names (Guidelines I.B.13 Laterality), read in its own clause: "Right hip arthroplasty,
 * left knee arthroplasty" is a right hip and a left knee, not both sides of each; "right and left knee
 * replacements" and "bilateral TKA" are bilateral; "total knee arthroplasty" names no side. The side words
 * are data (coding.json `laterality`).
 */
import type { LateralityRules, Side } from './rule-pack';
import { wordsOf } from './words';


/**
 * A comma, semicolon or "but" ends the clause before the mention; after it "and" starts another too ("left
 * knee arthroplasty and right hip fracture"). Before it "and" joins the sides of one joint ("right and left").
 */
const clauseBefore = (s: string) => s.split(/[,;:]|\bbut\b/i).pop() ?? '';
const clauseAfter = (s: string) => s.split(/[,;:]|\b(?:and|but)\b/i)[0] ?? '';

/**
 * The side of the mention at `from`..`to` of `sentence`: its own words and `near` words of its clause either
 * side.
 *
 * @example sideOf('Right hip arthroplasty, left knee arthroplasty.', 30, 47, rules) // 'left'
 */
export function sideOf(sentence: string, from: number, to: number, rules: LateralityRules): Side {
  const words = [
    ...wordsOf(clauseBefore(sentence.slice(0, from))).slice(-rules.near),
    ...wordsOf(sentence.slice(from, to)),
    ...wordsOf(clauseAfter(sentence.slice(to))).slice(0, rules.near),
  ];
  const padded = ` ${words.join(' ')} `;
  const says = (list: readonly string[]) => list.some((w) => padded.includes(` ${wordsOf(w).join(' ')} `));
  const right = says(rules.right);
  const left = says(rules.left);
  if (says(rules.bilateral) || (right && left)) return 'bilateral';
  return right ? 'right' : left ? 'left' : 'unspecified';
}
