/**
 * Code search over every code set and the Alphabetic Index (DESIGN.md §4): the inverted index
 * narrows the documents to those containing every query word (as word prefixes, abbreviation
 * expansions or spelling corrections), a cheap score keeps the best few hundred, and Fuse.js
 * scores those against the query to order them. Pure: no browser APIs, same in worker and Node.
 */
import Fuse from 'fuse.js';
import type { CodeState } from '../codes/catalog';
import { displayCode, normalizeCode } from '../codes/code-format';
import type { Asset, AssetHeader, AssetKind, CodeSystem } from '../codes/types';
import { buildDocuments, type CodeInfo, SOURCES, type SearchDocs, SYSTEMS } from './documents';
import { buildInvertedIndex, codePrefixRange, correctionsFor, type InvertedIndex, markDocs, postingCount, termId, termRange } from './inverted-index';
import { SEARCH_DEFAULTS } from './options';
import { CONNECTOR_WORDS, contentTerms, coreText, foldText, stem, tokenize } from './text';
import type { MatchSource, SearchHit, SearchRequest, SearchResponse } from './types';

/** Abbreviation and synonym expansions (assets/rules/abbreviations.json). */
export interface AbbreviationLookup {
  expand(text: string): string[];
}

export type StateOf = (system: CodeSystem, code: string, dateOfService: string) => CodeState;

export interface SearchEngineOptions {
  abbreviations?: AbbreviationLookup;
  /** Date-aware state from the code model; without it, the newest list's billable flag is used. */
  stateOf?: StateOf;
}

/** Everything the engine needs, in a form IndexedDB stores by structured clone. */
export interface SerializedSearchIndex {
  format: 'chartcode-search';
  version: number;
  /** Checksums of the assets it was built from: a stored index is used only if they still match. */
  builtFrom: string[];
  docs: SearchDocs;
  index: InvertedIndex;
  /** 1 for a title document whose code is billable in the newest list (titles are the title documents' text). */
  billable: Uint8Array;
  chapterOfCategory: Array<[string, string]>;
  hccV28: Array<[string, string]>;
}

export const SEARCH_INDEX_VERSION = 2;

/** One query word (or abbreviation) and the vocabulary it may match. */
interface QueryGroup {
  label: string;
  /** Exact term ids (quality 1). */
  exact: number[];
  /** Prefix range [lo, hi) (quality PREFIX). */
  prefix: [number, number];
  /** Spelling corrections (quality CORRECTED). */
  corrected: number[];
  /** Abbreviation expansions: each a list of term-id sets that must all appear. */
  expansions: number[][][];
}

const QUALITY = { exact: 1, prefix: 0.8, corrected: 0.85, expansion: 1 } as const;

export class SearchEngine {
  private readonly marks: Int32Array;
  /** Per-document match counts for the relaxed (all but one word) pass; always left zeroed. */
  private readonly counts: Uint8Array;
  private stamp = 0;
  private readonly titles: Array<Map<string, [string, boolean]>>;
  private readonly chapterOfCategory: Map<string, string>;
  private readonly hccV28: Map<string, string>;
  private pathIndex?: Map<string, number>;
  /** "see" targets already followed (they repeat across queries: "see Neoplasm, by site, malignant"). */
  private readonly seeCache = new Map<string, number | undefined>();

  private constructor(
    private readonly docs: SearchDocs,
    private readonly index: InvertedIndex,
    info: CodeInfo,
    private readonly builtFrom: string[],
    private readonly options: SearchEngineOptions,
  ) {
    this.marks = new Int32Array(docs.code.length);
    this.counts = new Uint8Array(docs.code.length);
    this.titles = info.titles;
    this.chapterOfCategory = info.chapterOfCategory;
    this.hccV28 = info.hccV28;
  }

  static build(assets: readonly Asset[], options: SearchEngineOptions = {}): SearchEngine {
    const { docs, info } = buildDocuments(assets);
    return new SearchEngine(docs, buildInvertedIndex(docs), info, searchSourceChecksums(assets.map((a) => a.header)), options);
  }

