/**
 * Long-term (current) drug therapy, category Z79 (Official Guidelines I.C.21.c.3): drugs the patient
 * takes now, read from the medication list and from narrative with a current-use cue ("on warfarin",
 * "takes metformin"), each class coded once. The drugs, classes, codes and cue phrases are data
 * (assets/rules/long-term-drugs.json), validated on load; ConText (utils/nlp/context) decides negation,
 * hypothetical use and experiencer, as it does for conditions.
 *
 * Not drug therapy: a negated or planned drug ("not on anticoagulation", "will start apixaban"), one
 * stopped ("previously on"), a dose given during the encounter ("ceftriaxone 1 g IV given in the ED"),
 * an allergy, a relative's drug, and antibiotics without a long-term or prophylactic cue (I.C.21.c.3
 * excludes short courses). A drug held during the stay is still the patient's ("metformin held").
 */
import * as v from 'valibot';
import data from '../../assets/rules/long-term-drugs.json';
import { applyContext } from '../nlp/context';
import { sectionAt } from '../nlp/sections';
import { SECTION_CATEGORIES, type Section, type SectionCategory, type Sentence, type Span } from '../nlp/types';
import { matchesPattern, PATTERN_SHAPE } from './patterns';
import { parsePack, RulePackError } from './rule-pack';
import { bySuggestionRank, type CodingKnowledge, ruleSuggestion } from './suggest';
import type { AnalysisSettings, Suggestion } from './types';
import { escapeRegExp } from './words';

const phrase = v.pipe(v.string(), v.minLength(1), v.regex(/^[^A-Z]*$/, 'write phrases in lower case'));
const cue = v.strictObject({ literal: v.string(), source: v.string(), phrases: v.pipe(v.array(phrase), v.minLength(1)) });

