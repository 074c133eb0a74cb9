/**
 * The 7th character of an injury for the encounter (Guidelines I.C.19.a): A while the patient receives
 * active treatment, D for routine care during healing, S for a sequela; for fractures also closed or open
 * and the healing (I.C.19.c.1). The rule pack (coding.json `injuryEncounter`) names each choice by the
 * words of the Tabular's 7th-character meanings, since the letter of a meaning differs by category
 * ("subsequent encounter" is D in S01, and "routine healing" D, "delayed healing" G in S52). Words are
 * read in the injury's own sentence, then, for those that say what the whole visit is ("presents to the
 * ED", "sutured"), in the note; the character is chosen only when they agree.
 */
import type { CodeCatalog } from '../codes/catalog';
import { displayCode } from '../codes/code-format';
import { matchesPattern } from './patterns';
import type { InjuryEncounterRules } from './rule-pack';
import type { Mention, Suggestion } from './types';

/** What toSuggestion says of a code left without its 7th character; replaced once the note gives it. */
export const NEEDS_SEVENTH = ' Needs a 7th character for the encounter (A for active treatment: Guidelines I.C.19.a).';

/** One 7th character of a code: its letter, the Tabular's meaning and the full code. */
export interface SeventhOption {
  char: string;
  meaning: string;
  code: string;
}

export interface EncounterReading {
  option: SeventhOption;
  /** Why, in plain words, with the note's own words quoted. */
  reason: string;
}

type Facet = InjuryEncounterRules['facets'][number];
type Choice = Facet['choices'][number];

const patterns = new Map<string, RegExp>();
/**
 * A phrase as a pattern: its words in order with any spaces or punctuation between ("follow-up" is
 * "follow up"), `*` any one word ("open * fracture": "open skull fracture", not "open reduction of the
 * fracture"); a phrase written with an upper-case letter is read in upper case only ("ED", not "ed").
 */
function phrasePattern(phrase: string): RegExp {
  let re = patterns.get(phrase);
  if (!re) {
    const words = (phrase.match(/[A-Za-z0-9&*]+/g) ?? []).map((w) => (w === '*' ? '[A-Za-z0-9]+' : w.replace(/[&]/g, '\\$&')));
    re = new RegExp(`(?<![A-Za-z0-9])${words.join('[^A-Za-z0-9]+')}(?![A-Za-z0-9])`, /[A-Z]/.test(phrase) ? '' : 'i');
    patterns.set(phrase, re);
  }
  return re;
}

/** The words of `phrases` the text says, as the text writes them. */
function said(text: string, phrases: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of phrases) {
    const m = phrasePattern(p).exec(text);
    if (m && !out.some((o) => o.toLowerCase() === m[0].toLowerCase())) out.push(m[0]);
  }
  return out;
}

/**
 * The part of a text read for this encounter: each clause up to its first word of a later visit or advice
 * ("Return in 10 days for suture removal" says nothing of this visit).
 */
export function presentPart(text: string, rules: InjuryEncounterRules): string {
  return text
    .split(/(?<=[.;!?\n])/)
    .map((clause) => {
      let end = clause.length;
      for (const w of rules.futureWords) {
        const m = phrasePattern(w).exec(clause);
        if (m && m.index < end) end = m.index;
      }
      return clause.slice(0, end);
    })
    .join(' ');
}

const holds = (meaning: string, choice: Choice) => phrasePattern(choice.meaning).test(meaning);

/**
 * The 7th character the note supports among `options`, or undefined when its words disagree or say
 * nothing where the choice matters. `sentences` are the injury's own; `note` the whole text.
 */
