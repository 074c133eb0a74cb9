/**
 * Glasgow coma scale total scores (R40.24-, Official Guidelines I.C.18.e.1): a score written as a number
 * after the scale's name ("GCS 8", "Glasgow 3/15", "Glasgow coma scale of 12 on arrival") is the code of
 * its band, with the 7th character of the time the words near it name ("at the scene" 1, "on arrival" 2,
 * "on admission" 3); with no time said, the code is left incomplete for the coder to pick the 7th
 * character. The names, bands, time words and exclusions are data (assets/rules/coding.json `comaScale`).
 *
 * Not coded: a total of 15 (the normal finding of a conscious patient: coders do not report it, though
 * R40.241- spans 13-15); a score in a sentence saying the patient is sedated or in an induced coma
 * (I.C.18.e); a bound rather than a score ("intubate if GCS < 8", "GCS 8 or less"); a range ("GCS 13-14");
 * a score written with its parts ("GCS 9 (E2V3M4)": the eye, verbal and motor codes R40.21- to R40.23-
 * are the coder's, I.C.18.e.1 gives R40.24- only when the total alone is documented); a score marked
 * as not testable ("GCS 8T", intubated). One score per time is kept, the first documented, and untimed
 * scores only where no timed one is coded (at least the initial score on presentation, I.C.18.e.1).
 */
import { displayCode } from '../codes/code-format';
import { applyContext } from '../nlp/context';
import { sectionAt } from '../nlp/sections';
import type { Section, SectionCategory, Sentence, Span } from '../nlp/types';
import { matchesPattern } from './patterns';
import type { ComaScaleRule } from './rule-pack';
import { bySuggestionRank, type CodingKnowledge, ruleSuggestion } from './suggest';
import type { AnalysisSettings, Suggestion } from './types';
import { escapeRegExp } from './words';

/** A coma scale total the note documents. */
export interface ComaScore {
  score: number;
  /** The band's code (6 characters) and, when the note says when the score was taken, its 7th character. */
  code: string;
  seventh?: string;
  /** The name through the score ("GCS 8", "Glasgow coma scale of 12"). */
  span: Span;
  text: string;
  section: SectionCategory;
}

