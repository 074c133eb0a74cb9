/**
 * The Table of Neoplasms, as a coder uses it after the index says "see Neoplasm, by site, malignant":
 * find the site among the words near the morphology term, then read the column for the behaviour.
 *
 * Behaviour (ICD-10-CM Index, "Neoplasm" and "Metastasis" entries; Official Guidelines I.C.2):
 * - the index entry's own column ("Carcinoma … see Neoplasm, by site, malignant" → Malignant Primary;
 *   "Tumor … see Neoplasm, unspecified behavior") unless the text says otherwise;
 * - "benign", "in situ", "malignant", "uncertain" in the text choose their column;
 * - "metastatic to X", "metastasis to X", "X metastases": X is a secondary site (Malignant Secondary);
 * - "metastatic carcinoma of X": X is the primary site, with secondary of unspecified site (C79.9)
 *   after it, as the index reads "Metastasis, cancer, from specified site";
 * - so is "metastatic X cancer" read from the main term "Metastasis": the cancer is from X, not to it,
 *   unless a "to" stands between the metastasis word and the cancer ("metastatic to the liver cancer").
 */
import type { Lexicon } from './lexicon';
import { gapBetween, makeWindow, type NeoRef, type WalkResult, type WalkToken, type WalkWindow, walk } from './mention-walk';

export const COLUMN = { primary: 0, secondary: 1, inSitu: 2, benign: 3, uncertain: 4, unspecified: 5 } as const;

/** The secondary neoplasm of unspecified site: added after a primary named "metastatic". */
export const SECONDARY_UNSPECIFIED = 'C799';

const METASTASIS = new Set(['metastasis', 'metastase', 'metastatic', 'secondary', 'spread']);
/** The metastasis words that name one by themselves ("secondary" and "spread" need more words). */
const METASTASIS_WORDS = ['metastasis', 'metastase', 'metastatic'];
/** Words after a metastasis word that lead to the site it went to. */
const TO = ['to', 'into', 'in', 'at'];
/** Words between "with" and a metastasis word that end its site phrase (see metastasesWith). */
const NOT_WITH = ['of', 'without', 'no', 'not', 'nor'];

export interface NeoplasmResult {
  codes: string[];
  path: string[];
  /** Token positions used for the site and behaviour words. */
  words: number[];
  /** Whether a site was found (otherwise the table's "unspecified site" row). */
  site: boolean;
}

function columnFromText(win: WalkWindow, used: readonly number[]): { column?: number; words: number[] } {
  const words: number[] = [];
  let column: number | undefined;
  const take = (w: string, c: number) => {
    const list = win.byWord.get(w);
    const p = list?.find((x) => !used.includes(x));
    if (p === undefined) return false;
    words.push(p);
    column = c;
    return true;
  };
  if (take('benign', COLUMN.benign)) return { column, words };
  const situ = win.byWord.get('situ');
  if (situ && situ.length > 0) {
    const p = situ[0] ?? -1;
    if (win.tokens[p - 1]?.w === 'in') {
      words.push(p - 1, p);
      return { column: COLUMN.inSitu, words };
    }
  }
  if (take('uncertain', COLUMN.uncertain)) return { column, words };
  take('malignant', COLUMN.primary);
  return { column, words };
}

/**
 * A metastasis word followed by "to" / "in" / "into" within a few words ("metastatic to the liver",
 * "metastasis of prostatic adenocarcinoma in the maxillary sinus"): the site after it is secondary.
 */
function metastaticTo(win: WalkWindow, used: readonly number[], after = -1): { at: number; to: number } | undefined {
  for (const w of METASTASIS) {
    for (const p of win.byWord.get(w) ?? []) {
      if (p <= after) continue;
      for (let k = p + 1; k <= p + 6; k++) {
        const t = win.tokens[k];
        if (!t) break;
        if (TO.includes(t.w)) return used.includes(p) ? { at: -1, to: k } : { at: p, to: k };
      }
    }
  }
  return undefined;
}

/**
 * "Gastric adenocarcinoma with liver metastases": a metastasis word whose own site words follow a
 * "with" (up to four words before it) splits the sites as "metastatic to" does: the site before the
 * "with" is the primary one, the site after it secondary (Index Metastasis, to specified site: see
 * Neoplasm, secondary, by site; Guidelines I.C.2). `to` is the position of the "with".
 */
