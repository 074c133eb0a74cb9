import { hasCodeShape, normalizeCode } from '../code-format';
import { CodeSetError, messages } from '../errors';
import type { IndexCode, IndexTerm } from '../types';
import { splitModifiers } from './index-xml';
import { splitLines, stripBom } from './lines';

/**
 * The official CDC Alphabetic Index addenda (`icd10cm-index-addenda-YYYY.pdf`, as text with its
 * layout kept: `pdftotext -layout`). Each line is an action, then the entry as the Index prints it,
 * its level given by leading "- " dashes (none for a main term):
 *
 *   No Change     Disease, diseased - see also Syndrome
 *   Revise from   - Parkinson's G20
 *   Revise to     - Parkinson's G20.A1
 *   Add           - - with dyskinesia
 *   Add           - - - with
 *   Add           - - - - fluctuations G20.B2
 *
 * "No Change" lines only give the path (the ancestors) of the changes below them. An entry too long
 * for a line goes on over indented lines; a letter heading (`No Change     A`) and the title lines
 * at the top are not entries; "- Note: ..." lines are notes (the Index model has no notes: counted,
 * not applied).
 *
 * Pure TypeScript (no Node or DOM APIs).
 */
export type IndexAddendaAction = 'no-change' | 'add' | 'delete' | 'revise-from' | 'revise-to';

export interface IndexAddendaLine {
  action: IndexAddendaAction;
  /** 0 = main term, 1 = "- subterm", ... */
  level: number;
  /** The entry as the Index models it: title, nonessential modifiers, codes, [manif], see, see also. */
  entry: IndexTerm;
  /** A "- Note: ..." line: kept for the count, never applied. */
  note?: true;
  /** 1-based line of the text where the entry starts (for the log). */
  line: number;
  /** The entry text as printed (continuation lines joined). */
  text: string;
}

const ACTIONS: ReadonlyArray<[prefix: string, action: IndexAddendaAction]> = [
  ['No Change', 'no-change'],
  ['Revise from', 'revise-from'],
  ['Revise to', 'revise-to'],
  ['Add', 'add'],
  ['Delete', 'delete'],
];

const ACTION_LINE = /^(No Change|Revise from|Revise to|Add|Delete)\s+(.*)$/;
/** A code as the Index prints it: `G20.A1`, `I63.-`, `R92.32-`, `Q44.7`. */
const INDEX_CODE = /^[A-Z][0-9A-Z]{2}(?:\.[0-9A-Z]{0,4})?-?$|^[A-Z][0-9A-Z]{2}\.-$/;

/** Parse the text of one Index addenda file into its entry lines, in file order. */
export function parseIndexAddendaText(text: string, file: string): IndexAddendaLine[] {
  const lines = splitLines(stripBom(text));
  const out: IndexAddendaLine[] = [];
  let open: { action: IndexAddendaAction; text: string; line: number } | undefined;
  const flush = (): void => {
    if (!open) return;
    const parsed = parseEntryLine(open.action, open.text, open.line);
    if (parsed) out.push(parsed);
    open = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    // pdftotext starts each page with a form feed.
    const raw = decodeEntities((lines[i] as string).replace(/\f/g, ''));
    if (raw.trim() === '') continue;
    const match = ACTION_LINE.exec(raw);
    if (match) {
      flush();
      const action = ACTIONS.find(([prefix]) => prefix === match[1])?.[1] as IndexAddendaAction;
      open = { action, text: (match[2] as string).trim(), line: i + 1 };
      continue;
    }
    // An indented line goes on with the entry above it; anything else (the title lines) is not an entry.
    if (open && /^\s/.test(raw)) open.text = `${open.text} ${raw.trim()}`;
    else flush();
  }
  flush();
  if (out.length === 0) throw new CodeSetError(file, undefined, messages.badIndexAddenda);
  return out;
}

/** A few entries were typed into the PDF with XML escapes (`(&lt;2 years old)`). */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function parseEntryLine(action: IndexAddendaAction, text: string, line: number): IndexAddendaLine | undefined {
  const dashes = /^(?:-\s+)*/.exec(text)?.[0] ?? '';
  const level = (dashes.match(/-/g) ?? []).length;
  const body = text.slice(dashes.length).trim();
  // A letter heading ("No Change     A") is not an entry.
  if (level === 0 && /^[A-Z]$/.test(body)) return undefined;
  if (/^Note:/i.test(body)) return { action, level, entry: { title: body }, note: true, line, text };
  return { action, level, entry: parseIndexEntry(body), line, text };
}

