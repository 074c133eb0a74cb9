/**
 * The mention matcher's dictionary (issue 4), built once from the compiled code-set assets: the
 * Alphabetic Index (with the External Cause Index, the Table of Neoplasms and the Table of Drugs) as a
 * tree of nodes a coder walks, the main terms as the heads a note is scanned for, and tabular titles
 * and inclusion terms as phrases.
 *
 * How a coder reads the index, and how the lexicon keeps it:
 * - a main term is found by its words ("Diabetes, diabetic" by diabetes or diabetic; "Fracture,
 *   traumatic" by fracture, traumatic being optional because other "Fracture, …" main terms exist);
 * - subterms are indented under it and are chosen by the words of the condition (`req`), with
 *   nonessential modifiers (`opt`, the parenthesised words) neither required nor harmful;
 * - "with", "in", "due to" subterms carry no words of their own: the walk passes through them freely;
 * - "see" sends the coder to another entry (followed where the named entry resolves, "see condition"
 *   ignored); "see also" is followed only where the entry itself has no code;
 * - codes are resolved to the target year (`valid`, or the `mappedTo` replacements), invalid ones skipped;
 *   manifestation codes (in brackets) follow the etiology code.
 *
 * Built lazily: `buildLexicon` reads the main terms (their head words), the Table of Neoplasms, the
 * abbreviations and the tabular phrases (0.4-0.5 s and about 35 MB for the full FY2027 data); the
 * subterm tree of a main term is compiled the first time a note names it (`root()`), and its "see"
 * references are resolved when the walk first enters it (`ensure()`), building the entries they name.
 * A session that analyses notes touches a few hundred of the 13,000 main terms.
 *
 * Pure: plain data in, plain data out (the lazy compilation only appends to `nodes`).
 */
import { normalizeCode } from '../codes/code-format';
import type { Asset, CodeRecord, IndexCode, IndexTerm, TabularNode } from '../codes/types';
import { type AbbreviationTable, abbreviationKey, abbreviationTable } from '../search/abbreviations';
import { foldText } from '../search/text';
import { compileWordForms, isConnector, numberAfter, splitWords, suffixFallback, type WordFormFile, type WordForms, wordKeys } from './mention-text';

export type LexSource = 'index' | 'neoplasm' | 'drug' | 'eindex';

/** One way a node's words can be present: all of `req`. */
export interface LexAlt {
  req: string[];
  /**
   * Eponyms ("Good's", "His"): written with a capital and next to the main term, so that "in good
   * condition" is not Good's syndrome and "his heart disease" not His disease.
   */
  epo?: string[];
}

/** A reference into the Table of Neoplasms ("see Neoplasm, lung, malignant"). */
export interface NeoRef {
  /** Column (0 Malignant Primary … 5 Unspecified Behavior); undefined: from the text, default unspecified. */
  column?: number;
  /** Node of the neoplasm tree to start from (the table's root for "by site"). */
  site: number;
}

export interface LexNode {
  /** As printed in the index (without nonessential modifiers). */
  title: string;
  source: LexSource;
  /** The main term this node belongs to. */
  main: number;
  /** Parent node, -1 for a main term. */
  parent: number;
  /** Ways the node's words can appear; empty for a node with no words ("with", "in", "due to"). */
  alts: LexAlt[];
  /** Nonessential modifiers (word keys). */
  opt: string[] | undefined;
  /** Dotless codes (may be headers). */
  codes: string[] | undefined;
  /** Dotless manifestation codes, printed in brackets after the etiology code. */
  manif: string[] | undefined;
  /** Neoplasm / drug table cells, dotless (null: no code in that column). */
  cells: (string | null)[] | undefined;
  see: number | undefined;
  seeAlso: number | undefined;
  neo: NeoRef | undefined;
  kids: number[] | undefined;
  /** Children by one of their required words, for nodes with many children. */
  kidIx: Map<string, number[]> | undefined;
  /** Children with no words of their own. */
  free: number[] | undefined;
}

/** A main term as found by its head words. */
export interface HeadEntry {
  /** Main term number (`Lexicon.root(main)` gives its node). */
  main: number;
  /** Qualifier words of the main term ("Fracture, traumatic" → traumatic). */
  qual?: string[];
  /** The qualifier must be present (a main term that is the only one with its head). */
  qualRequired?: boolean;
  /** Sort key among main terms sharing a head: the larger subtree is the usual sense. */
  weight: number;
  /**
   * The head word is a subterm of this main term, which the note leaves unwritten: "hysterectomy" is
   * read as Status, hysterectomy (Z90.710). The walk takes the head word as that subterm, and the
   * mention stands only where the sentence puts the procedure in the past (`mentions.ts`).
   */
  through?: boolean;
  /** The main term is an acronym written in capitals ("POTS", "AIDS"): a note names it only in capitals ("a pot", "hearing aids" do not). */
  acronym?: boolean;
}

/** A tabular title or inclusion term matched as a phrase. */
export interface TitlePhrase {
  /** Word keys in order, connectors dropped. */
  words: string[];
  code: string;
  kind: 'title' | 'inclusion';
  text: string;
}

export interface AbbreviationExpansion {
  /** Word keys of the expansion used (the first one), after the word-form table. */
  words: string[];
  expansion: string;
  caseSensitive: boolean;
}

export interface LexiconStats {
  /** Main terms (index, external cause index, drug table, neoplasm table). */
  mains: number;
  /** Nodes compiled so far (grows as notes name more main terms). */
  nodes: number;
  heads: number;
  phrases: number;
  abbreviations: number;
  seeResolved: number;
  seeUnresolved: number;
  invalidCodes: number;
  buildMs: number;
}

export interface Lexicon {
  /** Compiled nodes (append-only: main terms are compiled on first use). */
  readonly nodes: LexNode[];
  /** Node of main term `main`, compiling its subterms (and the entries they "see") on first use. */
  root(main: number): number;
  /** Make sure the "see" references of the main term holding `node` are resolved (walks call this). */
  ensure(node: number): void;
  /** Title and source of a main term, without compiling it. */
  mainTitle(main: number): string;
  mainSource(main: number): LexSource;
  /** Head key (word keys joined by a space) → main terms. */
  readonly heads: Map<string, HeadEntry[]>;
  /** Every proper prefix of a head key. */
  readonly headPrefixes: Set<string>;
  readonly maxHeadWords: number;
  /** Phrases by their rarest word. */
  readonly phrases: Map<string, TitlePhrase[]>;
  /** Abbreviation key (`abbreviationKey`) → expansion. */
  readonly abbreviations: Map<string, AbbreviationExpansion>;
  readonly maxAbbreviationWords: number;
  /** Word keys of main terms, the neoplasm table and tabular phrases (for the suffix rules of unknown words). */
  readonly vocab: Set<string>;
  readonly forms: WordForms;
  /** Root of the Table of Neoplasms (-1 when the asset is absent). */
  readonly neoplasmRoot: number;
  readonly neoplasmColumns: string[];
  readonly drugColumns: string[];
  /** Titles of the target year's codes (dotless → long title), for phrases and the lead's display. */
  readonly titles: Map<string, string>;
  readonly stats: LexiconStats;
  /** Word keys of a note word after the word-form table (cached). */
  canon(key: string): readonly string[];
}

