/**
 * A condition written on both sides ("bilateral adrenal metastases", "seminoma in both testes") where the
 * classification has a right and a left code but no bilateral one is coded once for each side (Guidelines
 * I.B.13: "If no bilateral code is provided and the condition is bilateral, assign separate codes for both the
 * left and right side"); where it has a bilateral code ("..., bilateral"), that one. The reading is the code
 * of the unspecified side; its right, left and bilateral siblings are the codes whose titles say "right",
 * "left" or "bilateral" in its place. The side words are coding.json `laterality`, read in the mention's clause.
 */
import type { CodeCatalog } from '../codes/catalog';
import type { CodeSystem } from '../codes/types';
import { sideOf } from './laterality';
import type { LateralityRules } from './rule-pack';
import type { Mention } from './types';

const UNSPECIFIED_SIDE = /\bunspecified\b/i;

/**
 * "Both" of "both X and Y" joins two things, not two sides ("both liver and lung metastases"): it is blanked
 * (to a word of the same length, so the offsets stay) before the side is read.
 */
const withoutBothAnd = (sentence: string) => sentence.replace(/\bboth\b(?=[^,;.]*\band\b)/gi, '____');

/**
 * The codes of each side for a reading of the unspecified side the mention's clause calls bilateral; undefined
 * when it does not, or when the code has no sided siblings.
 *
 * @example bilateralCodes('C7970', ...) // ['C7971', 'C7972'] for "Bilateral adrenal metastases."
 */
export function bilateralCodes(
  code: string,
  system: CodeSystem,
  mention: Mention,
  text: string,
  catalog: CodeCatalog,
  rules: LateralityRules,
  date: string,
): string[] | undefined {
  if (code.length < 4) return undefined;
  const title = catalog.lookup(system, code, date).title ?? '';
  if (!UNSPECIFIED_SIDE.test(title)) return undefined;
  const siblings = catalog.children(system, code.slice(0, -1), date);
  const named = (side: string) => {
    const sided = sidedSibling(code, title, siblings, side);
    if (sided || side !== 'bilateral') return sided?.code;
    // "..., unspecified eye" is "..., bilateral", not "..., bilateral eye".
    const wanted = [title.replace(/\bunspecified (?:eye|ear|side)s?\b/i, side), title.replace(/\bof unspecified (?:eye|ear)s?\b/i, 'of eye, bilateral')];
    return siblings.find((s) => s.code !== code && wanted.some((w) => w.toLowerCase() === s.title.toLowerCase()))?.code;
  };
  const right = named('right');
  const left = named('left');
  if (!right || !left) return undefined;
  const sentence = withoutBothAnd(text.slice(mention.sentence.start, mention.sentence.end));
  const from = mention.span.start - mention.sentence.start;
  if (sideOf(sentence, from, from + mention.span.end - mention.span.start, rules) !== 'bilateral') return undefined;
  const both = named('bilateral');
  return both ? [both] : [right, left];
}

/**
 * The sibling of a code of the unspecified side whose title names `side` where the code's title says
 * "unspecified" (any of them: "Unspecified pterygium of unspecified eye"), and the title's words after that
 * "unspecified" (the part the side is of: " kidney").
 */
export function sidedSibling(
  code: string,
  title: string,
  siblings: ReadonlyArray<{ code: string; title: string }>,
  side: string,
): { code: string; after: string } | undefined {
  for (const m of title.matchAll(/\bunspecified\b/gi)) {
    const after = title.slice(m.index + 'unspecified'.length);
    const wanted = `${title.slice(0, m.index)}${side}${after}`.toLowerCase();
    const hit = siblings.find((s) => s.code !== code && s.title.toLowerCase() === wanted);
    if (hit) return { code: hit.code, after };
  }
  return undefined;
}
