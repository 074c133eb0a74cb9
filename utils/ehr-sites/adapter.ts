import type { EhrAdapterId } from '../messaging';
import { queryAllFrames } from './dom';

/**
 * What an EHR family's adapter knows: how to recognise its web view and where the note lives. The
 * reading itself (visibility, frames, shadow roots, offsets) is shared (read.ts), so an adapter is
 * only selectors and the order to read them in.
 */
export interface SiteAdapter {
  id: EhrAdapterId;
  /** Shown to the user ("Read with the Epic adapter"). */
  label: string;
  /** Does this document, or one of its same-origin frames, look like this family's web view? */
  detect(doc: Document): boolean;
  /** The elements holding the note, in reading order. Empty: read the whole page. */
  noteRoots(doc: Document): Element[];
  /** Subtrees inside the roots that are never read (toolbars, menus). */
  skip: string;
}

/** The first match of each selector across the document and its same-origin frames, in the given order. */
export function rootsInOrder(doc: Document, selectors: readonly string[]): Element[] {
  const out: Element[] = [];
  for (const selector of selectors) {
    for (const el of queryAllFrames(doc, selector)) if (!out.some((o) => o === el || o.contains(el))) out.push(el);
  }
  return out;
}

export function matchesAnywhere(doc: Document, selector: string): boolean {
  return queryAllFrames(doc, selector).length > 0;
}