/** The coma codes themselves (unspecified, nontraumatic due to an underlying condition), not the scale's. */
const COMA = /^R402[0A]$/;
/** Words allowed between the name and the score ("GCS on arrival was 8", "Glasgow coma scale score of 12"). */
const MAX_WORDS_BETWEEN = 6;
/** A bound, not a score: "GCS < 8", "GCS of less than 9", "GCS 8 or less". */
const BOUND_BEFORE = /(?:[<>≤≥]=?|\b(?:less|lower|more|greater|higher|below|under|above|over|fewer)\b(?:\s+than)?)\s*$/;
const BOUND_AFTER = /^\s*(?:or\s+(?:less|lower|below|under|more|greater|higher|above|fewer)|and\s+(?:below|above)|\+|[-–]\s*\d)/;
/** A number that measures something else ("moved from Glasgow 12 years ago", "GCS 10 mg"): not a score. */
const UNIT_AFTER = /^\s*(?:%|years?|yrs?|months?|weeks?|days?|hours?|hrs?|minutes?|mins?|mg|mcg|g|kg|ml|cm|mm|miles?|km)\b/;
/** A score written before the name, in points ("an 8-point Glasgow coma scale"). */
const POINTS_BEFORE = /\b(\d{1,2})\s*-?\s*points?\s+(?:on\s+the\s+|on\s+)?$/;
/** The parts written with the total ("GCS 9 (E2V3M4)", "GCS 9: E2 V3 M4"). */
const PARTS_AFTER = /^\s*[(:,-]?\s*e\s*[1-4]\s*,?\s*v\s*[1-5t]/;


function namePattern(rule: Pick<ComaScaleRule, 'names'>): RegExp {
  const names = [...rule.names].sort((a, b) => b.length - a.length).map((n) => escapeRegExp(n).replace(/\s+/g, '\\s+'));
  return new RegExp(`\\b(?:${names.join('|')})\\b`, 'g');
}

/** The 7th character whose time words sit nearest the score, within `near` words either side. */
function timeOf(rule: ScaleReading, before: string, after: string): string | undefined {
  const words = (s: string) => s.match(/[a-z0-9-]+/g) ?? [];
  const left = words(before).slice(-rule.near);
  const right = words(after).slice(0, rule.near);
  let best: { char: string; dist: number } | undefined;
  for (const time of rule.times) {
    for (const phrase of time.words) {
      const p = phrase.split(/\s+/);
      for (let i = 0; i + p.length <= left.length; i++) {
        if (!p.every((w, k) => left[i + k] === w)) continue;
        const dist = left.length - (i + p.length);
        if (!best || dist < best.dist) best = { char: time.char, dist };
      }
      for (let i = 0; i + p.length <= right.length; i++) {
        if (!p.every((w, k) => right[i + k] === w)) continue;
        if (!best || i < best.dist) best = { char: time.char, dist: i };
      }
    }
  }
  return best?.char;
}

/** The coma scale totals a note documents, in text order. */
/** What reading a scale's total needs of its rule: the coma scale's, or the NIH stroke scale's with no times. */
export type ScaleReading = Pick<ComaScaleRule, 'names' | 'bands' | 'unless' | 'times' | 'near'>;

export function findComaScores(
  text: string,
  sections: readonly Section[],
  sentences: readonly Sentence[],
  rule: ScaleReading,
): ComaScore[] {
  const names = namePattern(rule);
  const out: ComaScore[] = [];
  for (const sentence of sentences) {
    if (sentence.kind === 'header') continue;
    const s = sentence.text.toLowerCase();
    names.lastIndex = 0;
    if (!names.test(s)) continue;
    if (rule.unless.some((w) => new RegExp(`\\b${escapeRegExp(w)}\\b`).test(s))) continue;
    const section = sectionAt(sections, sentence.start)?.category ?? 'unknown';
    const hits: Array<Span & { score: number; code: string; seventh?: string }> = [];
    names.lastIndex = 0;
    for (let m = names.exec(s); m !== null; m = names.exec(s)) {
      // "an 8-point Glasgow coma scale", "a 12 point GCS": the score written before the name.
      const lead = POINTS_BEFORE.exec(s.slice(0, m.index));
      if (lead?.[1]) {
        const score = Number(lead[1]);
        const band = rule.bands.find((b) => score >= b.min && score <= b.max);
        const start = m.index - lead[0].length;
        const end = m.index + m[0].length;
        if (band && !BOUND_BEFORE.test(s.slice(0, start))) {
          const seventh = timeOf(rule, s.slice(0, start), s.slice(end));
          hits.push({ start, end, score, code: band.code, ...(seventh ? { seventh } : {}) });
        }
        continue;
      }
      const rest = s.slice(m.index + m[0].length);
      // The first number after the name, with only words (no other number, no clause end) between.
      const num = /(\d{1,2})(?:\s*\/\s*15|\s+out\s+of\s+15)?/.exec(rest);
      if (!num) continue;
      const between = rest.slice(0, num.index);
      if (/[\d;.]/.test(between) || (between.match(/[a-z]+/g) ?? []).length > MAX_WORDS_BETWEEN) continue;
      const after = rest.slice(num.index + num[0].length);
      if (BOUND_BEFORE.test(between) || BOUND_AFTER.test(after) || PARTS_AFTER.test(after) || /^t\b/.test(after) || UNIT_AFTER.test(after))
        continue;
      const score = Number(num[1]);
      const band = rule.bands.find((b) => score >= b.min && score <= b.max);
      if (!band) continue;
      const start = m.index;
      const end = m.index + m[0].length + num.index + num[0].length;
      const seventh = timeOf(rule, s.slice(0, start) + between, after);
      hits.push({ start, end, score, code: band.code, ...(seventh ? { seventh } : {}) });
    }
    if (hits.length === 0) continue;
    const contexts = applyContext(sentence.text, hits, undefined, { section });
    hits.forEach((h, i) => {
      const ctx = contexts[i];
      if (!ctx || ctx.negated || ctx.hypothetical || ctx.experiencer !== 'patient') return;
      const span = { start: sentence.start + h.start, end: sentence.start + h.end };
      out.push({
        score: h.score,
        code: h.code,
        ...(h.seventh ? { seventh: h.seventh } : {}),
        span,
        text: text.slice(span.start, span.end),
        section,
      });
    });
  }
  return out;
}

/**
 * One score per time (the first documented), untimed ones only where no timed one is coded. A coma
 * suggestion read only from the scale's own name ("Glasgow COMA scale") is no coma and goes.
 */
export function withComaScores(
  suggestions: readonly Suggestion[],
  scores: readonly ComaScore[],
  text: string,
  settings: AnalysisSettings,
  k: CodingKnowledge,
): Suggestion[] {
  const rule = k.rules.comaScale;
  const names = namePattern(rule);
  const nameSpans = [...text.toLowerCase().matchAll(names)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const inName = (e: Span) => nameSpans.some((n) => n.start <= e.start && e.end <= n.end);
  // A coma in an induced coma or a sedated patient is not coded (Guidelines I.C.18.e).
  const words = (s: string) => s.toLowerCase().match(/[a-z0-9-]+/g) ?? [];
  const induced = (e: Span) => {
    const near = ` ${[...words(text.slice(Math.max(0, e.start - 120), e.start)).slice(-rule.near), ...words(text.slice(e.start, e.end)), ...words(text.slice(e.end, e.end + 120)).slice(0, rule.near)].join(' ')} `;
    return rule.unless.some((w) => near.includes(` ${words(w).join(' ')} `));
  };
  const kept = suggestions.filter(
    (s) =>
      !(s.code.startsWith('R402') && s.evidence.length > 0 && s.evidence.every(inName)) &&
      !(COMA.test(s.code) && s.evidence.length > 0 && s.evidence.every(induced)),
  );
  // No score beside a code it may not be used with (R40.2A, Guidelines I.C.18.e.1).
  if (kept.some((s) => s.status !== 'not-coded' && rule.notWith.some((p) => matchesPattern(s.code, p)))) {
    return kept.length === suggestions.length ? [...suggestions] : kept;
  }

  const timed = scores.filter((s) => s.seventh !== undefined);
  const chosen: ComaScore[] = [];
  for (const s of timed.length > 0 ? timed : scores.slice(0, 1)) if (!chosen.some((c) => c.seventh === s.seventh)) chosen.push(s);
  const added: Suggestion[] = [];
  for (const s of chosen) {
    const code = s.seventh ? `${s.code}${s.seventh}` : s.code;
    if (kept.some((o) => o.code === code)) continue;
    const info = k.catalog.lookup('icd10cm', code, settings.dateOfService);
    const complete = info.state === 'billable';
    if (!complete && !(info.state === 'header' && info.seventh.length > 0)) continue;
    added.push(
      ruleSuggestion(k, settings.dateOfService, {
        code,
        score: rule.score,
        reason: `“${s.text}”: a Glasgow coma scale total of ${s.score}, documented without its parts (Index Glasgow coma scale, total score; Guidelines I.C.18.e.1).${
          complete ? '' : ' Needs a 7th character for when the score was taken: the note does not say.'
        }`,
        evidence: [{ ...s.span, text: s.text }],
        section: s.section,
        status: complete ? 'suggested' : 'incomplete',
        ...(complete
          ? {}
          : { choices: info.seventh.map((c) => ({ code: c.code, display: displayCode('icd10cm', c.code), title: `${c.char}: ${c.meaning}` })) }),
      }),
    );
  }
  return added.length === 0 && kept.length === suggestions.length ? [...suggestions] : [...kept, ...added].sort(bySuggestionRank);
}
