/**
 * The ranking model (assets/rules/ranking.json): a coded or incomplete diagnosis suggestion's score is the
 * estimated probability that the code is right, logistic(w · features), learned by scripts/eval/fit-ranking.ts.
 * The features are generic (how and where the condition was read, what kind of code it is), never the
 * identity of a code, a word or a note. Pure: no browser APIs. It orders codes within their standing only;
 * the guidelines' sequencing (principal, first-listed, code first) is applied after it by suggest.ts.
 */
import * as v from 'valibot';
import data from '../../assets/rules/ranking.json';
import { SECTION_CATEGORIES, type SectionCategory } from '../nlp/types';
import { parsePack, RulePackError } from './rule-pack';
import type { ContextLabel, Mention, SuggestionStatus } from './types';

/** Section groups a mention's section is read as (ranking.json `sectionGroups`); a section in none is the reference. */
export const SECTION_GROUPS = ['diagnoses', 'course', 'exam', 'history', 'procedure', 'plan'] as const;
type SectionGroup = (typeof SECTION_GROUPS)[number];

/** Every feature, in order; ranking.json must give a weight to each and to no other. */
export const FEATURE_NAMES = [
  'bias',
  /** The hand-set score (section weight × confidence × reading factors × count bonus) the model starts from. */
  'handScore',
  'confidence',
  'logCount',
  'logSentences',
  /** Where the first mention starts, 0 (top of the note) to 1 (end). */
  'firstPosition',
  /** The mention sits on a header or list line, not in prose. */
  'listLine',
  'incomplete',
  /** An unnarrowed default of a header, with a prompt for the documentation. */
  'specificityPrompt',
  'titleUnspecified',
  'titleOther',
  /** Characters after the category, 0..1. */
  'codeLength',
  'ctx:historical',
  'ctx:possible',
  'ctx:family',
  'src:title',
  'src:abbreviation',
  'src:table',
  ...SECTION_GROUPS.map((g) => `sec:${g}` as const),
  'ch:symptom',
  'ch:factor',
  'ch:external',
  'ch:injury',
  'ch:neoplasm',
  /** The mention is in the note's first sentence (a case's presentation: who was admitted, and for what). */
  'firstSentence',
  /** Other coded diagnoses of the same chapter letter in the list, log2(1 + n): a body system the note is about. */
  'chapterCodes',
  /** The note also names the condition where it is not coded (denied, ruled out, a history not coded): a discussed condition. */
  'alsoNotCoded',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export type RankingFeatures = Record<FeatureName, number>;

const finite = v.pipe(v.number(), v.finite());
const schema = v.strictObject({
  literal: v.string(),
  source: v.string(),
  /** Where the weights came from: data, split, date, cross-validated figures. */
  fit: v.strictObject({
    data: v.string(),
    split: v.literal('train'),
    date: v.pipe(v.string(), v.isoDate()),
    cases: v.pipe(v.number(), v.integer(), v.minValue(1)),
    candidates: v.pipe(v.number(), v.integer(), v.minValue(1)),
    l2: v.pipe(v.number(), v.minValue(0)),
    crossValidation: v.strictObject({
      folds: v.pipe(v.number(), v.integer(), v.minValue(2)),
      hand: v.strictObject({ map: finite, p5: finite, r20: finite }),
      model: v.strictObject({ map: finite, p5: finite, r20: finite }),
    }),
  }),
  sectionGroups: v.strictObject(
    Object.fromEntries(SECTION_GROUPS.map((g) => [g, v.array(v.picklist(SECTION_CATEGORIES))])) as Record<SectionGroup, v.ArraySchema<v.PicklistSchema<typeof SECTION_CATEGORIES, undefined>, undefined>>,
  ),
  weights: v.strictObject(Object.fromEntries(FEATURE_NAMES.map((f) => [f, finite])) as Record<FeatureName, typeof finite>),
});
export type RankingModel = v.InferOutput<typeof schema>;

/** Validate a ranking model; throws `RulePackError` naming the file, the path and the first problem (an unknown or missing feature, a section in two groups). */
export function parseRankingModel(input: unknown, file = 'ranking.json'): RankingModel {
  const model = parsePack(schema, input, file);
  const seen = new Map<SectionCategory, SectionGroup>();
  for (const group of SECTION_GROUPS) {
    for (const section of model.sectionGroups[group]) {
      const other = seen.get(section);
      if (other) throw new RulePackError(`${file}: sectionGroups: ${section} is in both ${other} and ${group}`);
      seen.set(section, group);
    }
  }
  return model;
}

let loaded: RankingModel | undefined;
/** The shipped model, validated on first use. */
export function defaultRankingModel(): RankingModel {
  loaded ??= parseRankingModel(data);
  return loaded;
}

/** What toSuggestion knows of a coded or incomplete suggestion. */
export interface RankingInput {
  code: string;
  title: string;
  status: SuggestionStatus;
  context: ContextLabel;
  /** The best mention (the one the suggestion's draft was read from). */
  mention: Mention;
  /** Every mention the suggestion rests on. */
  mentions: readonly Mention[];
  /** How often the note discusses the code (coded and not-coded readings). */
  count: number;
  specificity: boolean;
  handScore: number;
  text: string;
  /** The other coded or incomplete ICD-10-CM diagnoses of the list (their codes); none when not given. */
  others?: readonly string[];
}

/** "1. Pneumonia", "- CKD 3", or a short line without a full stop: a header or list line, not prose. */
const LIST_MARKER = /^\s*(?:[-*•]|#?\d{1,2}[.)]|[a-z][.)])\s/i;

function onListLine(text: string, at: number): boolean {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const end = text.indexOf('\n', at);
  const line = text.slice(start, end < 0 ? text.length : end).trim();
  return LIST_MARKER.test(line) || (line.length <= 80 && !/[.;]$/.test(line));
}

const TABLE_SOURCES: ReadonlySet<Mention['source']> = new Set(['neoplasm', 'drug', 'eindex']);

export function rankingFeatures(input: RankingInput, model: RankingModel): RankingFeatures {
  const { code, mention } = input;
  const first = Math.min(...input.mentions.map((m) => m.span.start));
  const sentences = new Set(input.mentions.map((m) => m.sentence.start)).size;
  const group = SECTION_GROUPS.find((g) => model.sectionGroups[g].includes(mention.section));
  const letter = code[0] ?? '';
  const f = Object.fromEntries(FEATURE_NAMES.map((name) => [name, 0])) as RankingFeatures;
  f.bias = 1;
  f.handScore = input.handScore;
  f.confidence = mention.confidence;
  f.logCount = Math.log2(Math.max(1, input.count));
  f.logSentences = Math.log2(1 + sentences);
  f.firstPosition = input.text.length > 0 ? Math.min(1, first / input.text.length) : 0;
  f.listLine = onListLine(input.text, mention.span.start) ? 1 : 0;
  f.incomplete = input.status === 'incomplete' ? 1 : 0;
  f.specificityPrompt = input.specificity ? 1 : 0;
  f.titleUnspecified = /\bunspecified\b/i.test(input.title) ? 1 : 0;
  f.titleOther = /\bother\b|\bNEC\b|not elsewhere classified/i.test(input.title) ? 1 : 0;
  f.codeLength = Math.max(0, Math.min(4, code.length - 3)) / 4;
  if (input.context === 'historical') f['ctx:historical'] = 1;
  if (input.context === 'possible') f['ctx:possible'] = 1;
  if (input.context === 'family') f['ctx:family'] = 1;
  if (mention.source === 'title' || mention.source === 'inclusion') f['src:title'] = 1;
  if (mention.source === 'abbreviation') f['src:abbreviation'] = 1;
  if (TABLE_SOURCES.has(mention.source)) f['src:table'] = 1;
  if (group) f[`sec:${group}`] = 1;
  if (letter === 'R') f['ch:symptom'] = 1;
  if (letter === 'Z') f['ch:factor'] = 1;
  if (/^[V-Y]/.test(letter)) f['ch:external'] = 1;
  if (letter === 'S' || letter === 'T') f['ch:injury'] = 1;
  if (letter === 'C' || /^D[0-4]/.test(code)) f['ch:neoplasm'] = 1;
  // The first sentence starts at or before the note's first non-blank character (no copy of the text).
  const lead = input.text.search(/\S/);
  if (input.mentions.some((m) => lead < 0 || m.sentence.start <= lead)) f.firstSentence = 1;
  f.chapterCodes = Math.log2(1 + (input.others ?? []).filter((o) => o !== code && o[0] === letter).length);
  if (input.count > input.mentions.length) f.alsoNotCoded = 1;
  return f;
}

export const logistic = (z: number): number => 1 / (1 + Math.exp(-z));

/** The estimated probability that the code is right, in [0, 1]. */
export function rankingScore(features: RankingFeatures, model: RankingModel): number {
  let z = 0;
  for (const name of FEATURE_NAMES) z += model.weights[name] * features[name];
  return logistic(z);
}
