/**
 * Mentions: the conditions (and procedures) a note names, with the codes the Alphabetic Index gives
 * them and exact offsets into the note (issue 4, DESIGN.md §5).
 *
 * One pass per sentence:
 * 1. words are read with the word-form table, abbreviations replaced by their expansion's words
 *    ("CHF" → congestive heart failure, all three highlighting "CHF");
 * 2. main terms are looked up as they come (a dictionary of head words, longest first), tabular
 *    titles and inclusion terms by their rarest word;
 * 3. from each main term the index is walked like a coder walks it (`mention-walk.ts`), using the words
 *    of its clause: the clause ends at `;` or `:` and, in a list ("hypertension, diabetes, CHF" or
 *    "hypertension and diabetes"), at the next item that names a condition of its own; a comma
 *    followed only by modifiers ("Diabetes mellitus, type 2, uncontrolled") continues the clause;
 * 4. overlapping mentions: one whose words and codes are all inside another's is dropped; distinct
 *    conditions in one sentence are kept;
 * 5. ConText on the sentence, with the section it sits in.
 *
 * Pure and bounded: linear in the text, a fixed amount of work per main term, a word cap per call.
 * Never throws on any string.
 */
import type { Mention, MentionContext, MentionSource } from '../coding/types';
import { applyContext, type CompiledContext, compileContext } from './context';
import type { Lexicon, LexNode, NeoRef } from './lexicon';
import { nodePath } from './lexicon';
import { COLUMN, resolveNeoplasm } from './mention-neoplasm';
import { compileProcedures, findProcedureMentions, type ProcedureHit, type ProcedureMatcher } from './mention-procedures';
import { Gap, isConnector, numberAfter, type RawWord, splitWords } from './mention-text';
import { codedNode, gapBetween, makeWindow, type WalkResult, type WalkToken, walk } from './mention-walk';
import { defaultContextRules, defaultSectionRules } from './rules';
import { sectionAt } from './sections';
import { NUMBERED_ITEM_MARKER } from './sentences';
import type { ContextRulePack, Section, SectionCategory, Sentence, Span } from './types';

export interface FindMentionsOptions {
  sections: readonly Section[];
  sentences: readonly Sentence[];
  lexicon: Lexicon;
  /** ConText rules (default: the shipped pack). */
  contextRules?: ContextRulePack | CompiledContext;
  /** Procedure phrases (`compileProcedures`); `null` for none. Default: the shipped `assets/rules/procedures.json`. */
  procedures?: ProcedureMatcher | null;
  /** Words read in all (the rest of a longer text is not analysed). Default 250,000 (about 1.5 MB of prose). */
  maxWords?: number;
  /**
   * Main terms (by Index title) the record makes read below another entry, as a coder turns to it: in a delivery
   * record "perineal laceration" is looked up at Delivery, complicated, by, laceration (O70.-), not Laceration (S31.-).
   * The entry is taken when it leads to a code and reads at least as many of the words.
   */
  entriesBelow?: ReadonlyArray<{ mains: readonly string[]; path: readonly string[] }>;
}

/** All defaults in one place. */
export const MENTION_DEFAULTS = Object.freeze({
  maxWords: 250_000,
  /** Words of one sentence read (a pasted wall of text is cut into 5,000-character segments first). */
  maxSentenceWords: 1_200,
  /** Main-term hits walked per sentence. */
  maxHeadsPerSentence: 150,
  /** Words on each side of a main term the walk may use. */
  window: 8,
  /** Words on each side a list of further subterms of the same entry may reach ("… vein and the inferior vena cava"). */
  listWindow: 16,
  /** Main terms tried per head word (sharing it: "Fracture, traumatic" / "Fracture, pathological"). */
  maxEntriesPerHead: 6,
});

/** A sentence word, as the matcher reads it. */
export interface MatchToken extends WalkToken {
  /** Separation from the previous token (`Gap`). */
  gap: number;
  /** Clause segment number (`,` / `and` / `or` start a new one). */
  seg: number;
}

/** Words that separate list items ("hypertension and diabetes"). */
const LIST_WORDS = new Set(['and', 'or', 'plus', 'versus', 'v', 'vs', 'nor', 'also']);

/** Words that say a drug in the sentence is a poisoning or an adverse effect, by Table of Drugs column. */
const DRUG_CONTEXT: ReadonlyArray<readonly [string, number]> = [
  ['overdose', 0],
  ['poisoning', 0],
  ['toxicity', 0],
  ['toxic', 0],
  ['ingestion', 0],
  ['intoxication', 0],
  ['suicide', 1],
  ['intentional', 1],
  ['adverse', 4],
  ['reaction', 4],
  // "allergic to penicillin": the coding rules turn the drug's class into its allergy status (Z88).
  ['allergy', 4],
  ['underdosing', 5],
];

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

const UPPER = /^[^a-z]*[A-Z][^a-z]*$/;
const CAPITAL = /^\p{Lu}/u;

/** Units of body weight; a number of them after a loss word is a loss of weight ("lost 10 kg"). */
const WEIGHT_UNIT = /^(?:\d+(?:[.,]\d+)?)?(?:kg|kgs|kilo|kilos|kilogram|kilograms|lb|lbs|pound|pounds)$/;
const LOSS_WORDS: Readonly<Record<string, string>> = { loss: 'loss', lost: 'loss', lose: 'loss', loses: 'loss', losing: 'loss' };
/** Words between the loss word and the amount ("loss of about 7-8 kg", "had lost up to 20 kg"). */
const WEIGHT_LOSS_REACH = 5;

/**
 * Readings a word takes from its neighbours, not from the word-form table:
 * - a roman numeral right after stage, grade, type, class is that number (`numberAfter`);
 * - an amount of body weight after a loss word in the same clause reads as weight, and the verb as
 *   loss ("lost 10 kg in 3 months", "loss of 12 kilos": Loss, weight); a loss of blood or fluid
 *   ("loss of 200 mL") is measured in other units; "lost" before "weight" is the loss ("has lost
 *   weight"), an intention ("tried to lose weight") is not.
 */
function neighbourReadings(raw: readonly RawWord[]): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (let i = 1; i < raw.length; i++) {
    const word = raw[i];
    const prev = raw[i - 1];
    if (!word || !prev) continue;
    const lower = word.raw.toLowerCase();
    const roman = word.gap === Gap.None ? numberAfter(prev.key, word.key) : undefined;
    if (roman !== undefined) {
      out.set(i, [roman]);
      continue;
    }
    // "has lost weight", "had lost a lot of weight": the verb past is the loss; "tried to lose weight" is not.
    if (lower === 'weight') {
      for (let j = i - 1; j >= Math.max(0, i - WEIGHT_LOSS_REACH); j--) {
        const w = raw[j];
        if (!w) break;
        if (w.raw.toLowerCase() === 'lost') {
          out.set(j, ['loss']);
          break;
        }
        if (w.gap >= Gap.Soft) break;
      }
      continue;
    }
    if (!WEIGHT_UNIT.test(lower)) continue;
    // The amount: a number written in the unit ("14kg") or just before it ("14 kg", "7-8 kg").
    if (!/^\d/.test(lower) && !/^\d/.test(prev.raw)) continue;
    for (let j = i - 1; j >= Math.max(0, i - 1 - WEIGHT_LOSS_REACH); j--) {
      const w = raw[j];
      if (!w) break;
      const loss = LOSS_WORDS[w.key] ?? LOSS_WORDS[w.raw.toLowerCase()];
      if (loss) {
        out.set(j, [loss]);
        out.set(i, ['weight']);
        break;
      }
      if (w.gap >= Gap.Soft) break;
    }
  }
  return out;
}

