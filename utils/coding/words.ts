/**
 * Small text helpers the coding rules share: the lower-case words of a text, and a literal inside a
 * regular expression.
 */

/** The lower-case words (letters and digits) of a text: "left-sided" is "left sided". */
export const wordsOf = (s: string): string[] => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);

/** The lower-case words of a text, letters only: "350 mL" is "ml". */
export const letterWordsOf = (s: string): string[] => s.toLowerCase().split(/[^a-z]+/).filter(Boolean);

/** A literal string as a regular-expression source. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const casedPhrases = new Map<string, RegExp>();
/**
 * A phrase of a rule pack as a pattern: an upper-case phrase ("TBSA", "SNF") in upper case only, words apart by
 * spaces or hyphens. Built once per phrase (every sentence of every note may be asked); not global, so `test`
 * and `exec` keep no state between calls.
 */
export function casedPhrase(words: string): RegExp {
  let re = casedPhrases.get(words);
  if (!re) {
    const body = words.split(/[\s-]+/).map(escapeRegExp).join('[\\s-]+');
    re = new RegExp(`(?<![A-Za-z])${body}(?![A-Za-z])`, /[A-Z]/.test(words) ? '' : 'i');
    casedPhrases.set(words, re);
  }
  return re;
}

const wholeWordPatterns = new Map<string, RegExp>();
/** A phrase as a case-insensitive, global pattern of whole words (no letter or digit either side), built once per phrase. */
export function wholeWords(phrase: string): RegExp {
  let re = wholeWordPatterns.get(phrase);
  if (!re) {
    re = new RegExp(`(?<![a-z0-9])${escapeRegExp(phrase)}(?![a-z0-9])`, 'gi');
    wholeWordPatterns.set(phrase, re);
  }
  re.lastIndex = 0;
  return re;
}
