/**
 * The analysis pipeline (DESIGN.md §5): text → sections → sentences → mentions (with context) →
 * suggestions. Pure and synchronous over plain data; the same in the service worker and in Node.
 */
import type { CodeCatalog } from '../codes/catalog';
import type { Asset, IndexTerm, TabularNode } from '../codes/types';
import { buildLexicon, type Lexicon } from '../nlp/lexicon';
import { findMentions } from '../nlp/mentions';
import { detectSections } from '../nlp/sections';
import { splitSentences } from '../nlp/sentences';
import type { AbbreviationLookup } from '../search/engine';
import { withAdverseEffects } from './adverse-effects';
import { findComaScores, withComaScores } from './coma-scale';
import { readDevices, withoutDeviceComplicationWords } from './device-status';
import { inferSetting } from './encounter-setting';
import { withFollowUpCodes, withFollowUpHistory } from './follow-up';
import { withBodyMassIndex } from './body-mass-index';
import { withBurnDegrees } from './burn-degrees';
import { withBurnExtent } from './burn-extent';
import { withExternalCauseContext } from './external-cause-context';
import { withoutSuperficialInjuries } from './superficial-injuries';
import { FamilyHistoryClasses, HistoryIndex } from './history';
import { findLongTermDrugs, withLongTermDrugs } from './long-term-drugs';
import { withSubstanceAllergies } from './substance-allergies';
import { readObstetric } from './obstetric';
import { PregnancyConditions } from './pregnancy-conditions';
import { defaultRankingModel, type RankingModel } from './ranking-model';
import { type CodingRulePack, defaultCodingRules } from './rule-pack';
import { type CodingKnowledge, suggest } from './suggest';
import { withPatientSex } from './patient-sex';
import { withQueryTerms } from './query-terms';
import { withReceptorStatus } from './receptor-status';
import { withStrokeScale } from './stroke-scale';
import { withNoteSideOfNeoplasm, withTumorSiteOfCarcinoma } from './tumor-site';
import type { AnalysisResult, AnalysisSettings, ContextLabel, Mention, MentionContext } from './types';

/** Notes longer than this are cut (with a warning): a 5 MB page is not a note. */
export const MAX_ANALYSED_CHARACTERS = 500_000;

export interface AnalysisKnowledge extends CodingKnowledge {
  lexicon: Lexicon;
}

export function buildAnalysisKnowledge(
  assets: readonly Asset[],
  catalog: CodeCatalog,
  /** `ranking: null` keeps the hand-set score (the baseline the fitting script compares against). */
  options: { abbreviations?: AbbreviationLookup; rules?: CodingRulePack; findCpt?: CodingKnowledge['findCpt']; ranking?: RankingModel | null } = {},
): AnalysisKnowledge {
  const ranking = options.ranking === undefined ? defaultRankingModel() : options.ranking;
  const index = assets.find((a) => a.header.kind === 'index') as Asset<IndexTerm> | undefined;
  const tabular = assets.find((a) => a.header.kind === 'tabular') as Asset<TabularNode> | undefined;
  return {
    catalog,
    lexicon: buildLexicon(assets, options.abbreviations ? { abbreviations: options.abbreviations } : {}),
    ...(index ? { history: new HistoryIndex(index.records) } : {}),
    ...(tabular ? { familyClasses: new FamilyHistoryClasses(tabular.records) } : {}),
    ...(index ? { pregnancy: new PregnancyConditions(index.records, tabular?.records, (options.rules ?? defaultCodingRules()).obstetric.complicating) } : {}),
    rules: options.rules ?? defaultCodingRules(),
    ...(options.findCpt ? { findCpt: options.findCpt } : {}),
    ...(ranking ? { ranking } : {}),
  };
}

/** The coder's corrections of context labels, by mention id (`m3` → 'affirmed'). */
export type ContextOverrides = Readonly<Record<string, ContextLabel>>;

/** A mention's context as the coder says it is (the side panel's context-label control). */
function overridden(mention: Mention, label: ContextLabel): Mention {
  const flags: MentionContext = { negated: false, possible: false, historical: false, hypothetical: false, experiencer: 'patient', triggers: [] };
  if (label === 'negated') flags.negated = true;
  else if (label === 'possible') flags.possible = true;
  else if (label === 'historical') flags.historical = true;
  else if (label === 'hypothetical') flags.hypothetical = true;
  else if (label === 'family') flags.experiencer = 'family';
  else if (label === 'other') flags.experiencer = 'other';
  return { ...mention, context: { ...flags, triggers: [{ literal: 'set by the coder', category: 'OVERRIDE', start: mention.span.start, end: mention.span.start }] } };
}