/** Read a sentence's words: word-form table, abbreviations expanded, clause segments. */
export function readTokens(lex: Lexicon, sentence: string, base: number, maxWords: number): MatchToken[] {
  // A numbered item's marker is not read: "1. Type 2 diabetes" is no type 1, "2. Gestational diabetes" no type 2.
  const marker = NUMBERED_ITEM_MARKER.exec(sentence)?.[0].length ?? 0;
  const raw = splitWords(sentence, base, maxWords).filter((w) => w.start >= base + marker);
  const readings = neighbourReadings(raw);
  const out: MatchToken[] = [];
  let seg = 0;
  let prevList = false;
  let radiates = false;
  const push = (t: Omit<MatchToken, 'seg'>) => {
    // After "radiating to" a new clause starts: where a pain radiates is not its site (`radiation`).
    const gap = radiates ? Math.max(t.gap, Gap.Hard) : t.gap;
    if (out.length > 0 && (gap >= Gap.Soft || prevList)) seg++;
    out.push({ ...t, gap, seg });
    prevList = false;
    radiates = false;
  };
  for (let i = 0; i < raw.length; i++) {
    const word = raw[i];
    if (!word) continue;
    const radiation = lex.forms.radiationByFirst.get(word.key)?.find((keys) => keys.every((key, n) => raw[i + n]?.key === key && (n === 0 || raw[i + n]?.gap === Gap.None)));
    if (radiation) {
      // The phrase itself is no word of a mention; the next word opens a clause of its own.
      i += radiation.length - 1;
      radiates = true;
      continue;
    }
    // A wound's depth ("down to bone", "exposed tendon") is one word that names no site.
    const depth = lex.forms.depthsByFirst.get(word.key)?.find((d) => d.keys.every((key, n) => raw[i + n]?.key === key && (n === 0 || raw[i + n]?.gap === Gap.None)));
    if (depth) {
      const last = raw[i + depth.keys.length - 1] ?? word;
      push({ w: depth.reads, lit: depth.reads, start: word.start, end: last.end, abbr: false, gap: word.gap });
      i += depth.keys.length - 1;
      continue;
    }
    const reading = readings.get(i);
    if (reading) {
      reading.forEach((w, k2) => {
        push({ w, lit: word.key, start: word.start, end: word.end, abbr: false, gap: k2 === 0 ? word.gap : Gap.None });
      });
      if (LIST_WORDS.has(word.key)) prevList = true;
      continue;
    }
    // Abbreviations, longest first: "A fib", "s/p", "CHF", and plurals ("UTIs"). The letter after a slash
    // ends a shorthand ("68 y/o M", "h/o", "w/o") and starts none: "o M" is no OM (otitis media).
    let matched = false;
    const afterSlash = word.raw.length === 1 && sentence.charAt(word.start - base - 1) === '/';
    const maxN = afterSlash ? 0 : Math.min(lex.maxAbbreviationWords, raw.length - i);
    let key = '';
    const keys: string[] = [];
    for (let n = 0; n < maxN; n++) {
      const w = raw[i + n];
      if (!w) break;
      // A genus written as its initial ("E. coli", "S. aureus") continues the abbreviation.
      const prev = raw[i + n - 1];
      const initial = n > 0 && prev?.raw.length === 1 && /^\.\s?$/.test(sentence.slice(prev.end - base, w.start - base));
      if (n > 0 && w.gap !== Gap.None && !initial) break;
      key += w.raw.toLowerCase();
      keys.push(key);
    }
    for (let n = keys.length; n >= 1 && !matched; n--) {
      const k = keys[n - 1] ?? '';
      const last = raw[i + n - 1];
      if (!last) continue;
      const startAt = word.start;
      const endAt = last.end;
      const written = sentence.slice(startAt - base, endAt - base);
      let entry = lex.abbreviations.get(k);
      let check = written;
      if (!entry && n === 1 && k.length > 2 && k.endsWith('s')) {
        const stemKey = k.slice(0, -1);
        const stemWritten = written.replace(/['’]?s$/i, '');
        // Plurals of abbreviations are written in capitals with a small s ("UTIs", "CVAs"); "does" is not
        // DOEs, and "GCS" (Glasgow Coma Scale) is not GCs: a capital S is a plural only in an all-capitals
        // sentence of words ("RECURRENT UTIS"), not a lone abbreviation such as "GCS 15." in a list of findings.
        // Nor is the end of a hyphenated name ("BI-RADS 1", "LI-RADS 3": a report score, not RADs).
        const hyphenated = sentence.charAt(startAt - base - 1) === '-';
        const pluralMark =
          /['’]?s$/.test(written) || (!hyphenated && !/[a-z]/.test(sentence) && (sentence.match(/[A-Z]{2,}/g)?.length ?? 0) >= 2);
        if (pluralMark && (stemKey.length >= 5 || UPPER.test(stemWritten))) {
          entry = lex.abbreviations.get(stemKey);
          check = stemWritten;
        }
      }
      if (!entry) continue;
      if (entry.caseSensitive && !UPPER.test(check)) continue;
      // A single word that is itself a main term keeps its own reading ("AIDS", "HIV", "stroke" are in the index).
      if (n === 1 && lex.heads.has(word.key)) continue;
      entry.words.forEach((w, k2) => {
        push({ w, lit: w, start: startAt, end: endAt, abbr: true, gap: k2 === 0 ? word.gap : Gap.None });
      });
      i += n - 1;
      matched = true;
    }
    if (matched) continue;
    const forms = lex.canon(word.key);
    // Every sentence starts with a capital: there, only a possessive ("Crohn's") marks an eponym, so
    // "His disease was…" is not His disease (trench fever).
    // Every sentence starts with a capital: there, only a possessive ("Crohn's") marks an eponym, so
    // "His disease was…" is not His disease (trench fever).
    const cap = CAPITAL.test(word.raw) && (i > 0 || word.end - word.start > word.raw.length);
    const upper = /^[A-Z]{2,}$/.test(word.raw);
    forms.forEach((w, k2) => {
      push({ w, lit: word.key, start: word.start, end: word.end, abbr: false, cap, upper, gap: k2 === 0 ? word.gap : Gap.None });
    });
    if (LIST_WORDS.has(word.key)) prevList = true;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Heads and windows
// ---------------------------------------------------------------------------------------------

interface HeadHit {
  /** First and last token positions of the head words. */
  from: number;
  to: number;
  positions: number[];
  key: string;
  /** One word not written in capitals: no acronym main term ("POTS") is read from it. */
  lower?: boolean;
}

function findHeads(lex: Lexicon, tokens: readonly MatchToken[]): HeadHit[] {
  const hits: HeadHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const first = tokens[i];
    if (!first || isConnector(first.w)) continue;
    let key = first.w;
    const positions = [i];
    let j = i;
    for (let n = 1; n <= lex.maxHeadWords; n++) {
      // An acronym main term ("POTS") is named only in capitals: "a pot of water" is not one.
      const lower = n === 1 && !first.upper && !first.abbr;
      const named = (lex.heads.get(key) ?? []).some((e) => !(lower && e.acronym));
      if (named && !lex.forms.contextHeads.has(key)) hits.push({ from: i, to: j, positions: [...positions], key, ...(lower ? { lower } : {}) });
      if (!lex.headPrefixes.has(key)) break;
      // Next content word of the same clause (connectors may sit inside a main term's words).
      let k = j + 1;
      while (k < tokens.length && isConnector(tokens[k]?.w ?? '') && (tokens[k]?.gap ?? 0) === Gap.None) k++;
      const next = tokens[k];
      if (!next || next.gap !== Gap.None) break;
      key = `${key} ${next.w}`;
      positions.push(k);
      j = k;
    }
  }
  return hits;
}

/** Clause limits for a head: its segment, extended over neighbouring segments that name no condition. */
/** A list item opened by a denial ("tenderness, no effusion", "soft, without guarding") is a finding of its own. */
const DENIAL_OPENERS = new Set(['no', 'not', 'without', 'denies', 'denied', 'nor', 'never']);

function denialSegments(tokens: readonly MatchToken[]): Set<number> {
  const out = new Set<number>();
  tokens.forEach((t, i) => {
    if (DENIAL_OPENERS.has(t.w) && (i === 0 || tokens[i - 1]?.seg !== t.seg)) out.add(t.seg);
  });
  return out;
}

/** Words that end a denial's scope: "without retinopathy but with hyperglycemia" affirms what follows. */
const DENIAL_SCOPE_ENDS = new Set(['but', 'with', 'however', 'although', 'though', 'except', 'yet']);

/**
 * For each token, the position of the denial whose scope holds it (the denial itself included), or -1. A
 * scope runs from the denial to a word that ends it. Computed once a sentence: a reading is checked in
 * the time of its own words.
 */
function denialScopeIndex(tokens: readonly MatchToken[]): Int32Array {
  const at = new Int32Array(tokens.length).fill(-1);
  for (let p = 0; p < tokens.length; p++) {
    if (!DENIAL_OPENERS.has(tokens[p]?.w ?? '')) continue;
    let end = p + 1;
    while (end < tokens.length && !DENIAL_SCOPE_ENDS.has(tokens[end]?.w ?? '') && !DENIAL_OPENERS.has(tokens[end]?.w ?? '')) end++;
    at.fill(p, p, end);
    p = end - 1;
  }
  return at;
}

/**
 * Whether a reading takes words both inside a denial's scope and outside it, the denial not being one of its
 * words: "the thyroid gland is of normal size with no nodules" is no thyroid nodule, "tolerated the procedure
 * without complications" no complication of a procedure. An Index subterm that holds the denial ("migraine
 * without aura", "concussion with no loss of consciousness") reads it as one of its words and is kept.
 */
function crossesDenial(scopeAt: Int32Array, words: readonly number[]): boolean {
  if (words.length < 2) return false;
  for (const w of words) {
    const a = scopeAt[w] ?? -1;
    if (a < 0 || a === w || words.includes(a)) continue;
    if (words.some((x) => scopeAt[x] !== a)) return true;
  }
  return false;
}

/**
 * The words a head may not read, for a head whose reading crossed a denial: a head inside a denial's scope
 * reads only within that scope ("with no nodules"); a head outside reads nothing of any scope ("hypertension,
 * but no other cardiac problems").
 */
function outsideDenialScope(scopeAt: Int32Array, hit: HeadHit, lo: number, hi: number): Set<number> {
  const a = scopeAt[hit.from] ?? -1;
  const own = a >= 0 && a !== hit.from && scopeAt[hit.to] === a ? a : -1;
  const skip = new Set<number>();
  for (let p = lo; p < hi; p++) {
    const s = scopeAt[p] ?? -1;
    if (own >= 0 ? s !== own || p === own : s >= 0) skip.add(p);
  }
  return skip;
}

function clauseOf(
  tokens: readonly MatchToken[],
  hit: HeadHit,
  segHasHead: ReadonlySet<number>,
  width: number,
  denials: ReadonlySet<number> = new Set(),
): [number, number] {
  const seg = tokens[hit.from]?.seg ?? 0;
  // Neither reads words across the start of a denied item, in either direction.
  const ownItem = (other: number) => segHasHead.has(other) || denials.has(other) || denials.has(seg);
  let lo = hit.from;
  while (lo > 0) {
    const t = tokens[lo - 1];
    const cur = tokens[lo];
    if (!t || !cur) break;
    if (cur.gap >= Gap.Hard) break;
    if (t.seg !== seg && ownItem(t.seg)) break;
    lo--;
  }
  let hi = hit.to + 1;
  while (hi < tokens.length) {
    const t = tokens[hi];
    if (!t) break;
    if (t.gap >= Gap.Hard) break;
    if (t.seg !== seg && ownItem(t.seg)) break;
    hi++;
  }
  return [Math.max(lo, hit.from - width), Math.min(hi, hit.to + 1 + width)];
}

// ---------------------------------------------------------------------------------------------
// Mentions from heads
// ---------------------------------------------------------------------------------------------

interface Candidate {
  source: MentionSource;
  codes: string[];
  path: string[];
  /** Token positions of every matched word. */
  words: number[];
  /** Required words matched (for overlap decisions). */
  score: number;
  confidence: number;
  /**
   * A status read from a procedure's own word ("hysterectomy" → Status, hysterectomy): kept only where
   * the sentence puts the procedure in the past ("history of", "in 2010", a past surgical history);
   * one done in this episode is a procedure, not a status.
   */
  pastOnly?: boolean;
  /** The status is an artificial opening ("colostomy"), its word at this token: the present tense may state it too. */
  opening?: number;
  /** Words the walk found as the note writes them where the reader rewrote them (`WalkStep.asWritten`). */
  asWritten?: number[];
}

function hasContent(node: LexNode | undefined): boolean {
  return (
    node !== undefined &&
    (node.codes !== undefined || node.kids !== undefined || node.neo !== undefined || node.cells !== undefined || node.see !== undefined)
  );
}

function qualifierPositions(win: ReturnType<typeof makeWindow>, qual: readonly string[], head: readonly number[]): number[] {
  const out: number[] = [];
  for (const q of qual) {
    const p = win.byWord.get(q)?.find((x) => !out.includes(x) && !head.includes(x));
    if (p !== undefined) out.push(p);
  }
  return out;
}

/** The Table of Drugs column an allergy is read in: adverse effect (a drug properly given). */
const ALLERGY_COLUMN = 4;

/** Whether a sentence speaks of drugs as poisonings, adverse effects or allergies, and a list's own column. */
interface SentenceDrugs {
  context: boolean;
  /** In an allergy list, drugs named without a cue word are read in this column. */
  listColumn: number | undefined;
}

function drugColumn(tokens: readonly MatchToken[], lo: number, hi: number): number | undefined {
  let column: number | undefined;
  for (let i = lo; i < hi; i++) {
    const w = tokens[i]?.w;
    if (w === undefined) continue;
    for (const [word, c] of DRUG_CONTEXT) {
      if (w !== word) continue;
      // An intentional or adverse reading wins over plain poisoning.
      if (column === undefined || c > column) column = c;
    }
  }
  return column;
}

/**
 * Words that do not count against a reading's compactness: laterality and plain determiners the index
 * does not carry ("fracture of the RIGHT femoral neck" is fully read by Fracture > femur > neck).
 */
const NEUTRAL_WORDS = new Set(['right', 'left', 'bilateral', 'both', 'side', 'sided', 'his', 'her', 'their', 'this', 'that', 'very']);

function compactness(tokens: readonly MatchToken[], words: readonly number[]): number {
  if (words.length === 0) return 0;
  let lo = Number.POSITIVE_INFINITY;
  let hi = -1;
  for (const p of words) {
    lo = Math.min(lo, p);
    hi = Math.max(hi, p);
  }
  // Content words inside the span (connectors and the words of one abbreviation do not count against it).
  let content = 0;
  let lastSpan = -1;
  for (let i = lo; i <= hi; i++) {
    const t = tokens[i];
    if (!t || isConnector(t.w) || NEUTRAL_WORDS.has(t.w)) continue;
    if (t.abbr && t.start === lastSpan) continue;
    lastSpan = t.start;
    content++;
  }
  const distinct = new Set(words.map((p) => tokens[p]?.start ?? -1)).size;
  return content === 0 ? 1 : Math.min(1, distinct / content);
}

/** A head's candidates; one that reads across a denial is read again within the denial's side of the head. */
function candidatesFromHead(
  lex: Lexicon,
  tokens: readonly MatchToken[],
  scopeAt: Int32Array,
  hit: HeadHit,
  clause: [number, number],
  drugs: SentenceDrugs,
  wide: [number, number] = clause,
  below?: ReadonlyMap<string, number>,
): Candidate[] {
  const cands = candidateFromHead(lex, tokens, hit, clause, drugs, wide, below);
  const crossing = cands.filter((c) => crossesDenial(scopeAt, c.words));
  if (crossing.length === 0) return cands;
  const own = scopeAt[hit.from] ?? -1;
  if (own >= 0 && own !== hit.from) {
    // The condition itself is denied ("in the abdomen he did not have palpable masses"): the reading stands,
    // its evidence cut to the denied words, so ConText finds the denial before it and lists it as negated.
    return cands.map((c) => (crossing.includes(c) ? { ...c, words: c.words.filter((w) => scopeAt[w] === own && w !== own) } : c));
  }
  const skip = outsideDenialScope(scopeAt, hit, Math.min(clause[0], wide[0]), Math.max(clause[1], wide[1]));
  const again = candidateFromHead(lex, tokens, hit, clause, drugs, wide, below, skip);
  return [
    ...cands.filter((c) => !crossing.includes(c)),
    ...again.filter((c) => !crossesDenial(scopeAt, c.words) && crossing.some((x) => x.source === c.source)),
  ];
}

function candidateFromHead(
  lex: Lexicon,
  tokens: readonly MatchToken[],
  hit: HeadHit,
  clause: [number, number],
  drugs: SentenceDrugs,
  wide: [number, number] = clause,
  below?: ReadonlyMap<string, number>,
  skip: ReadonlySet<number> = new Set(),
): Candidate[] {
  const entries = (lex.heads.get(hit.key) ?? []).filter((e) => !(hit.lower && e.acronym));
  // The head's own words stay in the window, used from the start: a "see" into another main term frees
  // them for its target (mention-walk.ts).
  const exclude = new Set<number>(skip);
  for (let p = Math.min(clause[0], wide[0]); p < hit.from; p++) if (isSecondaryTo(tokens, p)) exclude.add(p);
  const win = makeWindow(tokens, clause[0], clause[1], exclude, hit.from);
  // A list of subterms may run past the window ("thrombosis of the left renal vein and the inferior vena cava").
  let listWin: ReturnType<typeof makeWindow> | undefined;
  const listWindow = () => {
    listWin ??= wide[0] === clause[0] && wide[1] === clause[1] ? win : makeWindow(tokens, wide[0], wide[1], exclude, hit.from);
    return listWin;
  };
  const out: Candidate[] = [];
  const bySource = new Map<
    string,
    { walk: WalkResult; start: number; root: number; qual: number[]; total: number; coded: boolean; through?: boolean }
  >();
  for (const entry of entries.slice(0, MENTION_DEFAULTS.maxEntriesPerHead)) {
    // Drug-table main terms are compiled only where the sentence speaks of a poisoning or adverse effect.
    if (lex.mainSource(entry.main) === 'drug' && !drugs.context) continue;
    const rootId = lex.root(entry.main);
    const root = lex.nodes[rootId];
    if (!root || !hasContent(root)) continue;
    const qual = entry.qual ? qualifierPositions(win, entry.qual, hit.positions) : [];
    if (entry.qualRequired && entry.qual && qual.length < entry.qual.length) continue;
    if (entry.through) {
      // "hysterectomy" read as Status, hysterectomy: the head word is the subterm the walk takes.
      const own = makeWindow(tokens, clause[0], clause[1], new Set(), hit.from);
      const result = walk(lex, rootId, own, []);
      if (!result.steps[0]?.words.includes(hit.from)) continue;
      const prev = bySource.get(root.source);
      if (!prev?.coded) {
        bySource.set(root.source, { walk: result, start: rootId, root: rootId, qual: [], total: result.score, coded: true, through: true });
      }
      continue;
    }
    let start = rootId;
    if (!root.codes && !root.kids && !root.neo && root.see !== undefined) start = root.see;
    let result = walk(lex, start, win, [...hit.positions, ...qual]);
    if (
      start === rootId &&
      !root.codes &&
      !root.neo &&
      root.see !== undefined &&
      codedNode(lex, start, result.steps) === undefined &&
      writtenAsPrinted(tokens, hit.positions, lex.mainTitle(entry.main))
    ) {
      // A main term with no code whose subterms the note does not write sends the coder on to its "see"
      // ("Cholelithiasis — see Calculus, gallbladder": K80.20), as one with no subterms does; only where
      // the note writes the term itself ("was declined" is no Decline — see Deterioration).
      start = root.see;
      result = walk(lex, start, win, [...hit.positions, ...qual]);
    }
    const other = below?.get(lex.mainTitle(entry.main));
    if (other !== undefined) {
      const there = walk(lex, other, win, [...hit.positions, ...qual]);
      if (codedNode(lex, other, there.steps) !== undefined && (codedNode(lex, start, result.steps) === undefined || there.score >= result.score)) {
        start = other;
        result = there;
      }
    }
    const startNode = lex.nodes[start];
    // Not for an ambiguous head: "the nasal septum is midline" and "nares patent" name the anatomy, and the
    // "see also" (Septum — see also Anomaly; Patent — see also Imperfect, closure) would make it a malformation.
    if (result.steps.length === 0 && startNode && !startNode.codes && !startNode.neo && startNode.seeAlso !== undefined && !lex.forms.ambiguousHeads.has(hit.key)) {
      // No code and no subterm in the text: the coder turns to the "see also" entry
      // ("Hepatomegaly, see also Hypertrophy, liver"; "Necrosis, see also Gangrene").
      start = startNode.seeAlso;
      result = walk(lex, start, win, [...hit.positions, ...qual]);
    }
    // A bare main term coded in chapter 21 (Examination Z00.00, Counseling Z71.9) names an encounter
    // reason only with a subterm; one coded to the presence of a device or implant (Pseudophakia Z96.1,
    // Z95-Z97) or a status such as DNR Z66 names the status itself (word-forms.json `statusCodes`;
    // Guidelines I.C.21.c.3).
    const bare = lex.nodes[start]?.codes;
    if (result.steps.length === 0 && bare?.every((c) => c.startsWith('Z') && !lex.forms.statusCodes.some((p) => c.startsWith(p)))) continue;
    const total = result.score + qual.length;
    // Among main terms sharing a head ("Smoker's" / "Smoker"), one that leads to a code wins.
    const coded = codedNode(lex, start, result.steps) !== undefined;
    const prev = bySource.get(root.source);
    if (!prev || (prev.through && coded) || (coded && !prev.coded) || (coded === prev.coded && total > prev.total + 1e-9)) {
      bySource.set(root.source, { walk: result, start, root: rootId, qual, total, coded });
    }
  }
  const ambiguous = lex.forms.ambiguousHeads.has(hit.key);
  for (const [source, best] of bySource) {
    // An ambiguous head ("anesthesia", "nerve", "wound") names something codable only with a subterm, and
    // one that gives a code: "deformity of the distal radius" reaches Deformity, radius, which has none
    // (only "congenital" below it), and is no Q89.9 Congenital malformation.
    if (ambiguous && (best.walk.steps.length === 0 || codedNode(lex, best.start, best.walk.steps)?.depth === 0)) continue;
    const c = buildCandidate(lex, tokens, hit, win, best, source as LexNode['source'], clause, drugs.listColumn, listWindow);
    if (c) out.push(c);
  }
  return out;
}

/** Whether the words of a head are the main term as the Index prints it, not another form of it. */
function writtenAsPrinted(tokens: readonly MatchToken[], positions: readonly number[], title: string): boolean {
  const written = positions.map((p) => tokens[p]?.lit.toLowerCase() ?? '').join(' ');
  const printed = title.toLowerCase();
  return printed === written || printed.startsWith(`${written} `) || printed.startsWith(`${written},`);
}

function buildCandidate(
  lex: Lexicon,
  tokens: readonly MatchToken[],
  hit: HeadHit,
  win: ReturnType<typeof makeWindow>,
  best: { walk: WalkResult; start: number; root: number; qual: number[]; through?: boolean },
  source: LexNode['source'],
  clause: [number, number],
  listColumn: number | undefined,
  listWindow: () => ReturnType<typeof makeWindow> = () => win,
): Candidate | undefined {
  const { walk: result } = best;
  const coded = codedNode(lex, best.start, result.steps);
  if (!coded) return undefined;
  const node = lex.nodes[coded.node];
  if (!node) return undefined;
  const words = [...hit.positions, ...best.qual];
  for (const s of result.steps) words.push(...s.words, ...s.opt);
  const asWritten = result.steps.flatMap((s) => s.asWritten ?? []);
  // The main term's own nonessential modifiers ("essential" hypertension) are evidence too.
  for (const id of [best.root, best.start]) {
    for (const w of lex.nodes[id]?.opt ?? []) {
      const p = win.byWord.get(w)?.find((x) => !words.includes(x));
      if (p !== undefined) words.push(p);
    }
  }
  const deepest = result.steps.length;
  let codes: string[] = [];
  let path = nodePath(lex, coded.node);
  let mentionSource: MentionSource = source === 'index' ? 'index' : source;
  let factor = coded.depth < deepest ? 0.85 : 1;
  if (tokens[hit.from]?.abbr) mentionSource = 'abbreviation';

  if (source === 'drug') {
    const column = drugColumn(tokens, clause[0], clause[1]) ?? listColumn;
    if (column === undefined) return undefined;
    let n = coded.node;
    let code: string | null | undefined;
    for (let guard = 0; n >= 0 && guard < 16 && !code; guard++) {
      code = lex.nodes[n]?.cells?.[column];
      if (!code) n = lex.nodes[n]?.parent ?? -1;
    }
    if (!code) return undefined;
    codes = [code];
    path = [...path, lex.drugColumns[column] ?? String(column)];
  } else if (node.codes) {
    codes = [...node.codes, ...(node.manif ?? [])];
    if (deepest > 0 && coded.depth === deepest) {
      const more = coordinatedWalks(lex, best.start, listWindow(), [...hit.positions, ...best.qual], words);
      codes.push(...more.codes);
      words.push(...more.words);
    }
  } else if (node.neo || source === 'neoplasm') {
    // From the table itself ("neoplasm of the lung"), the walk has already found the site.
    const ref: NeoRef = node.neo ?? { site: source === 'neoplasm' ? coded.node : lex.neoplasmRoot };
    const isMetastasis = /^metasta/i.test(lex.nodes[best.root]?.title ?? '');
    // Subterms below the coded node that lead to no code ("Tumor, adrenal" has only "cortical" and "rest"
    // under it) are left, and the coder reads the words again as the table's site ("Adrenal tumor": Neoplasm,
    // adrenal, unspecified behavior D49.7).
    const abandoned = new Set(result.steps.slice(coded.depth).flatMap((s) => [...s.words, ...s.opt]));
    const used = words.filter((w) => !abandoned.has(w));
    const neo = resolveNeoplasm(lex, ref, tokens, win, used, isMetastasis, best.root);
    if (!neo) return undefined;
    codes = neo.codes;
    words.push(...neo.words);
    path = source === 'neoplasm' ? neo.path : [...path, ...neo.path];
    mentionSource = tokens[hit.from]?.abbr ? 'abbreviation' : 'neoplasm';
    if (!neo.site) factor *= 0.8;
  } else if (node.cells) {
    return undefined;
  }
  if (codes.length === 0) return undefined;
  if (tokens[hit.from]?.abbr) factor *= 0.95;
  const uniqueWords = [...new Set(words)].sort((a, b) => a - b);
  return {
    source: mentionSource,
    codes: [...new Set(codes)],
    path,
    words: uniqueWords,
    score: uniqueWords.length,
    confidence: round2(Math.max(0.3, compactness(tokens, uniqueWords) * factor)),
    // "Hysterectomized" states the status itself, whatever the tense.
    ...(best.through && !/i[sz]ed$/i.test(tokens[hit.from]?.lit ?? '') ? { pastOnly: true } : {}),
    ...(best.through && /stom(?:y|ies)$/i.test(tokens[hit.from]?.lit ?? '') ? { opening: hit.from } : {}),
    ...(asWritten.length > 0 ? { asWritten } : {}),
  };
}

/**
 * Whether the sentence says the patient has an artificial opening ("has an ileostomy", "tracheostomy in
 * place", "high colostomy output"); `openingMade` tells one made or closed in this episode apart.
 */
function openingPresent(forms: Lexicon['forms'], sentence: string): boolean {
  const lower = ` ${sentence.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  return forms.openings.present.some((w) => lower.includes(` ${w} `));
}

/**
 * Whether a word of the sentence says the opening is made or closed: up to six words before it, the verb
 * and its object ("we performed a percutaneous nephrostomy", "underwent a Hartmann procedure with end
 * colostomy"), or after it, in its clause, a noun or passive participle ("ileostomy closure", "resection and
 * terminal ileostomy … were performed"). A verb in -ing after it takes an object of its own ("has had an
 * ileostomy for two years after performing a colectomy"), and one past a comma speaks of another noun.
 */
function openingMade(forms: Lexicon['forms'], tokens: readonly MatchToken[], at: number): boolean {
  for (let i = Math.max(0, at - 6); i < tokens.length; i++) {
    const word = (tokens[i]?.lit ?? '').toLowerCase();
    if (i > at && (word.endsWith('ing') || tokens[i]?.seg !== tokens[at]?.seg)) continue;
    if (forms.openings.made.includes(word)) return true;
  }
  return false;
}

/** Words that may join coordinated subterms ("the renal vein and the inferior vena cava"). */
const COORDINATION = new Set(['and', 'or', 'the', 'both', 'also', 'as', 'well', 'of']);

/**
 * Further subterms coordinated with the first path ("thrombosis of the renal vein and inferior vena
 * cava": Thrombosis, vena cava, inferior and Thrombosis, renal, vein): each a new walk from the same
 * entry on the words not used yet, kept only when it ends on a code of its own and nothing but a comma
 * or a coordinating word stands between its words and those already read. The clause already ends
 * at a list item that names a condition of its own, so these are the items that name none.
 */
function coordinatedWalks(
  lex: Lexicon,
  start: number,
  win: ReturnType<typeof makeWindow>,
  fixed: readonly number[],
  first: readonly number[],
): { codes: string[]; words: number[] } {
  const codes: string[] = [];
  const words: number[] = [];
  const group = first.filter((p) => !fixed.includes(p));
  if (group.length === 0) return { codes, words };
  const taken = [...first];
  for (let k = 0; k < 4; k++) {
    const next = walk(lex, start, win, [...fixed, ...taken]);
    const coded = codedNode(lex, start, next.steps);
    if (!coded || coded.depth === 0 || coded.depth !== next.steps.length) break;
    const found = next.steps.flatMap((st) => [...st.words, ...st.opt]);
    if (found.length === 0) break;
    const [a, b] = gapBetween(group, found);
    let joined = a >= 0;
    // Side by side with no "and", "or" or comma, the words qualify one another ("esophagus pleura").
    let separated = false;
    for (let p = a + 1; joined && p <= b; p++) {
      const t = win.tokens[p] as MatchToken | undefined;
      if ((t?.gap ?? 0) >= Gap.Soft || LIST_WORDS.has(t?.w ?? '')) separated = true;
      if (p < b && !COORDINATION.has(t?.w ?? '')) joined = false;
    }
    if (!joined || !separated) break;
    const node = lex.nodes[coded.node];
    for (const c of [...(node?.codes ?? []), ...(node?.manif ?? [])]) if (!codes.includes(c)) codes.push(c);
    words.push(...found);
    group.push(...found);
    taken.push(...found);
  }
  return { codes, words };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

// ---------------------------------------------------------------------------------------------
// Titles and inclusion terms
// ---------------------------------------------------------------------------------------------

function titleCandidates(lex: Lexicon, tokens: readonly MatchToken[]): Candidate[] {
  const out: Candidate[] = [];
  if (lex.phrases.size === 0) return out;
  const seen = new Set<string>();
  // Most phrases of an anchor word name a word the sentence does not have: they are passed over unread.
  const words = new Set(tokens.map((t) => t.w));
  const clauses = clauseNumbers(tokens);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) continue;
    const list = lex.phrases.get(t.w);
    if (!list) continue;
    for (const phrase of list) {
      if (!phrase.words.every((w) => words.has(w))) continue;
      const n = phrase.words.length;
      const lo = Math.max(0, i - n - 2);
      const hi = Math.min(tokens.length, i + n + 3);
      const positions: number[] = [];
      let ok = true;
      for (const w of phrase.words) {
        let found = -1;
        let bestDist = Number.POSITIVE_INFINITY;
        for (let k = lo; k < hi; k++) {
          const tk = tokens[k];
          if (!tk || tk.w !== w || positions.includes(k)) continue;
          // Same clause: no `,` / `;` between the anchor and the word.
          if (clauses[k] !== clauses[i]) continue;
          const d = Math.abs(k - i);
          if (d < bestDist) {
            bestDist = d;
            found = k;
          }
        }
        if (found < 0) {
          ok = false;
          break;
        }
        positions.push(found);
      }
      if (!ok) continue;
      const sorted = [...positions].sort((a, b) => a - b);
      if (sorted.slice(0, -1).some((p) => isSecondaryTo(tokens, p))) continue;
      const key = `${phrase.code}@${sorted.join(',')}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const comp = compactness(tokens, sorted);
      if (comp < 0.6) continue;
      out.push({
        source: phrase.kind,
        codes: [phrase.code],
        path: [phrase.text],
        words: sorted,
        score: sorted.length,
        confidence: round2(comp * 0.9),
      });
    }
  }
  return out;
}

/**
 * "X secondary to Y" says X is secondary (due to Y): the word serves what comes before it, never
 * what follows ("anemia secondary to the tumor" is no secondary neoplasm, "renal failure secondary
 * to hypertension" no secondary hypertension; "hypertension secondary to renal artery stenosis" is).
 */
function isSecondaryTo(tokens: readonly MatchToken[], p: number): boolean {
  return tokens[p]?.w === 'secondary' && tokens[p + 1]?.w === 'to';
}

/** Each token's clause, counted from the sentence start: two tokens are in one clause when their numbers are equal: no `,` / `;` between them. */
function clauseNumbers(tokens: readonly MatchToken[]): number[] {
  const out: number[] = [];
  let clause = 0;
  tokens.forEach((t, k) => {
    if (k > 0 && t.gap >= Gap.Soft) clause++;
    out.push(clause);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Overlaps
// ---------------------------------------------------------------------------------------------

function isSubset(a: readonly number[], b: readonly number[]): boolean {
  for (const x of a) if (!b.includes(x)) return false;
  return true;
}

/** Every code of `small` is one of `big`'s codes or a less specific form of one (a prefix). */
function codesCovered(small: readonly string[], big: readonly string[]): boolean {
  return small.every((c) => big.some((b) => b.startsWith(c)));
}

/**
 * Drop a candidate whose words are all inside another's and whose codes that one already gives (or,
 * for neoplasms, any code: one morphology and site is one neoplasm). Distinct conditions stay.
 */
function resolveOverlaps(cands: Candidate[], tokens: readonly MatchToken[], modifiers: ReadonlyMap<string, ReadonlySet<string>> = new Map()): Candidate[] {
  const isPhrase = (c: Candidate) => c.source === 'title' || c.source === 'inclusion';
  const category = (code: string) => code.slice(0, 3);
  const sameCategory = (a: readonly string[], b: readonly string[]) => a.every((x) => b.some((y) => category(y) === category(x)));
  // Index readings first (a title phrase is the fallback), then more words, then confidence.
  const sorted = [...cands].sort(
    (a, b) =>
      Number(isPhrase(a)) - Number(isPhrase(b)) ||
      b.score - a.score ||
      b.confidence - a.confidence ||
      (a.words[0] ?? 0) - (b.words[0] ?? 0),
  );
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const dominated = kept.some((k) => {
      const inside = isSubset(c.words, k.words);
      if (isPhrase(c) && !isPhrase(k)) {
        // A title phrase the index walk already read, or that reads the same words as another category
        // member ("fracture of right femur" beside Fracture > femur > neck), adds nothing.
        return inside || (c.words.some((p) => k.words.includes(p)) && sameCategory(c.codes, k.codes));
      }
      if (!inside) return false;
      // A word the reader rewrote ("adynamic" read as Adynamia G72.3) that a longer reading found as
      // written, as the subterm of its condition (Ileus, adynamic K56.0), is that condition's modifier,
      // not a condition of its own. A word the word-form table reads alike on both sides keeps both
      // readings: "septic shock" is Shock, septic R65.21 and Sepsis A41.9 (code first the infection).
      if (k.asWritten?.some((p) => c.words.includes(p))) return true;
      // Words and codes inside another reading: a less specific reading of the same condition.
      if (codesCovered(c.codes, k.codes) || sameCategory(c.codes, k.codes)) return true;
      return c.source === 'neoplasm' && k.source === 'neoplasm';
    });
    if (!dominated) kept.push(c);
  }
  // An organism code (B95-B97) is an additional code for a condition that does not name its organism;
  // read inside a condition that does ("pneumonia due to Streptococcus pneumoniae", J13), it adds nothing.
  // A main term read alone ("Pain" R52) whose words a title phrase reads with more of them, in one clause
  // ("pain in the right knee", Pain in right knee M25.561), is that phrase read partly: the Index walk found
  // no subterm the phrase's words give, the Tabular title did. The phrase stands alone. Not across "and"
  // or a comma: "hypertension and ischemic heart disease" is two conditions, whatever a title joins.
  const bare = (c: Candidate) => c.source === 'index' && c.path.length === 1;
  const segs = (c: Candidate) => new Set(c.words.map((p) => tokens[p]?.seg));
  const partly = kept.filter(
    (c) =>
      bare(c) && kept.some((k) => isPhrase(k) && k.words.length > c.words.length && isSubset(c.words, k.words) && segs(k).size === 1),
  );
  if (partly.length > 0) {
    const rest = kept.filter((c) => !partly.includes(c));
    kept.length = 0;
    kept.push(...rest);
  }
  // An external cause needs words of its own: "laceration" read in the External Cause Index as Injury NOS
  // (X58 Exposure to other specified factors) is the injury the diagnosis reading already names, and a main
  // term printed "NOS" read alone names no cause at all ("Laceration repaired with staples"). And a
  // symptom read from the cause's own word ("fell" R29.6 Repeated falls) inside an external cause of more
  // words ("fell from a ladder" W11) is that cause: one fall is no tendency to fall.
  const external = (c: Candidate) => c.source === 'eindex';
  // A symptom the cause's own word reads in the Index ("fell": Falling, falls (repeated) R29.6) is no injury
  // the cause is already told by: the fall stays its external cause (Fall, falling W19, Guidelines I.C.20),
  // and the symptom is coded only where the note calls the falls repeated (coding.json needsDocumented).
  const symptomOnly = (c: Candidate) => c.codes.length > 0 && c.codes.every((x) => x.startsWith('R'));
  const causeOnly = kept.filter(
    (c) =>
      c.path.length === 1 &&
      ((external(c) &&
        (/\bNOS$/.test(c.path[0] ?? '') || kept.some((k) => k.source === 'index' && !symptomOnly(k) && isSubset(c.words, k.words)))) ||
        (c.source === 'index' &&
          c.codes.every((x) => x.startsWith('R')) &&
          kept.some((k) => external(k) && k.words.length > c.words.length && isSubset(c.words, k.words) && segs(k).size === 1))),
  );
  if (causeOnly.length > 0) {
    const rest = kept.filter((c) => !causeOnly.includes(c));
    kept.length = 0;
    kept.push(...rest);
  }
  // A condition adjective read alone ("septic" as Sepsis A41.9) that another reading takes as its subterm
  // ("septic arthritis", Arthritis, septic M00.9) or that the next word's condition follows ("septic bursitis")
  // says what kind of that condition it is (word-forms.json `modifierAdjectives`; Guidelines I.C.1.d.1.a:
  // sepsis is coded where sepsis is documented, not for a localized infection called septic).
  const modifier = (c: Candidate) => {
    const p = c.words[0];
    if (p === undefined || c.words.length !== 1 || c.source !== 'index' || c.path.length !== 1) return false;
    const before = modifiers.get(tokens[p]?.lit ?? '');
    if (!before) return false;
    const next = tokens[p + 1];
    // Before a condition that is a form of the base ("septic shock" is severe sepsis), it names the base too.
    if (next !== undefined && (before.has(next.lit) || before.has(next.w))) return false;
    return kept.some(
      (k) => k !== c && (k.words.includes(p) || (next !== undefined && next.seg === tokens[p]?.seg && k.words[0] === p + 1)),
    );
  };
  const modifying = kept.filter(modifier);
  if (modifying.length > 0) {
    const rest = kept.filter((c) => !modifying.includes(c));
    kept.length = 0;
    kept.push(...rest);
  }
  const organism = (c: Candidate) => c.codes.every((x) => /^B9[5-7]/.test(x));
  const named = kept.filter((c) => !(organism(c) && kept.some((k) => k !== c && !organism(k) && isSubset(c.words, k.words))));
  kept.length = 0;
  kept.push(...named);
  // A reading of words that another reading of more words includes, with other codes ("hyperglycemia"
  // inside "type 2 diabetes with hyperglycemia"), is kept for the coding rules but ranks lower.
  // A personal-history Z code does not subsume the condition it names.
  for (const c of kept) {
    const inside = kept.some(
      (k) => k !== c && k.words.length > c.words.length && isSubset(c.words, k.words) && !k.codes.every((x) => x.startsWith('Z')),
    );
    if (inside) c.confidence = round2(c.confidence * 0.7);
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------

let headingLabels: Set<string> | undefined;

/**
 * "Allergies: lisinopril" or "Complications: none": a section heading written as a label, followed by
 * its colon, names the list that follows, not a condition of the patient (the demo chart's banner
 * "Allergies:" is not an allergy, T78.40). Headings from the shipped section rules.
 */
function isHeadingLabel(text: string, tokens: readonly MatchToken[], words: readonly number[]): boolean {
  const first = tokens[words[0] ?? -1];
  const last = tokens[words[words.length - 1] ?? -1];
  if (!first || !last || !/^[ \t]*:/.test(text.slice(last.end, last.end + 4))) return false;
  headingLabels ??= new Set(defaultSectionRules().rules.flatMap((r) => [r.literal, ...r.variants].map((v) => v.toLowerCase())));
  return headingLabels.has(text.slice(first.start, last.end).toLowerCase().replace(/\s+/g, ' '));
}

/**
 * "Consulted with the Infectious Diseases service", "followed up by the Pain Unit", "specialists in
 * infectious diseases": a specialty written as the name of a department (before one of its nouns, or
 * after such a noun and "of" / "in") says where the patient is seen, not what the patient has (no B99.9
 * Infectious disease, no R52 Pain). A service the patient receives there is a chapter 21 code and is
 * kept ("treated in the Palliative Care Unit": Z51.5). Nouns from the word-form table's `careUnits`.
 * The same reading for the name of a laboratory test (`testNouns`): "tumor markers", "markers of
 * inflammation" are tests, not a neoplasm (D49) or an inflammation.
 */
function namesCareUnit(text: string, tokens: readonly MatchToken[], words: readonly number[], units: ReadonlySet<string>): boolean {
  if (units.size === 0 || words.length === 0) return false;
  const first = tokens[Math.min(...words)];
  const last = tokens[Math.max(...words)];
  if (!first || !last) return false;
  const after = /^[ \t]+([A-Za-z]+)/.exec(text.slice(last.end, last.end + 40))?.[1]?.toLowerCase();
  if (after !== undefined && units.has(after)) return true;
  const before = /\b([A-Za-z]+)[ \t]+(?:of|in)[ \t]+(?:the[ \t]+)?$/.exec(text.slice(Math.max(0, first.start - 40), first.start))?.[1];
  return before !== undefined && units.has(before.toLowerCase());
}

/** A ConText result of one sentence as a mention's context, its triggers at note offsets. */
export function toContext(result: ReturnType<typeof applyContext>[number] | undefined, sentenceStart: number): MentionContext {
  if (!result) return { negated: false, possible: false, historical: false, hypothetical: false, experiencer: 'patient', triggers: [] };
  return {
    negated: result.negated,
    possible: result.possible,
    historical: result.historical,
    hypothetical: result.hypothetical,
    experiencer: result.experiencer,
    // Section defaults are zero-width at 0; real triggers are shifted to note offsets.
    triggers: result.triggers.map((t) => ({
      literal: t.literal,
      category: t.category,
      start: t.start === t.end ? t.start : t.start + sentenceStart,
      end: t.start === t.end ? t.end : t.end + sentenceStart,
    })),
  };
}

function spansOf(tokens: readonly MatchToken[], words: readonly number[]): Span[] {
  const spans: Span[] = [];
  for (const p of words) {
    const t = tokens[p];
    if (!t) continue;
    if (spans.some((s) => s.start === t.start && s.end === t.end)) continue;
    spans.push({ start: t.start, end: t.end });
  }
  return spans.sort((a, b) => a.start - b.start || a.end - b.end);
}

/**
 * Find the conditions and procedures named in `text`. `sections` and `sentences` come from
 * `detectSections` / `splitSentences` on the same text.
 *
 * @example findMentions('Assessment: aspiration pneumonia.', { sections, sentences, lexicon })[0].codes // ['J690']
 */
export function findMentions(text: string, options: FindMentionsOptions): Mention[] {
  try {
    return findMentionsUnsafe(text, options);
  } catch {
    // A defect must not take the analysis down; no mentions is the honest answer.
    return [];
  }
}

const shippedProcedures = new WeakMap<Lexicon, ProcedureMatcher>();

/** The shipped procedure phrases, read with this lexicon's reader (compiled once per lexicon). */
export function defaultProcedureMatcher(lex: Lexicon): ProcedureMatcher {
  let m = shippedProcedures.get(lex);
  if (!m) {
    m = compileProcedures(lex, readTokens);
    shippedProcedures.set(lex, m);
  }
  return m;
}

/** Main term title → the node of the entry it is read below (an entry the Index lacks is left out). */
function entriesBelow(lex: Lexicon, rules: NonNullable<FindMentionsOptions['entriesBelow']>): Map<string, number> {
  const out = new Map<string, number>();
  for (const rule of rules) {
    const [first, ...rest] = rule.path;
    let id: number | undefined;
    for (const entries of lex.heads.values()) {
      const e = entries.find((x) => lex.mainTitle(x.main) === first && lex.mainSource(x.main) === 'index');
      if (e) {
        id = lex.root(e.main);
        break;
      }
    }
    for (const title of rest) {
      if (id === undefined) break;
      lex.ensure(id);
      id = lex.nodes[id]?.kids?.find((k) => lex.nodes[k]?.title.toLowerCase() === title.toLowerCase());
    }
    if (id !== undefined) for (const main of rule.mains) out.set(main, id);
  }
  return out;
}

function findMentionsUnsafe(text: string, options: FindMentionsOptions): Mention[] {
  if (typeof text !== 'string' || text.length === 0) return [];
  const lex = options.lexicon;
  const procedures = options.procedures === undefined ? defaultProcedureMatcher(lex) : options.procedures;
  const context = options.contextRules
    ? 'byLiteral' in options.contextRules
      ? options.contextRules
      : compileContext(options.contextRules)
    : compileContext(defaultContextRules());
  let wordsLeft = options.maxWords ?? MENTION_DEFAULTS.maxWords;
  const mentions: Omit<Mention, 'id'>[] = [];
  const below = options.entriesBelow?.length ? entriesBelow(lex, options.entriesBelow) : undefined;

  // Artificial openings made or closed in this episode ("we performed a nephrostomy"): a later present tense
  // ("leaking through the nephrostomy") is the same procedure, not a status (Guidelines I.C.21.c.3).
  const madeInEpisode = new Set<string>();
  for (const sentence of options.sentences) {
    if (wordsLeft <= 0) break;
    if (sentence.kind === 'header') continue;
    const sText = text.slice(sentence.start, sentence.end);
    if (sText.length === 0) continue;
    const tokens = readTokens(lex, sText, sentence.start, Math.min(wordsLeft, MENTION_DEFAULTS.maxSentenceWords));
    wordsLeft -= tokens.length;
    if (tokens.length === 0) continue;

    const heads = findHeads(lex, tokens).slice(0, MENTION_DEFAULTS.maxHeadsPerSentence);
    const scopeAt = denialScopeIndex(tokens);
    const section: SectionCategory = sectionAt(options.sections, sentence.start)?.category ?? 'unknown';
    // An allergy list names drugs without saying "allergic": its drugs are read as allergies.
    const listColumn = section === 'allergies' ? ALLERGY_COLUMN : undefined;
    const drugs: SentenceDrugs = { context: listColumn !== undefined || drugColumn(tokens, 0, tokens.length) !== undefined, listColumn };
    // Pass 1: each head within its own list item. An item that names a coded condition ends the
    // clauses of its neighbours ("hypertension, diabetes"); one that does not continues them
    // ("heart failure, acute on chronic").
    const own: Candidate[][] = heads.map((h) => {
      const seg = tokens[h.from]?.seg ?? -1;
      let lo = h.from;
      while (lo > 0 && tokens[lo - 1]?.seg === seg) lo--;
      let hi = h.to + 1;
      while (hi < tokens.length && tokens[hi]?.seg === seg) hi++;
      return candidatesFromHead(
        lex,
        tokens,
        scopeAt,
        h,
        [Math.max(lo, h.from - MENTION_DEFAULTS.window), Math.min(hi, h.to + 1 + MENTION_DEFAULTS.window)],
        drugs,
        [Math.max(lo, h.from - MENTION_DEFAULTS.listWindow), Math.min(hi, h.to + 1 + MENTION_DEFAULTS.listWindow)],
        below,
      );
    });
    const segHasHead = new Set<number>();
    const denials = denialSegments(tokens);
    heads.forEach((h, k) => {
      if ((own[k] ?? []).some((c) => c.source !== 'eindex' && c.source !== 'drug')) segHasHead.add(tokens[h.from]?.seg ?? -1);
    });
    let cands: Candidate[] = [];
    heads.forEach((h, k) => {
      const clause = clauseOf(tokens, h, segHasHead, MENTION_DEFAULTS.window, denials);
      const seg = tokens[h.from]?.seg ?? -1;
      const widened = (tokens[clause[0]]?.seg ?? seg) !== seg || (tokens[clause[1] - 1]?.seg ?? seg) !== seg;
      const wide = clauseOf(tokens, h, segHasHead, MENTION_DEFAULTS.listWindow, denials);
      cands.push(...(widened ? candidatesFromHead(lex, tokens, scopeAt, h, clause, drugs, wide, below) : (own[k] ?? [])));
    });
    cands.push(...titleCandidates(lex, tokens).filter((c) => !crossesDenial(scopeAt, c.words)));
    cands = resolveOverlaps(cands, tokens, lex.forms.modifierAdjectives).filter(
      (c) =>
        !isHeadingLabel(text, tokens, c.words) &&
        (c.codes.some((code) => code.startsWith('Z')) || !namesCareUnit(text, tokens, c.words, lex.forms.careUnits)) &&
        !namesCareUnit(text, tokens, c.words, lex.forms.testNouns),
    );
    const procs: ProcedureHit[] = procedures ? findProcedureMentions(procedures, tokens) : [];

    const built: Omit<Mention, 'id' | 'context'>[] = [];
    const pastOnly = new Set<number>();
    const madeNow = new Map<number, string>();
    for (const c of cands) {
      const evidence = spansOf(tokens, c.words);
      const first = evidence[0];
      const last = evidence[evidence.length - 1];
      if (!first || !last) continue;
      const span = { start: first.start, end: Math.max(...evidence.map((e) => e.end)) };
      const made = c.opening !== undefined && openingMade(lex.forms, tokens, c.opening);
      if (made) madeNow.set(built.length, c.codes.join());
      const present = c.opening !== undefined && !made && openingPresent(lex.forms, sText) && !madeInEpisode.has(c.codes.join());
      if (c.pastOnly && !present) pastOnly.add(built.length);
      built.push({
        span,
        evidence,
        text: text.slice(span.start, span.end),
        sentence: { start: sentence.start, end: sentence.end },
        section,
        source: c.source,
        system: 'icd10cm',
        path: c.path,
        codes: c.codes,
        confidence: c.confidence,
      });
    }
    for (const p of procs) {
      const evidence = spansOf(tokens, p.words);
      const first = evidence[0];
      if (!first) continue;
      const span = { start: first.start, end: Math.max(...evidence.map((e) => e.end)) };
      // One mention per code system: ICD-10-PCS (inpatient) and HCPCS Level II (outpatient); the
      // coding rules keep the one the setting calls for.
      const systems: Array<['icd10pcs' | 'hcpcs', string[]]> = [
        ['icd10pcs', p.codes],
        ['hcpcs', p.hcpcs],
      ];
      for (const [system, codes] of systems) {
        if (codes.length === 0) continue;
        built.push({
          span,
          evidence,
          text: text.slice(span.start, span.end),
          sentence: { start: sentence.start, end: sentence.end },
          section,
          source: 'procedure',
          system,
          path: p.path,
          codes,
          confidence: p.confidence,
          ...(system === 'icd10pcs' && p.undecided ? { undecided: p.undecided } : {}),
          ...(system === 'icd10pcs' && p.written ? { written: p.written } : {}),
        });
      }
    }
    // Words that name a procedure whole ("flu shot": influenza vaccine) do not also name a condition;
    // a condition inside a longer procedure phrase ("hernia" of "hernia repair") stays, and so does a status.
    const procedureSpans = new Set(built.filter((b) => b.source === 'procedure').map((b) => `${b.span.start}:${b.span.end}`));
    const namesProcedure = (b: (typeof built)[number]) =>
      b.source !== 'procedure' && !b.codes.some((c) => c.startsWith('Z')) && procedureSpans.has(`${b.span.start}:${b.span.end}`);
    if (built.length === 0) continue;
    const results = applyContext(
      sText,
      // Procedure-only triggers ("declined", "scheduled for") modify procedures alone (context.json `targets`).
      // Procedure readings that share words are one procedure phrase ("diagnostic colonoscopy with biopsy"):
      // each starts where the phrase does, so a trigger before it reaches all of it.
      built.map((b) => ({
        start:
          (b.source === 'procedure'
            ? Math.min(...built.filter((o) => o.source === 'procedure' && o.span.start < b.span.end && o.span.end > b.span.start).map((o) => o.span.start))
            : b.span.start) - sentence.start,
        end: b.span.end - sentence.start,
        kind: b.source === 'procedure' ? ('procedure' as const) : ('condition' as const),
        mainTerm: b.source === 'index' ? b.path[0] : undefined,
        headWord: b.source === 'procedure' ? undefined : b.path[0],
      })),
      context,
      { section },
    );
    built.forEach((b, k) => {
      const context = toContext(results[k], sentence.start);
      const made = madeNow.get(k);
      if (made !== undefined && !context.historical && !context.negated && !context.hypothetical) madeInEpisode.add(made);
      if (pastOnly.has(k) && !context.historical) return;
      if (namesProcedure(b)) return;
      mentions.push({ ...b, context });
    });
  }
  mentions.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
  return mentions.map((m, i) => ({ id: `m${i}`, ...m }));
}

export { COLUMN };
