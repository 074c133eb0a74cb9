import type { EhrAdapterId } from '../messaging';
import type { SiteAdapter } from './adapter';
import { cernerAdapter } from './cerner';
import { hasLayout, hiddenByAncestors } from './dom';
import { epicAdapter } from './epic';
import { genericAdapter } from './generic';
import { meditechAdapter } from './meditech';

/** Tried in this order; the generic adapter takes any page the others do not recognise. */
export const ADAPTERS: readonly SiteAdapter[] = [epicAdapter, cernerAdapter, meditechAdapter, genericAdapter];

export function adapterById(id: EhrAdapterId): SiteAdapter {
  return ADAPTERS.find((a) => a.id === id) ?? genericAdapter;
}

/** Pick the adapter for a document: the first family whose shell it recognises, else generic. */
export function chooseAdapter(doc: Document, adapters: readonly SiteAdapter[] = ADAPTERS): SiteAdapter {
  for (const adapter of adapters) {
    try {
      if (adapter.detect(doc)) return adapter;
    } catch {
      // A detection that throws on a strange page just does not match.
    }
  }
  return genericAdapter;
}

/**
 * The elements to read for this adapter: its note roots that are on screen, or, when it finds none
 * (another view of the EHR is open), what the generic adapter would read.
 */
export function rootsToRead(doc: Document, adapter: SiteAdapter): { roots: Element[]; skip: string; adapter: SiteAdapter } {
  const layout = { layout: hasLayout(doc) };
  let roots: Element[] = [];
  try {
    roots = adapter.noteRoots(doc).filter((el) => !hiddenByAncestors(el, layout));
  } catch {
    roots = [];
  }
  if (roots.length > 0) return { roots, skip: adapter.skip, adapter };
  return { roots: genericAdapter.noteRoots(doc), skip: genericAdapter.skip, adapter: adapter.id === 'generic' ? adapter : genericAdapter };
}
