import { describe, expect, it, vi } from 'vitest';
import { createExtensionSitesClient } from '../../../components/options/extension-client';
import { parseRequest } from '../../../utils/messaging';

function setup(granted = true) {
  const sent: Array<{ type: string; payload: unknown }> = [];
  const permissions = {
    contains: vi.fn(async () => granted),
    remove: vi.fn(async () => true),
    request: vi.fn(async () => granted),
  };
  const client = createExtensionSitesClient({
    permissions,
    sendMessage: async (message) => {
      const parsed = parseRequest(message);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      sent.push({ type: parsed.request.type, payload: parsed.request.payload });
      const origins = ['https://ehr.example.org'];
      return { ok: true, data: parsed.request.type === 'ehr/enable-site' ? { origins, injectedTabs: 2 } : { origins } };
    },
  });
  return { client, sent, permissions };
}

describe('the extension sites client', () => {
  it('asks the browser for the host of the origin (every port), synchronously', async () => {
    const { client, permissions } = setup();
    const asked = client.requestAccess('https://ehr.example.org:8443');
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://ehr.example.org/*'] });
    expect(await asked).toBe(true);
  });

  it('sends the valid ehr/* requests and returns their answers', async () => {
    const { client, sent } = setup();
    expect(await client.list()).toEqual(['https://ehr.example.org']);
    expect(await client.enable('https://ehr.example.org')).toEqual({ origins: ['https://ehr.example.org'], injectedTabs: 2 });
    expect(await client.disable('https://ehr.example.org')).toEqual({ origins: ['https://ehr.example.org'] });
    expect(sent).toEqual([
      { type: 'ehr/sites', payload: {} },
      { type: 'ehr/enable-site', payload: { origin: 'https://ehr.example.org' } },
      { type: 'ehr/disable-site', payload: { origin: 'https://ehr.example.org' } },
    ]);
  });
});
