/**
 * Codes whose characters name the patient's sex (C50.- breast: 5th character 1 female, 2 male) are left
 * incomplete by the reading when the sentence does not say "female breast"; the note says it elsewhere
 * ("52 yo F", "a 61-year-old woman", "she"). The incomplete code takes the sex the note states, then the
 * side its own words give, as the Tabular's children title them (Guidelines I.B.2, I.A.5: all characters).
 */
import { displayCode } from '../codes/code-format';
import { matchesPattern } from './patterns';
import type { PatientSexRules } from './rule-pack';
import type { CodingKnowledge } from './suggest';
import type { AnalysisSettings, Suggestion } from './types';
import { wholeWords } from './words';

const countOf = (text: string, words: readonly string[]) => {
  let n = 0;
  for (const w of words) n += text.match(wholeWords(w))?.length ?? 0;
  return n;
};

/** The patient's sex where the note's words say it clearly (one sex named at least twice as often as the other), else undefined. */
export function statedSex(text: string, rules: PatientSexRules): 'female' | 'male' | undefined {
  const head = text.slice(0, rules.readChars);
  const f = countOf(head, rules.female);
  const m = countOf(head, rules.male);
  if (f > 0 && f >= 2 * m) return 'female';
  if (m > 0 && m >= 2 * f) return 'male';
  return undefined;
}

/** Complete an incomplete code of a sex-specific category with the sex the note states and the side its words give. */
export function withPatientSex(suggestions: readonly Suggestion[], text: string, settings: AnalysisSettings, k: CodingKnowledge): Suggestion[] {
  const rules = k.rules.patientSex;
  const date = settings.dateOfService;
  const open = suggestions.filter((s) => s.status === 'incomplete' && s.system === 'icd10cm' && rules.codes.some((c) => matchesPattern(s.code, c.pattern)));
  if (open.length === 0) return [...suggestions];
  const sex = statedSex(text, rules);
  if (!sex) return [...suggestions];
  const side = k.rules.laterality;
  const out: Suggestion[] = [];
  for (const s of suggestions) {
    const rule = open.includes(s) ? rules.codes.find((c) => matchesPattern(s.code, c.pattern)) : undefined;
    if (!rule) {
      out.push(s);
      continue;
    }
    // The unspecified site (C50.9) when the code stops at its category's 4th character.
    let code = s.code.length === 4 ? `${s.code}${rule[sex]}` : s.code.length === 3 ? `${s.code}9${rule[sex]}` : s.code;
    const words = ` ${(s.evidence.map((e) => e.text).join(' ') || '').toLowerCase()} `;
    const has = (list: readonly string[]) => list.some((w) => words.includes(` ${w} `));
    const wanted = has(side.bilateral) || (has(side.right) && has(side.left)) ? 'bilateral' : has(side.right) ? 'right' : has(side.left) ? 'left' : 'unspecified';
    if (k.catalog.stateOf('icd10cm', code, date) === 'header') {
      const child = k.catalog.children('icd10cm', code, date).find((c) => c.billable && c.title.toLowerCase().includes(`${wanted} `));
      if (!child) {
        out.push(s);
        continue;
      }
      code = child.code;
    }
    const info = k.catalog.lookup('icd10cm', code, date);
    if (info.state !== 'billable' || suggestions.some((o) => o.code === code && o.status !== 'not-coded')) {
      out.push(s);
      continue;
    }
    const { choices: _, hcc: __, ...rest } = s;
    const hcc = info.hcc.find((h) => h.model === 'V28')?.hcc;
    out.push({
      ...rest,
      code,
      display: displayCode('icd10cm', code),
      title: info.title ?? '',
      state: info.state,
      status: 'suggested',
      reason: `${s.reason} The note states the patient is ${sex}: ${rules.literal} (${rules.source}).`,
      ...(hcc ? { hcc } : {}),
    });
  }
  return out;
}
