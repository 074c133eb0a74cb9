/**
 * Sentence (segment) splitter for clinical text. ConText scopes end at the sentence boundary, so a
 * wrong split turns `No fever. Cough.` into a negated cough; this splitter errs towards splitting at
 * structure (headers, list items, table rows) and towards not splitting at abbreviations.
 *
 * Segments end at:
 * - `.`, `!`, `?` followed by white space, by the `,` run-on of MTSamples (`…clear.,Neck:`) or by the end,
 *   except after titles and Latin abbreviations (`Dr.`, `e.g.`, `vs.`), initials (`J. Smith`), list
 *   numbers (`1.  She will…`), and, when the next word is lower case, after dosing and unit
 *   abbreviations (`b.i.d. with meals`, `5 mg. of`);
 * - section headers (each header is its own segment) and list items (`1.`, `2)`, `-`, `•`), also
 *   inline after a column gap (`1) Normal esophagus    2) Retained food`);
 * - line breaks, unless the next line starts in lower case or the line ends mid-phrase (`,`, `and`,
 *   `of`…): transcriptions wrap sentences, tables and lists do not.
 *
 * Linear in the text; a segment longer than `maxLength` (a pasted 1 MB line) is cut at white space.
 */
import { detectSections } from './sections';
import type { Section, Sentence, Span } from './types';

export interface SentenceOptions {
  /** Sections from `detectSections`; computed with the shipped rules when absent. */
  sections?: readonly Section[];
  /** Longest segment; longer runs are cut at the last white space before it. Default 5,000 characters. */
  maxLength?: number;
}

/** Never the end of a sentence: titles, Latin abbreviations, `No. 3`. */
const NEVER_BREAK = new Set([
  'dr',
  'drs',
  'mr',
  'mrs',
  'ms',
  'prof',
  'st',
  'mt',
  'ft',
  'sr',
  'jr',
  'vs',
  'v',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'cf',
  'approx',
  'appt',
  'dept',
  'fig',
  'no',
  'nos',
  'ref',
  'wt',
  'ht',
]);

/** End a sentence only when the next word is capitalised: dosing, units, clinical shorthand. */
const ABBREVIATIONS = new Set([
  'q',
  'qd',
  'q.d',
  'bid',
  'b.i.d',
  'tid',
  't.i.d',
  'qid',
  'q.i.d',
  'qhs',
  'q.h.s',
  'hs',
  'h.s',
  'po',
  'p.o',
  'pr',
  'p.r',
  'prn',
  'p.r.n',
  'a.m',
  'p.m',
  'am',
  'pm',
  'mg',
  'mcg',
  'g',
  'gm',
  'kg',
  'lb',
  'lbs',
  'oz',
  'ml',
  'cc',
  'l',
  'cm',
  'mm',
  'in',
  'hr',
  'hrs',
  'min',
  'mins',
  'sec',
  'wk',
  'wks',
  'mo',
  'mos',
  'yr',
  'yrs',
  'pt',
  'pts',
  'dx',
  'hx',
  'tx',
  'rx',
  'sx',
  'fx',
  'etc',
  'inc',
  'co',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'tab',
  'tabs',
  'cap',
  'caps',
  'gtt',
  'gtts',
  'i.v',
  'iv',
  'i.m',
  'im',
  'subq',
  'sq',
  's.c',
  'o.d',
  'o.s',
  'o.u',
  'u.s',
  'temp',
  'resp',
  'max',
  'est',
  'ext',
  'm.d',
  'd.o',
  'r.n',
  'ph.d',
]);

/** A line ending with one of these words continues on the next line. */
const CONTINUES = new Set([
  'and',
  'or',
  'of',
  'with',
  'without',
  'the',
  'a',
  'an',
  'to',
  'for',
  'in',
  'on',
  'at',
  'by',
  'from',
  'as',
  'but',
  'nor',
  'than',
  'that',
  'which',
  'who',
  'is',
  'was',
  'are',
  'were',
  'has',
  'had',
  'have',
  'no',
  'not',
  'including',
  'denies',
]);

const LIST_MARKER = /^(?:\d{1,2}[.)]|[a-zA-Z][.)]|[-*•·▪‣◦●])[ \t]/;
/** A numbered list item's marker ("1. ", "2) "): its number is no word of the item. */
export const NUMBERED_ITEM_MARKER = /^\d{1,2}[.)][ \t]/;
const BULLETS = '•·▪‣◦●';

/**
 * One pass over the structural events: newline runs, sentence punctuation, inline list markers after
 * a column gap, and bullet characters.
 */
const EVENTS = /(\r?\n[ \t\r\n]*)|([.!?]+)['")\]]*|(?<=\S)([ \t]{2,})(?=(?:\d{1,2}[.)]|[-*•])[ \t])|([•▪‣◦●])/g;

function isUpper(c: string): boolean {
  return c !== c.toLowerCase() && c === c.toUpperCase();
}

function isLower(c: string): boolean {
  return c !== c.toUpperCase() && c === c.toLowerCase();
}

/** The word just before `index` (letters, digits, inner dots), lower case, without trailing dots. */
function wordBefore(text: string, index: number): { word: string; start: number } {
  let i = index;
  const limit = Math.max(0, index - 24);
  while (i > limit && /[A-Za-z0-9.]/.test(text[i - 1] ?? '')) i--;
  return {
    word: text
      .slice(i, index)
      .toLowerCase()
      .replace(/^\.+|\.+$/g, ''),
    start: i,
  };
}

/** Is the number ending at `index` a list marker (`1.` at a line start or after a `,` artefact)? */
function isListNumber(text: string, wordStart: number): boolean {
  let i = wordStart - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i < 0) return true;
  const c = text[i] ?? '';
  return c === '\n' || c === '\r' || c === ',' || c === ':' || c === ';';
}

