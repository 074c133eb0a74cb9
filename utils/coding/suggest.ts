/**
 * Coding rules (ICD-10-CM Official Guidelines) from mentions to suggestions. Pure over plain data:
 * the code model answers titles, states and notes; the rule pack (assets/rules/coding.json) holds
 * combinations, integral symptoms, chronic conditions and section weights.
 */
import type { CodeCatalog, CodeRef } from '../codes/catalog';
import { displayCode } from '../codes/code-format';
import type { CodeSystem } from '../codes/types';
import { numberAfter } from '../nlp/mention-text';
import { defaultProcedures, type ProcedureOpen } from '../nlp/procedures';
import { contentTerms, coreText } from '../search/text';
import { bilateralCodes } from './bilateral-sides';
import { applyDiabetesType } from './diabetes-type';
import type { FamilyHistoryClasses, HistoryIndex } from './history';
import { applyInjuryEncounter, NEEDS_SEVENTH, withImpliedWords } from './injury-encounter';
import { sideOf } from './laterality';
import { applyNewbornExamination } from './newborn-exam';
import { applyObstetric, type ObstetricFacts } from './obstetric';
import type { PregnancyConditions } from './pregnancy-conditions';
import { codeReferences, matchesPattern } from './patterns';
import { withProcedureReadingsCombined } from './procedure-readings';
import { type RankingFeatures, type RankingInput, type RankingModel, rankingFeatures, rankingScore } from './ranking-model';
import { type CodingRulePack, type CombinationRule, type ProcedureStatusRule, type SequencingRules, sectionWeight } from './rule-pack';
import { onOtherSides } from './title-sides';
import type { AnalysisSettings, ContextLabel, Mention, NotCodedReason, Suggestion } from './types';
import { letterWordsOf, wordsOf } from './words';

export interface CodingKnowledge {
  catalog: CodeCatalog;
  history?: HistoryIndex;
  /** Family history by the class of the relative's condition (Tabular Z80-Z84 inclusion terms). */
  familyClasses?: FamilyHistoryClasses;
  /** Conditions in a pregnancy, read where the Index puts them (Pregnancy, complicated by; I.C.15.a.1). */
  pregnancy?: PregnancyConditions;
  rules: CodingRulePack;
  /** Codes of the CPT set the user imported, looked up by phrase (outpatient procedures), if any. */
  findCpt?: (phrase: string) => { code: string; title: string } | undefined;
  /** The ranking model scoring coded and incomplete diagnoses (assets/rules/ranking.json); without it, the hand-set score. */
  ranking?: RankingModel;
  /** Told the features of each code the model scores (the fitting script, scripts/eval/fit-ranking.ts, keeps them). */
  onRankingFeatures?: (code: string, features: RankingFeatures) => void;
}

/** Guideline sections quoted in reasons. */
const GUIDE = {
  negated: 'Negated conditions are not coded (Guidelines I.B.5, IV).',
  ruledOut: 'A ruled-out condition is not coded (Guidelines II.H, IV.H).',
  uncertainInpatient: 'Inpatient: an uncertain diagnosis documented at discharge is coded as if established (Guidelines II.H, III.C).',
  uncertainOutpatient:
    'Outpatient: uncertain diagnoses ("probable", "suspected", "rule out") are not coded; code the signs and symptoms instead (Guidelines IV.H).',
  hypothetical: 'A condition mentioned only as a possibility to watch for is not coded.',
  family: 'Family history is coded with Z80-Z84 (Guidelines I.C.21.c.4).',
  personal: 'A past condition that no longer exists is coded with a personal history code (Guidelines I.C.21.c.4).',
  other: 'The condition is someone else’s, not the patient’s.',
  integral: 'Signs and symptoms routinely part of a confirmed diagnosis are not coded separately (Guidelines I.B.5).',
  otherClinician:
    'Documented only by a clinician other than the provider (nursing, wound care, dietitian, therapy): the diagnosis must come from the provider, though a stage or BMI may be taken from this note (Guidelines I.B.14). Query the provider.',
} as const;

/** Score factor of a code taken as the unspecified default of a header its sentence did not narrow. */
const UNNARROWED_WEIGHT = 0.7;

interface Draft {
  code: string;
  system: CodeSystem;
  kind: 'diagnosis' | 'procedure';
  mention: Mention;
  score: number;
  context: ContextLabel;
  status: Suggestion['status'];
  notCoded?: NotCodedReason;
  reason: string;
  specificity?: string;
  /** An incomplete procedure: the codes the coder chooses among (the note leaves the side or duration open). */
  choices?: string[];
}

/** A section default ConText records ("section: social_history"), not a word of the sentence. */
const SECTION_TRIGGER = 'section: ';

function contextLabel(m: Mention, rules: CodingRulePack): ContextLabel {
  const c = m.context;
  // "No family history of colon cancer": a family history the note denies is not coded (Guidelines I.C.21.c.4 codes a family history the record documents).
  if (c.experiencer === 'family') return c.negated ? 'negated' : 'family';
  if (c.experiencer === 'other') return 'other';
  if (c.negated) return 'negated';
  if (c.hypothetical) return 'hypothetical';
  if (c.possible) return 'possible';
  // ConText reads a Social History entry as history (the annotation convention it is scored on); for
  // coding, a habit written there is current unless its own words put it in the past ("former smoker").
  const presentBySection =
    rules.presentSections.sections.includes(m.section) &&
    !c.triggers.some((t) => t.category === 'HISTORICAL' && !t.literal.startsWith(SECTION_TRIGGER));
  // "CLL in remission": the remission is a state its own code states (C91.11), not a past condition.
  const remission = rules.remissionCurrent;
  const inRemission =
    m.codes.length > 0 &&
    m.codes.every((code) => remission.codes.some((p) => matchesPattern(code, p))) &&
    // "History of opioid dependence, in remission": the remission words make the history that code too.
    (c.triggers.every((t) => t.category !== 'HISTORICAL') ||
      c.triggers.some((t) => t.category === 'HISTORICAL' && remission.triggers.includes(t.literal.toLowerCase())));
  if (c.historical && !presentBySection && !inRemission) return 'historical';
  return 'affirmed';
}

/**
 * "Acute kidney injury, resolved." in an inpatient stay's diagnoses: present and treated during the stay,
 * so coded (Guidelines III). ConText reads "resolved" as negated existence (the convention it is scored
 * on); for coding, when resolution is the sole negation, a condition whose words put it in the past
 * ("pneumonia in 2019, resolved") is a past condition (its personal history, I.C.21.c.4), and one in
 * the stay's own diagnoses or course is coded.
 */
function resolvedLabel(m: Mention, settings: AnalysisSettings, rules: CodingRulePack): 'affirmed' | 'historical' | undefined {
  const rule = rules.resolvedDuringStay;
  const c = m.context;
  if (!c.negated || c.experiencer !== 'patient' || c.hypothetical || c.possible) return undefined;
  const negations = c.triggers.filter((t) => t.category === 'NEGATED_EXISTENCE');
  if (negations.length === 0 || !negations.every((t) => rule.triggers.includes(t.literal.toLowerCase()))) return undefined;
  if (c.historical) return 'historical';
  const inCourse = settings.setting === 'outpatient' && (rule.outpatientSections ?? []).includes(m.section);
  return (rule.settings.includes(settings.setting) && rule.sections.includes(m.section)) || inCourse ? 'affirmed' : undefined;
}

/** Personal-history and status codes (Z85-Z99): they describe the past or a lasting state themselves. */
const STATUS_CODE = /^Z(?:8[5-9]|9\d)/;
const isChronic = (rules: CodingRulePack, code: string) => rules.chronic.patterns.some((p) => matchesPattern(code, p));
/**
 * The word that says a history mention's condition lasts, in its name or just before it in its own list item
 * ("chronic prostatitis", "persistent esophageal varices"; not "chronic gastritis and hypertension").
 */
const LASTING_WORDS_BEFORE = 2;
const ITEM_BREAK = /[,;:()]|\b(?:and|or|with)\b/i;
const lastingWord = (mention: Mention, sentence: string, rules: CodingRulePack) => {
  const current = rules.chronic.current;
  if (!current) return undefined;
  const item = sentence.slice(0, Math.max(0, mention.span.start - mention.sentence.start)).split(ITEM_BREAK).pop() ?? '';
  const words = [...letterWordsOf(item).slice(-LASTING_WORDS_BEFORE), ...letterWordsOf(mention.text)];
  const phrase = ` ${words.join(' ')} `;
  const found = current.words.find((w) => phrase.includes(` ${letterWordsOf(w).join(' ')} `));
  if (found) return found;
  // The rest of its list item: "hyperglycemia on dietary treatment, …" (not "…, treated with" a past course).
  const [rest = ''] = sentence.slice(Math.max(0, mention.span.end - mention.sentence.start)).split(/[,;:()]/);
  const after = ` ${letterWordsOf(rest).join(' ')} `;
  const has = (p: string) => after.includes(` ${letterWordsOf(p).join(' ')} `);
  const restOfSentence = ` ${letterWordsOf(sentence.slice(Math.max(0, mention.span.end - mention.sentence.start))).join(' ')} `;
  return (
    current.treatedAfter?.find((p) => after.startsWith(` ${letterWordsOf(p).join(' ')} `)) ??
    current.treatedNow?.find(has) ??
    // A cancer on hormone therapy is still treated (Guidelines I.C.2.d, I.C.2.m), unless the sentence says the course is over.
    (current.therapyEnded?.some((w) => restOfSentence.includes(` ${w} `)) ? undefined : current.therapies?.find(has))
  );
};
const isMalignant = (codes: string[]) => codes.some((c) => /^C(?:[0-8]\d|9[0-6]|7[A-B])/.test(c));
const SECONDARY_MALIGNANT = /^C7[7-9]/;
const hasPrimaryAndSecondary = (codes: string[]) =>
  codes.some((c) => SECONDARY_MALIGNANT.test(c)) && codes.some((c) => isMalignant([c]) && !SECONDARY_MALIGNANT.test(c) && !c.startsWith('C80'));

/**
 * "Physical examination revealed…" names what was done, not why the patient came: an examination code
 * (Z00-Z01) stands only where the note gives the examination as the visit's reason (Guidelines I.C.21.c.13).
 */
function isEncounterReason(mention: Mention, rules: CodingRulePack): boolean {
  const rule = rules.encounterReasons.find((r) => mention.codes.some((c) => r.patterns.some((p) => matchesPattern(c, p))));
  if (!rule) return true;
  // The note itself calls it the encounter ("2. Encounter for antineoplastic chemotherapy").
  if (rule.sections.includes(mention.section) || /\bencounter for\b/i.test(mention.text)) return true;
  const words = new Set(mention.text.toLowerCase().split(/[^a-z-]+/));
  for (const w of mention.path
    .join(' ')
    .toLowerCase()
    .split(/[^a-z-]+/))
    words.add(w);
  return rule.words.some((w) => words.has(w));
}

/** Decide, per mention, which code(s) it supports and whether they are coded (guideline context rules). */
const ALLERGY_WORD = /\ballerg/i;
/** A reaction happening now ("an allergic reaction to morphine today with hives") is an adverse effect, not a status. */
const REACTION_WORD = /\b(?:reaction|adverse)\b/i;
/** Table of Drugs adverse-effect codes (T36-T50, 6th character 5). */
const ADVERSE_EFFECT = /^T(?:3[6-9]|4\d|50)[0-9A-Z]{2}5/;

/**
 * A drug named as an allergy (the allergy list, or "allergic to" in its sentence) is read in the Table of
 * Drugs' adverse-effect column by the mention matcher; its class there gives the allergy status code.
 */
function allergyStatusOf(
  mention: Mention,
  sentence: string,
  label: ContextLabel,
  k: CodingKnowledge,
): { code: string; literal: string } | undefined {
  if (mention.codes.length === 0 || !mention.codes.every((c) => ADVERSE_EFFECT.test(c))) return undefined;
  if (mention.section !== 'allergies') {
    if (!ALLERGY_WORD.test(sentence)) return undefined;
    if (label === 'affirmed' && REACTION_WORD.test(sentence)) return undefined;
  }
  for (const cls of k.rules.allergyStatus.classes) {
    if (mention.codes.some((c) => cls.drugs.some((p) => matchesPattern(c, p)))) return { code: cls.code, literal: cls.literal };
  }
  return undefined;
}