function metastasesWith(win: WalkWindow, used: readonly number[]): { at: number; to: number } | undefined {
  for (const w of METASTASIS) {
    if (w === 'secondary' || w === 'spread') continue;
    for (const p of win.byWord.get(w) ?? []) {
      if (used.includes(p)) continue;
      for (let k = p - 1; k >= Math.max(1, p - 5); k--) {
        const t = win.tokens[k]?.w ?? '';
        if (t === 'with') return { at: p, to: k };
        // "with no liver metastases" is no secondary site, and "of" / "to" already name the site's own phrase.
        if (TO.includes(t) || NOT_WITH.includes(t) || METASTASIS.has(t)) break;
      }
    }
  }
  return undefined;
}

function metastasisWord(win: WalkWindow, used: readonly number[]): number {
  for (const w of METASTASIS) {
    if (w === 'secondary' || w === 'spread') continue;
    for (const p of win.byWord.get(w) ?? []) if (!used.includes(p)) return p;
  }
  return -1;
}

/**
 * The words of the main term's subterms that lead to "from specified site" ("Metastasis, metastatic,
 * cancer, from specified site - see Neoplasm, malignant, by site"), read from the Index itself.
 */
function fromSiteWords(lex: Lexicon, head: number): string[] {
  const out: string[] = [];
  for (const k of lex.nodes[head]?.kids ?? []) {
    const kid = lex.nodes[k];
    if (!kid?.kids?.some((g) => /^from specified site/i.test(lex.nodes[g]?.title ?? ''))) continue;
    for (const alt of kid.alts) out.push(...alt.req);
  }
  return out;
}

/**
 * Under the main term "Metastasis", a cancer word that names where the cancer is from: after the
 * metastasis word with no "to" / "in" / "into" / "at" between them ("metastatic breast cancer"), or
 * before it when the metastasis word goes on to a site ("lung cancer metastatic to the brain"). The
 * site is then primary. The position of that cancer word, or -1.
 */
function cancerFromSite(lex: Lexicon, head: number, win: WalkWindow): number {
  const words = fromSiteWords(lex, head);
  if (words.length === 0) return -1;
  let first = -1;
  for (const w of METASTASIS) for (const p of win.byWord.get(w) ?? []) if (first < 0 || p < first) first = p;
  if (first < 0) return -1;
  for (const w of words) {
    for (const c of win.byWord.get(w) ?? []) {
      if (c < first) {
        if (metastaticTo(win, [], c)) return c;
        continue;
      }
      let crossed = false;
      for (let k = first + 1; k < c && !crossed; k++) crossed = TO.includes(win.tokens[k]?.w ?? '');
      if (!crossed) return c;
    }
  }
  return -1;
}

function siteWalk(lex: Lexicon, ref: NeoRef, win: WalkWindow, used: readonly number[]): { node: number; result: WalkResult } {
  const result = walk(lex, ref.site, win, used);
  const last = result.steps[result.steps.length - 1];
  return { node: last ? last.target : ref.site, result };
}

/**
 * Whether the table row that gives `node` its cells (itself or its nearest ancestor with cells) has a
 * Malignant Secondary code and none in Malignant Primary: the row "lymph, gland (secondary)" and its
 * subterms, whose malignant neoplasm is secondary by the table's own reading (C77.-, "Secondary and
 * unspecified malignant neoplasm of lymph nodes"), so "lymph nodes infiltrated by carcinoma" is C77.9,
 * not the primary cell of the row above it (lymph, lymphatic channel NEC C49.9).
 */
function secondaryOnly(lex: Lexicon, node: number): boolean {
  const cells = rowCells(lex, node);
  return !!cells && !cells[COLUMN.primary] && !!cells[COLUMN.secondary];
}

/** The cells of the table row that gives `node` its cells: itself, the row it refers to, or its nearest ancestor. */
export function rowCells(lex: Lexicon, node: number): (string | null)[] | undefined {
  let n = node;
  for (let guard = 0; n >= 0 && guard < 32; guard++) {
    const x = lex.nodes[n];
    if (!x) return undefined;
    const cells = x.cells ?? (x.neo && x.neo.site !== n ? lex.nodes[x.neo.site]?.cells : undefined);
    if (cells) return cells;
    n = x.parent;
  }
  return undefined;
}

