/**
 * Small DOM helpers shared by the reader and the adapters. They take the nodes they look at (never
 * `window` or `document` globals), so tests run them on happy-dom documents, and they fall back to
 * HTML's default styles where a test DOM computes no style (happy-dom leaves `display` empty for
 * inline and table elements).
 */

/** How an element takes part in the text: its children are skipped, it breaks the line, it is a table cell... */
export type DisplayKind = 'none' | 'contents' | 'inline' | 'block' | 'cell';
/** CSS white-space handling: collapse runs (normal), keep everything (pre), keep only line breaks (pre-line). */
export type WhiteSpace = 'collapse' | 'preserve' | 'pre-line';

const BLOCK_TAGS = new Set(
  (
    'ADDRESS ARTICLE ASIDE BLOCKQUOTE BODY CAPTION CENTER DD DETAILS DIALOG DIR DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM ' +
    'FRAMESET H1 H2 H3 H4 H5 H6 HEADER HGROUP HR HTML LEGEND LI LISTING MAIN MENU NAV OL P PLAINTEXT PRE SEARCH SECTION SUMMARY ' +
    'TABLE TBODY TFOOT THEAD TR UL XMP'
  ).split(' '),
);
const CELL_TAGS = new Set(['TD', 'TH']);
/** Never read: no visible text of their own, or form controls whose value is not page text. */
export const UNREAD_TAGS = new Set(
  (
    'HEAD SCRIPT STYLE TEMPLATE NOSCRIPT TITLE META LINK BASE OBJECT EMBED CANVAS VIDEO AUDIO MAP AREA PARAM SOURCE TRACK ' +
    'DATALIST SELECT OPTION OPTGROUP INPUT TEXTAREA SVG MATH IMG PICTURE'
  ).split(' '),
);
const PRE_TAGS = new Set(['PRE', 'LISTING', 'XMP', 'PLAINTEXT']);

/** The style facts the reader needs, read once per element. */
export interface ElementStyle {
  display: DisplayKind;
  whiteSpace: WhiteSpace | undefined;
  /** Computed `visibility` is visible (undefined: the DOM computes none; inherit). */
  visible: boolean | undefined;
  /** Hidden with everything inside it (display none, opacity 0, clipped away, off-screen...). */
  hiddenSubtree: boolean;
}

function tagOf(el: Element): string {
  return el.localName.toUpperCase();
}

export function displayKind(el: Element, computed: string): DisplayKind {
  const d = computed.trim();
  if (d === '') {
    const tag = tagOf(el);
    if (CELL_TAGS.has(tag)) return 'cell';
    if (BLOCK_TAGS.has(tag)) return 'block';
    return 'inline';
  }
  if (d === 'none') return 'none';
  if (d === 'contents') return 'contents';
  if (d === 'table-cell') return 'cell';
  if (d === 'table-column' || d === 'table-column-group') return 'none';
  if (d.startsWith('inline') || d.startsWith('ruby')) return 'inline';
  return 'block';
}

function whiteSpaceOf(el: Element, style: CSSStyleDeclaration | undefined): WhiteSpace | undefined {
  const collapse = style?.getPropertyValue('white-space-collapse') ?? '';
  if (collapse === 'collapse') return 'collapse';
  if (collapse === 'preserve' || collapse === 'break-spaces' || collapse === 'preserve-spaces') return 'preserve';
  if (collapse === 'preserve-breaks') return 'pre-line';
  const ws = style?.whiteSpace ?? '';
  if (ws === 'normal' || ws === 'nowrap') return 'collapse';
  if (ws === 'pre' || ws === 'pre-wrap' || ws === 'break-spaces') return 'preserve';
  if (ws === 'pre-line') return 'pre-line';
  return PRE_TAGS.has(tagOf(el)) ? 'preserve' : undefined;
}

function px(value: string | undefined): number | undefined {
  if (value === '0') return 0;
  if (!value?.endsWith('px')) return undefined;
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : undefined;
}

const OFF_SCREEN_PX = -1000;

