/**
 * Pregnancy and delivery (ICD-10-CM chapter 15), read as a coder reads a delivery record:
 * - the trimester of a chapter 15 code from the weeks written, the "in childbirth" code when the patient
 *   delivers in this stay (Guidelines I.C.15.a.3; trimesters from the Tabular chapter 15 head note);
 * - the weeks of gestation, Z3A.- (completed weeks, I.C.15.a.7; I.C.21.c.11), from the Tabular titles of Z3A;
 * - the outcome of delivery, Z37.-, on the maternal record when a delivery occurred (I.C.15.b.5), from the
 *   Tabular titles of Z37;
 * - a condition that pregnancy makes a chapter 15 code (a group B streptococcus carrier: O99.82-, not Z22.330);
 * - a condition in a pregnancy is presumed to complicate it: its chapter 15 code where the Index puts it in a
 *   pregnancy, the condition's own code beside it only where that code's Tabular asks for it (I.C.15.a.1;
 *   pregnancy-conditions.ts); none when the provider documents the pregnancy as incidental (Z33.1);
 * - O80 only when no other chapter 15 code is coded, and with Z37.0 only (I.C.15.b.2, I.C.15.n);
 * - none of these on the newborn's record (I.C.15.a.2).
 * Words, timings and codes are data (assets/rules/coding.json `obstetric`).
 */
import { displayCode } from '../codes/code-format';
import { applyContext } from '../nlp/context';
import { sectionAt } from '../nlp/sections';
import type { Section, SectionCategory, Sentence, Span } from '../nlp/types';
import { applyNewborn, applyPerinatalForms, type NewbornFacts, readNewborn } from './newborn';
import { leaves, phrase } from './tabular-leaves';
import { matchesPattern } from './patterns';
import type { ObstetricRules } from './rule-pack';
import { ruleSuggestion } from './rule-suggestion';
import type { CodingKnowledge } from './suggest';
import { codeRanges, inRange } from './pregnancy-conditions';
import type { AnalysisSettings, Mention, Suggestion } from './types';

interface Found {
  span: Span;
  text: string;
  section: SectionCategory;
}

export interface ObstetricFacts {
  /** The record is a pregnancy's (maternal words or patterns such as G2P1). */
  maternal: boolean;
  /** The record is the newborn's (its opening names a newborn). */
  newborn: boolean;
  /** On the newborn's record: the birth episode and the birth weight (utils/coding/newborn.ts). */
  birth?: NewbornFacts;
  /** Weeks of gestation at admission, as written ("39 weeks 2 days": 39 and 2). */
  weeks?: Found & { weeks: number; days: number };
  /** Words saying the patient delivered in this stay. */
  delivery?: Found;
  /** Words saying she delivered before this encounter ("postpartum day 6 after vaginal delivery"): the puerperium. */
  priorDelivery?: Found;
  /** Words saying the patient is pregnant now ("30 weeks pregnant", "IUP"), not in the past, negated or planned. */
  pregnant?: Found;
  /** Words of the provider saying the pregnancy is incidental to the encounter (Z33.1, I.C.15.a.1). */
  incidental?: Found;
  /** Births (1 unless twins, triplets… are written) and whether they were born alive. */
  outcome: { births: number; live: 'live' | 'some' | 'still' | undefined; evidence?: Found };
}


/** Spans (in the sentence) of the words of a list. */
function hits(sentence: string, words: readonly string[]): Span[] {
  const out: Span[] = [];
  for (const w of words) for (const m of sentence.matchAll(phrase(w))) out.push({ start: m.index, end: m.index + m[0].length });
  return out.sort((a, b) => a.start - b.start);
}

