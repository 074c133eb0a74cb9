/**
 * An allergy to a substance that is no drug of the Table of Drugs' adverse-effect column (latex, radiographic
 * contrast, insect stings): the allergy list or an allergy sentence names it, and its status code is the
 * Index's (History, personal, allergy, latex Z91.040; radiographic dye Z91.041; insect Z91.038 …), a status
 * that is coded with no current reaction (Guidelines I.C.21.c.3). The substances and their codes are data
 * (coding.json `substanceAllergies`); ConText decides negation ("no latex allergy") and experiencer.
 */
import { applyContext } from '../nlp/context';
import { sectionAt } from '../nlp/sections';
import type { Section, Sentence } from '../nlp/types';
import { matchesPattern } from './patterns';
import type { CodingRulePack } from './rule-pack';
import { bySuggestionRank, type CodingKnowledge, ruleSuggestion } from './suggest';
import type { AnalysisSettings, Suggestion } from './types';
import { escapeRegExp } from './words';

type Rule = CodingRulePack['substanceAllergies'];
interface Compiled {
  cue: RegExp;
  words: RegExp;
  byWord: Map<string, Rule['substances'][number]>;
}
const cache = new WeakMap<Rule, Compiled>();
const alternation = (phrases: readonly string[]) =>
  new RegExp(
    `(?<![\\p{L}\\p{N}])(?:${[...phrases]
      .sort((a, b) => b.length - a.length)
      .map((p) => escapeRegExp(p).replace(/\s+/g, '\\s+'))
      .join('|')})(?![\\p{L}\\p{N}])`,
    'giu',
  );

function compile(rule: Rule): Compiled {
  let c = cache.get(rule);
  if (!c) {
    const byWord = new Map(rule.substances.flatMap((s) => s.words.map((w) => [w, s] as const)));
    c = { cue: alternation(rule.cues), words: alternation([...byWord.keys()]), byWord };
    cache.set(rule, c);
  }
  return c;
}

/**
 * The suggestions with the status code of each substance allergy the note documents (one per code), unless
 * a suggestion already gives that code; a drugless allergy reading of the same sentence ("allergy" T78.40)
 * is then not coded beside it.
 */
export function withSubstanceAllergies(
  suggestions: readonly Suggestion[],
  text: string,
  structure: { sections: readonly Section[]; sentences: readonly Sentence[] },
  settings: AnalysisSettings,
  k: CodingKnowledge,
): Suggestion[] {
  const rule = k.rules.substanceAllergies;
  const c = compile(rule);
  c.words.lastIndex = 0;
  if (!c.words.test(text)) return [...suggestions];
  const found = new Map<string, { literal: string; spans: Array<{ start: number; end: number; text: string }>; section: Suggestion['section']; sentences: Sentence[] }>();
  for (const sentence of structure.sentences) {
    if (sentence.kind === 'header') continue;
    const section = sectionAt(structure.sections, sentence.start)?.category ?? 'unknown';
    if (section === 'family_history') continue;
    c.cue.lastIndex = 0;
    if (section !== 'allergies' && !c.cue.test(sentence.text)) continue;
    const hits: Array<{ start: number; end: number; word: string }> = [];
    c.words.lastIndex = 0;
    for (let m = c.words.exec(sentence.text); m !== null; m = c.words.exec(sentence.text))
      hits.push({ start: m.index, end: m.index + m[0].length, word: m[0].toLowerCase().replace(/\s+/g, ' ') });
    if (hits.length === 0) continue;
    const contexts = applyContext(sentence.text, hits, undefined, { section });
    hits.forEach((h, i) => {
      const ctx = contexts[i];
      const substance = c.byWord.get(h.word);
      if (!ctx || !substance || ctx.negated || ctx.experiencer !== 'patient' || ctx.hypothetical) return;
      const entry = found.get(substance.code) ?? { literal: substance.literal, spans: [], section, sentences: [] };
      entry.spans.push({ start: sentence.start + h.start, end: sentence.start + h.end, text: text.slice(sentence.start + h.start, sentence.start + h.end) });
      entry.sentences.push(sentence);
      found.set(substance.code, entry);
    });
  }
  if (found.size === 0) return [...suggestions];
  const out = [...suggestions];
  for (const [code, f] of found) {
    if (out.some((s) => s.code === code && s.status !== 'not-coded')) continue;
    if (k.catalog.lookup('icd10cm', code, settings.dateOfService).state !== 'billable') continue;
    const added = ruleSuggestion(k, settings.dateOfService, {
      code,
      score: rule.score,
      reason: `Allergy to ${f.literal} (“${[...new Set(f.spans.map((s) => s.text))].join('”, “')}”): ${rule.literal} (${rule.source}).`,
      evidence: f.spans,
      section: f.section,
    });
    out.push(added);
    // "Latex allergy": the drugless reading of the same sentence (T78.40 Allergy, unspecified) is the status.
    for (const s of out) {
      if (s.status === 'not-coded' || !rule.drugless.some((p) => matchesPattern(s.code, p))) continue;
      if (!s.evidence.every((e) => f.sentences.some((x) => e.start >= x.start && e.end <= x.end))) continue;
      s.status = 'not-coded';
      s.notCoded = 'included-in-other-code';
      s.reason += ` The allergy is documented with its substance: ${added.display} ${added.title}.`;
    }
  }
  return out.sort(bySuggestionRank);
}