  static deserialize(stored: SerializedSearchIndex, options: SearchEngineOptions = {}): SearchEngine {
    if (stored.format !== 'chartcode-search' || stored.version !== SEARCH_INDEX_VERSION) throw new Error('Stored search index is of another version.');
    const titles = SYSTEMS.map(() => new Map<string, [string, boolean]>());
    const titleSource = SOURCES.indexOf('title');
    for (let d = 0; d < stored.docs.code.length; d++) {
      if (stored.docs.source[d] !== titleSource) continue;
      titles[stored.docs.system[d] as number]?.set(stored.docs.code[d] as string, [stored.docs.text[d] as string, stored.billable[d] === 1]);
    }
    const info: CodeInfo = {
      titles,
      chapterOfCategory: new Map(stored.chapterOfCategory),
      hccV28: new Map(stored.hccV28),
    };
    return new SearchEngine(stored.docs, stored.index, info, stored.builtFrom, options);
  }

  serialize(): SerializedSearchIndex {
    return {
      format: 'chartcode-search',
      version: SEARCH_INDEX_VERSION,
      builtFrom: this.builtFrom,
      docs: this.docs,
      index: this.index,
      billable: Uint8Array.from(this.docs.code, (code, d) =>
        this.docs.source[d] === SOURCES.indexOf('title') && this.titles[this.docs.system[d] as number]?.get(code)?.[1] ? 1 : 0,
      ),
      chapterOfCategory: [...this.chapterOfCategory],
      hccV28: [...this.hccV28],
    };
  }

  /** Whether a stored index was built from exactly these assets. */
  static isCurrent(stored: Pick<SerializedSearchIndex, 'builtFrom' | 'version'>, headers: readonly AssetHeader[]): boolean {
    const now = searchSourceChecksums(headers);
    return stored.version === SEARCH_INDEX_VERSION && stored.builtFrom.length === now.length && stored.builtFrom.every((c, i) => c === now[i]);
  }

  get documentCount(): number {
    return this.docs.code.length;
  }

  search(request: SearchRequest): SearchResponse {
    const t0 = performance.now();
    const text = typeof request.text === 'string' ? request.text.slice(0, SEARCH_DEFAULTS.maxQueryLength).trim() : '';
    const limit = Math.min(Math.max(1, request.limit ?? SEARCH_DEFAULTS.limit), 200);
    const interpretation: SearchResponse['interpretation'] = { corrections: [], expansions: [] };
    const empty = (candidates = 0): SearchResponse => ({ query: text, hits: [], candidates, tookMs: performance.now() - t0, interpretation });
    if (!text) return empty();
    const allowed = new Set((request.systems?.length ? request.systems : SYSTEMS).map((s) => SYSTEMS.indexOf(s)));

    const hits: SearchHit[] = [];
    const seen = new Set<string>();
    const push = (hit: SearchHit | undefined) => {
      if (!hit) return;
      const key = `${hit.system}:${hit.code}`;
      if (seen.has(key) || hits.length >= limit) return;
      if (request.billableOnly && hit.state !== 'billable') return;
      if (request.chapter && hit.chapter !== request.chapter) return;
      seen.add(key);
      hits.push(hit);
    };

    // A code or code prefix ("E11.6", "e116", "0DTJ4ZZ", "J1885"): the code list in code order first.
    for (const docId of this.codeMatches(text, allowed)) push(this.hit(docId, request.dateOfService, 'code', []));

    const groups = this.readQuery(text, interpretation);
    if (groups.length === 0) return { ...empty(hits.length), hits };
    const { candidates, full } = this.candidates(groups, allowed);
    const ranked = this.rank(candidates, groups, text, full);
    for (const { docId, matchedTerms } of ranked) {
      if (hits.length >= limit) break;
      push(this.hit(docId, request.dateOfService, SOURCES[this.docs.source[docId] as number] as MatchSource, matchedTerms));
    }
    return { query: text, hits, candidates: candidates.length, tookMs: performance.now() - t0, interpretation };
  }

  // ---------------------------------------------------------------------------------------------
  // Query reading

