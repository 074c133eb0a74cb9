/**
 * Selection mode: read only what the user selected. The selection is looked for in the page and then
 * in its same-origin frames (a note in a nested frame keeps its own selection). Selections inside
 * shadow roots are not reachable this way and read as "no selection".
 */
import { frameDocuments } from './dom';

export interface FoundSelection {
  range: Range;
  /** The element to read from: the range's common ancestor (or its parent element). */
  root: Element;
}

/** The user's first non-empty selection in this document or its same-origin frames. */
export function findSelection(doc: Document): FoundSelection | undefined {
  for (const d of frameDocuments(doc)) {
    try {
      const selection = d.defaultView?.getSelection() ?? d.getSelection?.();
      if (!selection || selection.rangeCount === 0 || selection.isCollapsed) continue;
      const range = selection.getRangeAt(0);
      if (range.collapsed) continue;
      const common = range.commonAncestorContainer;
      const root = common.nodeType === 1 ? (common as Element) : common.parentElement;
      if (root) return { range, root };
    } catch {
      // A frame navigating away while we look.
    }
  }
  return undefined;
}
