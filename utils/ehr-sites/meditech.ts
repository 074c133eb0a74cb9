import type { SiteAdapter } from './adapter';
import { matchesAnywhere, rootsInOrder } from './adapter';
import { meditech as s } from './selectors';

/**
 * Meditech-Expanse-like web views: one page with tabs; each open document is a panel whose text is
 * fixed-width (`white-space: pre`), kept line for line. Inactive tabs are hidden panels, so only the
 * document on screen is read.
 */
export const meditechAdapter: SiteAdapter = {
  id: 'meditech',
  label: 'Meditech Expanse',
  detect: (doc) => matchesAnywhere(doc, s.shell.css),
  noteRoots: (doc) => rootsInOrder(doc, [s.document.css]),
  skip: s.skip.css,
};