export function chooseSeventh(
  options: readonly SeventhOption[],
  sentences: readonly string[],
  note: string,
  rules: InjuryEncounterRules,
): EncounterReading | undefined {
  const own = presentPart(sentences.join('\n'), rules);
  const whole = presentPart(note, rules);
  const tiers: Array<[text: string, key: 'words' | 'noteWords']> = [
    [own, 'words'],
    [own, 'noteWords'],
    [whole, 'noteWords'],
  ];
  let left = [...options];
  const parts: string[] = [];
  for (const facet of rules.facets) {
    // A facet matters only where the options left differ on it (the open or closed fracture is not
    // said by "subsequent encounter for fracture with routine healing", nor by S01's A, D, S).
    const groups = new Set(left.map((o) => facet.choices.findIndex((c) => holds(o.meaning, c))));
    if (groups.size < 2) continue;
    let chosen: Choice | undefined;
    let words: string[] = [];
    for (const [text, key] of tiers) {
      const hits = facet.choices.map((c) => ({ c, words: said(text, c[key]) })).filter((h) => h.words.length > 0);
      if (hits.length > 1) return undefined;
      if (hits.length === 1) {
        chosen = hits[0]?.c;
        words = hits[0]?.words ?? [];
        break;
      }
    }
    if (!chosen) {
      chosen = facet.choices.find((c) => c.meaning === facet.default);
      if (!chosen) return undefined;
      parts.push(`${chosen.literal}, not said otherwise (${facet.source})`);
    } else parts.push(`${chosen.literal}, ${words.map((w) => `“${w}”`).join(', ')} (${facet.source})`);
    const pick = chosen;
    left = left.filter((o) => holds(o.meaning, pick));
    if (left.length === 0) return undefined;
  }
  const [option] = left;
  if (left.length !== 1 || !option) return undefined;
  return { option, reason: ` 7th character ${option.char}: ${parts.join('; ')}.` };
}

/**
 * Complete the injuries left without their 7th character (suggest's toSuggestion) where the note says the
 * encounter; the external causes then follow them (Guidelines I.C.20.a.2).
 */
export function applyInjuryEncounter(
  suggestions: Suggestion[],
  mentions: readonly Mention[],
  text: string,
  catalog: CodeCatalog,
  rules: InjuryEncounterRules,
  date: string,
): void {
  for (const s of suggestions) {
    if (s.status !== 'incomplete' || s.system !== 'icd10cm' || !rules.codes.some((p) => matchesPattern(s.code, p))) continue;
    const info = catalog.lookup('icd10cm', s.code, date);
    if (info.seventh.length === 0) continue;
    const sentences = mentions.filter((m) => s.mentionIds.includes(m.id)).map((m) => text.slice(m.sentence.start, m.sentence.end));
    const reading = chooseSeventh(info.seventh, sentences, text, rules);
    if (!reading) continue;
    const full = catalog.lookup('icd10cm', reading.option.code, date);
    if (full.state !== 'billable') continue;
    const hcc = full.hcc.find((h) => h.model === 'V28')?.hcc;
    s.code = reading.option.code;
    s.display = displayCode('icd10cm', s.code);
    s.title = full.title ?? s.title;
    s.state = full.state;
    s.status = 'suggested';
    delete s.choices;
    if (hcc) s.hcc = hcc;
    else delete s.hcc;
    s.reason = s.reason.replace(NEEDS_SEVENTH, '') + reading.reason;
  }
}

/**
 * The sentence as refine() reads it for a code: words a title may hold that the note is taken to say
 * unless it says their opposite ("fracture of the right olecranon" is displaced, Guidelines I.C.19.c.1),
 * and the opposite written as the Tabular writes it ("non-displaced" is "nondisplaced").
 */
export function withImpliedWords(code: string, sentence: string, rules: InjuryEncounterRules): string {
  let out = sentence;
  for (const rule of rules.impliedWords) {
    if (!rule.codes.some((p) => matchesPattern(code, p))) continue;
    for (const w of rule.oppositeWords) out = out.replace(new RegExp(phrasePattern(w).source, 'gi'), rule.opposite);
    if (!phrasePattern(rule.word).test(out) && !phrasePattern(rule.opposite).test(out)) out += ` ${rule.word}`;
  }
  return out;
}
