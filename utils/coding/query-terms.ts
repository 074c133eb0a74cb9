/**
 * Terms the Alphabetic Index gives no code ("Urosepsis - code to condition"; coding.json `queryTerms`): the
 * coder codes neither the term nor a guess at it, and queries the provider for the condition meant
 * (Guidelines I.C.1.d.1.a.ii). Each term the note affirms (or calls possible) is listed as not coded, with
 * the query, so the coder sees it; a negated, past, hypothetical or family mention is left out.
 */
import { applyContext, compileContext } from '../nlp/context';
import { toContext } from '../nlp/mentions';
import { sectionAt } from '../nlp/sections';
import type { Section, Sentence } from '../nlp/types';
import type { CodingKnowledge } from './suggest';
import type { Suggestion } from './types';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type QueryTermRules = NonNullable<CodingKnowledge['rules']['queryTerms']>;

/** Each rule's words as one whole-word pattern, compiled once per rule pack (analyze runs per note). */
const compiledCache = new WeakMap<QueryTermRules, Array<{ rule: QueryTermRules[number]; pattern: RegExp }>>();
function compiledTerms(rules: QueryTermRules) {
  let compiled = compiledCache.get(rules);
  if (!compiled) {
    compiled = rules.map((rule) => ({
      rule,
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${rule.words.map((w) => escapeRegExp(w).replace(/ /g, '\\s+')).join('|')})(?![\\p{L}\\p{N}])`, 'giu'),
    }));
    compiledCache.set(rules, compiled);
  }
  return compiled;
}

export function withQueryTerms(
  suggestions: readonly Suggestion[],
  text: string,
  structure: { sections: readonly Section[]; sentences: readonly Sentence[] },
  k: CodingKnowledge,
): Suggestion[] {
  const rules = k.rules.queryTerms ?? [];
  if (rules.length === 0) return [...suggestions];
  const compiled = compiledTerms(rules);
  // Shared global patterns: their lastIndex is reset before every use.
  const mentioned = compiled.some((c) => {
    c.pattern.lastIndex = 0;
    return c.pattern.test(text);
  });
  if (!mentioned) return [...suggestions];
  const context = compileContext();
  const out = [...suggestions];
  const listed = new Set<string>();
  for (const sentence of structure.sentences) {
    if (sentence.kind === 'header') continue;
    const s = text.slice(sentence.start, sentence.end);
    const hits: Array<{ start: number; end: number; rule: (typeof rules)[number] }> = [];
    for (const c of compiled) {
      c.pattern.lastIndex = 0;
      for (let m = c.pattern.exec(s); m !== null; m = c.pattern.exec(s)) hits.push({ start: m.index, end: m.index + m[0].length, rule: c.rule });
    }
    if (hits.length === 0) continue;
    const section = sectionAt(structure.sections, sentence.start)?.category ?? 'unknown';
    const contexts = applyContext(s, hits, context, { section });
    hits.forEach((h, i) => {
      const ctx = toContext(contexts[i], sentence.start);
      if (ctx.negated || ctx.historical || ctx.hypothetical || ctx.experiencer !== 'patient') return;
      if (listed.has(h.rule.literal)) return;
      listed.add(h.rule.literal);
      const written = s.slice(h.start, h.end);
      out.push({
        code: '',
        display: '—',
        title: `${written}: no code`,
        system: 'icd10cm',
        kind: 'diagnosis',
        score: 0.3,
        reason: `“${written}”: ${h.rule.literal}; ${h.rule.query} (${h.rule.source}).`,
        evidence: [{ start: sentence.start + h.start, end: sentence.start + h.end, text: written }],
        context: ctx.possible ? 'possible' : 'affirmed',
        section,
        status: 'not-coded',
        notCoded: 'no-code-query',
        state: 'unknown',
        mentionIds: [],
      });
    });
  }
  return out;
}
