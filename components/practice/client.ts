/**
 * What the practice page needs from the engine, as an interface (STYLE.md, convention 6): the model
 * only sees a `PracticeClient`; the extension backs it with the typed protocol ('analysis/text',
 * 'analysis/tab', 'ehr/snapshots'), tests with a mock. Searching and looking codes up go through the
 * side panel's `SearchClient`, which the page reuses as is. Nothing here touches `browser` at import.
 */
import type { Setting, Suggestion } from '../../utils/coding/types';
import { type EhrSnapshotRecord, makeSender } from '../../utils/messaging';
import { isLoadingReply } from '../sidepanel/client';

export interface EngineSettings {
  setting: Setting;
  dateOfService: string;
}

/** The engine's suggestions for the note of the current tab, or why there are none. */
export type PageAnalysis =
  | {
      ok: true;
      suggestions: Suggestion[];
      /** Where the note came from: the origin only (a tab title can name the patient). */
      source: { origin: string };
    }
  | { ok: false; reason: string };

export interface PracticeClient {
  /** The engine's suggestions for a text; undefined when the engine cannot answer (not wired, no code set). */
  engineSuggestions(text: string, settings: EngineSettings): Promise<Suggestion[] | undefined>;
  /** The engine's suggestions for the note read from the current EHR tab. */
  currentTabSuggestions(settings: EngineSettings): Promise<PageAnalysis>;
}

export const PRACTICE_CLIENT_DEFAULTS = Object.freeze({
  /** How long to wait for the background to finish loading code sets before giving up. */
  maxWaitMs: 60_000,
  pollMs: 500,
});

export const practiceClientMessages = {
  noNote: 'No note has been read from an EHR tab yet. Enable the site and read the note from the side panel first.',
  stillLoading: 'the code sets are still loading; try again in a moment.',
  noAnswer: 'the background gave no answer.',
} as const;

export interface ExtensionPracticeClientDeps {
  /** `browser.runtime.sendMessage`. */
  sendMessage: (message: unknown) => Promise<unknown>;
  /**
   * The tab whose note to compare. Left out on the practice page (it is itself the active tab):
   * the tab whose note the reader delivered last is used.
   */
  currentTabId?: () => Promise<number | undefined>;
  sleep?: (ms: number) => Promise<void>;
  maxWaitMs?: number;
  pollMs?: number;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The tab the reader delivered a note from most recently. */
export function latestReadTab(records: readonly EhrSnapshotRecord[]): number | undefined {
  let best: EhrSnapshotRecord | undefined;
  for (const r of records) if (r.snapshot.text.trim() && (!best || r.receivedAt > best.receivedAt)) best = r;
  return best?.tabId;
}

export function createExtensionPracticeClient(deps: ExtensionPracticeClientDeps): PracticeClient {
  const send = makeSender(deps.sendMessage);
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxWaitMs = deps.maxWaitMs ?? PRACTICE_CLIENT_DEFAULTS.maxWaitMs;
  const pollMs = deps.pollMs ?? PRACTICE_CLIENT_DEFAULTS.pollMs;

  /** Ask again while the background answers "loading code sets"; undefined when it never finishes. */
  async function untilLoaded<T>(ask: () => Promise<T>): Promise<Exclude<T, { loading: true }> | undefined> {
    for (let waited = 0; ; waited += pollMs) {
      const reply = await ask();
      if (!isLoadingReply(reply)) return reply as Exclude<T, { loading: true }>;
      if (waited >= maxWaitMs) return undefined;
      await sleep(pollMs);
    }
  }

  return {
    async engineSuggestions(text, settings) {
      try {
        const result = await untilLoaded(() =>
          send('analysis/text', { text, setting: settings.setting, dateOfService: settings.dateOfService }),
        );
        return result && Array.isArray(result.suggestions) ? result.suggestions : undefined;
      } catch {
        // Not wired, or the engine failed: the page says "unavailable" and the score stands on its own.
        return undefined;
      }
    },

    async currentTabSuggestions(settings) {
      try {
        const tabId = (await deps.currentTabId?.()) ?? latestReadTab(await send('ehr/snapshots', {}));
        if (tabId === undefined) return { ok: false, reason: practiceClientMessages.noNote };
        const reply = await untilLoaded(() =>
          send('analysis/tab', { tabId, setting: settings.setting, dateOfService: settings.dateOfService }),
        );
        if (!reply) return { ok: false, reason: practiceClientMessages.stillLoading };
        if ('empty' in reply) return { ok: false, reason: reply.reason };
        if (!reply.result || !Array.isArray(reply.result.suggestions)) return { ok: false, reason: practiceClientMessages.noAnswer };
        return { ok: true, suggestions: reply.result.suggestions, source: { origin: reply.source.origin } };
      } catch (err) {
        return { ok: false, reason: errorText(err) };
      }
    },
  };
}
