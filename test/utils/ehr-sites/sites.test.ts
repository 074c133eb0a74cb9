import { describe, expect, it } from 'vitest';
import {
  CONTENT_SCRIPT_FILE,
  CONTENT_SCRIPT_ID,
  disableSite,
  enabledOriginsFrom,
  enableSite,
  injectIntoOpenTabs,
  originPattern,
  readEnabledOrigins,
  registration,
  requestSiteAccess,
  SITES_STORAGE_KEY,
  siteOrigin,
  syncRegistration,
} from '../../../utils/ehr-sites/sites';
import { fakeSitesApi } from '../../helpers/ehr-fakes';

describe('siteOrigin and originPattern', () => {
  it.each([
    ['https://ehr.example.org/epic/chart?patient=123#note', 'https://ehr.example.org'],
    ['http://127.0.0.1:8080/x', 'http://127.0.0.1:8080'],
    ['  HTTPS://EHR.Example.ORG  ', 'https://ehr.example.org'],
    ['ftp://ehr.example.org', undefined],
    ['javascript:alert(1)', undefined],
    ['https://user:pw@ehr.example.org', undefined],
    ['not a url', undefined],
  ])('%s → %s', (input, origin) => {
    expect(siteOrigin(input)).toBe(origin);
  });

  it('asks for every port of the host (match patterns cannot name a port in Firefox)', () => {
    expect(originPattern('http://127.0.0.1:8080')).toBe('http://127.0.0.1/*');
    expect(originPattern('https://ehr.example.org')).toBe('https://ehr.example.org/*');
  });

  it('reads a malformed stored list as no sites', () => {
    expect(enabledOriginsFrom({ version: 1, origins: ['https://a.example'] })).toEqual(['https://a.example']);
    expect(enabledOriginsFrom({ version: 2, origins: ['https://a.example'] })).toEqual([]);
    expect(enabledOriginsFrom({ version: 1, origins: ['https://a.example/path'] })).toEqual([]);
    expect(enabledOriginsFrom({ version: 1, origins: ['https://a.example'], note: 'text' })).toEqual([]);
    expect(enabledOriginsFrom('https://a.example')).toEqual([]);
  });
});

describe('registration', () => {
  it('is one runtime-registered script for every enabled host, all frames, idle', () => {
    expect(registration(['https://b.example:8443', 'https://a.example', 'https://b.example'])).toEqual({
      id: CONTENT_SCRIPT_ID,
      matches: ['https://a.example/*', 'https://b.example/*'],
      js: [CONTENT_SCRIPT_FILE],
      allFrames: true,
      runAt: 'document_idle',
      persistAcrossSessions: true,
    });
  });
});

describe('enableSite / disableSite', () => {
  it('refuses an origin without host permission, and stores nothing', async () => {
    const fake = fakeSitesApi();
    await expect(enableSite(fake.api, 'https://ehr.example.org')).rejects.toThrow(/no access to https:\/\/ehr.example.org/);
    expect(fake.store).toEqual({});
    expect(fake.registered()).toEqual([]);
  });

  it('stores the origin only and registers the reader once permission is granted', async () => {
    const fake = fakeSitesApi();
    expect(await requestSiteAccess(fake.api.permissions, 'https://ehr.example.org/chart?mrn=1')).toBe(true);
    expect(await enableSite(fake.api, 'https://ehr.example.org/chart?mrn=1')).toEqual(['https://ehr.example.org']);
    expect(fake.store[SITES_STORAGE_KEY]).toEqual({ version: 1, origins: ['https://ehr.example.org'] });
    expect(fake.registered().map((s) => s.matches)).toEqual([['https://ehr.example.org/*']]);
  });

  it('disabling the last origin unregisters the reader and gives the permission back', async () => {
    const fake = fakeSitesApi(['https://ehr.example.org/*']);
    await enableSite(fake.api, 'https://ehr.example.org');
    expect(await disableSite(fake.api, 'https://ehr.example.org')).toEqual([]);
    expect(fake.registered()).toEqual([]);
    expect(fake.permissions.has('https://ehr.example.org/*')).toBe(false);
    expect(await readEnabledOrigins(fake.api.storage)).toEqual([]);
  });

  it('keeps the host permission while another port of the same host stays enabled', async () => {
    const fake = fakeSitesApi(['http://127.0.0.1/*']);
    await enableSite(fake.api, 'http://127.0.0.1:8001');
    await enableSite(fake.api, 'http://127.0.0.1:8002');
    expect(await disableSite(fake.api, 'http://127.0.0.1:8001')).toEqual(['http://127.0.0.1:8002']);
    expect(fake.permissions.has('http://127.0.0.1/*')).toBe(true);
    expect(fake.registered().map((s) => s.matches)).toEqual([['http://127.0.0.1/*']]);
  });

  it('serialises concurrent changes', async () => {
    const fake = fakeSitesApi(['https://a.example/*', 'https://b.example/*']);
    await Promise.all([enableSite(fake.api, 'https://a.example'), enableSite(fake.api, 'https://b.example')]);
    expect(await readEnabledOrigins(fake.api.storage)).toEqual(['https://a.example', 'https://b.example']);
    expect(fake.registered()).toHaveLength(1);
  });
});

describe('syncRegistration', () => {
  it('drops origins whose permission the user revoked in the browser and re-registers', async () => {
    const fake = fakeSitesApi(['https://a.example/*', 'https://b.example/*']);
    await enableSite(fake.api, 'https://a.example');
    await enableSite(fake.api, 'https://b.example');
    fake.permissions.delete('https://a.example/*');
    expect(await syncRegistration(fake.api)).toEqual(['https://b.example']);
    expect(fake.registered().map((s) => s.matches)).toEqual([['https://b.example/*']]);
  });

  it('leaves a registration that already matches alone', async () => {
    const fake = fakeSitesApi(['https://a.example/*']);
    await enableSite(fake.api, 'https://a.example');
    fake.calls.length = 0;
    await syncRegistration(fake.api);
    expect(fake.calls).toEqual([]);
  });
});

describe('injectIntoOpenTabs', () => {
  it('starts the reader in open tabs of exactly that origin', async () => {
    const fake = fakeSitesApi(['http://127.0.0.1/*']);
    fake.tabs.push({ id: 1, url: 'http://127.0.0.1:8001/note' }, { id: 2, url: 'http://127.0.0.1:9999/other' }, { id: 3 });
    expect(await injectIntoOpenTabs(fake.api, 'http://127.0.0.1:8001')).toBe(1);
    expect(fake.calls).toEqual(['inject 1']);
  });
});
