import type { CodesetService } from './db/codeset-service';
import type { SearchService } from './db/search-service';
import type { Handlers } from './messaging';

/** One handler per request type (the structure test checks every type has one). */
export function makeHandlers(codesets: CodesetService, search: SearchService): Handlers {
  const whileLoading = () => ({ loading: true as const, status: codesets.status() });
  return {
    'codesets/status': () => ({ ...codesets.status(), ...(search.lastColdStart ? { search: search.lastColdStart } : {}) }),
    'codesets/reload': async () => {
      await codesets.ensureLoaded();
      return codesets.status();
    },
    'codesets/imported': async () => {
      await codesets.refresh();
      search.invalidate();
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
  };
}
