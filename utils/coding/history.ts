/**
 * Personal and family history codes from the Alphabetic Index's own "History, personal" and
 * "History, family" entries (Guidelines I.C.21.c.4: history codes Z80-Z87, Z91-Z92), so that
 * "history of DVT" → Z86.718 and "mother had breast cancer" → Z80.3 without a hand-made table.
 */
import { normalizeCode } from '../codes/code-format';
import type { IndexTerm } from '../codes/types';
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
]);

/** Words that mean the same body part or condition in notes and in the index. */
const SYNONYMS: Record<string, string[]> = {
  cancer: ['malignant', 'neoplasm'],
  carcinoma: ['malignant', 'neoplasm'],
  adenocarcinoma: ['malignant', 'neoplasm'],
  tumor: ['neoplasm'],
  colon: ['digestive', 'intestine', 'large'],
  colorectal: ['digestive', 'intestine', 'rectum'],
  rectal: ['rectum', 'digestive'],
  gastric: ['stomach', 'digestive'],
  lung: ['bronchus', 'lung', 'trachea'],
  prostate: ['prostate', 'genital'],
  ovarian: ['ovary', 'genital'],
  dvt: ['embolism', 'thrombosis'],
  thrombosis: ['embolism'],
  infarction: ['infarction'],
  cerebrovascular: ['stroke', 'cerebral'],
  cva: ['stroke'],
  kidney: ['renal', 'kidney'],
};

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
      for (const s of SYNONYMS[w] ?? []) query.add(s);
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
