import { describe, expect, it, vi } from 'vitest';
import { sitesMessages } from '../../../components/options/sites-model';
import {
  deriveSiteOffer,
  NO_SITE_ACCESS,
  type SiteAccessClient,
  SiteAccessModel,
  siteAccessMessages,
} from '../../../components/sidepanel/site-access-model';

/** `active: null`: the panel cannot see the active tab's URL. */
function fakeAccess({ active = 'https://ehr.example.org' as string | null, enabled = [] as string[], granted = true } = {}) {
  let origins = [...enabled];
  const order: string[] = [];
  const client: SiteAccessClient = {
    activeOrigin: vi.fn(async () => active ?? undefined),
    list: vi.fn(async () => [...origins]),
    requestAccess: vi.fn((origin: string) => {
      order.push(`request ${origin}`);
      return Promise.resolve(granted);
    }),
    enable: vi.fn(async (origin: string) => {
      order.push(`enable ${origin}`);
      origins = [...origins, origin];
      return { origins: [...origins], injectedTabs: 1 };
    }),
    openSiteSettings: vi.fn(async () => undefined),
  };
  return { client, order };
}

describe('deriveSiteOffer', () => {
  it('offers to enable the active site, says when it is read already, else points to the options page', () => {
    expect(deriveSiteOffer('https://ehr.example.org', [])).toEqual({ kind: 'enable', origin: 'https://ehr.example.org' });
    expect(deriveSiteOffer('https://ehr.example.org', ['https://ehr.example.org'])).toEqual({ kind: 'enabled', origin: 'https://ehr.example.org' });
    // Another port of the same host is another origin: not read yet.
    expect(deriveSiteOffer('https://ehr.example.org:8443', ['https://ehr.example.org'])).toEqual({
      kind: 'enable',
      origin: 'https://ehr.example.org:8443',
    });
    expect(deriveSiteOffer(undefined, ['https://ehr.example.org'])).toEqual({ kind: 'options' });
  });
});

describe('SiteAccessModel', () => {
  it('refreshes the offer from the active tab and the enabled sites', async () => {
    const { client } = fakeAccess({ enabled: ['https://ehr.example.org'] });
    const model = new SiteAccessModel(client);
    expect(model.offer.value).toBeUndefined();
    await model.refresh();
    expect(model.offer.value).toEqual({ kind: 'enabled', origin: 'https://ehr.example.org' });
  });

  it('offers the options page when the tab cannot be seen or the background does not answer', async () => {
    const { client } = fakeAccess({ active: null });
    const model = new SiteAccessModel(client);
    await model.refresh();
    expect(model.offer.value).toEqual({ kind: 'options' });
    const other = fakeAccess();
    vi.mocked(other.client.activeOrigin).mockRejectedValueOnce(new Error('no tabs'));
    const second = new SiteAccessModel(other.client);
    await second.refresh();
    expect(second.offer.value).toEqual({ kind: 'options' });
  });

  it('keeps the newest refresh when answers cross', async () => {
    const { client } = fakeAccess();
    let release: (origin: string | undefined) => void = () => undefined;
    vi.mocked(client.activeOrigin).mockImplementationOnce(() => new Promise((resolve) => (release = resolve)));
    const model = new SiteAccessModel(client);
    const slow = model.refresh();
    await model.refresh();
    release('https://old.example');
    await slow;
    expect(model.offer.value).toEqual({ kind: 'enable', origin: 'https://ehr.example.org' });
  });

  it('enables the active site from the click: permission first (synchronously), then the background, then the note is read', async () => {
    const { client, order } = fakeAccess();
    const model = new SiteAccessModel(client);
    await model.refresh();
    const onEnabled = vi.fn();
    const enabling = model.enable('https://ehr.example.org', onEnabled);
    expect(order).toEqual(['request https://ehr.example.org']);
    expect(model.busy.value).toBe(true);
    expect(await enabling).toBe(true);
    expect(order).toEqual(['request https://ehr.example.org', 'enable https://ehr.example.org']);
    expect(onEnabled).toHaveBeenCalledTimes(1);
    expect(model.offer.value).toEqual({ kind: 'enabled', origin: 'https://ehr.example.org' });
    expect(model.message.value).toEqual({ tone: 'ok', text: sitesMessages.enabled('https://ehr.example.org', 1) });
    expect(model.busy.value).toBe(false);
  });

  it('says the permission was refused and leaves the offer; the note is not re-read', async () => {
    const { client } = fakeAccess({ granted: false });
    const model = new SiteAccessModel(client);
    await model.refresh();
    const onEnabled = vi.fn();
    expect(await model.enable('https://ehr.example.org', onEnabled)).toBe(false);
    expect(client.enable).not.toHaveBeenCalled();
    expect(onEnabled).not.toHaveBeenCalled();
    expect(model.offer.value).toEqual({ kind: 'enable', origin: 'https://ehr.example.org' });
    expect(model.message.value).toEqual({ tone: 'error', text: sitesMessages.refused('https://ehr.example.org') });
  });

  it('opens the options page, and says when it cannot', async () => {
    const { client } = fakeAccess({ active: null });
    const model = new SiteAccessModel(client);
    await model.openSettings();
    expect(client.openSiteSettings).toHaveBeenCalledTimes(1);
    vi.mocked(client.openSiteSettings).mockRejectedValueOnce(new Error('tabs.create failed'));
    await model.openSettings();
    expect(model.message.value).toEqual({ tone: 'error', text: siteAccessMessages.openFailed('tabs.create failed') });
  });

  it('without a client wired nothing is enabled', async () => {
    const model = new SiteAccessModel(NO_SITE_ACCESS);
    await model.refresh();
    expect(model.offer.value).toEqual({ kind: 'options' });
    expect(await model.enable('https://ehr.example.org')).toBe(false);
  });
});
