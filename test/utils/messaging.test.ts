import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers, isFromOwnExtension, makeSender, parseEvent, parseRequest, requestSchemas } from '../../utils/messaging';

describe('parseRequest', () => {
  it('accepts a well-formed request', () => {
    const r = parseRequest({ type: 'codes/lookup', payload: { system: 'icd10cm', code: 'E11.65', dateOfService: '2026-11-01' } });
    expect(r).toEqual({
      ok: true,
      request: { type: 'codes/lookup', payload: { system: 'icd10cm', code: 'E11.65', dateOfService: '2026-11-01' } },
    });
  });

  it.each([
    ['not an object', 'hello', /Malformed message/],
    ['no type', { payload: {} }, /Malformed message/],
    ['extra envelope keys', { type: 'codesets/status', payload: {}, extra: 1 }, /Malformed message/],
    ['unknown type', { type: 'eval/this', payload: {} }, /Unknown message type "eval\/this"/],
    ['prototype key as type', { type: '__proto__', payload: {} }, /Unknown message type/],
    [
      'a 10,000-character code',
      { type: 'codes/lookup', payload: { system: 'icd10cm', code: 'x'.repeat(10_000), dateOfService: '2026-11-01' } },
      /Invalid payload/,
    ],
    [
      'an unknown system',
      { type: 'codes/lookup', payload: { system: 'snomed', code: 'E11', dateOfService: '2026-11-01' } },
      /Invalid payload/,
    ],
    ['a bad date', { type: 'codes/lookup', payload: { system: 'icd10cm', code: 'E11', dateOfService: 'today' } }, /Invalid payload/],
    ['an extra payload key', { type: 'codesets/status', payload: { note: 'patient text' } }, /Invalid payload/],
  ])('refuses %s', (_, message, error) => {
    const r = parseRequest(message);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });
});

describe('search/query', () => {
  it('cuts a long paste instead of refusing it, and refuses an absurd one', () => {
    const long = parseRequest({ type: 'search/query', payload: { text: 'diabetes '.repeat(5_000), dateOfService: '2026-11-01' } });
    expect(long.ok && (long.request.payload as { text: string }).text.length).toBe(10_000);
    expect(parseRequest({ type: 'search/query', payload: { text: 'x'.repeat(200_000), dateOfService: '2026-11-01' } }).ok).toBe(false);
  });
});

describe('parseEvent', () => {
  it('accepts progress and refuses negative counts', () => {
    expect(parseEvent({ type: 'codesets/progress', payload: { done: 1, total: 2, assetId: 'a' } })?.type).toBe('codesets/progress');
    expect(parseEvent({ type: 'codesets/progress', payload: { done: -1, total: 2, assetId: 'a' } })).toBeUndefined();
    expect(parseEvent({ type: 'codes/lookup', payload: {} })).toBeUndefined();
  });
});

describe('isFromOwnExtension', () => {
  const own = { id: 'abc', origin: 'chrome-extension://abc/' };
  it('accepts the extension’s own pages only', () => {
    expect(isFromOwnExtension({ id: 'abc', url: 'chrome-extension://abc/options.html' }, own.id, own.origin)).toBe(true);
    expect(isFromOwnExtension({ id: 'other', url: 'chrome-extension://other/x.html' }, own.id, own.origin)).toBe(false);
    expect(isFromOwnExtension({ id: 'abc', url: 'https://ehr.example/note' }, own.id, own.origin)).toBe(false);
    expect(isFromOwnExtension({}, own.id, own.origin)).toBe(false);
  });
});

describe('dispatch and makeSender', () => {
  const handlers = {
    'codesets/status': () => ({ state: 'ready', versions: [] }),
    'codesets/reload': () => {
      throw new Error('disk full');
    },
  } as unknown as Handlers;

  it('routes to the handler and wraps thrown errors', async () => {
    expect(await dispatch(handlers, { type: 'codesets/status', payload: {} })).toEqual({
      ok: true,
      data: { state: 'ready', versions: [] },
    });
    expect(await dispatch(handlers, { type: 'codesets/reload', payload: {} })).toEqual({ ok: false, error: 'disk full' });
  });

  it('the sender returns data or throws the background’s message', async () => {
    const send = makeSender((m) => dispatch(handlers, m));
    await expect(send('codesets/status', {})).resolves.toEqual({ state: 'ready', versions: [] });
    await expect(send('codesets/reload', {})).rejects.toThrow('disk full');
    await expect(makeSender(async () => undefined)('codesets/status', {})).rejects.toThrow(/No reply/);
  });
});

describe('makeSender when the background goes away', () => {
  const ready = { ok: true, data: { state: 'ready', versions: [] } };
  const closed = () =>
    Promise.reject(
      new Error(
        'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received',
      ),
    );

  it('asks a read-only request once more when the worker was stopped mid-request', async () => {
    const calls: unknown[] = [];
    const send = makeSender(
      (m) => {
        calls.push(m);
        return calls.length === 1 ? closed() : Promise.resolve(ready);
      },
      { retryDelayMs: 1 },
    );
    await expect(send('codesets/status', {})).resolves.toEqual({ state: 'ready', versions: [] });
    expect(calls).toHaveLength(2);
  });

  it('never repeats a request that writes: the first try may have been carried out', async () => {
    let calls = 0;
    const send = makeSender(
      () => {
        calls++;
        return closed();
      },
      { retryDelayMs: 1 },
    );
    await expect(send('cdi/log-clear', {})).rejects.toThrow(/message channel closed/);
    expect(calls).toBe(1);
  });

  it('an unanswered request fails with a clear message instead of waiting for ever, after one more try', async () => {
    let calls = 0;
    const send = makeSender(
      () => {
        calls++;
        return new Promise(() => undefined);
      },
      { retryDelayMs: 1, timeoutMs: 20 },
    );
    await expect(
      send('search/query', { text: 'E11', system: 'all', billableOnly: false, dateOfService: '2026-11-01', limit: 5 } as never),
    ).rejects.toThrow('The background did not answer "search/query" within 0 s.');
    expect(calls).toBe(2);
  });

  it('a background error is not retried', async () => {
    let calls = 0;
    const send = makeSender(async () => {
      calls++;
      return { ok: false, error: 'bad date' };
    });
    await expect(send('codes/lookup', { system: 'icd10cm', code: 'E11', dateOfService: '2026-11-01' })).rejects.toThrow('bad date');
    expect(calls).toBe(1);
  });
});

describe('structure', () => {
  it('every request type has exactly one background handler', async () => {
    const { makeHandlers } = await import('../../utils/background-handlers');
    const { createEhrService } = await import('../../utils/ehr-sites/service');
    const handlerTypes = Object.keys(
      makeHandlers({
        codesets: {} as never,
        search: {} as never,
        analysis: {} as never,
        cdi: {} as never,
        ehr: createEhrService({} as never),
      }),
    ).sort();
    expect(handlerTypes).toEqual(Object.keys(requestSchemas).sort());
  });
});
