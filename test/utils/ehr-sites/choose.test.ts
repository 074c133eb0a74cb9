import { afterEach, describe, expect, it } from 'vitest';
import { adapterById, chooseAdapter, rootsToRead } from '../../../utils/ehr-sites/choose';
import { htmlDocument, loadFixture } from '../../helpers/ehr-dom';

const open: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.close();
});

describe('chooseAdapter', () => {
  it.each([
    ['epic/index.html', 'epic'],
    ['epic/note-content.html', 'generic'],
    ['cerner/doc-view.html', 'cerner'],
    ['cerner/banner.html', 'cerner'],
    ['meditech/index.html', 'meditech'],
    ['generic/index.html', 'generic'],
    ['demo/discharge-summary.html', 'generic'],
    ['hostile/index.html', 'generic'],
  ])('%s → %s', async (path, id) => {
    const page = await loadFixture(path);
    open.push(page);
    expect(chooseAdapter(page.document).id).toBe(id);
  });

  it('an adapter whose detection throws just does not match', () => {
    const page = htmlDocument('<p>x</p>');
    open.push(page);
    const broken = {
      ...adapterById('epic'),
      detect: () => {
        throw new Error('boom');
      },
    };
    expect(chooseAdapter(page.document, [broken]).id).toBe('generic');
  });
});

describe('rootsToRead', () => {
  it('falls back to the generic reading when the family’s note is not on screen', () => {
    const page = htmlDocument(
      '<body class="hs-shell"><main><p>In-basket message</p></main><div hidden><div class="RichTextNote">Old note</div></div></body>',
    );
    open.push(page);
    const { roots, adapter } = rootsToRead(page.document, chooseAdapter(page.document));
    expect(adapter.id).toBe('generic');
    expect(roots.map((r) => r.localName)).toEqual(['main']);
  });

  it('reads the whole body when a page has no main element', () => {
    const page = htmlDocument('<div><p>Note</p></div>');
    open.push(page);
    expect(rootsToRead(page.document, adapterById('generic')).roots).toEqual([page.document.body]);
  });
});
