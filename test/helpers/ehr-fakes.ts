import type { RegisteredScript, ScriptRegistration, SitesApi } from '../../utils/ehr-sites/sites';

/** In-memory storage.local, permissions and scripting, recording what was asked. */
export function fakeSitesApi(granted: string[] = []) {
  const store: Record<string, unknown> = {};
  const permissions = new Set(granted);
  let registered: RegisteredScript[] = [];
  const calls: string[] = [];
  const tabs: Array<{ id?: number; url?: string }> = [];
  const api: SitesApi = {
    storage: {
      get: async (key) => (key in store ? { [key]: structuredClone(store[key]) } : {}),
      set: async (items) => {
        Object.assign(store, structuredClone(items));
      },
    },
    permissions: {
      contains: async ({ origins }) => origins.every((o) => permissions.has(o)),
      remove: async ({ origins }) => {
        calls.push(`remove ${origins.join()}`);
        for (const o of origins) permissions.delete(o);
        return true;
      },
      request: async ({ origins }) => {
        calls.push(`request ${origins.join()}`);
        for (const o of origins) permissions.add(o);
        return true;
      },
    },
    scripting: {
      registerContentScripts: async (scripts: ScriptRegistration[]) => {
        calls.push(`register ${scripts.map((s) => s.matches?.join()).join()}`);
        registered.push(...structuredClone(scripts));
      },
      unregisterContentScripts: async (filter) => {
        calls.push('unregister');
        registered = registered.filter((s) => !filter?.ids?.includes(s.id));
      },
      getRegisteredContentScripts: async (filter) => registered.filter((s) => !filter?.ids || filter.ids.includes(s.id)),
      executeScript: async ({ target }) => {
        calls.push(`inject ${target.tabId}`);
      },
    },
    tabs: { query: async () => tabs },
  };
  return { api, store, permissions, calls, tabs, registered: () => registered };
}
