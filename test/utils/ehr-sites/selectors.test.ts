/**
 * Every adapter selector against the fixture pages it names (the refined-github habit: a selector
 * lives with the pages it must match). Also the structure rule of STYLE.md convention 12: every site
 * adapter has a fixture page on which its shell is recognised.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ADAPTERS } from '../../../utils/ehr-sites/choose';
import { allSelectors, type SiteSelector } from '../../../utils/ehr-sites/selectors';
import { type LoadedPage, loadFixtureFile } from '../../helpers/ehr-dom';
import { EHR_FIXTURES } from '../../../scripts/lib/ehr-server';

const pages = new Map<string, Promise<LoadedPage>>();
const page = (path: string) => {
  let p = pages.get(path);
  if (!p) {
    p = loadFixtureFile(path);
    pages.set(path, p);
  }
  return p;
};
afterAll(async () => {
  for (const p of pages.values()) await (await p).close();
});

/** Matches in the page and in its open shadow roots. */
function count(doc: Document, css: string): number {
  let n = doc.querySelectorAll(css).length;
  for (const el of Array.from(doc.querySelectorAll('*'))) if (el.shadowRoot) n += el.shadowRoot.querySelectorAll(css).length;
  return n;
}

const cases = Object.entries(allSelectors).flatMap(([family, selectors]) =>
  Object.entries(selectors as Record<string, SiteSelector>).flatMap(([name, selector]) =>
    selector.pages.map(([expected, path]) => ({ id: `${family}.${name} on ${path}`, css: selector.css, expected, path })),
  ),
);

describe('adapter selectors', () => {
  it.each(cases)('$id', async ({ css, expected, path }) => {
    expect(existsSync(join(EHR_FIXTURES, path)), `missing fixture ${path}`).toBe(true);
    const matches = count((await page(path)).document, css);
    if (expected === 0) expect(matches).toBe(0);
    else expect(matches).toBeGreaterThanOrEqual(expected);
  });

  it('every selector names at least one page it must match', () => {
    for (const [family, selectors] of Object.entries(allSelectors)) {
      for (const [name, selector] of Object.entries(selectors as Record<string, SiteSelector>)) {
        expect(
          selector.pages.some(([n]) => n > 0),
          `${family}.${name}`,
        ).toBe(true);
      }
    }
  });

  it('every site adapter has selectors and a fixture page', () => {
    for (const adapter of ADAPTERS) {
      const selectors = allSelectors[adapter.id] as Record<string, SiteSelector>;
      expect(selectors, adapter.id).toBeDefined();
      const positive = Object.values(selectors).flatMap((s) => s.pages.filter(([n]) => n > 0).map(([, p]) => p));
      expect(positive.length, adapter.id).toBeGreaterThan(0);
    }
  });
});
