import { describe, expect, it, vi } from 'vitest';
import {
  attemptsOf,
  createMemoryProgressStore,
  createStorageProgressStore,
  PROGRESS_STORAGE_KEY,
  type StorageAreaLike,
} from '../../../components/practice/storage';
import { type Attempt, parseAttempts } from '../../../utils/practice/progress';

const ATTEMPT: Attempt = {
  caseId: 'end-01-type2-hyperglycemia',
  chapters: ['endocrine', 'factors'],
  setting: 'outpatient',
  difficulty: 'beginner',
  at: '2026-11-22T10:30:00.000Z',
  score: 100,
  exact: 2,
  category: 0,
  missing: 0,
  extra: 0,
  codes: ['E11.65', 'Z79.84'],
};

describe('createStorageProgressStore', () => {
  it('writes the attempts under one key with a version, and reads them back', async () => {
    const store = createMemoryProgressStore();
    await store.save([ATTEMPT]);
    expect(store.data[PROGRESS_STORAGE_KEY]).toEqual({ version: 1, attempts: [ATTEMPT] });
    expect(parseAttempts(await store.load()).attempts).toEqual([ATTEMPT]);
  });

  it('stores only the attempt’s own fields (never a note that came along)', async () => {
    const store = createMemoryProgressStore();
    await store.save([{ ...ATTEMPT, note: 'Synthetic note text', report: { summary: 'x' } } as Attempt]);
    expect(JSON.stringify(store.data)).not.toContain('Synthetic note text');
    expect(Object.keys((store.data[PROGRESS_STORAGE_KEY] as { attempts: object[] }).attempts[0] ?? {})).toEqual(Object.keys(ATTEMPT));
  });

  it('reads nothing as no attempts, and clears the key', async () => {
    const store = createMemoryProgressStore();
    expect(await store.load()).toEqual([]);
    await store.save([ATTEMPT]);
    await store.clear();
    expect(store.data).toEqual({});
  });

  it('uses the storage area it is given (browser.storage.local in the extension)', async () => {
    const area: StorageAreaLike = { get: vi.fn(async () => ({})), set: vi.fn(async () => {}), remove: vi.fn(async () => {}) };
    const store = createStorageProgressStore(area);
    await store.load();
    await store.save([ATTEMPT]);
    await store.clear();
    expect(area.get).toHaveBeenCalledWith(PROGRESS_STORAGE_KEY);
    expect(area.set).toHaveBeenCalledWith({ [PROGRESS_STORAGE_KEY]: { version: 1, attempts: [ATTEMPT] } });
    expect(area.remove).toHaveBeenCalledWith(PROGRESS_STORAGE_KEY);
  });
});

describe('attemptsOf', () => {
  it('accepts the versioned value, a bare list, or anything else as empty', () => {
    expect(attemptsOf({ version: 1, attempts: [ATTEMPT] })).toEqual([ATTEMPT]);
    expect(attemptsOf([ATTEMPT])).toEqual([ATTEMPT]);
    expect(attemptsOf('garbage')).toEqual([]);
    expect(attemptsOf(undefined)).toEqual([]);
  });
});
