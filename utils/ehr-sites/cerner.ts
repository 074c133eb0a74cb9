import type { SiteAdapter } from './adapter';
import { matchesAnywhere, rootsInOrder } from './adapter';
import { cerner as s } from './selectors';

/**
 * Cerner/Oracle-Health-like web views: a frameset (banner, document list, document viewer), the
 * document rendered with layout tables (label cell, value cell) and result tables. Read: the document
 * title, then its content; table cells come out tab-separated, one row per line.
 */
export const cernerAdapter: SiteAdapter = {
  id: 'cerner',
  label: 'Cerner / Oracle Health',
  detect: (doc) => matchesAnywhere(doc, s.shell.css) || matchesAnywhere(doc, s.documentBody.css),
  noteRoots: (doc) => rootsInOrder(doc, [s.documentTitle.css, s.documentBody.css]),
  skip: s.skip.css,
};