/**
 * One entry as the Index prints it, dashes removed:
 * `Dementia (in) (see also X) G30.9 [F02.80]`, `Acrochondrohyperplasia - see Syndrome, Marfan`.
 */
export function parseIndexEntry(body: string): IndexTerm {
  const tokens = body.split(/\s+/);
  const codes: IndexCode[] = [];
  const manif: IndexCode[] = [];
  // Codes and [manifestation codes] close the line.
  while (tokens.length > 1) {
    const last = tokens[tokens.length - 1] as string;
    const bracket = /^\[([^\]]+)\]$/.exec(last);
    if (bracket && isIndexCode(bracket[1] as string)) manif.unshift({ code: bracket[1] as string, status: 'valid' });
    else if (isIndexCode(last.replace(/,$/, ''))) codes.unshift({ code: last.replace(/,$/, ''), status: 'valid' });
    else break;
    tokens.pop();
  }
  let rest = tokens.join(' ');
  const see: string[] = [];
  const seeAlso: string[] = [];
  // "- see X" / "- see also X" after the title.
  const dashSee = /\s+-\s+see(\s+also)?\b,?\s*(.*)$/i.exec(rest);
  if (dashSee) {
    (dashSee[1] ? seeAlso : see).push((dashSee[2] as string).trim());
    rest = rest.slice(0, dashSee.index);
  }
  // "(see also X)" / "(see X)" groups in the title (parentheses may nest inside).
  rest = takeSeeGroups(rest, see, seeAlso);
  const split = splitModifiers([{ text: rest, nemod: true }]);
  const entry: IndexTerm = { title: split.title };
  if (split.title === '' && split.nemod.length > 0) entry.title = split.nemod.map((m) => `(${m})`).join(' ');
  else if (split.nemod.length > 0) entry.nemod = split.nemod;
  if (codes.length > 0) entry.codes = codes;
  if (manif.length > 0) entry.manif = manif;
  if (see.length > 0) entry.see = see.filter((s) => s !== '');
  if (seeAlso.length > 0) entry.seeAlso = seeAlso.filter((s) => s !== '');
  if (entry.see?.length === 0) delete entry.see;
  if (entry.seeAlso?.length === 0) delete entry.seeAlso;
  return entry;
}

function isIndexCode(token: string): boolean {
  return INDEX_CODE.test(token) && hasCodeShape('icd10cm', normalizeCode(token));
}

/** Remove top-level `(see ...)` / `(see also ...)` groups from `text`, collecting their targets. */
function takeSeeGroups(text: string, see: string[], seeAlso: string[]): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('(', i);
    if (open < 0) break;
    let depth = 0;
    let close = -1;
    for (let j = open; j < text.length; j++) {
      if (text[j] === '(') depth++;
      else if (text[j] === ')' && --depth === 0) {
        close = j;
        break;
      }
    }
    if (close < 0) break;
    const inner = text.slice(open + 1, close).trim();
    const ref = /^see(\s+also)?\b,?\s*([\s\S]*)$/i.exec(inner);
    out += text.slice(i, open);
    if (ref) (ref[1] ? seeAlso : see).push((ref[2] as string).trim());
    else out += text.slice(open, close + 1);
    i = close + 1;
  }
  return (out + text.slice(i)).replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Applying addenda to a parsed Index

export interface IndexAddendaStats {
  /** Entries added, deleted, revised (each "Revise from" + "Revise to" pair is one). */
  add: number;
  delete: number;
  revise: number;
  /** "No Change" context lines found in the tree. */
  context: number;
  /**
   * With `restoreMissing`: entries the addenda print as they now stand ("No Change" context, the
   * "Revise to" of a revision) that the tree lacks although their parent was found (added by
   * addenda this build does not have), added under that parent. Also listed in `restored`.
   */
  restored: number;
  /** Notes (not applied). */
  notes: number;
  /** An "Add" whose title a sibling already had (added by an earlier, unavailable addenda): that entry is updated. */
  addExisting: number;
  /** Lines that could not be placed (see `unplaced`). */
  unplaced: number;
}

export interface UnplacedChange {
  file: string;
  line: number;
  action: IndexAddendaAction;
  text: string;
  reason: 'no-parent' | 'not-found' | 'ambiguous' | 'unpaired-revision';
}

export interface IndexAddendaResult {
  terms: IndexTerm[];
  stats: IndexAddendaStats;
  unplaced: UnplacedChange[];
  restored: UnplacedChange[];
}

export interface IndexAddendaFile {
  file: string;
  lines: readonly IndexAddendaLine[];
}

