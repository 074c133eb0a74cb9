import { describe, expect, it } from 'vitest';
import { createExtensionClients } from '../../../components/sidepanel/extension-analysis-client';
import { parseRequest } from '../../../utils/messaging';

const VIEW = { items: [], indicatorCount: 3 };
const RESULT = { suggestions: [], mentions: [], sections: [], analysedLength: 10, warnings: [], tookMs: 1 };
const SETTINGS = { setting: 'inpatient' as const, dateOfService: '2026-11-01' };

/** A fake background: validates every request like the real one, records it, and answers. */
function fakeBackground({ activeTab = 7 as number | null, snapshotTabs = [7] } = {}) {
  const sent: Array<{ type: string; payload: Record<string, unknown> }> = [];
  const answers: Record<string, (payload: Record<string, unknown>) => unknown> = {
    'ehr/snapshots': () => snapshotTabs.map((tabId) => ({ tabId, frameId: 0, receivedAt: 1, snapshot: {} })),
    'analysis/tab': (p) => ({ result: RESULT, source: { kind: 'page', tabId: p.tabId, frameId: 0, title: 'Note', origin: 'https://ehr.example.test', hash: 'h1' } }),
    'analysis/text': () => RESULT,
    'cdi/tab': (p) => ({ view: VIEW, source: { kind: 'page', tabId: p.tabId, title: 'Note', origin: 'https://ehr.example.test', hash: 'h1' } }),
    'cdi/text': () => VIEW,
    'cdi/lint': () => ({ ok: true, errors: [], warnings: [], kind: 'multiple-choice', indicatorCount: 1, optionCount: 3 }),
    'cdi/log': () => ({ enabled: false, entries: [] }),
  };
  const clients = createExtensionClients({
    sendMessage: async (message) => {
      const parsed = parseRequest(message);
      if (!parsed.ok) return { ok: false, error: parsed.error };
      const payload = parsed.request.payload as Record<string, unknown>;
      sent.push({ type: parsed.request.type, payload });
      const answer = answers[parsed.request.type];
      return answer ? { ok: true, data: answer(payload) } : { ok: false, error: `no fake for ${parsed.request.type}` };
    },
    addMessageListener: () => () => undefined,
    activeTabId: async () => activeTab ?? undefined,
    writeClipboard: async () => undefined,
  });
  return { ...clients, sent };
}

describe('the extension CDI client', () => {
  it('reviews the page note of the active tab and lints against that tab', async () => {
    const { cdi, sent } = fakeBackground();
    const reply = await cdi.current(SETTINGS);
    expect(reply).toMatchObject({ view: VIEW, source: { kind: 'page', title: 'Note', origin: 'https://ehr.example.test' } });
    await cdi.lint('Question: ?');
    expect(sent.filter((s) => s.type.startsWith('cdi/'))).toEqual([
      { type: 'cdi/tab', payload: { tabId: 7, ...SETTINGS } },
      { type: 'cdi/lint', payload: { query: 'Question: ?', tabId: 7 } },
    ]);
  });

  it('follows the Suggestions tab to pasted text: reviews and lints that text, kept in memory only', async () => {
    const { analysis, cdi, sent } = fakeBackground();
    await analysis.analyzeText('Cr 2.1 (baseline 0.9).', SETTINGS);
    const reply = await cdi.current(SETTINGS);
    expect(reply).toMatchObject({ view: VIEW, source: { kind: 'paste' } });
    await cdi.lint('Q?');
    const cdiCalls = sent.filter((s) => s.type.startsWith('cdi/'));
    expect(cdiCalls).toEqual([
      { type: 'cdi/text', payload: { text: 'Cr 2.1 (baseline 0.9).', ...SETTINGS } },
      { type: 'cdi/lint', payload: { query: 'Q?', text: 'Cr 2.1 (baseline 0.9).' } },
    ]);
  });

  it('says there is no tab to read when none is active and no note arrived; else takes the latest note', async () => {
    const { cdi, sent } = fakeBackground({ activeTab: null, snapshotTabs: [] });
    expect(await cdi.current(SETTINGS)).toMatchObject({ empty: true, reason: expect.stringContaining('No tab to read') });
    expect(sent.some((s) => s.type === 'cdi/tab')).toBe(false);
    // With no active tab, the tab whose note arrived last is reviewed.
    const other = fakeBackground({ activeTab: null, snapshotTabs: [9] });
    await other.cdi.current(SETTINGS);
    expect(other.sent.find((s) => s.type === 'cdi/tab')?.payload.tabId).toBe(9);
  });

  it('passes the background’s refusal on as an error (an oversized query is refused, not linted)', async () => {
    const { cdi } = fakeBackground();
    await expect(cdi.lint('x'.repeat(20_001))).rejects.toThrow('Invalid payload for "cdi/lint"');
  });
});

describe('the extension analysis client’s updates', () => {
  it('re-reads when the page’s note changed, the active tab changed, or the enabled sites changed', () => {
    const fire: Record<string, () => void> = {};
    const subscribe = (name: string) => (listener: () => void) => {
      fire[name] = listener;
      return () => {
        delete fire[name];
      };
    };
    const { analysis } = createExtensionClients({
      sendMessage: async () => ({ ok: false, error: 'unused' }),
      addMessageListener: (listener) => {
        fire.message = () => listener({ type: 'ehr/changed', payload: { tabId: 1, frameId: 0, hash: 'a1', adapter: 'generic', mode: 'page', length: 3, truncated: false, origin: 'https://ehr.example.test' } });
        return () => {
          delete fire.message;
        };
      },
      activeTabId: async () => 1,
      onTabActivated: subscribe('tab'),
      onSitesChanged: subscribe('sites'),
      writeClipboard: async () => undefined,
    });
    let updates = 0;
    const off = analysis.onUpdated(() => updates++);
    fire.sites?.();
    fire.tab?.();
    fire.message?.();
    expect(updates).toBe(3);
    off();
    expect(Object.keys(fire)).toEqual([]);
  });
});