/** Cell of `column` at `node`, or at its nearest ancestor that has one. */
function cell(lex: Lexicon, node: number, column: number): { code: string; node: number } | undefined {
  let n = node;
  for (let guard = 0; n >= 0 && guard < 32; guard++) {
    const x = lex.nodes[n];
    if (!x) return undefined;
    const c = x.cells?.[column];
    if (c) return { code: c, node: n };
    // "node, see also Neoplasm, lymph gland": a row without this column reads the row it refers to
    // ("lymph node metastases" → lymph gland, secondary C77.9).
    if (x.neo && x.neo.site !== n) {
      const referred = lex.nodes[x.neo.site]?.cells?.[column];
      if (referred) return { code: referred, node: x.neo.site };
    }
    n = x.parent;
  }
  return undefined;
}

function sitePath(lex: Lexicon, node: number): string[] {
  const out: string[] = [];
  let n = node;
  for (let guard = 0; n >= 0 && guard < 32; guard++) {
    const x = lex.nodes[n];
    if (!x) break;
    out.push(x.title);
    n = x.parent;
  }
  return out.reverse();
}

/**
 * Resolve a neoplasm reference against the words near a morphology term (`used`: positions already
 * taken by the morphology path). `isMetastasisHead`: the main term itself is "Metastasis".
 */
