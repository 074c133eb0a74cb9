import { browser } from 'wxt/browser';
import { makeHandlers } from '@/utils/background-handlers';
import { extensionBundledSource } from '@/utils/db/bundled-source';
import { CodesetService } from '@/utils/db/codeset-service';
import { SearchService } from '@/utils/db/search-service';
import { AnalysisService } from '@/utils/analysis-service';
import { CdiService } from '@/utils/cdi-service';
import { abbreviationTable } from '@/utils/search/abbreviations';
import { openChartcodeDb } from '@/utils/db/schema';
import { dispatch, isFromOwnExtension } from '@/utils/messaging';
import { registerEhr } from '@/utils/ehr-sites/service';
import { type ToolbarApi, wireToolbarButton } from '@/utils/toolbar/open-panel';

// Wires services and handlers only; the work lives in plain modules (STYLE.md, convention 1).
export default defineBackground(() => {
  const db = openChartcodeDb();
  const codesets = new CodesetService(db, extensionBundledSource((path) => browser.runtime.getURL(path as '/')), (type, payload) => {
    // Nobody listening (no options page open) is normal: swallow "receiving end does not exist".
    browser.runtime.sendMessage({ type, payload }).catch(() => {});
  });
  const search = new SearchService(db, () => codesets.catalog(), abbreviationTable);
  // EHR page reading (issue 5): enabled sites, snapshots from content scripts, highlights.
  // Snapshots stay in the EHR service's memory store; the side panel asks 'analysis/tab' on 'ehr/changed'.
  const ehr = registerEhr(browser);
  const analysis = new AnalysisService(db, () => codesets.catalog(), abbreviationTable);
  const cdi = new CdiService(db, analysis, () => codesets.catalog());
  const handlers = makeHandlers({ codesets, search, analysis, cdi, ehr });
  const ownOrigin = browser.runtime.getURL('/');

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    if (isFromOwnExtension(sender, browser.runtime.id, ownOrigin)) {
      void dispatch(handlers, message).then(sendResponse);
      return true;
    }
    // Content scripts: only 'ehr/snapshot', only from frames of enabled origins (utils/ehr-sites/sender.ts).
    if (ehr.isContentScriptSender(sender)) {
      void ehr.handleContentMessage(message, sender).then(sendResponse);
      return true;
    }
    return false;
  });

  wireToolbarButton(browser as unknown as ToolbarApi);

  // Every wake (install, update, browser start, or a message after the worker was killed) resumes loading.
  void codesets.ensureLoaded();
});
