/**
 * The index walk: from a main term found in a sentence, descend its subterms the way a coder does,
 * taking a subterm when its words appear near the main term (any order, within the clause window),
 * and keep the deepest path the text supports. "with", "in" and "due to" subterms have no words of
 * their own and are passed through; a subterm that only says "see …" continues at the named entry.
 *
 * A lettered stage ("stage 3b") also answers to its bare number when the Index lists no lettered
 * subterm (Disease, kidney, chronic, stage 3 N18.3-); the Tabular then gives the letter.
 *
 * Work is bounded: at most `MAX_VISITS` child tests per main term and `MAX_DEPTH` levels.
 */
import type { Lexicon, LexNode, NeoRef } from './lexicon';
import { bareNumberAfter, wordKey } from './mention-text';

/** A word of the sentence as the walk sees it. */
export interface WalkToken {
  /** Word key after the word-form table. */
  w: string;
  /** Word key before it (the literal form, for tie-breaks). */
  lit: string;
  start: number;
  end: number;
  /** Read from an abbreviation's expansion. */
  abbr: boolean;
  /** Written with a capital letter. */
  cap?: boolean;
  /** Written all in capitals (two letters or more). */
  upper?: boolean;
}

/** The words near one main term: word key → token positions, nearest first. */
export interface WalkWindow {
  tokens: readonly WalkToken[];
  byWord: Map<string, number[]>;
  /** Position of the main term (for distances). */
  center: number;
  /**
   * Positions a "without" governs ("diabetes without complications"): never the words of a "with"
   * subterm (E11.8 "with complication"), which would read the note backwards.
   */
  without: number[];
  /** The main term is itself among the words a "without" governs: they are its own words, not the absent condition's. */
  headWithout: boolean;
}

export interface WalkStep {
  node: number;
  /** Where the walk continued: the node itself, or the entry its "see" names. */
  target: number;
  /** Token positions of the node's words and of its nonessential modifiers. */
  words: number[];
  opt: number[];
  /**
   * Of those, the words found only as the note writes them, where the note-side reader rewrote them
   * ("adynamic", read as Adynamia, found under Ileus as adynamic).
   */
  asWritten?: number[];
}

export interface WalkResult {
  score: number;
  /** Sum of distances from the main term (lower is tighter). */
  dist: number;
  /** Words of the nodes' titles the note does not write (fewer wins a tie). */
  unsaid: number;
  /** Words written as their nodes print them (the last tie-break). */
  printed: number;
  /** Note words the path explains, required or modifiers. */
  covered: number;
  /** The path went on through the "see also" of a table row with no cells of its own. */
  referred: boolean;
  steps: WalkStep[];
}

export const MAX_DEPTH = 10;
/** A subterm printed with its "with" ("with foreign body", "with hemorrhage"). */
const WITH_TITLE = /^with\b/i;
/** A subterm printed with its "without" ("without complication", "without pulmonary embolism"). */
const WITHOUT_TITLE = /^without\b/i;
const SAYS_WITHOUT = /\bwithout\b/i;
export const MAX_VISITS = 400;
/** Weight of a nonessential modifier found in the text, against 1 for a required word. */
const OPT_WEIGHT = 0.25;
const EMPTY: WalkResult = { score: 0, dist: 0, unsaid: 0, printed: 0, covered: 0, referred: false, steps: [] };

export function makeWindow(
  tokens: readonly WalkToken[],
  from: number,
  to: number,
  exclude: ReadonlySet<number>,
  center: number,
): WalkWindow {
  const byWord = new Map<string, number[]>();
  for (let i = from; i < to; i++) {
    if (exclude.has(i)) continue;
    const t = tokens[i];
    if (!t) continue;
    // A word is also found as written when the reader rewrote it: "adynamic" is read as Adynamia (a
    // suffix rule for a word no main term prints), and the coder still finds it under Ileus, adynamic K56.0.
    // Not a word read as several ("tympanic" → tympanic membrane): the table reads the Index alike.
    const alone = tokens[i - 1]?.start !== t.start && tokens[i + 1]?.start !== t.start;
    for (const w of [t.w, bareNumberAfter(tokens[i - 1]?.w, t.w), t.lit !== t.w && alone ? t.lit : undefined]) {
      if (w === undefined) continue;
      const list = byWord.get(w);
      if (!list) byWord.set(w, [i]);
      else if (list[list.length - 1] !== i) list.push(i);
    }
  }
  for (const list of byWord.values()) if (list.length > 1) list.sort((a, b) => Math.abs(a - center) - Math.abs(b - center));
  // A "without" governs the words after it up to the next "with" ("without complications, with edema").
  const without: number[] = [];
  let governed = false;
  for (let i = from; i < to; i++) {
    const w = tokens[i]?.w;
    if (w === 'without') governed = true;
    else if (w === 'with') governed = false;
    else if (governed) without.push(i);
  }
  return { tokens, byWord, center, without, headWithout: without.includes(center) };
}