export function resolveNeoplasm(
  lex: Lexicon,
  refIn: NeoRef,
  tokens: readonly WalkToken[],
  winIn: WalkWindow,
  used: readonly number[],
  metastasisHead: boolean,
  head = -1,
): NeoplasmResult | undefined {
  if (lex.neoplasmRoot < 0) return undefined;
  const win = refIn.column === COLUMN.primary ? withMetastasisAfter(tokens, winIn) : winIn;
  const behaviour = columnFromText(win, used);
  // "Metastatic breast cancer": Metastasis, cancer, from specified site (primary), read as "metastatic carcinoma of".
  const fromSite = metastasisHead && head >= 0 ? cancerFromSite(lex, head, win) : -1;
  const isMetastasisHead = metastasisHead && fromSite < 0;
  const ref: NeoRef = fromSite >= 0 ? { ...refIn, column: COLUMN.primary } : refIn;
  let column = ref.column ?? COLUMN.unspecified;
  if (behaviour.column !== undefined && !(ref.column === COLUMN.secondary && behaviour.column === COLUMN.primary))
    column = behaviour.column;
  const words = [...behaviour.words];
  // Metastasis words are behaviour, never a site (the table's "metastatic NEC" row is not one).
  const metaWords: number[] = [];
  for (const w of METASTASIS) for (const p of win.byWord.get(w) ?? []) metaWords.push(p);
  const usedNow = [...used, ...words, ...metaWords];
  const usedBefore = [...used, ...words];
  // After a cancer from its site, only a metastasis word past the cancer word names a secondary site.
  const to = metastaticTo(win, usedBefore, fromSite) ?? (fromSite < 0 ? metastasesWith(win, usedBefore) : undefined);
  const secondaryHead = isMetastasisHead || ref.column === COLUMN.secondary;

  if (to && !secondaryHead && column === COLUMN.primary) {
    // "adenocarcinoma of the colon metastatic to the liver": the site before "to" is primary, the one after secondary.
    const before = makeWindow(tokens, 0, to.to, new Set(usedNow), win.center);
    restrict(before, win);
    // "with bone pain and liver metastases": the secondary site is the one next to its metastasis word.
    const after = makeWindow(tokens, to.to + 1, tokens.length, new Set(usedNow), to.at > to.to ? to.at : win.center);
    restrict(after, win);
    const primary = siteWalk(lex, ref, before, usedNow);
    const secondary = siteWalk(lex, { site: lex.neoplasmRoot }, after, usedNow);
    const codes: string[] = [];
    const p = cell(lex, primary.node, COLUMN.primary);
    const s = cell(lex, secondary.node, COLUMN.secondary);
    if (p) codes.push(p.code);
    if (s && secondary.result.steps.length > 0) codes.push(s.code);
    if (codes.length === 0) return undefined;
    const stepWords = [...primary.result.steps, ...secondary.result.steps].flatMap((st) => [...st.words, ...st.opt]);
    if (secondary.result.steps.length > 0) {
      const more = coordinatedSites(lex, after, [...usedNow, ...stepWords], stepsWords(secondary.result));
      for (const code of more.codes) if (!codes.includes(code)) codes.push(code);
      stepWords.push(...more.words);
    }
    if (to.at >= 0) stepWords.push(to.at);
    return {
      codes,
      path: [...sitePath(lex, primary.node), lex.neoplasmColumns[COLUMN.primary] ?? 'Malignant Primary'],
      words: [...words, ...stepWords],
      site: primary.result.steps.length > 0,
    };
  }

  let addSecondaryUnspecified = false;
  if (secondaryHead || (to && column === COLUMN.primary)) column = COLUMN.secondary;
  else if (fromSite >= 0) addSecondaryUnspecified = true;
  else if (column === COLUMN.primary) {
    const mw = metastasisWord(win, usedBefore);
    if (mw >= 0) {
      // "metastatic adenocarcinoma of the lung": primary lung, secondary of unspecified site.
      words.push(mw);
      addSecondaryUnspecified = true;
    }
  }
  const site = siteWalk(lex, ref, win, [...usedNow, ...words]);
  // Only nodes the cancer word itself names ("lymph nodes infiltrated by carcinoma"): in "lymph node biopsy in
  // patients with bladder cancer" the cancer is the bladder's, and the nodes are the biopsy's.
  const siteWords = site.result.steps.flatMap((st) => st.words);
  const between = (w: number) => win.tokens.slice(Math.min(w, win.center) + 1, Math.max(w, win.center)).some((t) => t.w === 'with');
  const namedByCancerWord = siteWords.length > 0 && !siteWords.some(between);
  if (column === COLUMN.primary && namedByCancerWord && secondaryOnly(lex, site.node)) column = COLUMN.secondary;
  const c = cell(lex, site.node, column);
  if (!c) return undefined;
  const codes = [c.code];
  if (column === COLUMN.secondary && site.result.steps.length > 0) {
    // "liver and lung metastases", "metastases to the liver, lung and bone": one secondary per site.
    const own = stepsWords(site.result);
    const more = coordinatedSites(lex, withSitesBefore(tokens, win, own), [...usedNow, ...words, ...own], own);
    for (const code of more.codes) if (!codes.includes(code)) codes.push(code);
    words.push(...more.words);
  }
  if (addSecondaryUnspecified && c.code !== SECONDARY_UNSPECIFIED) codes.push(SECONDARY_UNSPECIFIED);
  const found = site.result.steps.length > 0 || ref.site !== lex.neoplasmRoot;
  // A bare "Metastasis" with no site names nothing a coder would code from the table.
  if (isMetastasisHead && !found) return undefined;
  return {
    codes,
    path: [...sitePath(lex, site.node), lex.neoplasmColumns[column] ?? String(column)],
    words: [...words, ...site.result.steps.flatMap((st) => [...st.words, ...st.opt])],
    site: found,
  };
}

const stepsWords = (r: WalkResult) => r.steps.flatMap((st) => [...st.words, ...st.opt]);

/** Words that may join coordinated sites ("liver, lung and bone"; "both the liver and the lung"). */
const COORDINATION = new Set(['and', 'or', 'the', 'both', 'also', 'as', 'well']);

/**
 * Further secondary sites coordinated with the first ("liver and lung"): each found by a new walk of
 * the table on the words not used yet, kept only if nothing but a comma or a coordinating word stands
 * between it and the sites already found ("liver metastases from colon cancer" keeps colon primary).
 */
