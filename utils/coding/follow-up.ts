/**
 * Follow-up and aftercare visits (Guidelines I.C.21.c.7, I.C.21.c.8): a follow-up examination after completed
 * treatment reads the condition treated as past (its personal history code) and is coded Z08 / Z09 first; an
 * aftercare visit after an operation is coded with the aftercare code the operation's status calls for.
 */
import type { Mention } from './types';
import { matchesPattern } from './patterns';
import type { CodingRulePack } from './rule-pack';
import { bySuggestionRank, type CodingKnowledge, ruleSuggestion } from './suggest';
import type { AnalysisSettings, Suggestion } from './types';
import { escapeRegExp } from './words';

type FollowUpRule = NonNullable<CodingRulePack['followUpExamination']>;
type AftercareRule = NonNullable<CodingRulePack['aftercare']>;

const compiled = new Map<string, RegExp>();
/** A cue's pattern, compiled once (case-insensitive, global so every occurrence can be found). */
function cue(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    re = new RegExp(source, 'gi');
    compiled.set(source, re);
  }
  re.lastIndex = 0;
  return re;
}

/** The first cue's match in the text, with its offset. */
function firstCue(text: string, cues: readonly string[]): { index: number; text: string } | undefined {
  let best: { index: number; text: string } | undefined;
  for (const source of cues) {
    const m = cue(source).exec(text);
    if (m && (!best || m.index < best.index)) best = { index: m.index, text: m[0] };
  }
  return best;
}

const hasFollowWord = (sentence: string, rule: FollowUpRule): boolean => {
  const lower = sentence.toLowerCase();
  // Compiled once per word (the cue cache); the follow words are lower case, read in the lower-cased sentence.
  return rule.follow.some((w) => cue(`(?:^|[^a-z])${escapeRegExp(w)}(?![a-z])`).test(lower));
};

/** Sentences (by their span) of the visit's reason that say it is a follow-up after completed treatment. */
function followUpSentences(mentions: readonly Mention[], text: string, rule: FollowUpRule): Array<{ start: number; end: number; cueAt: number; cue: string }> {
  const seen = new Map<string, { start: number; end: number; cueAt: number; cue: string }>();
  for (const m of mentions) {
    if (!rule.sections.includes(m.section)) continue;
    const key = `${m.sentence.start}:${m.sentence.end}`;
    if (seen.has(key)) continue;
    const sentence = text.slice(m.sentence.start, m.sentence.end);
    if (!hasFollowWord(sentence, rule)) continue;
    const found = firstCue(sentence, rule.cues);
    if (found) seen.set(key, { start: m.sentence.start, end: m.sentence.end, cueAt: m.sentence.start + found.index, cue: found.text });
  }
  return [...seen.values()];
}

/** The clause (between semicolons) of a sentence holding an offset. */
function clauseOf(text: string, sentence: { start: number; end: number }, at: number): { start: number; end: number } {
  const before = text.lastIndexOf(';', at - 1);
  const after = text.indexOf(';', at);
  return { start: Math.max(sentence.start, before + 1), end: after < 0 || after > sentence.end ? sentence.end : after };
}

/**
 * Mentions of the condition a follow-up after completed treatment names, read as past wherever the note names
 * it (the pneumonia of the HPI is the one the follow-up says was treated): a HISTORICAL trigger is added. A
 * chronic condition (hypertension, diabetes) stays current: it is still managed (Guidelines IV.J).
 */
export function withFollowUpHistory(mentions: readonly Mention[], text: string, settings: AnalysisSettings, rules: CodingRulePack): Mention[] {
  const rule = rules.followUpExamination?.settings.includes(settings.setting) ? rules.followUpExamination : undefined;
  const aftercare = rules.aftercare?.settings.includes(settings.setting) ? rules.aftercare : undefined;
  const treated = rule ? withTreatedHistory(mentions, text, rule, rules) : [...mentions];
  return aftercare ? withAftercareHistory(treated, text, aftercare) : treated;
}

/**
 * The operation an aftercare visit names ("6-week post-op visit, left total knee arthroplasty") was done
 * before the visit: it leaves its status (Z96.652), which the aftercare code goes with (Tabular Z47.1).
 */
