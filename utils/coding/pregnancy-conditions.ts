/**
 * A condition in a pregnancy is presumed to complicate it (Guidelines I.C.15.a.1): the coder looks it up
 * where the Alphabetic Index puts it in a pregnancy, and the chapter 15 code is assigned, the condition's own
 * code beside it only where the chapter 15 code's Tabular notes ask for an additional code to identify it.
 * The chapter 15 code is found, in this order:
 * - below the condition's own Index entry ("Infection, urinary, complicating, pregnancy O23.4-"; "Anemia,
 *   complicating pregnancy, see Pregnancy, complicated by, anemia");
 * - at "Pregnancy, complicated by" by the condition's words ("Pregnancy, complicated by, pneumonia O99.51-");
 * - at a chapter 15 Tabular inclusion term naming it "in pregnancy" (O23.0: "Pyelonephritis in pregnancy");
 * - at a chapter 15 code whose "use additional code" note names its class (O99.33: "code from category F17");
 * - at "Pregnancy, complicated by" by the code's class ("respiratory condition (conditions in J00-J99) O99.51-");
 * - at a chapter 15 code whose inclusion term names the code's class ("O99.2: Conditions in E00-E89", O99.28-).
 * Below the entry found, subterms the condition's words or its code's Tabular title name are taken
 * ("pre-existing, type 2 O24.11-" for E11.9). Words and paths are data (assets/rules/coding.json
 * `obstetric.complicating`).
 */
import { normalizeCode } from '../codes/code-format';
import type { IndexTerm, TabularNode } from '../codes/types';
import { contentTerms } from '../search/text';
import { matchesPattern } from './patterns';
import type { ObstetricRules } from './rule-pack';
import { escapeRegExp } from './words';

type Rules = ObstetricRules['complicating'];

interface Node {
  /** Alternatives ("abscess or cellulitis"), each its content words. */
  words: string[][];
  code?: string;
  see?: string;
  ranges: Array<{ from: string; to: string }>;
  kids: Node[];
  title: string;
  path: string[];
}

export interface PregnancyMatch {
  /** Dotless chapter 15 code (may be a header: its timing is chosen by the caller). */
  code: string;
  /** The Index (or Tabular) path that gave it, for the reason. */
  path: string[];
}

/** Content words; the plural mark of "infection(s)" is no word of its own. */
const termsOf = (text: string): string[] => contentTerms(text.replace(/\(s\)/gi, '')).filter((w) => w.length > 1 || /\d/.test(w));

/** Words that name a kind of thing, not the thing: they never decide a match alone. */
const GENERIC = new Set(['disease', 'diseases', 'disorder', 'disorders', 'condition', 'conditions', 'nec', 'nos', 'specified', 'other', 'system', 'problem', 'problems']);

