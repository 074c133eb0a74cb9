/**
 * The ranking model (utils/coding/ranking-model.ts, assets/rules/ranking.json): the generic features of a
 * suggestion, the schema of the weights file, and the guideline rules that still decide over its scores
 * (code first / use additional code I.A.13, integral symptoms I.B.5). Needs the compiled code sets.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCompiledAssets } from '../../../scripts/codesets/compiled';
import { CodeCatalog, catalogDataFromAssets } from '../../../utils/codes/catalog';
import {
  defaultRankingModel,
  FEATURE_NAMES,
  logistic,
  parseRankingModel,
  type RankingFeatures,
  rankingFeatures,
  rankingScore,
} from '../../../utils/coding/ranking-model';
import { defaultCodingRules, RulePackError } from '../../../utils/coding/rule-pack';
import { type CodingKnowledge, suggest } from '../../../utils/coding/suggest';
import type { AnalysisSettings, Mention, MentionContext, Suggestion } from '../../../utils/coding/types';
import type { SectionCategory } from '../../../utils/nlp/types';

const compiled = existsSync(resolve(import.meta.dirname, '../../../public/codesets/catalog.json'));
const inpatient: AnalysisSettings = { setting: 'inpatient', dateOfService: '2026-11-01' };
const affirmed: MentionContext = { negated: false, possible: false, historical: false, hypothetical: false, experiencer: 'patient', triggers: [] };

/** One line per [line, phrase, codes, section]; the phrase is found in its line. */
function note(lines: Array<[line: string, phrase: string, codes: string[], section: SectionCategory]>): { text: string; mentions: Mention[] } {
  let text = '';
  const mentions = lines.map(([line, phrase, codes, section], i): Mention => {
    const lineStart = text.length;
    text += `${line}\n`;
    const start = lineStart + line.indexOf(phrase);
    return {
      id: `m${i}`,
      span: { start, end: start + phrase.length },
      evidence: [{ start, end: start + phrase.length }],
      text: phrase,
      sentence: { start: lineStart, end: lineStart + line.length },
      section,
      source: 'index',
      system: 'icd10cm',
      path: [phrase],
      codes,
      confidence: 1,
      context: affirmed,
    };
  });
  return { text, mentions };
}

describe('ranking model: weights file', () => {
  type Loose = { weights: Record<string, unknown>; fit: { split: string }; sectionGroups: Record<string, string[]> };
  const shipped = () => structuredClone(defaultRankingModel()) as unknown as Loose;

  it('loads the shipped file, fitted on train, with a weight for every feature', () => {
    const model = defaultRankingModel();
    expect(model.fit.split).toBe('train');
    expect(Object.keys(model.weights).sort()).toEqual([...FEATURE_NAMES].sort());
  });

  it('refuses a missing feature, an unknown feature, a dev fit and a section in two groups, naming the file and the path', () => {
    const missing = shipped();
    delete missing.weights.handScore;
    expect(() => parseRankingModel(missing, 'bad.json')).toThrow(RulePackError);
    expect(() => parseRankingModel(missing, 'bad.json')).toThrow(/bad\.json: weights\.handScore/);
    const unknown = shipped();
    unknown.weights['code:J189'] = 2;
    expect(() => parseRankingModel(unknown)).toThrow(/ranking\.json: weights\.code:J189/);
    const dev = shipped();
    dev.fit.split = 'dev';
    expect(() => parseRankingModel(dev)).toThrow(/fit\.split/);
    const twice = shipped();
    twice.sectionGroups.plan = [...(twice.sectionGroups.plan ?? []), 'assessment'];
    expect(() => parseRankingModel(twice)).toThrow(/assessment is in both diagnoses and plan/);
    const notNumber = shipped();
    notNumber.weights.bias = 'high';
    expect(() => parseRankingModel(notNumber)).toThrow(/weights\.bias/);
  });
});

