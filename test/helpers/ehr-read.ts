import { chooseAdapter, rootsToRead } from '../../utils/ehr-sites/choose';
import { readVisibleText } from '../../utils/ehr-sites/read';
import { loadFixture } from './ehr-dom';

/** Read a fixture page the way the content script does (adapter choice, roots, skip), without layout. */
export async function readFixture(page: string): Promise<{ adapter: string; text: string; lines: string[] }> {
  const loaded = await loadFixture(page);
  try {
    const chosen = chooseAdapter(loaded.document);
    const { roots, skip, adapter } = rootsToRead(loaded.document, chosen);
    const r = await readVisibleText(roots, { layout: false, skip });
    return { adapter: adapter.id, text: r.text, lines: r.text.split('\n') };
  } finally {
    await loaded.close();
  }
}
