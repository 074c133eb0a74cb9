/**
 * Procedure phrases matched in a sentence's words. Each phrase is read with the same reader as the
 * note (`readTokens`: word forms, abbreviations), so "lap chole", "laparoscopic cholecystectomy" and
 * "cholecystectomy, laparoscopic" meet on the same words. A phrase matches when all its words sit in
 * one clause, in any order, with at most two other words among them; a phrase inside a longer
 * matched phrase ("appendectomy" in "laparoscopic appendectomy") gives way to it.
 *
 * Notes say a procedure as an action as often as by its name: "a drug-eluting stent was placed" is
 * "drug-eluting stent placement", "the appendix was removed laparoscopically" is "laparoscopic removal of
 * the appendix". The file's `wordForms` read the verb or adverb as the phrase's word, and its `fillers`
 * (auxiliaries: "was", "were", "been") do not count among the other words.
 */
import type { Lexicon } from './lexicon';
import { Gap } from './mention-text';
import type { MatchToken } from './mentions';
import { defaultProcedures, type HoursBand, type ProcedureEntry, type ProcedureFile } from './procedures';

interface CompiledPhrase {
  words: string[];
  entry: ProcedureEntry;
  text: string;
}

export interface ProcedureMatcher {
  readonly file: ProcedureFile;
  /** Phrases by their first word. */
  readonly byWord: Map<string, CompiledPhrase[]>;
  readonly byId: Map<string, ProcedureEntry>;
  /** `wordForms`: the written form to the phrase word it reads as. */
  readonly forms: ReadonlyMap<string, string>;
  /** Words that do not count among a phrase's words: connectors and the file's `fillers`. */
  readonly free: ReadonlySet<string>;
}

export interface ProcedureHit {
  entry: ProcedureEntry;
  words: number[];
  path: string[];
  codes: string[];
  hcpcs: string[];
  confidence: number;
}

/**
 * Compile the procedure phrases with the lexicon's reader. `read` is `readTokens` (passed in to keep
 * the module graph acyclic).
 */
export function compileProcedures(
  lex: Lexicon,
  read: (lex: Lexicon, text: string, base: number, max: number) => MatchToken[],
  file: ProcedureFile = defaultProcedures,
): ProcedureMatcher {
  const byWord = new Map<string, CompiledPhrase[]>();
  const byId = new Map<string, ProcedureEntry>();
  const forms = new Map((file.wordForms ?? []).map((f) => [f.word, f.base]));
  const free = new Set([...CONNECTORS, ...(file.fillers ?? [])]);
  for (const entry of file.procedures) {
    byId.set(entry.id, entry);
    for (const text of [entry.literal, ...entry.synonyms]) {
      const words = read(lex, text, 0, 40)
        .map((t) => forms.get(t.w) ?? t.w)
        .filter((w, i, all) => !CONNECTORS.has(w) && all.indexOf(w) === i);
      const first = words[0];
      if (first === undefined) continue;
      const phrase: CompiledPhrase = { words, entry, text };
      for (const w of new Set(words)) {
        const list = byWord.get(w);
        if (list) list.push(phrase);
        else byWord.set(w, [phrase]);
      }
    }
  }
  return { file, byWord, byId, forms, free };
}

const CONNECTORS = new Set(['a', 'an', 'and', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'the', 'to', 'with', 'w']);

