/**
 * Visible-text extraction: the text a user sees in the note, with block boundaries as line breaks and
 * table cells separated by tabs, and an exact map from every character back to the DOM (offsets.ts).
 *
 * What is read: text nodes under the given roots, through open shadow roots (in rendered order, slots
 * included) and same-origin frames. What is not: anything hidden (display none, visibility hidden,
 * opacity 0, aria-hidden, [hidden], a closed <details> apart from its summary, content-visibility
 * hidden, clipped to nothing or placed off the page), closed shadow roots and cross-origin frames
 * (inaccessible), form controls, scripts and styles. Pseudo-element text (`::before { content }`) is
 * not in the DOM and is not read.
 *
 * Nothing here evaluates page content or uses innerHTML: text is copied from `Text.data` only. Work is
 * bounded (characters, nodes, active time) and done in slices that yield to the page.
 */
import { EHR_TEXT_MAX } from '../messaging';
import {
  type ElementStyle,
  elementStyle,
  firstSummary,
  frameDocument,
  hasLayout,
  hiddenByAncestors,
  renderedParent,
  UNREAD_TAGS,
  type WhiteSpace,
} from './dom';
import { type Span, type TextMap, TextMapBuilder } from './offsets';

export interface ReadOptions {
  /** Stop after this many characters (the snapshot cap). */
  maxChars?: number;
  /** Stop after visiting this many nodes. */
  maxNodes?: number;
  /** Yield to the page after this much work (ms). */
  sliceMs?: number;
  /** Give up (truncated) after this much active work (ms), not counting time spent yielded. */
  budgetMs?: number;
  /** Subtrees never read (an adapter's toolbars and menus). */
  skip?: string;
  /** Selection mode: read only what lies inside this range. */
  within?: Range;
  /** Override layout detection (tests). */
  layout?: boolean;
  now?: () => number;
  pause?: () => Promise<void>;
  signal?: AbortSignal;
}

export interface ReadResult {
  text: string;
  /** Text between the line breaks the reader added for block boundaries. */
  blocks: Span[];
  map: TextMap;
  truncated: boolean;
  /** Documents and shadow roots the text came from (the live watcher observes them). */
  trees: Array<Document | ShadowRoot>;
  nodes: number;
  /** Active reading time (ms), yields excluded. */
  ms: number;
}

export const READ_DEFAULTS = Object.freeze({
  maxChars: EHR_TEXT_MAX,
  maxNodes: 300_000,
  sliceMs: 12,
  budgetMs: 4_000,
});

interface Ctx {
  ws: WhiteSpace;
  visible: boolean;
}

type Step = { enter: Node; ctx: Ctx } | { exit: 'block' };

/**
 * Yield to the page: a message-channel task, queued behind whatever the page has waiting (input,
 * timers, the test's round trips). Not `scheduler.yield()`, whose continuation jumps the queue and
 * kept a busy page waiting up to half a second in Chromium; not `setTimeout`, which background tabs
 * throttle to one call a second.
 */
export function defaultPause(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
}

/** Emits characters with CSS-like white-space collapsing and pending line breaks. */
class Emitter {
  readonly out = new TextMapBuilder();
  private pendingBreak: '' | '\n' | '\t' = '';
  private pendingSpace: { node: Text; offset: number } | undefined;
  private blockStart = 0;
  readonly blocks: Span[] = [];
  full = false;

  constructor(private readonly maxChars: number) {}

  private atLineStart(): boolean {
    return this.out.length === 0 || this.out.last === '\n' || this.out.last === '\t' || this.pendingBreak !== '';
  }

  requestBreak(ch: '\n' | '\t'): void {
    if (ch === '\n') this.pendingBreak = '\n';
    else if (this.pendingBreak === '') this.pendingBreak = '\t';
    this.pendingSpace = undefined;
  }

