/**
 * Load a synthetic EHR page (test/fixtures/ehr) into happy-dom, frames included, for reader tests
 * that need no layout. Pages are served from memory-free virtual servers: `http://fixtures.test/`
 * and, for `%OTHER_ORIGIN%` frames, `http://other.test/` (another origin, so not readable).
 * Page scripts do not run. happy-dom does not parse declarative shadow roots
 * (`<template shadowrootmode>`), so they are attached here the way a browser's parser would.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser } from 'happy-dom';
import { EHR_FIXTURES } from '../../scripts/lib/ehr-server';

export const FIXTURE_ORIGIN = 'http://fixtures.test';
export const OTHER_ORIGIN = 'http://other.test';

let servedDir: string | undefined;

/** A copy of the fixtures with the placeholders filled in (made once per test file). */
function fixturesDir(): string {
  if (servedDir) return servedDir;
  const dir = mkdtempSync(join(tmpdir(), 'chartcode-ehr-fixtures-'));
  cpSync(EHR_FIXTURES, dir, { recursive: true });
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.html'))
        writeFileSync(p, readFileSync(p, 'utf8').replaceAll('%OTHER_ORIGIN%', OTHER_ORIGIN).replaceAll('%ORIGIN%', FIXTURE_ORIGIN));
    }
  };
  walk(dir);
  servedDir = dir;
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Attach `<template shadowrootmode>` as shadow roots, in this document and its same-origin frames. */
export function attachDeclarativeShadowRoots(doc: Document): void {
  for (const template of Array.from(doc.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement;
    const mode = template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open';
    if (!host) continue;
    const root = host.attachShadow({ mode });
    root.append((template as HTMLTemplateElement).content.cloneNode(true));
    template.remove();
    attachInFragment(root);
  }
  for (const frame of Array.from(doc.querySelectorAll('iframe'))) {
    try {
      const inner = (frame as HTMLIFrameElement).contentDocument;
      if (inner) attachDeclarativeShadowRoots(inner);
    } catch {
      // Cross-origin.
    }
  }
}

function attachInFragment(root: ShadowRoot): void {
  for (const template of Array.from(root.querySelectorAll('template[shadowrootmode]'))) {
    const host = template.parentElement;
    if (!host) continue;
    const inner = host.attachShadow({ mode: template.getAttribute('shadowrootmode') === 'closed' ? 'closed' : 'open' });
    inner.append((template as HTMLTemplateElement).content.cloneNode(true));
    template.remove();
  }
}

/** happy-dom's waitUntilComplete can return before a frame inside a frame has loaded: wait for every same-origin frame. */
async function framesLoaded(doc: Document, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const pending: Element[] = [];
    const visit = (d: Document) => {
      for (const frame of Array.from(d.querySelectorAll('iframe'))) {
        const src = frame.getAttribute('src') ?? '';
        if (src.startsWith(OTHER_ORIGIN)) continue;
        const inner = (frame as HTMLIFrameElement).contentDocument;
        if (!inner?.body || inner.readyState !== 'complete') pending.push(frame);
        else visit(inner);
      }
    };
    visit(doc);
    if (pending.length === 0) return;
    if (Date.now() - start > timeoutMs) throw new Error(`frames did not load: ${pending.map((f) => f.getAttribute('src')).join(', ')}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface LoadedPage {
  document: Document;
  window: Window;
  close(): Promise<void>;
}

/** Open a fixture page (path under test/fixtures/ehr) with its frames loaded. */
export async function loadFixture(page: string): Promise<LoadedPage> {
  const dir = fixturesDir();
  const browser = new Browser({
    settings: {
      disableJavaScriptEvaluation: true,
      enableIframePageLoading: true,
      navigator: { userAgent: 'happy-dom (chartcode tests)' },
      fetch: {
        virtualServers: [
          { url: `${FIXTURE_ORIGIN}/`, directory: dir },
          { url: `${OTHER_ORIGIN}/`, directory: dir },
        ],
      },
    },
  });
  const tab = browser.newPage();
  await tab.goto(`${FIXTURE_ORIGIN}/${page}`);
  await tab.waitUntilComplete();
  const document = tab.mainFrame.document as unknown as Document;
  await framesLoaded(document);
  attachDeclarativeShadowRoots(document);
  return { document, window: tab.mainFrame.window as unknown as Window, close: () => browser.close() };
}

/** Parse one fixture file on its own (no frames), for selector counts. */
export async function loadFixtureFile(page: string): Promise<LoadedPage> {
  const dir = fixturesDir();
  const browser = new Browser({ settings: { disableJavaScriptEvaluation: true, disableIframePageLoading: true } });
  const tab = browser.newPage();
  tab.url = `${FIXTURE_ORIGIN}/${page}`;
  tab.content = readFileSync(join(dir, page), 'utf8');
  await tab.waitUntilComplete();
  const document = tab.mainFrame.document as unknown as Document;
  attachDeclarativeShadowRoots(document);
  return { document, window: tab.mainFrame.window as unknown as Window, close: () => browser.close() };
}

/** A document from an HTML string (scripts off, declarative shadow roots attached), for small reader tests. */
export function htmlDocument(
  html: string,
  url = `${FIXTURE_ORIGIN}/test.html`,
): { document: Document; window: Window; close(): Promise<void> } {
  const browser = new Browser({ settings: { disableJavaScriptEvaluation: true, disableIframePageLoading: true } });
  const tab = browser.newPage();
  tab.url = url;
  tab.content = html;
  const document = tab.mainFrame.document as unknown as Document;
  attachDeclarativeShadowRoots(document);
  return { document, window: tab.mainFrame.window as unknown as Window, close: () => browser.close() };
}
