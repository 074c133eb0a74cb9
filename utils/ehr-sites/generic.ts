import type { SiteAdapter } from './adapter';
import { generic as s } from './selectors';

/**
 * Any page: its main content (`<main>` or role=main) when it has one, otherwise the whole body;
 * navigation, banners, footers and sidebars are skipped. Frames inside are read where same-origin.
 */
export const genericAdapter: SiteAdapter = {
  id: 'generic',
  label: 'Any page',
  detect: () => true,
  noteRoots: (doc) => {
    try {
      const main = doc.querySelector(s.main.css);
      if (main) return [main];
    } catch {
      // Fall through to the body.
    }
    const body = doc.body ?? doc.documentElement;
    return body ? [body] : [];
  },
  skip: s.skip.css,
};