  private codeMatches(text: string, allowed: Set<number>): number[] {
    const compact = normalizeCode(text);
    // One token, 2-8 characters, with a digit: it may be a code or a code prefix.
    if (/\s/.test(text.trim()) || compact.length < 2 || compact.length > 8 || !/\d/.test(compact) || !/^[0-9A-Z]+$/.test(compact)) return [];
    const out: number[] = [];
    for (const system of allowed) {
      const [lo, hi] = codePrefixRange(this.index, this.docs, system, compact);
      for (let i = lo; i < hi && out.length < SEARCH_DEFAULTS.limit * 4; i++) out.push(this.index.codeOrder[i] as number);
    }
    // The system the query's shape points to first (a dot or letter-digit-digit start means ICD-10-CM,
    // not a HCPCS E code), then shorter codes (the code itself, its children), then code order.
    const preferred = codeShapeSystem(text);
    const rank = (d: number) => (SYSTEMS[this.docs.system[d] as number] === preferred ? 0 : 1);
    return out.sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (this.docs.code[a] as string).length - (this.docs.code[b] as string).length ||
        ((this.docs.code[a] as string) < (this.docs.code[b] as string) ? -1 : 1),
    );
  }

  private readQuery(text: string, interpretation: SearchResponse['interpretation']): QueryGroup[] {
    const words = tokenize(text).slice(0, SEARCH_DEFAULTS.maxQueryWords);
    const raw = words.map((w) => foldText(text.slice(w.start, w.end)));
    const groups: QueryGroup[] = [];
    for (let i = 0; i < words.length; ) {
      // Longest abbreviation first: "a fib", "c diff", "s/p" span several words.
      let consumed = 0;
      for (let span = Math.min(3, words.length - i); span >= 1 && consumed === 0; span--) {
        const phrase = raw.slice(i, i + span);
        const expansions = this.options.abbreviations ? [...new Set([...this.options.abbreviations.expand(phrase.join(' ')), ...(span > 1 ? this.options.abbreviations.expand(phrase.join('')) : [])])] : [];
        if (expansions.length === 0) continue;
        const group = this.termGroup(stem(phrase.join('')), phrase.join(' '), false);
        // An abbreviation matches its expansions or itself as a whole word, never as a prefix ("uri" ≠ "urinary").
        group.prefix = [0, 0];
        group.expansions = expansions.map((e) => contentTerms(e).map((term) => this.termAlternatives(term)));
        for (const e of expansions) interpretation.expansions.push([phrase.join(' '), e]);
        groups.push(group);
        consumed = span;
      }
      if (consumed > 0) {
        i += consumed;
        continue;
      }
      const word = words[i] as (typeof words)[number];
      i++;
      if (CONNECTOR_WORDS.has(word.term)) continue;
      const group = this.termGroup(word.term, raw[i - 1] as string, true);
      if (group.corrected.length > 0) for (const c of group.corrected) interpretation.corrections.push([group.label, this.index.vocab[c] as string]);
      groups.push(group);
    }
    return groups;
  }

  /** Exact, prefix and (when nothing else matches) corrected vocabulary for one query word. */
  private termGroup(term: string, label: string, allowCorrection: boolean): QueryGroup {
    const exactId = termId(this.index, term);
    // One- and two-letter words only match exactly ("b" in "hepatitis b", "ii" in "type ii").
    const prefix: [number, number] = term.length >= SEARCH_DEFAULTS.minPrefixLength ? termRange(this.index, term) : [0, 0];
    const group: QueryGroup = { label, exact: exactId >= 0 ? [exactId] : [], prefix, corrected: [], expansions: [] };
    const hasMatch = group.exact.length > 0 || prefix[1] > prefix[0];
    if (!hasMatch && allowCorrection && term.length >= SEARCH_DEFAULTS.minCorrectionLength && !/\d/.test(term)) {
      // Two edits only for long words: "hypertention", but not "script" → "strip".
      const max = term.length >= 8 ? 2 : 1;
      group.corrected = correctionsFor(this.index, term, max).map((t) => termId(this.index, t));
    }
    return group;
  }

  /** Term ids a word of an expansion may match: exact, else as a prefix. */
  private termAlternatives(term: string): number[] {
    const id = termId(this.index, term);
    if (id >= 0) return [id];
    const [lo, hi] = termRange(this.index, term);
    return hi - lo <= 50 ? Array.from({ length: hi - lo }, (_, k) => lo + k) : [];
  }

  // ---------------------------------------------------------------------------------------------
  // Candidates

  private nextStamp(): number {
    this.stamp++;
    if (this.stamp > 2_000_000_000) {
      this.marks.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }

  private groupTermIds(group: QueryGroup): number[] {
    const ids = [...group.exact, ...group.corrected];
    for (let t = group.prefix[0]; t < group.prefix[1]; t++) ids.push(t);
    return ids;
  }

  /** Documents of one group, unique, unsorted. */
  private groupDocs(group: QueryGroup, allowed: Set<number>): number[] {
    const stamp = this.nextStamp();
    const out: number[] = [];
    const collect = (termIds: number[]) => {
      for (const t of termIds) {
        const end = this.index.offsets[t + 1] as number;
        for (let p = this.index.offsets[t] as number; p < end; p++) {
          const d = this.index.postings[p] as number;
          if (this.marks[d] !== stamp && allowed.has(this.docs.system[d] as number)) {
            this.marks[d] = stamp;
            out.push(d);
          }
        }
      }
    };
    collect(this.groupTermIds(group));
    for (const expansion of group.expansions) {
      if (expansion.length === 0 || expansion.some((alts) => alts.length === 0)) continue;
      // Documents holding every word of the expansion.
      const sorted = [...expansion].sort((a, b) => postingCount(this.index, a) - postingCount(this.index, b));
      let docs = this.termsDocs(sorted[0] as number[]);
      for (const alts of sorted.slice(1)) {
        const s = this.nextStamp();
        markDocs(this.index, alts, this.marks, s);
        docs = docs.filter((d) => this.marks[d] === s);
      }
      const again = this.nextStamp();
      for (const d of out) this.marks[d] = again;
      for (const d of docs) {
        if (this.marks[d] !== again && allowed.has(this.docs.system[d] as number)) {
          this.marks[d] = again;
          out.push(d);
        }
      }
    }
    return out;
  }

  private termsDocs(termIds: number[]): number[] {
    const stamp = this.nextStamp();
    const out: number[] = [];
    for (const t of termIds) {
      const end = this.index.offsets[t + 1] as number;
      for (let p = this.index.offsets[t] as number; p < end; p++) {
        const d = this.index.postings[p] as number;
        if (this.marks[d] !== stamp) {
          this.marks[d] = stamp;
          out.push(d);
        }
      }
    }
    return out;
  }

  /** Documents with every group; if none, those missing one group (coverage is then penalised). */
  private candidates(groups: QueryGroup[], allowed: Set<number>): { candidates: number[]; matchedAll: boolean; full: Set<number> } {
    const sets = groups.map((g) => this.groupDocs(g, allowed)).sort((a, b) => a.length - b.length);
    let result = sets[0] ?? [];
    for (const set of sets.slice(1)) {
      if (result.length === 0) break;
      const stamp = this.nextStamp();
      for (const d of set) this.marks[d] = stamp;
      result = result.filter((d) => this.marks[d] === stamp);
    }
    if (result.length >= SEARCH_DEFAULTS.topUpBelow || groups.length < 2) return { candidates: result, matchedAll: true, full: new Set(result) };
    // Few or no documents hold every word: add those missing one word ("hip fracture right" also
    // finds "Fracture, hip → see ..."); their lower coverage ranks them after the full matches.
    const counts = this.counts;
    const touched: number[] = [];
    for (const set of sets) {
      for (const d of set) {
        if (counts[d] === 0) touched.push(d);
        counts[d] = (counts[d] as number) + 1;
      }
    }
    const need = groups.length - 1;
    const near = touched.filter((d) => (counts[d] as number) >= need);
    for (const d of touched) counts[d] = 0;
    return { candidates: near, matchedAll: result.length > 0, full: new Set(result) };
  }

  // ---------------------------------------------------------------------------------------------
  // Ranking

  private rank(candidates: number[], groups: QueryGroup[], queryText: string, full?: ReadonlySet<number>): Array<{ docId: number; matchedTerms: Set<string> }> {
    // 1. Cheap score over every candidate: documents with every word first, then source and brevity.
    const cheap = (d: number) => (full?.has(d) ? 10 : 0) + (SOURCE_WEIGHT[this.docs.source[d] as number] as number) / (1 + 0.06 * (this.index.docLength[d] as number));
    const top = candidates.length > SEARCH_DEFAULTS.rerankCandidates ? [...candidates].sort((a, b) => cheap(b) - cheap(a)).slice(0, SEARCH_DEFAULTS.rerankCandidates) : candidates;
    // 2. Detailed score: how well and in what order each query word matched.
    const scored = top.map((docId) => ({ docId, ...this.detail(docId, groups) })).sort((a, b) => b.score - a.score);
    // 3. Fuse.js orders the best of them by closeness of the whole text to the query.
    const head = scored.slice(0, SEARCH_DEFAULTS.fuseCandidates);
    const fuse = new Fuse(
      head.map((s) => coreText(this.docs.text[s.docId] as string)),
      SEARCH_DEFAULTS.fuse,
    );
    const fuseScore = new Map<number, number>();
    for (const r of fuse.search(queryText)) fuseScore.set(r.refIndex, r.score ?? 1);
    const final = head.map((s, i) => ({ ...s, score: s.score * (1 - SEARCH_DEFAULTS.fuseWeight * (fuseScore.get(i) ?? 1)) }));
    final.sort((a, b) => b.score - a.score || (this.docs.code[a.docId] as string).localeCompare(this.docs.code[b.docId] as string));
    return [...final, ...scored.slice(SEARCH_DEFAULTS.fuseCandidates)];
  }

  private detail(docId: number, groups: QueryGroup[]): { score: number; matchedTerms: Set<string> } {
    const start = this.index.docStart[docId] as number;
    const end = this.index.docStart[docId + 1] as number;
    // Required words first in the forward index; modifiers and column words after them.
    const required = this.index.docLength[docId] as number;
    const matchedTerms = new Set<string>();
    const matchedAt = new Set<number>();
    let quality = 0;
    let positions: number[] = [];
    for (const group of groups) {
      let best = 0;
      let at = -1;
      for (let k = 0; k < end - start; k++) {
        const id = this.index.docTerms[start + k] as number;
        let q = 0;
        if (group.exact.includes(id)) q = QUALITY.exact;
        else if (group.corrected.includes(id)) q = QUALITY.corrected;
        else if (id >= group.prefix[0] && id < group.prefix[1]) q = QUALITY.prefix;
        else if (group.expansions.some((e) => e.some((alts) => alts.includes(id)))) q = QUALITY.expansion;
        if (q === 0) continue;
        q *= k < required ? 1 : SEARCH_DEFAULTS.extraMatchFactor;
        matchedTerms.add(this.index.vocab[id] as string);
        matchedAt.add(k);
        if (q > best) {
          best = q;
          at = k;
        }
      }
      quality += best;
      if (at >= 0) positions.push(at);
    }
    const coverage = quality / groups.length;
    positions = positions.filter((p) => p < required);
    const inOrder = positions.every((p, k) => k === 0 || p >= (positions[k - 1] as number)) ? SEARCH_DEFAULTS.orderBonus : 0;
    // The main term's variant forms ("Failure, failed") are one unit: one of them matching covers all.
    const mainWords = Math.min(this.docs.mainWords[docId] as number, required);
    const mainMatched = [...matchedAt].some((k) => k < mainWords);
    let unmatched = 0;
    for (let k = 0; k < required; k++) if (!matchedAt.has(k) && !(k < mainWords && mainMatched)) unmatched++;
    const source = this.docs.source[docId] as number;
    // Coders enter the index at the main term: a first query word that is the main term counts.
    const mainTermFirst = SOURCES[source] === 'index' && positions[0] !== undefined && positions[0] < Math.max(1, mainWords) ? SEARCH_DEFAULTS.mainTermBonus : 0;
    const billable = this.titles[this.docs.system[docId] as number]?.get(this.docs.code[docId] as string)?.[1] ? SEARCH_DEFAULTS.billableBonus : 0;
    const complete = unmatched === 0 && coverage >= 0.99 ? SEARCH_DEFAULTS.completeBonus : 0;
    const score = ((coverage + inOrder + mainTermFirst + billable + complete) * (SOURCE_WEIGHT[source] as number)) / (1 + SEARCH_DEFAULTS.unmatchedPenalty * unmatched);
    return { score, matchedTerms };
  }

  // ---------------------------------------------------------------------------------------------
  // Hits

  private hit(docId: number, dateOfService: string, source: MatchSource, matchedTerms: Iterable<string>): SearchHit | undefined {
    const systemIndex = this.docs.system[docId] as number;
    const system = SYSTEMS[systemIndex] as CodeSystem;
    let code = this.docs.code[docId] as string;
    const text = this.docs.text[docId] as string;
    const see = this.docs.see[docId] as string;
    let matched = text;
    if (!code && see) {
      // A cross-reference: follow "see" to the index entry it names.
      const target = this.followSee(see);
      if (target === undefined) return undefined;
      code = this.docs.code[target] as string;
      matched = `${text} → see ${see}`;
    }
    if (!code) return undefined;
    const [title, billable] = this.titles[systemIndex]?.get(code) ?? ['', false];
    const state: CodeState = this.options.stateOf ? this.options.stateOf(system, code, dateOfService) : title ? (billable ? 'billable' : 'header') : 'unknown';
    const chapter = system === 'icd10cm' ? this.chapterOfCategory.get(code.slice(0, 3)) : undefined;
    const hcc = system === 'icd10cm' ? this.hccV28.get(code) : undefined;
    const column = this.docs.column[docId] as string;
    return {
      system,
      code,
      display: displayCode(system, code),
      title: title || text,
      matched,
      source,
      highlights: highlightRanges(matched, new Set(matchedTerms)),
      ...(column ? { column } : {}),
      ...(see ? { see } : {}),
      state,
      ...(chapter ? { chapter } : {}),
      ...(hcc ? { hcc } : {}),
    };
  }

  /**
   * The index entry a "see" reference names: the exact path when it exists ("Pain, abdominal"),
   * else the best index entry holding every word of the target ("Fracture, femur, neck" →
   * "Fracture, traumatic, femur, femoral, upper end, neck"). "see condition" names none.
   */
  private followSee(target: string): number | undefined {
    if (this.seeCache.has(target)) return this.seeCache.get(target);
    const found = this.resolveSee(target);
    this.seeCache.set(target, found);
    return found;
  }

  private resolveSee(target: string): number | undefined {
    if (!this.pathIndex) {
      this.pathIndex = new Map();
      for (let d = 0; d < this.docs.code.length; d++) {
        const source = SOURCES[this.docs.source[d] as number];
        if ((source === 'index' || source === 'eindex') && this.docs.code[d]) {
          const key = pathKey(this.docs.text[d] as string);
          if (!this.pathIndex.has(key)) this.pathIndex.set(key, d);
        }
      }
    }
    const exact = this.pathIndex.get(pathKey(target));
    if (exact !== undefined) return exact;
    const groups = this.readQuery(target, { corrections: [], expansions: [] });
    if (groups.length < 2) return undefined;
    const { candidates, matchedAll, full } = this.candidates(groups, new Set([SYSTEMS.indexOf('icd10cm')]));
    if (!matchedAll) return undefined;
    const indexDocs = candidates.filter((d) => SOURCES[this.docs.source[d] as number] === 'index' && this.docs.code[d]);
    return this.rank(indexDocs, groups, target, full)[0]?.docId;
  }
}