interface NodeMatch {
  score: number;
  dist: number;
  /** Required words of the node's title (all alternatives) the note does not write (a tie-break). */
  unsaid: number;
  /** Words written as the node prints them, not only through the word-form table (a tie-break). */
  printed: number;
  words: number[];
  opt: number[];
  asWritten: number[];
}

function firstFree(win: WalkWindow, word: string, used: readonly number[], taken: readonly number[]): number {
  const list = win.byWord.get(word);
  if (!list) return -1;
  for (const p of list) if (!used.includes(p) && !taken.includes(p)) return p;
  return -1;
}

/** An eponym: capitalised and within three words of the main term. */
function eponymAt(win: WalkWindow, word: string, used: readonly number[], taken: readonly number[]): number {
  const list = win.byWord.get(word);
  if (!list) return -1;
  for (const p of list) {
    if (used.includes(p) || taken.includes(p)) continue;
    if (win.tokens[p]?.cap && Math.abs(p - win.center) <= 3) return p;
  }
  return -1;
}

/** Word keys of a node's printed title, before the word-form table (built on first use). */
const titleKeys = new WeakMap<LexNode, ReadonlySet<string>>();
function literalTitleKeys(node: LexNode): ReadonlySet<string> {
  let keys = titleKeys.get(node);
  if (!keys) {
    keys = new Set(node.title.split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(wordKey));
    titleKeys.set(node, keys);
  }
  return keys;
}

/** Required word keys of all a node's alternatives (built on first use). */
const reqKeys = new WeakMap<LexNode, ReadonlySet<string>>();
function allRequired(node: LexNode): ReadonlySet<string> {
  let keys = reqKeys.get(node);
  if (!keys) {
    keys = new Set(node.alts.flatMap((a) => a.req));
    reqKeys.set(node, keys);
  }
  return keys;
}

/**
 * Required words of the node the note does not write. An "or" title offers each option with the rest of
 * its words ("intraspinal venous sinuses or veins", "specified organ or tissue NEC"); a note that says
 * only "vein" or "tissue" names the sibling printed with that word alone (Embolism, vein I82.90;
 * Transplant, tissue Z94.9) rather than the one that adds words the note never wrote.
 */
function unsaidWords(node: LexNode, win: WalkWindow, words: readonly number[]): number {
  const keys = allRequired(node);
  if (keys.size === 0) return 0;
  const said = new Set(words.map((p) => win.tokens[p]?.w));
  let n = 0;
  for (const k of keys) if (!said.has(k)) n++;
  return n;
}

/** Does the text hold this node's words? Best alternative, or null. */
export function matchNode(node: LexNode, win: WalkWindow, used: readonly number[]): NodeMatch | null {
  let best: NodeMatch | null = null;
  if (node.alts.length === 0) best = { score: 0, dist: 0, unsaid: 0, printed: 0, words: [], opt: [], asWritten: [] };
  for (const alt of node.alts) {
    const words: number[] = [];
    let ok = true;
    for (const w of alt.req) {
      const p = alt.epo?.includes(w) ? eponymAt(win, w, used, words) : firstFree(win, w, used, words);
      if (p < 0) {
        ok = false;
        break;
      }
      words.push(p);
    }
    if (!ok) continue;
    let literal = 0;
    let printed = 0;
    let dist = 0;
    const asWritten: number[] = [];
    const answers = node.codes !== undefined || node.see !== undefined;
    for (const [i, p] of words.entries()) {
      const t = win.tokens[p];
      if (t && t.lit !== t.w && t.lit === alt.req[i]) asWritten.push(p);
      if (t && (t.lit === t.w || t.lit === alt.req[i])) literal++;
      // The last tie-break: a word the note writes as this node prints it, either way round. "aortic
      // stenosis" is Stenosis, aortic (valve) I35.0, not Stenosis, aorta Q25.1, though the word-form
      // table reads both as "aorta"; "liver injury" is Injury, liver S36.119, not Injury, hepatic (whose
      // subterms are its artery, duct and vein). An adjective counts only at a node that answers (a code
      // or a "see"): Hemorrhage, cerebral, cerebrum has neither, the coder goes on at Hemorrhage, brain.
      if (t && (t.lit === t.w || answers) && literalTitleKeys(node).has(t.lit)) printed++;
      dist += Math.abs(p - win.center);
    }
    const score = words.length + literal * 0.001;
    if (!best || score > best.score || (score === best.score && (dist < best.dist || (dist === best.dist && printed > best.printed))))
      best = { score, dist, unsaid: 0, printed, words, opt: [], asWritten };
  }
  if (!best) return null;
  best.unsaid = unsaidWords(node, win, best.words);
  // A node with no words of its own ("with", or "personal" under History) is passed through: its
  // modifiers are evidence but do not make the path better.
  const weight = node.alts.length === 0 ? 0 : OPT_WEIGHT;
  for (const w of node.opt ?? []) {
    const p = firstFree(win, w, used, best.words);
    if (p >= 0 && !best.opt.includes(p)) {
      best.opt.push(p);
      const t = win.tokens[p];
      if (t && t.lit !== t.w && t.lit === w) best.asWritten.push(p);
      best.score += weight;
    }
  }
  return best;
}

