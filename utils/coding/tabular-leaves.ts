/**
 * Shared by the obstetric and newborn rules, which read their rule pack's word lists and choose a code by its Tabular title ("39 weeks gestation",
 * "Twin liveborn infant, delivered by cesarean", "2000-2499 grams") rather than from a table of codes.
 */
import type { CodingKnowledge } from './suggest';
import { escapeRegExp } from './words';

const phrases = new Map<string, RegExp>();

/**
 * A phrase of a word list as a case-insensitive pattern of whole words; a space also matches a comma. Built
 * once per phrase (the words are the rule pack's) and handed out from the start of the text (`lastIndex` 0).
 */
export function phrase(w: string): RegExp {
  let re = phrases.get(w);
  if (!re) {
    re = new RegExp(`(?<![a-z0-9])${escapeRegExp(w).replace(/\s+/g, '[\\s,]+')}(?![a-z0-9])`, 'gi');
    phrases.set(w, re);
  }
  re.lastIndex = 0;
  return re;
}

/** The earliest place in the text where a phrase of the list is written. */
export function firstHit(text: string, words: readonly string[]): { start: number; end: number } | undefined {
  let best: { start: number; end: number } | undefined;
  for (const w of words) {
    const m = phrase(w).exec(text);
    if (m && (!best || m.index < best.start)) best = { start: m.index, end: m.index + m[0].length };
  }
  return best;
}

const leavesCache = new Map<string, Array<{ code: string; title: string }>>();

/** The billable codes below a category on a date, with their titles (cached, bounded). */
export function leaves(k: CodingKnowledge, code: string, date: string): Array<{ code: string; title: string }> {
  const key = `${code}@${date}`;
  const cached = leavesCache.get(key);
  if (cached) return cached;
  const out: Array<{ code: string; title: string }> = [];
  const visit = (c: string, depth: number) => {
    for (const child of k.catalog.children('icd10cm', c, date)) {
      if (child.billable) out.push({ code: child.code, title: child.title });
      else if (depth < 4) visit(child.code, depth + 1);
    }
  };
  visit(code, 0);
  if (leavesCache.size > 64) leavesCache.clear();
  leavesCache.set(key, out);
  return out;
}
