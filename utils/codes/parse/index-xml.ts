import { SaxesParser } from 'saxes';
import { hasCodeShape, normalizeCode } from '../code-format';
import { CodeSetError, messages } from '../errors';
import type { IndexCode, IndexTerm } from '../types';

/**
 * The four official Alphabetic Index XML files (Index to Diseases and Injuries, External Cause
 * Index, Table of Neoplasms, Table of Drugs and Chemicals; schemas `index.xsd`, `drug_neoplasm.xsd`):
 *
 *   ICD10CM.index > version, title?, indexHeading? > head[@col],
 *     letter > title, mainTerm > title (text with <nemod>), code | see | seeAlso | seecat | subcat |
 *       manif | cell[@col], term[@level] (recursive, same children)
 *
 * Letters are flattened away: `terms` are the main terms, each with nested `children`. Nesting is
 * taken from the elements themselves; `@level` only repeats it and is not read.
 *
 * Folded elements (the contract has no field of their own):
 * - `<subcat>H93.3</subcat>` ("see subcategory H93.3") and `<seecat>M01</seecat>` ("see category
 *   M01") become codes printed with the index's "more characters needed" dash (`H93.3-`, `M01.-`):
 *   the coder must pick a code inside that (sub)category, which is exactly what a dashed code means,
 *   and as codes they are checked against the target year like every other code.
 * - A `<manif>` holding prose instead of a code (one in the FY2022 neoplasm table: "book-leaf (mouth)
 *   <manif>ventral surface of tongue and floor of mouth</manif>") is a modifier printed in
 *   parentheses, so it joins `nemod`.
 *
 * Pure TypeScript over `saxes` (no Node or DOM APIs): it also runs in the service worker.
 */
export type IndexFileKind = 'index' | 'eindex' | 'neoplasm' | 'drug';

export interface IndexParseResult {
  kind: IndexFileKind;
  /** The `<version>` year. */
  version: number;
  title?: string;
  /** Table column headings, columns 2.. (neoplasm, drug); `cells[i]` is column `i + 2`. */
  columns?: string[];
  /** Main terms, in file order. */
  terms: IndexTerm[];
  /** How many of each element the file holds (for build stats and tests). */
  elements: Record<string, number>;
}

const ROOT = 'ICD10CM.index';
const TERM_CODE_ELEMENTS = new Set(['code', 'manif', 'subcat', 'seecat']);
const TERM_TEXT_ELEMENTS = new Set(['see', 'seeAlso']);
/** A sanity bound on table width (the official tables have 7 columns, the term being column 1). */
const MAX_COLUMNS = 12;

/** A term being built, with what is only known once it closes. */
interface OpenTerm {
  element: 'mainTerm' | 'term';
  term: IndexTerm;
  /** Line of the opening tag, for errors about the term as a whole. */
  line: number;
  titled: boolean;
  /** Title text; nemod parts are kept apart until the title closes. */
  titleParts: TitlePart[];
  cellsByColumn: Map<number, IndexCode | null>;
}

export interface TitlePart {
  text: string;
  nemod: boolean;
}

type Frame =
  | { role: 'root' }
  | { role: 'letter' }
  | { role: 'indexHeading' }
  | { role: 'term'; open: OpenTerm }
  | { role: 'termTitle'; open: OpenTerm }
  | { role: 'nemod'; open: OpenTerm }
  // Elements whose whole text is one value.
  | { role: 'text'; name: string; owner?: OpenTerm; col?: number };