function withAftercareHistory(mentions: readonly Mention[], text: string, rule: AftercareRule): Mention[] {
  const visits = new Map<number, { index: number; text: string }>();
  for (const m of mentions) {
    if (!rule.sections.includes(m.section) || visits.has(m.sentence.start)) continue;
    const found = firstCue(text.slice(m.sentence.start, m.sentence.end), rule.cues);
    if (found) visits.set(m.sentence.start, found);
  }
  if (visits.size === 0) return [...mentions];
  return mentions.map((m) => {
    const found = visits.get(m.sentence.start);
    if (!found || m.source !== 'procedure' || m.context.historical || m.context.negated || m.context.hypothetical) return m;
    const start = m.sentence.start + found.index;
    const trigger = { literal: `${found.text} (aftercare visit)`, category: 'HISTORICAL', start, end: start + found.text.length };
    return { ...m, context: { ...m.context, historical: true, triggers: [...m.context.triggers, trigger] } };
  });
}

function withTreatedHistory(mentions: readonly Mention[], text: string, rule: FollowUpRule, rules: CodingRulePack): Mention[] {
  const sentences = followUpSentences(mentions, text, rule);
  if (sentences.length === 0) return [...mentions];
  const isChronic = (code: string) => rules.chronic.patterns.some((p) => matchesPattern(code, p));
  // "Pneumonia, resolved": resolution is no negation of a past condition (its personal history is coded).
  const resolvedOnly = (m: Mention) =>
    m.context.triggers.filter((t) => t.category === 'NEGATED_EXISTENCE').every((t) => rules.resolvedDuringStay.triggers.includes(t.literal.toLowerCase()));
  const denied = (m: Mention) => m.context.negated && !resolvedOnly(m);
  const treated = new Set<string>();
  for (const s of sentences) {
    const cueClause = clauseOf(text, s, s.cueAt);
    for (const m of mentions) {
      if (m.source === 'procedure' || m.system !== 'icd10cm' || m.span.start < cueClause.start || m.span.end > cueClause.end) continue;
      if (denied(m) || m.context.experiencer !== 'patient' || m.codes.length === 0) continue;
      if (m.codes.some((c) => /^[RZSTVWXY]/.test(c) || isChronic(c))) continue;
      for (const c of m.codes) treated.add(c);
    }
  }
  if (treated.size === 0) return [...mentions];
  const first = sentences[0] as (typeof sentences)[number];
  return mentions.map((m) => {
    if (m.source === 'procedure' || m.context.historical || denied(m) || !m.codes.some((c) => treated.has(c))) return m;
    const trigger = { literal: `${first.cue} (follow-up after completed treatment)`, category: 'HISTORICAL', start: first.cueAt, end: first.cueAt + first.cue.length };
    return { ...m, context: { ...m.context, historical: true, triggers: [...m.context.triggers, trigger] } };
  });
}

const isCoded = (s: Suggestion) => s.status !== 'not-coded' && s.system === 'icd10cm';

/** Put a suggestion first: the encounter's reason is first-listed (Guidelines I.C.21.c.16, IV.G). */
function first(suggestions: Suggestion[], s: Suggestion): void {
  s.score = Math.max(s.score, ...suggestions.filter(isCoded).map((o) => o.score)) + 1e-6;
}

/**
 * Z08 / Z09 first-listed where the visit is a follow-up after completed treatment and the note's personal history
 * code of the condition is coded; Z47.1 / Z48.81- first-listed where the visit is an aftercare visit after an
 * operation whose status code is coded. Neither when an injury is coded (its 7th character D says the visit).
 */