/**
 * "Awaiting liver transplant", "a candidate for kidney transplant", "on the kidney transplant waiting list": the
 * transplant is not done, the patient waits for it (Index Status, awaiting organ transplant Z76.82). Only the
 * words next to the mention count: "kidney transplant in 2010, now awaiting a pancreas" keeps Z94.0.
 */
function awaitingStatusOf(mention: Mention, sentence: string, k: CodingKnowledge): CodingRulePack['awaitingStatus'][number] | undefined {
  const rule = k.rules.awaitingStatus.find((r) => mention.codes.some((c) => r.codes.some((p) => matchesPattern(c, p))));
  if (!rule) return undefined;
  const from = mention.span.start - mention.sentence.start;
  const to = mention.span.end - mention.sentence.start;
  const near = ` ${[...wordsOf(sentence.slice(0, from)).slice(-rule.near), ...wordsOf(sentence.slice(to)).slice(0, rule.after)].join(' ')} `;
  return rule.words.some((w) => near.includes(` ${w} `)) ? rule : undefined;
}

/** The not-a-finding rule whose words sit next to the mention in its sentence ("discussed weight loss"). */
function notAFinding(mention: Mention, sentence: string, rules: CodingRulePack): CodingRulePack['notFindings'][number] | undefined {
  const before = letterWordsOf(sentence.slice(0, mention.span.start - mention.sentence.start)).slice(-4);
  const after = ` ${letterWordsOf(sentence.slice(mention.span.end - mention.sentence.start)).slice(0, 3).join(' ')} `;
  const own = new Set(letterWordsOf(mention.text));
  // The sentence's words only for a row that asks for one of them (`with`), once.
  let inSentence: Set<string> | undefined;
  const sentenceHas = (w: string) => {
    inSentence ??= new Set(letterWordsOf(sentence));
    return inSentence.has(w);
  };
  return rules.notFindings.find(
    (r) =>
      mention.codes.some((c) => r.codes.some((p) => matchesPattern(c, p))) &&
      (r.with === undefined || r.with.some(sentenceHas)) &&
      !(r.unless ?? []).some((w) => own.has(w) || before.includes(w)) &&
      (r.before.some((w) => before.includes(w)) ||
        r.after.some((w) => after.startsWith(` ${w} `)) ||
        (r.within ?? []).some((w) => own.has(w)) ||
        (r.sections ?? []).includes(mention.section)),
  );
}

/**
 * A procedure its own clause says was done ("…, CT angiography of the chest was obtained"), with every
 * history trigger in an earlier clause of the sentence: done in this stay (coding.json `proceduresDoneNow`).
 */
function doneInOwnClause(mention: Mention, sentence: string, rules: CodingRulePack): boolean {
  if (mention.source !== 'procedure') return false;
  const start = mention.span.start - mention.sentence.start;
  const after = ` ${letterWordsOf(sentence.slice(mention.span.end - mention.sentence.start)).slice(0, 4).join(' ')} `;
  if (!rules.proceduresDoneNow.verbs.some((v) => after.startsWith(` ${v} `))) return false;
  const clauseStart = Math.max(sentence.lastIndexOf(',', start), sentence.lastIndexOf(';', start));
  const history = mention.context.triggers.filter((t) => t.category === 'HISTORICAL' && t.end > t.start);
  return clauseStart >= 0 && history.length > 0 && history.every((t) => t.end - mention.sentence.start <= clauseStart);
}

function draftsFor(mention: Mention, settings: AnalysisSettings, k: CodingKnowledge, sentence: string): Draft[] {
  const byResolution = resolvedLabel(mention, settings, k.rules);
  const resolved = byResolution === 'affirmed';
  const read = byResolution ?? contextLabel(mention, k.rules);
  const label = read === 'historical' && doneInOwnClause(mention, sentence, k.rules) ? 'affirmed' : read;
  const weight = sectionWeight(k.rules, mention.section) * mention.confidence;
  const base = {
    mention,
    system: mention.system,
    kind: mention.source === 'procedure' ? ('procedure' as const) : ('diagnosis' as const),
    context: label,
  };
  // An "… NEC" level with more below it is a residual heading, not the condition: "Dependence, drug NEC,
  // nicotine" is nicotine (History, family, tobacco abuse Z81.2), not drug abuse NEC (Z81.3).
  // "Prostate adenocarcinoma with bone metastases" read as one primary and one secondary: its history is
  // the primary's (Z85.46), not the secondary site's words (Z85.830 history of bone cancer).
  const text = hasPrimaryAndSecondary(mention.codes) ? mention.text.replace(/\s+with\b.*$/is, '') : mention.text;
  const words = [text, ...mention.path.filter((p, i) => !(/\bNEC$/.test(p) && i < mention.path.length - 1))];
  const notCoded = (reason: NotCodedReason, text: string): Draft[] =>
    mention.codes.map((code) => ({ ...base, code, score: weight * 0.5, status: 'not-coded', notCoded: reason, reason: text }));

  if (base.kind === 'procedure') {
    const status = procedureStatusDrafts(mention, sentence, k, weight, label);
    // Done at the referring facility (tPA before the transfer): its status is coded, not the procedure.
    const elsewhere = status.some((d) => k.rules.elsewhereProcedures.some((r) => r.code === d.code));
    return [...procedureDrafts(mention, settings, k, weight, elsewhere && label === 'affirmed' ? 'historical' : label), ...status];
  }
  // A past treatment named by an encounter code ("radiotherapy in 2015") may still be a personal history (I.C.21.c.4).
  if (!isEncounterReason(mention, k.rules) && label !== 'historical') return [];
  const allergy = allergyStatusOf(mention, sentence, label, k);
  if (allergy) {
    if (label === 'family' || label === 'hypothetical') return [];
    const reason = `Allergy to “${mention.text}”, a status (no current reaction is coded from it): Index History, personal, allergy, ${allergy.literal} (Guidelines I.C.21.c.3).`;
    if (label === 'negated')
      return [{ ...base, code: allergy.code, score: weight * 0.5, status: 'not-coded', notCoded: 'negated', reason }];
    return [{ ...base, code: allergy.code, score: weight * 0.8, status: 'suggested', reason }];
  }
  const awaiting = awaitingStatusOf(mention, sentence, k);
  if (awaiting && label !== 'negated' && label !== 'family' && label !== 'other') {
    return [
      {
        ...base,
        code: awaiting.code,
        system: 'icd10cm',
        score: weight * 0.8,
        status: 'suggested',
        context: 'affirmed',
        reason: `“${mention.text}” is waited for, not done: ${awaiting.literal} (${awaiting.source}).`,
      },
    ];
  }
  // A diagnosis named by another clinician only is listed for the coder, not coded (I.B.14); when the
  // provider also documents it, that mention codes it.
  if (mention.section === 'clinician_notes' && (label === 'affirmed' || label === 'possible'))
    return notCoded('other-clinician', GUIDE.otherClinician);

  if (label === 'affirmed' || label === 'possible') {
    const rule = notAFinding(mention, sentence, k.rules);
    if (rule) return notCoded('not-a-finding', `“${mention.text}” is not a finding here: ${rule.literal} (${rule.source}).`);
  }
  switch (label) {
    case 'family': {
      const found = k.history?.codeFor('family', words, isMalignant(mention.codes));
      if (!found) {
        const byClass = k.familyClasses?.codeFor(mention.codes);
        if (!byClass) return notCoded('other-experiencer', `${GUIDE.family} No family-history entry fits “${mention.text}”.`);
        return [
          {
            ...base,
            code: byClass.code,
            system: 'icd10cm',
            score: weight * 0.8,
            status: 'suggested',
            reason: `Family history of “${mention.text}” (${mention.codes.map((c) => displayCode('icd10cm', c)).join(', ')}): Tabular ${byClass.node}, conditions classifiable to its class. ${GUIDE.family}`,
          },
        ];
      }
      return [
        {
          ...base,
          code: found.code,
          system: 'icd10cm',
          score: weight * 0.8,
          status: 'suggested',
          reason: `Family history of “${mention.text}”: Index ${['History', 'family', ...found.path].join(', ')}. ${GUIDE.family}`,
        },
      ];
    }
    case 'other':
      return notCoded('other-experiencer', GUIDE.other);
    case 'negated': {
      const ruledOut = mention.context.triggers.some((t) => /rul(e|ed)\b/i.test(t.literal));
      return notCoded(
        ruledOut ? 'ruled-out' : 'negated',
        `${ruledOut ? GUIDE.ruledOut : GUIDE.negated} Trigger: “${mention.context.triggers.map((t) => t.literal).join('”, “') || 'negation'}”.`,
      );
    }
    case 'hypothetical':
      return notCoded('hypothetical', GUIDE.hypothetical);
    case 'possible':
      if (settings.setting === 'outpatient') return notCoded('uncertain-outpatient', GUIDE.uncertainOutpatient);
      return mention.codes.map((code) => ({
        ...base,
        code,
        score: weight * 0.85,
        status: 'suggested',
        reason: `“${mention.text}” is documented as uncertain. ${GUIDE.uncertainInpatient}`,
      }));
    case 'historical': {
      // "Status post nephrectomy" → Z90.5: a status or personal-history code states the past itself.
      const status = mention.codes.filter((c) => STATUS_CODE.test(c));
      if (status.length > 0 && status.length === mention.codes.length) {
        return status.map((code) => ({
          ...base,
          code,
          score: weight * 0.75,
          status: 'suggested',
          reason: `“${mention.text}” is past, and its code states the status or history itself (Guidelines I.C.21.c.3, I.C.21.c.4).`,
        }));
      }
      const lasting = lastingWord(mention, sentence, k.rules);
      if (lasting && k.rules.chronic.current) {
        const { literal, source } = k.rules.chronic.current;
        return mention.codes.map((code, i) => ({
          ...base,
          code,
          score: weight * (i === 0 ? 0.75 : 0.7),
          status: 'suggested',
          reason: `“${mention.text}” is listed as history, but “${lasting}” says it lasts or is treated now. ${literal} (${source}).`,
        }));
      }
      const chronic = mention.codes.filter((c) => isChronic(k.rules, c));
      if (chronic.length > 0) {
        return chronic.map((code) => ({
          ...base,
          code,
          score: weight * 0.75,
          status: 'suggested',
          reason: `“${mention.text}” is listed as history, but it is a chronic condition. ${k.rules.chronic.literal} (${k.rules.chronic.source}).`,
        }));
      }
      const found = k.history?.codeFor('personal', words, isMalignant(mention.codes));
      if (!found)
        return notCoded(
          'history-no-code',
          `A past condition with no personal-history code in the Index; not coded (Guidelines I.C.21.c.4).`,
        );
      return [
        {
          ...base,
          code: found.code,
          system: 'icd10cm',
          score: weight * 0.75,
          status: 'suggested',
          reason: `History of “${mention.text}”: Index ${['History', 'personal', ...found.path].join(', ')}. ${GUIDE.personal}`,
        },
      ];
    }
    default:
      return mention.codes.map((code, i) => ({
        ...base,
        code,
        score: weight * (i === 0 ? 1 : 0.9),
        status: 'suggested',
        reason: `“${mention.text}” → ${mention.source === 'index' || mention.source === 'neoplasm' || mention.source === 'drug' || mention.source === 'eindex' ? `Index: ${mention.path.join(', ')}` : `${mention.source}: ${mention.path.join(', ')}`}${i > 0 ? ' (manifestation, sequenced after the etiology: Guidelines I.A.13)' : ''}.${resolved ? ` Resolved during this stay: present and treated in it, so coded (${k.rules.resolvedDuringStay.source.split(' (')[0]}).` : ''}`,
      }));
  }
}

/** Procedures: ICD-10-PCS for inpatient stays; outpatient uses HCPCS or the licensed CPT set (Guidelines IV.A). */
/**
 * A procedure the patient lives on ("on chronic hemodialysis", "in a peritoneal dialysis programme") is
 * also a status (Z99.2); a single session ("required urgent hemodialysis") is only the procedure. One the
 * sentence puts in the past ("history of CABG", "s/p right total knee arthroplasty in 2012", "previously
 * treated with chemotherapy") leaves a status or history code (Z95.1, Z96.651, Z92.21); one done in this
 * episode is only the procedure (Guidelines I.C.21.c.3, I.C.21.c.4).
 */