function coordinatedSites(lex: Lexicon, win: WalkWindow, used: readonly number[], first: readonly number[]): { codes: string[]; words: number[] } {
  const codes: string[] = [];
  const words: number[] = [];
  const group = [...first];
  const taken = [...used];
  // A site that is not (yet) next to the group is set aside and tried again once the group grows
  // ("liver, retroperitoneal and mediastinal": mediastinal joins only after retroperitoneal).
  const aside: number[] = [];
  for (let k = 0; k < 8 && group.length > 0; k++) {
    const next = siteWalk(lex, { site: lex.neoplasmRoot }, win, [...taken, ...aside]);
    const found = stepsWords(next.result);
    if (next.result.steps.length === 0 || found.length === 0) break;
    const [a, b] = gapBetween(group, found);
    let joined = a >= 0;
    for (let p = a + 1; joined && p < b; p++) if (!COORDINATION.has(win.tokens[p]?.w ?? '')) joined = false;
    if (!joined) {
      aside.push(...found);
      continue;
    }
    aside.length = 0;
    const c = cell(lex, next.node, COLUMN.secondary);
    if (c && !codes.includes(c.code)) codes.push(c.code);
    words.push(...found);
    group.push(...found);
    taken.push(...found);
  }
  return { codes, words };
}

/** How far a list of sites may run from a metastasis word ("liver, lung and bone metastases"). */
const SITES_LIST = 6;
/** `WalkToken.gap` of a hard break (a sentence-like stop, a colon), which ends a list. */
const HARD_GAP = 2;
type GapToken = WalkToken & { gap?: number };

/** The window with the positions from..to (excluded) added where the clause left them out. */
function widened(tokens: readonly GapToken[], win: WalkWindow, from: number, to: number): WalkWindow {
  const have = new Set([...win.byWord.values()].flat());
  const extra = new Set<number>();
  for (let p = from; p < to; p++) if (!have.has(p)) extra.add(p);
  if (extra.size === 0) return win;
  const added = makeWindow(tokens, from, to, have, win.center);
  const byWord = new Map(win.byWord);
  for (const [w, list] of added.byWord) byWord.set(w, [...(byWord.get(w) ?? []), ...list.filter((p) => extra.has(p))]);
  return { ...win, byWord };
}

/**
 * The window, with the words just before the first site added when the clause stopped short of them: a list
 * of sites before one metastasis word ("lesions compatible with liver and bone metastases", "adenocarcinoma
 * with bone and liver metastases") is split at its "and" where the words before it hold a head of their own,
 * and each site listed is one secondary neoplasm (Index Metastasis, to specified site - see Neoplasm,
 * secondary, by site). coordinatedSites still keeps only sites joined by commas and coordinating words.
 */
function withSitesBefore(tokens: readonly GapToken[], win: WalkWindow, own: readonly number[]): WalkWindow {
  const first = Math.min(...own);
  let lo = first;
  while (lo > 0 && first - lo < SITES_LIST && (tokens[lo]?.gap ?? 0) < HARD_GAP) lo--;
  return widened(tokens, win, lo, first);
}

/**
 * The window of a primary cancer word, with the rest of its "with" list up to a metastasis word added where the
 * clause stopped short of it ("gastric adenocarcinoma with bone and liver metastases": the list is split at its
 * "and"), so the sites after the "with" are read as secondary, not as the cancer's own site (metastasesWith).
 */
function withMetastasisAfter(tokens: readonly GapToken[], win: WalkWindow): WalkWindow {
  if (METASTASIS_WORDS.some((w) => win.byWord.has(w))) return win;
  const last = Math.max(...[...win.byWord.values()].flat());
  for (let p = last + 1; p < tokens.length && p - last <= SITES_LIST; p++) {
    if ((tokens[p]?.gap ?? 0) >= HARD_GAP) return win;
    if (!METASTASIS_WORDS.includes(tokens[p]?.w ?? '')) continue;
    // Only a "with" list: in "gastric adenocarcinoma and liver metastases" the metastases are an item of their own,
    // and "with no bone or liver metastases" names none.
    const between = tokens.slice(win.center + 1, p).map((t) => t.w);
    return between.includes('with') && !between.some((w) => NOT_WITH.includes(w)) ? widened(tokens, win, last + 1, p + 1) : win;
  }
  return win;
}

/** Keep only the positions of `sub` that the outer window also has (the clause limits). */
function restrict(sub: WalkWindow, outer: WalkWindow): void {
  for (const [w, list] of sub.byWord) {
    const allowed = outer.byWord.get(w);
    const kept = allowed ? list.filter((p) => allowed.includes(p)) : [];
    if (kept.length === 0) sub.byWord.delete(w);
    else sub.byWord.set(w, kept);
  }
}
