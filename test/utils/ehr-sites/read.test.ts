/**
 * The visible-text reader, one rule per test, on small happy-dom documents (no layout: the
 * layout-only rules — transforms, max-height collapse, unslotted children of closed shadow roots —
 * are checked in real Chromium by test/e2e/ehr-reader.e2e.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EHR_TEXT_MAX } from '../../../utils/messaging';
import { readVisibleText } from '../../../utils/ehr-sites/read';
import { htmlDocument } from '../../helpers/ehr-dom';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

async function read(html: string, options: Parameters<typeof readVisibleText>[1] = {}) {
  const page = htmlDocument(`<!DOCTYPE html><html><head><style>${STYLE}</style></head><body>${html}</body></html>`);
  open.push(page);
  const body = page.document.body;
  return readVisibleText([body], { layout: false, ...options });
}

const STYLE = `.none { display: none } .invisible { visibility: hidden } .visible { visibility: visible } .faded { opacity: 0 }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0) }
.offscreen { position: absolute; left: -9999px } .shut { height: 0; overflow: hidden } .pre { white-space: pre } .pre-line { white-space: pre-line }`;

describe('blocks and white space', () => {
  it('keeps block boundaries as single line breaks and collapses white space like CSS', async () => {
    const r = await read('<h2>Assessment</h2>\n  <p>Acute   kidney\n   injury.</p><div><div>Nested block</div></div>');
    expect(r.text).toBe('Assessment\nAcute kidney injury.\nNested block');
  });

  it('reports each block as a span of the text', async () => {
    const r = await read('<p>One</p><p>Two words</p>');
    expect(r.blocks.map((b) => r.text.slice(b.start, b.end))).toEqual(['One', 'Two words']);
  });

  it('joins inline elements without adding space, and keeps the space between them', async () => {
    const r = await read('<p><b>CHF</b> <i>exacerbation</i>, <span>acute</span>on chronic</p>');
    expect(r.text).toBe('CHF exacerbation, acuteon chronic');
  });

  it('turns <br> into a line break', async () => {
    expect((await read('<p>BP 120/80<br>HR 72</p>')).text).toBe('BP 120/80\nHR 72');
  });

  it('separates table cells with tabs and rows with line breaks', async () => {
    const r = await read('<table><tr><th>Test</th><th>Result</th></tr><tr><td>Creatinine</td><td>2.1</td></tr></table>');
    expect(r.text).toBe('Test\tResult\nCreatinine\t2.1');
  });

  it('keeps pre-formatted text as it is', async () => {
    const r = await read('<pre>LABS:   Admit  Discharge\n  WBC   13.2   9.8</pre>');
    expect(r.text).toBe('LABS:   Admit  Discharge\n  WBC   13.2   9.8');
  });

  it('keeps line breaks but collapses spaces under white-space: pre-line', async () => {
    expect((await read('<div class="pre-line">Line   one\nLine two</div>')).text).toBe('Line one\nLine two');
  });

  it('copies text that looks like HTML or script as text', async () => {
    const r = await read('<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(1)&gt;</p>');
    expect(r.text).toBe('<script>alert(1)</script> and <img src=x onerror=alert(1)>');
  });
});

describe('what is not visible is not read', () => {
  it.each([
    ['display: none', '<p class="none">SECRET</p>'],
    ['the hidden attribute', '<p hidden>SECRET</p>'],
    ['aria-hidden', '<p>Shown<span aria-hidden="true">SECRET</span></p>'],
    ['opacity: 0', '<p class="faded">SECRET</p>'],
    ['visibility: hidden', '<p class="invisible">SECRET</p>'],
    ['a visually-hidden clip', '<p>Shown<span class="sr-only">SECRET</span></p>'],
    ['an off-screen position', '<div class="offscreen">SECRET</div>'],
    ['a zero-height clipping box', '<div class="shut"><p>SECRET</p></div>'],
    ['a closed <details> (its summary is read)', '<details><summary>Summary</summary><p>SECRET</p></details>'],
    ['a closed <dialog>', '<dialog><p>SECRET</p></dialog>'],
    [
      'scripts, styles, templates, noscript',
      '<script>SECRET</script><style>p{}/*SECRET*/</style><template>SECRET</template><noscript>SECRET</noscript>',
    ],
    ['form controls', '<input value="SECRET"><textarea>SECRET</textarea><select><option>SECRET</option></select>'],
    ['a closed shadow root', '<x-closed><template shadowrootmode="closed"><p>SECRET</p></template></x-closed>'],
  ])('skips %s', async (_, html) => {
    const r = await read(`<p>Shown</p>${html}`);
    expect(r.text).not.toContain('SECRET');
    expect(r.text).toContain('Shown');
  });

  it('reads a visible child of a visibility: hidden parent', async () => {
    expect((await read('<div class="invisible">SECRET <span class="visible">Shown child</span></div>')).text).toBe('Shown child');
  });

  it('reads an open <details> and its summary', async () => {
    expect((await read('<details open><summary>Medications</summary><p>Apixaban</p></details>')).text).toBe('Medications\nApixaban');
  });

  it('skips subtrees matching the adapter’s skip selector', async () => {
    expect((await read('<div role="toolbar">Sign</div><p>Note</p>', { skip: '[role="toolbar"]' })).text).toBe('Note');
  });

  it('does not read a root hidden by an ancestor', async () => {
    const page = htmlDocument('<div hidden><p id="note">SECRET</p></div><p id="other">Other</p>');
    open.push(page);
    const note = page.document.getElementById('note') as Element;
    const other = page.document.getElementById('other') as Element;
    expect((await readVisibleText([note, other], { layout: false })).text).toBe('Other');
  });
});

