import { afterEach, describe, expect, it } from 'vitest';
import { HIGHLIGHT_CSS, HIGHLIGHT_NAME, Highlighter } from '../../../utils/ehr-sites/highlight';
import { htmlDocument } from '../../helpers/ehr-dom';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

class FakeHighlight {
  ranges: Range[];
  constructor(...ranges: Range[]) {
    this.ranges = ranges;
  }
}

function pageWithHighlights(html: string) {
  const page = htmlDocument(html);
  open.push(page);
  const registry = new Map<string, FakeHighlight>();
  Object.defineProperty(page.window, 'CSS', { value: { highlights: registry }, configurable: true });
  Object.defineProperty(page.window, 'Highlight', { value: FakeHighlight, configurable: true });
  return { page, registry };
}

describe('Highlighter', () => {
  it('registers the ranges under one name and adopts the ::highlight style, without touching the DOM', () => {
    const { page, registry } = pageWithHighlights('<p id="p">Acute kidney injury</p>');
    const before = page.document.body.outerHTML;
    const range = page.document.createRange();
    const text = page.document.getElementById('p')?.firstChild as Text;
    range.setStart(text, 6);
    range.setEnd(text, 12);
    const h = new Highlighter();
    expect(h.show([range], { scroll: false })).toBe(1);
    expect(registry.get(HIGHLIGHT_NAME)?.ranges.map((r) => r.toString())).toEqual(['kidney']);
    expect(page.document.body.outerHTML).toBe(before);
    expect(page.document.querySelectorAll('style, mark').length).toBe(0);
    const sheets = page.document.adoptedStyleSheets;
    expect(sheets.length).toBe(1);
    h.clear();
    expect(registry.has(HIGHLIGHT_NAME)).toBe(false);
    expect(page.document.adoptedStyleSheets.length).toBe(0);
  });

  it('replaces the previous highlight', () => {
    const { page, registry } = pageWithHighlights('<p id="p">Acute kidney injury</p>');
    const text = page.document.getElementById('p')?.firstChild as Text;
    const a = page.document.createRange();
    a.setStart(text, 0);
    a.setEnd(text, 5);
    const b = page.document.createRange();
    b.setStart(text, 13);
    b.setEnd(text, 19);
    const h = new Highlighter();
    h.show([a], { scroll: false });
    h.show([b], { scroll: false });
    expect(registry.get(HIGHLIGHT_NAME)?.ranges.map((r) => r.toString())).toEqual(['injury']);
  });

  it('shows nothing where the API is missing', () => {
    const page = htmlDocument('<p>x</p>');
    open.push(page);
    const range = page.document.createRange();
    range.selectNodeContents(page.document.body);
    expect(Highlighter.supported(page.document)).toBe(false);
    expect(new Highlighter().show([range], { scroll: false })).toBe(0);
  });

  it('styles the highlight with more than colour', () => {
    expect(HIGHLIGHT_CSS).toContain(`::highlight(${HIGHLIGHT_NAME})`);
    expect(HIGHLIGHT_CSS).toContain('text-decoration');
  });
});