export function parseIndexXml(xml: string, file: string): IndexParseResult {
  if (xml.trim() === '' || (xml.charCodeAt(0) === 0xfeff && xml.slice(1).trim() === '')) {
    throw new CodeSetError(file, undefined, messages.emptyFile);
  }

  // saxes would only notice at the end of the line; a CSV or text file given by mistake fails here.
  const firstChar = /\S/.exec(xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml)?.[0];
  if (firstChar !== '<') throw new CodeSetError(file, 1, messages.badXml('the file does not start with an XML tag'));

  const parser = new SaxesParser({ position: true });
  const fail = (detail: string, line: number = parser.line): never => {
    throw new CodeSetError(file, line, detail);
  };

  const terms: IndexTerm[] = [];
  const elements: Record<string, number> = {};
  const frames: Frame[] = [];
  const headings = new Map<number, string>();
  let captured = '';
  let version: number | undefined;
  let title: string | undefined;
  let rootSeen = false;
  let rootClosed = false;

  /** Number of table columns a cell may address, once the heading is known (7 = the official width). */
  const lastColumn = (): number => (headings.size > 0 ? Math.max(...headings.keys()) : 7);

  const readCode = (raw: string, element: string): string => {
    const code = raw.trim();
    if (!hasCodeShape('icd10cm', normalizeCode(code)) || !/^[A-Za-z0-9.]+-?$/.test(code)) {
      fail(messages.notIcd10cmCode(raw.trim() || `<${element}></${element}>`));
    }
    return code;
  };

  const finishTermText = (name: string, owner: OpenTerm, raw: string, col: number | undefined): void => {
    const text = normalizeWhitespace(raw);
    const { term } = owner;
    switch (name) {
      case 'code':
        term.codes = appended(term.codes, { code: readCode(text, name), status: 'valid' });
        return;
      case 'subcat':
      case 'seecat':
        term.codes = appended(term.codes, { code: withMoreCharactersDash(readCode(text, name)), status: 'valid' });
        return;
      case 'manif':
        if (!hasCodeShape('icd10cm', normalizeCode(text)) && /\s/.test(text)) {
          term.nemod = appended(term.nemod, text);
          return;
        }
        term.manif = appended(term.manif, { code: readCode(text, name), status: 'valid' });
        return;
      case 'see':
        if (text !== '') term.see = appended(term.see, text);
        return;
      case 'seeAlso':
        if (text !== '') term.seeAlso = appended(term.seeAlso, text);
        return;
      case 'cell':
        owner.cellsByColumn.set(col as number, isEmptyCell(text) ? null : { code: readCode(text, name), status: 'valid' });
        return;
    }
  };

  const openTerm = (element: 'mainTerm' | 'term', parent: OpenTerm | undefined): void => {
    if (parent && !parent.titled) fail(messages.missingChild(parent.element, 'title'), parent.line);
    const open: OpenTerm = {
      element,
      term: { title: '' },
      line: parser.line,
      titled: false,
      titleParts: [],
      cellsByColumn: new Map(),
    };
    frames.push({ role: 'term', open });
  };

  const closeTerm = (open: OpenTerm): void => {
    if (!open.titled) fail(messages.missingChild(open.element, 'title'), open.line);
    const { term } = open;
    if (open.cellsByColumn.size > 0) {
      const width = headings.size > 0 ? lastColumn() - 1 : Math.max(...open.cellsByColumn.keys()) - 1;
      term.cells = Array.from({ length: width }, (_, i) => open.cellsByColumn.get(i + 2) ?? null);
    }
    const parent = frames.at(-1);
    if (parent?.role === 'term') parent.open.term.children = appended(parent.open.term.children, term);
    else terms.push(term);
  };

  const finishTitle = (open: OpenTerm): void => {
    const split = splitModifiers(open.titleParts);
    if (split.title === '' && split.nemod.length === 0) fail(messages.missingChild(open.element, 'title'), open.line);
    if (split.title === '') {
      // A subterm that is only a modifier ("Shock, electric – (taser)"): print it as the title.
      open.term.title = split.nemod.map((m) => `(${m})`).join(' ');
      open.titled = true;
      return;
    }
    open.term.title = split.title;
    // Modifiers from a prose <manif> may already be there; the title's come first.
    if (split.nemod.length > 0) open.term.nemod = [...split.nemod, ...(open.term.nemod ?? [])];
    open.titled = true;
  };

  /** The frame for element `name` opened inside `parent`; throws for elements the schema does not allow there. */
  const frameFor = (name: string, parent: Frame, attributes: Record<string, string>, parentName: string): Frame | 'term' => {
    switch (parent.role) {
      case 'root':
        if (name === 'version' || name === 'title') return { role: 'text', name };
        if (name === 'indexHeading') return { role: 'indexHeading' };
        if (name === 'letter') return { role: 'letter' };
        if (name === 'mainTerm') return 'term';
        break;
      case 'indexHeading':
        if (name === 'head') return { role: 'text', name, col: readColumn(attributes, 'head', 1) };
        break;
      case 'letter':
        if (name === 'title') return { role: 'text', name: 'letterTitle' };
        if (name === 'mainTerm') return 'term';
        break;
      case 'term': {
        const owner = parent.open;
        if (name === 'title') {
          if (owner.titled) fail(messages.unexpectedElement(name, parentName));
          return { role: 'termTitle', open: owner };
        }
        if (name === 'term') return 'term';
        if (TERM_CODE_ELEMENTS.has(name) || TERM_TEXT_ELEMENTS.has(name)) return { role: 'text', name, owner };
        if (name === 'cell') return { role: 'text', name, owner, col: readColumn(attributes, 'cell', 2) };
        break;
      }
      case 'termTitle':
        if (name === 'nemod') return { role: 'nemod', open: parent.open };
        break;
      case 'nemod':
      case 'text':
        break;
    }
    return fail(messages.unexpectedElement(name, parentName));
  };

  /** `col` of a heading (1..) or a cell (2..last heading column, or the official 7 without a heading). */
  const readColumn = (attributes: Record<string, string>, element: 'head' | 'cell', first: 1 | 2): number => {
    const raw = attributes.col?.trim();
    if (raw === undefined || raw === '') return fail(messages.missingAttribute(element, 'col'));
    const col = Number(raw);
    const last = element === 'head' ? MAX_COLUMNS : lastColumn();
    if (!Number.isInteger(col) || col < first || col > last) fail(messages.badTableColumn(raw, first, last));
    return col;
  };

  const openNames: string[] = [];

  parser.on('opentag', (tag) => {
    elements[tag.name] = (elements[tag.name] ?? 0) + 1;
    const parent = frames.at(-1);
    if (parent === undefined) {
      if (rootSeen) fail(messages.unexpectedElement(tag.name, 'document end'));
      if (tag.name !== ROOT) fail(messages.unexpectedRoot(tag.name, ROOT));
      rootSeen = true;
      frames.push({ role: 'root' });
      openNames.push(tag.name);
      return;
    }
    const frame = frameFor(tag.name, parent, tag.attributes as Record<string, string>, openNames.at(-1) ?? ROOT);
    openNames.push(tag.name);
    if (frame === 'term') {
      openTerm(tag.name as 'mainTerm' | 'term', parent.role === 'term' ? parent.open : undefined);
      return;
    }
    if (frame.role === 'text') captured = '';
    frames.push(frame);
  });

  const onText = (text: string): void => {
    const frame = frames.at(-1);
    if (frame === undefined) return;
    if (frame.role === 'text') captured += text;
    else if (frame.role === 'termTitle') frame.open.titleParts.push({ text, nemod: false });
    else if (frame.role === 'nemod') frame.open.titleParts.push({ text, nemod: true });
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    openNames.pop();
    const frame = frames.pop();
    if (frame === undefined) return;
    switch (frame.role) {
      case 'root':
        rootClosed = true;
        return;
      case 'term':
        closeTerm(frame.open);
        return;
      case 'termTitle':
        finishTitle(frame.open);
        return;
      case 'text': {
        if (frame.owner) {
          finishTermText(frame.name, frame.owner, captured, frame.col);
        } else if (frame.name === 'version') {
          const text = normalizeWhitespace(captured);
          if (!/^\d{4}$/.test(text)) fail(messages.badVersion(text));
          version = Number(text);
        } else if (frame.name === 'title') {
          title = normalizeWhitespace(captured);
        } else if (frame.name === 'head') {
          headings.set(frame.col as number, normalizeWhitespace(captured));
        }
        captured = '';
        return;
      }
      default:
        return;
    }
  });

  try {
    parser.write(xml);
    if (!rootSeen) fail(messages.missingRoot(ROOT));
    if (!rootClosed) fail(messages.truncated);
    parser.close();
  } catch (error) {
    if (error instanceof CodeSetError) throw error;
    // saxes reports "line:column: message"; keep the line, reword the rest.
    const message = error instanceof Error ? error.message : String(error);
    const match = /^(\d+):\d+: ([\s\S]*)$/.exec(message);
    const line = match ? Number(match[1]) : parser.line;
    throw new CodeSetError(file, line, messages.badXml((match?.[2] ?? message).replace(/\.$/, '')));
  }
  if (version === undefined) fail(messages.missingChild(ROOT, 'version'), 1);

  const heading = headings.get(1) ?? '';
  const columns = [...headings.entries()]
    .filter(([col]) => col >= 2)
    .sort(([a], [b]) => a - b)
    .map(([, text]) => text);
  const result: IndexParseResult = { kind: kindOf(heading, title), version: version as number, terms, elements };
  if (title !== undefined) result.title = title;
  if (columns.length > 0) result.columns = columns;
  return result;
}

