/**
 * Text handling shared by the search index and queries: the same tokens on both sides, so a query
 * word matches a title word whatever the case, accents, punctuation or plural.
 */

/**
 * Words coders leave out or put in freely ("diabetes with hyperglycemia" = "diabetes hyperglycemia").
 * "without", "not", "no" are NOT here: they change the code (E11.9 is "without complications").
 */
export const CONNECTOR_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'and', 'as', 'at', 'by', 'due', 'for', 'from', 'in', 'into', 'is', 'of', 'on', 'or', 'the', 'to', 'with', 'w',
]);

export interface Token {
  /** Normalised (lower case, accents folded, light stem). */
  term: string;
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Fold case and accents: "Ménière" -> "meniere". */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/**
 * Light English stemming for clinical titles: plurals and a few inflections fold together so that
 * "fractures" finds "fracture" and "diseases" finds "disease", without merging distinct terms.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && word.length > 4) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (/(?:ches|shes|xes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s') && !/(?:ss|us|is|ys|as|os)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Tokens with offsets into the given text (offsets are of the original, unfolded string). */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    const raw = match[0];
    const start = match.index ?? 0;
    const folded = foldText(raw);
    // Accents folded into several words would shift offsets; fold per word keeps them exact.
    for (const part of folded.split(/[^\p{L}\p{N}]+/u)) {
      if (part) tokens.push({ term: stem(part), start, end: start + raw.length });
    }
  }
  return tokens;
}

/** Normalised terms of a text, connector words dropped. */
export function contentTerms(text: string): string[] {
  return tokenize(text)
    .map((t) => t.term)
    .filter((t) => !CONNECTOR_WORDS.has(t));
}

/**
 * Optimal-string-alignment distance (Damerau-Levenshtein with adjacent transpositions), giving up
 * as soon as it must exceed `max`: misspellings like "pnuemonia" are one transposition away.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prevPrev = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (prevPrev[j - 2] as number) + 1);
      cur[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [prevPrev, prev, cur] = [prev, cur, prevPrev];
  }
  return prev[n] as number;
}

/** The words that must match: nonessential modifiers in parentheses removed ("Pneumonia (acute)" → "Pneumonia"). */
export function coreText(text: string): string {
  return text.replace(/\([^()]*\)/g, ' ');
}
