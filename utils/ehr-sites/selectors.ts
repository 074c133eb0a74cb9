/**
 * Every CSS selector the site adapters use, in one place, each with the fixture pages it must match
 * (test/fixtures/ehr/<page>; at least `count` matches, or none when `count` is 0). The selectors test
 * loads each page and counts, so a changed fixture or selector fails loudly.
 *
 * The fixture pages are synthetic imitations of each EHR family's web views (frames, collapsible
 * sections, document viewers with tables), written for this project. Real deployments differ by
 * version and configuration: when a real page is captured (PHI-free), add it as a fixture here
 * and widen the selector, keeping the old pages listed.
 */

/** [minimum number of matches (0 = must not match), fixture page under test/fixtures/ehr/]. */
export type FixtureMatch = readonly [count: number, page: string];

export interface SiteSelector {
  css: string;
  pages: readonly FixtureMatch[];
}

/** Epic-like (Hyperspace web): note viewer in nested same-origin iframes, rich-text note, collapsible sections. */
export const epic = {
  /** The application shell; recognising it is enough to pick the adapter. */
  shell: {
    css: 'body.hs-shell, [data-hs-activity]',
    pages: [
      [1, 'epic/index.html'],
      [0, 'cerner/index.html'],
      [0, 'meditech/index.html'],
      [0, 'generic/index.html'],
      [0, 'demo/discharge-summary.html'],
    ],
  },
  /** The note viewer's header: note type, author, date of service. */
  noteHeader: {
    css: '.NoteViewer .NoteHeader',
    pages: [
      [1, 'epic/note-viewer.html'],
      [0, 'epic/index.html'],
    ],
  },
  /** The rich-text note body, inside the nested content frame. */
  noteBody: {
    css: '.RichTextNote',
    pages: [
      [1, 'epic/note-content.html'],
      [0, 'epic/note-viewer.html'],
    ],
  },
  /** Viewer chrome that is not note text. */
  skip: {
    css: '.NoteToolbar, .ActivityTabs, .NoteSectionTools, [role="toolbar"]',
    pages: [
      [1, 'epic/note-viewer.html'],
      [1, 'epic/index.html'],
      [1, 'epic/note-content.html'],
    ],
  },
} as const satisfies Record<string, SiteSelector>;

/** Cerner/Oracle-Health-like (PowerChart web): frameset with a document list and a document viewer built from tables. */
export const cerner = {
  shell: {
    css: 'frameset#pc-frameset, frame[name="pc-docview"], iframe[name="pc-docview"], .pc-banner',
    pages: [
      [1, 'cerner/index.html'],
      [1, 'cerner/banner.html'],
      [0, 'epic/index.html'],
      [0, 'meditech/index.html'],
      [0, 'generic/index.html'],
    ],
  },
  documentTitle: {
    css: '.DocViewer .doc-title',
    pages: [
      [1, 'cerner/doc-view.html'],
      [0, 'cerner/doc-list.html'],
    ],
  },
  documentBody: {
    css: '.DocViewer .doc-content',
    pages: [
      [1, 'cerner/doc-view.html'],
      [0, 'cerner/doc-list.html'],
    ],
  },
  skip: { css: '.doc-actions, .pc-toolbar', pages: [[1, 'cerner/doc-view.html']] },
} as const satisfies Record<string, SiteSelector>;

/** Meditech-Expanse-like: a single-page app with tab panels; documents as fixed-width text. */
export const meditech = {
  shell: {
    css: '#mt-app.mt-expanse',
    pages: [
      [1, 'meditech/index.html'],
      [0, 'epic/index.html'],
      [0, 'cerner/doc-view.html'],
      [0, 'generic/index.html'],
    ],
  },
  /** Each open document (inactive tab panels are hidden and skipped by the reader). */
  document: { css: '.mt-document', pages: [[2, 'meditech/index.html']] },
  skip: { css: '.mt-doc-actions, .mt-nav, [role="tablist"]', pages: [[1, 'meditech/index.html']] },
} as const satisfies Record<string, SiteSelector>;

/** Any page: its main content, without navigation, banners and footers. */
export const generic = {
  main: {
    css: 'main, [role="main"]',
    pages: [
      [1, 'generic/index.html'],
      [1, 'demo/discharge-summary.html'],
      [0, 'hostile/index.html'],
    ],
  },
  skip: {
    css:
      'nav, [role="navigation"], [role="banner"], [role="contentinfo"], [role="complementary"], [role="search"], [role="toolbar"], ' +
      '[role="menu"], [role="menubar"], body > header, body > footer, aside',
    pages: [
      [1, 'generic/index.html'],
      [1, 'demo/discharge-summary.html'],
    ],
  },
} as const satisfies Record<string, SiteSelector>;

export const allSelectors = { epic, cerner, meditech, generic } as const;
