import { describe, expect, it, vi } from 'vitest';
import { deriveSiteInput, enableOrigin, type SitesClient, SitesModel, sitesMessages } from '../../../components/options/sites-model';

/** A background and a browser in memory: `granted` is what the permission prompt answers. */
function fakeSites({ granted = true, enabled = [] as string[], injectedTabs = 1 } = {}) {
  let origins = [...enabled];
  const order: string[] = [];
  const client: SitesClient = {
    list: vi.fn(async () => [...origins]),
    requestAccess: vi.fn((origin: string) => {
      order.push(`request ${origin}`);
      return Promise.resolve(granted);
    }),
    enable: vi.fn(async (origin: string) => {
      order.push(`enable ${origin}`);
      if (!origins.includes(origin)) origins = [...origins, origin].sort();
      return { origins: [...origins], injectedTabs };
    }),
    disable: vi.fn(async (origin: string) => {
      order.push(`disable ${origin}`);
      origins = origins.filter((o) => o !== origin);
      return { origins: [...origins] };
    }),
  };
  return { client, order };
}

describe('deriveSiteInput', () => {
  it('keeps only the origin of an http(s) address (never its path, query or fragment)', () => {
    expect(deriveSiteInput('  https://ehr.example.org:8443/chart/12345?mrn=999#note ')).toEqual({ origin: 'https://ehr.example.org:8443' });
    expect(deriveSiteInput('http://127.0.0.1:5173/demo/discharge-summary.html')).toEqual({ origin: 'http://127.0.0.1:5173' });
  });

  it('says what to type for an empty field, a bare host, another scheme or credentials', () => {
    expect(deriveSiteInput('   ')).toEqual({ error: sitesMessages.empty });
    for (const input of ['ehr.example.org', 'ftp://ehr.example.org', 'file:///home/note.html', 'javascript:alert(1)', 'https://user:pw@ehr.example.org']) {
      const parsed = deriveSiteInput(input);
      expect(parsed, input).toEqual({ error: sitesMessages.notWeb(input) });
      expect('error' in parsed && parsed.error, input).toContain('https://');
    }
  });
});

describe('enableOrigin', () => {
  it('asks for the permission synchronously (inside the click), then enables', async () => {
    const { client, order } = fakeSites();
    const pending = enableOrigin(client, 'https://ehr.example.org');
    // Before anything was awaited: the browser prompt needs the user gesture still running.
    expect(order).toEqual(['request https://ehr.example.org']);
    const outcome = await pending;
    expect(order).toEqual(['request https://ehr.example.org', 'enable https://ehr.example.org']);
    expect(outcome).toEqual({
      ok: true,
      origins: ['https://ehr.example.org'],
      message: { tone: 'ok', text: sitesMessages.enabled('https://ehr.example.org', 1) },
    });
  });

  it('does not enable when the permission is refused, and says so', async () => {
    const { client } = fakeSites({ granted: false });
    const outcome = await enableOrigin(client, 'https://ehr.example.org');
    expect(outcome).toEqual({ ok: false, message: { tone: 'error', text: sitesMessages.refused('https://ehr.example.org') } });
    expect(client.enable).not.toHaveBeenCalled();
  });

  it('reports a request that throws and a background that refuses', async () => {
    const { client } = fakeSites();
    vi.mocked(client.requestAccess).mockImplementationOnce(() => {
      throw new Error('permissions.request may only be called from a user input handler');
    });
    expect((await enableOrigin(client, 'https://a.example')).message.text).toBe(
      sitesMessages.enableFailed('https://a.example', 'permissions.request may only be called from a user input handler'),
    );
    vi.mocked(client.enable).mockRejectedValueOnce(new Error('At most 200 sites can be enabled.'));
    const outcome = await enableOrigin(client, 'https://b.example');
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toEqual({ tone: 'error', text: sitesMessages.enableFailed('https://b.example', 'At most 200 sites can be enabled.') });
  });
});

describe('sitesMessages', () => {
  it('counts the tabs where reading started, or says to open a note', () => {
    expect(sitesMessages.enabled('https://a.example', 2)).toBe('Chartcode now reads notes on https://a.example. Reading started in 2 open tabs.');
    expect(sitesMessages.enabled('https://a.example', 1)).toContain('in 1 open tab.');
    expect(sitesMessages.enabled('https://a.example', 0)).toContain('Open (or reload) a note there');
  });
});