function procedureStatusDrafts(mention: Mention, sentence: string, k: CodingKnowledge, weight: number, label: ContextLabel): Draft[] {
  const lower = ` ${sentence.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  const says = (words: readonly string[]) => words.some((w) => lower.includes(` ${w} `));
  // The side is the mention's own, read in its clause (Guidelines I.B.13): not any side the sentence names.
  const from = mention.span.start - mention.sentence.start;
  const side = sideOf(sentence, from, from + mention.span.end - mention.span.start, k.rules.laterality);
  const applies = (rule: ProcedureStatusRule) =>
    mention.codes.some((c) => rule.procedures.some((p) => matchesPattern(c, p))) &&
    (rule.cues.length === 0 || says(rule.cues)) &&
    (rule.sides === undefined || rule.sides.includes(side)) &&
    !says(rule.unless);
  const sets: Array<[rules: readonly ProcedureStatusRule[], ok: boolean, why: string]> = [
    [k.rules.ongoingProcedures, label === 'affirmed' || label === 'historical' || label === 'possible', 'is ongoing'],
    [k.rules.pastProcedures, label === 'historical', 'was done before this episode'],
    [k.rules.encounterProcedures, label === 'affirmed', 'is done at this encounter'],
    [k.rules.elsewhereProcedures, label === 'affirmed' || label === 'historical', 'was done at another facility before this admission'],
  ];
  const seen = new Set<string>();
  const out: Draft[] = [];
  for (const [rules, ok, why] of sets) {
    if (!ok) continue;
    for (const rule of rules) {
      if (seen.has(rule.code) || !applies(rule)) continue;
      seen.add(rule.code);
      out.push({
        mention,
        system: 'icd10cm',
        kind: 'diagnosis',
        context: label,
        code: rule.code,
        score: weight * 0.8,
        status: 'suggested',
        reason: `“${mention.text}” ${why}: ${rule.literal} (${rule.source}).`,
      });
    }
  }
  return out;
}

const UNDECIDED = {
  side: 'The side is not written: choose the code of the side operated on (ICD-10-PCS body-part values carry the side; Guidelines B4.3 for both sides).',
  duration: 'The hours of ventilation are not written: choose the code of the consecutive hours (ICD-10-PCS Guidelines, Respiratory Ventilation).',
  'body part':
    'The body part is not written: choose the code of the site operated on (ICD-10-PCS body-part character; each body part operated on is coded, Guidelines B3.2a).',
  approach:
    'The approach is not written: choose the code of the approach used (ICD-10-PCS approach character; open with endoscopic or hand assistance is percutaneous endoscopic, Guidelines B5.2a).',
  device: 'The device is not written: choose the code of the device left in (ICD-10-PCS device character, Guidelines B6.1a).',
  qualifier:
    'Whether it was diagnostic is not written: choose the code of its purpose (a procedure done for a diagnosis takes the qualifier Diagnostic, ICD-10-PCS Guidelines B3.4a).',
  depth:
    'The depth is not written: choose the code of the deepest layer removed (skin, subcutaneous tissue and fascia, muscle, bone: ICD-10-PCS Guidelines B3.5).',
} as const satisfies Record<ProcedureOpen, string>;

function procedureDrafts(mention: Mention, settings: AnalysisSettings, k: CodingKnowledge, weight: number, label: ContextLabel): Draft[] {
  const base = { mention, kind: 'procedure' as const, context: label };
  // Not done (refused, planned, someone else's), or done before this stay ("history of appendectomy", "s/p
  // CABG in 2015"): ICD-10-PCS reports the procedures performed in the episode (UHDDS); what a past one
  // leaves is a status or history code (procedureStatusDrafts).
  const notDone =
    label === 'negated' || label === 'hypothetical' || label === 'family' || label === 'other'
      ? { notCoded: label === 'negated' ? ('negated' as const) : ('hypothetical' as const), reason: 'A procedure not performed is not coded.' }
      : label === 'historical'
        ? {
            notCoded: 'before-this-stay' as const,
            reason: 'A procedure done before this stay is not coded for it; if it was done in this stay (“POD 1 s/p …”), code it.',
          }
        : undefined;
  if (notDone) {
    // Listed in the code system of the setting only (one line per procedure, as when it is coded).
    if (mention.system !== (settings.setting === 'inpatient' ? 'icd10pcs' : 'hcpcs')) return [];
    return mention.codes
      .slice(0, 1)
      .map((code) => ({ ...base, code, system: mention.system, score: weight * 0.4, status: 'not-coded', ...notDone }));
  }
  if (settings.setting === 'inpatient') {
    const pcs = mention.system === 'icd10pcs' ? mention.codes : [];
    // The codes are alternatives the sentence does not decide between: one is coded, the coder chooses.
    if (mention.undecided && pcs.length > 1)
      return [
        {
          ...base,
          code: pcs[0] ?? '',
          system: 'icd10pcs',
          score: weight * 0.8,
          status: 'incomplete',
          choices: [...pcs],
          reason: `Procedure “${mention.text}” (inpatient: ICD-10-PCS). ${UNDECIDED[mention.undecided]}`,
        },
      ];
    return pcs.map((code) => ({
      ...base,
      code,
      system: 'icd10pcs',
      score: weight * 0.8,
      status: 'suggested',
      reason: `Procedure “${mention.text}” (inpatient: ICD-10-PCS). Check the approach and device against the operative note.`,
    }));
  }
  const hcpcs = mention.system === 'hcpcs' ? mention.codes : [];
  if (hcpcs.length > 0)
    return hcpcs.map((code) => ({
      ...base,
      code,
      system: 'hcpcs',
      score: weight * 0.8,
      status: 'suggested',
      reason: `Procedure “${mention.text}” (outpatient: HCPCS Level II).`,
    }));
  const cpt = k.findCpt?.(mention.text);
  if (cpt)
    return [
      {
        ...base,
        code: cpt.code,
        system: 'cpt',
        score: weight * 0.7,
        status: 'suggested',
        reason: `Procedure “${mention.text}” (outpatient: CPT, from your imported file).`,
      },
    ];
  return [];
}

/**
 * An inspection done to achieve another procedure is not coded separately (ICD-10-PCS Guidelines
 * B3.11a): "diagnostic colonoscopy with biopsy" is the biopsy (0DBE8ZX), not also the colonoscopy
 * (0DJD8ZZ). An ICD-10-PCS Inspection (Medical and Surgical, root operation J) gives way to another coded
 * procedure of its sentence on the same body system by the same approach (a different approach is
 * coded, B3.11c), unless the words set the two apart (a comma, "and", "then": `inspectionWithin`
 * separators of the procedure file: "EGD and colonoscopy with biopsy" keeps the EGD).
 */
function applyInspectionsWithinProcedures(drafts: Draft[], text: string): void {
  const rule = defaultProcedures.inspectionWithin;
  if (!rule) return;
  const separators = new Set(rule.separators);
  const coded = (d: Draft) => d.kind === 'procedure' && d.system === 'icd10pcs' && (d.status === 'suggested' || d.status === 'incomplete');
  const codesOf = (d: Draft) => d.choices ?? [d.code];
  const isInspection = (code: string) => code.charAt(0) === '0' && code.charAt(2) === 'J';
  const apart = (a: Draft['mention'], b: Draft['mention']) => {
    const [first, second] = a.span.start <= b.span.start ? [a, b] : [b, a];
    if (second.span.start < first.span.end) return false;
    const between = text.slice(first.span.end, second.span.start).toLowerCase();
    return /[,;:\n]/.test(between) || (between.match(/\p{L}+/gu) ?? []).some((w) => separators.has(w));
  };
  drafts.forEach((d, i) => {
    if (!coded(d) || !codesOf(d).every(isInspection)) return;
    const inspected = codesOf(d);
    const other = drafts.find(
      (o) =>
        o.mention !== d.mention &&
        coded(o) &&
        o.mention.sentence.start === d.mention.sentence.start &&
        codesOf(o).some((c) => c.charAt(0) === '0' && !isInspection(c) && inspected.some((x) => x.charAt(1) === c.charAt(1) && x.charAt(4) === c.charAt(4))) &&
        !apart(d.mention, o.mention),
    );
    if (!other) return;
    const { choices: _open, ...rest } = d;
    drafts[i] = {
      ...rest,
      status: 'not-coded',
      notCoded: 'included-in-other-code',
      score: d.score * 0.5,
      reason: `Inspection “${d.mention.text}” done to perform “${other.mention.text}”: not coded separately (${rule.source}).`,
    };
  });
}

/**
 * In the mother's own record "maternal fever" is the patient's fever (ConText reads "maternal" as a family
 * member, right in a newborn's record); "maternal grandmother" stays family (coding.json `maternalSelf`).
 */
function maternalAsPatient(m: Mention, text: string, rules: CodingRulePack): Mention {
  const c = m.context;
  if (c.experiencer !== 'family') return m;
  const family = c.triggers.filter((t) => t.category === 'FAMILY');
  if (family.length === 0 || !family.every((t) => rules.maternalSelf.words.includes(t.literal.toLowerCase()))) return m;
  const after = letterWordsOf(text.slice(Math.max(...family.map((t) => t.end)), m.span.start));
  if (after.some((w) => rules.maternalSelf.relatives.includes(w))) return m;
  return { ...m, context: { ...c, experiencer: 'patient', triggers: c.triggers.filter((t) => t.category !== 'FAMILY') } };
}

/**
 * External Cause Index entries describe how an injury happened ("fall from ladder"); one whose words
 * are already coded by a condition mention ("Fracture" inside "fracture of the femoral neck") is dropped.
 */
function withoutStrayExternalCauses(mentions: readonly Mention[]): Mention[] {
  // An abbreviation read in the External Cause Index ("secondhand smoke": Exposure, X58) is one too.
  const isCause = (m: Mention) => m.source === 'eindex' || (m.source === 'abbreviation' && m.codes.every((c) => EXTERNAL_CAUSE.test(c)));
  const conditions = mentions.filter((m) => !isCause(m) && m.source !== 'procedure');
  return mentions.filter((m) => !isCause(m) || !conditions.some((c) => c.span.start < m.span.end && m.span.start < c.span.end));
}

/**
 * A reading whose condition the record never names (a `needsDocumented` rule: a diabetes code in a record
 * without diabetes, reached through "Coma, hypoglycemic - see Diabetes") is a misreading of the Index's
 * cross-reference, meant for the diabetic patient: it is left out, and the condition's other reading
 * (Hypoglycemia, coma E15) stands (Guidelines I.C.4.a). A rule with `near` reads its words next to the
 * mention only: "fell" is one fall, not the repeated falls of R29.6.
 */
function withoutUndocumented(mentions: readonly Mention[], text: string, rules: CodingRulePack): Mention[] {
  let words: Set<string> | undefined;
  return mentions.filter((m) => {
    if (m.system !== 'icd10cm' || m.codes.length === 0) return true;
    // Every rule that covers the reading must find its words: E09 needs diabetes and a drug or chemical.
    const applying = rules.needsDocumented.filter((r) => m.codes.every((c) => r.codes.some((p) => matchesPattern(c, p))));
    if (applying.length === 0) return true;
    const lower = (from: number, to: number) => wordsOf(text.slice(from, to));
    const nearWords = (near: number) => [
      ...lower(m.sentence.start, m.span.start).slice(-near),
      ...lower(m.span.start, m.span.end),
      ...lower(m.span.end, m.sentence.end).slice(0, near),
    ];
    words ??= new Set(text.toLowerCase().split(/[^a-z0-9]+/));
    return applying.every((rule) => {
      if (rule.near === undefined) return rule.words.some((w) => words?.has(w));
      const near = nearWords(rule.near);
      return rule.words.some((w) => near.includes(w));
    });
  });
}

/**
 * A reading the words next to it send to another Index entry (a `crossReferences` rule): "anoxic brain injury"
 * read as Injury, brain (S06.9-) is Damage, brain, anoxic G93.1. The words before it are read in its clause.
 */
function withCrossReferences(mentions: readonly Mention[], text: string, rules: CodingRulePack): Mention[] {
  if (rules.crossReferences.length === 0) return [...mentions];
  return mentions.map((m) => {
    if (m.system !== 'icd10cm' || m.codes.length === 0) return m;
    const matching = rules.crossReferences.filter((r) => m.codes.every((c) => r.codes.some((p) => matchesPattern(c, p))));
    if (matching.length === 0) return m;
    const clause = text.slice(m.sentence.start, m.span.start).split(/[,;:]/).pop() ?? '';
    const after = ` ${wordsOf(text.slice(m.span.end, m.sentence.end)).slice(0, 4).join(' ')} `;
    const before = wordsOf(clause);
    const sentBefore = (r: (typeof matching)[number]) => before.slice(-r.near).some((w) => r.before.includes(w));
    const sentAfter = (r: (typeof matching)[number]) => r.after.some((w) => after.startsWith(` ${wordsOf(w).join(' ')} `));
    const rule = matching.find((r) => sentBefore(r) || sentAfter(r));
    if (!rule) return m;
    const sent: Mention = { ...m, codes: [rule.code], path: rule.index, context: withoutOwnMainTerm(m.context, rule.index[0] ?? '') };
    // An encounter code the note does not give as the visit's reason ("lung cancer screening ordered") is not
    // taken: the mention keeps its own reading, which its context leaves uncoded.
    return isEncounterReason(sent, rules) ? sent : m;
  });
}

/**
 * A trigger that is the main term of the Index entry a cross-reference sends the mention to names what the code
 * is, it does not modify it ("screening for colon cancer" is Screening, neoplasm, colon Z12.11, not a cancer
 * looked for), as ConText already reads a trigger that is the mention's own main term.
 */
function withoutOwnMainTerm(context: Mention['context'], mainTerm: string): Mention['context'] {
  const term = mainTerm.toLowerCase();
  const kept = context.triggers.filter((t) => !term.startsWith(t.literal.toLowerCase().split(/\s+/)[0] ?? ''));
  if (kept.length === context.triggers.length) return context;
  const has = (category: string) => kept.some((t) => t.category === category);
  return { ...context, triggers: kept, negated: has('NEGATED_EXISTENCE'), possible: has('POSSIBLE_EXISTENCE'), historical: has('HISTORICAL'), hypothetical: has('HYPOTHETICAL') };
}

/**
 * A condition named again in fewer words is the same condition: "held for the kidney injury" after
 * "acute kidney injury" is the acute kidney injury (N17.9), not a traumatic injury of the kidney (S37.0-).
 * Where the short words alone lead the Index to another chapter, the short mention takes the reading of
 * the full one it repeats (the nearest before it): both places are that condition's evidence. A full
 * mention after it is taken only where the short words read as an injury ("the fracture" before "femoral
 * fracture"): a disease named first in fewer words is a diagnosis of its own ("hypertension" in the past
 * history, "intracranial hypertension" on later imaging are two conditions, I10 and G93.2). A short
 * mention in the same chapter is left to the specificity rules (a less specific code of the same
 * condition), and a mention nested inside another ("hyperglycemia" in "diabetes with hyperglycemia") is
 * a reading of its own.
 */
function withShortReferencesResolved(mentions: readonly Mention[], text: string): Mention[] {
  const isCondition = (m: Mention) => m.system === 'icd10cm' && m.source !== 'eindex' && m.source !== 'drug' && m.source !== 'procedure';
  const words = new Map<Mention, Set<string>>();
  for (const m of mentions) if (isCondition(m)) words.set(m, new Set(m.evidence.flatMap((e) => contentTerms(text.slice(e.start, e.end)))));
  const chapter = (codes: readonly string[]) => codes[0]?.charAt(0);
  const full = (m: Mention) => !m.context.negated && !m.context.hypothetical && m.context.experiencer === 'patient';
  return mentions.map((m) => {
    const own = words.get(m);
    // A symptom named alone ("pain" after "low back pain") is a less specific reading, not a misreading; a
    // status ("s/p TKA" after "infected left TKA") is the device the patient has, not its complication again.
    if (!own || own.size === 0 || chapter(m.codes) === 'R' || m.codes.every((c) => STATUS_CODE.test(c))) return m;
    let before: Mention | undefined;
    let after: Mention | undefined;
    for (const [o, theirs] of words) {
      if (o === m || theirs.size <= own.size || !full(o) || chapter(o.codes) === chapter(m.codes)) continue;
      if (o.span.start < m.span.end && m.span.start < o.span.end) continue;
      if (![...own].every((w) => theirs.has(w))) continue;
      if (o.span.start < m.span.start) {
        if (!before || o.span.start > before.span.start) before = o;
      } else if (!after || o.span.start < after.span.start) after = o;
    }
    const ref = before ?? (/^[ST]/.test(m.codes[0] ?? '') ? after : undefined);
    return ref ? { ...m, codes: ref.codes, path: ref.path, source: ref.source, sentence: ref.sentence } : m;
  });
}

/**
 * Words of a sentence for narrowing; a roman numeral after stage, grade or type is its number. Latin and Greek plurals in -as that the light stemmer keeps
 * ("paresthesias", "arthralgias", "edemas") also give their singular, so that "paresthesias" supports
 * R20.2 Paresthesia of skin as "paresthesia" does; a singular in -as ("pancreas") only adds an unused key.
 */
function sentenceWords(sentence: string): Set<string> {
  const terms = contentTerms(sentence);
  const words = new Set(terms);
  for (const w of [...words]) if (w.length >= 5 && w.endsWith('as')) words.add(w.slice(0, -1));
  // "stage IIIb" is stage 3b, as the Tabular writes it (N18.32 Chronic kidney disease, stage 3b).
  terms.forEach((w, i) => {
    const n = numberAfter(terms[i - 1], w);
    if (n !== undefined) words.add(n);
  });
  return words;
}

/**
 * Narrow a header using the words of its sentence (laterality, acuity, type, stage, organism), else
 * take its unspecified child with a specificity prompt. An "unspecified" billable code is narrowed the
 * same way from its parent ("stage 2 pressure ulcer of sacrum": L89.159 → L89.152). Words in
 * parentheses in a title are nonessential and not required.
 */
/** Words a negation governs, up to the end of the clause: "without …", "no …", "denies …", "negative for …". */
const NEGATION_SCOPE = /\b(?:without|no|denies|denied|negative\s+for|free\s+of|absence\s+of)\b[^,;.]*/i;
const NEGATION_SCOPE_ALL = new RegExp(NEGATION_SCOPE.source, 'gi');

/** A Tabular title for the kinds listed nowhere else ("Other specified heart block", "Other disorders of …"). */
const OTHER_KIND = /^other\b/i;

function refine(
  code: string,
  system: CodeSystem,
  sentence: string,
  k: CodingKnowledge,
  date: string,
): { code: string; specificity?: string } {
  const implied = withImpliedWords(code, sentence, k.rules.injuryEncounter);
  const words = sentenceWords(implied);
  // The words a "without" governs are absent: they support a child printed "without …" only ("asthma
  // without status asthmaticus" is no J45.902 Unspecified asthma with status asthmaticus).
  // So are the words a negation governs ("dyspnea on exertion, with no chest pain or orthopnea" is no
  // R06.01 Orthopnea): a child is supported by what the sentence affirms.
  const present = NEGATION_SCOPE.test(implied) ? sentenceWords(implied.replace(NEGATION_SCOPE_ALL, ' ')) : words;
  // "Vomiting without nausea": the words after "without" are absent by definition; the sentence naming
  // nausea is no support for that child, unless it says "without" itself.
  const saysWithout = words.has('without');
  // "Without psychotic features" rules out the child "with psychotic features" (F31.5 beside F31.4): the
  // titles' own words are the same once "with" and "without" are set aside.
  const absent = new Set([...sentence.toLowerCase().matchAll(/\b(?:without|no)\s+([a-z]+)/g)].map((m) => m[1]));
  const saysWithWhatIsAbsent = (title: string) => [...title.toLowerCase().matchAll(/\bwith\s+([a-z]+)/g)].some((m) => absent.has(m[1]));
  const ownWords = (title: string, parent: Set<string>) =>
    contentTerms(coreText(saysWithout ? title : title.replace(/\bwithout\b[^,]*/gi, ' '))).filter(
      (w) => !parent.has(w) && !['unspecified', 'other', 'specified', 'without', 'with', 'site', 'type'].includes(w),
    );
  let current = code;
  const start = k.catalog.lookup(system, code, date);
  const foundWords = new Set(contentTerms(coreText(start.title ?? '')));
  let fromUnspecified = false;
  if (start.state === 'billable' && /\bunspecified\b/i.test(start.title ?? '') && code.length > 3) {
    const parent = code.slice(0, -1);
    if (k.catalog.stateOf(system, parent, date) === 'header') {
      current = parent;
      fromUnspecified = true;
    }
  }
  for (let depth = 0; depth < 4; depth++) {
    if (k.catalog.stateOf(system, current, date) !== 'header') break;
    const children = k.catalog.children(system, current, date);
    if (children.length === 0) break;
    // Words of the parent the note is taken to have said: those of the code the Index gave too. A parent
    // naming alternatives ("Aortic aneurysm and dissection", I71) leaves "dissection" to be written:
    // "aneurysm of aorta" (I71.9) is no I71.0- Dissection of aorta.
    const parentInfo = k.catalog.lookup(system, current, date);
    const parentTitleWords = contentTerms(coreText(parentInfo.title ?? ''));
    const parentWords = new Set(fromUnspecified ? parentTitleWords.filter((w) => foundWords.has(w)) : parentTitleWords);
    const supported = children
      // An "Other …" child is the specified kinds the classification lists nowhere else: the note naming
      // the condition plainly ("heart block") is no such kind (I45.5 Other specified heart block).
      .filter((child) => !OTHER_KIND.test(child.title) && !saysWithWhatIsAbsent(child.title))
      .map((child) => ({ child, own: ownWords(child.title, parentWords) }))
      .filter(({ child, own }) => own.length > 0 && own.every((w) => (/\bwithout\b/i.test(child.title) ? words : present).has(w)))
      .sort((a, b) => b.own.length - a.own.length);
    // A parent naming two sites ("Pain in foot and toes") leaves its children tied on the side alone:
    // of those, the one whose own site is in the sentence too ("right foot": M79.671, not M79.674).
    const top = supported.filter(({ own }) => own.length === supported[0]?.own.length);
    if (top.length > 1) {
      const titleWords = top.map(({ child }) => ownWords(child.title, new Set()));
      const shared = new Set(titleWords[0]?.filter((w) => titleWords.every((t) => t.includes(w))));
      const whole = top.filter(({ child }) => ownWords(child.title, shared).every((w) => words.has(w)));
      if (whole.length === 1) supported.splice(0, supported.length, ...whole);
    }
    // The most specific child the sentence fully supports, if it is the only one that specific.
    if (
      supported.length > 0 &&
      (supported.length === 1 || (supported[0] as { own: string[] }).own.length > (supported[1] as { own: string[] }).own.length)
    ) {
      current = (supported[0] as { child: CodeRef }).child.code;
      continue;
    }
    // Nothing more specific is documented for an unspecified code: keep it.
    if (fromUnspecified && depth === 0) return { code };
    // The 7th character is the encounter the note says, chosen later (applyInjuryEncounter), else the coder's.
    if (parentInfo.seventh.length > 0) break;
    // The unspecified child: the one adding least to its parent ("Systolic heart failure, unspecified").
    // A parent itself "unspecified" ("Leukemia, unspecified", C95.9) gives that word to the children whose titles
    // repeat it ("Leukemia, unspecified, in remission"): of those only one adding nothing is its default, else the
    // coder chooses; a child saying "unspecified" again ("Hemiplegia, unspecified affecting unspecified side") still is.
    const parentTitle = (parentInfo.title ?? '').toLowerCase();
    const inherits = (title: string) => /\bunspecified\b/.test(parentTitle) && title.toLowerCase().startsWith(parentTitle);
    const saysUnspecified = (title: string) => /\bunspecified\b/i.test(inherits(title) ? title.slice(parentTitle.length) : title);
    const unspecified = children
      .filter((c) => saysUnspecified(c.title) || (inherits(c.title) && ownWords(c.title, parentWords).length === 0))
      // A child repeating the unspecified parent's title ("Unspecified intestinal obstruction, unspecified as to
      // partial versus complete", K56.609) is that parent's own default, before a sibling that is unspecified
      // only in another axis ("Partial intestinal obstruction, unspecified as to cause", K56.600).
      .sort((a, b) => Number(inherits(b.title)) - Number(inherits(a.title)) || ownWords(a.title, parentWords).length - ownWords(b.title, parentWords).length)[0];
    if (unspecified) {
      const options = children.filter((c) => c.code !== unspecified.code).map((c) => `${c.display} ${c.title}`);
      return {
        code: unspecified.code,
        specificity: `More specific codes need documentation: ${options.slice(0, 6).join('; ')}${options.length > 6 ? '; …' : ''}.`,
      };
    }
    break;
  }
  // Narrowing from the parent of an unspecified code that found nothing more specific keeps the code.
  if (fromUnspecified && current !== code && k.catalog.stateOf(system, current, date) === 'header') return { code };
  return { code: current };
}

/**
 * Narrowing rules of the pack: "cervical lymphadenopathy" is localized (R59.0 for R59.1); "abdominal
 * pain in the right hypochondrium" is right upper quadrant pain (R10.11). A rule reads the mention's
 * sentence, or only the words near the mention when it says so; a rule may need two facts ("localized
 * peritonitis" with "gangrenous"); every rule that applies gives its codes, and when none applies the
 * code stays as it is.
 */
type NarrowingRule = CodingRulePack['sentenceNarrowing'][number];
// Hundreds of narrowing rules, read for every reading of every note: the rules of a code are found once per rule pack.
const narrowingRulesByCode = new WeakMap<readonly NarrowingRule[], Map<string, NarrowingRule[]>>();

function narrowingRulesFor(all: readonly NarrowingRule[], code: string): NarrowingRule[] {
  let byCode = narrowingRulesByCode.get(all);
  if (!byCode) {
    byCode = new Map();
    narrowingRulesByCode.set(all, byCode);
  }
  let rules = byCode.get(code);
  if (!rules) {
    rules = all.filter((r) => r.codes.some((p) => matchesPattern(code, p)));
    byCode.set(code, rules);
  }
  return rules;
}

function narrowBySentence(
  refined: { code: string; specificity?: string },
  mention: Mention,
  text: string,
  k: CodingKnowledge,
  depth = 0,
  chain: ReadonlySet<string> = new Set([refined.code]),
): Array<{ code: string; specificity?: string }> {
  const rules = narrowingRulesFor(k.rules.sentenceNarrowing, refined.code);
  if (rules.length === 0) return [refined];
  const { start, end } = mention.sentence;
  const sentence = text.slice(start, end).toLowerCase();
  // Numbers are words too ("stage 2"; "type 2 myocardial infarction" is I21.A1).
  const tokens = [...sentence.matchAll(/[a-z0-9-]+/g)].map((t) => ({ word: t[0], at: start + t.index }));
  const before = tokens.filter((t) => t.at < mention.span.start).length;
  const through = tokens.filter((t) => t.at < mention.span.end).length;
  const codes: string[] = [];
  const instead = new Set<string>();
  // A rule that keeps the reading (`keep`) adds its codes beside it; the reading stays unless another rule narrows it.
  let kept = false;
  let replaced = false;
  for (const rule of rules) {
    const read = rule.near === undefined ? tokens : tokens.slice(Math.max(0, before - rule.near), through + rule.near);
    const words = ` ${read.map((t) => t.word).join(' ')} `;
    const has = (w: string) => words.includes(` ${w} `);
    if (rule.unless.some(has) || !rule.words.some(has) || (rule.with && !rule.with.some(has))) continue;
    const last = rule.replaceLast;
    if (last && !refined.code.endsWith(last.from)) continue;
    const code = rule.keep ? undefined : last ? refined.code.slice(0, -1) + last.to : rule.category ? rule.category + refined.code.slice(3) : rule.code;
    if (rule.keep) kept = true;
    else replaced = true;
    if (rule.instead && code !== undefined) instead.add(code);
    for (const c of [code, ...(rule.also ?? [])]) if (c !== undefined && !codes.includes(c)) codes.push(c);
  }
  if (kept && !replaced) codes.unshift(refined.code);
  // Never back to a code this reading was narrowed from: D70.9 -> D70.1 (due to chemotherapy) is not
  // read back to D70.9 by the rule for neutropenic fever.
  const onward = depth === 0 ? codes : codes.filter((c) => !chain.has(c));
  if (onward.length === 0) return [refined];
  // Codes only added beside it (R50.81 with the neutropenia) leave the reading itself as it is.
  if (depth > 0 && instead.size === 0 && !onward.some((c) => c.slice(0, 3) === refined.code.slice(0, 3))) onward.unshift(refined.code);
  // A code narrowed within its category is read again by the rules for it ("left rib fractures": multiple ribs
  // S22.49, then the left S22.42); one sent to another category (back pain to foot pain) is final, except a code
  // that replaces the reading (`instead`): "right hemiparesis following a stroke" is I69.359, then the right I69.351.
  const out: Array<{ code: string; specificity?: string }> = [];
  for (const code of onward) {
    const same = code !== refined.code && code.slice(0, 3) === refined.code.slice(0, 3);
    const again = code === refined.code ? [refined] : depth < 3 && (same || instead.has(code)) ? narrowBySentence({ code }, mention, text, k, depth + 1, new Set([...chain, code])) : [{ code }];
    for (const n of again) if (!out.some((o) => o.code === n.code)) out.push(n);
  }
  return out;
}

export function suggest(
  mentions: readonly Mention[],
  settings: AnalysisSettings,
  text: string,
  k: CodingKnowledge,
  obstetric?: ObstetricFacts,
): Suggestion[] {
  const date = settings.dateOfService;
  const own = obstetric?.maternal && !obstetric.newborn ? mentions.map((m) => maternalAsPatient(m, text, k.rules)) : mentions;
  const read = withProcedureReadingsCombined(withCrossReferences(withoutStrayExternalCauses(withoutUndocumented(own, text, k.rules)), text, k.rules));
  const drafts = withShortReferencesResolved(read, text).flatMap((m) =>
    draftsFor(m, settings, k, text.slice(m.sentence.start, m.sentence.end)),
  );
  applyInspectionsWithinProcedures(drafts, text);

  // Merge drafts of the same code; a coded reading wins over a not-coded one, and then only the coded
  // readings are its evidence ("no chest pain" is not evidence for chest pain coded from another line).
  // The count, how often the note discusses the condition, ranks it either way.
  const byCode = new Map<string, { draft: Draft; mentions: Mention[]; count: number }>();
  const merge = (draft: Draft, refined: { code: string; specificity?: string }): void => {
    // A header the sentence did not narrow gives its unspecified child by default: a weaker reading than
    // a code the words name, so it ranks lower (the coder is prompted for the documentation).
    const score = refined.specificity ? draft.score * UNNARROWED_WEIGHT : draft.score;
    const d: Draft = { ...draft, code: refined.code, score, ...(refined.specificity ? { specificity: refined.specificity } : {}) };
    const key = `${d.system}:${d.code}`;
    const prev = byCode.get(key);
    if (!prev) byCode.set(key, { draft: d, mentions: [d.mention], count: 1 });
    else if (d.status !== 'not-coded' && prev.draft.status === 'not-coded') byCode.set(key, { draft: d, mentions: [d.mention], count: prev.count + 1 });
    else if (d.status === 'not-coded' && prev.draft.status !== 'not-coded') {
      prev.count++;
      if (d.notCoded === 'ruled-out' && d.mention.span.start > (ruledOut.get(key)?.mention.span.start ?? -1)) ruledOut.set(key, d);
    } else {
      prev.mentions.push(d.mention);
      prev.count++;
      const better =
        (d.status === 'suggested' && prev.draft.status === 'incomplete') || (d.status === prev.draft.status && d.score > prev.draft.score);
      if (better) prev.draft = d;
    }
  };
  /** The last "ruled out" of a code that a coded mention also reads. */
  const ruledOut = new Map<string, Draft>();
  for (const draft of drafts) {
    const sentence = text.slice(draft.mention.sentence.start, draft.mention.sentence.end);
    const readings =
      draft.status === 'not-coded'
        ? [{ code: draft.code }]
        : narrowBySentence(refine(draft.code, draft.system, sentence, k, date), draft.mention, text, k).flatMap(
            (r) => bilateralCodes(r.code, draft.system, draft.mention, text, k.catalog, k.rules.laterality, date)?.map((code) => ({ code })) ?? [r],
          );
    for (const refined of readings) merge(draft, refined);
  }

  // A condition suspected, worked up, then ruled out is not coded: the note's last word on it counts ("sepsis
  // evaluation at birth ... sepsis ruled out"); one affirmed after the rule-out stands (Guidelines II.H, III.C, IV.H).
  for (const [key, out] of ruledOut) {
    const entry = byCode.get(key);
    if (!entry || entry.draft.status === 'not-coded') continue;
    if (entry.mentions.every((m) => m.span.start < out.mention.span.start)) byCode.set(key, { draft: out, mentions: [out.mention], count: entry.count });
  }
  // The coded diagnoses the list will hold: the ranking model reads each one beside the others (same chapter).
  const others = [...byCode.values()]
    .filter(({ draft }) => draft.status !== 'not-coded' && draft.kind === 'diagnosis' && draft.system === 'icd10cm')
    .map(({ draft }) => draft.code);
  const suggestions: Suggestion[] = [...byCode.values()].map(({ draft, mentions: ms, count }) => toSuggestion(draft, ms, count, k, date, text, others));
  applyInjuryEncounter(suggestions, mentions, text, k.catalog, k.rules.injuryEncounter, date);
  mergeSameCodes(suggestions);
  // Pregnancy and delivery: timing, Z3A, Z37, O80 (Guidelines I.C.15).
  applyObstetric(suggestions, obstetric, settings, k, mentions);
  applyDiabetesType(suggestions, k, date);
  applyNewbornExamination(suggestions, text, settings, k);
  applyCombinations(suggestions, k, date);
  applyStatusCovered(suggestions, k);
  applyIntegralSymptoms(suggestions, k, settings, date);
  applyAllergyStatus(suggestions, drafts, k);
  applyMostSpecific(suggestions, k, date);
  applyUnspecifiedSites(suggestions, k);
  applyExternalCauseEncounter(suggestions, k, date);
  mergeSameCodes(suggestions);
  applyExcludes1(suggestions, k, date);
  applyNumberedFirstListed(suggestions, read, text, settings, k.rules);
  applyCodeFirst(suggestions, k, date);
  applyProceduresDecidedElsewhere(suggestions);
  applyProcedureByDiagnoses(suggestions, k);
  applyProceduresCovered(suggestions, k);
  return suggestions.sort(bySuggestionRank);
}

/** A line that opens a numbered list with its first item: "1. ", "1) ", "#1 ", "#1. ". */
const FIRST_ITEM = /^\s*(?:#\s*)?1\s*[.):]?\s+$/;

/**
 * The first item of a numbered diagnosis list is the first-listed diagnosis of an outpatient visit (Guidelines
 * IV.G): the coded diagnosis read there (the best of them) takes the top score and leads its standing, before the
 * Tabular's and the pack's sequencing, which still put an etiology or a screening before it.
 */
function applyNumberedFirstListed(suggestions: Suggestion[], mentions: readonly Mention[], text: string, settings: AnalysisSettings, rules: CodingRulePack): void {
  const rule = rules.numberedFirstListed;
  if (!rule?.settings.includes(settings.setting)) return;
  const firstItem = new Set(
    mentions
      .filter((m) => rule.sections.includes(m.section))
      .filter((m) => FIRST_ITEM.test(text.slice(text.lastIndexOf('\n', m.span.start - 1) + 1, m.span.start)))
      .map((m) => `${m.span.start}:${m.span.end}`),
  );
  if (firstItem.size === 0) return;
  const live = suggestions.filter((s) => coded(s) && s.system === 'icd10cm' && s.kind === 'diagnosis');
  const first = live
    .filter((s) => s.evidence.some((e) => firstItem.has(`${e.start}:${e.end}`)))
    .sort((a, b) => b.score - a.score)[0];
  if (!first) return;
  first.score = Math.max(...live.map((s) => s.score));
  first.reason += ` First-listed: the first item of the numbered assessment (${rule.source.split(' (')[0]}).`;
  suggestions.splice(suggestions.indexOf(first), 1);
  suggestions.unshift(first);
}

export { ruleSuggestion } from './rule-suggestion';

/**
 * One code once: drafts merged while still without their 7th character ("second degree burn of the right
 * forearm" in the exam and in the assessment) can be completed to the same code by the encounter's words.
 * The coded reading with the higher score is kept, with the evidence and mentions of both; a code is
 * reported once per encounter (Guidelines I.B.12, I.C.19.a).
 */
function mergeSameCodes(suggestions: Suggestion[]): void {
  const kept = new Map<string, Suggestion>();
  const out: Suggestion[] = [];
  for (const s of suggestions) {
    const key = `${s.system}:${s.code}`;
    const prev = coded(s) ? kept.get(key) : undefined;
    if (!prev) {
      if (coded(s)) kept.set(key, s);
      out.push(s);
      continue;
    }
    const [win, lose] = RANK_OF_STATUS[s.status] < RANK_OF_STATUS[prev.status] || (RANK_OF_STATUS[s.status] === RANK_OF_STATUS[prev.status] && s.score > prev.score) ? [s, prev] : [prev, s];
    const spans = new Map([...win.evidence, ...lose.evidence].map((e) => [`${e.start}:${e.end}`, e]));
    win.evidence = [...spans.values()];
    win.mentionIds = [...new Set([...win.mentionIds, ...lose.mentionIds])];
    win.score = Math.max(win.score, lose.score);
    if (win !== prev) {
      out[out.indexOf(prev)] = win;
      kept.set(key, win);
    }
  }
  suggestions.splice(0, suggestions.length, ...out);
}

const RANK_OF_STATUS = { suggested: 0, conflict: 0, incomplete: 1, 'not-coded': 2 } as const;
/** Coded before incomplete before not coded, then by score. */
export const bySuggestionRank = (a: Suggestion, b: Suggestion): number =>
  RANK_OF_STATUS[a.status] - RANK_OF_STATUS[b.status] || b.score - a.score;

function toSuggestion(draft: Draft, mentions: Mention[], count: number, k: CodingKnowledge, date: string, text: string, others: RankingInput['others'] = []): Suggestion {
  const info = k.catalog.lookup(draft.system, draft.code, date);
  // One span once: a procedure read in two code systems, or a line giving two codes, is one place in the note.
  const evidence = [...new Map(mentions.map((m) => [`${m.span.start}:${m.span.end}`, { start: m.span.start, end: m.span.end, text: m.text }])).values()];
  const handScore = Math.min(1, draft.score * (1 + 0.15 * Math.log2(count)));
  let status = draft.status;
  let notCoded = draft.notCoded;
  let reason = draft.reason;
  let choices: Suggestion['choices'];
  let title = info.title ?? '';
  if (draft.choices && status === 'incomplete') {
    const options = draft.choices.map((code) => ({ code, display: displayCode(draft.system, code), title: k.catalog.lookup(draft.system, code, date).title ?? '' }));
    choices = options;
    title = sharedTitle(options.map((o) => o.title));
  }
  if (status !== 'not-coded') {
    if (info.state === 'header') {
      status = 'incomplete';
      const options =
        info.seventh.length > 0
          ? info.seventh.map((s) => ({ code: s.code, display: displayCode(draft.system, s.code), title: `${s.char}: ${s.meaning}` }))
          : info.children.filter((c) => c.billable).map((c) => ({ code: c.code, display: c.display, title: c.title }));
      choices = options;
      reason +=
        info.seventh.length > 0
          ? NEEDS_SEVENTH
          : ' Needs more characters.';
    } else if (info.state === 'unknown' && info.fiscalYear === undefined && info.billableIn.length > 0) {
      // No code set of this system covers the date (FY2027 ICD-10-PCS is not in the bundled data): the code
      // cannot be verified, so it is not final — but it is not invalid either; say which year has it.
      const year = Math.max(...info.billableIn);
      const known = k.catalog.lookup(draft.system, draft.code, `${year}-03-01`);
      status = 'not-coded';
      notCoded = 'no-code-set-for-date';
      reason += ` ${info.reason} Billable in FY${year}; import the code set for the date of service on the options page to code it.`;
      if (known.title) title = known.title;
    } else if (info.state === 'invalid-on-date' || info.state === 'unknown') {
      status = 'not-coded';
      notCoded = 'not-valid-on-date';
      reason += ` ${info.reason}`;
      if (info.replacedBy.length) choices = info.replacedBy.map((c) => ({ code: c.code, display: c.display, title: c.title }));
    }
  }
  // A procedure not done, of a year no bundled code set covers, still shows the title its last year gives.
  if (!title && info.state === 'unknown' && info.fiscalYear === undefined && info.billableIn.length > 0)
    title = k.catalog.lookup(draft.system, draft.code, `${Math.max(...info.billableIn)}-03-01`).title ?? '';
  const hcc = info.hcc.find((h) => h.model === 'V28')?.hcc;
  const mention = draft.mention;
  // A coded or incomplete diagnosis is scored by the ranking model; a not-coded one keeps its lower placing.
  const model = k.ranking && draft.kind === 'diagnosis' && draft.system === 'icd10cm' && status !== 'not-coded' ? k.ranking : undefined;
  const features = model && rankingFeatures({ code: draft.code, title, status, context: draft.context, mention, mentions, count, specificity: draft.specificity !== undefined, handScore, text, others }, model);
  const score = model && features ? rankingScore(features, model) : handScore;
  const suggestion: Suggestion = {
    code: draft.code,
    display: displayCode(draft.system, draft.code),
    title,
    system: draft.system,
    kind: draft.kind,
    score: Math.round(score * 1000) / 1000,
    reason,
    evidence,
    context: draft.context,
    section: mention.section,
    status,
    ...(notCoded && status === 'not-coded' ? { notCoded } : {}),
    state: info.state,
    ...(choices ? { choices } : {}),
    ...(draft.specificity ? { specificity: draft.specificity } : {}),
    mentionIds: mentions.map((m) => m.id),
    ...(hcc ? { hcc } : {}),
  };
  if (features) k.onRankingFeatures?.(suggestion.code, features);
  return suggestion;
}

/**
 * A procedure left open in one sentence ("the knee arthroplasty went well") and decided in another ("left
 * total knee arthroplasty") is the decided one: the open reading is not coded beside it.
 */
function applyProceduresDecidedElsewhere(suggestions: Suggestion[]): void {
  for (const s of suggestions) {
    if (s.status !== 'incomplete' || s.kind !== 'procedure' || !s.choices) continue;
    const decided = suggestions.find((o) => o.status === 'suggested' && o.system === s.system && s.choices?.some((c) => c.code === o.code));
    if (!decided) continue;
    s.status = 'not-coded';
    s.notCoded = 'less-specific';
    s.reason += ` The record decides it elsewhere: ${decided.display} ${decided.title}.`;
  }
}

/**
 * A procedure read with alternative codes that a coded diagnosis decides between (a screening colonoscopy:
 * G0105 at high risk, G0121 otherwise): the code the record's diagnoses call for is kept, the other is not coded.
 */
function applyProcedureByDiagnoses(suggestions: Suggestion[], k: CodingKnowledge): void {
  for (const rule of k.rules.procedureByDiagnoses) {
    const read = suggestions.filter((s) => coded(s) && s.kind === 'procedure' && rule.procedures.includes(s.code));
    if (read.length < 2) continue;
    const cause = suggestions.find((d) => coded(d) && d.system === 'icd10cm' && rule.diagnoses.some((p) => matchesPattern(d.code, p)));
    const keep = cause ? rule.code : rule.otherwise;
    const kept = read.find((s) => s.code === keep);
    if (!kept) continue;
    kept.reason += cause
      ? ` ${rule.literal}: ${cause.display} ${cause.title} (${rule.source}).`
      : ` ${rule.literal}: no diagnosis on the list calls for ${rule.code} (${rule.source}).`;
    for (const s of read) {
      if (s === kept) continue;
      s.status = 'not-coded';
      s.notCoded = 'less-specific';
      s.reason += ` The record decides it: ${kept.display} ${kept.title}.`;
    }
  }
}

/** The words the titles of a choice share, the differing ones as "…" ("Replacement of … Knee Joint with Synthetic Substitute, Open Approach"). */
function sharedTitle(titles: readonly string[]): string {
  const split = titles.map((t) => t.split(' '));
  const [first = []] = split;
  let head = 0;
  while (head < first.length && split.every((w) => w[head] === first[head])) head++;
  let tail = 0;
  while (tail < first.length - head && split.every((w) => w.length - tail - 1 >= head && w[w.length - tail - 1] === first[first.length - tail - 1])) tail++;
  if (head + tail === 0) return titles.join(' / ');
  return [...first.slice(0, head), '…', ...first.slice(first.length - tail)].join(' ');
}

const coded = (s: Suggestion) => s.status === 'suggested' || s.status === 'conflict' || s.status === 'incomplete';

/** Combination codes win over separate codes (Guidelines I.B.9, I.A.15): data-driven from the pack. */
function applyCombinations(suggestions: Suggestion[], k: CodingKnowledge, date: string): void {
  for (const rule of k.rules.combinations) {
    const live = suggestions.filter((s) => coded(s) && s.system === 'icd10cm' && s.context !== 'family');
    const matched = rule.requires.map((p) => live.find((s) => matchesPattern(s.code, p)));
    if (matched.some((m) => !m)) continue;
    const parts = matched as Suggestion[];
    const category = (parts[0] as Suggestion).code.slice(0, 3);
    const code = fill(rule.code, category);
    if (k.catalog.stateOf('icd10cm', code, date) !== 'billable') continue;
    const removePatterns = rule.remove.map((r) => fill(r, category));
    for (const s of live) {
      // A reading of the combination code itself ("nephrosclerosis": Hypertension, kidney I12.9) is that code,
      // not replaced by it.
      if (s.code === code) continue;
      if (removePatterns.some((p) => matchesPattern(s.code, p)) && !rule.keep.some((i) => parts[i] === s)) {
        s.status = 'not-coded';
        s.notCoded = 'superseded-by-combination';
        s.reason += ` Replaced by the combination code ${displayCode('icd10cm', code)} (${rule.source}).`;
      }
    }
    if (suggestions.some((s) => s.code === code && coded(s))) continue;
    const info = k.catalog.lookup('icd10cm', code, date);
    const hcc = info.hcc.find((h) => h.model === 'V28')?.hcc;
    suggestions.push({
      code,
      display: displayCode('icd10cm', code),
      title: info.title ?? '',
      system: 'icd10cm',
      kind: 'diagnosis',
      score: Math.max(...parts.map((p) => p.score)),
      reason: `${rule.literal}: ${parts.map((p) => `“${p.evidence[0]?.text ?? p.display}”`).join(' + ')} (${rule.source}).`,
      evidence: parts.flatMap((p) => p.evidence),
      context: 'affirmed',
      section: (parts[0] as Suggestion).section,
      status: 'suggested',
      state: info.state,
      mentionIds: parts.flatMap((p) => p.mentionIds),
      ...(hcc ? { hcc } : {}),
    });
  }
}

/**
 * A procedure code beside one that includes it is not coded: the inspection beside a procedure done through
 * the same scope (ICD-10-PCS Guidelines B3.11a), the large intestine beside its named segments (B4.1).
 */
function applyProceduresCovered(suggestions: Suggestion[], k: CodingKnowledge): void {
  const live = suggestions.filter((s) => coded(s) && s.kind === 'procedure');
  for (const s of live) {
    const rule = k.rules.proceduresCoveredBy.find((r) => r.procedure.some((p) => matchesPattern(s.code, p)));
    const by = rule && live.find((o) => o !== s && o.status !== 'not-coded' && rule.by.some((p) => matchesPattern(o.code, p)));
    if (!rule || !by) continue;
    s.status = 'not-coded';
    s.notCoded = 'included-in-other-code';
    s.reason += ` ${by.display} ${by.title} includes it (${rule.source}).`;
  }
}

/**
 * A status code is not coded beside a code that includes it (Guidelines I.C.21.c.3): Z94.1 heart transplant
 * status not with T86.2- complications of heart transplant, Z93.3 colostomy status not with K94.0-.
 */
function applyStatusCovered(suggestions: Suggestion[], k: CodingKnowledge): void {
  const live = suggestions.filter((s) => coded(s) && s.system === 'icd10cm' && s.context !== 'family');
  for (const s of live) {
    for (const rule of k.rules.statusCoveredBy) {
      if (!rule.status.some((p) => matchesPattern(s.code, p))) continue;
      const by = live.find((o) => o !== s && rule.by.some((p) => matchesPattern(o.code, p)));
      if (!by) continue;
      s.status = 'not-coded';
      s.notCoded = 'included-in-other-code';
      s.reason += ` ${by.display} ${by.title} includes it (${rule.source}).`;
      break;
    }
  }
}

function fill(template: string, category: string): string {
  return template.replace('{0}', category).replace('.', '');
}

/** Chapter 18: symptoms, signs and abnormal findings. */
const SYMPTOM_CHAPTER = /^R/;
/** G89 pain codes go with the site's pain code (Guidelines I.C.6.b.1). */
const PAIN_CATEGORY = /^G89/;
/** The longest phrase read as one diagnosis's name, in characters. */
const NAME_PHRASE_MAX = 60;

/**
 * Drop symptoms integral to a confirmed diagnosis in the same record (Guidelines I.B.5). Inpatient,
 * an uncertain diagnosis counts as confirmed (II.H); outpatient its symptoms are what is coded (IV.H).
 */
function applyIntegralSymptoms(suggestions: Suggestion[], k: CodingKnowledge, settings: AnalysisSettings, date: string): void {
  const confirmed = suggestions.filter(
    (s) => coded(s) && (s.context !== 'possible' || settings.setting === 'inpatient') && s.system === 'icd10cm',
  );
  for (const s of suggestions) {
    if (!coded(s)) continue;
    const rule = k.rules.integralSymptoms.find((r) => matchesPattern(s.code, r.symptom));
    if (!rule) continue;
    const cause = confirmed.find((d) => d !== s && rule.diagnoses.some((p) => matchesPattern(d.code, p)));
    if (!cause) continue;
    s.status = 'not-coded';
    s.notCoded = 'integral-symptom';
    s.reason += ` Integral to ${cause.display} ${cause.title}. ${GUIDE.integral}`;
  }
  // A symptom whose words are only ever part of a diagnosis's own name ("respiratory distress" in
  // "respiratory distress syndrome") is that diagnosis, not a symptom beside it. One phrase, not a mention
  // whose words spread over a sentence; a G89 pain code keeps the site's pain code (Guidelines I.C.6.b.1).
  const inside = (a: Suggestion['evidence'][number], b: Suggestion['evidence'][number]) =>
    b.start <= a.start && a.end <= b.end && b.end - b.start > a.end - a.start && b.end - b.start <= NAME_PHRASE_MAX;
  // A code whose Tabular note says to code the other first ("R65.21 Severe sepsis with septic shock: code
  // first underlying infection") is coded beside it, however much of its name the other's words hold
  // ("septic shock due to E. coli pyelonephritis"): Guidelines I.A.13, I.C.1.d.1.b.
  const codedAfter = (s: Suggestion, d: Suggestion) =>
    noteGroups(k.catalog.lookup('icd10cm', s.code, date).notes).some((g) => g.type === 'codeFirst' && groupMatcher(g, k.rules.sequencing)(d.code));
  for (const s of suggestions) {
    if (!coded(s) || !SYMPTOM_CHAPTER.test(s.code) || s.evidence.length === 0) continue;
    const cause = confirmed.find(
      (d) =>
        d !== s &&
        coded(d) &&
        !SYMPTOM_CHAPTER.test(d.code) &&
        !PAIN_CATEGORY.test(d.code) &&
        s.evidence.every((e) => d.evidence.some((de) => inside(e, de))) &&
        !codedAfter(s, d),
    );
    if (!cause) continue;
    s.status = 'not-coded';
    s.notCoded = 'integral-symptom';
    s.reason += ` Its words are part of ${cause.display} ${cause.title}. ${GUIDE.integral}`;
  }
}

/**
 * Code to the highest specificity documented (Guidelines I.B.2, III.B): an "unspecified" code is
 * dropped when the record supports a specified code of the same category.
 */
/**
 * "Allergic to penicillin": the status Z88.0 names the allergy, so the drugless readings of the same
 * sentence ("allergic" T78.40, "allergy" Z88.9) are not coded beside it.
 */
function applyAllergyStatus(suggestions: Suggestion[], drafts: readonly Draft[], k: CodingKnowledge): void {
  const statusCodes = new Set(k.rules.allergyStatus.classes.map((c) => c.code));
  const sentencesOf = (s: Suggestion) =>
    drafts.filter((d) => d.code === s.code || s.mentionIds.includes(d.mention.id)).map((d) => d.mention.sentence.start);
  // A status read from a drug (its mention names the drug's adverse effect), not a Z88 the index gave a word.
  const drugMention = new Set(drafts.filter((d) => d.mention.codes.every((c) => ADVERSE_EFFECT.test(c))).map((d) => d.mention.id));
  const withStatus = new Map<number, Suggestion>();
  for (const s of suggestions) {
    if (!coded(s) || !statusCodes.has(s.code) || !s.mentionIds.some((id) => drugMention.has(id))) continue;
    for (const at of sentencesOf(s)) withStatus.set(at, s);
  }
  if (withStatus.size === 0) return;
  for (const s of suggestions) {
    if (!coded(s) || !k.rules.allergyStatus.reactions.some((p) => matchesPattern(s.code, p))) continue;
    const status = sentencesOf(s)
      .map((at) => withStatus.get(at))
      .find((x) => x !== undefined);
    if (!status || status === s) continue;
    s.status = 'not-coded';
    s.notCoded = 'included-in-other-code';
    s.reason += ` The allergy is documented with its drug: ${status.display} ${status.title}.`;
  }
}

function applyMostSpecific(suggestions: Suggestion[], k: CodingKnowledge, date: string): void {
  const live = suggestions.filter((s) => coded(s) && s.system === 'icd10cm' && s.kind === 'diagnosis');
  const UNSPECIFIED = /\bunspecified\b/i;
  const isUnspecified = (s: Suggestion) => UNSPECIFIED.test(s.title);
  const up = (code: string) => (code.length > 4 ? code.slice(0, -1) : code.slice(0, 3));
  /** The first ancestor that is not itself an unspecified kind: the group of codes a reading competes in. */
  const groupOf = (code: string) => {
    let parent = up(code);
    while (parent.length > 3 && UNSPECIFIED.test(k.catalog.lookup('icd10cm', parent, date).title ?? '')) parent = up(parent);
    return parent;
  };
  for (const s of live) {
    if (!isUnspecified(s) || s.status === 'incomplete') continue;
    // Under the same parent: "Unspecified E. coli" (B96.20) yields to E. coli O157 (B96.21), not to
    // Klebsiella (B96.1), another organism of the category. A parent that is itself the unspecified
    // kind ("Unspecified asthma" J45.90) holds no other kind: the whole category is read (J45.909
    // yields to J45.21 Mild intermittent asthma with exacerbation).
    const parent = groupOf(s.code);
    const kind = k.rules.specificWithin?.find((r) => matchesPattern(s.code, r.unspecified));
    const specific = live.find(
      (o) =>
        o !== s &&
        o.code.startsWith(parent) &&
        !isUnspecified(o) &&
        o.context === s.context &&
        o.status !== 'not-coded' &&
        (!kind || kind.within.some((p) => matchesPattern(o.code, p))),
    );
    if (!specific) continue;
    s.status = 'not-coded';
    s.notCoded = 'less-specific';
    s.reason += ` The record supports the more specific ${specific.display} (Guidelines I.B.2).`;
  }
  // A category left incomplete ("decreased level of consciousness": R40.-) yields to a code below it that
  // the record documents ("somnolent": R40.0): the record has chosen among its choices (Guidelines I.B.2).
  for (const s of live) {
    if (s.status !== 'incomplete' || s.state !== 'header') continue;
    const chosen = live.find(
      (o) => o !== s && o.status !== 'incomplete' && o.code.startsWith(s.code) && o.code.length > s.code.length && o.context === s.context,
    );
    if (!chosen) continue;
    s.status = 'not-coded';
    s.notCoded = 'less-specific';
    s.reason += ` The record documents ${chosen.display} ${chosen.title} (Guidelines I.B.2).`;
  }
  // A code whose title says less than a sibling's ("Chronic systolic heart failure" beside "Acute on
  // chronic systolic heart failure", I50.22 / I50.23) is that condition read partly: the fuller code stands.
  const titleWords = (t: string) => new Set(t.toLowerCase().match(/[a-z0-9]+/g) ?? []);
  for (const s of live) {
    if (s.status === 'not-coded' || s.status === 'incomplete' || s.code.length < 5) continue;
    const own = titleWords(s.title);
    const fuller = live.find((o) => {
      if (o === s || o.status === 'not-coded' || o.code.length !== s.code.length || o.code.slice(0, 4) !== s.code.slice(0, 4)) return false;
      if (o.context !== s.context && o.context !== 'affirmed') return false;
      const theirs = titleWords(o.title);
      return theirs.size > own.size && [...own].every((w) => theirs.has(w));
    });
    if (!fuller) continue;
    s.status = 'not-coded';
    s.notCoded = 'less-specific';
    s.reason += ` ${fuller.display} ${fuller.title} says all this and more (Guidelines I.B.2).`;
  }
  // A condition coded "uncomplicated" beside the same condition with its complication ("moderate persistent
  // asthma" J45.40 and "… with acute exacerbation" J45.41; "Asthma" in the history J45.909) is one condition:
  // the complicated code stands. Same parent, walking up through unspecified parents as above.
  const UNCOMPLICATED = /\buncomplicated\b|\bwithout complications?\b/i;
  for (const s of live) {
    if (s.status === 'not-coded' || s.status === 'incomplete' || !UNCOMPLICATED.test(s.title)) continue;
    const parent = groupOf(s.code);
    const complicated = live.find(
      (o) =>
        o !== s &&
        o.status !== 'not-coded' &&
        o.code.startsWith(parent) &&
        !UNCOMPLICATED.test(o.title) &&
        (o.context === s.context || o.context === 'affirmed'),
    );
    if (!complicated) continue;
    s.status = 'not-coded';
    s.notCoded = 'less-specific';
    s.reason += ` The record documents it with its complication: ${complicated.display} ${complicated.title} (Guidelines I.B.2, I.B.9).`;
  }
}

/**
 * A neoplasm of unspecified site ("tumor" → D49.9, "carcinoma" → C80.1) beside the same kind of
 * neoplasm with its site ("renal tumor" → D49.512) is that neoplasm read without its site: the site
 * code stands alone (Guidelines I.B.2; I.C.2: C80.1 only when the primary site cannot be determined).
 */
function applyUnspecifiedSites(suggestions: Suggestion[], k: CodingKnowledge): void {
  const live = suggestions.filter((s) => coded(s) && s.system === 'icd10cm' && s.context !== 'family');
  for (const rule of k.rules.unspecifiedSites) {
    for (const s of live) {
      if (s.status === 'not-coded' || !matchesPattern(s.code, rule.unspecified)) continue;
      const sited = live.find((o) => o !== s && o.status !== 'not-coded' && rule.specified.some((p) => matchesPattern(o.code, p)));
      if (!sited) continue;
      s.status = 'not-coded';
      s.notCoded = 'less-specific';
      s.reason += ` ${rule.literal ?? 'The record documents the site'}: ${sited.display} ${sited.title} (${rule.source}).`;
    }
  }
}

/** External cause codes (chapter 20) and the injuries (S00-T88) whose encounter their 7th character follows. */
const EXTERNAL_CAUSE = /^[V-Y]/;
const INJURY = /^[ST]/;

/**
 * An external cause takes the 7th character of the injury it caused for the encounter (Guidelines
 * I.C.20.a.2): "fell from a ladder" beside S52.531A is W11.XXXA. Only when the coded injuries agree on
 * one 7th character; otherwise the cause stays incomplete with its choices.
 */
function applyExternalCauseEncounter(suggestions: Suggestion[], k: CodingKnowledge, date: string): void {
  const characters = new Set<string>();
  for (const s of suggestions) {
    if (!coded(s) || s.status === 'incomplete' || s.system !== 'icd10cm' || !INJURY.test(s.code) || s.code.length !== 7) continue;
    if (k.catalog.lookup('icd10cm', s.code.slice(0, 6), date).seventh.length > 0) characters.add(s.code.slice(6));
  }
  if (characters.size !== 1) return;
  const [character] = [...characters] as [string];
  for (const s of suggestions) {
    if (s.status !== 'incomplete' || s.system !== 'icd10cm' || !EXTERNAL_CAUSE.test(s.code)) continue;
    const choice = s.choices?.find((c) => c.code.length === 7 && c.code.endsWith(character));
    if (!choice) continue;
    const info = k.catalog.lookup('icd10cm', choice.code, date);
    if (info.state !== 'billable') continue;
    s.code = choice.code;
    s.display = choice.display;
    s.title = info.title ?? s.title;
    s.state = info.state;
    s.status = 'suggested';
    delete s.choices;
    s.reason += ` 7th character ${character} as the injury's for this encounter (Guidelines I.C.20.a.2).`;
  }
}

