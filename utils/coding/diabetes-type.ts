/**
 * The type of diabetes is the type the record documents (Guidelines I.C.4.a; type 2, E11.-, only when the
 * record documents none, I.C.4.a.2). The Index reads a complication written without the type ("diabetic
 * gastroparesis", "Diabetes, with, gastroparesis") under type 2 by default; where the record names exactly
 * one other type ("type 1 diabetes", "steroid-induced diabetes") and never type 2, the complication is
 * re-read under that type (E11.43 is E10.43). A mention whose own words name a type is read under it
 * ("steroid-induced diabetes mellitus" is E09.9, not E11.9). Words are data (coding.json `diabetesType`).
 */
import { displayCode } from '../codes/code-format';
import type { CodingKnowledge } from './suggest';
import type { Suggestion } from './types';
import { wordsOf } from './words';

const DIABETES = /^E(?:0[89]|1[013])/;

type TypeWords = CodingKnowledge['rules']['diabetesType']['types'];

/** The categories (E10, E09, E11 …) whose words the text names. */
function typesNamed(text: string, types: TypeWords): Set<string> {
  const words = ` ${wordsOf(text).join(' ')} `;
  const named = new Set<string>();
  for (const t of types) if (t.words.some((w) => words.includes(` ${wordsOf(w).join(' ')} `))) named.add(t.category);
  return named;
}

const live = (s: Suggestion) => s.status !== 'not-coded' && s.system === 'icd10cm' && s.context !== 'family' && DIABETES.test(s.code);

/** Re-reads diabetes codes under the type the record documents; in place. */
export function applyDiabetesType(suggestions: Suggestion[], k: CodingKnowledge, date: string): void {
  const rule = k.rules.diabetesType;
  const diabetes = suggestions.filter(live);
  if (diabetes.length === 0) return;
  const own = new Map(diabetes.map((s) => [s, typesNamed(s.evidence.map((e) => e.text).join(' ; '), rule.types)]));
  const documented = new Set([...own.values()].flatMap((t) => [...t]));
  // One type named in the whole record, and not the default: the untyped complications take it.
  const recordType = documented.size === 1 && !documented.has(rule.default) ? [...documented][0] : undefined;
  for (const s of diabetes) {
    const named = own.get(s) ?? new Set<string>();
    const category = named.size === 1 ? [...named][0] : named.size === 0 ? recordType : undefined;
    if (!category || s.code.startsWith(category)) continue;
    const code = category + s.code.slice(3);
    if (k.catalog.stateOf('icd10cm', code, date) !== 'billable') continue;
    const why = named.size === 1 ? 'its own words name the type' : 'the record documents this type and no other';
    const same = suggestions.find((o) => o !== s && o.code === code && o.status !== 'not-coded');
    if (same) {
      same.evidence = [...same.evidence, ...s.evidence];
      same.mentionIds = [...new Set([...same.mentionIds, ...s.mentionIds])];
      s.status = 'not-coded';
      s.notCoded = 'included-in-other-code';
      s.reason += ` Read under the type documented, ${same.display} (${why}; ${rule.source}).`;
      continue;
    }
    const info = k.catalog.lookup('icd10cm', code, date);
    const hcc = info.hcc.find((h) => h.model === 'V28')?.hcc;
    const was = s.display;
    s.code = code;
    s.display = displayCode('icd10cm', code);
    s.title = info.title ?? '';
    s.state = info.state;
    if (hcc) s.hcc = hcc;
    else delete s.hcc;
    delete s.specificity;
    s.reason += ` ${rule.literal}: ${was} is read as ${s.display} (${why}; ${rule.source}).`;
  }
}