function nextVisible(text: string, index: number): { char: string; index: number } {
  let i = index;
  while (i < text.length && /[\s,]/.test(text[i] ?? '')) i++;
  return { char: text[i] ?? '', index: i };
}

function breaksAfterPunctuation(text: string, punctStart: number, punct: string, after: number): boolean {
  const following = text[after];
  // `2.5`, `q.d.x`: a sentence mark is followed by white space, the `,` run-on, or the end.
  if (following !== undefined && !/[\s,]/.test(following)) return false;
  if (following === ',' && /[0-9]/.test(text[after + 1] ?? '') && punct !== '.') return false;
  const next = nextVisible(text, after);
  if (next.char === '') return true;
  if (punct !== '.') return true;
  const { word, start } = wordBefore(text, punctStart);
  if (word === '') return true;
  if (NEVER_BREAK.has(word)) return false;
  // Initials and list letters: `J. Smith`, `B.  SEE ALSO`.
  if (/^[a-z]$/i.test(word) && isUpper(text[start] ?? '')) return false;
  if (/^\d{1,2}$/.test(word) && isListNumber(text, start)) return false;
  if (isLower(next.char)) {
    if (ABBREVIATIONS.has(word) || word.includes('.') || word.length < 2) return false;
    return true;
  }
  return true;
}

/** Does the line ending at `lineEnd` continue on the line starting at `nextStart`? */
function lineContinues(text: string, lineEnd: number, nextStart: number, blank: boolean): boolean {
  if (blank) return false;
  const rest = text.slice(nextStart, nextStart + 4);
  if (LIST_MARKER.test(rest)) return false;
  let i = lineEnd;
  while (i > 0 && /[ \t]/.test(text[i - 1] ?? '')) i--;
  const last = text[i - 1] ?? '';
  if (last === '' || /[.!?:;]/.test(last)) return false;
  const first = text[nextStart] ?? '';
  if (isLower(first)) return true;
  if (/[,\-/&(]/.test(last)) return true;
  const { word } = wordBefore(text, i);
  return CONTINUES.has(word);
}

/**
 * Split `text` into sentence-like segments with offsets into `text`.
 *
 * @example splitSentences('No fever. Cough since Monday.').map((s) => s.text)
 *   // ['No fever.', 'Cough since Monday.']
 */
export function splitSentences(text: string, options: SentenceOptions = {}): Sentence[] {
  if (text.length === 0) return [];
  const sections = options.sections ?? detectSections(text);
  const maxLength = Math.max(50, options.maxLength ?? 5000);
  const cuts: number[] = [0, text.length];
  const headers: Span[] = [];
  for (const s of sections) {
    if (s.header) {
      cuts.push(s.header.start, s.header.end);
      headers.push(s.header);
    }
  }
  EVENTS.lastIndex = 0;
  let m: RegExpExecArray | null = EVENTS.exec(text);
  while (m !== null) {
    const at = m.index;
    const end = at + m[0].length;
    if (m[1] !== undefined) {
      const blank = (m[1].match(/\n/g)?.length ?? 0) > 1;
      if (!lineContinues(text, at, end, blank)) cuts.push(at);
    } else if (m[2] !== undefined) {
      if (breaksAfterPunctuation(text, at, m[2].slice(-1), end)) cuts.push(end);
    } else if (m[3] !== undefined) {
      cuts.push(end);
    } else if (m[4] !== undefined) {
      cuts.push(at);
    }
    if (m[0].length === 0) EVENTS.lastIndex++;
    m = EVENTS.exec(text);
  }
  cuts.sort((a, b) => a - b);
  const headerStarts = new Map(headers.map((h) => [h.start, h.end]));
  const out: Sentence[] = [];
  let previous = -1;
  for (let k = 0; k < cuts.length - 1; k++) {
    const a = cuts[k] ?? 0;
    const b = cuts[k + 1] ?? text.length;
    if (a === previous || b <= a) continue;
    previous = a;
    pushSegments(text, a, b, maxLength, headerStarts, out);
  }
  return out;
}

function pushSegments(
  text: string,
  from: number,
  to: number,
  maxLength: number,
  headerStarts: ReadonlyMap<number, number>,
  out: Sentence[],
): void {
  let s = from;
  let e = to;
  while (s < e && /[\s,]/.test(text[s] ?? '')) s++;
  while (e > s && /[\s,]/.test(text[e - 1] ?? '')) e--;
  while (e - s > maxLength) {
    // A pasted wall of text: cut at the last white space before the limit (or hard at the limit).
    let cut = s + maxLength;
    const space = text.lastIndexOf(' ', cut);
    if (space > s + maxLength / 2) cut = space;
    out.push(makeSentence(text, s, cut, 'line'));
    s = cut;
    while (s < e && /[\s,]/.test(text[s] ?? '')) s++;
  }
  if (e <= s) return;
  let kind: Sentence['kind'];
  if (headerStarts.get(s) !== undefined) kind = 'header';
  else if (LIST_MARKER.test(text.slice(s, s + 4)) || BULLETS.includes(text[s] ?? '')) kind = 'list_item';
  else if (/[.!?]['")\]]*$/.test(text.slice(Math.max(s, e - 4), e))) kind = 'sentence';
  else kind = 'line';
  out.push(makeSentence(text, s, e, kind));
}

function makeSentence(text: string, start: number, end: number, kind: Sentence['kind']): Sentence {
  return { start, end, text: text.slice(start, end), kind };
}
