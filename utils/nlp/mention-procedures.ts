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
import {
  defaultProcedures,
  type HoursBand,
  type ProcedureEntry,
  type ProcedureFile,
  type ProcedureOpen,
  type Side,
  type WordGroup,
} from './procedures';

interface CompiledPhrase {
  words: string[];
  entry: ProcedureEntry;
  text: string;
}

/** A `byWords` group with each choice's words read like the phrases. */
interface CompiledGroup {
  group: WordGroup;
  choices: Array<{ codes: readonly string[]; phrases: string[][]; assumed?: boolean }>;
  /** `counts`: each thing counted, with its names read like the phrases. */
  counted?: string[][][];
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
  /** `sideWords`: a word to the side it says. */
  readonly sides: ReadonlyMap<string, Side>;
  /** `breaks`: words that may not sit among a phrase's words. */
  readonly breaks: ReadonlySet<string>;
  /** `byWords` of each entry that has them. */
  readonly groups: ReadonlyMap<ProcedureEntry, CompiledGroup[]>;
}

export interface ProcedureHit {
  entry: ProcedureEntry;
  words: number[];
  path: string[];
  codes: string[];
  hcpcs: string[];
  confidence: number;
  /** The side written with a procedure whose body part has sides. */
  side?: Side;
  /** What the sentence leaves open among the codes (side, duration, a character `byWords` decides): one of them is coded, the coder chooses. */
  undecided?: ProcedureOpen;
  /**
   * When a value was assumed, not read (no cement written: No Qualifier): the codes the written words
   * allow, so another sentence about the same procedure that writes it can decide (utils/coding/procedure-readings.ts).
   */
  written?: string[];
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
  const sides = new Map<string, Side>();
  for (const [side, words] of Object.entries(file.sideWords ?? {}) as Array<[Side, string[]]>) for (const w of words) sides.set(w, side);
  const readWords = (text: string) =>
    read(lex, text, 0, 40)
      .map((t) => forms.get(t.w) ?? t.w)
      .filter((w) => !CONNECTORS.has(w));
  const groups = new Map<ProcedureEntry, CompiledGroup[]>();
  for (const entry of file.procedures) {
    byId.set(entry.id, entry);
    if (entry.byWords)
      groups.set(
        entry,
        entry.byWords.map((group) => ({
          group,
          choices: group.choices.map((c) => ({
            codes: c.codes,
            phrases: c.words.map(readWords).filter((p) => p.length > 0),
            ...(c.assumed ? { assumed: true } : {}),
          })),
          ...(group.counts ? { counted: group.counts.map((names) => names.map(readWords).filter((p) => p.length > 0)) } : {}),
        })),
      );
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
  return { file, byWord, byId, forms, free, sides, groups, breaks: new Set(file.breaks ?? []) };
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
      if (tokens.slice(lo, hi + 1).some((t, k) => !words.includes(lo + k) && matcher.breaks.has(t.w))) continue;
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
  // Longest phrase first, the tighter first among equals; one inside another's words gives way, and so
  // does the same procedure read again through a word of a tighter reading ("right knee arthroscopy and
  // total knee arthroplasty" is not also "knee … arthroplasty" from the first knee).
  const spread = (w: readonly number[]) => (w[w.length - 1] ?? 0) - (w[0] ?? 0);
  found.sort((a, b) => b.words.length - a.words.length || spread(a.words) - spread(b.words));
  const kept: typeof found = [];
  for (const f of found) {
    if (kept.some((k) => f.words.every((p) => k.words.includes(p)))) continue;
    if (kept.some((k) => k.phrase.entry === f.phrase.entry && f.words.some((p) => k.words.includes(p)))) continue;
    kept.push(f);
  }
  const decided = kept.map(({ phrase, words }) => {
    const others = new Set(kept.flatMap((k) => (k.words === words ? [] : k.words)));
    return decide(matcher, phrase.entry, tokens, words, others);
  });
  // The same procedure read twice in a sentence ("PCI of the LAD … with placement of two drug-eluting
  // stents"): the reading whose words decide the code is the procedure; the other, which leaves it open
  // or only assumes a value (one stent), is the same one named before its details.
  const open = (i: number) => decided[i]?.undecided !== undefined || decided[i]?.assumed === true;
  const settled = (entry: ProcedureEntry) => kept.some((k, i) => k.phrase.entry === entry && !open(i));
  return kept.flatMap(({ phrase, words }, i) => {
    const { entry } = phrase;
    const { codes, side, undecided, written: allowed } = decided[i] ?? { codes: [] };
    if (open(i) && settled(entry)) return [];
    return {
      entry,
      words,
      path: [entry.literal, phrase.text],
      codes,
      hcpcs: [...entry.hcpcs],
      confidence:
        Math.round(
          (distinctSpans(tokens, free, words) / Math.max(1, distinctSpans(tokens, free, words[0] ?? 0, words[words.length - 1] ?? 0))) * 100,
        ) / 100,
      ...(side ? { side } : {}),
      ...(undecided ? { undecided } : {}),
      ...(allowed && allowed.length > codes.length ? { written: allowed } : {}),
    };
  });
}

/**
 * The codes the sentence gives a procedure. The duration, the side and each `byWords` group narrow the
 * entry's codes together (the codes every one of them keeps). One code per value written is coded (two
 * for a side written as both where PCS has no bilateral value, B4.3; one per body part of an `each`
 * group, B3.2a); more codes than that are alternatives, and `undecided` names the first aspect that still
 * splits them. An entry with none of these keeps all its codes (a generator and its leads are all coded).
 */
function decide(
  matcher: ProcedureMatcher,
  entry: ProcedureEntry,
  tokens: readonly MatchToken[],
  words: readonly number[],
  others: ReadonlySet<number>,
): { codes: string[]; side?: Side; undecided?: ProcedureOpen; assumed?: boolean; written?: string[] } {
  let codes = [...entry.icd10pcs];
  /** The codes the written words keep, before any assumed value. */
  let fromWords = codes;
  /** Each aspect with its values' codes, to name the one left open. */
  /** `decided`: a value of a group whose choices share codes is written (its values overlap, so they always split). */
  const aspects: Array<{ open: ProcedureOpen; values: ReadonlyArray<readonly string[]>; decided?: boolean }> = [];
  let expected = 1;
  /** A value was taken as the usual one, not read: another reading of the sentence that writes it wins. */
  let assumed = false;
  const keep = (allowed: readonly string[], read = true) => {
    const kept = codes.filter((c) => allowed.includes(c));
    if (kept.length > 0) codes = kept;
    if (!read) return;
    const keptFromWords = fromWords.filter((c) => allowed.includes(c));
    if (keptFromWords.length > 0) fromWords = keptFromWords;
  };
  if (entry.byHours) {
    const hours = durationHours(tokens, words[words.length - 1] ?? 0);
    const band = hours === undefined ? undefined : entry.byHours.find((b) => inBand(b, hours));
    if (band) keep([band.code]);
    aspects.push({ open: 'duration', values: entry.byHours.map((b) => [b.code]) });
  }
  let side: Side | undefined;
  let sideAspect: (typeof aspects)[number] | undefined;
  // A body part with no side value (the sacrum, the lingula) stays whatever side is written.
  const sided = entry.bySide ? sidedCodes(entry) : undefined;
  const unsided = sided ? entry.icd10pcs.filter((c) => !sided.has(c)) : [];
  if (entry.bySide) {
    const { right, left, bilateral } = entry.bySide;
    side = sideOf(tokens, words, matcher.sides);
    if (side) keep([...(entry.bySide[side] ?? [...right, ...left]), ...unsided]);
    if (side === 'bilateral' && !bilateral) expected *= 2;
    sideAspect = { open: 'side', values: bilateral ? [right, left, bilateral] : [right, left] };
    // Where the site itself is a word group of shared values, an unwritten site is named before its side.
    if (!entry.byWords?.some((g) => g.shared)) aspects.push(sideAspect);
  }
  const groups = matcher.groups.get(entry);
  if (groups) {
    const [from, to] = choiceWindow(tokens, words, others);
    for (const { group, choices, counted } of groups) {
      const named = counted ? counted.filter((names) => names.some((p) => writtenIn(tokens, from, to, p))).length : 0;
      const byCount = named > 0 ? choices[Math.min(named, choices.length) - 1] : undefined;
      const words = choices.filter((c) => c.phrases.some((p) => writtenIn(tokens, from, to, p)));
      // The words of a value win; else the number of things named near the phrase (two arteries named).
      const said = words.length > 0 || !byCount ? words : [byCount];
      // Nothing written: the usual value the note leaves unsaid, if the group has one (one stent).
      const written = said.length > 0 ? said : choices.filter((c) => c.assumed);
      if (said.length === 0 && written.length > 0) assumed = true;
      const chosen = group.deepest ? written.slice(-1) : written;
      // A site the words name has its side right before it ("of skin and muscle of the left heel").
      if (entry.bySide && group.shared && !side) {
        const at = chosen.flatMap((c) => c.phrases.map((p) => writtenAt(tokens, from, to, p))).filter((k) => k > 0);
        side = at.map((k) => matcher.sides.get(tokens[k - 1]?.w ?? '')).find((s) => s !== undefined);
        if (side) keep([...(entry.bySide[side] ?? []), ...unsided]);
      }
      const before = codes;
      keep(
        chosen.flatMap((c) => c.codes),
        said.length > 0,
      );
      if (group.each && codes !== before) expected *= Math.max(1, chosen.filter((c) => c.codes.some((code) => codes.includes(code))).length);
      aspects.push({ open: group.decides, values: choices.map((c) => c.codes), ...(group.shared ? { decided: chosen.length > 0 } : {}) });
    }
  }
  if (sideAspect && !aspects.includes(sideAspect)) aspects.push(sideAspect);
  const usual = assumed ? { assumed, written: fromWords } : {};
  if (aspects.length === 0 || codes.length <= expected) return { codes, ...(side ? { side } : {}), ...usual };
  const splits = (values: ReadonlyArray<readonly string[]>) => values.filter((v) => v.some((c) => codes.includes(c))).length > 1;
  const open = aspects.find((a) => !a.decided && splits(a.values)) ?? aspects[0];
  return { codes, ...(side ? { side } : {}), ...(open ? { undecided: open.open } : {}), ...usual };
}

/** The codes of an entry filed under a side. */
function sidedCodes(entry: ProcedureEntry): Set<string> {
  const s = entry.bySide;
  return new Set(s ? [...s.right, ...s.left, ...(s.bilateral ?? [])] : []);
}

/** Written words before and after a procedure phrase where the words of its `byWords` choices count. */
const CHOICE_BEFORE = 4;
const CHOICE_AFTER = 12;

/**
 * The tokens where a procedure's choice words count: its own words and what lies between them, a few
 * words before it (up to a comma or a list word with another procedure behind it: "therapeutic
 * paracentesis and diagnostic thoracentesis") and more after it ("PCI of the LAD with a drug-eluting
 * stent", "paracentesis with 4 liters removed"), within its clause, up to another procedure's words or a
 * comma or list word with another procedure after it.
 */
function choiceWindow(tokens: readonly MatchToken[], words: readonly number[], others: ReadonlySet<number>): [number, number] {
  const lo = words[0] ?? 0;
  const hi = words[words.length - 1] ?? 0;
  const otherIn = (a: number, b: number) => {
    for (let k = Math.max(0, a); k <= Math.min(tokens.length - 1, b); k++) if (others.has(k)) return true;
    return false;
  };
  let from = lo;
  for (let k = lo - 1, seen = 0, last = -1; k >= 0; k--) {
    const t = tokens[k];
    if (!t || (tokens[k + 1]?.gap ?? 0) > 0 || others.has(k)) break;
    if (t.start !== last && ++seen > CHOICE_BEFORE) break;
    last = t.start;
    if (LIST_WORDS.has(t.w) && otherIn(k - CHOICE_BEFORE, k - 1)) break;
    from = k;
  }
  let to = hi;
  for (let k = hi + 1, seen = 0, last = -1; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.gap >= Gap.Hard || others.has(k)) break;
    if (t.start !== last && ++seen > CHOICE_AFTER) break;
    last = t.start;
    if ((t.gap > 0 || LIST_WORDS.has(t.w)) && otherIn(k, k + CHOICE_AFTER)) break;
    to = k;
  }
  return [from, to];
}

