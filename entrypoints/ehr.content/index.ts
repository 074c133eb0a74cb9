import { browser } from 'wxt/browser';
import { startReader } from '@/utils/ehr-sites/content';

/**
 * The EHR page reader. Registered at runtime (utils/ehr-sites/sites.ts), never in the manifest: it
 * runs only on origins the user enabled, after the host permission was granted. All the work lives
 * in utils/ehr-sites/content.ts (STYLE.md, convention 1).
 */
export default defineContentScript({
  registration: 'runtime',
  // No window.postMessage into the page when the script starts.
  noScriptStartedPostMessage: true,
  main(ctx) {
    void startReader({
      window,
      document,
      runtime: browser.runtime,
      storage: browser.storage,
      signal: ctx.signal,
    });
  },
});
