import type { SiteAdapter } from './adapter';
import { matchesAnywhere, rootsInOrder } from './adapter';
import { epic as s } from './selectors';

/**
 * Epic-like web views: the note viewer sits in an iframe inside the activity, and the rich-text note
 * in a second iframe inside the viewer (both same-origin). Collapsed sections are hidden by the page
 * and therefore not read. Read: the viewer header (note type, author, date), then the note.
 */
export const epicAdapter: SiteAdapter = {
  id: 'epic',
  label: 'Epic',
  detect: (doc) => matchesAnywhere(doc, s.shell.css),
  noteRoots: (doc) => rootsInOrder(doc, [s.noteHeader.css, s.noteBody.css]),
  skip: s.skip.css,
};