export interface LexiconOptions {
  /**
   * The abbreviation table (default: the shipped one). A lookup with only `expand` keeps the shipped
   * table's keys and takes their expansions from it.
   */
  abbreviations?: Pick<AbbreviationTable, 'entries'> | { expand(text: string): string[] };
  wordForms?: WordFormFile;
  /** Include abbreviations the table marks ambiguous (PE, CA, RA): off by default, they name several things. */
  ambiguousAbbreviations?: boolean;
  /** Tabular titles and inclusion terms as phrases (default true). */
  phrases?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Title analysis
// ---------------------------------------------------------------------------------------------

const DROP_WORDS = new Set(['nec', 'nos']);
const ENCOUNTER = /,\s*(?:initial|subsequent) encounter\b.*$|,\s*sequela\b.*$/i;
const OTHER_TITLE = /^other\b/i;
const GENERIC_TITLE_WORDS = /\b(?:NOS|NEC|unspecified|not elsewhere classified|other specified|other)\b/gi;
/** Nodes with more children than this get an index of their children by word. */
const KID_INDEX_MIN = 12;
const OR_WORD = /\bor\b/i;
/** An Excludes note naming one code or category: "altered level of consciousness (R40.-)". */
const EXCLUDED_TO = /^([a-z][^()]*?)\s*\(([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(?:\.?-)?\)$/;
const UNSPECIFIED_TITLE = /\bunspecified\b/i;
/** The instruction of the organism subterms ("Staphylococcus, as cause of disease classified elsewhere"). */
const AS_CAUSE = /,?\s*\bas (?:the )?cause of (?:a )?diseases? classified elsewhere\b/i;

/**
 * Codes by title, for main terms printed without a code: a billable code, or a header with a child titled
 * unspecified (M54.3 → M54.30); a header that needs a site (I75 Atheroembolism) is left to the subterms,
 * as the Index leaves it. Null where several codes share a title.
 */
function codesByTitle(records: readonly CodeRecord[]): Map<string, string | null> {
  const byTitle = new Map<string, string | null>();
  const withUnspecifiedChild = new Set<string>();
  for (const r of records) if (r[1] === 1 && UNSPECIFIED_TITLE.test(r[3])) withUnspecifiedChild.add(r[0].slice(0, -1));
  for (const r of records) {
    const t = r[3].toLowerCase();
    const codable = r[1] === 1 || withUnspecifiedChild.has(r[0]);
    byTitle.set(t, byTitle.has(t) || !codable ? null : r[0]);
  }
  return byTitle;
}

/** Word keys of a title after the word-form table, connectors and NEC / NOS removed. */
function titleWords(text: string, forms: WordForms): string[] {
  const req: string[] = [];
  let prev: string | undefined;
  for (const key of wordKeys(text)) {
    const k = numberAfter(prev, key) ?? key;
    prev = key;
    if (DROP_WORDS.has(k) || isConnector(k) || k === 'or') continue;
    const mapped = forms.map.get(k);
    if (mapped === undefined) {
      if (!req.includes(k)) req.push(k);
    } else for (const m of mapped) if (!req.includes(m)) req.push(m);
  }
  return req;
}

/**
 * The ways a title's words can be present. "skin or subcutaneous tissue" is skin | subcutaneous
 * tissue; "hip or other joint" is hip | other joint; the rest of the title is needed with each.
 */
function analyzeAlts(text: string, forms: WordForms): LexAlt[] {
  if (!OR_WORD.test(text)) return [{ req: titleWords(text, forms) }];
  const parts = text.split(/,\s*/);
  const k = parts.findIndex((p) => OR_WORD.test(p));
  const options = (parts[k] ?? '').split(/\s+or\s+/i);
  const rest = parts.filter((_, i) => i !== k).join(' ');
  return options.map((o) => ({ req: titleWords(`${rest} ${o}`, forms) })).filter((a) => a.req.length > 0);
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function fold(s: string): string {
  return PRINTABLE_ASCII.test(s) ? s.toLowerCase() : foldText(s);
}

function firstLetters(s: string, n: number): string {
  return fold(s)
    .replace(/[^a-z0-9]/g, '')
    .slice(0, n);
}

/** "apex, apical", "Alcohol, alcoholic, alcohol-induced": parts that are forms of the first word. */
function isVariant(first: string, part: string): boolean {
  const a = firstLetters(first, 4);
  const b = firstLetters(part, 4);
  // "alcohol, alcoholic"; "vision, visual" (one stem: three letters in common); also "lymph, lymphatic
  // channel" (a variant word with its noun), after a one-word first.
  const oneWord = (t: string) => !/\s/.test(t.trim().replace(/-/g, ''));
  return a.length >= 3 && a.slice(0, 3) === b.slice(0, 3) && (oneWord(part) || oneWord(first));
}

/** "Pain(s)" → "Pain"; "Achromat(ism)" → "Achromat", "Achromatism". */
function expandInlineParens(part: string): string[] {
  if (!part.includes('(')) return [part];
  const m = /^(.*?[\p{L}])\(([\p{L}]+)\)(.*)$/u.exec(part);
  if (!m) return [part.replace(/\([^()]*\)/g, ' ').trim()];
  const [, a = '', b = '', c = ''] = m;
  if (b.toLowerCase() === 's' || b.toLowerCase() === 'es') return [`${a}${c}`.trim()];
  return [`${a}${c}`.trim(), `${a}${b}${c}`.trim()];
}

/** Split "X - code to Y" / "X - see Y" / "X - omit code" instructions printed in a title. */
function splitInstruction(title: string): { title: string; see?: string; omit?: boolean } {
  if (!title.includes(' - ')) return { title };
  const m = /^(.*?)\s+-\s+(code to|code as|code by|see|omit code)\b\s*(.*)$/i.exec(title);
  if (!m) return { title };
  const [, head = '', kind = '', target = ''] = m;
  if (/omit/i.test(kind)) return { title: head, omit: true };
  if (/^type of\b|^condition\b/i.test(target) || target === '') return { title: head };
  return { title: head, see: target };
}

// ---------------------------------------------------------------------------------------------
// Build
// ---------------------------------------------------------------------------------------------

interface PendingSee {
  node: number;
  target: string;
  also: boolean;
}

interface MainRecord {
  term: IndexTerm;
  source: LexSource;
  title: string;
  /** Compiled root node, -1 before first use. */
  root: number;
  /** "see" references not yet resolved (undefined once resolved). */
  pending: PendingSee[] | undefined;
}

const codeCache = new Map<string, string>();

/** `E11.65` → `E1165`, cached (the index names far fewer distinct codes than it prints). */
function dotless(code: string): string {
  let out = codeCache.get(code);
  if (out === undefined) {
    out = normalizeCode(code);
    if (codeCache.size < 200_000) codeCache.set(code, out);
  }
  return out;
}

function resolvedCodes(list: readonly IndexCode[] | undefined, stats: { invalid: number }): string[] | undefined {
  if (!list || list.length === 0) return undefined;
  const out: string[] = [];
  for (const c of list) {
    if (c.status === 'valid') {
      const d = dotless(c.code);
      if (!out.includes(d)) out.push(d);
    } else if (c.status === 'mapped') {
      for (const m of c.mappedTo ?? []) {
        const d = dotless(m);
        if (!out.includes(d)) out.push(d);
      }
    } else stats.invalid++;
  }
  return out.length > 0 ? out : undefined;
}

function normTitle(s: string): string {
  return fold(s)
    .replace(/\([^()]*\)/g, ' ')
    .replace(/[^a-z0-9,]+/g, ' ')
    .replace(/\b(?:nec|nos)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*,\s*/g, ', ')
    .trim();
}

const BEHAVIOUR: ReadonlyArray<readonly [RegExp, number]> = [
  [/\bsecondary\b/, 1],
  [/\bin situ\b/, 2],
  [/\bbenign\b/, 3],
  [/\buncertain\b/, 4],
  [/\bunspecified\b/, 5],
  [/\bmalignant\b/, 0],
];

function assetOf(assets: readonly Asset[], kind: string): Asset | undefined {
  return assets
    .filter((a) => a.header.system === 'icd10cm' && a.header.kind === kind)
    .sort((a, b) => b.header.fiscalYear - a.header.fiscalYear)[0];
}

function subtreeSize(t: IndexTerm): number {
  let n = 1;
  for (const c of t.children ?? []) n += subtreeSize(c);
  return n;
}

function pushMap(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/**
 * The compiler of main terms: builds a main term's nodes on demand and resolves its "see" references.
 * Kept apart from the eager build so that its tables live as long as the lexicon needs them.
 */
class MainCompiler {
  readonly nodes: LexNode[] = [];
  readonly mains: MainRecord[] = [];
  readonly mainsByTitle = new Map<string, number[]>();
  readonly mainsByVariant = new Map<string, number[]>();
  /** Main terms by the first word of their title ("gait" → "Gait abnormality"), for "see" targets. */
  readonly mainsByLead = new Map<string, number[]>();
  neoplasmMain = -1;
  seeResolved = 0;
  seeUnresolved = 0;
  readonly codeStats = { invalid: 0 };
  private readonly titleCache = new Map<string, { alts: LexAlt[]; generic: string[] }>();
  private readonly childTitleCache = new Map<number, Map<string, number>>();
  private readonly interned = new Map<string, string[]>();
  private static readonly NO_ALTS: LexAlt[] = [];
  /**
   * Codes by their Tabular title (lower case); null when several codes share the title. A main term
   * with no code of its own takes the one code titled as it is (`addTerm`). Built on first use: few
   * main terms need it, and the lexicon is built at start-up.
   */
  codeRecords: readonly CodeRecord[] = [];
  private codeByTitleMap: Map<string, string | null> | undefined;
  codeByTitle(title: string): string | null | undefined {
    this.codeByTitleMap ??= codesByTitle(this.codeRecords);
    return this.codeByTitleMap.get(title);
  }

  constructor(readonly forms: WordForms) {}

  /** Build a main term's nodes (once); "see" references wait until `resolve`. */
  build(main: number): number {
    const m = this.mains[main];
    if (!m) return -1;
    if (m.root >= 0) return m.root;
    const pending: PendingSee[] = [];
    const first = this.nodes.length;
    m.root = this.addTerm(m.term, m.source, -1, pending, main);
    m.pending = pending;
    this.finishLocal(first, this.nodes.length);
    return m.root;
  }

  /** Build a main term and resolve its "see" references (building, not resolving, the entries they name). */
  root(main: number): number {
    const root = this.build(main);
    const m = this.mains[main];
    if (!m?.pending) return root;
    const pending = m.pending;
    m.pending = undefined;
    for (const p of pending) this.resolvePending(p);
    this.inlineByType(pending);
    this.neoplasmColumn(root);
    return root;
  }

  ensure(node: number): void {
    const main = this.nodes[node]?.main;
    if (main !== undefined && this.mains[main]?.pending) this.root(main);
  }

  private internCodes(codes: string[] | undefined): string[] | undefined {
    if (!codes) return undefined;
    const key = codes.length === 1 ? (codes[0] ?? '') : codes.join(',');
    const seen = this.interned.get(key);
    if (seen) return seen;
    if (this.interned.size < 100_000) this.interned.set(key, codes);
    return codes;
  }

  /** A subterm title read once: the same titles ("acute", "with", "right") recur thousands of times. */
  private readTitle(text: string): { alts: LexAlt[]; generic: string[] } {
    const cached = this.titleCache.get(text);
    if (cached) return cached;
    const alts: LexAlt[] = [];
    const generic = new Set<string>();
    for (const alt of analyzeAlts(text, this.forms)) {
      // Generic words ("lumbar region") are optional, unless they are all the title has.
      const kept = alt.req.filter((k) => !this.forms.optional.has(k));
      if (kept.length > 0 && kept.length < alt.req.length) {
        for (const k of alt.req) if (this.forms.optional.has(k)) generic.add(k);
        alt.req = kept;
      }
      if (alt.req.length > 0) alts.push(alt);
    }
    const out = { alts, generic: [...generic] };
    if (this.titleCache.size < 50_000) this.titleCache.set(text, out);
    return out;
  }

  private addTerm(term: IndexTerm, source: LexSource, parent: number, pending: PendingSee[], main: number): number {
    const id = this.nodes.length;
    const instr = splitInstruction(term.title);
    const alts: LexAlt[] = [];
    let opt: string[] | undefined;
    // "as cause of disease classified elsewhere" is the index's instruction for the organism codes
    // (B95-B97); notes never write it: "Staphylococcus aureus" is read through it like a "with" subterm.
    const ownTitle = instr.title.replace(AS_CAUSE, '').trim();
    if (parent >= 0 && ownTitle !== '') {
      // Subterm: a comma list of forms of one word ("apex, apical") is a choice; otherwise all words count.
      // The External Cause Index prints its choices as comma lists of their own ("staircase, stairs, steps",
      // "carpet, rug or object"): there every part is a choice ("fell down the stairs" is W10.9).
      const parts = ownTitle.includes(',') ? ownTitle.split(/,\s*/).filter((p) => p.trim() !== '') : [ownTitle];
      const first = parts[0] ?? '';
      const variants = parts.length > 1 && (source === 'eindex' || parts.slice(1).every((p) => isVariant(first, p)));
      const texts = variants ? parts.flatMap(expandInlineParens) : expandInlineParens(ownTitle);
      // Subterms are printed in lower case; a capitalised word is a person's name ("Crohn's", "His
      // (-Werner)"), which a note writes with a capital too: "his disease" is not His disease. A
      // possessive the Index prints in lower case names a trade or a person at large, not a person
      // ("miner's" asthma J60, "writer's" cramp F48.8, "tailor's" bunion M21.62-): a note writes it in
      // lower case, anywhere in the sentence.
      const names = [
        ...[...instr.title.matchAll(/([\p{L}-]+)['’]s?(?![\p{L}])/gu)].map((m) => m[1] ?? '').filter((n) => /\p{Lu}/u.test(n)),
        ...[...instr.title.matchAll(/(?<![\p{L}-])(\p{Lu}\p{Ll}+)(?![\p{L}])/gu)].map((m) => m[1] ?? ''),
      ];
      // An organism's genus is printed with a capital too (Sepsis, Pseudomonas): no person's name.
      const eponyms = names.map((n) => wordKeys(n).pop() ?? '').filter((k) => !this.forms.organisms.has(k));
      const eponymous = eponyms.length > 0;
      for (const t of texts) {
        const read = this.readTitle(t);
        for (const alt of read.alts) {
          const epo = eponymous ? alt.req.filter((k) => eponyms.includes(k)) : [];
          alts.push(epo.length > 0 ? { req: alt.req, epo } : alt);
        }
        if (read.generic.length > 0) opt = [...new Set([...(opt ?? []), ...read.generic])];
      }
    }
    if (term.nemod && term.nemod.length > 0) {
      const set = new Set<string>(opt ?? []);
      for (const n of term.nemod) for (const k of titleWords(n, this.forms)) set.add(k);
      if (set.size > 0) opt = [...set];
    }
    // A subterm of generic words only that answers nothing groups the subterms below it ("Lipoma, site
    // classification", then arms, trunk, intra-abdominal): the coder reads through it like "with".
    const answersNothing = !term.codes?.length && !term.cells && !term.see?.length && !term.seeAlso?.length && !instr.see;
    if (parent >= 0 && answersNothing && alts.length > 0 && alts.every((a) => a.req.every((k) => this.forms.optional.has(k)))) {
      opt = [...new Set([...(opt ?? []), ...alts.flatMap((a) => a.req)])];
      alts.length = 0;
    }
    let codes: string[] | undefined;
    let manif: string[] | undefined;
    let cells: (string | null)[] | undefined;
    if (!instr.omit) {
      codes = this.internCodes(resolvedCodes(term.codes, this.codeStats));
      manif = this.internCodes(resolvedCodes(term.manif, this.codeStats));
      if (term.cells) cells = term.cells.map((c) => (c === null ? null : (resolvedCodes([c], this.codeStats)?.[0] ?? null)));
      // A main term printed with no code, "see" or "see also" ("Sciatica (infective)") whose title is
      // the title of exactly one Tabular code or header (M54.3- Sciatica) is that code: a subterm the
      // note names still comes first ("with lumbago" M54.4-), and the Tabular narrows the header.
      if (parent < 0 && !codes && !cells && !term.manif && !instr.see && !term.see?.length && !term.seeAlso?.length) {
        const code = this.codeByTitle(instr.title.trim().toLowerCase());
        if (code) codes = this.internCodes([code]);
      }
    }
    // One object shape for every node (no properties added later or deleted): compact and fast.
    const node: LexNode = {
      title: instr.title,
      source,
      main,
      parent,
      alts: alts.length === 0 ? MainCompiler.NO_ALTS : alts,
      opt,
      codes,
      manif,
      cells,
      see: undefined,
      seeAlso: undefined,
      neo: undefined,
      kids: undefined,
      kidIx: undefined,
      free: undefined,
    };
    this.nodes.push(node);
    if (instr.see) pending.push({ node: id, target: instr.see, also: false });
    for (const target of term.see ?? []) pending.push({ node: id, target, also: false });
    for (const target of term.seeAlso ?? []) pending.push({ node: id, target, also: true });
    if (term.children && term.children.length > 0) {
      const kids: number[] = [];
      for (const child of term.children) kids.push(this.addTerm(child, source, id, pending, main));
      node.kids = kids;
      // "Mass, specified organ NEC — see Disease, by site": an organ the main term does not list is read
      // under Disease ("testicular mass", Disease, testis), as a "see also" when no subterm fits.
      if (parent < 0 && !term.seeAlso?.length) {
        const byOrgan = term.children.find((c) => /^specified (?:organ|site)\b/i.test(c.title) && c.see?.length === 1);
        const target = byOrgan?.see?.[0];
        if (target && /^(?:Disease|Disorder)\b[^,]*, by site$/i.test(target))
          pending.push({ node: id, target: target.replace(/, by site$/i, ''), also: true });
      }
    }
    return id;
  }

  private childByTitle(id: number): Map<string, number> {
    let map = this.childTitleCache.get(id);
    if (map) return map;
    map = new Map();
    const kids = (this.nodes[id]?.kids ?? []).flatMap((k) => {
      const n = this.nodes[k];
      return n ? [{ k, n, t: normTitle(n.title) }] : [];
    });
    // A subterm printed as the part named comes before a comma title that holds it: "see Fever, yellow"
    // is Fever, yellow A95.9, not Fever, sylvatic, yellow A95.0, printed above it.
    for (const { k, t } of kids) if (!map.has(t)) map.set(t, k);
    for (const { k, n, t } of kids) {
      if (t.includes(', ')) for (const p of t.split(', ')) if (!map.has(p)) map.set(p, k);
      for (const alt of n.alts) {
        const bag = `#${[...alt.req].sort().join(' ')}`;
        if (!map.has(bag)) map.set(bag, k);
      }
    }
    if (this.childTitleCache.size > 2_000) this.childTitleCache.clear();
    this.childTitleCache.set(id, map);
    return map;
  }

  private matchChild(id: number, part: string): number | undefined {
    const map = this.childByTitle(id);
    const direct = map.get(normTitle(part));
    if (direct !== undefined) return direct;
    const bag = [...titleWords(part, this.forms)].sort().join(' ');
    return bag ? map.get(`#${bag}`) : undefined;
  }

  /** Descend from `start` through `parts` ("by site" / "by type" skipped); stops at the first part that does not resolve. */
  descend(start: number, parts: readonly string[]): { node: number; resolved: number; missed: number } {
    let node = start;
    let resolved = 0;
    let i = 0;
    while (i < parts.length) {
      const part = (parts[i] ?? '').trim();
      if (part === '' || /^by\b/i.test(part)) {
        i++;
        continue;
      }
      let found: number | undefined;
      let used = 1;
      for (let n = Math.min(3, parts.length - i); n >= 1 && found === undefined; n--) {
        found = this.matchChild(node, parts.slice(i, i + n).join(', '));
        if (found !== undefined) used = n;
      }
      // "with hyperglycemia" names the "with" subterm and its "hyperglycemia" below it.
      const lead = found === undefined ? /^(with|without|in|due to)\s+(.+)$/i.exec(part) : null;
      if (lead) {
        const via = this.matchChild(node, lead[1] ?? '');
        const below = via === undefined ? undefined : this.matchChild(via, lead[2] ?? '');
        if (below !== undefined) {
          node = below;
          resolved++;
          i++;
          continue;
        }
      }
      // "see Neoplasm, lymph gland": the part names a row ("lymph, lymphatic channel") and its subrow ("gland").
      if (found === undefined && /\s/.test(part)) {
        const [head = '', ...rest] = part.split(/\s+/);
        const via = this.matchChild(node, head);
        const below = via === undefined ? undefined : this.matchChild(via, rest.join(' '));
        if (below !== undefined) {
          node = below;
          resolved++;
          i++;
          continue;
        }
      }
      if (found === undefined) return { node, resolved, missed: parts.length - i };
      node = found;
      resolved += used;
      i += used;
    }
    return { node, resolved, missed: 0 };
  }

  neoplasmRef(target: string): NeoRef | undefined {
    const root = this.build(this.neoplasmMain);
    if (root < 0) return undefined;
    const parts = normTitle(target.replace(/^neoplasm\b[\s,]*/i, ''))
      .split(', ')
      .filter(Boolean);
    let column: number | undefined;
    const siteParts: string[] = [];
    for (const p of parts) {
      const hit = BEHAVIOUR.find(([re]) => re.test(p));
      if (hit) column = hit[1];
      else if (!/^by\b/.test(p)) siteParts.push(p);
    }
    const { node } = this.descend(root, siteParts);
    return column === undefined ? { site: node } : { column, site: node };
  }

  private resolveTarget(from: number, rawTarget: string): number | NeoRef | undefined {
    const target = rawTarget.replace(/\s+[A-Z]\d[\dA-Z.]*-?\s*$/, '').trim();
    if (/^neoplasm\b/i.test(target)) return this.neoplasmRef(target);
    if (/^(?:condition|specified|category|also|by\b)/i.test(target)) return undefined;
    const source = this.nodes[from]?.source ?? 'index';
    const parts = target.split(/,\s*/).filter(Boolean);
    let best: { node: number; resolved: number; missed: number } | undefined;
    for (const src of source === 'index' ? ['index'] : [source, 'index']) {
      for (let k = Math.min(parts.length, 3); k >= 1; k--) {
        const title = normTitle(parts.slice(0, k).join(', '));
        const candidates = [
          ...(this.mainsByTitle.get(`${src}|${title}`) ?? []),
          ...(k === 1 ? (this.mainsByVariant.get(`${src}|${title}`) ?? []) : []),
        ];
        // "see Gait" where the entry is printed "Gait abnormality": the one main term the target begins.
        if (k === 1 && candidates.length === 0) {
          const lead = (this.mainsByLead.get(`${src}|${title.split(' ')[0]}`) ?? []).filter((m) =>
            normTitle(this.mains[m]?.title.split(/,\s*/)[0] ?? '').startsWith(`${title} `),
          );
          if (lead.length === 1) candidates.push(...lead);
        }
        for (const main of candidates) {
          const root = this.build(main);
          if (root < 0) continue;
          const r = this.descend(root, parts.slice(k));
          if (!best || r.missed < best.missed || (r.missed === best.missed && r.resolved > best.resolved)) best = r;
        }
        if (best && best.missed === 0) break;
      }
      if (best) break;
    }
    // A target whose last part does not resolve still lands on its nearest named ancestor.
    if (!best || best.node === from) return undefined;
    return best.node;
  }

  private resolvePending(p: PendingSee): void {
    const node = this.nodes[p.node];
    if (!node) return;
    if (p.also ? node.seeAlso !== undefined || node.neo : node.see !== undefined || node.neo) return;
    const r = this.resolveTarget(p.node, p.target);
    if (r === undefined) {
      this.seeUnresolved++;
      return;
    }
    this.seeResolved++;
    if (typeof r === 'number') {
      if (p.also) node.seeAlso = r;
      else node.see = r;
    } else node.neo = r;
  }

  /**
   * "see Diabetes, by type, with hyperglycemia": the coder reads the rest of the path under the type the
   * note names. Each such subterm is repeated under every "type" subterm where the rest resolves.
   */
  private inlineByType(pending: readonly PendingSee[]): void {
    for (const p of pending) {
      if (p.also || !/,\s*by type\b/i.test(p.target)) continue;
      const node = this.nodes[p.node];
      if (!node || node.parent < 0) continue;
      let main = p.node;
      for (let guard = 0; guard < 16 && (this.nodes[main]?.parent ?? -1) >= 0; guard++) main = this.nodes[main]?.parent ?? -1;
      const rest =
        p.target
          .split(/,\s*by type\b,?\s*/i)[1]
          ?.split(/,\s*/)
          .filter(Boolean) ?? [];
      for (const typeKid of this.nodes[main]?.kids ?? []) {
        const tk = this.nodes[typeKid];
        if (!tk || typeKid === p.node || !/^(?:type\b|due to|specified type)/i.test(tk.title)) continue;
        const r = this.descend(typeKid, rest);
        if (r.missed > 0 || r.node === typeKid) continue;
        const id = this.nodes.length;
        this.nodes.push({
          ...node,
          parent: typeKid,
          codes: undefined,
          manif: undefined,
          cells: undefined,
          see: r.node,
          seeAlso: undefined,
          neo: undefined,
          kids: undefined,
          kidIx: undefined,
          free: undefined,
        });
        tk.kids = [...(tk.kids ?? []), id];
        if (node.alts.length === 0) tk.free = [...(tk.free ?? []), id];
        for (const alt of node.alts) {
          const anchor = alt.req[0];
          if (tk.kidIx && anchor !== undefined) tk.kidIx.set(anchor, [...(tk.kidIx.get(anchor) ?? []), id]);
        }
        this.childTitleCache.delete(typeKid);
      }
    }
  }

  /** Per-subtree finishing: "History, personal" and the child indexes. */
  private finishLocal(first: number, end: number): void {
    for (let id = first; id < end; id++) {
      const n = this.nodes[id];
      if (!n?.kids) continue;
      // "History, personal (of)" is what "history of" means unless the note says "family": where a node
      // has both a "family" and a "personal" subterm, "personal" is passed through like "with".
      if (n.kids.length <= 8) {
        const titles = n.kids.map((k) => normTitle(this.nodes[k]?.title ?? ''));
        if (titles.some((t) => t.startsWith('family'))) {
          n.kids.forEach((k, i) => {
            const kid = this.nodes[k];
            if (!kid || !titles[i]?.startsWith('personal')) return;
            kid.opt = [...new Set([...(kid.opt ?? []), ...kid.alts.flatMap((a) => a.req)])];
            kid.alts = MainCompiler.NO_ALTS;
          });
        }
      }
    }
    // Child indexes, by each child's least common word among its siblings' words.
    for (let id = first; id < end; id++) {
      const n = this.nodes[id];
      if (!n?.kids) continue;
      const free: number[] = [];
      for (const k of n.kids) if ((this.nodes[k]?.alts.length ?? 0) === 0) free.push(k);
      n.free = free.length > 0 ? free : undefined;
      if (n.kids.length <= KID_INDEX_MIN) continue;
      const df = new Map<string, number>();
      for (const k of n.kids) for (const alt of this.nodes[k]?.alts ?? []) for (const w of alt.req) df.set(w, (df.get(w) ?? 0) + 1);
      const ix = new Map<string, number[]>();
      for (const k of n.kids) {
        for (const alt of this.nodes[k]?.alts ?? []) {
          if (alt.req.length === 0) continue;
          const a = alt.req.reduce((x, y) => ((df.get(x) ?? 0) <= (df.get(y) ?? 0) ? x : y));
          const list = ix.get(a);
          if (!list) ix.set(a, [k]);
          else if (list[list.length - 1] !== k) list.push(k);
        }
      }
      n.kidIx = ix;
    }
  }

  /**
   * A main term with no code whose subterms send the coder to one column of the Table of Neoplasms
   * ("Metastasis, metastatic" → deposits, spread, disease: secondary) reads that column itself, where
   * such subterms are a good part of the entry (not "Ulcer", whose "malignant" is one of many).
   */
  private neoplasmColumn(id: number): void {
    const n = this.nodes[id];
    if (!n?.kids || n.codes || n.neo || n.see !== undefined) return;
    const votes = new Map<number, number>();
    for (const k of n.kids) {
      const col = this.nodes[k]?.neo?.column;
      if (col !== undefined) votes.set(col, (votes.get(col) ?? 0) + 1);
    }
    const ranked = [...votes].sort((a, b) => b[1] - a[1]);
    const top = ranked[0];
    const root = this.mains[this.neoplasmMain]?.root ?? -1;
    if (root >= 0 && top && top[1] >= 2 && top[1] * 3 >= n.kids.length && (ranked[1]?.[1] ?? 0) < top[1])
      n.neo = { column: top[0], site: root };
  }
}

/** Build the lexicon from compiled assets (any order; the newest ICD-10-CM asset of each kind is used). */
export function buildLexicon(assets: readonly Asset[], options: LexiconOptions = {}): Lexicon {
  const t0 = typeof performance !== 'undefined' ? performance.now() : Date.now();
  const forms = compileWordForms(options.wordForms);
  const index = assetOf(assets, 'index');
  const eindex = assetOf(assets, 'eindex');
  const neoplasm = assetOf(assets, 'neoplasm');
  const drug = assetOf(assets, 'drug');
  const tabular = assetOf(assets, 'tabular');
  const targetYear = index?.header.fiscalYear ?? Number.POSITIVE_INFINITY;
  const codeAsset = assets
    .filter((a) => a.header.system === 'icd10cm' && a.header.kind === 'codes' && a.header.fiscalYear <= targetYear)
    .sort((a, b) => b.header.fiscalYear - a.header.fiscalYear)[0];

  const compiler = new MainCompiler(forms);
  compiler.codeRecords = (codeAsset?.records ?? []) as CodeRecord[];
  const vocab = new Set<string>();
  const headList: Array<{ keys: string[]; entry: HeadEntry }> = [];

  const addMain = (term: IndexTerm, source: LexSource): number => {
    const main = compiler.mains.length;
    const instr = splitInstruction(term.title);
    compiler.mains.push({ term, source, title: instr.title, root: -1, pending: undefined });
    const title = instr.title;
    pushMap(compiler.mainsByTitle, `${source}|${normTitle(title)}`, main);
    pushMap(compiler.mainsByLead, `${source}|${normTitle(title).split(/[ ,]/)[0]}`, main);
    const parts = title.includes(',') ? title.split(/,\s*/).filter((p) => p.trim() !== '') : [title];
    const first = parts[0] ?? title;
    const variantParts = [first, ...parts.slice(1).filter((p) => isVariant(first, p))];
    const qual = new Set<string>();
    for (const p of parts.slice(1)) {
      if (isVariant(first, p) || /classified elsewhere|^as cause|^meaning\b/i.test(p)) continue;
      for (const k of titleWords(p, forms)) qual.add(k);
    }
    for (const k of qual) vocab.add(k);
    const weight = subtreeSize(term);
    for (const part of variantParts) {
      pushMap(compiler.mainsByVariant, `${source}|${normTitle(part)}`, main);
      for (const form of expandInlineParens(part)) {
        const keys = titleWords(form, forms);
        if (keys.length === 0 || keys.length > 6) continue;
        for (const k of keys) vocab.add(k);
        const entry: HeadEntry = { main, weight };
        if (qual.size > 0) entry.qual = [...qual];
        if (/^[A-Z]{2,}$/.test(form.trim())) entry.acronym = true;
        headList.push({ keys, entry });
      }
    }
    return main;
  };

  for (const t of (index?.records ?? []) as IndexTerm[]) addMain(t, 'index');
  for (const t of (eindex?.records ?? []) as IndexTerm[]) addMain(t, 'eindex');
  for (const t of (drug?.records ?? []) as IndexTerm[]) addMain(t, 'drug');
  const neoRecord = ((neoplasm?.records ?? []) as IndexTerm[])[0];
  if (neoRecord) {
    compiler.neoplasmMain = addMain(neoRecord, 'neoplasm');
    // The table is small and every neoplasm reference needs it: compiled now, its words known.
    const root = compiler.root(compiler.neoplasmMain);
    for (let id = root; id < compiler.nodes.length; id++)
      for (const alt of compiler.nodes[id]?.alts ?? []) for (const k of alt.req) vocab.add(k);
  }

  // A procedure the index files under "Status" ("Status, hysterectomy Z90.710", "Status, colostomy
  // Z93.3") is found by its own word: notes write "history of hysterectomy", not "hysterectomy status".
  // Only one-word procedure subterms ("-ectomy", "-ostomy") whose codes are status codes (Z): "Status,
  // thyroidectomy E89.0" names a postprocedural condition, which the note must document itself.
  const statusMain = compiler.mainsByTitle.get('index|status')?.[0];
  const statusTerm = statusMain === undefined ? undefined : compiler.mains[statusMain]?.term;
  if (statusMain !== undefined && statusTerm) {
    const codesBelow = (t: IndexTerm): string[] => [...(t.codes ?? []).map((c) => c.code), ...(t.children ?? []).flatMap(codesBelow)];
    for (const child of statusTerm.children ?? []) {
      const title = splitInstruction(child.title).title;
      if (!/^[a-z-]+(?:ectomy|stomy)$/i.test(title)) continue;
      const codes = codesBelow(child);
      if (codes.length === 0 || !codes.every((c) => c.startsWith('Z'))) continue;
      const keys = titleWords(title, forms);
      // "cystectomy" removes the bladder (Z90.6) or any cyst: an ambiguous word names no status.
      if (keys.length !== 1 || keys.some((k) => forms.ambiguousHeads.has(k))) continue;
      for (const k of keys) vocab.add(k);
      headList.push({ keys, entry: { main: statusMain, weight: 0, through: true } });
    }
  }

  // Heads: a qualifier is required when its head names one main term only ("Acidity, gastric"), optional
  // when several main terms share the head ("Fracture, traumatic" / "Fracture, pathological").
  const heads = new Map<string, HeadEntry[]>();
  const headPrefixes = new Set<string>();
  let maxHeadWords = 1;
  for (const { keys, entry } of headList) {
    const key = keys.join(' ');
    const list = heads.get(key);
    if (list) {
      if (!list.some((e) => e.main === entry.main)) list.push(entry);
    } else heads.set(key, [entry]);
    maxHeadWords = Math.max(maxHeadWords, keys.length);
    for (let i = 1; i < keys.length; i++) headPrefixes.add(keys.slice(0, i).join(' '));
  }
  for (const list of heads.values()) {
    for (const e of list) {
      const source = compiler.mains[e.main]?.source;
      if (e.qual && list.filter((o) => compiler.mains[o.main]?.source === source).length === 1) e.qualRequired = true;
    }
    list.sort((a, b) => b.weight - a.weight);
  }

  // Abbreviations: a key read as the words of its first expansion.
  const abbreviations = new Map<string, AbbreviationExpansion>();
  let maxAbbreviationWords = 1;
  const given = options.abbreviations;
  const entries = given && 'entries' in given ? given.entries : abbreviationTable.entries;
  const expand = given && !('entries' in given) ? (a: string) => given.expand(a) : undefined;
  for (const entry of entries) {
    if (entry.ambiguous && !options.ambiguousAbbreviations) continue;
    const expansion = expand ? expand(entry.abbreviation)[0] : entry.expansions[0];
    if (expansion === undefined) continue;
    const words = splitWords(expansion).flatMap((w) => forms.map.get(w.key) ?? [w.key]);
    if (words.length === 0) continue;
    const key = abbreviationKey(entry.abbreviation);
    if (!key) continue;
    abbreviations.set(key, { words, expansion, caseSensitive: entry.caseSensitive === true });
    maxAbbreviationWords = Math.max(maxAbbreviationWords, splitWords(entry.abbreviation).length);
  }

  // Titles of the target year's codes; tabular titles and inclusion terms as phrases.
  const titles = new Map<string, string>();
  for (const r of (codeAsset?.records ?? []) as CodeRecord[]) titles.set(r[0], r[3]);
  const phrases =
    options.phrases === false
      ? new Map<string, TitlePhrase[]>()
      : buildPhrases(titles, (tabular?.records ?? []) as TabularNode[], forms, vocab);
  let phraseCount = 0;
  for (const list of phrases.values()) phraseCount += list.length;

  const canon = makeCanon(forms, vocab);
  const buildMs = (typeof performance !== 'undefined' ? performance.now() : Date.now()) - t0;
  const neoplasmRoot = compiler.neoplasmMain >= 0 ? compiler.root(compiler.neoplasmMain) : -1;
  const stats: LexiconStats = {
    mains: compiler.mains.length,
    get nodes() {
      return compiler.nodes.length;
    },
    heads: heads.size,
    phrases: phraseCount,
    abbreviations: abbreviations.size,
    get seeResolved() {
      return compiler.seeResolved;
    },
    get seeUnresolved() {
      return compiler.seeUnresolved;
    },
    get invalidCodes() {
      return compiler.codeStats.invalid;
    },
    buildMs,
  };
  return {
    nodes: compiler.nodes,
    root: (main: number) => compiler.root(main),
    ensure: (node: number) => compiler.ensure(node),
    mainTitle: (main: number) => compiler.mains[main]?.title ?? '',
    mainSource: (main: number) => compiler.mains[main]?.source ?? 'index',
    heads,
    headPrefixes,
    maxHeadWords,
    phrases,
    abbreviations,
    maxAbbreviationWords,
    vocab,
    forms,
    neoplasmRoot,
    neoplasmColumns: neoplasm?.header.columns ?? [],
    drugColumns: drug?.header.columns ?? [],
    titles,
    canon,
    stats,
  };
}

/** Tabular titles (of the target year's codes) and inclusion terms as phrases, by their least common word. */
function buildPhrases(
  titles: ReadonlyMap<string, string>,
  tabular: readonly TabularNode[],
  forms: WordForms,
  vocab: Set<string>,
): Map<string, TitlePhrase[]> {
  const all: TitlePhrase[] = [];
  const byWords = new Map<string, TitlePhrase>();
  const byText = new Map<string, TitlePhrase | null>();
  const unspecifiedCodes = new Set<string>();
  const add = (text: string, code: string, kind: TitlePhrase['kind']) => {
    // 7th-character titles ("…, initial encounter for closed fracture") name their 6-character parent.
    let target = code;
    let raw = text;
    const enc = text.includes('encounter') || text.includes('sequela') ? ENCOUNTER.exec(text) : null;
    if (enc) {
      raw = text.slice(0, enc.index);
      const parent = code.slice(0, 6).replace(/X+$/, '');
      if (titles.has(parent)) target = parent;
    }
    const seen = byText.get(raw);
    if (seen !== undefined) {
      if (seen !== null && target.length < seen.code.length) seen.code = target;
      return;
    }
    byText.set(raw, null);
    // "Other specified diabetes mellitus…", "Other acute kidney failure": a residual category, which a
    // note never names by its title's other words (those are the unspecified or the index default).
    if (OTHER_TITLE.test(raw)) return;
    let cleaned = raw;
    if (cleaned.includes('(') || cleaned.includes('[')) cleaned = cleaned.replace(/\[[^\]]*\]|\([^()]*\)/g, ' ');
    // An organism code's title is the organism and the instruction (B95.2 "Enterococcus as the cause of
    // diseases classified elsewhere"): notes write the organism alone, which names it even in one word.
    const organism = AS_CAUSE.test(cleaned);
    if (organism) cleaned = cleaned.replace(AS_CAUSE, ' ');
    cleaned = cleaned.replace(GENERIC_TITLE_WORDS, ' ').replace(/\s+/g, ' ').trim();
    if (!cleaned || OR_WORD.test(cleaned)) return;
    const words = titleWords(cleaned, forms);
    if (words.length < (organism ? 1 : 2) || words.length > 8) return;
    const joined = words.join(' ');
    const same = byWords.get(joined);
    if (same) {
      // The same words for several codes: keep the shorter (less specific, "unspecified") code, and of
      // two as long the one titled unspecified ("Unspecified abdominal pain", not "Other abdominal pain").
      const unspecified = UNSPECIFIED_TITLE.test(raw);
      const asLong = target.length === same.code.length;
      if (target.length < same.code.length || (asLong && unspecified && !unspecifiedCodes.has(same.code))) same.code = target;
      if (unspecified && same.code === target) unspecifiedCodes.add(target);
      byText.set(raw, same);
      return;
    }
    const phrase: TitlePhrase = { words, code: target, kind, text: cleaned };
    if (UNSPECIFIED_TITLE.test(raw)) unspecifiedCodes.add(target);
    byWords.set(joined, phrase);
    byText.set(raw, phrase);
    all.push(phrase);
  };
  let lastParent = '';
  for (const [code, title] of titles) {
    // The 7th-character codes of one 6-character parent share its phrase: read the first only.
    if (code.length === 7 && (title.includes('encounter') || title.includes('sequela'))) {
      const parent = code.slice(0, 6);
      if (parent === lastParent) continue;
      lastParent = parent;
    }
    add(title, code, 'title');
  }
  for (const n of tabular) {
    if (n.kind !== 'diag') continue;
    const code = normalizeCode(n.id);
    if (!titles.has(code)) continue;
    for (const note of n.notes) {
      if (note.type === 'inclusionTerm') add(note.text, code, 'inclusion');
      else if (note.type === 'excludes1') {
        // An Excludes note says where the excluded condition is classified: "altered level of
        // consciousness (R40.-)" under R41.82 is the only place the classification names that wording.
        const to = EXCLUDED_TO.exec(note.text);
        const target = to?.[2] ? normalizeCode(to[2]) : undefined;
        if (to?.[1] && target && titles.has(target)) add(to[1], target, 'inclusion');
      }
    }
  }
  const df = new Map<string, number>();
  for (const p of all) for (const w of p.words) df.set(w, (df.get(w) ?? 0) + 1);
  const phrases = new Map<string, TitlePhrase[]>();
  for (const p of all) {
    for (const w of p.words) vocab.add(w);
    const anchor = p.words.reduce((a, b) => ((df.get(a) ?? 0) <= (df.get(b) ?? 0) ? a : b));
    const list = phrases.get(anchor);
    if (list) list.push(p);
    else phrases.set(anchor, [p]);
  }
  return phrases;
}

/** Word keys of a note word after the word-form table, with suffix rules for unknown words (cached, bounded). */
function makeCanon(forms: WordForms, vocab: ReadonlySet<string>): (key: string) => readonly string[] {
  const cache = new Map<string, readonly string[]>();
  const known = (k: string) => vocab.has(k) || forms.map.has(k);
  return (key: string): readonly string[] => {
    const cached = cache.get(key);
    if (cached) return cached;
    let out: readonly string[] = forms.map.get(key) ?? [key];
    if (out.length === 1 && !vocab.has(key) && !forms.map.has(key)) {
      const fb = suffixFallback(key, known);
      if (fb !== undefined) out = forms.map.get(fb) ?? [fb];
    }
    // Bounded: garbage input must not grow the cache without limit.
    if (cache.size < 200_000) cache.set(key, out);
    return out;
  };
}

/** The path of titles from the main term down to `node` (for `Mention.path`). */
export function nodePath(lexicon: Lexicon, node: number): string[] {
  const out: string[] = [];
  let n = node;
  for (let guard = 0; n >= 0 && guard < 64; guard++) {
    const x = lexicon.nodes[n];
    if (!x) break;
    out.push(x.title);
    n = x.parent;
  }
  return out.reverse();
}