  private flush(): void {
    // A pending break or space never pushes the text past the cap.
    if (this.out.length >= this.maxChars) return;
    if (this.pendingBreak !== '') {
      const ch = this.pendingBreak;
      this.pendingBreak = '';
      this.pendingSpace = undefined;
      if (this.out.length > 0 && this.out.last !== '\n' && !(ch === '\t' && this.out.last === '\t')) {
        if (ch === '\n') this.closeBlock();
        this.out.synthetic(ch);
        if (ch === '\n') this.blockStart = this.out.length;
      }
    } else if (this.pendingSpace) {
      const { node, offset } = this.pendingSpace;
      this.pendingSpace = undefined;
      this.out.append(' ', node, offset);
    }
  }

  private closeBlock(): void {
    if (this.out.length > this.blockStart) this.blocks.push({ start: this.blockStart, end: this.out.length });
  }

  /** Copy node.data[from, to) as content; returns false once the character cap is reached. */
  private content(node: Text, data: string, from: number, to: number): boolean {
    this.flush();
    const room = this.maxChars - this.out.length;
    if (room <= 0) {
      this.full = true;
      return false;
    }
    const end = Math.min(to, from + room);
    this.out.append(data.slice(from, end), node, from);
    if (end < to) {
      this.full = true;
      return false;
    }
    return true;
  }

  text(node: Text, from: number, to: number, ws: WhiteSpace): boolean {
    const data = node.data;
    if (ws === 'preserve') return this.content(node, data, from, to);
    let i = from;
    while (i < to) {
      const c = data.charCodeAt(i);
      if (c === 10 && ws === 'pre-line') {
        this.requestBreak('\n');
        i++;
      } else if (isSpace(c)) {
        let j = i + 1;
        while (j < to && isSpace(data.charCodeAt(j)) && !(ws === 'pre-line' && data.charCodeAt(j) === 10)) j++;
        if (!this.atLineStart() && !this.pendingSpace) this.pendingSpace = { node, offset: i };
        i = j;
      } else {
        let j = i + 1;
        while (j < to && !isSpace(data.charCodeAt(j))) j++;
        if (!this.content(node, data, i, j)) return false;
        i = j;
      }
    }
    return true;
  }

  finish(): { map: TextMap; blocks: Span[] } {
    this.closeBlock();
    return { map: this.out.build(), blocks: this.blocks };
  }
}

/** CSS "document white space": space, tab, line feed, carriage return, form feed. NBSP is content. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function inheritCtx(parent: Ctx, style: ElementStyle): Ctx {
  return { ws: style.whiteSpace ?? parent.ws, visible: style.visible ?? parent.visible };
}

/** The nodes an element shows: its open shadow tree, a slot's assigned nodes, a frame's body, a closed details' summary. */
function renderedChildren(el: Element, trees: Set<Document | ShadowRoot>): ArrayLike<Node> {
  const shadow = el.shadowRoot;
  if (shadow) {
    trees.add(shadow);
    return shadow.childNodes;
  }
  const tag = el.localName;
  if (tag === 'slot') {
    const assigned = (el as HTMLSlotElement).assignedNodes?.() ?? [];
    return assigned.length > 0 ? assigned : el.childNodes;
  }
  if (tag === 'iframe' || tag === 'frame') {
    const doc = frameDocument(el);
    if (!doc) return [];
    trees.add(doc);
    return doc.body ? [doc.body] : [doc.documentElement];
  }
  if (tag === 'details' && !el.hasAttribute('open')) {
    const summary = firstSummary(el);
    return summary ? [summary] : [];
  }
  return el.childNodes;
}

/**
 * Read the visible text under `roots` (in order; each root is a block). Roots hidden by an ancestor
 * are skipped. Never throws for page reasons; aborts only through `signal`.
 */
