import { describe, expect, it, vi } from 'vitest';
import { snapshotHash } from '../../../utils/ehr-sites/hash';
import { createEhrService, MAX_TABS, SnapshotStore } from '../../../utils/ehr-sites/service';
import { enableSite } from '../../../utils/ehr-sites/sites';
import type { EhrSnapshot, EhrSnapshotRecord } from '../../../utils/messaging';
import { fakeSitesApi } from '../../helpers/ehr-fakes';

const OWN = 'own';
const ORIGIN = 'https://ehr.example.org';

function snapshot(text: string, origin = ORIGIN): EhrSnapshot {
  return {
    origin,
    title: 'Note',
    text,
    blocks: [{ start: 0, end: text.length }],
    adapter: 'generic',
    mode: 'page',
    hash: snapshotHash('page', text),
    truncated: false,
  };
}

const sender = (frameId = 0, origin = ORIGIN) => ({ id: OWN, tab: { id: 5 }, frameId, url: `${origin}/chart`, origin });

async function service(tabReply: unknown = undefined) {
  const fake = fakeSitesApi([`${ORIGIN}/*`]);
  await enableSite(fake.api, ORIGIN);
  const onSnapshot = vi.fn();
  const broadcast = vi.fn();
  const sendMessage = vi.fn(async () => tabReply);
  const s = createEhrService({ ownId: OWN, sites: fake.api, tabs: { sendMessage }, onSnapshot, broadcast, now: () => 1_000 });
  return { s, fake, onSnapshot, broadcast, sendMessage };
}

describe('snapshots from content scripts', () => {
  it('accepts a valid snapshot from an enabled origin, keeps it in memory and announces it without text', async () => {
    const { s, onSnapshot, broadcast } = await service();
    const reply = await s.handleContentMessage({ type: 'ehr/snapshot', payload: snapshot('Acute kidney injury.') }, sender(2));
    expect(reply).toEqual({ ok: true, data: { accepted: true, changed: true } });
    expect(onSnapshot).toHaveBeenCalledTimes(1);
    const record = onSnapshot.mock.calls[0]?.[0] as EhrSnapshotRecord;
    expect(record).toMatchObject({ tabId: 5, frameId: 2, snapshot: { frameId: 2, text: 'Acute kidney injury.' } });
    expect(broadcast.mock.calls[0]?.[0]).toEqual({
      type: 'ehr/changed',
      payload: {
        tabId: 5,
        frameId: 2,
        hash: record.snapshot.hash,
        adapter: 'generic',
        mode: 'page',
        length: 20,
        truncated: false,
        origin: ORIGIN,
      },
    });
    expect(JSON.stringify(broadcast.mock.calls)).not.toContain('kidney');
  });

  it('skips a snapshot whose hash the tab and frame already hold', async () => {
    const { s, onSnapshot } = await service();
    await s.handleContentMessage({ type: 'ehr/snapshot', payload: snapshot('Same.') }, sender());
    expect(await s.handleContentMessage({ type: 'ehr/snapshot', payload: snapshot('Same.') }, sender())).toEqual({
      ok: true,
      data: { accepted: true, changed: false },
    });
    expect(onSnapshot).toHaveBeenCalledTimes(1);
  });

  it('tells our reader on a site that is not enabled to stop, and refuses everyone else', async () => {
    const { s, onSnapshot } = await service();
    expect(
      await s.handleContentMessage(
        { type: 'ehr/snapshot', payload: snapshot('x', 'https://other.example') },
        sender(0, 'https://other.example'),
      ),
    ).toEqual({
      ok: true,
      data: { accepted: false, changed: false },
    });
    expect(await s.handleContentMessage({ type: 'ehr/snapshot', payload: snapshot('x') }, { ...sender(), id: 'evil' })).toMatchObject({
      ok: false,
    });
    expect(onSnapshot).not.toHaveBeenCalled();
  });

  it('refuses a snapshot that names another origin than its frame, or is malformed', async () => {
    const { s } = await service();
    expect(
      await s.handleContentMessage({ type: 'ehr/snapshot', payload: snapshot('x', 'https://elsewhere.example') }, sender()),
    ).toMatchObject({ ok: false });
    expect(await s.handleContentMessage({ type: 'ehr/snapshot', payload: { ...snapshot('x'), html: '<b>' } }, sender())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Invalid payload/),
    });
    expect(await s.handleContentMessage({ type: 'codes/lookup', payload: {} }, sender())).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Unknown message type/),
    });
  });

  it('the quick sender check takes only web pages in tabs', async () => {
    const { s } = await service();
    expect(s.isContentScriptSender(sender())).toBe(true);
    expect(s.isContentScriptSender({ id: OWN, tab: { id: 1 }, url: `chrome-extension://${OWN}/sidepanel.html` })).toBe(false);
    expect(s.isContentScriptSender({ id: OWN, url: `chrome-extension://${OWN}/options.html` })).toBe(false);
  });
});