/** Neoplasm and drug tables carry an `indexHeading` (col 1 names the table); the indexes a title. */
function kindOf(heading: string, title: string | undefined): IndexFileKind {
  if (/neoplasm/i.test(heading)) return 'neoplasm';
  if (/substance|drug/i.test(heading)) return 'drug';
  if (title !== undefined && /external cause/i.test(title)) return 'eindex';
  return 'index';
}

/** `--` (drug table), `-` (neoplasm table) or nothing: no code in that column. */
export function isEmptyCell(text: string): boolean {
  return /^-*$/.test(text.trim());
}

/** A (sub)category named by `<seecat>`/`<subcat>` as the index prints one needing more characters. */
function withMoreCharactersDash(code: string): string {
  if (code.endsWith('-')) return code;
  return code.length === 3 ? `${code}.-` : `${code}-`;
}

/** `list` with `item` added at the end (a new list when there was none). */
export function appended<T>(list: T[] | undefined, item: T): T[] {
  if (list === undefined) return [item];
  list.push(item);
  return list;
}

/** Collapse runs of whitespace (tabs, newlines, indentation) to one space and trim. */
function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Inflection endings printed in parentheses right after a word (`finger(s)`, `Amnes(t)ic`,
 * `Achromat(ism)`, `Benzin(e)`; the drug CSV puts a space before `(e)`): part of the word, not a
 * modifier, so they stay in the title, attached to the word.
 */
