import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ContentDeps, coveredByParent, startReader } from '../../../utils/ehr-sites/content';
import { HIGHLIGHT_NAME } from '../../../utils/ehr-sites/highlight';
import { SITES_STORAGE_KEY } from '../../../utils/ehr-sites/sites';
import type { EhrSnapshot } from '../../../utils/messaging';
import { FIXTURE_ORIGIN, htmlDocument, loadFixture } from '../../helpers/ehr-dom';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

type Listener = Parameters<ContentDeps['runtime']['onMessage']['addListener']>[0];
type StorageListener = Parameters<ContentDeps['storage']['onChanged']['addListener']>[0];

/** A page with the Custom Highlight API shimmed (happy-dom has none) and fake extension APIs. */
function setup(html: string, origins: string[] = [FIXTURE_ORIGIN], reply: unknown = { ok: true, data: { accepted: true, changed: true } }) {
  const page = htmlDocument(html);
  open.push(page);
  const win = page.window as unknown as Record<string, unknown> & { CSS?: Record<string, unknown> };
  class FakeHighlight {
    ranges: Range[];
    constructor(...ranges: Range[]) {
      this.ranges = ranges;
    }
  }
  Object.defineProperty(win, 'CSS', { value: { highlights: new Map() }, configurable: true });
  Object.defineProperty(win, 'Highlight', { value: FakeHighlight, configurable: true });
  const listeners = new Set<Listener>();
  const storageListeners = new Set<StorageListener>();
  const sent: EhrSnapshot[] = [];
  const timers: Array<() => void> = [];
  const deps: ContentDeps = {
    window: page.window,
    document: page.document,
    runtime: {
      id: 'own',
      sendMessage: vi.fn(async (message: unknown) => {
        sent.push((message as { payload: EhrSnapshot }).payload);
        return reply;
      }),
      onMessage: { addListener: (fn) => listeners.add(fn), removeListener: (fn) => listeners.delete(fn) },
    },
    storage: {
      local: { get: async () => ({ [SITES_STORAGE_KEY]: { version: 1, origins } }) },
      onChanged: { addListener: (fn) => storageListeners.add(fn), removeListener: (fn) => storageListeners.delete(fn) },
    },
    read: { layout: false },
    live: {
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => {},
      MutationObserver: (page.window as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver,
    },
  };
  const ask = (message: unknown, sender: { id?: string; tab?: unknown } = { id: 'own' }) =>
    new Promise<unknown>((resolve) => {
      let answered = false;
      for (const l of listeners) {
        const async = l(message, sender, (r) => {
          answered = true;
          resolve(r);
        });
        if (!async && !answered) resolve('no answer');
      }
      if (listeners.size === 0) resolve('no listener');
    });
  const flushTimers = () => {
    for (const t of timers.splice(0)) t();
  };
  return { page, deps, sent, listeners, storageListeners, ask, flushTimers, win };
}

const settle = () => new Promise((r) => setTimeout(r, 20));

describe('startReader', () => {
  it('does nothing on an origin the user did not enable', async () => {
    const t = setup('<main><p>Note</p></main>', ['https://other.example']);
    expect(await startReader(t.deps)).toBeUndefined();
    expect(t.deps.runtime.sendMessage).not.toHaveBeenCalled();
    expect(t.listeners.size).toBe(0);
  });

  it('reads an enabled page and sends one validated snapshot', async () => {
    const t = setup('<main><h1>Discharge Summary</h1><p>Acute kidney injury.</p></main>');
    const reader = await startReader(t.deps);
    await settle();
    expect(reader).toBeDefined();
    expect(t.sent).toHaveLength(1);
    expect(t.sent[0]).toMatchObject({
      origin: FIXTURE_ORIGIN,
      adapter: 'generic',
      mode: 'page',
      text: 'Discharge Summary\nAcute kidney injury.',
      truncated: false,
    });
    expect(t.sent[0]?.blocks).toEqual([
      { start: 0, end: 17 },
      { start: 18, end: 38 },
    ]);
  });

  it('does not send unchanged text again, and sends changed text after the debounce', async () => {
    const t = setup('<main><p id="p">First.</p></main>');
    const reader = await startReader(t.deps);
    await settle();
    await reader?.readPage();
    expect(t.sent).toHaveLength(1);
    (t.page.document.getElementById('p') as Element).className = 'no-visible-change';
    await settle();
    t.flushTimers();
    await settle();
    expect(t.sent).toHaveLength(1);
    (t.page.document.getElementById('p') as Element).textContent = 'Second.';
    await settle();
    t.flushTimers();
    await settle();
    expect(t.sent.map((s) => s.text)).toEqual(['First.', 'Second.']);
  });

  it('stops when the origin is disabled (the stored list changes)', async () => {
    const t = setup('<main><p id="p">First.</p></main>');
    const reader = await startReader(t.deps);
    await settle();
    for (const l of t.storageListeners) l({ [SITES_STORAGE_KEY]: { newValue: { version: 1, origins: [] } } }, 'local');
    expect(reader?.isStopped).toBe(true);
    expect(t.listeners.size).toBe(0);
    (t.page.document.getElementById('p') as Element).textContent = 'Second.';
    await settle();
    t.flushTimers();
    await settle();
    expect(t.sent).toHaveLength(1);
  });

  it('stops when the background refuses its snapshot', async () => {
    const t = setup('<main><p>Note</p></main>', [FIXTURE_ORIGIN], { ok: true, data: { accepted: false, changed: false } });
    const reader = await startReader(t.deps);
    await settle();
    expect(reader?.isStopped).toBe(true);
  });
});

describe('messages from the extension', () => {
  it('highlights spans of the snapshot it sent', async () => {
    const t = setup('<main><p>He has <b>acute kidney</b> injury today.</p></main>');
    await startReader(t.deps);
    await settle();
    const snap = t.sent[0] as EhrSnapshot;
    const start = snap.text.indexOf('acute kidney injury');
    const reply = await t.ask({ type: 'ehr/highlight', payload: { hash: snap.hash, spans: [{ start, end: start + 19 }], scroll: false } });
    expect(reply).toEqual({ ok: true, data: { highlighted: 1, stale: false } });
    const highlight = (t.win.CSS as { highlights: Map<string, { ranges: Range[] }> }).highlights.get(HIGHLIGHT_NAME);
    expect(highlight?.ranges.map((r) => r.toString())).toEqual(['acute kidney injury']);
  });

  it('reports spans of an unknown or changed snapshot as stale instead of guessing', async () => {
    const t = setup('<main><p id="p">Acute kidney injury.</p></main>');
    await startReader(t.deps);
    await settle();
    const snap = t.sent[0] as EhrSnapshot;
    expect(await t.ask({ type: 'ehr/highlight', payload: { hash: 'abc', spans: [{ start: 0, end: 5 }] } })).toEqual({
      ok: true,
      data: { highlighted: 0, stale: true },
    });
    (t.page.document.getElementById('p') as Element).firstChild?.replaceWith(t.page.document.createTextNode('Chronic kidney disease.'));
    expect(await t.ask({ type: 'ehr/highlight', payload: { hash: snap.hash, spans: [{ start: 0, end: 5 }] } })).toEqual({
      ok: true,
      data: { highlighted: 0, stale: true },
    });
  });

  it('clears the highlight when asked with no spans', async () => {
    const t = setup('<main><p>Acute kidney injury.</p></main>');
    await startReader(t.deps);
    await settle();
    const snap = t.sent[0] as EhrSnapshot;
    await t.ask({ type: 'ehr/highlight', payload: { hash: snap.hash, spans: [{ start: 0, end: 5 }], scroll: false } });
    await t.ask({ type: 'ehr/highlight', payload: { hash: snap.hash, spans: [] } });
    expect((t.win.CSS as { highlights: Map<string, unknown> }).highlights.has(HIGHLIGHT_NAME)).toBe(false);
  });

  it('reads the selection on request', async () => {
    const t = setup('<main><p id="a">Before.</p><p id="b">Type 2 diabetes mellitus with hyperglycemia.</p></main>');
    await startReader(t.deps);
    await settle();
    const text = t.page.document.getElementById('b')?.firstChild as Text;
    const range = t.page.document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, 24);
    t.page.window.getSelection()?.addRange(range);
    const reply = (await t.ask({ type: 'ehr/read', payload: { mode: 'selection' } })) as { ok: true; data: { snapshot: EhrSnapshot } };
    expect(reply.data.snapshot).toMatchObject({ mode: 'selection', text: 'Type 2 diabetes mellitus' });
  });

  it('answers a page read with the current snapshot', async () => {
    const t = setup('<main><p>Note.</p></main>');
    await startReader(t.deps);
    await settle();
    const reply = (await t.ask({ type: 'ehr/read', payload: { mode: 'page' } })) as { ok: true; data: { snapshot: EhrSnapshot } };
    expect(reply.data.snapshot.text).toBe('Note.');
  });

  it('refuses malformed messages and ignores other senders', async () => {
    const t = setup('<main><p>Note.</p></main>');
    await startReader(t.deps);
    await settle();
    expect(await t.ask({ type: 'ehr/highlight', payload: { hash: 'zz', spans: 'all' } })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Invalid payload/),
    });
    expect(await t.ask({ type: 'ehr/eval', payload: {} })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Unknown message type/),
    });
    expect(await t.ask({ type: 'ehr/read', payload: { mode: 'page' } }, { id: 'another-extension' })).toBe('no answer');
    expect(await t.ask({ type: 'ehr/read', payload: { mode: 'page' } }, { id: 'own', tab: { id: 3 } })).toBe('no answer');
  });
});

describe('frames', () => {
  it('a frame under a same-origin parent stays quiet; the top frame and a frame under a cross-origin parent read', async () => {
    const page = await loadFixture('epic/index.html');
    open.push(page);
    const frame = page.document.querySelector('iframe') as HTMLIFrameElement;
    expect(coveredByParent(page.window)).toBe(false);
    expect(coveredByParent(frame.contentWindow as Window)).toBe(true);
    const underForeignParent = {
      location: { origin: FIXTURE_ORIGIN },
      get parent(): never {
        return {
          get location(): never {
            throw new DOMException('Blocked a frame from accessing a cross-origin frame.', 'SecurityError');
          },
        } as never;
      },
    } as unknown as Window;
    expect(coveredByParent(underForeignParent)).toBe(false);
  });
});
