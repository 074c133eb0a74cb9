/**
 * A superficial injury (abrasion, contusion, blister: S00, S10, ... S90) is not coded beside a more severe
 * injury of the same body region and side (Guidelines I.C.19.b.1): "contusion of the right knee" with a
 * fracture of the right patella is the fracture alone. The region is the block of ten categories (S80-S89
 * knee and lower leg); the side is read in the titles. The patterns are the rule pack's (`superficialInjuries`).
 */
import { matchesPattern } from './patterns';
import type { CodingKnowledge } from './suggest';
import type { Suggestion } from './types';

/** The side a title names: right, left, bilateral, or none (unspecified or unsided). */
function sideOf(title: string): string | undefined {
  const t = title.toLowerCase();
  if (/\bbilateral\b/.test(t)) return 'both';
  if (/\bright\b/.test(t)) return 'right';
  if (/\bleft\b/.test(t)) return 'left';
  return undefined;
}

/** Whether two sides may be one: the same, or either unsided. */
const sameSide = (a: string | undefined, b: string | undefined): boolean => a === undefined || b === undefined || a === b || a === 'both' || b === 'both';

export function withoutSuperficialInjuries(suggestions: readonly Suggestion[], k: CodingKnowledge): Suggestion[] {
  const rules = k.rules.superficialInjuries;
  const out = suggestions.map((s) => ({ ...s }));
  const live = out.filter((s) => s.status !== 'not-coded' && s.system === 'icd10cm' && s.context === 'affirmed');
  const superficial = (s: Suggestion) => rules.superficial.some((p) => matchesPattern(s.code, p));
  const region = (s: Suggestion) => s.code.slice(0, 2);
  for (const s of live) {
    if (!superficial(s)) continue;
    const severe = live.find(
      (o) => o !== s && !superficial(o) && rules.severe.some((p) => matchesPattern(o.code, p)) && region(o) === region(s) && sameSide(sideOf(o.title), sideOf(s.title)),
    );
    if (!severe) continue;
    s.status = 'not-coded';
    s.notCoded = 'included-in-other-code';
    s.reason += ` ${rules.literal}: ${severe.display} ${severe.title} (${rules.source}).`;
    delete s.conflictsWith;
    // An Excludes1 conflict with the injury left out is no conflict any more (S01 excludes S00 of the scalp).
    for (const o of out) {
      if (!o.conflictsWith?.includes(s.code)) continue;
      o.conflictsWith = o.conflictsWith.filter((c) => c !== s.code);
      o.reason = o.reason.replace(` Excludes1 with ${s.display}: code only one unless the conditions are unrelated (Guidelines I.A.12.a).`, '');
      if (o.conflictsWith.length > 0) continue;
      delete o.conflictsWith;
      if (o.status === 'conflict') o.status = 'suggested';
    }
  }
  return out;
}
