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