export async function readVisibleText(roots: readonly Element[], options: ReadOptions = {}): Promise<ReadResult> {
  const maxChars = Math.min(options.maxChars ?? READ_DEFAULTS.maxChars, EHR_TEXT_MAX);
  const maxNodes = options.maxNodes ?? READ_DEFAULTS.maxNodes;
  const sliceMs = options.sliceMs ?? READ_DEFAULTS.sliceMs;
  const budgetMs = options.budgetMs ?? READ_DEFAULTS.budgetMs;
  const now = options.now ?? (() => performance.now());
  const pause = options.pause ?? defaultPause;
  const within = options.within;
  const skip = options.skip;

  const emitter = new Emitter(maxChars);
  const trees = new Set<Document | ShadowRoot>();
  let nodes = 0;
  let truncated = false;
  let active = 0;
  let sliceStart = now();

  const firstDoc = roots[0]?.ownerDocument;
  const layout = options.layout ?? (firstDoc ? hasLayout(firstDoc) : false);
  const styleOptions = { layout };

  const stack: Step[] = [];
  const seen = new Set<Element>();
  for (let r = roots.length - 1; r >= 0; r--) {
    const root = roots[r];
    if (!root || seen.has(root)) continue;
    seen.add(root);
    stack.push({ enter: root, ctx: { ws: 'collapse', visible: true } });
  }

  for (const root of roots) {
    const tree = root.getRootNode();
    if (tree.nodeType === 9 || tree.nodeType === 11) trees.add(tree as Document | ShadowRoot);
  }

  const hiddenRoots = new Set<Node>();
  for (const root of roots) if (hiddenByAncestors(root, styleOptions) || (skip && safeClosest(root, skip))) hiddenRoots.add(root);

  while (stack.length > 0) {
    if (options.signal?.aborted) throw new DOMException('Reading stopped.', 'AbortError');
    if ((nodes & 127) === 0) {
      const t = now();
      if (t - sliceStart >= sliceMs) {
        active += t - sliceStart;
        if (active >= budgetMs) {
          truncated = true;
          break;
        }
        await pause();
        sliceStart = now();
      }
    }
    const step = stack.pop() as Step;
    if ('exit' in step) {
      emitter.requestBreak('\n');
      continue;
    }
    const node = step.enter;
    if (++nodes > maxNodes) {
      truncated = true;
      break;
    }
    if (node.nodeType === 3) {
      if (!step.ctx.visible) continue;
      const textNode = node as Text;
      let from = 0;
      let to = textNode.length;
      if (within) {
        if (!safeIntersects(within, textNode)) continue;
        if (within.startContainer === textNode) from = within.startOffset;
        if (within.endContainer === textNode) to = within.endOffset;
      }
      if (!emitter.text(textNode, from, to, step.ctx.ws)) {
        truncated = true;
        break;
      }
      continue;
    }
    if (node.nodeType !== 1) continue;
    const el = node as Element;
    if (hiddenRoots.has(el)) continue;
    if (UNREAD_TAGS.has(el.localName.toUpperCase())) continue;
    if (skip && safeMatches(el, skip)) continue;
    if (within && !safeIntersects(within, el)) continue;
    if (el.localName === 'br') {
      emitter.requestBreak('\n');
      continue;
    }
    let style: ElementStyle;
    try {
      style = elementStyle(el, styleOptions);
    } catch {
      continue;
    }
    if (style.hiddenSubtree) continue;
    const ctx = inheritCtx(step.ctx, style);
    if (style.display === 'block') {
      emitter.requestBreak('\n');
      stack.push({ exit: 'block' });
    } else if (style.display === 'cell') {
      emitter.requestBreak('\t');
    }
    let children: ArrayLike<Node>;
    try {
      children = renderedChildren(el, trees);
    } catch {
      continue;
    }
    const isFrame = el.localName === 'iframe' || el.localName === 'frame';
    if (isFrame && children.length > 0) {
      // A frame is a block of its own; its document starts with default styles.
      if (style.display !== 'block') stack.push({ exit: 'block' });
      emitter.requestBreak('\n');
    }
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child) stack.push({ enter: child, ctx: isFrame ? { ws: 'collapse', visible: true } : ctx });
    }
  }
  active += now() - sliceStart;
  if (emitter.full) truncated = true;
  const { map, blocks } = emitter.finish();
  return { text: map.text, blocks, map, truncated, trees: [...trees], nodes, ms: active };
}

function safeMatches(el: Element, selector: string): boolean {
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

function safeClosest(el: Element, selector: string): boolean {
  for (let e: Element | undefined = el; e; e = renderedParent(e)) if (safeMatches(e, selector)) return true;
  return false;
}

function safeIntersects(range: Range, node: Node): boolean {
  try {
    return range.intersectsNode(node);
  } catch {
    return false;
  }
}