/** `clip: rect(...)` with no area, the classic "visually hidden" pattern. */
function clippedAway(clip: string): boolean {
  const m = /^rect\(\s*([-\d.]+)(?:px)?[\s,]+([-\d.]+)(?:px)?[\s,]+([-\d.]+)(?:px)?[\s,]+([-\d.]+)(?:px)?\s*\)$/.exec(clip.trim());
  if (!m) return false;
  const [top, right, bottom, left] = m.slice(1).map(Number) as [number, number, number, number];
  return bottom - top <= 1 || right - left <= 1;
}

function clipPathHides(clipPath: string): boolean {
  const inset = /^inset\(\s*(\d+(?:\.\d+)?)%/.exec(clipPath.trim());
  if (inset && Number(inset[1]) >= 50) return true;
  return /^circle\(\s*0(px|%)?[\s)]/.test(clipPath.trim());
}

/** Overflow that clips what does not fit. */
function clips(overflow: string): boolean {
  return overflow === 'hidden' || overflow === 'clip' || overflow === 'scroll' || overflow === 'auto';
}

export interface StyleOptions {
  /** The page has layout (a real browser): bounding boxes can be trusted. */
  layout: boolean;
}

/**
 * Read the style facts of one element. Everything that hides an element together with its content
 * is folded into `hiddenSubtree`; `visibility`, which children may override, is reported apart.
 */
export function elementStyle(el: Element, options: StyleOptions): ElementStyle {
  const view = el.ownerDocument.defaultView;
  let style: CSSStyleDeclaration | undefined;
  try {
    style = view?.getComputedStyle(el) ?? undefined;
  } catch {
    style = undefined;
  }
  const display = displayKind(el, style?.display ?? '');
  const whiteSpace = whiteSpaceOf(el, style);
  const visibility = style?.visibility ?? '';
  const visible = visibility === '' ? undefined : visibility === 'visible';
  const hidden = display === 'none' || hiddenByStyle(el, style, display, options);
  return { display: hidden ? 'none' : display, whiteSpace, visible, hiddenSubtree: hidden };
}

function hiddenByStyle(el: Element, style: CSSStyleDeclaration | undefined, display: DisplayKind, options: StyleOptions): boolean {
  if (el.getAttribute('aria-hidden') === 'true') return true;
  if (!options.layout) {
    // A test DOM without a user-agent stylesheet: the attributes that imply display: none. (In a
    // browser the computed display already says it, including an author's [hidden] override.)
    if (el.hasAttribute('hidden')) return true;
    if (tagOf(el) === 'DIALOG' && !el.hasAttribute('open')) return true;
  }
  if (!style) return false;
  if (style.opacity === '0') return true;
  if (style.getPropertyValue('content-visibility') === 'hidden') return true;
  if (clippedAway(style.clip ?? '')) return true;
  if (clipPathHides(style.getPropertyValue('clip-path') ?? '')) return true;
  const position = style.position;
  const positioned = position === 'absolute' || position === 'fixed';
  // Absolutely positioned boxes are blockified (a browser reports display: block for them).
  const boxed = display !== 'inline' || positioned;
  if (positioned) {
    const left = px(style.left);
    const top = px(style.top);
    if ((left !== undefined && left <= OFF_SCREEN_PX) || (top !== undefined && top <= OFF_SCREEN_PX)) return true;
  }
  const ox = style.overflowX || style.overflow || '';
  const oy = style.overflowY || style.overflow || '';
  // Width and height are read only for clipping boxes: in a browser they force layout.
  if (boxed && clips(oy)) {
    const height = px(style.height);
    if (height !== undefined && height <= 1) return true;
  }
  if (boxed && clips(ox)) {
    const width = px(style.width);
    if (width !== undefined && width <= 1) return true;
    const indent = px(style.textIndent);
    if (indent !== undefined && indent <= OFF_SCREEN_PX) return true;
  }
  if (options.layout) return hiddenByLayout(el, style, display, positioned, ox, oy);
  return false;
}

/** Boxes that a real browser lays out off the page or clipped to nothing. */
function hiddenByLayout(
  el: Element,
  style: CSSStyleDeclaration,
  display: DisplayKind,
  positioned: boolean,
  ox: string,
  oy: string,
): boolean {
  if (display !== 'contents') {
    const check = (el as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
    // No box at all: an unslotted child of a closed shadow root, a skipped content-visibility subtree...
    if (typeof check === 'function' && !check.call(el)) return true;
  }
  const transformed = (style.transform || 'none') !== 'none';
  if (!positioned && !transformed && !clips(ox) && !clips(oy)) return false;
  const rect = el.getBoundingClientRect();
  if (clips(oy) && rect.height <= 1 && display !== 'inline') return true;
  if (clips(ox) && rect.width <= 1 && display !== 'inline') return true;
  const view = el.ownerDocument.defaultView;
  const scrollX = view?.scrollX ?? 0;
  const scrollY = view?.scrollY ?? 0;
  // Entirely left of or above the page: nobody can scroll there.
  return rect.right + scrollX <= 0 || rect.bottom + scrollY <= 0;
}

/** The document inside a same-origin (i)frame; undefined for cross-origin or unloaded frames. */
export function frameDocument(el: Element): Document | undefined {
  const tag = tagOf(el);
  if (tag !== 'IFRAME' && tag !== 'FRAME') return undefined;
  try {
    const doc = (el as HTMLIFrameElement).contentDocument;
    return doc?.documentElement ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** The element that holds this one on screen: its parent, its shadow host, or its frame element. */
export function renderedParent(node: Node): Element | undefined {
  if (node.parentElement) return node.parentElement;
  const parent = node.parentNode;
  if (parent && parent.nodeType === 11 && 'host' in parent) return (parent as ShadowRoot).host;
  if (parent && parent.nodeType === 9) {
    try {
      return (parent as Document).defaultView?.frameElement ?? undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Is an element hidden by one of its ancestors (display, aria-hidden, closed details, clipping, frames)? */
export function hiddenByAncestors(el: Element, options: StyleOptions): boolean {
  let child: Element = el;
  let parent = renderedParent(el);
  for (let depth = 0; parent && depth < 500; depth++) {
    if (tagOf(parent) === 'DETAILS' && !parent.hasAttribute('open') && !(tagOf(child) === 'SUMMARY' && firstSummary(parent) === child)) {
      return true;
    }
    if (elementStyle(parent, options).hiddenSubtree) return true;
    child = parent;
    parent = renderedParent(parent);
  }
  return false;
}

export function firstSummary(details: Element): Element | undefined {
  for (let c = details.firstElementChild; c; c = c.nextElementSibling) if (tagOf(c) === 'SUMMARY') return c;
  return undefined;
}

/** Does this document have layout (a real browser), or is it a test DOM without boxes? */
export function hasLayout(doc: Document): boolean {
  try {
    const rect = doc.documentElement.getBoundingClientRect();
    return rect.width > 0 || rect.height > 0;
  } catch {
    return false;
  }
}

/** A document and its same-origin frames, breadth first, bounded (a page can nest frames without end). */
export function frameDocuments(doc: Document, limit = 64): Document[] {
  const out: Document[] = [doc];
  for (let i = 0; i < out.length && out.length < limit; i++) {
    const d = out[i];
    if (!d) continue;
    let frames: Element[] = [];
    try {
      frames = Array.from(d.querySelectorAll('iframe, frame'));
    } catch {
      frames = [];
    }
    for (const f of frames) {
      const inner = frameDocument(f);
      if (inner && !out.includes(inner)) out.push(inner);
      if (out.length >= limit) break;
    }
  }
  return out;
}

/** querySelectorAll over a document and its same-origin frames, in document order per frame. */
export function queryAllFrames(doc: Document, selector: string): Element[] {
  const out: Element[] = [];
  for (const d of frameDocuments(doc)) {
    try {
      out.push(...Array.from(d.querySelectorAll(selector)));
    } catch {
      // An invalid selector is a bug in an adapter, not a reason to throw into the page.
    }
  }
  return out;
}
