import { describe, expect, it } from 'vitest';
import { enabledContentSender, isFromEnabledContentScript, senderOrigin } from '../../../utils/ehr-sites/sender';

const OWN = 'own-extension-id';
const ENABLED = ['https://ehr.example.org', 'http://127.0.0.1:8001'];
const tab = { id: 7 };

describe('enabledContentSender', () => {
  it('accepts our content script in a frame of an enabled origin', () => {
    expect(
      enabledContentSender(
        { id: OWN, tab, frameId: 0, url: 'https://ehr.example.org/chart?x=1', origin: 'https://ehr.example.org' },
        OWN,
        ENABLED,
      ),
    ).toEqual({
      origin: 'https://ehr.example.org',
      tabId: 7,
      frameId: 0,
    });
    // Firefox gives no sender.origin: the URL's origin is used.
    expect(isFromEnabledContentScript({ id: OWN, tab, frameId: 3, url: 'http://127.0.0.1:8001/epic/note.html' }, OWN, ENABLED)).toBe(true);
  });

  it.each([
    ['another extension', { id: 'other', tab, frameId: 0, url: 'https://ehr.example.org/' }],
    [
      'an extension page open in a tab',
      { id: OWN, tab, frameId: 0, url: `chrome-extension://${OWN}/sidepanel.html`, origin: `chrome-extension://${OWN}` },
    ],
    ['an extension page without a tab', { id: OWN, frameId: 0, url: `chrome-extension://${OWN}/options.html` }],
    ['a sender without a tab', { id: OWN, frameId: 0, url: 'https://ehr.example.org/' }],
    [
      'a frame of an origin not enabled',
      { id: OWN, tab, frameId: 2, url: 'https://ads.example.net/frame', origin: 'https://ads.example.net' },
    ],
    ['another port of an enabled host', { id: OWN, tab, frameId: 0, url: 'http://127.0.0.1:9999/x', origin: 'http://127.0.0.1:9999' }],
    [
      'an http page of an https-enabled host',
      { id: OWN, tab, frameId: 0, url: 'http://ehr.example.org/', origin: 'http://ehr.example.org' },
    ],
    ['an opaque (sandboxed) origin', { id: OWN, tab, frameId: 1, url: 'about:srcdoc', origin: 'null' }],
    ['a URL that disagrees with the origin', { id: OWN, tab, frameId: 0, url: 'https://evil.example/', origin: 'https://ehr.example.org' }],
    ['no frame id', { id: OWN, tab, url: 'https://ehr.example.org/', origin: 'https://ehr.example.org' }],
    ['a negative tab id', { id: OWN, tab: { id: -1 }, frameId: 0, url: 'https://ehr.example.org/' }],
  ])('refuses %s', (_, sender) => {
    expect(enabledContentSender(sender, OWN, ENABLED)).toBeUndefined();
  });
});

describe('senderOrigin', () => {
  it('prefers the browser-given origin and falls back to the URL', () => {
    expect(senderOrigin({ origin: 'https://a.example', url: 'https://a.example/x' })).toBe('https://a.example');
    expect(senderOrigin({ url: 'https://a.example:8443/x?y' })).toBe('https://a.example:8443');
    expect(senderOrigin({ url: 'nonsense' })).toBeUndefined();
    expect(senderOrigin({})).toBeUndefined();
  });
});