/**
 * Codes a note names in parentheses: "(A41.9)", "(G30.-)", "(E00-E03.-)", "(B56.-, B57.-)"; dotless bounds.
 * `prefix`: a subcategory named with its dash ("(M89.7-)", "(J96.0-)") stands for the codes below it only.
 */
function codesNamed(text: string): Array<{ from: string; to: string; prefix?: true }> {
  const out: Array<{ from: string; to: string; prefix?: true }> = [];
  for (const group of text.matchAll(/\(([^()]*)\)/g)) {
    for (const m of (group[1] ?? '').matchAll(/\b([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)(\.?-(?!\s*[A-Z]\d))?(?:\s*-\s*([A-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?))?/g)) {
      const from = (m[1] ?? '').replace('.', '');
      if (m[3]) out.push({ from, to: m[3].replace('.', '') });
      else out.push({ from, to: from, ...(m[2] && from.length > 3 ? { prefix: true as const } : {}) });
    }
  }
  return out;
}

/** A Tabular instruction with its lines: "code to identify specific acute organ dysfunction, such as:" and the examples below it. */
interface NoteGroup {
  type: 'codeFirst' | 'useAdditionalCode' | 'codeAlso';
  /** The node the note is written at (`R65.2`, `E11`, `chapter:10`). */
  from: string;
  header: string;
  items: string[];
}

/** Group a code's notes of these types: a line ending with a colon heads the lines of its node and type that follow it. */
function noteGroups(notes: ReadonlyArray<{ type: string; text: string; from: string }>): NoteGroup[] {
  const out: NoteGroup[] = [];
  let open: NoteGroup | undefined;
  for (const n of notes) {
    if (n.type !== 'codeFirst' && n.type !== 'useAdditionalCode' && n.type !== 'codeAlso') {
      open = undefined;
      continue;
    }
    if (open && open.type === n.type && open.from === n.from) {
      open.items.push(n.text);
      continue;
    }
    const group: NoteGroup = { type: n.type, from: n.from, header: n.text, items: [] };
    out.push(group);
    open = n.text.trimEnd().endsWith(':') ? group : undefined;
  }
  return out;
}

const hasWords = (text: string, words: readonly string[]): boolean => {
  const t = ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ')} `;
  return words.some((w) => t.includes(` ${w.toLowerCase()} `));
};

/**
 * Whether a suggestion is a condition a note group asks for: a code it names in parentheses (an example
 * stands for its category: "sepsis NOS (A41.9)" for any A41; a subcategory named outside examples, for
 * its codes), or a code of a class its heading names by a word ("use additional code to identify infection").
 */
function groupMatcher(group: NoteGroup, rules: SequencingRules): (code: string) => boolean {
  const category = (c: string) => c.slice(0, 3);
  const named = [group.header, ...group.items].flatMap((t) => codesNamed(t));
  const classes = rules.noteClasses.filter((c) => hasWords(group.header, c.words));
  // Examples ("such as:") stand for their category; a subcategory the note itself names ("(M89.7-)") for its codes.
  const examples = hasWords(group.header, ['such as']);
  return (code) =>
    named.some((r) =>
      r.prefix && !examples ? code.startsWith(r.from) : category(code) >= category(r.from) && category(code) <= category(r.to),
    ) || classes.some((c) => c.patterns.some((p) => matchesPattern(code, p)));
}

/** A note's heading and first examples, for a reason: "underlying disease, such as: lipid storage disorders (E75.-), …". */
function noteText(group: NoteGroup): string {
  const items = group.items.slice(0, 3).join(', ');
  return `${group.header}${items ? ` ${items}` : ''}${group.items.length > 3 ? ', …' : ''}`.replace(/[.:]\s*$/, '');
}

/** Whether a note group is written below the 3-character category (`E11.22`, `R65.2`): about this code, not the whole category. */
const belowCategory = (group: NoteGroup) => /^[A-Z][0-9A-Z]{2}\.[0-9A-Z]+$/.test(group.from);

/**
 * Sequencing of paired codes (Guidelines I.A.13 etiology/manifestation convention, I.B.7 multiple coding).
 * - "Code first": the code whose note says so follows the condition it names (R65.21 after A41.51, F02.80
 *   after G30.9, N18.31 after E11.22).
 * - "Use additional code": the code carrying the note precedes the code it asks for (E11.22 before N18.31,
 *   R65.20 before N17.9, T83.511A before N39.0 before B96.20).
 * - The pack's orders the notes do not write (sepsis before the localized infection, I.C.1.d.4).
 * Predecessors move up to just above the code they precede (a condition coded first is the first-listed
 * reading); a pair that would close a loop is dropped, earlier kinds winning. Only codes of the same
 * standing (coded, incomplete) are reordered; scores are raised to keep the order, never lowered.
 * A manifestation (title "in diseases classified elsewhere", or a code first note for its underlying
 * condition) whose etiology is not in the list, and a code whose own note asks for an additional code
 * that is not there, say so in their reason: the list is marked, nothing is dropped.
 */
function applyCodeFirst(suggestions: Suggestion[], k: CodingKnowledge, date: string): void {
  const rules = k.rules.sequencing;
  const live = suggestions.filter((s) => coded(s) && s.system === 'icd10cm' && s.kind === 'diagnosis');
  const category = (c: string) => c.slice(0, 3);
  /** Two codes a note can pair: not one code, not two of one category (the note speaks of another condition). */
  const related = (a: Suggestion, b: Suggestion) => a !== b && category(a.code) !== category(b.code);
  const after = new Map<Suggestion, Set<Suggestion>>();
  /** Why each code follows others: one sentence per kind of note, naming the codes it follows. */
  const reasons = new Map<Suggestion, Map<string, string[]>>();
  const reaches = (from: Suggestion, to: Suggestion): boolean => {
    const seen = new Set<Suggestion>();
    const stack = [from];
    while (stack.length > 0) {
      const x = stack.pop() as Suggestion;
      if (x === to) return true;
      if (seen.has(x)) continue;
      seen.add(x);
      stack.push(...(after.get(x) ?? []));
    }
    return false;
  };
  const pair = (first: Suggestion, then: Suggestion, why: string): boolean => {
    if (RANK_OF_STATUS[first.status] !== RANK_OF_STATUS[then.status] || after.get(first)?.has(then) || reaches(then, first)) return false;
    after.set(first, new Set([...(after.get(first) ?? []), then]));
    const whys = reasons.get(then) ?? new Map<string, string[]>();
    reasons.set(then, whys.set(why, [...(whys.get(why) ?? []), first.display]));
    return true;
  };
  const groups = new Map(live.map((s) => [s, noteGroups(k.catalog.lookup('icd10cm', s.code, date).notes)]));
  const conditional = (g: NoteGroup) => hasWords(g.header, rules.conditionalWords);

  // Code first: the named condition, then this code. A manifestation whose etiology is not listed is marked.
  for (const s of live) {
    const codeFirst = (groups.get(s) ?? []).filter((g) => g.type === 'codeFirst');
    let etiology = false;
    for (const g of codeFirst) {
      const matches = groupMatcher(g, rules);
      for (const t of live.filter((x) => related(x, s) && matches(x.code))) {
        etiology = true;
        pair(t, s, 'Tabular: code first; Guidelines I.A.13');
      }
    }
    const underlying = codeFirst.find((g) => hasWords(g.header, rules.underlyingWords) && !conditional(g));
    const manifestation = underlying !== undefined || rules.manifestationTitles.some((t) => s.title.toLowerCase().includes(t));
    if (manifestation && !etiology) {
      s.reason += ` A manifestation code, never first-listed: code first its underlying condition${underlying ? ` (Tabular: ${noteText(underlying)})` : ''}, not in this list (Guidelines I.A.13).`;
    }
  }
  // Use additional code: this code, then the one the note asks for. The code's own note unanswered is a prompt.
  for (const s of live) {
    for (const g of groups.get(s) ?? []) {
      if (g.type === 'codeFirst') continue;
      const matches = groupMatcher(g, rules);
      const found = live.filter((t) => related(t, s) && matches(t.code));
      if (g.type === 'useAdditionalCode') for (const t of found) pair(s, t, `Tabular at ${s.display}: use additional code; Guidelines I.A.13, I.B.7`);
      // A "code also" note naming codes is another condition that may be present ("code also exocrine pancreatic
      // insufficiency (K86.81)"); one naming a class identifies the code's own condition ("to identify the infection").
      const named = g.type !== 'codeAlso' && codesNamed([g.header, ...g.items].join(' ')).length > 0;
      const checkable = named || rules.noteClasses.some((c) => hasWords(g.header, c.words));
      if (found.length === 0 && checkable && belowCategory(g) && !conditional(g)) {
        s.reason += ` Tabular: ${g.type === 'codeAlso' ? 'code also' : 'use additional'} ${noteText(g)}; none is in the list.`;
      }
    }
  }
  // Orders of the pack.
  for (const rule of rules.rules) {
    const thenPatterns = [...rule.follow, ...rules.noteClasses.filter((c) => rule.followClasses?.includes(c.literal)).flatMap((c) => c.patterns)];
    const isFirst = (code: string) => rule.first.some((p) => matchesPattern(code, p));
    for (const s of live.filter((x) => isFirst(x.code))) {
      for (const t of live) {
        if (related(t, s) && !isFirst(t.code) && thenPatterns.some((p) => matchesPattern(t.code, p))) pair(s, t, `${rule.literal}; ${rule.source}`);
      }
    }
  }
  for (const [then, whys] of reasons) for (const [why, firsts] of whys) then.reason += ` Sequenced after ${firsts.join(', ')} (${why}).`;
  if (after.size > 0) reorder(suggestions, after);
}

/**
 * Put every code after the codes it must follow, moving predecessors up: the list is rebuilt from its end,
 * each time taking the lowest-ranked code that nothing left must follow. Within one standing (coded,
 * incomplete, not coded) only; a code moved up takes the score of the code it now precedes.
 */
function reorder(suggestions: Suggestion[], after: ReadonlyMap<Suggestion, ReadonlySet<Suggestion>>): void {
  suggestions.sort(bySuggestionRank);
  const out: Suggestion[] = [];
  for (const rank of [...new Set(suggestions.map((s) => RANK_OF_STATUS[s.status]))]) {
    const left = suggestions.filter((s) => RANK_OF_STATUS[s.status] === rank);
    const placed: Suggestion[] = [];
    while (left.length > 0) {
      let i = left.length - 1;
      while (i > 0 && [...(after.get(left[i] as Suggestion) ?? [])].some((t) => left.includes(t))) i--;
      placed.unshift(...left.splice(i, 1));
    }
    for (let i = placed.length - 2; i >= 0; i--) {
      const a = placed[i] as Suggestion;
      const b = placed[i + 1] as Suggestion;
      if (a.score < b.score) a.score = b.score;
    }
    out.push(...placed);
  }
  suggestions.splice(0, suggestions.length, ...out);
}

/** Flag pairs that an Excludes1 note says are never coded together (Guidelines I.A.12.a). */
function applyExcludes1(suggestions: Suggestion[], k: CodingKnowledge, date: string): void {
  const live = suggestions.filter((s) => coded(s) && s.system === 'icd10cm');
  for (const s of live) {
    const excluded = k.catalog
      .lookup('icd10cm', s.code, date)
      .notes.filter((n) => n.type === 'excludes1')
      .flatMap((n) => codeReferences(n.text));
    for (const other of live) {
      if (other === s || !excluded.some((p) => matchesPattern(other.code, p))) continue;
      if (onOtherSides(s.title, other.title, k.rules.titleSides)) continue;
      const pair = (r: { code: string; excludes: string }) => matchesPattern(s.code, r.code) && matchesPattern(other.code, r.excludes);
      if (k.rules.retiredExcludes1.some(pair) || k.rules.unrelatedExcludes1.some(pair)) continue;
      for (const [a, b] of [
        [s, other],
        [other, s],
      ] as const) {
        a.status = a.status === 'incomplete' ? 'incomplete' : 'conflict';
        a.conflictsWith = [...new Set([...(a.conflictsWith ?? []), b.code])];
      }
      s.reason += ` Excludes1 with ${other.display}: code only one unless the conditions are unrelated (Guidelines I.A.12.a).`;
    }
  }
}

export type { CombinationRule };