const schema = v.strictObject({
  version: v.literal(1),
  source: v.string(),
  literal: v.string(),
  /** Score of a Z79 suggestion: below the conditions (Z79 codes are secondary, I.C.21.c.3). */
  score: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  /** Sections whose lines are the patient's current medications (Home Medications, Discharge Medications). */
  sections: v.array(v.picklist(SECTION_CATEGORIES)),
  /** Sections where a drug is never the patient's therapy (Allergies, Family History). */
  skipSections: v.array(v.picklist(SECTION_CATEGORIES)),
  cues: v.strictObject({
    /** Phrases up to `window` words before the drug ("on", "takes"); the other cues look `window` words each side. */
    current: v.strictObject({ ...cue.entries, window: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
    regimen: cue,
    chronic: cue,
    stopped: cue,
    planned: cue,
    oneTime: cue,
    allergy: cue,
  }),
  /** Prefixes written just before a drug name that make it another word ("non-insulin-dependent"). */
  notTheDrug: v.strictObject({ literal: v.string(), source: v.string(), prefixes: v.array(v.pipe(v.string(), v.minLength(1))) }),
  /** ConText triggers ignored for drugs (their scope is the condition prevented, not the drug). */
  ignoreContextTriggers: v.strictObject({ literal: v.string(), source: v.string(), literals: v.array(v.string()) }),
  classes: v.pipe(
    v.array(
      v.strictObject({
        id: v.pipe(v.string(), v.regex(/^[a-z0-9-]+$/, 'not an id')),
        literal: v.string(),
        source: v.string(),
        code: v.pipe(v.string(), v.regex(/^Z79[0-9]{1,3}$/, 'not a Z79 code')),
        drugs: v.pipe(v.array(phrase), v.minLength(1)),
        /** Coded only with a long-term or prophylactic cue (antibiotics: short courses are not coded). */
        requiresChronicCue: v.boolean(),
        /** Not coded beside these codes (Z79.4 with type 1 diabetes E10, I.C.4.a.3). */
        notWith: v.array(v.pipe(v.string(), v.regex(PATTERN_SHAPE, 'not a code pattern'))),
      }),
    ),
    v.minLength(1),
  ),
});

export type LongTermDrugPack = v.InferOutput<typeof schema>;
export type DrugClass = LongTermDrugPack['classes'][number];

export function parseLongTermDrugs(input: unknown, file = 'long-term-drugs.json'): LongTermDrugPack {
  const pack = parsePack(schema, input, file);
  const seen = new Map<string, string>();
  for (const c of pack.classes) {
    for (const d of c.drugs) {
      const other = seen.get(d);
      if (other) throw new RulePackError(`${file}: classes.${c.id}: “${d}” is already a drug of ${other}`);
      seen.set(d, c.id);
    }
  }
  return pack;
}

let loaded: LongTermDrugPack | undefined;
/** The shipped pack, validated on first use (not at import: entrypoints are imported by the build). */
export function defaultLongTermDrugs(): LongTermDrugPack {
  loaded ??= parseLongTermDrugs(data);
  return loaded;
}

/** A drug the patient takes long term, with the words that name it. */
export interface DrugUse {
  classId: string;
  /** Dotless Z79 code. */
  code: string;
  drug: string;
  span: Span;
  section: SectionCategory;
}

interface Compiled {
  drugs: RegExp;
  classOf: Map<string, DrugClass>;
  cues: Record<keyof LongTermDrugPack['cues'], RegExp>;
}

const compiledCache = new WeakMap<LongTermDrugPack, Compiled>();
/** A phrase as a whole-word pattern: spaces match any white space, `#` a number ("for # years"). */
const phrasePattern = (p: string) => escapeRegExp(p).replace(/\s+/g, '\\s+').replace(/#/g, '\\d+(?:\\.\\d+)?');
const alternation = (phrases: readonly string[]) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${[...phrases]
      .sort((a, b) => b.length - a.length)
      .map(phrasePattern)
      .join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );

function compile(pack: LongTermDrugPack): Compiled {
  const cached = compiledCache.get(pack);
  if (cached) return cached;
  const classOf = new Map<string, DrugClass>();
  for (const c of pack.classes) for (const d of c.drugs) classOf.set(d, c);
  const cues = Object.fromEntries(Object.entries(pack.cues).map(([k, c]) => [k, alternation(c.phrases)])) as Compiled['cues'];
  const compiled = { drugs: alternation([...classOf.keys()]), classOf, cues };
  compiledCache.set(pack, compiled);
  return compiled;
}

const has = (re: RegExp, text: string) => {
  re.lastIndex = 0;
  return re.test(text);
};

/**
 * Drugs the patient currently takes, in note order. `sections` and `sentences` come from
 * `detectSections` / `splitSentences` on the same text.
 *
 * @example findLongTermDrugs('Atrial fibrillation, on warfarin.', sections, sentences)[0].code // 'Z7901'
 */
export function findLongTermDrugs(
  text: string,
  sections: readonly Section[],
  sentences: readonly Sentence[],
  pack: LongTermDrugPack = defaultLongTermDrugs(),
): DrugUse[] {
  const c = compile(pack);
  const ignored = new Set(pack.ignoreContextTriggers.literals);
  const out: DrugUse[] = [];
  for (const sentence of sentences) {
    if (sentence.kind === 'header') continue;
    const section = sectionAt(sections, sentence.start)?.category ?? 'unknown';
    if (pack.skipSections.includes(section)) continue;
    const s = sentence.text.toLowerCase();
    const hits: Array<Span & { drug: string; cls: DrugClass }> = [];
    c.drugs.lastIndex = 0;
    for (let m = c.drugs.exec(s); m !== null; m = c.drugs.exec(s)) {
      const drug = m[0].replace(/\s+/g, ' ');
      const cls = c.classOf.get(drug);
      if (cls) hits.push({ start: m.index, end: m.index + m[0].length, drug, cls });
    }
    if (hits.length === 0) continue;
    // An allergy anywhere in the sentence makes its drugs allergies ("Allergies: penicillin (rash)").
    if (has(c.cues.allergy, s)) continue;
    const listed = pack.sections.includes(section);
    const window = pack.cues.current.window;
    const contexts = applyContext(sentence.text, hits, undefined, { section });
    hits.forEach((h, i) => {
      const ctx = contexts[i];
      if (!ctx || ctx.negated || ctx.experiencer !== 'patient') return;
      if (ctx.triggers.some((t) => t.category === 'HYPOTHETICAL' && !ignored.has(t.literal))) return;
      const before = s.slice(0, h.start);
      if (pack.notTheDrug.prefixes.some((p) => before.endsWith(p))) return;
      // Cues are read near the drug: "chronic renal failure" elsewhere in the sentence says nothing of it.
      const near = before
        .split(/\s+/)
        .slice(-(window + 1))
        .join(' ');
      const around = `${near} ${s.slice(h.start, h.end)} ${s
        .slice(h.end)
        .split(/\s+/)
        .slice(0, window + 1)
        .join(' ')}`;
      if (has(c.cues.stopped, around) || has(c.cues.oneTime, around) || has(c.cues.planned, near)) return;
      const chronic = has(c.cues.chronic, around);
      if (h.cls.requiresChronicCue && !chronic) return;
      if (!listed && !chronic && !has(c.cues.regimen, around) && !has(c.cues.current, near)) return;
      const start = sentence.start + h.start;
      out.push({
        classId: h.cls.id,
        code: h.cls.code,
        drug: text.slice(start, sentence.start + h.end),
        span: { start, end: sentence.start + h.end },
        section,
      });
    });
  }
  return out;
}

/**
 * The suggestions with one Z79 suggestion per code the drugs support, ranked by `bySuggestionRank`.
 * A class whose `notWith` codes are coded is left out (Z79.4 with type 1 diabetes: I.C.4.a.3); a code
 * already suggested from the conditions' words is not repeated. Insulin and oral hypoglycemics are
 * both coded for type 2 diabetes (I.C.4.a.3), whatever the older Excludes1 note at Z79.4 says.
 */
export function withLongTermDrugs(
  suggestions: readonly Suggestion[],
  uses: readonly DrugUse[],
  settings: AnalysisSettings,
  k: CodingKnowledge,
  pack: LongTermDrugPack = defaultLongTermDrugs(),
): Suggestion[] {
  const coded = suggestions.filter((s) => s.status !== 'not-coded' && s.system === 'icd10cm');
  const byCode = new Map<string, DrugUse[]>();
  for (const u of uses) byCode.set(u.code, [...(byCode.get(u.code) ?? []), u]);
  const added: Suggestion[] = [];
  for (const [code, found] of byCode) {
    if (suggestions.some((s) => s.code === code)) continue;
    const classes = pack.classes.filter((c) => found.some((u) => u.classId === c.id));
    if (classes.some((c) => coded.some((s) => c.notWith.some((p) => matchesPattern(s.code, p))))) continue;
    const info = k.catalog.lookup('icd10cm', code, settings.dateOfService);
    if (info.state !== 'billable') continue;
    const drugs = [...new Set(found.map((u) => u.drug.toLowerCase()))];
    const first = found[0] as DrugUse;
    added.push(
      ruleSuggestion(k, settings.dateOfService, {
        code,
        score: pack.score,
        reason: `Long-term use of ${classes.map((c) => c.literal.toLowerCase()).join(', ')}: “${drugs.join('”, “')}”. ${pack.literal} Source: ${classes[0]?.source}.`,
        evidence: found.map((u) => ({ ...u.span, text: u.drug })),
        section: first.section,
      }),
    );
  }
  return added.length === 0 ? [...suggestions] : [...suggestions, ...added].sort(bySuggestionRank);
}
