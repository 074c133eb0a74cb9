/** The 'ehr/*' additions to utils/messaging.ts: every direction validated, sizes capped. */
import { describe, expect, it } from 'vitest';
import { hashText, snapshotHash } from '../../../utils/ehr-sites/hash';
import { EHR_TEXT_MAX, parseContentRequest, parseEvent, parseReadReply, parseRequest, parseTabRequest } from '../../../utils/messaging';

const snap = (over: Record<string, unknown> = {}) => ({
  origin: 'https://ehr.example.org',
  title: 'Note',
  text: 'Acute kidney injury.',
  blocks: [{ start: 0, end: 20 }],
  adapter: 'epic',
  mode: 'page',
  hash: 'a1b2c3',
  truncated: false,
  ...over,
});

describe('ehr/snapshot (content script → background)', () => {
  it('accepts a well-formed snapshot', () => {
    expect(parseContentRequest({ type: 'ehr/snapshot', payload: snap() }).ok).toBe(true);
  });

  it.each([
    ['text over the cap', snap({ text: 'x'.repeat(EHR_TEXT_MAX + 1), blocks: [] })],
    ['a block past the end of the text', snap({ blocks: [{ start: 0, end: 21 }] })],
    ['a block that ends before it starts', snap({ blocks: [{ start: 5, end: 2 }] })],
    ['an origin with a path (URLs can carry patient ids)', snap({ origin: 'https://ehr.example.org/patient/123' })],
    ['an unknown adapter', snap({ adapter: 'allscripts' })],
    ['an extra key', snap({ html: '<p>' })],
    ['a title over 500 characters', snap({ title: 't'.repeat(501) })],
    ['a bad hash', snap({ hash: 'not hex!' })],
  ])('refuses %s', (_, payload) => {
    expect(parseContentRequest({ type: 'ehr/snapshot', payload }).ok).toBe(false);
  });

  it('knows no other content-script message', () => {
    expect(parseContentRequest({ type: 'codes/lookup', payload: {} })).toEqual({
      ok: false,
      error: 'Unknown message type "codes/lookup".',
    });
  });
});

describe('ehr/* requests from extension pages', () => {
  it.each([
    [{ type: 'ehr/sites', payload: {} }, true],
    [{ type: 'ehr/enable-site', payload: { origin: 'https://ehr.example.org' } }, true],
    [{ type: 'ehr/enable-site', payload: { origin: 'file:///etc/passwd' } }, false],
    [{ type: 'ehr/enable-site', payload: { origin: 'https://ehr.example.org/chart' } }, false],
    [{ type: 'ehr/disable-site', payload: { origin: 'http://127.0.0.1:8080' } }, true],
    [{ type: 'ehr/read', payload: { tabId: 3, mode: 'selection' } }, true],
    [{ type: 'ehr/read', payload: { tabId: -1, mode: 'page' } }, false],
    [{ type: 'ehr/highlight', payload: { tabId: 3, hash: 'abc', spans: [{ start: 1, end: 4 }] } }, true],
    [
      { type: 'ehr/highlight', payload: { tabId: 3, hash: 'abc', spans: Array.from({ length: 501 }, () => ({ start: 0, end: 1 })) } },
      false,
    ],
    [{ type: 'ehr/snapshots', payload: {} }, true],
  ])('%j → %s', (message, ok) => {
    expect(parseRequest(message).ok).toBe(ok);
  });
});

describe('background → content script', () => {
  it('validates highlight and read requests', () => {
    expect(parseTabRequest({ type: 'ehr/highlight', payload: { hash: 'abc', spans: [] } }).ok).toBe(true);
    expect(parseTabRequest({ type: 'ehr/read', payload: { mode: 'everything' } }).ok).toBe(false);
    expect(parseTabRequest({ type: 'ehr/snapshot', payload: snap() }).ok).toBe(false);
  });

  it('validates a reader’s reply', () => {
    expect(parseReadReply({ snapshot: snap() })?.snapshot?.text).toBe('Acute kidney injury.');
    expect(parseReadReply({ reason: 'no-selection' })).toEqual({ reason: 'no-selection' });
    expect(parseReadReply({ snapshot: snap({ text: 42 }) })).toBeUndefined();
    expect(parseReadReply('text')).toBeUndefined();
  });
});

describe('ehr/changed event', () => {
  it('carries no text', () => {
    const payload = {
      tabId: 1,
      frameId: 0,
      hash: 'abc',
      adapter: 'generic',
      mode: 'page',
      length: 10,
      truncated: false,
      origin: 'https://a.example',
    };
    expect(parseEvent({ type: 'ehr/changed', payload })?.type).toBe('ehr/changed');
    expect(parseEvent({ type: 'ehr/changed', payload: { ...payload, text: 'note' } })).toBeUndefined();
  });
});

describe('snapshot hash', () => {
  it('is 14 hex digits, stable, and differs by text and by mode', () => {
    expect(hashText('abc')).toMatch(/^[0-9a-f]{14}$/);
    expect(hashText('abc')).toBe(hashText('abc'));
    expect(hashText('abc')).not.toBe(hashText('abd'));
    expect(snapshotHash('page', 'abc')).not.toBe(snapshotHash('selection', 'abc'));
  });
});
