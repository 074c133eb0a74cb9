/**
 * The prefilter: a word → documents index over a sorted vocabulary, so a query word is looked up
 * as a prefix range ("diab" → diabetes, diabetic) with two binary searches, and a code prefix
 * ("E11.6") as a range of the sorted code list. Flat typed arrays: compact, and IndexedDB stores
 * them by structured clone without JSON.
 */
import type { SearchDocs } from './documents';
import { coreText, editDistance, tokenize } from './text';

export interface InvertedIndex {
  /** Sorted, unique normalised terms. */
  vocab: string[];
  /** postings of vocab[i] are postings[offsets[i] .. offsets[i+1]) (doc ids ascending). */
  offsets: Uint32Array;
  postings: Uint32Array;
  /** Number of words in each document's shown text (capped at 255): shorter = tighter match. */
  docLength: Uint8Array;
  /** Title documents (one per code) sorted by system then code, for code-prefix search. */
  codeOrder: Uint32Array;
  /**
   * Forward index: the term ids of each document, its required words (nonessential modifiers
   * removed) first, then the modifiers and column words: docTerms[docStart[d] .. docStart[d+1]).
   * Ranking reads these instead of re-tokenising text on every query.
   */
  docTerms: Uint32Array;
  docStart: Uint32Array;
}

export function buildInvertedIndex(docs: SearchDocs): InvertedIndex {
  const lists = new Map<string, number[]>();
  const docLength = new Uint8Array(docs.text.length);
  const forward: string[][] = new Array(docs.text.length);
  for (let id = 0; id < docs.text.length; id++) {
    const required = tokenize(coreText(docs.text[id] as string)).map((t) => t.term);
    docLength[id] = Math.min(255, required.length);
    const rest = [...tokenize(docs.text[id] as string), ...tokenize(docs.extra[id] as string)].map((t) => t.term);
    const requiredSet = new Set(required);
    forward[id] = [...required, ...rest.filter((t) => !requiredSet.has(t))];
    const seen = new Set<string>();
    for (const term of forward[id] as string[]) {
      if (seen.has(term)) continue;
      seen.add(term);
      let list = lists.get(term);
      if (!list) {
        list = [];
        lists.set(term, list);
      }
      list.push(id);
    }
  }
  const vocab = [...lists.keys()].sort();
  const idOf = new Map(vocab.map((term, i) => [term, i]));
  const docStart = new Uint32Array(docs.text.length + 1);
  let forwardTotal = 0;
  for (let id = 0; id < forward.length; id++) {
    docStart[id] = forwardTotal;
    forwardTotal += (forward[id] as string[]).length;
  }
  docStart[forward.length] = forwardTotal;
  const docTerms = new Uint32Array(forwardTotal);
  for (let id = 0; id < forward.length; id++) docTerms.set((forward[id] as string[]).map((t) => idOf.get(t) as number), docStart[id] as number);
  const offsets = new Uint32Array(vocab.length + 1);
  let total = 0;
  vocab.forEach((term, i) => {
    offsets[i] = total;
    total += (lists.get(term) as number[]).length;
  });
  offsets[vocab.length] = total;
  const postings = new Uint32Array(total);
  for (let i = 0; i < vocab.length; i++) postings.set(lists.get(vocab[i] as string) as number[], offsets[i] as number);

  const titleDocs: number[] = [];
  for (let id = 0; id < docs.code.length; id++) if (docs.source[id] === 1) titleDocs.push(id);
  titleDocs.sort((a, b) => (docs.system[a] as number) - (docs.system[b] as number) || ((docs.code[a] as string) < (docs.code[b] as string) ? -1 : 1));
  return { vocab, offsets, postings, docLength, codeOrder: Uint32Array.from(titleDocs), docTerms, docStart };
}