const INFLECTION = /^(s|es|e|t|ism)$/;

/** Marks where a modifier was taken out of the title, resolved to a space or nothing at the end. */
const GAP = '\ue000';

/**
 * Title text and nonessential modifiers from a title whose `nemod` parts hold parenthesised groups.
 *
 * The official `<nemod>` is not always only modifiers: it can run on with essential words
 * (`Alder<nemod>(-Reilly) anomaly or syndrome (leukocyte granulation)</nemod>`). So each top-level
 * `( ... )` group of a nemod part is a modifier (nested parentheses stay inside it) and the text
 * between groups stays in the title: title "Alder anomaly or syndrome", nemod ['-Reilly',
 * 'leukocyte granulation']. Unbalanced parentheses (a few in the source) are tolerated: a stray
 * `)` is dropped, an unclosed `(` runs to the end of the part.
 */
export function splitModifiers(parts: readonly TitlePart[]): { title: string; nemod: string[] } {
  let title = '';
  const nemod: string[] = [];
  for (const part of parts) {
    if (!part.nemod) {
      title += part.text;
      continue;
    }
    let depth = 0;
    let group = '';
    for (const ch of part.text) {
      if (depth === 0) {
        if (ch === '(') depth = 1;
        else if (ch !== ')') title += ch;
        continue;
      }
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
      if (depth > 0) {
        group += ch;
        continue;
      }
      const text = normalizeWhitespace(group);
      group = '';
      if (INFLECTION.test(text) && /\p{L}\s*$/u.test(title)) title = `${title.trimEnd()}(${text})`;
      else {
        if (text !== '') nemod.push(text);
        title += GAP;
      }
    }
    if (depth > 0) {
      const text = normalizeWhitespace(group);
      if (text !== '') nemod.push(text);
      title += GAP;
    }
  }
  const joined = title
    // A modifier taken out between two words leaves a space; elsewhere (before "-Favre", at the end) nothing.
    .replace(/([\p{L}\p{N}])\ue000+(?=[\p{L}\p{N}])/gu, '$1 ')
    .replaceAll(GAP, '')
    .replace(/\s+/g, ' ')
    .replace(/ ([,;:])/g, '$1')
    .trim();
  return { title: joined, nemod };
}
