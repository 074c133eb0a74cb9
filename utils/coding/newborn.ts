/**
 * The newborn's own record (Guidelines I.C.16):
 * - the birth episode is coded Z38 and first-listed (I.C.16.a.2): single or multiple, born in this hospital
 *   (delivered vaginally or by cesarean) or born outside a hospital; no Z38 after a transfer in or a
 *   readmission. The code is the Z38 leaf whose Tabular title says all three, not a table of codes;
 * - a prematurity the provider documents (I.C.16.d) takes the completed weeks written, and a birth weight
 *   under 2,500 g its own code before the weeks (I.C.16.e), both from the Tabular titles of P07.
 * Pure: plain data in, suggestions changed in place.
 */
import { displayCode } from '../codes/code-format';
import type { Span } from '../nlp/types';
import { matchesPattern } from './patterns';
import type { ObstetricRules } from './rule-pack';
import { ruleSuggestion } from './rule-suggestion';
import type { CodingKnowledge } from './suggest';
import type { AnalysisSettings, Suggestion } from './types';
import { firstHit, leaves, phrase } from './tabular-leaves';

export type NewbornRules = NonNullable<ObstetricRules['newborn']>;

export interface NewbornFacts {
  /** Where the baby was born, when this stay is the birth episode. */
  birth?: { place: 'hospital' | 'outside'; cesarean: boolean; births: number; span: Span; text: string };
  /** The birth weight in grams, as written (grams, kilograms or pounds and ounces). */
  birthWeight?: { grams: number; span: Span; text: string };
}

/** "2,450 g", "2450 grams", "2.45 kg", "5 lb 7 oz", "5 lbs 7 ozs", "5 pounds 7 ounces". */
const WEIGHT = /(\d{1,2}(?:,\d{3})|\d{3,4}|\d(?:\.\d{1,3})?)\s*(g|gm|gms|grams?|kg|kilograms?)(?![a-z])|(\d{1,2})\s*(?:lbs?|pounds?)\.?\s*(?:(\d{1,2}(?:\.\d)?)\s*(?:oz|ozs|ounces?)(?![a-z]))?/gi;

function gramsOf(m: RegExpMatchArray): number | undefined {
  if (m[1] !== undefined) {
    const n = Number(m[1].replace(',', ''));
    return /^k/i.test(m[2] ?? '') ? Math.round(n * 1000) : n;
  }
  if (m[3] !== undefined) return Math.round(Number(m[3]) * 453.592 + Number(m[4] ?? 0) * 28.3495);
  return undefined;
}

/** What the newborn's record says of the birth: read only on a record that opens on the newborn. */
export function readNewborn(text: string, rules: NewbornRules, multiples: ReadonlyArray<{ births: number; words: readonly string[] }>): NewbornFacts {
  const facts: NewbornFacts = {};
  const here = firstHit(text, rules.bornHereWords);
  const outside = firstHit(text, rules.bornOutsideWords);
  const elsewhere = firstHit(text, rules.notBirthEpisodeWords);
  const opening = text.slice(0, 400);
  const births = Math.max(1, ...multiples.filter((m) => firstHit(opening, m.words)).map((m) => m.births));
  const cesarean = firstHit(text, rules.cesareanWords) !== undefined;
  if (outside && !elsewhere) facts.birth = { place: 'outside', cesarean: false, births, span: outside, text: text.slice(outside.start, outside.end) };
  else if (here && !elsewhere) facts.birth = { place: 'hospital', cesarean, births, span: here, text: text.slice(here.start, here.end) };
  for (const w of rules.birthWeightWords) {
    for (const cue of text.matchAll(phrase(w))) {
      const after = text.slice(cue.index + cue[0].length, cue.index + cue[0].length + 40);
      const lead = /^[\s:=,-]*(?:of|was|is|:)?\s*/i.exec(after)?.[0].length ?? 0;
      WEIGHT.lastIndex = 0;
      const m = WEIGHT.exec(after.slice(lead));
      if (m?.index !== 0) continue;
      const grams = gramsOf(m);
      if (grams === undefined || grams < 200 || grams > 7000) continue;
      const start = cue.index + cue[0].length + lead;
      facts.birthWeight = { grams, span: { start: cue.index, end: start + m[0].length }, text: text.slice(cue.index, start + m[0].length) };
      return facts;
    }
  }
  return facts;
}

