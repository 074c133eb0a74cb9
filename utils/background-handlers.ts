import type { CodesetService } from './db/codeset-service';
import type { Handlers } from './messaging';

/** One handler per request type (the structure test checks every type has one). */
export function makeHandlers(codesets: CodesetService): Handlers {
  const whileLoading = () => ({ loading: true as const, status: codesets.status() });
  return {
    'codesets/status': () => codesets.status(),
    'codesets/reload': async () => {
      await codesets.ensureLoaded();
      return codesets.status();
    },
    'codesets/imported': async () => {
      await codesets.refresh();
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
  };
}
