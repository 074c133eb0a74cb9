/**
 * The ranking model's features read beside the rest of the note (utils/coding/ranking-model.ts): the note's
 * first sentence, other coded diagnoses of the same chapter, readings of the code that were not coded. Each
 * feature is read as 1 (or more) on a short note where it holds and as 0 where it does not.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCompiledAssets } from '../../../scripts/codesets/compiled';
import { CodeCatalog, catalogDataFromAssets } from '../../../utils/codes/catalog';
import { defaultRankingModel, parseRankingModel, type RankingFeatures, type RankingInput, rankingFeatures } from '../../../utils/coding/ranking-model';
import { defaultCodingRules, RulePackError } from '../../../utils/coding/rule-pack';
import { type CodingKnowledge, suggest } from '../../../utils/coding/suggest';
import type { AnalysisSettings, Mention, MentionContext } from '../../../utils/coding/types';

const compiled = existsSync(resolve(import.meta.dirname, '../../../public/codesets/catalog.json'));
const inpatient: AnalysisSettings = { setting: 'inpatient', dateOfService: '2026-11-01' };
const affirmed: MentionContext = { negated: false, possible: false, historical: false, hypothetical: false, experiencer: 'patient', triggers: [] };
const denied: MentionContext = { ...affirmed, negated: true, triggers: [{ literal: 'no', category: 'DEFINITE_NEGATED_EXISTENCE', start: 0, end: 2 }] };
const model = defaultRankingModel();

/** One mention per [sentence, phrase, codes, context]; the sentences are joined with a space, or on lines of their own. */
function note(sentences: Array<[sentence: string, phrase: string, codes: string[], context?: MentionContext]>, join = ' '): { text: string; mentions: Mention[] } {
  let text = '';
  const mentions = sentences.map(([sentence, phrase, codes, context], i): Mention => {
    if (i > 0) text += join;
    const sentenceStart = text.length;
    text += sentence;
    const start = sentenceStart + sentence.indexOf(phrase);
    return {
      id: `m${i}`,
      span: { start, end: start + phrase.length },
      evidence: [{ start, end: start + phrase.length }],
      text: phrase,
      sentence: { start: sentenceStart, end: sentenceStart + sentence.length },
      section: 'hospital_course',
      source: 'index',
      system: 'icd10cm',
      path: [phrase],
      codes,
      confidence: 1,
      context: context ?? affirmed,
    };
  });
  return { text: `${text}\n`, mentions };
}

const input = (code: string, mention: Mention, text: string, extra: Partial<RankingInput> = {}): RankingInput => ({
  code,
  title: '',
  status: 'suggested',
  context: 'affirmed',
  mention,
  mentions: [mention],
  count: 1,
  specificity: false,
  handScore: 0.8,
  text,
  ...extra,
});

describe('ranking model: features read beside the note', () => {
  const { text, mentions } = note([
    ['A 54-year-old man was admitted for acute pancreatitis.', 'acute pancreatitis', ['K8590']],
    ['Ultrasound showed gallstones.', 'gallstones', ['K8020']],
    ['He had no fever.', 'fever', ['R509'], denied],
  ]);
  const [pancreatitis, gallstones] = mentions as [Mention, Mention, Mention];

  it('firstSentence: 1 for a condition in the note’s first sentence, 0 for one later', () => {
    expect(rankingFeatures(input('K8590', pancreatitis, text), model).firstSentence).toBe(1);
    expect(rankingFeatures(input('K8020', gallstones, text), model).firstSentence).toBe(0);
    // Read in the first sentence and again later: still the presentation.
    expect(rankingFeatures(input('K8020', gallstones, text, { mentions: [gallstones, pancreatitis] }), model).firstSentence).toBe(1);
  });

  it('chapterCodes: log2(1 + other coded diagnoses of the same chapter letter); the code itself and other chapters do not count', () => {
    expect(rankingFeatures(input('K8590', pancreatitis, text, { others: ['K8590', 'K8020'] }), model).chapterCodes).toBe(1);
    expect(rankingFeatures(input('K8590', pancreatitis, text, { others: ['K8590', 'K8020', 'K219'] }), model).chapterCodes).toBeCloseTo(Math.log2(3), 12);
    expect(rankingFeatures(input('K8590', pancreatitis, text, { others: ['K8590', 'E119', 'R509'] }), model).chapterCodes).toBe(0);
    expect(rankingFeatures(input('K8590', pancreatitis, text), model).chapterCodes).toBe(0);
  });

  it('alsoNotCoded: 1 when the note also reads the code where it is not coded (more readings than coded mentions), else 0', () => {
    expect(rankingFeatures(input('K8590', pancreatitis, text, { count: 2 }), model).alsoNotCoded).toBe(1);
    expect(rankingFeatures(input('K8590', pancreatitis, text, { count: 2, mentions: [pancreatitis, pancreatitis] }), model).alsoNotCoded).toBe(0);
    expect(rankingFeatures(input('K8590', pancreatitis, text), model).alsoNotCoded).toBe(0);
  });

  it('refuses a weights file without one of the new features, naming it', () => {
    const loose = structuredClone(model) as unknown as { weights: Record<string, unknown> };
    delete loose.weights.chapterCodes;
    expect(() => parseRankingModel(loose, 'bad.json')).toThrow(RulePackError);
    expect(() => parseRankingModel(loose, 'bad.json')).toThrow(/bad\.json: weights\.chapterCodes/);
  });
});

describe.skipIf(!compiled)('ranking model in suggest: the list a code is read beside', () => {
  let k: CodingKnowledge;
  beforeAll(() => {
    k = { catalog: new CodeCatalog(catalogDataFromAssets(readCompiledAssets())), rules: defaultCodingRules(), ranking: defaultRankingModel() };
  });
  const features = (sentences: Parameters<typeof note>[0]): Map<string, RankingFeatures> => {
    const seen = new Map<string, RankingFeatures>();
    const { text, mentions } = note(sentences);
    suggest(mentions, inpatient, text, { ...k, onRankingFeatures: (code, f) => seen.set(code, f) });
    return seen;
  };

  it('gives each coded diagnosis the other coded diagnoses of the list: two digestive conditions see each other, a lone one sees none', () => {
    const two = features([
      ['A 54-year-old man was admitted for acute pancreatitis.', 'acute pancreatitis', ['K8590']],
      ['Ultrasound showed gallstones.', 'gallstones', ['K8020']],
    ]);
    expect(two.get('K8590')).toMatchObject({ chapterCodes: 1, firstSentence: 1 });
    expect(two.get('K8020')).toMatchObject({ chapterCodes: 1, firstSentence: 0 });
    const one = features([['A 54-year-old man was admitted for acute pancreatitis.', 'acute pancreatitis', ['K8590']]]);
    expect(one.get('K8590')?.chapterCodes).toBe(0);
  });

  it('counts a denied reading of a coded condition (alsoNotCoded), and not a denial of another condition', () => {
    const seen = features([
      ['Type 2 diabetes mellitus, on metformin.', 'Type 2 diabetes mellitus', ['E119']],
      ['She had a fever on admission.', 'fever', ['R509']],
      ['No fever since the second day.', 'fever', ['R509'], denied],
    ]);
    expect(seen.get('R509')?.alsoNotCoded).toBe(1);
    expect(seen.get('E119')?.alsoNotCoded).toBe(0);
  });
});
