import type { AnalysisService } from './analysis-service';
import type { CodesetService } from './db/codeset-service';
import type { SearchService } from './db/search-service';
import type { EhrHandlers, SnapshotStore } from './ehr-sites/service';
import type { EhrSnapshotRecord, Handlers } from './messaging';

export interface BackgroundServices {
  codesets: CodesetService;
  search: SearchService;
  analysis: AnalysisService;
  ehr: { handlers: EhrHandlers; store: SnapshotStore };
}

/** The note of a tab: the top frame's, else the longest a frame reported. */
export function noteOfTab(records: readonly EhrSnapshotRecord[]): EhrSnapshotRecord | undefined {
  return records.find((r) => r.frameId === 0 && r.snapshot.text.trim()) ?? [...records].sort((a, b) => b.snapshot.text.length - a.snapshot.text.length)[0];
}

/** One handler per request type (the structure test checks every type has one). */
export function makeHandlers({ codesets, search, analysis, ehr }: BackgroundServices): Handlers {
  const whileLoading = () => ({ loading: true as const, status: codesets.status() });
  return {
    ...ehr.handlers,
    'codesets/status': () => ({ ...codesets.status(), ...(search.lastColdStart ? { search: search.lastColdStart } : {}) }),
    'codesets/reload': async () => {
      await codesets.ensureLoaded();
      return codesets.status();
    },
    'codesets/imported': async () => {
      await codesets.refresh();
      search.invalidate();
      analysis.invalidate();
      return codesets.status();
    },
    'codes/lookup': async ({ system, code, dateOfService }) => {
      const catalog = await codesets.catalog();
      return catalog ? catalog.lookup(system, code, dateOfService) : whileLoading();
    },
    'codes/children': async ({ system, code, dateOfService }) => {
      const catalog = await codesets.catalog();
      return catalog ? catalog.children(system, code, dateOfService) : whileLoading();
    },
    'search/query': async (request) => (await search.search(request)) ?? whileLoading(),
    'analysis/text': async ({ text, setting, dateOfService, overrides }) => (await analysis.analyzeText(text, { setting, dateOfService }, overrides)) ?? whileLoading(),
    'analysis/tab': async ({ tabId, setting, dateOfService, overrides }) => {
      const record = noteOfTab(ehr.store.list(tabId));
      if (!record) return { empty: true as const, reason: 'No note has been read from this tab. Enable the site, select text, or paste the note.' };
      const result = await analysis.analyzeText(record.snapshot.text, { setting, dateOfService }, overrides);
      if (!result) return whileLoading();
      const { snapshot } = record;
      return { result, source: { kind: 'page' as const, tabId: record.tabId, frameId: record.frameId, title: snapshot.title, origin: snapshot.origin, hash: snapshot.hash } };
    },
  };
}
