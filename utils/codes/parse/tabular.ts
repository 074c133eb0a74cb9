import { SaxesParser } from 'saxes';
import { displayCode, hasCodeShape, normalizeCode } from '../code-format';
import { CodeSetError, messages } from '../errors';
import type { NoteType, TabularNode } from '../types';

/**
 * ICD-10-CM Tabular List XML (CDC `icd10cm_tabular_YYYY.xml`, schema `icd10cm_tabular.xsd`) to a
 * flat list of nodes in document order (parents before children):
 *
 *   ICD10CM.tabular > version, introduction (skipped),
 *     chapter > name, desc, note containers, sectionIndex (skipped),
 *       section[@id] > desc, note containers,
 *         diag > name, desc, note containers, sevenChrNote, sevenChrDef > extension[@char], diag*
 *
 * Pure TypeScript over `saxes` (no Node or DOM APIs) so the same code runs at build time and in
 * the extension's service worker when a user imports a newer file.
 */
export interface TabularParseResult {
  /** The `<version>` year; every note is tagged with it. */
  version: number;
  nodes: TabularNode[];
}

const ROOT = 'ICD10CM.tabular';

const NOTE_CONTAINERS: Readonly<Record<string, NoteType>> = {
  includes: 'includes',
  inclusionTerm: 'inclusionTerm',
  excludes1: 'excludes1',
  excludes2: 'excludes2',
  codeFirst: 'codeFirst',
  useAdditionalCode: 'useAdditionalCode',
  codeAlso: 'codeAlso',
  notes: 'notes',
  sevenChrNote: 'sevenChrNote',
};

type NodeElement = 'chapter' | 'section' | 'diag';

interface OpenNode {
  element: NodeElement;
  node: TabularNode;
  /** Line of the opening tag, for errors about the element as a whole. */
  line: number;
  named: boolean;
  hasDesc: boolean;
}

/** What the text of a captured element is for. */
type TextTarget =
  | { kind: 'version' }
  | { kind: 'name'; owner: OpenNode }
  | { kind: 'desc'; owner: OpenNode }
  | { kind: 'note'; owner: OpenNode; type: NoteType }
  | { kind: 'extension'; owner: OpenNode; char: string }
  // A <note> inside <sevenChrDef>: an inclusion term of the extension before it (S72 "B" lists
  // "initial encounter for open fracture NOS").
  | { kind: 'extensionInclusion'; owner: OpenNode };

/** One open element the parser keeps track of (unknown elements are skipped, not stacked). */
type Frame =
  | { role: 'root' }
  | { role: 'node'; open: OpenNode }
  | { role: 'container'; type: NoteType; owner: OpenNode }
  | { role: 'sevenChrDef'; owner: OpenNode }
  | { role: 'text'; target: TextTarget }
  // Markup nested inside a captured element: its text joins the capture.
  | { role: 'inline' };