export function analyze(text: string, settings: AnalysisSettings, knowledge: AnalysisKnowledge, overrides: ContextOverrides = {}): AnalysisResult {
  const t0 = performance.now();
  const warnings: string[] = [];
  let source = typeof text === 'string' ? text : '';
  if (source.length > MAX_ANALYSED_CHARACTERS) {
    warnings.push(`The text is ${source.length.toLocaleString('en-US')} characters; only the first ${MAX_ANALYSED_CHARACTERS.toLocaleString('en-US')} were analysed.`);
    source = source.slice(0, MAX_ANALYSED_CHARACTERS);
  }
  const sections = detectSections(source);
  const sentences = splitSentences(source, { sections });
  // A pregnancy record: weeks, delivery and births (chapter 15); a delivery record reads its lacerations as obstetric.
  const obstetric = readObstetric(source, sections, sentences, knowledge.rules.obstetric);
  const indexed = findMentions(source, {
    sections,
    sentences,
    lexicon: knowledge.lexicon,
    ...(obstetric.delivery && !obstetric.newborn ? { entriesBelow: knowledge.rules.obstetric.deliveryEntries } : {}),
  });
  // Devices the patient has now, read as their Index Presence (of) entry (Guidelines I.C.21.c.3).
  const read = readDevices(source, sections, sentences, knowledge.rules.presentDevices);
  const devices = read.mentions;
  // A device complication's words are read once, as that complication (not "hematoma" T14.8 as well).
  const found: Mention[] = [
    ...withoutDeviceComplicationWords(indexed, read.words, read.names),
    ...devices.map((m, i) => ({ id: `m${indexed.length + i}`, ...m })),
  ];
  // A follow-up after completed treatment: the condition treated is past (Guidelines I.C.21.c.8); a coder's override still wins.
  const mentions = withFollowUpHistory(found, source, settings, knowledge.rules).map((m) =>
    Object.hasOwn(overrides, m.id) ? overridden(found.find((f) => f.id === m.id) ?? m, overrides[m.id] as ContextLabel) : m,
  );
  // Long-term drug therapy (Z79) from the medication list and narrative (Guidelines I.C.21.c.3).
  const drugs = findLongTermDrugs(source, sections, sentences);
  // Glasgow coma scale total scores (R40.24-, Guidelines I.C.18.e.1).
  const scores = findComaScores(source, sections, sentences, knowledge.rules.comaScale);
  // A carcinoma of unspecified site beside a tumor placed at one site is the carcinoma of that site (Guidelines I.C.2).
  const sited = withNoteSideOfNeoplasm(
    withTumorSiteOfCarcinoma(suggest(mentions, settings, source, knowledge, obstetric), mentions, knowledge.lexicon, knowledge, settings.dateOfService),
    source,
    knowledge.lexicon,
    knowledge,
    settings.dateOfService,
  );
  const coded = withComaScores(
    withLongTermDrugs(sited, drugs, settings, knowledge),
    scores,
    source,
    settings,
    knowledge,
  );
  // NIH stroke scale total (R29.7--) beside the acute stroke (Guidelines I.C.18.i).
  const staged = withStrokeScale(coded, source, { sections, sentences }, settings, knowledge);
  // Body mass index (Z68) beside the diagnosis it supports (Guidelines I.B.14).
  const withBmi = withBodyMassIndex(staged, source, { sections, sentences }, settings, knowledge);
  // The extent of burns and corrosions (T31, T32) the note states as body surface area (Guidelines I.C.19.d.6).
  // A superficial injury beside a more severe one of its region is not coded (Guidelines I.C.19.b.1); several
  // burns: the same site at its highest degree, the highest degree first (Guidelines I.C.19.d.1-2).
  const withDegrees = withBurnDegrees(withoutSuperficialInjuries(withBmi, knowledge), knowledge);
  const withExtent = withBurnExtent(withDegrees, source, sentences, settings, knowledge);
  // Where, in what activity and status an injury happened (Y92, Y93, Y99; Guidelines I.C.20.b, c, k).
  const withPlace = withExternalCauseContext(withExtent, source, { sections, sentences }, settings, knowledge);
  // The estrogen receptor status (Z17.-) beside a breast cancer (Tabular C50: use additional code).
  // A breast cancer code left without the patient's sex (C50.9) takes the sex the note states.
  const withSex = withPatientSex(withPlace, source, settings, knowledge);
  const withReceptors = withReceptorStatus(withSex, source, sections, settings, knowledge);
  // Adverse effects of drugs properly taken: the drug's T36-T50 code after the condition (Guidelines I.C.19.e.5.a).
  const effects = withAdverseEffects(withReceptors, mentions, source, settings, knowledge);
  // Allergies to substances that are no drugs (latex Z91.040, contrast Z91.041), a status (Guidelines I.C.21.c.3).
  const withAllergies = withSubstanceAllergies(effects, source, { sections, sentences }, settings, knowledge);
  // Follow-up (Z08, Z09) and aftercare (Z47.1, Z48.81-) visits, first-listed (Guidelines I.C.21.c.7-8).
  const withFollowUp = withFollowUpCodes(withAllergies, mentions, source, settings, knowledge);
  // Nonspecific terms the Index gives no code ("urosepsis"): listed as not coded, with the query (Guidelines I.C.1.d.1.a.ii).
  const suggestions = withQueryTerms(withFollowUp, source, { sections, sentences }, knowledge);
  const settingHint = inferSetting(source, sections);
  return {
    suggestions,
    mentions,
    sections: sections.map((s) => ({ category: s.category, title: s.title, header: s.header, body: s.body })),
    analysedLength: source.length,
    warnings,
    tookMs: performance.now() - t0,
    ...(settingHint ? { settingHint } : {}),
  };
}