const SOURCE_WEIGHT: readonly number[] = SOURCES.map((s) => SEARCH_DEFAULTS.sourceWeight[s]);

/** An index path without nonessential modifiers, folded: "Pneumonia (acute), aspiration" → "pneumonia, aspiration". */
function pathKey(text: string): string {
  return foldText(text.replace(/\([^)]*\)/g, ' '))
    .replace(/\s+/g, ' ')
    .replace(/\s*,\s*/g, ', ')
    .trim();
}

/** Character ranges of the words of `text` whose normalised term was matched. */
function highlightRanges(text: string, matched: ReadonlySet<string>): Array<[number, number]> {
  if (matched.size === 0) return [];
  return tokenize(text)
    .filter((t) => matched.has(t.term))
    .map((t) => [t.start, t.end] as [number, number]);
}

/** Which system a code-shaped query most likely means. */
function codeShapeSystem(text: string): CodeSystem {
  const compact = normalizeCode(text);
  if (/^\d{4}[0-9FTU]$/.test(compact)) return 'cpt';
  if (/^[A-V]\d{4}$/.test(compact) && !text.includes('.')) return 'hcpcs';
  if (/^[0-9]/.test(compact) || /^[B-DFGHX][0-9A-Z]{6}$/.test(compact)) return 'icd10pcs';
  return 'icd10cm';
}

/** The asset kinds search is built from. */
export const SEARCH_SOURCE_KINDS: ReadonlySet<AssetKind> = new Set<AssetKind>(['codes', 'tabular', 'index', 'eindex', 'neoplasm', 'drug', 'hcc']);

/** Checksums of the assets search is built from, in a stable order. */
export function searchSourceChecksums(headers: readonly AssetHeader[]): string[] {
  return headers
    .filter((h) => SEARCH_SOURCE_KINDS.has(h.kind))
    .map((h) => `${h.id}:${h.checksum}`)
    .sort();
}
