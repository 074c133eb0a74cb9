/**
 * Search queries derived automatically from the Alphabetic Index: main term + subterm phrase →
 * the index's code, as a coder would type it ("pneumonia aspiration" → J69.0). Deterministic, and
 * split in two halves by a hash of the query: `tune` may be looked at, `holdout` only measured.
 */
import { normalizeCode } from '../utils/codes/code-format';
import type { Asset, IndexTerm } from '../utils/codes/types';
import { coreText } from '../utils/search/text';

export interface DerivedQuery {
  query: string;
  expected: string[];
  group: 'index';
  half: 'tune' | 'holdout';
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const clean = (title: string) => coreText(title).replace(/\b(NEC|NOS)\b/g, ' ').replace(/\s+/g, ' ').trim();

/** Up to `count` queries, spread evenly over the index (every k-th eligible entry). */
export function indexDerivedQueries(index: Asset<IndexTerm>, count = 1200): DerivedQuery[] {
  const eligible: Array<{ query: string; code: string }> = [];
  for (const main of index.records) {
    // The main term's first variant form: "Failure, failed" → "Failure".
    const mainWord = clean(main.title.split(',')[0] ?? '');
    for (const sub of main.children ?? []) {
      const codes = (sub.codes ?? []).filter((c) => c.status === 'valid');
      if (codes.length !== 1 || !mainWord) continue;
      const subText = clean(sub.title);
      if (!subText || /\bsee\b/i.test(subText)) continue;
      eligible.push({ query: `${mainWord} ${subText}`.toLowerCase(), code: normalizeCode((codes[0] as { code: string }).code) });
    }
  }
  const seen = new Set<string>();
  const unique = eligible.filter((e) => !seen.has(e.query) && seen.add(e.query));
  const step = Math.max(1, Math.floor(unique.length / count));
  const picked = unique.filter((_, i) => i % step === 0).slice(0, count);
  return picked.map(({ query, code }) => ({ query, expected: [code], group: 'index', half: hash(query) % 2 === 0 ? 'tune' : 'holdout' }));
}