export function findProcedureMentions(matcher: ProcedureMatcher, written: readonly MatchToken[]): ProcedureHit[] {
  const tokens = written.map((t) => {
    const base = matcher.forms.get(t.w);
    return base === undefined ? t : { ...t, w: base };
  });
  const asVerb = (k: number) => tokens[k]?.w !== written[k]?.w;
  const free = matcher.free;
  const found: Array<{ phrase: CompiledPhrase; words: number[] }> = [];
  const seen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const list = matcher.byWord.get(t.w);
    if (!list) continue;
    for (const phrase of list) {
      // Anchor each phrase at its first word only once per position.
      if (phrase.words[0] !== t.w && phrase.words.length > 1 && !phrase.words.includes(t.w)) continue;
      const n = phrase.words.length;
      const words: number[] = [];
      let ok = true;
      for (const w of phrase.words) {
        let best = -1;
        for (let k = Math.max(0, i - n - 2); k < Math.min(tokens.length, i + n + 3); k++) {
          if (tokens[k]?.w !== w || words.includes(k) || !sameClause(tokens, i, k)) continue;
          if (best < 0 || Math.abs(k - i) < Math.abs(best - i)) best = k;
        }
        if (best < 0) {
          ok = false;
          break;
        }
        words.push(best);
      }
      if (!ok) continue;
      words.sort((a, b) => a - b);
      const lo = words[0] ?? 0;
      const hi = words[words.length - 1] ?? 0;
      if (distinctSpans(tokens, free, lo, hi) > distinctSpans(tokens, free, words) + 2) continue;
      // A phrase met through a verb ("the gallbladder was removed") names what the verb acts on: a word
      // right after one of its nouns, before the verb, is the real object ("gallbladder stones were
      // removed": the stones were, not the gallbladder). Adverbs after the auxiliary are no object.
      const verb = words.find(asVerb);
      if (verb !== undefined && words.some((p) => p < verb && p + 1 < verb && !words.includes(p + 1) && !free.has(tokens[p + 1]?.w ?? ''))) continue;
      const key = `${phrase.entry.id}@${words.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      found.push({ phrase, words });
    }
  }
  // Longest phrase first, then the tightest; one inside another's words gives way, and so does one that
  // takes a word of a tighter reading of the same procedure: in "right hip arthroplasty, left knee
  // arthroplasty" the knee is "knee arthroplasty", not "arthroplasty, left knee" across the comma.
  const width = (f: (typeof found)[number]) => (f.words[f.words.length - 1] ?? 0) - (f.words[0] ?? 0);
  found.sort((a, b) => b.words.length - a.words.length || width(a) - width(b));
  const kept: typeof found = [];
  for (const f of found) {
    if (kept.some((k) => f.words.every((p) => k.words.includes(p)))) continue;
    if (kept.some((k) => k.phrase.entry === f.phrase.entry && f.words.some((p) => k.words.includes(p)))) continue;
    kept.push(f);
  }
  return kept.map(({ phrase, words }) => {
    const hours = phrase.entry.byHours ? durationHours(tokens, words[words.length - 1] ?? 0) : undefined;
    const band = hours === undefined ? undefined : phrase.entry.byHours?.find((b) => inBand(b, hours));
    return {
      entry: phrase.entry,
      words,
      path: [phrase.entry.literal, phrase.text],
      codes: band ? [band.code] : [...phrase.entry.icd10pcs],
      hcpcs: [...phrase.entry.hcpcs],
      confidence:
        Math.round(
          (distinctSpans(tokens, free, words) / Math.max(1, distinctSpans(tokens, free, words[0] ?? 0, words[words.length - 1] ?? 0))) * 100,
        ) / 100,
    };
  });
}

const NUMBER_WORDS = new Map(
  ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'].map((w, i) => [w, i + 1]),
);
const HOURS_PER_UNIT = new Map([
  ['hour', 1],
  ['hours', 1],
  ['hr', 1],
  ['hrs', 1],
  ['h', 1],
  ['day', 24],
  ['days', 24],
  ['d', 24],
]);

/**
 * The duration the clause gives right after a procedure ("ventilated for 3 days", "x 36 hours"), in
 * hours; undefined when it gives none. Only a number and a unit within four words of the phrase's last
 * word count, so "ventilated; extubated on day 3" gives none.
 */
function durationHours(tokens: readonly MatchToken[], last: number): number | undefined {
  for (let k = last + 1; k < Math.min(tokens.length - 1, last + 5); k++) {
    if (!sameClause(tokens, last, k + 1)) return undefined;
    const w = tokens[k]?.w ?? '';
    const n = /^\d+(?:\.\d+)?$/.test(w) ? Number(w) : NUMBER_WORDS.get(w);
    const unit = HOURS_PER_UNIT.get(tokens[k + 1]?.w ?? '');
    if (n !== undefined && unit !== undefined) return n * unit;
  }
  return undefined;
}

function inBand(band: HoursBand, hours: number): boolean {
  if (band.below !== undefined) return hours < band.below;
  if (band.atMost !== undefined) return hours <= band.atMost;
  return true;
}

function sameClause(tokens: readonly MatchToken[], a: number, b: number): boolean {
  const lo = Math.min(a, b);
  const hi = Math.max(a, b);
  for (let k = lo + 1; k <= hi; k++) if ((tokens[k]?.gap ?? 0) >= Gap.Hard) return false;
  return true;
}

/** Written words (not expansion words, not free words) among positions, or in a range. */
function distinctSpans(tokens: readonly MatchToken[], free: ReadonlySet<string>, a: readonly number[] | number, b?: number): number {
  const starts = new Set<number>();
  if (typeof a === 'number') {
    for (let k = a; k <= (b ?? a); k++) {
      const t = tokens[k];
      if (t && !free.has(t.w)) starts.add(t.start);
    }
  } else for (const p of a) starts.add(tokens[p]?.start ?? -1);
  return starts.size;
}