const coded = (s: Suggestion) => s.status !== 'not-coded';


const PLURALITY = ['single', 'twin', 'triplet', 'quadruplet', 'quintuplet'];

/** Z38: the leaf whose Tabular title names how many were born and where or how ("Twin liveborn infant, delivered by cesarean"). */
export function liveBornCode(k: CodingKnowledge, date: string, birth: NonNullable<NewbornFacts['birth']>): string | undefined {
  const count = PLURALITY[birth.births - 1] ?? 'other multiple';
  const how = birth.place === 'outside' ? 'born outside hospital' : birth.cesarean ? 'delivered by cesarean' : 'delivered vaginally';
  return leaves(k, 'Z38', date).find((l) => l.title.toLowerCase().startsWith(count) && l.title.toLowerCase().includes(how))?.code;
}

/** P07: the leaf whose title gives the completed weeks ("gestational age 36 completed weeks", "less than 23 completed weeks"). */
export function prematurityCode(k: CodingKnowledge, date: string, categories: readonly string[], weeks: number): string | undefined {
  for (const category of categories) {
    for (const leaf of leaves(k, category, date)) {
      const t = leaf.title.toLowerCase();
      const exact = /gestational age (\d+) completed weeks/.exec(t);
      if (exact && Number(exact[1]) === weeks) return leaf.code;
      const less = /less than (\d+) completed weeks/.exec(t);
      if (less && weeks < Number(less[1])) return leaf.code;
    }
  }
  return undefined;
}

/** P07: the leaf whose title gives the weight range ("2000-2499 grams", "less than 500 grams"). */
export function birthWeightCode(k: CodingKnowledge, date: string, categories: readonly string[], grams: number): string | undefined {
  for (const category of categories) {
    for (const leaf of leaves(k, category, date)) {
      const t = leaf.title.toLowerCase();
      const range = /(\d+)-(\d+) grams/.exec(t);
      if (range && grams >= Number(range[1]) && grams <= Number(range[2])) return leaf.code;
      const less = /less than (\d+) grams/.exec(t);
      if (less && grams < Number(less[1])) return leaf.code;
    }
  }
  return undefined;
}

