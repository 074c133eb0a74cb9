import type { AnalysisService } from './analysis-service';
import { CcMccImportError } from './cdi/impact';
import type { CdiService } from './cdi-service';
import type { CodesetService } from './db/codeset-service';
import type { SearchService } from './db/search-service';
import type { EhrService } from './ehr-sites/service';
import type { EhrSnapshotRecord, Handlers } from './messaging';

export interface BackgroundServices {
  codesets: CodesetService;
  search: SearchService;
  analysis: AnalysisService;
  cdi: CdiService;
  ehr: Pick<EhrService, 'handlers' | 'notes'>;
}

/** The note of a tab: the top frame's, else the longest a frame reported. */
export function noteOfTab(records: readonly EhrSnapshotRecord[]): EhrSnapshotRecord | undefined {
  return records.find((r) => r.frameId === 0 && r.snapshot.text.trim()) ?? [...records].sort((a, b) => b.snapshot.text.length - a.snapshot.text.length)[0];
}

/** One handler per request type (the structure test checks every type has one). */
export function makeHandlers({ codesets, search, analysis, cdi, ehr }: BackgroundServices): Handlers {
  const whileLoading = () => ({ loading: true as const, status: codesets.status() });
  const noNote = { empty: true as const, reason: 'No note has been read from this tab. Enable the site, select text, or paste the note.' };
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
      const record = noteOfTab(await ehr.notes(tabId));
      if (!record) return noNote;
      const result = await analysis.analyzeText(record.snapshot.text, { setting, dateOfService }, overrides);
      if (!result) return whileLoading();
      const { snapshot } = record;
      return { result, source: { kind: 'page' as const, tabId: record.tabId, frameId: record.frameId, title: snapshot.title, origin: snapshot.origin, hash: snapshot.hash } };
    },
    'cdi/tab': async ({ tabId, setting, dateOfService }) => {
      const record = noteOfTab(await ehr.notes(tabId));
      if (!record) return noNote;
      const view = await cdi.analyze(record.snapshot.text, { setting, dateOfService });
      if (!view) return whileLoading();
      const { snapshot } = record;
      return { view, source: { kind: 'page' as const, tabId: record.tabId, title: snapshot.title, origin: snapshot.origin, hash: snapshot.hash } };
    },
    'cdi/text': async ({ text, setting, dateOfService }) => (await cdi.analyze(text, { setting, dateOfService })) ?? whileLoading(),
    'cdi/lint': async ({ query, tabId, text }) => {
      const note = text ?? (tabId === undefined ? undefined : noteOfTab(await ehr.notes(tabId))?.snapshot.text);
      return cdi.lint(query, note);
    },
    'cdi/log': () => cdi.logState(),
    'cdi/log-enable': ({ enabled }) => cdi.setLogEnabled(enabled),
    'cdi/log-add': (input) => cdi.addToLog(input),
    'cdi/log-status': ({ id, status }) => cdi.setLogStatus(id, status),
    'cdi/log-clear': () => cdi.clearLog(),
    'cdi/cc-mcc': () => cdi.ccMccStatus(),
    'cdi/cc-mcc-import': async ({ text, source, format }) => {
      try {
        return await cdi.importCcMcc(text, source, format);
      } catch (err) {
        // The parser's message names the line; anything else is not the user's file.
        throw err instanceof CcMccImportError ? new Error(`${source}: ${err.message}`) : err;
      }
    },
    'cdi/cc-mcc-clear': () => cdi.clearCcMcc(),
  };
}