const CODE_REF = /\b([A-Z]\d[0-9A-Z](?:\.[0-9A-Z-]{1,4})?)(?:\s*-\s*([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?))?/g;

/** The code ranges a text names ("conditions in F01-F09, F20-F99"; "(E66.-)"), bounds dotless. */
export function codeRanges(text: string): Array<{ from: string; to: string }> {
  const out: Array<{ from: string; to: string }> = [];
  for (const m of text.matchAll(CODE_REF)) {
    const from = normalizeCode((m[1] ?? '').replace(/[.-]+$/, ''));
    out.push({ from, to: m[2] ? normalizeCode(m[2]) : from });
  }
  return out;
}

/** `code` lies in the range, compared at each bound's own length ("I52" covers I52.9). */
export const inRange = (code: string, r: { from: string; to: string }) =>
  code.slice(0, r.from.length) >= r.from && code.slice(0, r.to.length) <= r.to;

const spanOf = (r: { from: string; to: string }) => {
  const v = (c: string) => (c.charCodeAt(0) - 65) * 1000 + Number.parseInt(c.slice(1, 3), 36) * 10;
  return v(r.to) - v(r.from) - (r.from.length + r.to.length) * 0.1;
};

function toNode(term: IndexTerm, path: string[]): Node {
  const here = [...path, term.title];
  const code = (term.codes ?? []).find((c) => c.status === 'valid');
  const ranges = (term.nemod ?? []).filter((n) => /^conditions? i[ns]\b/i.test(n)).flatMap(codeRanges);
  return {
    title: term.title,
    path: here,
    words: term.title.split(/\bor\b/i).map((alt) => termsOf(alt)).filter((w) => w.length > 0),
    ...(code ? { code: normalizeCode(code.code.replace(/[.-]+$/, '')) } : {}),
    ...(term.see?.[0] ? { see: term.see[0] } : {}),
    ranges,
    kids: (term.children ?? []).map((c) => toNode(c, here)),
  };
}

/** Every specific word of one alternative of the node is named (and at least one is specific). */
function named(node: Node, query: ReadonlySet<string>): boolean {
  return node.words.some((alt) => {
    const specific = alt.filter((w) => !GENERIC.has(w));
    return specific.length > 0 && specific.every((w) => query.has(w));
  });
}

export class PregnancyConditions {
  private readonly mains = new Map<string, IndexTerm>();
  private readonly entry: Node | undefined;
  /** Chapter 15 codes by the words of their "… in pregnancy" titles and inclusion terms. */
  private readonly tabular: Array<{ words: string[]; code: string; text: string }> = [];
  /** Chapter 15 codes by the class their "use additional code" notes name ("O99.33: code from category F17"). */
  private readonly noted: Array<{ range: { from: string; to: string }; code: string; text: string }> = [];
  /** Chapter 15 codes by the class their inclusion terms name ("O99.2: Conditions in E00-E89" → O99.28). */
  private readonly classes: Array<{ range: { from: string; to: string }; code: string; text: string }> = [];

  constructor(
    indexTerms: readonly IndexTerm[],
    tabular: readonly TabularNode[] | undefined,
    private readonly rules: Rules,
  ) {
    for (const t of indexTerms) this.mains.set(t.title.toLowerCase(), t);
    const term = this.descend(rules.entry);
    this.entry = term ? toNode(term, rules.entry.slice(0, -1)) : undefined;
    const inPregnancy = new RegExp(`^(.*?)\\s+(?:${rules.tabularPhrases.map(escapeRegExp).join('|')})$`, 'i');
    const chapter15 = (tabular ?? []).filter((n) => n.kind === 'diag' && n.id.startsWith('O'));
    const kids = new Map<string, TabularNode[]>();
    for (const node of chapter15) if (node.parent) kids.set(node.parent, [...(kids.get(node.parent) ?? []), node]);
    // The condition a title names, without its timing ("Anemia complicating pregnancy, childbirth …" → anemia).
    const what = (title: string) => title.toLowerCase().split(/,? (?:complicating|in pregnancy)\b/)[0]?.trim() ?? '';
    for (const node of chapter15) {
      if (!matchesPattern(normalizeCode(node.id), rules.classCodes)) continue;
      for (const note of node.notes) {
        if (note.type !== 'inclusionTerm' || !/^(?:any )?conditions? in\b/i.test(note.text)) continue;
        // The code of the class is the node, or its first child naming the same condition (O99.2 → O99.28 Other endocrine,
        // nutritional …; O99.0 → O99.01 Anemia complicating pregnancy): the timing is chosen after. None other is guessed.
        const same = (k: TabularNode) => what(k.title).replace(/^other /, '') === what(node.title).replace(/^other /, '');
        const children = kids.get(node.id) ?? [];
        // Children that are all the same condition at its times (O99.35 → O99.350 …) leave the node as the code.
        const target = children.every(same) ? node : children.find((k) => same(k) && kids.has(k.id));
        if (!target) continue;
        for (const range of codeRanges(note.text.split(/\bexcept\b/i)[0] ?? ''))
          this.classes.push({ range, code: normalizeCode(target.id), text: `${node.id}: ${note.text}` });
      }
    }
    for (const node of chapter15) {
      for (const text of [node.title, ...node.notes.filter((n) => n.type === 'inclusionTerm').map((n) => n.text)]) {
        const m = inPregnancy.exec(text);
        const words = m ? termsOf(m[1] ?? '') : [];
        if (words.length > 0) this.tabular.push({ words, code: normalizeCode(node.id), text: `${node.id}: ${text}` });
      }
      if (!matchesPattern(normalizeCode(node.id), rules.notedCodes)) continue;
      for (const note of node.notes) {
        if (note.type !== 'useAdditionalCode') continue;
        for (const range of codeRanges(note.text)) {
          if (rules.skip.some((p) => matchesPattern(range.from, p))) continue;
          this.noted.push({ range, code: normalizeCode(node.id), text: `${node.id}: use additional ${note.text}` });
        }
      }
    }
  }

  /** An Index entry by its titles (the first a main term). */
  private descend(path: readonly string[]): IndexTerm | undefined {
    const [first, ...rest] = path;
    let term = first === undefined ? undefined : this.mains.get(first.toLowerCase());
    for (const title of rest) term = term?.children?.find((c) => c.title.toLowerCase() === title.toLowerCase());
    return term;
  }

  /** A "see" reference ("Pregnancy, complicated by (management affected by), anemia") as a node of the entry. */
  private seeTarget(see: string): Node | undefined {
    if (!this.entry) return undefined;
    const parts = see.replace(/\([^)]*\)/g, '').split(',').map((p) => p.trim().toLowerCase());
    const head = this.rules.entry.map((t) => t.toLowerCase());
    if (parts.length <= head.length || head.some((h, i) => parts[i] !== h)) return undefined;
    let node: Node | undefined = this.entry;
    for (const p of parts.slice(head.length)) node = node?.kids.find((k) => k.title.toLowerCase() === p);
    return node;
  }

  /** Deepest subterm below `node` the words name; a subterm in `implied` may be passed unwritten ("pre-existing"). */
  private narrow(node: Node, query: ReadonlySet<string>): Node {
    let best = node;
    let depth = 0;
    const visit = (n: Node, d: number) => {
      for (const kid of n.kids) {
        if (named(kid, query)) {
          if (kid.code && d + 1 > depth) {
            best = kid;
            depth = d + 1;
          }
          visit(kid, d + 1);
        } else if (this.rules.implied.includes(kid.title.toLowerCase())) visit(kid, d);
      }
    };
    visit(node, 0);
    return best;
  }

  private result(node: Node | undefined, query: ReadonlySet<string>): PregnancyMatch | undefined {
    if (!node) return undefined;
    const target = node.see && !node.code ? this.seeTarget(node.see) : node;
    if (!target) return undefined;
    const found = this.narrow(target, query);
    return found.code && /^O/.test(found.code) ? { code: found.code, path: found.path } : undefined;
  }

  /**
   * The chapter 15 code of a condition coded `code`, named by `words` (the mention's words), read at Index
   * `path` (titles, main term first); `title`: its code's Tabular title, which may choose a subterm; `accepts`:
   * whether a code found by the class of the code alone fits it (its Tabular notes do not name another class).
   */
  lookup(
    code: string,
    words: string,
    path: readonly string[],
    title: string,
    accepts?: (chapter15: string, code: string) => boolean,
  ): PregnancyMatch | undefined {
    const query = new Set([...termsOf(words), ...path.slice(1).flatMap(termsOf)]);
    const wide = new Set([...query, ...termsOf(title)]);
    // 1. Below the condition's own Index entry, from its deepest subterm up.
    const main = path[0] ? this.mains.get(path[0].toLowerCase()) : undefined;
    if (main) {
      const chain: IndexTerm[] = [main];
      for (const t of path.slice(1)) {
        const next = chain[chain.length - 1]?.children?.find((c) => c.title.toLowerCase() === t.toLowerCase());
        if (!next) break;
        chain.push(next);
      }
      for (let i = chain.length - 1; i >= 0; i--) {
        const at = chain[i] as IndexTerm;
        for (const sub of this.rules.ownSubterms) {
          let term: IndexTerm | undefined = at;
          for (const t of sub) term = term?.children?.find((c) => c.title.toLowerCase() === t);
          if (!term) continue;
          const found = this.result(toNode(term, chain.slice(0, i + 1).map((c) => c.title).concat(sub.slice(0, -1))), wide);
          if (found) return found;
        }
      }
    }
    if (!this.entry) return undefined;
    // 2. At "Pregnancy, complicated by", by the condition's words (a subterm; then its subterms the words name).
    const byWords = this.entry.kids.find((kid) => (kid.code || kid.see) && named(kid, query));
    const words2 = this.result(byWords, wide);
    if (words2) return words2;
    // 3. A chapter 15 Tabular title or inclusion term naming the condition "in pregnancy".
    const row = this.tabular.find((t) => t.words.every((w) => query.has(w)));
    if (row) return { code: row.code, path: [`Tabular ${row.text}`] };
    // 4. A chapter 15 code whose notes ask for the code's class beside it ("code from category F17"), the narrowest.
    const noted = this.noted.filter((n) => inRange(code, n.range)).sort((a, b) => spanOf(a.range) - spanOf(b.range))[0];
    if (noted) return { code: noted.code, path: [`Tabular ${noted.text}`] };
    // 5. By the class of its code ("conditions in J00-J99"), the narrowest range.
    let byClass: { node: Node; span: number } | undefined;
    const classes = (n: Node) => {
      for (const kid of n.kids) {
        for (const r of kid.ranges) {
          if (!kid.code || !inRange(code, r) || (accepts && !accepts(kid.code, code))) continue;
          if (!byClass || spanOf(r) < byClass.span) byClass = { node: kid, span: spanOf(r) };
        }
        classes(kid);
      }
    };
    classes(this.entry);
    if (byClass?.node.code) return { code: byClass.node.code, path: byClass.node.path };
    // 6. By the class a chapter 15 inclusion term names ("O99.2 Conditions in E00-E89"), the narrowest.
    const inClass = this.classes
      .filter((c) => inRange(code, c.range) && (!accepts || accepts(c.code, code)))
      .sort((a, b) => spanOf(a.range) - spanOf(b.range))[0];
    return inClass ? { code: inClass.code, path: [`Tabular ${inClass.text}`] } : undefined;
  }
}