/** The words of a choice in a row between `from` and `to` (connectors may sit among them: "shaft of the femur"). */
function writtenIn(tokens: readonly MatchToken[], from: number, to: number, phrase: readonly string[]): boolean {
  return writtenAt(tokens, from, to, phrase) >= 0;
}

/** Where the words of a choice start between `from` and `to`; -1 when they are not there. */
function writtenAt(tokens: readonly MatchToken[], from: number, to: number, phrase: readonly string[]): number {
  for (let k = from; k <= to; k++) {
    let j = k;
    let n = 0;
    while (n < phrase.length && j <= to) {
      const w = tokens[j]?.w ?? '';
      if (w === phrase[n]) n++;
      else if (n === 0 || !CONNECTORS.has(w)) break;
      j++;
    }
    if (n === phrase.length) return k;
  }
  return -1;
}

/** Words either side of a procedure phrase that may still say its side ("left total knee arthroplasty", "… of the left knee"). */
const SIDE_BEFORE = 3;
const SIDE_AFTER = 4;
/** Between two side words, a list word goes on ("right and left"); elsewhere it ends the search. */
const LIST_WORDS = new Set(['and', 'or']);
/** After the phrase, a side word names its body part only after one of these ("of the left knee", "on the right", "of a left ankle fracture"). */
const SIDE_LEADS = new Set(['of', 'on', 'to', 'in', 'the', 'a', 'an', 'at']);