describe('ranking model: features and score', () => {
  const model = defaultRankingModel();
  const { text, mentions } = note([
    ['1. Pneumonia', 'Pneumonia', ['J189'], 'assessment'],
    ['The temperature was high on the second day and the fever settled with paracetamol.', 'fever', ['R509'], 'labs'],
  ]);
  const [pneumonia, fever] = mentions as [Mention, Mention];

  it('reads a list line in the diagnoses, an unspecified title, the code length and the chapter group', () => {
    const f = rankingFeatures(
      { code: 'J189', title: 'Pneumonia, unspecified organism', status: 'suggested', context: 'affirmed', mention: pneumonia, mentions: [pneumonia], count: 1, specificity: false, handScore: 1, text },
      model,
    );
    expect(f).toMatchObject({ bias: 1, handScore: 1, confidence: 1, logCount: 0, logSentences: 1, listLine: 1, incomplete: 0, titleUnspecified: 1, titleOther: 0, codeLength: 0.25 });
    // "Pneumonia" starts after "1. ": 3 characters into the note.
    expect(f.firstPosition).toBeCloseTo(3 / text.length, 12);
    expect(f['sec:diagnoses']).toBe(1);
    expect(f['sec:exam']).toBe(0);
    expect(f['ch:symptom'] + f['ch:factor'] + f['ch:external'] + f['ch:injury'] + f['ch:neoplasm']).toBe(0);
  });

  it('reads a symptom in a prose line of the results, discussed twice, as incomplete with a prompt', () => {
    const f = rankingFeatures(
      { code: 'R50', title: 'Fever of other and unknown origin', status: 'incomplete', context: 'possible', mention: fever, mentions: [fever, fever], count: 2, specificity: true, handScore: 0.4, text },
      model,
    );
    expect(f).toMatchObject({ listLine: 0, incomplete: 1, specificityPrompt: 1, titleOther: 1, codeLength: 0, logCount: 1, 'ch:symptom': 1, 'sec:exam': 1, 'sec:diagnoses': 0, 'ctx:possible': 1 });
    expect(f.firstPosition).toBeGreaterThan(0);
    expect(f.firstPosition).toBeLessThan(1);
  });

  it('scores logistic(w · features), a probability', () => {
    const f = rankingFeatures(
      { code: 'J189', title: 'Pneumonia, unspecified organism', status: 'suggested', context: 'affirmed', mention: pneumonia, mentions: [pneumonia], count: 1, specificity: false, handScore: 1, text },
      model,
    );
    const z = FEATURE_NAMES.reduce((s, name) => s + model.weights[name] * f[name], 0);
    expect(rankingScore(f, model)).toBeCloseTo(logistic(z), 12);
    expect(rankingScore(f, model)).toBeGreaterThan(0);
    expect(rankingScore(f, model)).toBeLessThan(1);
  });
});

describe.skipIf(!compiled)('ranking model in suggest: the guidelines still decide', () => {
  let k: CodingKnowledge;
  const run = (lines: Parameters<typeof note>[0]): Suggestion[] => {
    const { text, mentions } = note(lines);
    return suggest(mentions, inpatient, text, k);
  };
  const coded = (list: Suggestion[]) => list.filter((s) => s.status !== 'not-coded').map((s) => s.code);

  beforeAll(() => {
    k = { catalog: new CodeCatalog(catalogDataFromAssets(readCompiledAssets())), rules: defaultCodingRules(), ranking: defaultRankingModel() };
  });

  it('scores a coded diagnosis by the model and keeps its features beside it', () => {
    const seen = new Map<string, RankingFeatures>();
    const { text, mentions } = note([['Assessment: community acquired pneumonia.', 'pneumonia', ['J189'], 'assessment']]);
    const list = suggest(mentions, inpatient, text, { ...k, onRankingFeatures: (code, features) => seen.set(code, features) });
    const s = list.find((x) => x.code === 'J189') as Suggestion;
    const f = seen.get('J189');
    expect(f?.['sec:diagnoses']).toBe(1);
    expect(s.score).toBeCloseTo(rankingScore(f as NonNullable<typeof f>, k.ranking as NonNullable<typeof k.ranking>), 2);
  });

  it('keeps code first / use additional code (I.A.13): E11.22 before N18.31, G30.9 before F02.80, whatever the scores', () => {
    const ckd = run([
      ['Chronic kidney disease stage 3a, on the problem list.', 'chronic kidney disease stage 3a', ['N1831'], 'assessment'],
      ['Labs consistent with diabetic chronic kidney disease', 'diabetic chronic kidney disease', ['E1122'], 'labs'],
    ]);
    expect(coded(ckd)).toEqual(['E1122', 'N1831']);
    const ckdScores = Object.fromEntries(ckd.map((s) => [s.code, s.score]));
    expect(ckdScores.E1122).toBeGreaterThanOrEqual(ckdScores.N1831 ?? 1);
    const dementia = run([
      ['1. Dementia', 'Dementia', ['F0280'], 'assessment'],
      ['Known Alzheimer disease, followed by neurology.', 'Alzheimer disease', ['G309'], 'labs'],
    ]);
    expect(coded(dementia).indexOf('G309')).toBeLessThan(coded(dementia).indexOf('F0280'));
  });

  it('leaves an integral symptom to the rules (I.B.5): fever beside confirmed pneumonia is not coded and ranks below it', () => {
    const list = run([
      ['1. Fever', 'Fever', ['R509'], 'assessment'],
      ['Chest film showed pneumonia.', 'pneumonia', ['J189'], 'imaging'],
    ]);
    expect(list.find((s) => s.code === 'R509')).toMatchObject({ status: 'not-coded', notCoded: 'integral-symptom' });
    expect(coded(list)).toEqual(['J189']);
    expect(list.map((s) => s.code).indexOf('J189')).toBeLessThan(list.map((s) => s.code).indexOf('R509'));
  });
});