export function withFollowUpCodes(
  suggestions: readonly Suggestion[],
  mentions: readonly Mention[],
  text: string,
  settings: AnalysisSettings,
  k: CodingKnowledge,
): Suggestion[] {
  const out = [...suggestions];
  const live = out.filter(isCoded);
  const date = settings.dateOfService;
  const add = (code: string, reason: string, at: { start: number; end: number; section: Suggestion['section'] }): void => {
    if (k.catalog.lookup('icd10cm', code, date).state !== 'billable') return;
    const existing = out.find((s) => s.system === 'icd10cm' && s.code === code);
    const s =
      existing ??
      ruleSuggestion(k, date, { code, score: 0, reason, evidence: [{ start: at.start, end: at.end, text: text.slice(at.start, at.end) }], section: at.section });
    if (existing) {
      existing.status = 'suggested';
      delete existing.notCoded;
    } else out.push(s);
    first(out, s);
  };

  const follow = k.rules.followUpExamination;
  if (follow?.settings.includes(settings.setting) && !live.some((s) => follow.unless.some((p) => matchesPattern(s.code, p)))) {
    const sentence = followUpSentences(mentions, text, follow)[0];
    const malignant = live.find((s) => follow.malignantHistory.some((p) => matchesPattern(s.code, p)));
    const other = live.find((s) => follow.otherHistory.some((p) => matchesPattern(s.code, p)));
    const history = malignant ?? other;
    if (sentence && history) {
      const section = mentions.find((m) => m.sentence.start === sentence.start)?.section ?? 'unknown';
      const code = malignant ? follow.malignant : follow.other;
      add(code, `A follow-up examination after completed treatment (“${sentence.cue}”), with ${history.display} ${history.title}: ${follow.literal} (${follow.source}).`, {
        start: sentence.cueAt,
        end: sentence.cueAt + sentence.cue.length,
        section,
      });
    }
  }

  const after = k.rules.aftercare;
  if (after?.settings.includes(settings.setting) && !live.some((s) => after.unless.some((p) => matchesPattern(s.code, p)))) {
    const visit = visitCue(mentions, text, after);
    if (visit) {
      for (const row of after.rows) {
        const status = live.find((s) => row.status.some((p) => matchesPattern(s.code, p)));
        if (!status) continue;
        add(row.code, `An aftercare visit after an operation (“${visit.cue}”), with ${status.display} ${status.title}: ${row.literal} (${row.source}; ${after.literal}).`, visit);
        for (const g of out.filter((s) => isCoded(s) && after.generic.some((p) => matchesPattern(s.code, p)))) {
          g.status = 'not-coded';
          g.notCoded = 'less-specific';
          g.reason += ` The aftercare of its kind is coded instead (${row.source}).`;
        }
        break;
      }
    }
  }
  const observe = k.rules.accidentObservation;
  const chronic = (code: string) => k.rules.chronic.patterns.some((p) => matchesPattern(code, p));
  const found = (s: Suggestion, rule: NonNullable<typeof observe>) =>
    rule.unless.some((p) => matchesPattern(s.code, p)) || (rule.unlessAcute.some((p) => matchesPattern(s.code, p)) && !chronic(s.code));
  if (observe?.settings.includes(settings.setting) && !live.some((s) => found(s, observe))) {
    const seen = visitCue(mentions, text, observe);
    const row = seen && observe.rows.find((r) => live.some((s) => r.causes.some((p) => matchesPattern(s.code, p))));
    if (seen && row) add(row.code, `Examined and observed after an accident, no injury found (“${seen.cue}”): ${observe.literal} (${observe.source}).`, seen);
  }
  return out.sort(bySuggestionRank);
}

/**
 * The first cue of a rule in a sentence of its sections: words saying no injury was found after the accident
 * ("no injury found"), or that the visit is aftercare ("post-op visit").
 */
function visitCue(
  mentions: readonly Mention[],
  text: string,
  rule: { sections: readonly Suggestion['section'][]; cues: readonly string[] },
): { start: number; end: number; cue: string; section: Suggestion['section'] } | undefined {
  const done = new Set<number>();
  for (const m of mentions) {
    if (!rule.sections.includes(m.section) || done.has(m.sentence.start)) continue;
    done.add(m.sentence.start);
    const found = firstCue(text.slice(m.sentence.start, m.sentence.end), rule.cues);
    if (found) return { start: m.sentence.start + found.index, end: m.sentence.start + found.index + found.text.length, cue: found.text, section: m.section };
  }
  return undefined;
}