export interface ApplyIndexAddendaOptions {
  /** Add entries the addenda show as existing but the tree lacks, under their found parent (see `restored`). */
  restoreMissing?: boolean;
}

const emptyStats = (): IndexAddendaStats => ({ add: 0, delete: 0, revise: 0, context: 0, restored: 0, notes: 0, addExisting: 0, unplaced: 0 });

/**
 * Apply addenda files, in the order given, to `terms` (the main terms). Each line is placed by the
 * path of the lines above it (by level): the parent of a level-n line is the last line of level n-1.
 * A line whose parent could not be placed is not placed either, and nothing is ever put where the
 * path does not lead: unplaced lines are returned with the reason. Titles are matched on the
 * essential words (case, punctuation and nonessential modifiers aside); a possessive "'s" is
 * optional, as the FY2024 Index dropped it from eponyms. A revision whose old title is gone but whose
 * new title is there (revised by an earlier addenda) updates that entry. Returns new terms; the
 * input is not changed.
 */
export function applyIndexAddenda(
  terms: readonly IndexTerm[],
  files: readonly IndexAddendaFile[],
  options: ApplyIndexAddendaOptions = {},
): IndexAddendaResult & { byFile: Array<{ file: string; stats: IndexAddendaStats }> } {
  const root: IndexTerm = { title: '', children: structuredClone(terms) as IndexTerm[] };
  const total = emptyStats();
  const unplaced: UnplacedChange[] = [];
  const restored: UnplacedChange[] = [];
  const byFile: Array<{ file: string; stats: IndexAddendaStats }> = [];
  for (const { file, lines } of files) {
    const stats = applyFile(root, lines, file, options, unplaced, restored);
    byFile.push({ file, stats });
    for (const key of Object.keys(total) as Array<keyof IndexAddendaStats>) total[key] += stats[key];
  }
  return { terms: root.children ?? [], stats: total, unplaced, restored, byFile };
}

function applyFile(
  root: IndexTerm,
  lines: readonly IndexAddendaLine[],
  file: string,
  options: ApplyIndexAddendaOptions,
  unplaced: UnplacedChange[],
  restored: UnplacedChange[],
): IndexAddendaStats {
  const stats = emptyStats();
  /** path[n] = the term of the last level-n line, or undefined when that line was not placed. */
  const path: Array<IndexTerm | undefined> = [];
  const restore = (l: IndexAddendaLine, parent: IndexTerm, entry: IndexTerm): IndexTerm => {
    const term = structuredClone(entry);
    parent.children = insertSorted(parent.children ?? [], term);
    stats.restored++;
    restored.push({ file, line: l.line, action: l.action, text: l.text, reason: 'not-found' });
    path[l.level] = term;
    return term;
  };
  const fail = (l: IndexAddendaLine, reason: UnplacedChange['reason']): void => {
    stats.unplaced++;
    unplaced.push({ file, line: l.line, action: l.action, text: l.text, reason });
    path.length = l.level;
    path[l.level] = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as IndexAddendaLine;
    if (l.note) {
      stats.notes++;
      continue;
    }
    const parent = l.level === 0 ? root : path[l.level - 1];
    if (parent === undefined || l.level > path.length) {
      fail(l, 'no-parent');
      if (l.action === 'revise-from' && lines[i + 1]?.action === 'revise-to') fail(lines[++i] as IndexAddendaLine, 'no-parent');
      continue;
    }
    const siblings = parent.children ?? [];
    path.length = l.level;
    switch (l.action) {
      case 'no-change': {
        const found = findTerm(siblings, l.entry);
        if (found === 'not-found' && options.restoreMissing) restore(l, parent, l.entry);
        else if (typeof found === 'string') fail(l, found);
        else {
          stats.context++;
          path[l.level] = found;
        }
        break;
      }
      case 'add': {
        const existing = findTerm(siblings, l.entry, true);
        if (typeof existing !== 'string') {
          stats.addExisting++;
          replaceEntry(existing, l.entry);
          path[l.level] = existing;
          break;
        }
        const term = structuredClone(l.entry);
        parent.children = insertSorted(siblings, term);
        stats.add++;
        path[l.level] = term;
        break;
      }
      case 'delete': {
        const found = findTerm(siblings, l.entry);
        if (typeof found === 'string') {
          fail(l, found);
          break;
        }
        parent.children = siblings.filter((t) => t !== found);
        if (parent.children.length === 0) delete parent.children;
        stats.delete++;
        // Deletes of its subterms that follow act on the removed term: harmless, and counted.
        path[l.level] = found;
        break;
      }
      case 'revise-from': {
        const to = lines[i + 1];
        if (to?.action !== 'revise-to' || to.level !== l.level) {
          fail(l, 'unpaired-revision');
          break;
        }
        i++;
        const found = findTerm(siblings, l.entry);
        if (found === 'not-found') {
          // Already revised by an earlier addenda (FY2018-FY2021 are not available): the entry is there under its new title.
          const revised = findTerm(siblings, to.entry);
          if (typeof revised !== 'string') {
            replaceEntry(revised, to.entry);
            stats.revise++;
            path[l.level] = revised;
            break;
          }
          if (revised === 'not-found' && options.restoreMissing) {
            restore(to, parent, to.entry);
            break;
          }
        }
        if (typeof found === 'string') {
          fail(l, found);
          fail(to, found);
          break;
        }
        replaceEntry(found, to.entry);
        stats.revise++;
        path[l.level] = found;
        break;
      }
      case 'revise-to':
        fail(l, 'unpaired-revision');
        break;
    }
  }
  return stats;
}