/**
 * The side written with a procedure: among its own words, else in the few words before it, else in the
 * few after it ("arthroplasty of the left knee", "nephrectomy, right"), within its clause. Right and left
 * together are both sides ("right and left inguinal hernia repair"). Before the phrase, the side words
 * must touch it or the words between must be the phrase's own kind (no list word, no punctuation), so
 * "right knee arthroscopy and total knee arthroplasty" and "right TKA and left THA" give each its own.
 * After it, a side word counts only behind a preposition or article, or set off right after it, so
 * "the knee replacement left him stiff" says no side.
 */
function sideOf(tokens: readonly MatchToken[], words: readonly number[], sides: ReadonlyMap<string, Side>): Side | undefined {
  const lo = words[0] ?? 0;
  const hi = words[words.length - 1] ?? 0;
  const found = new Set<Side>();
  const sideAt = (k: number) => sides.get(tokens[k]?.w ?? '');
  const decide = (): Side | undefined =>
    found.has('bilateral') || (found.has('right') && found.has('left')) ? 'bilateral' : [...found][0];
  for (let k = lo; k <= hi; k++) {
    const side = sideAt(k);
    if (side) found.add(side);
  }
  if (found.size > 0) return decide();
  for (let k = lo - 1, seen = 0, last = -1; k >= 0; k--) {
    const t = tokens[k];
    // A gap sits on the token after it.
    if (!t || (tokens[k + 1]?.gap ?? 0) > 0) break;
    if (t.start !== last && ++seen > SIDE_BEFORE) break;
    last = t.start;
    const side = sideAt(k);
    if (side) found.add(side);
    else if (LIST_WORDS.has(t.w) ? !(found.size > 0 && sideAt(k - 1)) : found.size > 0) break;
  }
  if (found.size > 0) return decide();
  for (let k = hi + 1, seen = 0, last = -1; k < tokens.length; k++) {
    const t = tokens[k];
    if (!t || t.gap >= Gap.Hard || (t.gap > 0 && k > hi + 1)) break;
    if (t.start !== last && ++seen > SIDE_AFTER) break;
    last = t.start;
    const side = sideAt(k);
    if (side) {
      const prev = tokens[k - 1]?.w ?? '';
      if (!(k === hi + 1 ? t.gap > 0 : SIDE_LEADS.has(prev) || (found.size > 0 && LIST_WORDS.has(prev)))) break;
      found.add(side);
    } else if (found.size > 0 ? !(LIST_WORDS.has(t.w) && sideAt(k + 1)) : LIST_WORDS.has(t.w)) break;
  }
  return decide();
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
