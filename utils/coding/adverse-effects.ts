/**
 * Adverse effects of drugs properly taken (Official Guidelines I.C.19.e.5.a): a condition the note links to
 * a drug in its own clause ("nausea due to cisplatin", "hyponatremia secondary to hydrochlorothiazide",
 * "chemotherapy-induced nausea") is coded first, then the drug's code from the Table of Drugs and
 * Chemicals, adverse-effect column (T36-T50, 5th or 6th character 5), with the 7th character of the
 * encounter (injury-encounter.ts; A for active treatment unless the note says otherwise).
 *
 * The linking words, the words of another reading (poisoning, underdosing, allergy status: those sentences
 * are the mention reader's), and drug names the Table does not list ("chemotherapy": Antineoplastic NEC) are
 * data (coding.json `adverseEffects`). Only coded, current, the patient's own conditions link: a negated,
 * historical or planned condition gives no adverse effect, and a drug merely listed gives none.
 */
import { displayCode } from '../codes/code-format';
import type { Lexicon } from '../nlp/lexicon';
import { chooseSeventh } from './injury-encounter';
import type { AdverseEffectRules } from './rule-pack';
import { bySuggestionRank, type CodingKnowledge, ruleSuggestion } from './suggest';
import type { AnalysisSettings, Mention, Suggestion } from './types';

/** The Table of Drugs column of a drug properly taken (lexicon.drugColumns: "Adverse effect"). */
const ADVERSE_COLUMN = 4;
/** Codes that are no condition of their own here: drug and chemical codes, external causes, factors (Z). */
const NOT_A_NATURE = /^(?:T3[6-9]|T[45]\d|T6[0-5]|[VWXYZ])/;
/** Punctuation that ends the clause between a linking word and its drug. */
const CLAUSE_BREAK = /[,;:()[\]]/;

interface Token {
  w: string;
  start: number;
  end: number;
}

interface DrugReading {
  code: string;
  literal: string;
  span: { start: number; end: number };
}

export interface AdverseEffectKnowledge extends CodingKnowledge {
  lexicon: Lexicon;
}