describe('requests from extension pages', () => {
  it('lists, enables and disables sites; disabling forgets that origin’s snapshots', async () => {
    const { s, fake } = await service();
    expect(await s.handlers['ehr/sites']({})).toEqual({ origins: [ORIGIN] });
    await s.handleContentMessage({ type: 'ehr/snapshot', payload: snapshot('Note.') }, sender());
    expect(await s.handlers['ehr/disable-site']({ origin: ORIGIN })).toEqual({ origins: [] });
    expect(await s.handlers['ehr/snapshots']({})).toEqual([]);
    fake.permissions.add('https://b.example/*');
    expect(await s.handlers['ehr/enable-site']({ origin: 'https://b.example' })).toEqual({
      origins: ['https://b.example'],
      injectedTabs: 0,
    });
  });

  it('forwards a highlight to the tab’s reader and passes its answer on', async () => {
    const { s, sendMessage } = await service({ ok: true, data: { highlighted: 2, stale: false } });
    const spans = [{ start: 0, end: 5 }];
    expect(await s.handlers['ehr/highlight']({ tabId: 5, hash: 'abc', spans })).toEqual({ highlighted: 2, stale: false });
    expect(sendMessage).toHaveBeenCalledWith(
      5,
      { type: 'ehr/highlight', payload: { hash: 'abc', spans, scroll: undefined } },
      { frameId: 0 },
    );
  });

  it('says plainly when a tab has no reader', async () => {
    const { s } = await service();
    await expect(s.handlers['ehr/highlight']({ tabId: 5, hash: 'abc', spans: [] })).rejects.toThrow(/No reader in that tab/);
    expect(await s.handlers['ehr/read']({ tabId: 5, mode: 'page' })).toEqual({ reason: 'no-reader' });
  });

  it('stores a snapshot read on request, after validating it', async () => {
    const snap = snapshot('Type 2 diabetes mellitus.');
    const { s, onSnapshot } = await service({ ok: true, data: { snapshot: snap } });
    expect(await s.handlers['ehr/read']({ tabId: 5, mode: 'page' })).toEqual({
      snapshot: { tabId: 5, frameId: 0, hash: snap.hash, adapter: 'generic', mode: 'page', length: 25, truncated: false, origin: ORIGIN },
    });
    expect(onSnapshot).toHaveBeenCalledTimes(1);
    expect((await s.handlers['ehr/snapshots']({ tabId: 5 }))[0]?.snapshot.text).toBe('Type 2 diabetes mellitus.');
  });

  it('refuses a malformed snapshot from a reader', async () => {
    const { s } = await service({ ok: true, data: { snapshot: { text: 42 } } });
    await expect(s.handlers['ehr/read']({ tabId: 5, mode: 'page' })).rejects.toThrow(/malformed/);
  });
});

describe('SnapshotStore', () => {
  it(`keeps at most ${MAX_TABS} tabs, dropping the least recently updated`, () => {
    const store = new SnapshotStore();
    for (let tab = 0; tab < MAX_TABS + 3; tab++) store.put({ tabId: tab, frameId: 0, receivedAt: tab, snapshot: snapshot(`t${tab}`) });
    const tabs = store.list().map((r) => r.tabId);
    expect(tabs).toHaveLength(MAX_TABS);
    expect(tabs).not.toContain(0);
  });
});