/** First index i with vocab[i] >= key. */
function lowerBound(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as string) < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Vocabulary ids whose term starts with `prefix` (exact term only when `exact`). */
export function termRange(index: InvertedIndex, prefix: string, exact = false): [number, number] {
  const lo = lowerBound(index.vocab, prefix);
  if (exact) return index.vocab[lo] === prefix ? [lo, lo + 1] : [lo, lo];
  // '\uffff' sorts after every character a folded term contains.
  return [lo, lowerBound(index.vocab, `${prefix}\uffff`)];
}

export function termId(index: InvertedIndex, term: string): number {
  const [lo, hi] = termRange(index, term, true);
  return lo < hi ? lo : -1;
}

export function postingCount(index: InvertedIndex, termIds: Iterable<number>): number {
  let n = 0;
  for (const t of termIds) n += (index.offsets[t + 1] as number) - (index.offsets[t] as number);
  return n;
}

/** Mark every document of the given terms in `marks` with `stamp`. */
export function markDocs(index: InvertedIndex, termIds: Iterable<number>, marks: Int32Array, stamp: number): void {
  for (const t of termIds) {
    const end = index.offsets[t + 1] as number;
    for (let p = index.offsets[t] as number; p < end; p++) marks[index.postings[p] as number] = stamp;
  }
}

const letterBuckets = new WeakMap<InvertedIndex, { first: Map<string, number[]>; second: Map<string, number[]> }>();

/** Vocabulary ids by first and by second letter (built once per index, on the first correction). */
function bucketsOf(index: InvertedIndex) {
  let buckets = letterBuckets.get(index);
  if (!buckets) {
    buckets = { first: new Map(), second: new Map() };
    index.vocab.forEach((term, i) => {
      if (/\d/.test(term)) return;
      for (const [map, letter] of [
        [buckets?.first, term[0]],
        [buckets?.second, term[1]],
      ] as const) {
        if (!map || letter === undefined) continue;
        const list = map.get(letter) ?? [];
        list.push(i);
        map.set(letter, list);
      }
    });
    letterBuckets.set(index, buckets);
  }
  return buckets;
}

/** Vocabulary terms within a small edit distance: corrections for a misspelt word. */
export function correctionsFor(index: InvertedIndex, word: string, max: number, limit = 4): string[] {
  const found: Array<[term: string, distance: number, docs: number]> = [];
  const buckets = bucketsOf(index);
  // Misspellings rarely change the first letter and the second letter together.
  const ids = new Set([...(buckets.first.get(word[0] ?? '') ?? []), ...(buckets.second.get(word[1] ?? '') ?? [])]);
  for (const i of ids) {
    const term = index.vocab[i] as string;
    if (Math.abs(term.length - word.length) > max) continue;
    // Vocabulary terms are stemmed ("diabetes" → "diabete"): compare with the plural too.
    const d = Math.min(editDistance(word, term, max), editDistance(word, `${term}s`, max));
    if (d <= max) found.push([term, d, (index.offsets[i + 1] as number) - (index.offsets[i] as number)]);
  }
  // Only the closest; among equals, the word used more often in the classification first.
  const best = Math.min(...found.map((f) => f[1]));
  return found
    .filter((f) => f[1] === best)
    .sort((a, b) => b[2] - a[2])
    .slice(0, limit)
    .map(([term]) => term);
}

/** Range of `codeOrder` whose codes (of one system) start with the prefix. */
export function codePrefixRange(index: InvertedIndex, docs: SearchDocs, system: number, prefix: string): [number, number] {
  const key = (i: number) => {
    const id = index.codeOrder[i] as number;
    return [docs.system[id] as number, docs.code[id] as string] as const;
  };
  const before = (i: number, s: number, c: string) => {
    const [ks, kc] = key(i);
    return ks < s || (ks === s && kc < c);
  };
  let lo = 0;
  let hi = index.codeOrder.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid, system, prefix)) lo = mid + 1;
    else hi = mid;
  }
  const start = lo;
  hi = index.codeOrder.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid, system, `${prefix}\uffff`)) lo = mid + 1;
    else hi = mid;
  }
  return [start, lo];
}
