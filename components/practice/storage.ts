/**
 * Where practice progress is kept: `browser.storage.local` in the extension, memory in tests, behind
 * one small interface. Only attempts are stored (case id, chapters, setting, difficulty, time, score
 * and the codes given); never the note, never anything read from a page (DESIGN.md §1, §9).
 */
import type { Attempt } from '../../utils/practice/progress';

export interface ProgressStore {
  /** The stored attempts as found (validated by `parseAttempts`, so an older or edited value cannot break the page). */
  load(): Promise<unknown>;
  save(attempts: readonly Attempt[]): Promise<void>;
  clear(): Promise<void>;
}

/** The part of `browser.storage.local` the store uses. */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

export const PROGRESS_STORAGE_KEY = 'practice.progress';
/** Bumped when the stored shape changes; `parseAttempts` drops rows it cannot read. */
export const PROGRESS_STORAGE_VERSION = 1;

/** Exactly the attempt's own fields, whatever else an object carries. */
export function storedAttempt(a: Attempt): Attempt {
  return {
    caseId: a.caseId,
    chapters: [...a.chapters],
    setting: a.setting,
    difficulty: a.difficulty,
    at: a.at,
    score: a.score,
    exact: a.exact,
    category: a.category,
    missing: a.missing,
    extra: a.extra,
    codes: [...a.codes],
  };
}

/** The attempts inside a stored value: `{ version, attempts }`, or a bare list. */
export function attemptsOf(stored: unknown): unknown {
  if (Array.isArray(stored)) return stored;
  if (stored && typeof stored === 'object') return (stored as { attempts?: unknown }).attempts ?? [];
  return [];
}

export function createStorageProgressStore(area: StorageAreaLike, key: string = PROGRESS_STORAGE_KEY): ProgressStore {
  return {
    async load() {
      const items = await area.get(key);
      return attemptsOf(items?.[key]);
    },
    async save(attempts) {
      await area.set({ [key]: { version: PROGRESS_STORAGE_VERSION, attempts: attempts.map(storedAttempt) } });
    },
    async clear() {
      await area.remove(key);
    },
  };
}

/** A store in memory, for tests and for a page without storage. `data` is what `storage.local` would hold. */
export function createMemoryProgressStore(initial?: unknown): ProgressStore & { readonly data: Record<string, unknown> } {
  const data: Record<string, unknown> = initial === undefined ? {} : { [PROGRESS_STORAGE_KEY]: initial };
  const area: StorageAreaLike = {
    get: async (k) => (k in data ? { [k]: structuredClone(data[k]) } : {}),
    set: async (items) => {
      for (const [k, value] of Object.entries(items)) data[k] = structuredClone(value);
    },
    remove: async (k) => {
      delete data[k];
    },
  };
  return Object.assign(createStorageProgressStore(area), { data });
}