/** Key for matching titles: lower case, words only; `loose` also drops a possessive 's. */
export function titleKey(title: string, loose = false): string {
  let t = title.toLowerCase().replace(/[’‘`]/g, "'");
  if (loose) t = t.replace(/'s\b/g, '').replace(/s'(?=\s|$)/g, 's');
  return t
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .replace(/'/g, loose ? '' : "'")
    .trim();
}

/** Title keys of the tree's terms, computed once per title (main-term lists are long). */
const keyCache = new WeakMap<IndexTerm, { title: string; exact: string; loose: string }>();
function cachedKey(term: IndexTerm, loose: boolean): string {
  let keys = keyCache.get(term);
  if (keys === undefined || keys.title !== term.title) {
    keys = { title: term.title, exact: titleKey(term.title), loose: titleKey(term.title, true) };
    keyCache.set(term, keys);
  }
  return loose ? keys.loose : keys.exact;
}

const codeKey = (codes: readonly IndexCode[] | undefined): string => (codes ?? []).map((c) => normalizeCode(c.code)).join(' ');
const nemodKey = (nemod: readonly string[] | undefined): string => (nemod ?? []).map((m) => titleKey(m)).join('|');

/**
 * The sibling `entry` names: by exact title key, else by the loose key (possessive aside). Several
 * siblings with that title are told apart by codes, then modifiers; if they still cannot be, 'ambiguous'.
 * `exactOnly` (for "Add"): only an exact title counts as the same entry.
 */
function findTerm(siblings: readonly IndexTerm[], entry: IndexTerm, exactOnly = false): IndexTerm | 'not-found' | 'ambiguous' {
  for (const loose of exactOnly ? [false] : [false, true]) {
    const key = titleKey(entry.title, loose);
    const hits = siblings.filter((t) => cachedKey(t, loose) === key);
    if (hits.length === 1) return hits[0] as IndexTerm;
    if (hits.length > 1) {
      const byCode = hits.filter((t) => codeKey(t.codes) === codeKey(entry.codes));
      if (byCode.length === 1) return byCode[0] as IndexTerm;
      const pool = byCode.length > 1 ? byCode : hits;
      const byNemod = pool.filter((t) => nemodKey(t.nemod) === nemodKey(entry.nemod));
      if (byNemod.length === 1) return byNemod[0] as IndexTerm;
      return 'ambiguous';
    }
  }
  return 'not-found';
}

/** Give `term` the printed content of `entry` (title, modifiers, codes, references); its subterms stay. */
function replaceEntry(term: IndexTerm, entry: IndexTerm): void {
  for (const field of ['nemod', 'codes', 'manif', 'see', 'seeAlso'] as const) delete term[field];
  const { children: _children, ...content } = structuredClone(entry);
  Object.assign(term, content);
}

/**
 * Subterms are printed "with" / "without" first, then alphabetically; a new one goes before the
 * first sibling that sorts after it.
 */
function insertSorted(siblings: IndexTerm[], term: IndexTerm): IndexTerm[] {
  const rank = (t: IndexTerm): string => {
    const key = cachedKey(t, false);
    return key === 'with' ? '0' : key === 'without' ? '1' : `2${key}`;
  };
  const r = rank(term);
  const at = siblings.findIndex((t) => rank(t).localeCompare(r) > 0);
  if (at < 0) siblings.push(term);
  else siblings.splice(at, 0, term);
  return siblings;
}
