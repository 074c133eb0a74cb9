/**
 * Live updates: a MutationObserver on every document and shadow root the last read came from,
 * debounced. The observer callback does constant work (it only (re)arms a timer), so a page that
 * mutates without end costs one read per `maxWaitMs` at most; after a slow read the wait grows, so
 * reading never takes more than about a fifth of the page's time. Whether the text really changed
 * is decided after the read, by its hash (content.ts): unchanged text is not sent again.
 */

export interface LiveOptions {
  /** Quiet time after the last change before reading (ms). */
  debounceMs?: number;
  /** Longest wait while changes keep coming (ms). */
  maxWaitMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (id: unknown) => void;
  MutationObserver?: typeof MutationObserver;
}

export const LIVE_DEFAULTS = Object.freeze({ debounceMs: 400, maxWaitMs: 2_000 });

/** Attributes that change what is visible (a section expanding, a tab switching). */
export const WATCHED_ATTRIBUTES = ['class', 'style', 'hidden', 'open', 'aria-hidden', 'aria-expanded', 'src'];

export interface LiveWatcher {
  /** Observe these trees (replacing what was observed before). */
  observe(trees: ReadonlyArray<Document | ShadowRoot>): void;
  /** Tell the watcher how long the last read took, to space reads on slow pages. */
  readTook(ms: number): void;
  /** Changes waiting for a read? */
  readonly pending: boolean;
  stop(): void;
}

export function createLiveWatcher(onChange: () => void, options: LiveOptions = {}): LiveWatcher {
  const debounceMs = options.debounceMs ?? LIVE_DEFAULTS.debounceMs;
  let maxWaitMs = options.maxWaitMs ?? LIVE_DEFAULTS.maxWaitMs;
  const baseMaxWait = maxWaitMs;
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>));
  const Observer = options.MutationObserver ?? globalThis.MutationObserver;

  let timer: unknown;
  let firstChangeAt = 0;
  let stopped = false;

  const fire = () => {
    timer = undefined;
    if (stopped) return;
    try {
      onChange();
    } catch {
      // Never throw into the page.
    }
  };

  const changed = () => {
    if (stopped) return;
    const t = now();
    if (timer === undefined) firstChangeAt = t;
    else clearTimer(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstChangeAt + maxWaitMs - t));
    timer = setTimer(fire, wait);
  };

  const observer = Observer ? new Observer(() => changed()) : undefined;
  const onLoad = () => changed();
  let listened: Array<Document | ShadowRoot> = [];

  return {
    observe(trees) {
      if (stopped || !observer) return;
      observer.disconnect();
      for (const t of listened) t.removeEventListener('load', onLoad, true);
      listened = [];
      for (const tree of trees) {
        try {
          observer.observe(tree, {
            subtree: true,
            childList: true,
            characterData: true,
            attributes: true,
            attributeFilter: WATCHED_ATTRIBUTES,
          });
          // A frame that loads a new document fires load on its element (captured on the way down).
          tree.addEventListener('load', onLoad, true);
          listened.push(tree);
        } catch {
          // A tree from a frame that navigated away.
        }
      }
    },
    readTook(ms) {
      maxWaitMs = Math.max(baseMaxWait, Math.round(ms * 4));
    },
    get pending() {
      return timer !== undefined;
    },
    stop() {
      stopped = true;
      observer?.disconnect();
      for (const t of listened) t.removeEventListener('load', onLoad, true);
      listened = [];
      if (timer !== undefined) clearTimer(timer);
      timer = undefined;
    },
  };
}
