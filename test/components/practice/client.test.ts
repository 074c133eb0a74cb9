import { describe, expect, it, vi } from 'vitest';
import { createExtensionPracticeClient, latestReadTab, practiceClientMessages } from '../../../components/practice/client';
import type { EhrSnapshotRecord } from '../../../utils/messaging';
import { ENGINE_SUGGESTIONS } from '../../helpers/practice-fakes';

const RESULT = { suggestions: ENGINE_SUGGESTIONS, mentions: [], sections: [], analysedLength: 10, warnings: [], tookMs: 1 };
const LOADING = { loading: true, status: { state: 'loading', versions: [] } };
const SETTINGS = { setting: 'outpatient' as const, dateOfService: '2026-10-07' };

const record = (tabId: number, receivedAt: number, text = 'Note.'): EhrSnapshotRecord => ({
  tabId,
  frameId: 0,
  receivedAt,
  snapshot: {
    origin: 'https://ehr.example.test',
    title: 'Chart',
    text,
    blocks: [],
    adapter: 'generic',
    mode: 'page',
    hash: 'abc',
    truncated: false,
  },
});

/** A background that answers by message type. */
function background(answers: Record<string, unknown[] | ((payload: unknown) => unknown)>) {
  return vi.fn(async (message: unknown) => {
    const { type, payload } = message as { type: string; payload: unknown };
    const answer = answers[type];
    if (!answer) return { ok: false, error: `Unknown message type "${type}".` };
    const data = typeof answer === 'function' ? answer(payload) : answer.length > 1 ? answer.shift() : answer[0];
    return { ok: true, data };
  });
}

const sleep = vi.fn(async () => {});

describe('engineSuggestions', () => {
  it('sends analysis/text with the note and settings and returns the suggestions', async () => {
    const sendMessage = background({ 'analysis/text': [RESULT] });
    const client = createExtensionPracticeClient({ sendMessage, sleep });
    expect(await client.engineSuggestions('Note.', SETTINGS)).toEqual(ENGINE_SUGGESTIONS);
    expect(sendMessage).toHaveBeenCalledWith({ type: 'analysis/text', payload: { text: 'Note.', ...SETTINGS } });
  });

  it('waits while the code sets load', async () => {
    const sendMessage = background({ 'analysis/text': [LOADING, LOADING, RESULT] });
    const client = createExtensionPracticeClient({ sendMessage, sleep, pollMs: 10 });
    expect(await client.engineSuggestions('Note.', SETTINGS)).toEqual(ENGINE_SUGGESTIONS);
    expect(sendMessage).toHaveBeenCalledTimes(3);
  });

  it('is undefined when the background does not answer the message (not wired) or never finishes loading', async () => {
    expect(
      await createExtensionPracticeClient({ sendMessage: background({}), sleep }).engineSuggestions('Note.', SETTINGS),
    ).toBeUndefined();
    const stuck = createExtensionPracticeClient({
      sendMessage: background({ 'analysis/text': [LOADING] }),
      sleep,
      pollMs: 10,
      maxWaitMs: 30,
    });
    expect(await stuck.engineSuggestions('Note.', SETTINGS)).toBeUndefined();
    expect(
      await createExtensionPracticeClient({ sendMessage: async () => undefined, sleep }).engineSuggestions('Note.', SETTINGS),
    ).toBeUndefined();
  });
});

describe('currentTabSuggestions', () => {
  it('analyses the tab whose note was read last, and gives its origin only', async () => {
    const sendMessage = background({
      'ehr/snapshots': [[record(3, 100), record(7, 300), record(9, 500, '   ')]],
      'analysis/tab': (payload) => ({
        result: RESULT,
        source: {
          kind: 'page',
          tabId: (payload as { tabId: number }).tabId,
          frameId: 0,
          title: 'Doe, Jane',
          origin: 'https://ehr.example.test',
          hash: 'abc',
        },
      }),
    });
    const reply = await createExtensionPracticeClient({ sendMessage, sleep }).currentTabSuggestions(SETTINGS);
    expect(reply).toEqual({ ok: true, suggestions: ENGINE_SUGGESTIONS, source: { origin: 'https://ehr.example.test' } });
    expect(sendMessage).toHaveBeenCalledWith({ type: 'analysis/tab', payload: { tabId: 7, ...SETTINGS } });
  });

  it('uses the current tab when the page knows it (in the side panel)', async () => {
    const sendMessage = background({ 'analysis/tab': [{ empty: true, reason: 'No note has been read from this tab.' }] });
    const client = createExtensionPracticeClient({ sendMessage, sleep, currentTabId: async () => 12 });
    expect(await client.currentTabSuggestions(SETTINGS)).toEqual({ ok: false, reason: 'No note has been read from this tab.' });
    expect(sendMessage).toHaveBeenCalledWith({ type: 'analysis/tab', payload: { tabId: 12, ...SETTINGS } });
  });

  it('explains when no note was read, or the background fails', async () => {
    const none = createExtensionPracticeClient({ sendMessage: background({ 'ehr/snapshots': [[]] }), sleep });
    expect(await none.currentTabSuggestions(SETTINGS)).toEqual({ ok: false, reason: practiceClientMessages.noNote });
    const failing = createExtensionPracticeClient({ sendMessage: background({}), sleep });
    expect(await failing.currentTabSuggestions(SETTINGS)).toEqual({ ok: false, reason: 'Unknown message type "ehr/snapshots".' });
  });
});

describe('latestReadTab', () => {
  it('skips empty snapshots', () => {
    expect(latestReadTab([record(1, 5), record(2, 9, '')])).toBe(1);
    expect(latestReadTab([])).toBeUndefined();
  });
});