const tokensOf = (s: string): Token[] => [...s.matchAll(/[a-z0-9]+/gi)].map((m) => ({ w: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));

const phraseAt = (tokens: readonly Token[], at: number, phrase: string): number => {
  const words = phrase.split(/[^a-z0-9]+/).filter(Boolean);
  return words.every((w, i) => tokens[at + i]?.w === w) ? words.length : 0;
};

const says = (tokens: readonly Token[], phrases: readonly string[]): boolean =>
  tokens.some((_, at) => phrases.some((p) => phraseAt(tokens, at, p) > 0));

/** The drug the tokens [from, to) name, by the rules' names or the Table of Drugs, in its adverse-effect column. */
function drugOf(tokens: readonly Token[], from: number, to: number, lex: Lexicon, rules: AdverseEffectRules): { code: string; literal: string } | undefined {
  const phrase = tokens
    .slice(from, to)
    .map((t) => t.w)
    .join(' ');
  const alias = rules.drugs.find((d) => d.words === phrase);
  const key = alias ? alias.table : tokens.slice(from, to).flatMap((t) => lex.canon(t.w)).join(' ');
  for (const entry of lex.heads.get(key) ?? []) {
    if (lex.mainSource(entry.main) !== 'drug') continue;
    const code = lex.nodes[lex.root(entry.main)]?.cells?.[ADVERSE_COLUMN];
    if (code) return { code, literal: alias ? `${alias.literal} (“${phrase}”)` : lex.mainTitle(entry.main) };
  }
  return undefined;
}

/** The longest drug starting at `at` whose name ends the noun phrase (not "iron" of "iron deficiency"). */
function drugFrom(s: string, tokens: readonly Token[], at: number, lex: Lexicon, rules: AdverseEffectRules): DrugReading | undefined {
  for (let n = Math.min(lex.maxHeadWords, tokens.length - at); n >= 1; n--) {
    const next = tokens[at + n];
    const last = tokens[at + n - 1] as Token;
    if (next && !rules.drugFollowers.includes(next.w) && !/[^\s-]/.test(s.slice(last.end, next.start))) continue;
    const drug = drugOf(tokens, at, at + n, lex, rules);
    if (drug) return { ...drug, span: { start: (tokens[at] as Token).start, end: last.end } };
  }
  return undefined;
}

/** The longest drug ending just before token `end` ("cisplatin-induced"). */
function drugBefore(tokens: readonly Token[], end: number, lex: Lexicon, rules: AdverseEffectRules): DrugReading | undefined {
  for (let n = Math.min(lex.maxHeadWords, end); n >= 1; n--) {
    const drug = drugOf(tokens, end - n, end, lex, rules);
    if (drug) return { ...drug, span: { start: (tokens[end - n] as Token).start, end: (tokens[end - 1] as Token).end } };
  }
  return undefined;
}

/** The drug the condition mention is linked to in its sentence, and whether the link is said uncertainly. */
function linkedDrug(m: Mention, text: string, lex: Lexicon, rules: AdverseEffectRules): (DrugReading & { uncertain: boolean }) | undefined {
  const s = text.slice(m.sentence.start, m.sentence.end);
  const tokens = tokensOf(s);
  if (says(tokens, rules.otherReadings)) return undefined;
  const from = m.span.start - m.sentence.start;
  const to = m.span.end - m.sentence.start;
  const drugAfterLink = (at: number, link: number): DrugReading | undefined => {
    const linkEnd = (tokens[at + link - 1] as Token).end;
    for (let d = at + link; d <= at + link + rules.gap && d < tokens.length; d++) {
      if (CLAUSE_BREAK.test(s.slice(linkEnd, (tokens[d] as Token).start))) break;
      const drug = drugFrom(s, tokens, d, lex, rules);
      if (drug) return drug;
    }
    return undefined;
  };
  // "Anemia due to antineoplastic chemotherapy": the Index entry holds the link and the drug.
  for (let p = 0; p < tokens.length; p++) {
    const t = tokens[p] as Token;
    if (t.start <= from || t.end > to) continue;
    const link = rules.after.map((w) => phraseAt(tokens, p, w)).find((n) => n > 0);
    const drug = link ? drugAfterLink(p, link) : undefined;
    if (drug) return { ...drug, uncertain: false };
  }
  // "Nausea due to cisplatin": the link follows the condition, the drug the link.
  let at = tokens.findIndex((t) => t.start >= to);
  let uncertain = false;
  for (let bridged = 0; at >= 0 && at < tokens.length && bridged < 4; bridged++) {
    const link = rules.after.map((p) => phraseAt(tokens, at, p)).find((n) => n > 0);
    if (link) {
      const drug = drugAfterLink(at, link);
      return drug ? { ...drug, uncertain } : undefined;
    }
    const w = (tokens[at] as Token).w;
    if (rules.uncertain.includes(w)) uncertain = true;
    else if (!rules.bridge.includes(w)) break;
    at++;
  }
  // "Cisplatin-induced nausea": the link word stands just before the condition or inside its words.
  for (let p = 1; p < tokens.length; p++) {
    const t = tokens[p] as Token;
    if (!rules.before.includes(t.w) || t.end > to) continue;
    if (t.end <= from && /[^\s-]/.test(s.slice(t.end, from))) continue;
    if (/[^\s-]/.test(s.slice((tokens[p - 1] as Token).end, t.start))) continue;
    const drug = drugBefore(tokens, p, lex, rules);
    if (drug) return { ...drug, uncertain: false };
  }
  return undefined;
}

/** Add the drug's adverse-effect code beside each condition the note links to a drug properly taken. */
export function withAdverseEffects(
  suggestions: readonly Suggestion[],
  mentions: readonly Mention[],
  text: string,
  settings: AnalysisSettings,
  k: AdverseEffectKnowledge,
): Suggestion[] {
  const rules = k.rules.adverseEffects;
  const date = settings.dateOfService;
  const added: Suggestion[] = [];
  const byId = new Map(mentions.map((m) => [m.id, m]));
  // The condition is coded as current, so treated now: the encounter's default is the rules' (initial, A).
  const encounterRules = {
    ...k.rules.injuryEncounter,
    facets: k.rules.injuryEncounter.facets.map((f) =>
      f.default === undefined && f.choices.some((c) => c.meaning === rules.encounter) ? { ...f, default: rules.encounter } : f,
    ),
  };
  const taken = (code6: string) => [...suggestions, ...added].some((s) => s.code.startsWith(code6));
  for (const s of suggestions) {
    if (s.status === 'not-coded' || s.system !== 'icd10cm' || s.kind !== 'diagnosis' || NOT_A_NATURE.test(s.code)) continue;
    if (s.context !== 'affirmed' && s.context !== 'possible') continue;
    for (const id of s.mentionIds) {
      const m = byId.get(id);
      const c = m?.context;
      if (!m || !c || c.negated || c.historical || c.hypothetical || c.experiencer !== 'patient') continue;
      const drug = linkedDrug(m, text, k.lexicon, rules);
      if (!drug || taken(drug.code)) continue;
      // An uncertain link is coded as established for an inpatient stay only (Guidelines II.H, III.C; IV.H).
      if ((drug.uncertain || c.possible) && settings.setting !== 'inpatient') continue;
      const info = k.catalog.lookup('icd10cm', drug.code, date);
      const sentence = text.slice(m.sentence.start, m.sentence.end);
      const reading = info.seventh.length > 0 ? chooseSeventh(info.seventh, [sentence], text, encounterRules) : undefined;
      const code = reading?.option.code ?? drug.code;
      const evidence = { start: m.sentence.start + drug.span.start, end: m.sentence.start + drug.span.end };
      const reason =
        `Adverse effect of a drug properly taken: “${m.text}” linked to “${text.slice(evidence.start, evidence.end)}”; ` +
        `Table of Drugs, ${drug.literal}, adverse effect ${displayCode('icd10cm', drug.code)}-, coded after the nature of the effect, ${s.display} (${rules.source}).` +
        `${drug.uncertain ? ' The link is uncertain: coded as established for an inpatient stay (Guidelines II.H, III.C).' : ''}${reading?.reason ?? ''}`;
      const full = k.catalog.lookup('icd10cm', code, date);
      const complete = full.state === 'billable';
      added.push(
        ruleSuggestion(k, date, {
          code,
          score: s.score * 0.95,
          reason: complete ? reason : `${reason} Needs a 7th character for the encounter (Guidelines I.C.19.a).`,
          evidence: [{ ...evidence, text: text.slice(evidence.start, evidence.end) }],
          section: m.section,
          mentionIds: [m.id],
          ...(complete
            ? {}
            : {
                status: 'incomplete' as const,
                choices: info.seventh.map((o) => ({ code: o.code, display: displayCode('icd10cm', o.code), title: o.meaning })),
              }),
        }),
      );
    }
  }
  return added.length === 0 ? [...suggestions] : [...suggestions, ...added].sort(bySuggestionRank);
}