/** "39 weeks 2 days", "39 weeks and 2 days", "39w2d", "39+2 weeks", "39 2/7 weeks", "36 wks". */
const WEEKS =
  /(?<![\d.])(\d{1,2})\s*(?:(?:\+\s*(\d)|\s(\d)\s*\/\s*7)(?:\s*(?:weeks?|wks?|w)(?![a-z]))?|-?\s*(weeks?|wks?|w)(?![a-z])\.?(?:\s*(?:,|and)?\s*(\d)\s*(?:days?|d)(?![a-z]))?)/gi;
/** Words between "at" and nothing: "delivered at", "G2P1 at". */
const SKIP_BEFORE = new Set(['at', 'of', 'about', 'approximately', 'approx', 'around', 'now']);

const wordsOf = (s: string) => s.toLowerCase().match(/[a-z0-9'-]+/g) ?? [];

function okContext(sentence: string, spans: readonly Span[], section: SectionCategory, certain = false): boolean[] {
  return applyContext(sentence, spans, undefined, { section }).map(
    (c) => !c.negated && !c.hypothetical && !c.historical && c.experiencer === 'patient' && !(certain && c.possible),
  );
}

/** What the note says of pregnancy, weeks, delivery and births. */
export function readObstetric(text: string, sections: readonly Section[], sentences: readonly Sentence[], rules: ObstetricRules): ObstetricFacts {
  const lower = text.toLowerCase();
  const firstAt = (res: RegExp[], s: string) => Math.min(...res.map((re) => re.exec(s)?.index ?? Number.POSITIVE_INFINITY));
  const maternalAt = firstAt([...rules.maternalWords.map(phrase), ...rules.maternalPatterns.map((p) => new RegExp(p))], text);
  const maternal = Number.isFinite(maternalAt);
  // The newborn's record opens on the newborn ("Newborn male born at 39 weeks to a G2P1 mother"); a
  // delivery record names the newborn after the mother ("G2P1 at 39 weeks … Newborn to nursery").
  const newborn = firstAt(rules.newbornWords.map(phrase), lower.slice(0, rules.newbornOpening)) < maternalAt;
  const facts: ObstetricFacts = { maternal, newborn, outcome: { births: 1, live: undefined } };
  if (newborn && rules.newborn) facts.birth = readNewborn(text, rules.newborn, rules.multiples);
  // The newborn's record reads its weeks too (the gestational age at birth, I.C.16.e).
  if (!maternal && !newborn) return facts;
  let uncued: ObstetricFacts['weeks'];
  let live = false;
  let still = false;
  for (const sentence of sentences) {
    if (sentence.kind === 'header') continue;
    const s = sentence.text;
    const section = sectionAt(sections, sentence.start)?.category ?? 'unknown';
    const found = (span: Span): Found => ({
      span: { start: sentence.start + span.start, end: sentence.start + span.end },
      text: s.slice(span.start, span.end),
      section,
    });
    if (!facts.delivery) {
      const spans = hits(s, rules.deliveryWords);
      const ok = okContext(s, spans, section);
      const first = spans.find((_, i) => ok[i]);
      const prior = first !== undefined && hits(s.slice(0, first.start), rules.priorDeliveryWords).length > 0;
      if (first && prior) facts.priorDelivery ??= found(first);
      else if (first) facts.delivery = found(first);
    }
    if (!facts.pregnant) {
      const spans = hits(s, rules.complicating.pregnantWords);
      // "possibly pregnant" is no pregnancy to code conditions in.
      const ok = okContext(s, spans, section, true);
      const notNow = rules.complicating.notNowBefore ?? [];
      const notNowAfter = rules.complicating.notNowAfter ?? [];
      const someoneElses = (span: Span) => {
        const lead = ` ${wordsOf(s.slice(0, span.start)).slice(-4).join(' ')} `;
        const next = ` ${wordsOf(s.slice(span.end)).slice(0, 4).join(' ')} `;
        return notNow.some((w) => lead.endsWith(` ${w} `)) || notNowAfter.some((w) => next.startsWith(` ${w} `));
      };
      const first = spans.find((span, i) => ok[i] && !someoneElses(span));
      if (first) facts.pregnant = found(first);
    }
    if (!facts.incidental) {
      const spans = hits(s, rules.complicating.incidental.words);
      const ok = okContext(s, spans, section);
      const first = spans.find((_, i) => ok[i]);
      if (first) facts.incidental = found(first);
    }
    if (!facts.weeks) {
      for (const m of s.matchAll(WEEKS)) {
        const weeks = Number(m[1]);
        const days = Number(m[2] ?? m[3] ?? m[5] ?? 0);
        if (weeks < 1 || weeks > 45 || days > 6) continue;
        // A bare "39+2" or "39 2/7" is read only with a unit or a gestation word near it.
        const compact = m[2] !== undefined || m[3] !== undefined || (m[4]?.toLowerCase() === 'w' && m[5] !== undefined);
        const before = wordsOf(s.slice(0, m.index));
        const after = wordsOf(s.slice(m.index + m[0].length));
        const lead = [...before];
        while (lead.length > 0 && SKIP_BEFORE.has(lead[lead.length - 1] as string)) lead.pop();
        const next = ` ${after.slice(0, 2).join(' ')} `;
        if (rules.eventWords.before.some((w) => lead[lead.length - 1] === w) || rules.eventWords.after.some((w) => next.startsWith(` ${w} `))) continue;
        const window = ` ${[...before.slice(-6), ...wordsOf(m[0]), ...after.slice(0, 3)].join(' ')} `;
        const near = s.slice(Math.max(0, m.index - 40), m.index + m[0].length + 30);
        const cued =
          compact ||
          rules.gestationWords.some((w) => window.includes(` ${w} `)) ||
          rules.maternalPatterns.some((p) => new RegExp(p).test(near));
        const unit = m[4] !== undefined || /(?:weeks?|wks?|w)\s*$/i.test(m[0]);
        if (!cued && !(unit && before[before.length - 1] === 'at')) continue;
        const span = { start: m.index, end: m.index + m[0].length };
        if (!okContext(s, [span], section)[0]) continue;
        const read = { ...found(span), weeks, days };
        if (cued) {
          facts.weeks = read;
          // "G2P1 at 30 weeks": the weeks of her pregnancy now.
          for (const p of rules.maternalPatterns) {
            const at = new RegExp(p).exec(s);
            if (at) facts.pregnant ??= found({ start: at.index, end: at.index + at[0].length });
          }
          break;
        }
        uncued ??= read;
      }
    }
    for (const multiple of rules.multiples) if (hits(s, multiple.words).length > 0 && multiple.births > facts.outcome.births) facts.outcome.births = multiple.births;
    const liveSpans = hits(s, rules.liveWords);
    if (liveSpans.length > 0) {
      live = true;
      facts.outcome.evidence ??= found(liveSpans[0] as Span);
    }
    const stillSpans = hits(s, rules.stillWords);
    const stillOk = okContext(s, stillSpans, section);
    const stillAt = stillSpans.find((_, i) => stillOk[i]);
    if (stillAt) {
      still = true;
      facts.outcome.evidence ??= found(stillAt);
    }
  }
  if (!facts.weeks && uncued) facts.weeks = uncued;
  facts.outcome.live = live && still ? (facts.outcome.births > 1 ? 'some' : undefined) : live ? 'live' : still ? 'still' : undefined;
  return facts;
}

/** The timings a title names, and the title without them (what the condition is). */
function timingOf(title: string, rules: ObstetricRules): { key: string; timings: Set<string> } {
  let t = title.toLowerCase();
  const timings = new Set<string>();
  for (const tm of rules.timings) {
    for (const p of tm.phrases) {
      const re = phrase(p);
      if (!re.test(t)) continue;
      timings.add(tm.timing);
      t = t.replace(phrase(p), ' ');
    }
  }
  return { key: t.replace(/[^a-z0-9]+/g, ' ').trim(), timings };
}


/** The trimester of a gestational age, from the chapter 15 head note ("2nd trimester- 14 weeks 0 days to less than 28 weeks 0 days"). */
export function trimesterOf(k: CodingKnowledge, code: string, date: string, weeks: number, days: number): number | undefined {
  const starts: Array<{ n: number; from: number }> = [];
  for (const note of k.catalog.lookup('icd10cm', code, date).notes) {
    const m = /^\s*([1-3])(?:st|nd|rd)\s+trimester\s*-\s*(.*)$/i.exec(note.text);
    if (!m) continue;
    const rest = m[2] ?? '';
    const at = /^less than\b/i.test(rest) ? undefined : /(\d+)\s+weeks?\s+(\d+)\s+days?/i.exec(rest);
    starts.push({ n: Number(m[1]), from: at ? Number(at[1]) * 7 + Number(at[2]) : 0 });
  }
  const age = weeks * 7 + days;
  return starts.filter((s) => s.from <= age).sort((a, b) => b.from - a.from)[0]?.n;
}

const CHAPTER_15 = /^O(?:[0-8]\d|9[0-9A])/;
const NEWBORN_CODE = /^(?:P(?:[0-8]\d|9[0-6])|Z38)/;
const coded = (s: Suggestion) => s.status === 'suggested' || s.status === 'conflict' || s.status === 'incomplete';

/**
 * The code of the same condition for the time of this stay: "in childbirth" when the patient delivers,
 * else the trimester of the weeks written; with `fallback`, a header (O99.82) takes its pregnancy code when neither
 * applies. An unspecified trimester is never chosen (Guidelines I.C.15.a.5): a header stays for the coder.
 */
function timedCode(
  code: string,
  k: CodingKnowledge,
  date: string,
  delivered: boolean | 'before',
  trimester: number | undefined,
  fallback = false,
): string {
  const rules = k.rules.obstetric;
  const own = k.catalog.lookup('icd10cm', code, date);
  if (own.seventh.length > 0 || own.state === 'unknown' || own.state === 'invalid-on-date') return code;
  const { key, timings } = timingOf(own.title ?? '', rules);
  if (timings.has('childbirth') || timings.has('puerperium')) return code;
  const header = own.state === 'header';
  if (timings.size === 0 && !header) return code;
  const candidates = leaves(k, code.slice(0, 3), date)
    .map((l) => ({ code: l.code, ...timingOf(l.title, rules) }))
    // A header's own title names all its timings ("… complicating pregnancy, childbirth and the puerperium"): its codes are
    // its children, and the codes of the same condition at another time ("O99.01 Anemia complicating pregnancy": O99.02).
    .filter((l) => (header ? l.code.startsWith(code) || (timings.size > 0 && l.key === key) : l.key === key));
  // Delivered before this encounter: the puerperium code, never a trimester (Guidelines I.C.15.a.3).
  if (delivered === 'before') return candidates.find((c) => c.timings.has('puerperium'))?.code ?? code;
  const want = [...(delivered ? ['childbirth'] : []), ...(trimester ? [String(trimester)] : []), ...(header && fallback ? ['pregnancy'] : [])];
  for (const w of want) {
    // The pregnancy code without a trimester only (no trimester is guessed, I.C.15.a.5).
    const found = candidates.find((c) => c.timings.has(w) && (w !== 'pregnancy' || c.timings.size === 1));
    if (found) return found.code;
  }
  return code;
}

function recode(s: Suggestion, code: string, k: CodingKnowledge, date: string, why: string): void {
  const info = k.catalog.lookup('icd10cm', code, date);
  s.code = code;
  s.display = displayCode('icd10cm', code);
  s.title = info.title ?? s.title;
  s.state = info.state;
  if (s.status === 'incomplete' && info.state === 'billable') s.status = 'suggested';
  delete s.choices;
  delete s.specificity;
  s.reason += ` ${why}`;
}


/** Z3A: the completed weeks, in the code whose Tabular title gives them ("39 weeks gestation", "Greater than 42 weeks"). */
export function weeksCode(k: CodingKnowledge, date: string, weeks: number): string | undefined {
  for (const leaf of leaves(k, 'Z3A', date)) {
    const t = leaf.title.toLowerCase();
    const exact = /^(\d+) weeks gestation/.exec(t);
    if (exact && Number(exact[1]) === weeks) return leaf.code;
    const less = /^less than (\d+) weeks/.exec(t);
    if (less && weeks < Number(less[1])) return leaf.code;
    const more = /^greater than (\d+) weeks/.exec(t);
    if (more && weeks > Number(more[1])) return leaf.code;
  }
  return undefined;
}

/** Z37: the outcome of delivery whose Tabular title says the births and how many were born alive. */
export function outcomeCode(k: CodingKnowledge, date: string, rules: ObstetricRules, outcome: ObstetricFacts['outcome']): string | undefined {
  const all = leaves(k, 'Z37', date);
  const unspecified = all.find((l) => /\bunspecified\b/i.test(l.title) && !/\bmultiple\b/i.test(l.title))?.code;
  const row = [...rules.liveness].filter((r) => r.births <= outcome.births).sort((a, b) => b.births - a.births)[0];
  const words = outcome.live && row ? row[outcome.live] : '';
  if (!words) return unspecified;
  const count = outcome.births === 1 ? 'single' : rules.multiples.find((m) => m.births === outcome.births)?.title;
  const found = all.find((l) => {
    const t = l.title.toLowerCase();
    return count !== undefined && t.startsWith(count) && phrase(words).test(t);
  });
  return found?.code ?? unspecified;
}

/**
 * The chapter 15 code asks for the condition's own code too: a "use additional code" note that names its class
 * ("from category E11", "(E66.-)"), or that names none and asks for the condition ("to identify specific condition").
 */
function keepsCondition(k: CodingKnowledge, chapter15: string, code: string, date: string): boolean {
  const rules = k.rules.obstetric.complicating;
  for (const note of k.catalog.lookup('icd10cm', chapter15, date).notes) {
    if (note.type !== 'useAdditionalCode') continue;
    const refs = codeRanges(note.text);
    if (refs.length > 0) {
      if (refs.some((r) => inRange(code, r))) return true;
    } else if (rules.keepNotes.some((w) => note.text.toLowerCase().includes(w))) return true;
  }
  return false;
}

/** A chapter 15 code found by the class of a code alone fits it unless its notes ask for codes of another class (O99.32-: F11-F16, F18-F19, not F17). */
function fitsClass(k: CodingKnowledge, date: string, chapter15: string, code: string): boolean {
  const refs = k.catalog
    .lookup('icd10cm', chapter15, date)
    .notes.filter((n) => n.type === 'useAdditionalCode')
    .flatMap((n) => codeRanges(n.text))
    .filter((r) => !r.from.startsWith('Z'));
  return refs.length === 0 || refs.some((r) => inRange(code, r));
}

/** Apply the obstetric rules to the suggestions of a record, in place. */
export function applyObstetric(
  suggestions: Suggestion[],
  facts: ObstetricFacts | undefined,
  settings: AnalysisSettings,
  k: CodingKnowledge,
  mentions: readonly Mention[] = [],
): void {
  if (!facts) return;
  const rules = k.rules.obstetric;
  const date = settings.dateOfService;
  const live = () => suggestions.filter((s) => coded(s) && s.system === 'icd10cm');
  const isOb = (s: Suggestion) => CHAPTER_15.test(s.code) || s.code.startsWith('Z3A') || s.code.startsWith('Z37');
  // Perinatal codes read beside chapter 15 ones ("cesarean delivery wound": Injury, delivery P15.9) do not make it the newborn's record.
  if (facts.newborn || (live().some((s) => NEWBORN_CODE.test(s.code)) && !live().some((s) => CHAPTER_15.test(s.code)))) {
    // The delivery is the mother's procedure, coded on her record (ICD-10-PCS 10D0-/10E0- are obstetric).
    const isDelivery = (s: Suggestion) => s.kind === 'procedure' && rules.deliveryProcedures.some((p) => matchesPattern(s.code, p));
    for (const s of suggestions) {
      if (!isDelivery(s) || s.notCoded === 'other-experiencer') continue;
      s.status = 'not-coded';
      s.notCoded = 'other-experiencer';
      s.reason += ` The newborn's record: the delivery is the mother's procedure, coded on her record (ICD-10-PCS section 1, Obstetrics).`;
    }
    for (const s of live()) {
      if (!isOb(s)) continue;
      s.status = 'not-coded';
      s.notCoded = 'other-experiencer';
      s.reason += ` The newborn's record: chapter 15, Z3A and Z37 codes are for the maternal record only (${rules.source.split(';')[0]}, I.C.15.a.2).`;
    }
    if (facts.newborn && rules.newborn) applyPerinatalForms(suggestions, settings, k, rules.newborn);
    if (facts.newborn && facts.birth && rules.newborn) {
      const weeks = facts.weeks ? { weeks: facts.weeks.weeks, span: facts.weeks.span, text: facts.weeks.text } : undefined;
      applyNewborn(suggestions, facts.birth, weeks, settings, k, rules.newborn);
    }
    return;
  }
  if (!facts.maternal && !live().some((s) => CHAPTER_15.test(s.code))) return;

  const deliveryProcedure = suggestions.find(
    (s) =>
      s.kind === 'procedure' &&
      s.context === 'affirmed' &&
      (coded(s) || s.notCoded === 'no-code-set-for-date') &&
      rules.deliveryProcedures.some((p) => matchesPattern(s.code, p)),
  );
  const delivered = facts.delivery !== undefined || deliveryProcedure !== undefined;
  // Delivered before this encounter and not in it: the puerperium (Guidelines I.C.15.a.3).
  const timing: boolean | 'before' = delivered || (facts.priorDelivery ? 'before' : false);
  const deliveryWhy = facts.delivery ? `“${facts.delivery.text}”` : `${deliveryProcedure?.display} ${deliveryProcedure?.title}`;
  const trimester = (code: string) => (facts.weeks ? trimesterOf(k, code, date, facts.weeks.weeks, facts.weeks.days) : undefined);

  // A condition pregnancy makes a chapter 15 code.
  for (const rule of rules.counterparts) {
    for (const s of live()) {
      if (!rule.codes.some((p) => matchesPattern(s.code, p))) continue;
      const code = timedCode(rule.code, k, date, timing, trimester(rule.code), true);
      if (k.catalog.stateOf('icd10cm', code, date) !== 'billable') continue;
      if (!suggestions.some((o) => o.code === code && coded(o)))
        suggestions.push(
          ruleSuggestion(k, date, {
            code,
            score: s.score,
            reason: `“${s.evidence[0]?.text ?? s.display}” in a pregnancy: ${rule.literal} (${rule.source}).`,
            evidence: s.evidence,
            section: s.section,
            mentionIds: s.mentionIds,
          }),
        );
      if (!rule.keep) {
        s.status = 'not-coded';
        s.notCoded = 'included-in-other-code';
        s.reason += ` In a pregnancy it is ${displayCode('icd10cm', code)} (${rule.source}).`;
      }
    }
  }

  const complicating = rules.complicating;
  if (facts.incidental) {
    // The provider documents the pregnancy as incidental: Z33.1 in place of any chapter 15 code (I.C.15.a.1).
    for (const s of live()) {
      if (!CHAPTER_15.test(s.code)) continue;
      s.status = 'not-coded';
      s.notCoded = 'included-in-other-code';
      s.reason += ` The pregnancy is documented as incidental (“${facts.incidental.text}”): ${displayCode('icd10cm', complicating.incidental.code)} in place of chapter 15 codes (${complicating.incidental.source}).`;
    }
    if (!suggestions.some((o) => o.code === complicating.incidental.code && coded(o)))
      suggestions.push(
        ruleSuggestion(k, date, {
          code: complicating.incidental.code,
          score: 0.3,
          reason: `The pregnancy is documented as incidental to the encounter (“${facts.incidental.text}”) (${complicating.incidental.source}).`,
          evidence: [{ ...facts.incidental.span, text: facts.incidental.text }],
          section: facts.incidental.section,
          mentionIds: [],
        }),
      );
  } else if (k.pregnancy && facts.pregnant) {
    // A condition in a pregnancy is presumed to complicate it: its chapter 15 code (I.C.15.a.1). The record must say
    // she is pregnant now: "G2P2", a pregnancy test or a child's birth history ("born at 37 weeks") does not.
    for (const s of live()) {
      if (s.kind !== 'diagnosis' || CHAPTER_15.test(s.code) || complicating.skip.some((p) => matchesPattern(s.code, p))) continue;
      const mention = mentions.find((m) => s.mentionIds.includes(m.id));
      if (!mention) continue;
      const title = k.catalog.lookup('icd10cm', s.code, date).title ?? '';
      const match = k.pregnancy.lookup(s.code, mention.text, mention.path, title, (o, c) => fitsClass(k, date, o, c));
      if (!match) continue;
      const code = timedCode(match.code, k, date, timing, trimester(match.code), true);
      const state = k.catalog.stateOf('icd10cm', code, date);
      if (state !== 'billable' && state !== 'header') continue;
      const where = match.path.join(', ');
      const existing = suggestions.find((o) => o.code === code && coded(o));
      if (existing) {
        const spans = new Set(existing.evidence.map((e) => `${e.start}:${e.end}`));
        existing.evidence.push(...s.evidence.filter((e) => !spans.has(`${e.start}:${e.end}`)));
        existing.mentionIds = [...new Set([...existing.mentionIds, ...s.mentionIds])];
      } else {
        const o = ruleSuggestion(k, date, {
          code,
          score: s.score,
          reason: `“${s.evidence[0]?.text ?? s.display}” in a pregnancy is presumed to complicate it: ${where} (Guidelines I.C.15.a.1).`,
          evidence: s.evidence,
          section: s.section,
          mentionIds: s.mentionIds,
        });
        if (state !== 'billable') o.status = 'incomplete';
        suggestions.push(o);
      }
      if (!keepsCondition(k, code, s.code, date)) {
        s.status = 'not-coded';
        s.notCoded = 'included-in-other-code';
        s.reason += ` In a pregnancy it is ${displayCode('icd10cm', code)} (${where}), whose Tabular notes ask for no additional code for it (Guidelines I.C.15.a.1).`;
      }
    }
  }

  // The timing of each chapter 15 code (I.C.15.a.3).
  for (const s of live()) {
    if (!CHAPTER_15.test(s.code)) continue;
    const code = timedCode(s.code, k, date, timing, trimester(s.code));
    if (code === s.code) continue;
    const t = trimester(s.code);
    const why = delivered && /childbirth/i.test(k.catalog.lookup('icd10cm', code, date).title ?? '')
      ? `The patient delivered in this stay (${deliveryWhy}): the “in childbirth” code is assigned (Guidelines I.C.15.a.3).`
      : timing === 'before'
        ? `The patient delivered before this encounter (“${facts.priorDelivery?.text}”): the “puerperium” code is assigned (Guidelines I.C.15.a.3).`
        : `Trimester ${t} from the weeks documented (“${facts.weeks?.text}”; Tabular chapter 15 head note, Guidelines I.C.15.a.3).`;
    recode(s, code, k, date, why);
  }
  // Two readings now one code: one suggestion, with the evidence of both.
  for (let i = suggestions.length - 1; i >= 0; i--) {
    const s = suggestions[i] as Suggestion;
    const first = suggestions.findIndex((o) => o.system === s.system && o.code === s.code);
    if (first === i) continue;
    const keep = suggestions[first] as Suggestion;
    if (coded(s) && !coded(keep)) continue;
    const spans = new Set(keep.evidence.map((e) => `${e.start}:${e.end}`));
    keep.evidence.push(...s.evidence.filter((e) => !spans.has(`${e.start}:${e.end}`)));
    keep.mentionIds = [...new Set([...keep.mentionIds, ...s.mentionIds])];
    keep.score = Math.max(keep.score, s.score);
    suggestions.splice(i, 1);
  }

  const obScore = Math.max(0.3, ...live().filter((s) => CHAPTER_15.test(s.code)).map((s) => s.score)) * 0.8;
  // Weeks of gestation (Z3A): completed weeks (I.C.15.a.7), on the maternal record (I.C.21.c.11).
  const abortive = live().some((s) => /^O0[0-8]/.test(s.code));
  if (facts.weeks && !abortive && !live().some((s) => s.code.startsWith('Z3A') && s.state === 'billable')) {
    const code = weeksCode(k, date, facts.weeks.weeks);
    if (code) {
      for (const s of live()) {
        if (!s.code.startsWith('Z3A')) continue;
        s.status = 'not-coded';
        s.notCoded = 'less-specific';
      }
      suggestions.push(
        ruleSuggestion(k, date, {
            code,
          score: obScore,
          reason: `Weeks of gestation “${facts.weeks.text}”: ${facts.weeks.weeks} completed weeks (Guidelines I.C.15.a.7, I.C.21.c.11; Tabular Z3A).`,
          evidence: [{ ...facts.weeks.span, text: facts.weeks.text }],
          section: facts.weeks.section,
          mentionIds: [],
        }),
      );
    }
  }
  // Outcome of delivery (Z37) on every maternal record with a delivery (I.C.15.b.5).
  let outcome: string | undefined;
  if (delivered && !abortive) {
    outcome = live().find((s) => s.code.startsWith('Z37') && s.state === 'billable')?.code ?? outcomeCode(k, date, rules, facts.outcome);
    if (outcome && !suggestions.some((s) => s.code === outcome && coded(s))) {
      const evidence = facts.outcome.evidence ?? facts.delivery;
      const spans = [facts.delivery, facts.outcome.evidence].filter((f): f is Found => f !== undefined);
      suggestions.push(
        ruleSuggestion(k, date, {
          code: outcome,
          score: obScore * 0.9,
          reason: `A delivery in this stay (${deliveryWhy})${evidence && evidence !== facts.delivery ? `, “${evidence.text}”` : ''}: the outcome of delivery is coded on the maternal record (Guidelines I.C.15.b.5; Tabular Z37).`,
          evidence: [...new Map(spans.map((f) => [`${f.span.start}`, { ...f.span, text: f.text }])).values()],
          section: (evidence ?? facts.delivery)?.section ?? 'unknown',
          mentionIds: [],
        }),
      );
    }
  }
  // O80 only when no other chapter 15 code is needed, and with Z37.0 only (I.C.15.b.2, I.C.15.n).
  const other = live().find((s) => CHAPTER_15.test(s.code) && !matchesPattern(s.code, rules.uncomplicated.code));
  for (const s of live()) {
    if (!matchesPattern(s.code, rules.uncomplicated.code)) continue;
    if (!other && (!outcome || matchesPattern(outcome, rules.uncomplicated.outcome))) continue;
    s.status = 'not-coded';
    s.notCoded = 'included-in-other-code';
    s.reason += other
      ? ` Not an uncomplicated delivery: ${other.display} ${other.title} is coded (${rules.uncomplicated.source}).`
      : ` The outcome is not a single live birth (${rules.uncomplicated.source}).`;
  }
}