/** Children worth testing: those indexed by a word of the window, and those without words. */
function candidates(node: LexNode, win: WalkWindow, stamp: Map<number, number>, mark: number): number[] {
  const ix = node.kidIx;
  // Few children: all of them (a child whose words are absent fails its first lookup).
  if (!ix) return node.kids ?? [];
  const out: number[] = [];
  if (node.free) for (const k of node.free) out.push(k);
  if (ix.size <= win.byWord.size) {
    for (const [word, kids] of ix) {
      if (!win.byWord.has(word)) continue;
      for (const k of kids) {
        if (stamp.get(k) === mark) continue;
        stamp.set(k, mark);
        out.push(k);
      }
    }
  } else {
    for (const word of win.byWord.keys()) {
      const kids = ix.get(word);
      if (!kids) continue;
      for (const k of kids) {
        if (stamp.get(k) === mark) continue;
        stamp.set(k, mark);
        out.push(k);
      }
    }
  }
  // Index order, so that ties go to the entry printed first.
  return out.sort((a, b) => a - b);
}

/** Where a matched node leads: itself, or (when it has no code) the entry its "see" names. */
export function continuation(lex: Lexicon, id: number): number {
  let n = id;
  for (let guard = 0; guard < 4; guard++) {
    lex.ensure(n);
    const node = lex.nodes[n];
    // "Neoplasm, lymph, node — see also Neoplasm, lymph gland": a table row with no cells of its own is
    // read on at the row it refers to, so its site words still lead below it ("axillary lymph node" →
    // lymph gland, axillary C77.3, as the coder reads the row referred to).
    if (node?.source === 'neoplasm' && !node.cells && !node.codes && node.neo && node.neo.column === undefined && node.neo.site !== n) {
      n = node.neo.site;
      continue;
    }
    if (!node || node.codes || node.neo || node.cells || node.see === undefined) return n;
    n = node.see;
  }
  return n;
}

/**
 * The best path below `start` (not counting `start`'s own words). Deterministic: higher score, then
 * tighter words, then fewer title words the note does not write, then words written as the Index
 * prints them, then index order.
 */
