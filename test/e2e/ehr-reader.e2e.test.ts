/**
 * The EHR page reader in real headless Chromium with the built extension (`npx wxt build` first),
 * on the synthetic EHR-like pages served on 127.0.0.1 (two ports: cross-origin frames).
 *
 * Enabling a site in a test: `permissions.request` shows a browser prompt that a headless test cannot
 * click. The user's "Allow" is stood in for by Chrome's own extensions page
 * (`chrome.developerPrivate.addHostPermission`, what "Site access → On specific sites" calls); after
 * that, the product path runs unchanged: the extension page calls `permissions.request` (granted
 * without a prompt) and sends 'ehr/enable-site', whose handler registers the content script.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionSession, launchExtension, openExtensionPage, sendFromPage } from '../../scripts/lib/chromium';
import { type EhrServer, startEhrServer } from '../../scripts/lib/ehr-server';

const SCREENSHOTS = resolve(import.meta.dirname, '../../reports/screenshots');
const PATTERN = 'http://127.0.0.1/*';

interface Snapshot {
  origin: string;
  title: string;
  text: string;
  blocks: Array<{ start: number; end: number }>;
  adapter: string;
  mode: string;
  hash: string;
  truncated: boolean;
}
interface SnapshotRecord {
  tabId: number;
  frameId: number;
  receivedAt: number;
  snapshot: Snapshot;
}

describe('EHR page reader in real Chromium', () => {
  let server: EhrServer;
  let session: ExtensionSession;
  let ext: Page;
  const pageErrors: string[] = [];
  const startedEvent = () => `${session.extensionId}:ehr:wxt:content-script-started`;

  /** Open a fixture page; a main-world probe counts the reader's start event (WXT dispatches it on document). */
  async function openPage(path: string, url = server.url(path)): Promise<Page> {
    const page = await session.context.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${path}: ${e.message}`));
    await page.addInitScript((name) => {
      const w = window as unknown as { __readerStarts: number };
      w.__readerStarts = 0;
      document.addEventListener(name, () => {
        w.__readerStarts++;
      });
    }, startedEvent());
    await page.goto(url);
    return page;
  }

  async function tabIdOf(page: Page): Promise<number> {
    const url = page.url();
    const id = await ext.evaluate(async (u) => {
      const tabs = await (
        globalThis as unknown as { chrome: { tabs: { query(q: object): Promise<Array<{ id: number; url?: string }>> } } }
      ).chrome.tabs.query({});
      return tabs.find((t) => t.url === u)?.id;
    }, url);
    if (id === undefined) throw new Error(`no tab for ${url}`);
    return id;
  }

  const snapshots = (tabId?: number) => sendFromPage<SnapshotRecord[]>(ext, 'ehr/snapshots', tabId === undefined ? {} : { tabId });

  async function waitForSnapshot(
    tabId: number,
    test: (r: SnapshotRecord) => boolean = () => true,
    timeoutMs = 20_000,
  ): Promise<SnapshotRecord> {
    const start = Date.now();
    for (;;) {
      const found = (await snapshots(tabId)).find(test);
      if (found) return found;
      if (Date.now() - start > timeoutMs) throw new Error(`no matching snapshot for tab ${tabId} after ${timeoutMs} ms`);
      await ext.waitForTimeout(100);
    }
  }

  const topSnapshot = (tabId: number) => waitForSnapshot(tabId, (r) => r.frameId === 0);

  /** Ranges of the evidence highlight in a frame, as text (checked from the page's own world). */
  const highlighted = (frame: { evaluate: Page['evaluate'] }) =>
    frame.evaluate(() => {
      const h = (CSS as unknown as { highlights?: Map<string, Iterable<Range>> }).highlights?.get('chartcode-evidence');
      return h ? [...h].map((r) => r.toString()) : [];
    });

  const spanOf = (text: string, phrase: string) => {
    const start = text.indexOf(phrase);
    if (start < 0) throw new Error(`"${phrase}" not in the snapshot`);
    return { start, end: start + phrase.length };
  };

  beforeAll(async () => {
    server = await startEhrServer();
    session = await launchExtension();
    ext = await openExtensionPage(session, 'options.html');
    // Collect the text-free 'ehr/changed' events the background broadcasts.
    await ext.evaluate(() => {
      const w = window as unknown as { __changes: Array<{ tabId: number; frameId: number; hash: string }> };
      w.__changes = [];
      (
        globalThis as unknown as {
          chrome: { runtime: { onMessage: { addListener(f: (m: { type: string; payload: never }) => void): void } } };
        }
      ).chrome.runtime.onMessage.addListener((m) => {
        if (m?.type === 'ehr/changed') w.__changes.push(m.payload);
      });
    });
  });

  afterAll(async () => {
    await session?.close();
    await server?.close();
  });

  const changesFor = (tabId: number) =>
    ext.evaluate(
      (id) => (window as unknown as { __changes: Array<{ tabId: number }> }).__changes.filter((c) => c.tabId === id).length,
      tabId,
    );

  it('runs nothing on a site before the user enables it', async () => {
    expect(
      await session.worker.evaluate(() =>
        (
          globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } } }
        ).chrome.scripting.getRegisteredContentScripts(),
      ),
    ).toEqual([]);
    const manifest = await session.worker.evaluate(() =>
      (globalThis as unknown as { chrome: { runtime: { getManifest(): Record<string, unknown> } } }).chrome.runtime.getManifest(),
    );
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.host_permissions).toBeUndefined();
    const page = await openPage('demo/discharge-summary.html');
    await page.waitForTimeout(1_500);
    expect(await page.evaluate(() => (window as unknown as { __readerStarts: number }).__readerStarts)).toBe(0);
    expect(await snapshots()).toEqual([]);
    await page.close();
  });

  it('enables a site: permission, then registration through the extension’s own message', async () => {
    const open = await openPage('demo/discharge-summary.html');
    // The user's "Allow" (see the file comment).
    const manager = await session.context.newPage();
    await manager.goto('chrome://extensions/');
    await manager.evaluate(
      ([id, pattern]) =>
        (
          globalThis as unknown as { chrome: { developerPrivate: { addHostPermission(i: string, p: string): Promise<void> } } }
        ).chrome.developerPrivate.addHostPermission(id, pattern),
      [session.extensionId, PATTERN] as const,
    );
    await manager.close();
    const granted = await ext.evaluate(
      (pattern) =>
        (globalThis as unknown as { chrome: { permissions: { request(p: object): Promise<boolean> } } }).chrome.permissions.request({
          origins: [pattern],
        }),
      PATTERN,
    );
    expect(granted).toBe(true);
    const reply = await sendFromPage<{ origins: string[]; injectedTabs: number }>(ext, 'ehr/enable-site', { origin: server.origin });
    expect(reply.origins).toEqual([server.origin]);
    // The tab that was already open gets its reader without a reload.
    expect(reply.injectedTabs).toBeGreaterThanOrEqual(1);
    const registered = await session.worker.evaluate(() =>
      (
        globalThis as unknown as {
          chrome: { scripting: { getRegisteredContentScripts(): Promise<Array<{ matches: string[]; allFrames: boolean }>> } };
        }
      ).chrome.scripting.getRegisteredContentScripts(),
    );
    expect(registered.map((s) => [s.matches, s.allFrames])).toEqual([[[PATTERN], true]]);
    const record = await topSnapshot(await tabIdOf(open));
    expect(record.snapshot.text).toContain('Acute on chronic systolic (congestive) heart failure, LVEF 30%.');
    await open.close();
  });

  const PAGES: Array<{ path: string; adapter: string; present: string[]; absent: string[] }> = [
    {
      path: 'epic/index.html',
      adapter: 'epic',
      present: [
        'Progress Notes · Hospital Medicine',
        'Mrs. Testpatient is a 72-year-old woman on hospital day 2 for community-acquired pneumonia of the right lower lobe.',
        'Vitals: Temp 38.4 C, HR 104, BP 128/76, SpO2 91% on 2 L nasal cannula.',
        'Labs: WBC 14.1, sodium 129, lactate 1.1.',
        'Hyponatremia: sodium 129, likely SIADH from pneumonia; fluid restriction 1.2 L.',
      ],
      absent: [
        'HIDDEN ACTIVITY',
        'COLLAPSED ROS',
        'COLLAPSED DETAILS',
        'COLLAPSED BY HEIGHT',
        'CLOSED SHADOW',
        'OPACITY ZERO',
        'INVISIBLE PARENT',
        'ARIA HIDDEN',
        'VISUALLY HIDDEN',
        'TOOLBAR TEXT',
      ],
    },
    {
      path: 'cerner/index.html',
      adapter: 'cerner',
      present: [
        'Cardiology Consultation',
        'Reason for Consult:\tNew atrial fibrillation with rapid ventricular response.',
        'Potassium\t3.4\tmmol/L\t3.5-5.1',
        '3. No evidence of acute coronary syndrome; troponin negative twice.',
      ],
      absent: ['HIDDEN ROW', 'ACTIONS TEXT', 'CROSS ORIGIN FRAME TEXT', 'SAMPLE, Bernard'],
    },
    {
      path: 'meditech/index.html',
      adapter: 'meditech',
      present: [
        'DISCHARGE DIAGNOSES:\n  1. COPD with acute exacerbation\n',
        'LABS:           Admit    Discharge\n',
        'Signed electronically by D. Synthetic, MD on 10/18/2026 11:20.',
      ],
      absent: ['HIDDEN TAB ED NOTE', 'ACTIONS TEXT', 'NAV TEXT'],
    },
    {
      path: 'generic/index.html',
      adapter: 'generic',
      present: [
        'Essential hypertension, not at goal: increase lisinopril to 20 mg daily.',
        'Handout: a low-sodium diet helps lower blood pressure.',
      ],
      absent: [
        'NAV MENU TEXT',
        'FOOTER TEXT',
        'SIDEBAR TEXT',
        'VISUALLY HIDDEN',
        'OFFSCREEN LEFT',
        'SLIDE OUT PANEL',
        'MAX HEIGHT COLLAPSED',
        'TEMPLATE TEXT',
        'NOSCRIPT',
        'SCRIPT TEXT',
      ],
    },
    {
      path: 'demo/discharge-summary.html',
      adapter: 'generic',
      present: [
        'Type 2 diabetes mellitus with hyperglycemia.',
        'Because of tachycardia, hypoxemia and his history of DVT, CT angiography of the chest was obtained and was negative for pulmonary embolism.',
        'Creatinine\t2.1\t1.3\t0.7–1.3 mg/dL',
        'Mother with colon cancer diagnosed at age 62.',
        'History of DVT: Left femoral DVT in 2019, treated with six months of apixaban, completed.',
      ],
      absent: ['COLLAPSED PRIOR NOTE', 'DEMO-000123', 'Synthetic page written'],
    },
  ];

  it.each(PAGES)('reads $path with the $adapter adapter: what is shown, not what is hidden', async ({ path, adapter, present, absent }) => {
    const page = await openPage(path);
    // Frames may load after the first read: the live reader sends again when they do.
    const record = await waitForSnapshot(await tabIdOf(page), (r) => r.frameId === 0 && present.every((t) => r.snapshot.text.includes(t)));
    expect(record.snapshot.adapter).toBe(adapter);
    expect(record.snapshot.origin).toBe(server.origin);
    expect(record.snapshot.truncated).toBe(false);
    for (const text of present) expect(record.snapshot.text).toContain(text);
    for (const text of absent) expect(record.snapshot.text).not.toContain(text);
    // Blocks are the text between the added line breaks.
    for (const b of record.snapshot.blocks) expect(record.snapshot.text.slice(b.start, b.end)).not.toMatch(/^\n|\n$/);
    await page.close();
  });

  it('highlights evidence in the nested note frame and in a shadow root: exactly the text, no DOM change', async () => {
    const page = await openPage('epic/index.html');
    const tabId = await tabIdOf(page);
    const phrases = [
      'community-acquired pneumonia of the right lower lobe',
      'SpO2 91% on 2 L nasal cannula',
      'likely SIADH from pneumonia',
    ];
    const { snapshot } = await waitForSnapshot(tabId, (r) => r.frameId === 0 && phrases.every((p) => r.snapshot.text.includes(p)));
    const note = page.frames().find((f) => f.url().endsWith('/epic/note-content.html'));
    if (!note) throw new Error('note frame not found');
    const before = await note.evaluate(() => document.documentElement.outerHTML);
    const reply = await sendFromPage<{ highlighted: number; stale: boolean }>(ext, 'ehr/highlight', {
      tabId,
      hash: snapshot.hash,
      spans: phrases.map((p) => spanOf(snapshot.text, p)),
    });
    expect(reply.stale).toBe(false);
    expect(reply.highlighted).toBeGreaterThanOrEqual(phrases.length);
    // "<b>community-acquired pneumonia</b> of the <i>right lower</i> lobe" is one Range; the vitals sit in a shadow root.
    expect(await highlighted(note)).toEqual(phrases);
    expect(await note.evaluate(() => document.documentElement.outerHTML)).toBe(before);
    expect(await highlighted(page.mainFrame())).toEqual([]);
    const cleared = await sendFromPage<{ highlighted: number }>(ext, 'ehr/highlight', { tabId, hash: snapshot.hash, spans: [] });
    expect(cleared.highlighted).toBe(0);
    expect(await highlighted(note)).toEqual([]);
    await page.close();
  });

  it('highlights a span on the demo page and scrolls to it (screenshot)', async () => {
    const page = await openPage('demo/discharge-summary.html');
    await page.setViewportSize({ width: 1200, height: 820 });
    const tabId = await tabIdOf(page);
    const { snapshot } = await topSnapshot(tabId);
    const phrases = [
      'CT angiography of the chest was obtained and was negative for pulmonary embolism',
      'Pulmonary embolism ruled out: CT angiography negative',
    ];
    const reply = await sendFromPage<{ highlighted: number; stale: boolean }>(ext, 'ehr/highlight', {
      tabId,
      hash: snapshot.hash,
      spans: phrases.map((p) => spanOf(snapshot.text, p)),
      scroll: true,
    });
    expect(reply).toEqual({ highlighted: 2, stale: false });
    // The second phrase spans two text nodes ("<span class=problem>…:</span> CT angiography…"), adjacent: one Range.
    expect(await highlighted(page.mainFrame())).toEqual(phrases);
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
    await page.waitForTimeout(200);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'ehr-highlight.png') });
    await page.close();
  });

  it('a stale highlight request is refused instead of painting the wrong text', async () => {
    const page = await openPage('demo/discharge-summary.html');
    const tabId = await tabIdOf(page);
    const { snapshot } = await topSnapshot(tabId);
    const reply = await sendFromPage<{ highlighted: number; stale: boolean }>(ext, 'ehr/highlight', {
      tabId,
      hash: '0123456789abcd',
      spans: [{ start: 0, end: 5 }],
    });
    expect(reply).toEqual({ highlighted: 0, stale: true });
    expect(snapshot.hash).not.toBe('0123456789abcd');
    await page.close();
  });

  it('live: changed text is sent again after the debounce, unchanged text is not', async () => {
    const page = await openPage('demo/discharge-summary.html');
    const tabId = await tabIdOf(page);
    const first = await topSnapshot(tabId);
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Addendum: potassium 3.3 on the morning of discharge, repleted orally.';
      document.querySelector('.signature')?.before(p);
    });
    const second = await waitForSnapshot(tabId, (r) => r.snapshot.hash !== first.snapshot.hash);
    expect(second.snapshot.text).toContain('Addendum: potassium 3.3 on the morning of discharge, repleted orally.');
    const changes = await changesFor(tabId);
    // Changes that do not change the visible text: a class with no style, an attribute nobody reads.
    await page.evaluate(() => {
      document.body.classList.add('no-visible-change');
      document.querySelector('main')?.setAttribute('data-x', '1');
    });
    await page.waitForTimeout(3_000);
    expect(await changesFor(tabId)).toBe(changes);
    expect((await topSnapshot(tabId)).receivedAt).toBe(second.receivedAt);
    await page.close();
  });

  it('selection mode reads only what the user selected', async () => {
    const page = await openPage('demo/discharge-summary.html');
    const tabId = await tabIdOf(page);
    await topSnapshot(tabId);
    await page.evaluate(() => {
      const p = [...document.querySelectorAll('p')].find((x) => x.textContent?.startsWith('Mother with colon cancer'));
      if (p) window.getSelection()?.selectAllChildren(p);
    });
    const reply = await sendFromPage<{ snapshot?: { mode: string; length: number } }>(ext, 'ehr/read', { tabId, mode: 'selection' });
    expect(reply.snapshot?.mode).toBe('selection');
    const record = await waitForSnapshot(tabId, (r) => r.snapshot.mode === 'selection');
    expect(record.snapshot.text).toBe('Mother with colon cancer diagnosed at age 62. Father with coronary artery disease.');
    await page.evaluate(() => window.getSelection()?.removeAllRanges());
    expect(await sendFromPage(ext, 'ehr/read', { tabId, mode: 'selection' })).toEqual({ reason: 'no-selection' });
    await page.close();
  });

  it('a frame from another enabled origin reports its own text; one not enabled is never read', async () => {
    let page = await openPage('cerner/index.html');
    let tabId = await tabIdOf(page);
    await topSnapshot(tabId);
    await page.waitForTimeout(1_000);
    expect((await snapshots(tabId)).map((r) => r.snapshot.origin)).toEqual([server.origin]);
    await page.close();

    await sendFromPage(ext, 'ehr/enable-site', { origin: server.otherOrigin });
    page = await openPage('cerner/index.html');
    tabId = await tabIdOf(page);
    const frame = await waitForSnapshot(tabId, (r) => r.snapshot.origin === server.otherOrigin);
    expect(frame.frameId).not.toBe(0);
    expect(frame.snapshot.text).toBe('CROSS ORIGIN FRAME TEXT: potassium 5.9 in another application.');
    expect((await topSnapshot(tabId)).snapshot.text).not.toContain('CROSS ORIGIN');
    await page.close();
    expect((await sendFromPage<{ origins: string[] }>(ext, 'ehr/disable-site', { origin: server.otherOrigin })).origins).toEqual([
      server.origin,
    ]);
  });

  it('stays responsive on a hostile page: 100,000 nodes, 5 MB of text, endless mutations, code-like text', async () => {
    const page = await openPage('hostile/index.html');
    // Plain evaluate: the page replaced MutationObserver with a trap, which Playwright's own waitForFunction helper uses.
    while (!(await page.evaluate(() => (window as unknown as { __hostileReady?: boolean }).__hostileReady === true)))
      await page.waitForTimeout(100);
    const tabId = await tabIdOf(page);
    const record = await topSnapshot(tabId);
    const { snapshot } = record;
    expect(snapshot.truncated).toBe(true);
    expect(snapshot.text.length).toBeLessThanOrEqual(2_000_000);
    expect(snapshot.title.length).toBeLessThanOrEqual(500);
    expect(snapshot.text).toContain('<script>window.__pwned = 1</script> is text in the markup, not a script.');
    expect(snapshot.text).toContain('<img src=x onerror="window.__pwned=1"> looks like an image tag');
    expect(snapshot.text).toContain('DEEP NESTED TEXT at depth 2000.');
    expect(snapshot.text).not.toContain('CROSS ORIGIN FRAME TEXT');
    expect(snapshot.text).not.toContain('trap:');

    // Round trips into the page while it mutates and the reader re-reads.
    const changesBefore = await changesFor(tabId);
    const times: number[] = [];
    const started = Date.now();
    while (Date.now() - started < 8_000) {
      const t = Date.now();
      await page.evaluate(() => document.getElementById('clock')?.textContent);
      times.push(Date.now() - t);
      await page.waitForTimeout(200);
    }
    expect(Math.max(...times)).toBeLessThan(1_000);
    // The clock changes the text every 25 ms: re-reads are spaced (debounce, max wait, slow-read backoff).
    const sent = (await changesFor(tabId)) - changesBefore;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(sent).toBeLessThanOrEqual(5);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    console.info(`hostile page: round trips max ${Math.max(...times)} ms over ${times.length}; ${sent} snapshots in 8 s`);
    await page.close();
  });

  it('disabling the site stops reading: open pages go quiet, new pages get no reader', async () => {
    const open = await openPage('demo/discharge-summary.html');
    const tabId = await tabIdOf(open);
    const before = await topSnapshot(tabId);
    const reply = await sendFromPage<{ origins: string[] }>(ext, 'ehr/disable-site', { origin: server.origin });
    expect(reply.origins).toEqual([]);
    expect(await sendFromPage(ext, 'ehr/snapshots', {})).toEqual([]);
    expect(
      await ext.evaluate(
        (pattern) =>
          (globalThis as unknown as { chrome: { permissions: { contains(p: object): Promise<boolean> } } }).chrome.permissions.contains({
            origins: [pattern],
          }),
        PATTERN,
      ),
    ).toBe(false);
    expect(
      await session.worker.evaluate(() =>
        (
          globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<unknown[]> } } }
        ).chrome.scripting.getRegisteredContentScripts(),
      ),
    ).toEqual([]);
    await open.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'Text added after the site was disabled.';
      document.querySelector('main')?.append(p);
    });
    await open.waitForTimeout(3_000);
    expect(await snapshots(tabId)).toEqual([]);
    expect(before.snapshot.text).not.toContain('after the site was disabled');

    const fresh = await openPage('demo/discharge-summary.html');
    await fresh.waitForTimeout(1_500);
    expect(await fresh.evaluate(() => (window as unknown as { __readerStarts: number }).__readerStarts)).toBe(0);
    expect(await snapshots()).toEqual([]);
    await open.close();
    await fresh.close();
  });

  it('keeps no note text in storage.local (origins only)', async () => {
    const stored = await ext.evaluate(() =>
      (globalThis as unknown as { chrome: { storage: { local: { get(k: null): Promise<object> } } } }).chrome.storage.local.get(null),
    );
    const json = JSON.stringify(stored);
    expect((stored as Record<string, unknown>).ehrSites).toEqual({ version: 1, origins: [] });
    for (const phrase of ['heart failure', 'pneumonia', 'Potassium', 'COPD', 'Synthetic filler']) expect(json).not.toContain(phrase);
  });

  it('threw nothing into the pages', () => {
    expect(pageErrors).toEqual([]);
  });

  it('made no network request from any extension context; pages only talked to the test server', () => {
    const http = session.requests.filter((r) => /^(https?|wss?):/.test(r.url()));
    const fromExtension = http.filter((r) => {
      if (r.serviceWorker()) return true;
      try {
        return r.frame().url().startsWith('chrome-extension://');
      } catch {
        return true;
      }
    });
    expect(fromExtension.map((r) => r.url())).toEqual([]);
    const elsewhere = http.filter((r) => !r.url().startsWith(`${server.origin}/`) && !r.url().startsWith(`${server.otherOrigin}/`));
    expect(elsewhere.map((r) => r.url())).toEqual([]);
  });
});