describe('shadow roots', () => {
  it('reads an open shadow root in rendered order, with slotted content', async () => {
    const r = await read(
      '<x-sig><template shadowrootmode="open"><p>Signed by <slot name="who">nobody</slot> on <slot name="when"></slot>.</p></template>' +
        '<span slot="when">10/18/2026</span><span slot="who">D. Synthetic</span></x-sig>',
    );
    expect(r.text).toBe('Signed by D. Synthetic on 10/18/2026.');
    expect(r.trees.some((t) => t.nodeType === 11)).toBe(true);
  });

  it('reads a slot’s fallback content when nothing is assigned', async () => {
    expect((await read('<x-a><template shadowrootmode="open"><p>By <slot>nobody</slot></p></template></x-a>')).text).toBe('By nobody');
  });
});

describe('bounds', () => {
  it('stops at the character cap and says the text was cut', async () => {
    const r = await read(`<p>${'a'.repeat(50)}</p><p>${'b'.repeat(50)}</p>`, { maxChars: 60 });
    expect(r.text.length).toBe(60);
    expect(r.truncated).toBe(true);
  });

  it('does not let a pending line break or space push the text past the cap', async () => {
    const exact = await read('<p>12345</p><p>67890</p>', { maxChars: 5 });
    expect(exact.text).toBe('12345');
    const spaced = await read('<p>12345 67890</p>', { maxChars: 5 });
    expect(spaced.text).toBe('12345');
    expect(spaced.truncated).toBe(true);
  });

  it('never goes past the protocol’s cap', async () => {
    const r = await read('<p>short</p>', { maxChars: EHR_TEXT_MAX * 10 });
    expect(r.truncated).toBe(false);
  });

  it('stops after the node cap', async () => {
    const r = await read('<p>1</p><p>2</p><p>3</p><p>4</p>', { maxNodes: 4 });
    expect(r.truncated).toBe(true);
    expect(r.text).toBe('1');
  });

  it('reads 100,000 nested elements without recursion', async () => {
    // A bare node chain (happy-dom's own style code recurses long before that depth).
    const doc = { defaultView: null, nodeType: 9 };
    const element = (children: object[]) => ({
      nodeType: 1,
      localName: 'span',
      ownerDocument: doc,
      shadowRoot: null,
      parentElement: null,
      parentNode: null,
      childNodes: children,
      getAttribute: () => null,
      hasAttribute: () => false,
      matches: () => false,
      getRootNode: () => doc,
    });
    let node: object = { nodeType: 3, data: 'deep', length: 4 };
    for (let i = 0; i < 100_000; i++) node = element([node]);
    const r = await readVisibleText([node as Element], { layout: false, maxNodes: 200_000 });
    expect(r.text).toBe('deep');
  });

  it('yields to the page between slices and gives up after its time budget', async () => {
    let clock = 0;
    const pause = vi.fn(async () => {});
    const r = await read(`${'<p>x</p>'.repeat(2_000)}`, { now: () => (clock += 1), sliceMs: 1, budgetMs: 10, pause });
    expect(pause).toHaveBeenCalled();
    expect(r.truncated).toBe(true);
    expect(r.ms).toBeGreaterThanOrEqual(10);
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(read('<p>x</p>', { signal: controller.signal })).rejects.toThrow(/stopped/);
  });
});

describe('selection mode', () => {
  it('reads only what lies inside the range, cutting text nodes at its ends', async () => {
    const page = htmlDocument('<p id="a">Before the note.</p><p id="b">Acute kidney injury.</p><p id="c">Type 2 diabetes.</p>');
    open.push(page);
    const doc = page.document;
    const range = doc.createRange();
    range.setStart(doc.getElementById('b')?.firstChild as Text, 6);
    range.setEnd(doc.getElementById('c')?.firstChild as Text, 6);
    const r = await readVisibleText([doc.body], { layout: false, within: range });
    expect(r.text).toBe('kidney injury.\nType 2');
  });
});
