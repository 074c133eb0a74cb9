/**
 * Personal and family history codes from the Alphabetic Index's own "History, personal" and
 * "History, family" entries (Guidelines I.C.21.c.4: history codes Z80-Z87, Z91-Z92), so that
 * "history of DVT" → Z86.718 and "mother had breast cancer" → Z80.3 without a hand-made table.
 */
import * as v from 'valibot';
import historyWordsJson from '../../assets/rules/history-words.json';
import { normalizeCode } from '../codes/code-format';
import type { IndexTerm, TabularNode } from '../codes/types';
import { contentTerms } from '../search/text';

interface HistoryEntry {
  /** Content words of the path below "History, personal|family". */
  words: Set<string>;
  /**
   * Words after "without" ("stroke without residual deficits"): the default the entry describes, so not
   * required; a condition named with them (residual deficits) is not this entry.
   */
  without: Set<string>;
  path: string[];
  code: string;
}

/** Words that name a kind of thing, not the thing: they never decide a match alone. */
const GENERIC = new Set([
  'disease',
  'disorder',
  'condition',
  'nec',
  'no',
  'nos',
  'specified',
  'other',
  'system',
  'organ',
  'abuse',
  'therapy',
  // When, not what: "anemia in childhood" is no "History, personal, abuse, childhood" (Z62.819).
  'childhood',
]);

/** The history-word table (`assets/rules/history-words.json`): note words and the Index's words for them. */
export interface HistoryWordFile {
  version: 1;
  description: string;
  source: string;
  synonyms: Array<{ word: string; reads: string[]; note?: string }>;
}

const lowerWord = v.pipe(v.string(), v.minLength(1), v.maxLength(40), v.regex(/^[a-z0-9]+$/, 'one lower-case word'));

export const historyWordFileSchema = v.strictObject({
  version: v.literal(1),
  description: v.pipe(v.string(), v.minLength(1)),
  source: v.pipe(v.string(), v.minLength(1)),
  synonyms: v.array(v.strictObject({ word: lowerWord, reads: v.pipe(v.array(lowerWord), v.minLength(1)), note: v.optional(v.string()) })),
});

/** Validate a history-word table; throws with the entry and the reason (a word listed twice included). */
export function parseHistoryWords(json: unknown): Map<string, string[]> {
  const result = v.safeParse(historyWordFileSchema, json);
  if (!result.success) {
    const issue = result.issues[0];
    const where = (issue.path ?? []).map((p) => String(p.key)).join('.') || 'file';
    throw new Error(`Invalid history-word file: ${where}: ${issue.message}`);
  }
  const words = new Map<string, string[]>();
  for (const { word, reads } of result.output.synonyms) {
    if (words.has(word)) throw new Error(`Invalid history-word file: "${word}" is listed twice`);
    words.set(word, reads);
  }
  return words;
}

/** Words that mean the same body part or condition in notes and in the index. */
const SYNONYMS = parseHistoryWords(historyWordsJson);

/** Content words; the plural mark of "infection(s)" or "Seizure(s)" is no word of its own. */
function termsOf(text: string): string[] {
  return contentTerms(text.replace(/\(s\)/gi, '')).filter((w) => w.length > 1);
}

/** Titles split at "without": the words before it, and those it negates. */
function splitWithout(titles: readonly string[]): [string[], string[]] {
  const kept: string[] = [];
  const absent: string[] = [];
  for (const t of titles) {
    const at = t.search(/\bwithout\b/i);
    kept.push(at < 0 ? t : t.slice(0, at));
    if (at >= 0) absent.push(t.slice(at + 'without'.length));
  }
  return [kept, absent];
}

export class HistoryIndex {
  private readonly entries: Record<'personal' | 'family', HistoryEntry[]> = { personal: [], family: [] };

  constructor(indexTerms: readonly IndexTerm[]) {
    const history = indexTerms.find((t) => t.title === 'History');
    for (const sub of history?.children ?? []) {
      const kind = sub.title.startsWith('personal') ? 'personal' : sub.title.startsWith('family') ? 'family' : undefined;
      if (!kind) continue;
      const walk = (term: IndexTerm, path: string[]) => {
        const here = [...path, term.title];
        const code = (term.codes ?? []).find((c) => c.status === 'valid') ?? (term.codes ?? []).find((c) => c.status === 'mapped');
        const target = code ? normalizeCode(code.status === 'mapped' ? (code.mappedTo?.[0] ?? '') : code.code) : '';
        if (target) {
          const [kept, absent] = splitWithout(here);
          this.entries[kind].push({
            words: new Set(kept.flatMap((t) => termsOf(t))),
            without: new Set(absent.flatMap((t) => termsOf(t))),
            path: here,
            code: target,
          });
        }
        for (const child of term.children ?? []) walk(child, here);
      };
      for (const child of sub.children ?? []) walk(child, []);
    }
  }

