/**
 * A normalised view of note text for matching, with a map back to the original.
 *
 * Matching runs on the normalised text (lower case, Unicode compatibility forms, accents folded,
 * invisible and bidi-control characters dropped, any run of whitespace or control characters turned
 * into one space), but every span a later stage reports is mapped back through `origin`, so evidence
 * always points at the characters the clinician wrote: `Crohn’s   disease` matches `crohn's disease`
 * and highlights all 19 original characters.
 *
 * One pass over the input, a constant amount of work per code point (non-ASCII foldings are
 * cached), so 5 MB of text or of binary garbage costs the same per character as a short note.
 */
import type { Span } from './types';

export interface NormalizedText {
  /** The original text. */
  readonly source: string;
  /** The normalised text. */
  readonly text: string;
  /**
   * `origin[i]` is the index in `source` of the code point that produced `text[i]`;
   * `origin[text.length]` is `source.length`. Non-decreasing.
   */
  readonly origin: Uint32Array;
}

const SPACE = 0x20;

/** Zero-width, soft hyphen and bidirectional controls: dropped so `hyper\u00ADtension` and RTL-marked text still match. */
function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad ||
    cp === 0x061c ||
    cp === 0x180e ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f) ||
    cp === 0xfeff
  );
}

/** Unicode white space and C0/C1 controls other than those already handled in the ASCII path. */
function isSpaceLike(cp: number): boolean {
  return (
    (cp >= 0x80 && cp <= 0x9f) ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** Typographic quotes and dashes that NFKC leaves alone but clinicians' text uses interchangeably. */
const PUNCTUATION_FOLD: ReadonlyMap<number, string> = new Map([
  [0x2018, "'"],
  [0x2019, "'"],
  [0x201a, "'"],
  [0x201b, "'"],
  [0x2032, "'"],
  [0x00b4, "'"],
  [0x201c, '"'],
  [0x201d, '"'],
  [0x201e, '"'],
  [0x2033, '"'],
  [0x2010, '-'],
  [0x2011, '-'],
  [0x2012, '-'],
  [0x2013, '-'],
  [0x2014, '-'],
  [0x2015, '-'],
  [0x2212, '-'],
]);

const MARKS = /\p{M}/gu;
const foldCache = new Map<number, string>();

/** Lower case, compatibility-decomposed, marks removed, recomposed (NFKC with accents folded). */
function foldCodePoint(cp: number): string {
  const cached = foldCache.get(cp);
  if (cached !== undefined) return cached;
  let out = PUNCTUATION_FOLD.get(cp);
  if (out === undefined) {
    // Lone surrogates (binary garbage) are not valid input to normalize(); keep them as U+FFFD.
    if (cp >= 0xd800 && cp <= 0xdfff) out = '\ufffd';
    else out = String.fromCodePoint(cp).normalize('NFKD').toLowerCase().replace(MARKS, '').normalize('NFC');
  }
  // The cache is bounded by the number of distinct code points (≈1.1 million), in practice a few thousand.
  foldCache.set(cp, out);
  return out;
}

/** Growable output buffers, so the pass stays linear even when NFKC expands a character (`ﬁ` → `fi`). */
class Builder {
  units: Uint16Array;
  origin: Uint32Array;
  length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(Math.max(16, capacity));
    this.origin = new Uint32Array(Math.max(16, capacity) + 1);
  }

  push(unit: number, from: number): void {
    if (this.length === this.units.length) this.grow();
    this.units[this.length] = unit;
    this.origin[this.length] = from;
    this.length++;
  }

  private grow(): void {
    const units = new Uint16Array(this.units.length * 2);
    units.set(this.units);
    const origin = new Uint32Array(this.units.length * 2 + 1);
    origin.set(this.origin);
    this.units = units;
    this.origin = origin;
  }

  finish(sourceLength: number): { text: string; origin: Uint32Array } {
    const chunks: string[] = [];
    // fromCharCode.apply has an argument-count limit; 8 K units per call stays far below it.
    for (let i = 0; i < this.length; i += 8192) {
      chunks.push(String.fromCharCode.apply(null, Array.from(this.units.subarray(i, Math.min(this.length, i + 8192)))));
    }
    const origin = this.origin.slice(0, this.length + 1);
    origin[this.length] = sourceLength;
    return { text: chunks.join(''), origin };
  }
}

/**
 * Normalise `source` for matching. Never throws; any string (including lone surrogates) is accepted.
 *
 * @example normalize('Café  AU\u200Blait').text === 'cafe aulait'
 */
export function normalize(source: string): NormalizedText {
  const n = source.length;
  const out = new Builder(n + 16);
  let lastSpace = false;
  let i = 0;
  while (i < n) {
    const unit = source.charCodeAt(i);
    if (unit < 0x80) {
      // ASCII fast path: the bulk of clinical text.
      if (unit <= SPACE || unit === 0x7f) {
        if (!lastSpace) out.push(SPACE, i);
        lastSpace = true;
      } else {
        out.push(unit >= 0x41 && unit <= 0x5a ? unit + 32 : unit === 0x60 ? 0x27 : unit, i);
        lastSpace = false;
      }
      i++;
      continue;
    }
    const cp = source.codePointAt(i) ?? unit;
    const width = cp > 0xffff ? 2 : 1;
    if (isInvisible(cp)) {
      i += width;
      continue;
    }
    if (isSpaceLike(cp)) {
      if (!lastSpace) out.push(SPACE, i);
      lastSpace = true;
      i += width;
      continue;
    }
    const folded = foldCodePoint(cp);
    for (let k = 0; k < folded.length; k++) {
      const u = folded.charCodeAt(k);
      if (u <= SPACE) {
        if (!lastSpace) out.push(SPACE, i);
        lastSpace = true;
      } else {
        out.push(u, i);
        lastSpace = false;
      }
    }
    i += width;
  }
  const { text, origin } = out.finish(n);
  return { source, text, origin };
}

/** Length in UTF-16 units of the code point starting at `index` of `source`. */
function codePointWidth(source: string, index: number): number {
  const unit = source.charCodeAt(index);
  if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < source.length) {
    const next = source.charCodeAt(index + 1);
    if (next >= 0xdc00 && next <= 0xdfff) return 2;
  }
  return 1;
}

const COMBINING = /\p{M}/u;

/**
 * Map a normalised range back to the original text. The end covers the whole last source code point
 * and any combining marks after it (`e\u0301` folds to `e` but highlights both).
 */
export function toOriginalSpan(norm: NormalizedText, start: number, end: number): Span {
  const len = norm.text.length;
  const s = Math.max(0, Math.min(start, len));
  const e = Math.max(s, Math.min(end, len));
  const originalStart = norm.origin[s] ?? norm.source.length;
  if (e === s) return { start: originalStart, end: originalStart };
  const last = norm.origin[e - 1] ?? originalStart;
  let originalEnd = last + codePointWidth(norm.source, last);
  const limit = norm.origin[e] ?? norm.source.length;
  while (originalEnd < limit && COMBINING.test(norm.source[originalEnd] ?? '')) originalEnd++;
  return { start: originalStart, end: Math.max(originalStart, originalEnd) };
}

/**
 * The first normalised index whose source is at or after `offset` in the original text: maps an
 * original span `[a, b)` to the normalised span `[toNormalizedOffset(a), toNormalizedOffset(b))`.
 */
export function toNormalizedOffset(norm: NormalizedText, offset: number): number {
  let lo = 0;
  let hi = norm.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((norm.origin[mid] ?? Number.MAX_SAFE_INTEGER) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