/** Apply the newborn rules to the suggestions of the newborn's record, in place. */
export function applyNewborn(
  suggestions: Suggestion[],
  facts: NewbornFacts,
  weeks: { weeks: number; span: Span; text: string } | undefined,
  settings: AnalysisSettings,
  k: CodingKnowledge,
  rules: NewbornRules,
): void {
  const date = settings.dateOfService;
  const top = Math.max(0.5, ...suggestions.filter(coded).map((s) => s.score));
  if (facts.birth) {
    const code = liveBornCode(k, date, facts.birth);
    if (code && !suggestions.some((s) => coded(s) && s.code.startsWith('Z38'))) {
      suggestions.push(
        ruleSuggestion(k, date, {
          code,
          score: top,
          reason: `The birth episode on the newborn's record (“${facts.birth.text}”${facts.birth.place === 'hospital' ? `, ${facts.birth.cesarean ? 'by cesarean' : 'no cesarean written: delivered vaginally'}` : ''}): a Z38 code is the principal diagnosis (Guidelines I.C.16.a.2; Tabular Z38).`,
          evidence: [{ ...facts.birth.span, text: facts.birth.text }],
          section: 'unknown',
        }),
      );
    }
  }
  // A suspected condition ruled out after observation: its body system's Z05, after the Z38 (I.C.21.c.6).
  const birthCode = suggestions.find((s) => coded(s) && s.code.startsWith('Z38'));
  for (const s of suggestions) {
    if (s.notCoded !== 'ruled-out' || s.kind !== 'diagnosis') continue;
    const row = rules.ruledOut?.find((r) => r.patterns.some((p) => matchesPattern(s.code, p)));
    if (!row || suggestions.some((x) => coded(x) && x.code === row.code)) continue;
    suggestions.push(
      ruleSuggestion(k, date, {
        code: row.code,
        score: (birthCode?.score ?? top) * 0.95,
        reason: `A suspected ${s.display} ${s.title} ruled out after observation on the newborn's record (${s.evidence.map((e) => `“${e.text}”`).join(', ')}): observation and evaluation for a suspected condition ruled out (Guidelines I.C.21.c.6; Tabular Z05).`,
        evidence: s.evidence,
        section: s.section,
      }),
    );
  }
  const isWeeks = (s: Suggestion) => rules.weeksCategories.some((c) => s.code.startsWith(c));
  const isWeight = (s: Suggestion) => rules.weightCategories.some((c) => s.code.startsWith(c));
  // Prematurity only when the provider documents it (I.C.16.d): the weeks refine a coded preterm code.
  const preterm = suggestions.find((s) => coded(s) && isWeeks(s));
  if (preterm && weeks && weeks.weeks < 37) {
    const code = prematurityCode(k, date, rules.weeksCategories, weeks.weeks);
    if (code && code !== preterm.code) {
      const refined = ruleSuggestion(k, date, {
        code,
        // Just below the birth weight code, which comes first (same category: no sequencing pair orders them).
        score: preterm.score * 0.99,
        reason: `${preterm.reason} The gestational age written, “${weeks.text}”, is ${weeks.weeks} completed weeks (Guidelines I.C.16.d, I.C.16.e; Tabular P07).`,
        evidence: [...preterm.evidence, { ...weeks.span, text: weeks.text }],
        section: preterm.section,
        mentionIds: preterm.mentionIds,
      });
      preterm.status = 'not-coded';
      preterm.notCoded = 'less-specific';
      suggestions.push(refined);
    }
  }
  const documented = suggestions.some((s) => coded(s) && (isWeeks(s) || isWeight(s)));
  if (documented && facts.birthWeight && facts.birthWeight.grams < 2500) {
    const code = birthWeightCode(k, date, rules.weightCategories, facts.birthWeight.grams);
    if (code && !suggestions.some((s) => coded(s) && s.code === code)) {
      for (const s of suggestions) {
        if (!coded(s) || !isWeight(s)) continue;
        s.status = 'not-coded';
        s.notCoded = 'less-specific';
      }
      suggestions.push(
        ruleSuggestion(k, date, {
          code,
          score: Math.max(0.3, preterm?.score ?? 0.5),
          reason: `Birth weight “${facts.birthWeight.text}” (${facts.birthWeight.grams} g), beside the prematurity or low birth weight the record documents; the birth weight is sequenced before the gestational age (Guidelines I.C.16.e; Tabular P07).`,
          evidence: [{ ...facts.birthWeight.span, text: facts.birthWeight.text }],
          section: 'unknown',
        }),
      );
    }
  }
}

/**
 * On the newborn's record a condition read as the adult's (Sepsis A41.9, Jaundice R17, Hypoglycemia E16.2) is
 * the perinatal code of the Index's newborn or neonatal subterm (I.C.16.a.1, I.C.16.a.5): it gives way to a
 * code of that category already on the record (P36.0 beside A41.9), or becomes that code.
 */
export function applyPerinatalForms(suggestions: Suggestion[], settings: AnalysisSettings, k: CodingKnowledge, rules: NewbornRules): void {
  const date = settings.dateOfService;
  for (const row of rules.perinatalForms ?? []) {
    for (const s of [...suggestions]) {
      if (!coded(s) || s.kind !== 'diagnosis' || !row.codes.some((p) => matchesPattern(s.code, p))) continue;
      const why = `The newborn's record: Index ${row.index.join(', ')} ${displayCode('icd10cm', row.code)} (Guidelines I.C.16.a.1, I.C.16.a.5: chapter 16 codes on the newborn's record; a condition that may be due to the birth process or community acquired defaults to chapter 16).`;
      const category = row.code.slice(0, 3);
      const perinatal = suggestions.find((o) => coded(o) && o.code.startsWith(category));
      const read = s.reason;
      s.status = 'not-coded';
      s.notCoded = perinatal ? 'included-in-other-code' : 'less-specific';
      s.reason += perinatal ? ` ${why} ${perinatal.display} ${perinatal.title} is on the record.` : ` ${why}`;
      if (perinatal) continue;
      suggestions.push(
        ruleSuggestion(k, date, {
          code: row.code,
          score: s.score,
          reason: `${read} ${why}`,
          evidence: s.evidence,
          section: s.section,
          mentionIds: s.mentionIds,
        }),
      );
    }
  }
}