  /**
   * The history code for a condition named by `words` (the mention's text and index path), or
   * undefined when the index has no history entry that fits.
   */
  codeFor(kind: 'personal' | 'family', words: readonly string[], isMalignant: boolean): { code: string; path: string[] } | undefined {
    const query = new Set<string>();
    for (const w of words.flatMap((x) => termsOf(x))) {
      query.add(w);
      for (const s of SYNONYMS.get(w) ?? []) query.add(s);
    }
    if (isMalignant) {
      query.add('malignant');
      query.add('neoplasm');
    }
    let best: { entry: HistoryEntry; score: number } | undefined;
    for (const entry of this.entries[kind]) {
      if ([...entry.without].some((w) => query.has(w))) continue;
      // A condition that is not a cancer never takes a cancer-history code through a shared site word.
      if (!isMalignant && (entry.words.has('malignant') || entry.words.has('neoplasm') || entry.words.has('cancer'))) continue;
      let specific = 0;
      let all = 0;
      for (const w of entry.words) {
        if (!query.has(w)) continue;
        all++;
        if (!GENERIC.has(w)) specific++;
      }
      if (specific === 0) continue;
      // Every specific word of the entry must be named: "trauma" is no "traumatic brain injury".
      let needed = 0;
      for (const w of entry.words) if (!GENERIC.has(w)) needed++;
      if (specific < needed) continue;
      // Prefer entries whose every word is matched, then more matched words, then shorter paths.
      const coverage = all / entry.words.size;
      const score = coverage * 2 + all * 0.5 - entry.path.length * 0.01;
      if (!best || score > best.score) best = { entry, score };
    }
    if (!best || best.score < 1) return undefined;
    return { code: best.entry.code, path: best.entry.path };
  }
}

/** One "Conditions classifiable to C15-C26" range of a family-history code, bounds dotless. */
interface ClassRange {
  from: string;
  to: string;
}

/** "C15-C26", "C50.-", "C40-C41; C45-C49", "elsewhere in F01-F99" → dotless bounds; a lone code is its own range. */
export function parseClassifiableRanges(note: string): ClassRange[] {
  const at = note.search(/classifiable (?:to|elsewhere in)\b/i);
  if (at < 0) return [];
  const ranges: ClassRange[] = [];
  for (const m of note.slice(at).matchAll(/\b([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:\s*-\s*([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?))?/g)) {
    const from = normalizeCode(m[1] ?? '');
    ranges.push({ from, to: m[2] ? normalizeCode(m[2]) : from });
  }
  return ranges;
}

/** `code` lies in the range: compared at each bound's own length ("I52" covers I52.9). */
function inRange(code: string, r: ClassRange): boolean {
  return code.slice(0, r.from.length) >= r.from && code.slice(0, r.to.length) <= r.to;
}

/** How much of the classification a range spans, to prefer the narrowest one (F10.- over "elsewhere in F01-F99"). */
function span(r: ClassRange): number {
  const value = (c: string) => (c.charCodeAt(0) - 65) * 100 + Number.parseInt(c.slice(1, 3), 36);
  return value(r.to) - value(r.from);
}

/**
 * Family history by the class of the relative's condition, from the Tabular's own inclusion terms of
 * Z80-Z84 ("Z82.4 Family history of ischemic heart disease …: Conditions classifiable to I00-I52,
 * I65-I99"): "father died of MI" (I21.-) is Z82.49 though the Index has no "History, family, infarction".
 * The fallback when no "History, family" Index entry names the condition.
 */
const FAMILY_HISTORY = /^Z8[0-4]/;

export class FamilyHistoryClasses {
  private readonly classes: Array<{ code: string; node: string; ranges: ClassRange[] }> = [];

  constructor(tabular: readonly TabularNode[]) {
    // Only Z80-Z84 are read: the rest of the Tabular (45,000 nodes) is not walked at start-up.
    const family = tabular.filter((node) => node.kind === 'diag' && FAMILY_HISTORY.test(node.id));
    const childrenOf = new Map<string, TabularNode[]>();
    for (const node of family) {
      if (!node.parent) continue;
      const siblings = childrenOf.get(node.parent);
      if (siblings) siblings.push(node);
      else childrenOf.set(node.parent, [node]);
    }
    for (const node of family) {
      const ranges = node.notes.filter((n) => n.type === 'inclusionTerm').flatMap((n) => parseClassifiableRanges(n.text));
      if (ranges.length === 0) continue;
      // A subdivided code is reported by the child that repeats its title (Z82.4 → Z82.49) or names the
      // "other" members of the class (Z83.7 → Z83.79 Family history of other diseases of the digestive system).
      const children = childrenOf.get(node.id) ?? [];
      const child =
        children.find((c) => c.title === node.title) ?? [...children].reverse().find((c) => /\bother\b/i.test(c.title));
      if (children.length > 0 && !child) continue;
      this.classes.push({ code: normalizeCode(child?.id ?? node.id), node: node.id, ranges });
    }
  }

  /** The family-history code whose narrowest class holds one of the condition's codes. */
  codeFor(conditionCodes: readonly string[]): { code: string; node: string } | undefined {
    let best: { code: string; node: string; width: number } | undefined;
    for (const condition of conditionCodes.map(normalizeCode)) {
      for (const cls of this.classes) {
        for (const r of cls.ranges) {
          if (!inRange(condition, r)) continue;
          const width = span(r);
          if (!best || width < best.width) best = { code: cls.code, node: cls.node, width };
        }
      }
    }
    return best && { code: best.code, node: best.node };
  }
}
