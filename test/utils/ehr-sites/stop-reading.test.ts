/**
 * "Stop reading" and the side panel: the panel re-reads the tab as soon as the stored list of sites
 * changes (storage.onChanged), while the background is still giving the permission back and
 * unregistering the reader. Whatever it asks then must not answer with the disabled site's note.
 */
import { describe, expect, it } from 'vitest';
import { makeHandlers } from '../../../utils/background-handlers';
import { snapshotHash } from '../../../utils/ehr-sites/hash';
import { createEhrService } from '../../../utils/ehr-sites/service';
import { enableSite, type StorageArea } from '../../../utils/ehr-sites/sites';
import type { EhrSnapshot } from '../../../utils/messaging';
import { fakeSitesApi } from '../../helpers/ehr-fakes';

const OWN = 'own';
const CLINIC = 'https://clinic.example.org';
const LAB = 'https://lab.example.net';
const SETTINGS = { setting: 'inpatient' as const, dateOfService: '2026-11-01' };

function snapshot(origin: string, text: string): EhrSnapshot {
  return { origin, title: 'Chart', text, blocks: [{ start: 0, end: text.length }], adapter: 'generic', mode: 'page', hash: snapshotHash('page', text), truncated: false };
}

const sender = (tabId: number, origin: string) => ({ id: OWN, tab: { id: tabId }, frameId: 0, url: `${origin}/chart/1`, origin });

/** Two enabled sites, a note read on each (tab 3 on the clinic, tab 4 on the lab), and the panel's handlers. */
async function twoSitesRead() {
  const fake = fakeSitesApi([`${CLINIC}/*`, `${LAB}/*`]);
  await enableSite(fake.api, CLINIC);
  await enableSite(fake.api, LAB);
  const ehr = createEhrService({ ownId: OWN, sites: fake.api, tabs: { sendMessage: async () => undefined } });
  await ehr.handleContentMessage({ type: 'ehr/snapshot', payload: snapshot(CLINIC, 'Pneumonia of the left lower lobe.') }, sender(3, CLINIC));
  await ehr.handleContentMessage({ type: 'ehr/snapshot', payload: snapshot(LAB, 'Iron deficiency anemia.') }, sender(4, LAB));
  // The analysis echoes the text it was given: enough to see which note a reply rests on.
  const analysis = { analyzeText: async (text: string) => ({ analysed: text }) };
  const handlers = makeHandlers({ codesets: {} as never, search: {} as never, analysis: analysis as never, cdi: {} as never, ehr });
  return { fake, ehr, handlers };
}

/** Runs `onWrite` right after each write, as a listener of storage.onChanged would (before the writer goes on). */
function onEachWrite(storage: StorageArea, onWrite: () => Promise<void>) {
  const set = storage.set.bind(storage);
  storage.set = async (items) => {
    await set(items);
    await onWrite();
  };
}

describe('the panel’s re-read while a site is being disabled', () => {
  it('finds no note of the site once the stored list has changed, before its snapshots are forgotten', async () => {
    const { fake, ehr, handlers } = await twoSitesRead();
    const seen: unknown[] = [];
    onEachWrite(fake.api.storage, async () => {
      seen.push(await handlers['ehr/snapshots']({ tabId: 3 }), await handlers['analysis/tab']({ tabId: 3, ...SETTINGS }));
    });
    expect(await ehr.handlers['ehr/disable-site']({ origin: CLINIC })).toEqual({ origins: [LAB] });
    expect(seen[0]).toEqual([]);
    expect(seen[1]).toMatchObject({ empty: true });
  });

  it('still answers with the note of a site that stays enabled (negative)', async () => {
    const { fake, ehr, handlers } = await twoSitesRead();
    const seen: unknown[] = [];
    onEachWrite(fake.api.storage, async () => {
      seen.push(await handlers['analysis/tab']({ tabId: 4, ...SETTINGS }));
    });
    await ehr.handlers['ehr/disable-site']({ origin: CLINIC });
    expect(seen[0]).toMatchObject({ result: { analysed: 'Iron deficiency anemia.' }, source: { origin: LAB, tabId: 4 } });
    expect((await handlers['ehr/snapshots']({})).map((r) => r.snapshot.origin)).toEqual([LAB]);
  });
});

describe('access revoked in the browser’s own settings', () => {
  it('the site’s note is no longer served, and its text is dropped from memory', async () => {
    const { fake, ehr, handlers } = await twoSitesRead();
    fake.permissions.delete(`${CLINIC}/*`);
    expect(await ehr.refresh()).toEqual([LAB]);
    expect(await handlers['analysis/tab']({ tabId: 3, ...SETTINGS })).toMatchObject({ empty: true });
    expect(ehr.store.list().map((r) => r.snapshot.origin)).toEqual([LAB]);
  });
});