export function walk(lex: Lexicon, start: number, win: WalkWindow, used: readonly number[]): WalkResult {
  const budget = { visits: MAX_VISITS };
  const stamp = new Map<number, number>();
  let marks = 0;
  // Words a "without" governs are the absent condition's: only a subterm printed "without …" (and those below
  // it) takes them ("pulmonary emboli without right heart strain" is Embolism, pulmonary, not Embolism, heart),
  // and such a subterm takes no other word ("pulmonary embolism without acute cor pulmonale" is no Cor
  // pulmonale, acute, without pulmonary embolism I27.81: the embolism is written before the "without").
  const governed = new Set(win.without);
  const ungoverned =
    win.without.length > 0 ? win.tokens.map((_, i) => i).filter((i) => !governed.has(i) && win.tokens[i]?.w !== 'without') : [];
  const explore = (id: number, usedNow: readonly number[], depth: number, seen: readonly number[], withoutOk = false): WalkResult => {
    lex.ensure(id);
    const node = lex.nodes[id];
    if (!node || depth >= MAX_DEPTH || budget.visits <= 0) return EMPTY;
    let best = EMPTY;
    marks++;
    for (const k of candidates(node, win, stamp, marks)) {
      if (budget.visits-- <= 0) break;
      const child = lex.nodes[k];
      if (!child) continue;
      // A subterm printed "with foreign body" takes none of the words a "without" governs, as the children
      // of a bare "with" do not: "laceration of scalp without foreign body" is S01.01-, not S01.02-.
      const withTitled = win.without.length > 0 && child.alts.length > 0 && WITH_TITLE.test(child.title);
      const withoutTitled = WITHOUT_TITLE.test(child.title);
      let blocked: readonly number[] = [];
      if (withTitled) blocked = win.without;
      else if (win.without.length > 0 && child.alts.length > 0) {
        // A main term the "without" governs itself takes no word written before the "without" either,
        // unless its subterm prints the "without" ("Lupus, anticoagulant, finding without diagnosis").
        if (withoutTitled) blocked = ungoverned;
        else if (win.headWithout) blocked = SAYS_WITHOUT.test(child.title) ? [] : ungoverned;
        else if (!withoutOk) blocked = win.without;
      }
      const m = matchNode(child, win, blocked.length > 0 ? [...usedNow, ...blocked] : usedNow);
      if (!m) continue;
      const target = continuation(lex, k);
      // A "see" loop (A → B → A) ends here.
      if (seen.includes(target)) continue;
      // "Pain, foot — see Pain, limb, lower": the coder looks the same word up below the entry named
      // (Pain, limb, lower, foot M79.67-), so a "see" leaves the words it matched free for its target.
      let nextUsed = m.words.length > 0 && target === k ? [...usedNow, ...m.words] : usedNow;
      // A "see" into another main term frees the words of the main term the walk began at as well: at
      // "Rupture, aneurysm — see Aneurysm" the coder reads "ruptured" again below Aneurysm (abdominal,
      // ruptured I71.3), as the one who looks "aneurysm" up first does.
      if (target !== k && lex.nodes[target]?.main !== child.main) nextUsed = nextUsed.filter((p) => !used.includes(p));
      if (child.alts.length === 0 && child.title === 'with' && win.without.length > 0) nextUsed = [...nextUsed, ...win.without];
      const sub = explore(target, nextUsed, depth + 1, target === k ? seen : [...seen, target], withoutOk || withoutTitled);
      const score = m.score + sub.score;
      const dist = m.dist + sub.dist;
      const unsaid = m.unsaid + sub.unsaid;
      const printed = m.printed + sub.printed;
      const covered = m.words.length + m.opt.length + sub.covered;
      const referred = sub.referred || (target !== k && child.source === 'neoplasm' && !child.cells && !child.codes);
      if (score <= 0) continue;
      const tied = Math.abs(score - best.score) <= 1e-9;
      const close = tied && dist === best.dist;
      // A "see also" is where the coder looks when the row itself does not answer: a row printed for the
      // words ("parotid (duct) (gland)") beats one reached through another row's reference ("gland,
      // glandular (lymphatic) — see also lymph gland", then parotid) when it explains as many note words.
      const oneReferred = best.steps.length > 0 && referred !== best.referred;
      if (oneReferred && referred && best.covered >= covered) continue;
      const directWins = oneReferred && !referred && covered >= best.covered;
      if (
        directWins ||
        score > best.score + 1e-9 ||
        (tied && dist < best.dist) ||
        (close && unsaid < best.unsaid) ||
        (close && unsaid === best.unsaid && printed > best.printed)
      ) {
        best = { score, dist, unsaid, printed, covered, referred, steps: [{ node: k, target, words: m.words, opt: m.opt, asWritten: m.asWritten }, ...sub.steps] };
      }
    }
    return best;
  };
  return explore(start, used, 0, [start]);
}

/**
 * The two word positions that bound the gap between a group of read words and newly found ones (the
 * last of the first and the first of the second, whichever comes first in the text); [-1, -1] when
 * they interleave. Coordinated lists ("liver, retroperitoneal and mediastinal") are read across it.
 */
export function gapBetween(group: readonly number[], found: readonly number[]): [number, number] {
  const lo = Math.min(...group);
  const hi = Math.max(...group);
  const nlo = Math.min(...found);
  const nhi = Math.max(...found);
  return nlo > hi ? [hi, nlo] : nhi < lo ? [nhi, lo] : [-1, -1];
}

/** The node whose codes the path gives: the deepest step with a code, a table cell or a neoplasm reference. */
export function codedNode(lex: Lexicon, root: number, steps: readonly WalkStep[]): { node: number; depth: number } | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i];
    if (!s) continue;
    for (const id of s.target === s.node ? [s.node] : [s.target, s.node]) {
      const n = lex.nodes[id];
      if (n && (n.codes || n.neo || n.cells)) return { node: id, depth: i + 1 };
    }
  }
  const r = lex.nodes[root];
  if (r && (r.codes || r.neo || r.cells)) return { node: root, depth: 0 };
  return undefined;
}

export type { NeoRef };