/** Collapse runs of whitespace (tabs, newlines, indentation) to one space and trim. */
export function normalizeWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function parseTabularXml(xml: string, file: string): TabularParseResult {
  if (xml.trim() === '' || (xml.charCodeAt(0) === 0xfeff && xml.slice(1).trim() === '')) {
    throw new CodeSetError(file, undefined, messages.emptyFile);
  }

  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const fail = (detail: string, line: number = parser.line): never => {
    throw new CodeSetError(file, line, detail);
  };

  const nodes: TabularNode[] = [];
  const seenIds = new Set<string>();
  const frames: Frame[] = [];
  /** Depth of unknown elements being skipped (introduction, sectionIndex, visualImpairment, ...). */
  let skipDepth = 0;
  let captured: string | undefined;
  let version: number | undefined;
  let rootSeen = false;
  let rootClosed = false;

  const register = (open: OpenNode, id: string): void => {
    if (seenIds.has(id)) fail(messages.duplicateNode(id));
    seenIds.add(id);
    open.node.id = id;
    open.named = true;
  };

  const openNode = (element: NodeElement, parent: OpenNode | undefined, attributes: Record<string, string>): void => {
    if (element === 'chapter' && version === undefined) fail(messages.missingChild(ROOT, 'version'));
    if (parent && !parent.named) fail(messages.missingChild(parent.element, 'name'), parent.line);
    const node: TabularNode = { id: '', kind: element, title: '', notes: [] };
    if (parent) node.parent = parent.node.id;
    const open: OpenNode = { element, node, line: parser.line, named: false, hasDesc: false };
    if (element === 'section') {
      const id = attributes.id?.trim();
      if (!id) fail(messages.missingAttribute('section', 'id'));
      register(open, `section:${id}`);
    }
    nodes.push(node);
    frames.push({ role: 'node', open });
  };

  const closeNode = (open: OpenNode): void => {
    if (!open.named) fail(messages.missingChild(open.element, 'name'), open.line);
    if (!open.hasDesc) fail(messages.missingChild(open.element, 'desc'), open.line);
  };

  const finishText = (target: TextTarget, raw: string): void => {
    const text = normalizeWhitespace(raw);
    switch (target.kind) {
      case 'version': {
        if (!/^\d{4}$/.test(text)) fail(messages.badVersion(text));
        version = Number(text);
        return;
      }
      case 'name': {
        const { owner } = target;
        if (owner.element === 'chapter') {
          if (text === '') fail(messages.missingChild('chapter', 'name'), owner.line);
          register(owner, `chapter:${text}`);
        } else {
          const code = normalizeCode(text);
          if (!hasCodeShape('icd10cm', code)) fail(messages.notIcd10cmCode(text));
          // Canonical dotted form, so lookups by `displayCode(normalizeCode(x))` always match.
          register(owner, displayCode('icd10cm', code));
        }
        return;
      }
      case 'desc':
        target.owner.node.title = text;
        target.owner.hasDesc = true;
        return;
      case 'note':
        if (text !== '') target.owner.node.notes.push({ type: target.type, text, year: version as number });
        return;
      case 'extension': {
        const seventh = target.owner.node.seventh ?? [];
        seventh.push({ char: target.char, meaning: text });
        target.owner.node.seventh = seventh;
        return;
      }
      case 'extensionInclusion': {
        if (text === '') return;
        // The contract has no field for a 7th character's inclusion terms: keep them in the meaning.
        const last = target.owner.node.seventh?.at(-1);
        if (last) last.meaning = `${last.meaning} (includes: ${text})`;
        else target.owner.node.notes.push({ type: 'sevenChrNote', text, year: version as number });
        return;
      }
    }
  };

  /** The frame a child element of `parent` gets, or undefined to skip the child's subtree. */
  const frameFor = (name: string, parent: Frame, attributes: Record<string, string>): Frame | 'node' | undefined => {
    switch (parent.role) {
      case 'root':
        if (name === 'version') return { role: 'text', target: { kind: 'version' } };
        if (name === 'chapter') return 'node';
        return undefined;
      case 'node': {
        const owner = parent.open;
        if (name === 'name' && owner.element !== 'section') return { role: 'text', target: { kind: 'name', owner } };
        if (name === 'desc') return { role: 'text', target: { kind: 'desc', owner } };
        const type = NOTE_CONTAINERS[name];
        if (type) return { role: 'container', type, owner };
        if (name === 'sevenChrDef') return { role: 'sevenChrDef', owner };
        if (name === 'section' && owner.element === 'chapter') return 'node';
        if (name === 'diag' && owner.element !== 'chapter') return 'node';
        return undefined;
      }
      case 'container':
        if (name === 'note') return { role: 'text', target: { kind: 'note', owner: parent.owner, type: parent.type } };
        return undefined;
      case 'sevenChrDef': {
        if (name === 'note') return { role: 'text', target: { kind: 'extensionInclusion', owner: parent.owner } };
        if (name !== 'extension') return undefined;
        const char = attributes.char?.trim();
        if (!char) fail(messages.missingAttribute('extension', 'char'));
        return { role: 'text', target: { kind: 'extension', owner: parent.owner, char: char as string } };
      }
      case 'text':
      case 'inline':
        return { role: 'inline' };
    }
  };

  parser.on('opentag', (tag) => {
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    const parent = frames.at(-1);
    if (parent === undefined) {
      if (tag.name !== ROOT) fail(messages.unexpectedRoot(tag.name, ROOT));
      rootSeen = true;
      frames.push({ role: 'root' });
      return;
    }
    const frame = frameFor(tag.name, parent, tag.attributes);
    if (frame === undefined) {
      skipDepth = 1;
    } else if (frame === 'node') {
      const owner = parent.role === 'node' ? parent.open : undefined;
      openNode(tag.name as NodeElement, owner, tag.attributes);
    } else {
      if (frame.role === 'text') captured = '';
      frames.push(frame);
    }
  });

  const onText = (text: string): void => {
    if (skipDepth === 0 && captured !== undefined) captured += text;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  parser.on('closetag', () => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    const frame = frames.pop();
    if (frame === undefined) return;
    if (frame.role === 'text') {
      finishText(frame.target, captured ?? '');
      captured = undefined;
    } else if (frame.role === 'node') {
      closeNode(frame.open);
    } else if (frame.role === 'root') {
      rootClosed = true;
    }
  });

  try {
    parser.write(xml);
    if (!rootSeen) fail(messages.missingRoot(ROOT));
    if (!rootClosed) {
      // saxes reads a bare `&` as the start of an entity up to the next `;`, so one can swallow
      // the rest of the file and look like a truncation: name it instead.
      const ampersandLine = bareAmpersandLine(xml);
      if (ampersandLine !== undefined) fail(messages.badXml(BARE_AMPERSAND), ampersandLine);
      fail(messages.truncated);
    }
    parser.close();
  } catch (error) {
    if (error instanceof CodeSetError) throw error;
    // saxes reports "line:column: message"; keep the line, reword the rest.
    const message = error instanceof Error ? error.message : String(error);
    const match = /^(\d+):\d+: ([\s\S]*)$/.exec(message);
    let line = match ? Number(match[1]) : parser.line;
    let detail = (match?.[2] ?? message).replace(/\.$/, '');
    if (/entity/.test(detail)) {
      const ampersandLine = bareAmpersandLine(xml);
      if (ampersandLine !== undefined && ampersandLine <= line) {
        line = ampersandLine;
        detail = BARE_AMPERSAND;
      }
    }
    throw new CodeSetError(file, line, messages.badXml(detail));
  }
  if (version === undefined) fail(messages.missingChild(ROOT, 'version'));
  return { version: version as number, nodes };
}

const BARE_AMPERSAND = 'an "&" that does not start an entity such as &amp;';

/** Line of the first `&` that does not start an entity reference, outside comments and CDATA. */
function bareAmpersandLine(xml: string): number | undefined {
  // Blank out comments and CDATA (keeping newlines, so offsets still give lines): `&` is literal there.
  const masked = xml.replace(/<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g, (m) => m.replace(/[^\n]/g, ' '));
  const bare = /&(?!(?:[A-Za-z_:][\w.:-]*|#[0-9]+|#x[0-9A-Fa-f]+);)/.exec(masked);
  if (!bare) return undefined;
  return masked.slice(0, bare.index).split('\n').length;
}
