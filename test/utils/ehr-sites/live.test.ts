import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLiveWatcher } from '../../../utils/ehr-sites/live';
import { htmlDocument } from '../../helpers/ehr-dom';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

/** A manual clock and timer queue. */
function clock() {
  let now = 0;
  let timers: Array<{ at: number; fn: () => void; id: number }> = [];
  let next = 1;
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimer: (id: unknown) => {
      timers = timers.filter((t) => t.id !== id);
    },
    advance(ms: number) {
      const end = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        now = due.at;
        timers = timers.filter((t) => t !== due);
        due.fn();
      }
      now = end;
    },
  };
}

/** A MutationObserver stand-in whose callback the test fires by hand. */
function manualObserver() {
  const observers: Array<() => void> = [];
  class Observer {
    constructor(private readonly cb: () => void) {
      observers.push(() => this.cb());
    }
    observe() {}
    disconnect() {}
  }
  return {
    Observer: Observer as unknown as typeof MutationObserver,
    mutate: () => {
      for (const o of observers) o();
    },
  };
}

describe('createLiveWatcher', () => {
  it('reads once after changes settle (debounce)', () => {
    const c = clock();
    const m = manualObserver();
    const onChange = vi.fn();
    createLiveWatcher(onChange, { debounceMs: 400, maxWaitMs: 2_000, ...c, MutationObserver: m.Observer });
    m.mutate();
    c.advance(300);
    m.mutate();
    c.advance(300);
    expect(onChange).not.toHaveBeenCalled();
    c.advance(100);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('under endless changes reads at most once per maxWait', () => {
    const c = clock();
    const m = manualObserver();
    const onChange = vi.fn();
    createLiveWatcher(onChange, { debounceMs: 400, maxWaitMs: 2_000, ...c, MutationObserver: m.Observer });
    for (let t = 0; t < 10_000; t += 25) {
      m.mutate();
      c.advance(25);
    }
    expect(onChange.mock.calls.length).toBeGreaterThanOrEqual(4);
    expect(onChange.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('spaces reads further apart after a slow read', () => {
    const c = clock();
    const m = manualObserver();
    const onChange = vi.fn();
    const w = createLiveWatcher(onChange, { debounceMs: 400, maxWaitMs: 2_000, ...c, MutationObserver: m.Observer });
    w.readTook(1_500);
    for (let t = 0; t < 12_000; t += 25) {
      m.mutate();
      c.advance(25);
    }
    expect(onChange.mock.calls.length).toBe(2);
  });

  it('does nothing after stop, and a throwing callback does not escape', () => {
    const c = clock();
    const m = manualObserver();
    const onChange = vi.fn(() => {
      throw new Error('boom');
    });
    const w = createLiveWatcher(onChange, { ...c, MutationObserver: m.Observer });
    m.mutate();
    expect(() => c.advance(5_000)).not.toThrow();
    expect(onChange).toHaveBeenCalledTimes(1);
    w.stop();
    m.mutate();
    c.advance(5_000);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('observes real DOM changes in the trees it is given', async () => {
    const page = htmlDocument('<main><p id="p">One</p></main>');
    open.push(page);
    const c = clock();
    const onChange = vi.fn();
    const w = createLiveWatcher(onChange, {
      ...c,
      MutationObserver: (page.window as unknown as { MutationObserver: typeof MutationObserver }).MutationObserver,
    });
    w.observe([page.document]);
    (page.document.getElementById('p') as Element).textContent = 'Two';
    await new Promise((r) => setTimeout(r, 10));
    expect(w.pending).toBe(true);
    c.advance(1_000);
    expect(onChange).toHaveBeenCalledTimes(1);
  });
});
