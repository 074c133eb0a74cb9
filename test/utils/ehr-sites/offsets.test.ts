import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseAdapter, rootsToRead } from '../../../utils/ehr-sites/choose';
import { domRanges, sameVisibleText, type TextMap, TextMapBuilder, visibleCharacters } from '../../../utils/ehr-sites/offsets';
import { readVisibleText } from '../../../utils/ehr-sites/read';
import { htmlDocument, type LoadedPage, loadFixture } from '../../helpers/ehr-dom';

const PAGES = ['demo/discharge-summary.html', 'epic/index.html', 'cerner/doc-view.html', 'meditech/index.html', 'generic/index.html'];

describe('TextMapBuilder', () => {
  it('merges characters copied from one node in a row into one segment, and leaves synthetic characters unmapped', () => {
    const page = htmlDocument('<p>alpha beta</p>');
    const node = page.document.querySelector('p')?.firstChild as Text;
    const b = new TextMapBuilder();
    b.append('alpha', node, 0);
    b.append(' ', node, 5);
    b.append('beta', node, 6);
    b.synthetic('\n');
    const map = b.build();
    expect(map.text).toBe('alpha beta\n');
    expect(map.count).toBe(1);
    expect([map.start[0], map.len[0], map.offset[0]]).toEqual([0, 10, 0]);
    void page.close();
  });
});

describe('domRanges', () => {
  it('covers a phrase across inline elements with one Range, and leaves out text the reader skipped', async () => {
    const page = htmlDocument('<p><b>CHF</b> exacerbation<span hidden>SECRET</span> today</p>');
    const r = await readVisibleText([page.document.body], { layout: false });
    expect(r.text).toBe('CHF exacerbation today');
    expect(domRanges(r.map, 0, 16).map((x) => x.toString())).toEqual(['CHF exacerbation']);
    expect(domRanges(r.map, 4, 22).map((x) => x.toString())).toEqual(['exacerbation', ' today']);
    await page.close();
  });

  it('returns one Range per node tree the span crosses (a Range cannot leave its tree)', async () => {
    const page = htmlDocument('<p>Light text</p><x-a><template shadowrootmode="open"><p>Shadow text</p></template></x-a>');
    const r = await readVisibleText([page.document.body], { layout: false });
    expect(r.text).toBe('Light text\nShadow text');
    const ranges = domRanges(r.map, 6, 17);
    expect(ranges.map((x) => x.toString())).toEqual(['text', 'Shadow']);
    expect(ranges[1]?.startContainer.getRootNode()).not.toBe(page.document);
    await page.close();
  });

  it('returns nothing for a span whose text left the page (stale)', async () => {
    const page = htmlDocument('<p id="a">Removed soon</p><p>Kept</p>');
    const r = await readVisibleText([page.document.body], { layout: false });
    page.document.getElementById('a')?.remove();
    expect(domRanges(r.map, 0, 7)).toEqual([]);
    expect(domRanges(r.map, 13, 17).map((x) => x.toString())).toEqual(['Kept']);
    await page.close();
  });

  it('clamps spans to the text and returns nothing for an empty span', async () => {
    const page = htmlDocument('<p>Short</p>');
    const r = await readVisibleText([page.document.body], { layout: false });
    expect(domRanges(r.map, 3, 3)).toEqual([]);
    expect(domRanges(r.map, 2, 999).map((x) => x.toString())).toEqual(['ort']);
    await page.close();
  });

  it('compares text ignoring white space layout', () => {
    expect(sameVisibleText('acute\n   kidney', 'acute kidney')).toBe(true);
    expect(sameVisibleText('acute kidney', 'acute kidneys')).toBe(false);
    expect(visibleCharacters(' a\tb\nc ')).toBe('abc');
  });
});

/** Offsets of characters the reader added (block line breaks, cell tabs): they have no DOM position. */
function syntheticMask(map: TextMap): Uint8Array {
  const mask = new Uint8Array(map.text.length).fill(1);
  for (let i = 0; i < map.count; i++) mask.fill(0, map.start[i], (map.start[i] ?? 0) + (map.len[i] ?? 0));
  return mask;
}

describe.each(PAGES)('offsets ↔ DOM Ranges on %s', (pagePath) => {
  let page: LoadedPage;
  let map: TextMap;
  let mask: Uint8Array;

  beforeAll(async () => {
    page = await loadFixture(pagePath);
    const { roots, skip } = rootsToRead(page.document, chooseAdapter(page.document));
    map = (await readVisibleText(roots, { layout: false, skip })).map;
    mask = syntheticMask(map);
  });
  afterAll(async () => {
    await page.close();
  });

  it('maps every copied character onto the same character in its node (a collapsed run becomes one space)', () => {
    expect(map.text.length).toBeGreaterThan(100);
    for (let i = 0; i < map.count; i++) {
      const node = map.nodes[map.node[i] ?? 0] as Text;
      const fromText = map.text.substr(map.start[i] ?? 0, map.len[i] ?? 0);
      const fromDom = node.data.substr(map.offset[i] ?? 0, map.len[i] ?? 0);
      for (let k = 0; k < fromText.length; k++) {
        const same = fromText[k] === fromDom[k] || (fromText[k] === ' ' && /[ \t\n\r\f]/.test(fromDom[k] ?? ''));
        if (!same) expect(`${fromText[k]} at ${(map.start[i] ?? 0) + k}`).toBe(fromDom[k]);
      }
    }
  });

  it('random spans: the Ranges hold exactly the span’s characters, without the added line breaks and tabs', () => {
    const spaces = (t: string) => t.replace(/[ \t\n\r\f]/g, ' ');
    fc.assert(
      fc.property(fc.nat(map.text.length), fc.nat(400), (start, length) => {
        const end = Math.min(map.text.length, start + length);
        const shown = domRanges(map, start, end)
          .map((r) => r.toString())
          .join('');
        let taken = '';
        for (let i = start; i < end; i++) if (mask[i] === 0) taken += map.text[i];
        // A collapsed run is one space in the text and its first character in the page (a tab, a newline).
        expect(spaces(shown)).toBe(spaces(taken));
      }),
      { numRuns: 300 },
    );
  });

  it('random spans inside a block: Range.toString() equals text.slice exactly', () => {
    fc.assert(
      fc.property(fc.nat(map.text.length), fc.nat(120), (start, length) => {
        let end = start;
        while (end < map.text.length && end - start < length && mask[end] === 0) end++;
        fc.pre(end > start);
        const ranges = domRanges(map, start, end);
        expect(ranges.map((r) => r.toString()).join('')).toBe(map.text.slice(start, end));
      }),
      { numRuns: 300 },
    );
  });
});