describe('SitesModel', () => {
  it('lists the enabled origins', async () => {
    const { client } = fakeSites({ enabled: ['https://b.example', 'https://a.example'] });
    const model = new SitesModel(client);
    expect(model.origins.value).toBeUndefined();
    await model.load();
    expect(model.origins.value).toEqual(['https://b.example', 'https://a.example']);
  });

  it('says when the list cannot be read', async () => {
    const { client } = fakeSites();
    vi.mocked(client.list).mockRejectedValueOnce(new Error('No reply to "ehr/sites"'));
    const model = new SitesModel(client);
    await model.load();
    expect(model.listError.value).toBe(sitesMessages.listFailed('No reply to "ehr/sites"'));
  });

  it('adds a typed address: permission asked before any await, then enabled, listed, the field cleared', async () => {
    const { client, order } = fakeSites({ injectedTabs: 1 });
    const model = new SitesModel(client);
    await model.load();
    model.setInput('https://ehr.example.org/chart/123?mrn=9');
    const adding = model.add();
    expect(order).toEqual(['request https://ehr.example.org']);
    expect(model.pending.value).toBe('https://ehr.example.org');
    expect(model.message.value?.text).toBe(sitesMessages.asking('https://ehr.example.org'));
    await adding;
    expect(client.enable).toHaveBeenCalledWith('https://ehr.example.org');
    expect(model.origins.value).toEqual(['https://ehr.example.org']);
    expect(model.input.value).toBe('');
    expect(model.pending.value).toBeUndefined();
    expect(model.message.value).toEqual({ tone: 'ok', text: sitesMessages.enabled('https://ehr.example.org', 1) });
  });

  it('refuses an address that is not http(s) without asking the browser, and marks the field', async () => {
    const { client } = fakeSites();
    const model = new SitesModel(client);
    model.setInput('ehr.example.org');
    await model.add();
    expect(client.requestAccess).not.toHaveBeenCalled();
    expect(model.message.value).toEqual({ tone: 'error', text: sitesMessages.notWeb('ehr.example.org') });
    expect(model.inputInvalid.value).toBe(true);
    expect(model.inputFocus.value).toBe(1);
    expect(model.input.value).toBe('ehr.example.org');
    model.setInput('https://ehr.example.org');
    expect(model.inputInvalid.value).toBe(false);
  });

  it('keeps the list and the typed address when the permission is refused', async () => {
    const { client } = fakeSites({ granted: false, enabled: ['https://a.example'] });
    const model = new SitesModel(client);
    await model.load();
    model.setInput('https://ehr.example.org');
    await model.add();
    expect(model.origins.value).toEqual(['https://a.example']);
    expect(model.input.value).toBe('https://ehr.example.org');
    expect(model.message.value).toEqual({ tone: 'error', text: sitesMessages.refused('https://ehr.example.org') });
  });

  it('ignores a second Enable while the first is answered', async () => {
    const { client } = fakeSites();
    const model = new SitesModel(client);
    model.setInput('https://ehr.example.org');
    const first = model.add();
    await model.add();
    await first;
    expect(client.requestAccess).toHaveBeenCalledTimes(1);
  });

  it('stops reading an origin and says so; a failure leaves the list as it was', async () => {
    const { client, order } = fakeSites({ enabled: ['https://a.example', 'https://b.example'] });
    const model = new SitesModel(client);
    await model.load();
    await model.remove('https://a.example');
    expect(order).toEqual(['disable https://a.example']);
    expect(model.origins.value).toEqual(['https://b.example']);
    expect(model.message.value).toEqual({ tone: 'ok', text: sitesMessages.disabled('https://a.example') });
    vi.mocked(client.disable).mockRejectedValueOnce(new Error('No reply'));
    await model.remove('https://b.example');
    expect(model.origins.value).toEqual(['https://b.example']);
    expect(model.message.value).toEqual({ tone: 'error', text: sitesMessages.disableFailed('https://b.example', 'No reply') });
    expect(model.pending.value).toBeUndefined();
  });
});
