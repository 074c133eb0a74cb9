/**
 * Offsets in the snapshot text ↔ positions in the page's DOM.
 *
 * The reader builds the text from pieces of Text nodes. Every character it copies (or the single
 * space it writes for a collapsed run of white space) is recorded as a segment: "text[start, start+len)
 * sits at node.data[offset, offset+len)". Line breaks and cell tabs that the reader adds for block
 * boundaries belong to no segment. A span of the text therefore maps back to DOM Ranges exactly:
 * the characters of the span are the characters of the Ranges, except that white space the page
 * collapses on screen (and block boundaries) is compared as white space (see `sameVisibleText`).
 */

/** A span of the snapshot text, end exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** The finished map. Arrays are parallel, one entry per segment, ordered by `start`. */
export interface TextMap {
  text: string;
  nodes: Text[];
  start: Int32Array;
  len: Int32Array;
  node: Int32Array;
  offset: Int32Array;
  count: number;
}

/** Growable parallel Int32 arrays: a 2,000,000-character note has up to a few hundred thousand segments. */
class Column {
  data = new Int32Array(1024);
  push(value: number, at: number): void {
    if (at >= this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[at] = value;
  }
}

export class TextMapBuilder {
  private parts: string[] = [];
  length = 0;
  private nodes: Text[] = [];
  private lastNode: Text | undefined;
  private lastNodeIndex = -1;
  private readonly startCol = new Column();
  private readonly lenCol = new Column();
  private readonly nodeCol = new Column();
  private readonly offsetCol = new Column();
  private count = 0;
  /** The last character written, for the reader's line-break logic. */
  last = '';

  /** Append `str`, whose characters stand for `node.data[offset, offset + str.length)`. */
  append(str: string, node: Text, offset: number): void {
    if (str.length === 0) return;
    if (node !== this.lastNode) {
      this.lastNode = node;
      this.nodes.push(node);
      this.lastNodeIndex = this.nodes.length - 1;
    }
    const i = this.count - 1;
    if (
      i >= 0 &&
      this.nodeCol.data[i] === this.lastNodeIndex &&
      (this.startCol.data[i] ?? 0) + (this.lenCol.data[i] ?? 0) === this.length &&
      (this.offsetCol.data[i] ?? 0) + (this.lenCol.data[i] ?? 0) === offset
    ) {
      this.lenCol.data[i] = (this.lenCol.data[i] ?? 0) + str.length;
    } else {
      this.startCol.push(this.length, this.count);
      this.lenCol.push(str.length, this.count);
      this.nodeCol.push(this.lastNodeIndex, this.count);
      this.offsetCol.push(offset, this.count);
      this.count++;
    }
    this.parts.push(str);
    this.length += str.length;
    this.last = str[str.length - 1] ?? '';
  }

  /** Append a character that is not in the DOM (a block's line break, a cell's tab). */
  synthetic(ch: string): void {
    this.parts.push(ch);
    this.length += ch.length;
    this.last = ch[ch.length - 1] ?? '';
  }

  build(): TextMap {
    return {
      text: this.parts.join(''),
      nodes: this.nodes,
      start: this.startCol.data.slice(0, this.count),
      len: this.lenCol.data.slice(0, this.count),
      node: this.nodeCol.data.slice(0, this.count),
      offset: this.offsetCol.data.slice(0, this.count),
      count: this.count,
    };
  }
}

/** Index of the first segment that ends after `pos` (or `count`). */
function firstSegmentEndingAfter(map: TextMap, pos: number): number {
  let lo = 0;
  let hi = map.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((map.start[mid] ?? 0) + (map.len[mid] ?? 0) <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Point {
  node: Text;
  offset: number;
}

/**
 * The DOM Ranges covering text[start, end): exactly the characters the snapshot took from the page,
 * nothing between them. A new Range starts wherever the page has text the reader did not take (a
 * hidden element, a skipped toolbar, the rest of a collapsed white-space run) and wherever the span
 * moves into another node tree (document, frame, shadow root), since a Range cannot leave its tree.
 * The Ranges' text, joined, is therefore the span without the reader's added line breaks and tabs.
 * Nodes that left the page, or whose text changed under the offsets, make the span stale: the result
 * is then empty.
 */
export function domRanges(map: TextMap, start: number, end: number): Range[] {
  const s = Math.max(0, Math.min(start, map.text.length));
  const e = Math.max(s, Math.min(end, map.text.length));
  if (s === e) return [];
  const pieces: Array<{ from: Point; to: Point }> = [];
  for (let i = firstSegmentEndingAfter(map, s); i < map.count && (map.start[i] ?? 0) < e; i++) {
    const segStart = map.start[i] ?? 0;
    const segLen = map.len[i] ?? 0;
    const node = map.nodes[map.node[i] ?? 0];
    if (!node) return [];
    const base = map.offset[i] ?? 0;
    const a = Math.max(s, segStart);
    const b = Math.min(e, segStart + segLen);
    if (!node.isConnected || base + (b - segStart) > node.length) return [];
    const from = { node, offset: base + (a - segStart) };
    const to = { node, offset: base + (b - segStart) };
    const last = pieces[pieces.length - 1];
    if (last && follows(last.to, from)) last.to = to;
    else pieces.push({ from, to });
  }
  const ranges: Range[] = [];
  for (const p of pieces) {
    const range = p.from.node.ownerDocument.createRange();
    range.setStart(p.from.node, p.from.offset);
    range.setEnd(p.to.node, p.to.offset);
    ranges.push(range);
  }
  return ranges;
}

/** Does `next` start exactly where `prev` ends, with no page text in between? */
function follows(prev: Point, next: Point): boolean {
  if (prev.node === next.node) return prev.offset === next.offset;
  if (prev.offset !== prev.node.length || next.offset !== 0) return false;
  const root = prev.node.getRootNode();
  if (root !== next.node.getRootNode()) return false;
  const doc = prev.node.ownerDocument;
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  walker.currentNode = prev.node;
  return walker.nextNode() === next.node;
}

/** The characters a span covers, with white space reduced away: what must agree between text and DOM. */
export function visibleCharacters(text: string): string {
  return text.replace(/[\s\u200b]+/g, '');
}

/** Does a Range still show the text the snapshot had at this span (ignoring white space layout)? */
export function sameVisibleText(rangesText: string, snapshotSlice: string): boolean {
  return visibleCharacters(rangesText) === visibleCharacters(snapshotSlice);
}
