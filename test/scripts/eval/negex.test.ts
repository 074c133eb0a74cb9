import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { evaluateNegex, findConcept, main, type NegexRow, parseNegexJsonl, predictNegex, score } from '../../../scripts/eval/negex';
import { defaultContextRules } from '../../../utils/nlp/rules';

type Gold = [
  sentence: string,
  concept: string,
  negation: 'Affirmed' | 'Negated',
  temporality: 'Recent' | 'Historical' | 'Hypothetical',
  experiencer: 'Patient' | 'Other',
];

// Thirty synthetic sentences written for this test (not from the NegEx kit), in the kit's format:
// the annotated concept in capitals, one label per axis.
const GOLD: Gold[] = [
  ['Patient denies CHEST PAIN.', 'chest pain', 'Negated', 'Recent', 'Patient'],
  ['No evidence of PNEUMONIA on the film.', 'pneumonia', 'Negated', 'Recent', 'Patient'],
  ['ABDOMEN: soft, no TENDERNESS.', 'tenderness', 'Negated', 'Recent', 'Patient'],
  ['The rapid test for STREP THROAT is negative.', 'strep throat', 'Negated', 'Recent', 'Patient'],
  ['She has no FEVER but reports a productive cough.', 'fever', 'Negated', 'Recent', 'Patient'],
  ['She has no fever but reports a productive COUGH.', 'productive cough', 'Affirmed', 'Recent', 'Patient'],
  ['Free of SEIZURES since March.', 'seizures', 'Negated', 'Recent', 'Patient'],
  ['DEEP VEIN THROMBOSIS was ruled out.', 'deep vein  thrombosis', 'Negated', 'Recent', 'Patient'],
  ['No history of MYOCARDIAL INFARCTION.', 'myocardial  infarction', 'Negated', 'Historical', 'Patient'],
  ['History of TYPE 2 DIABETES, well controlled.', 'type 2 diabetes', 'Affirmed', 'Historical', 'Patient'],
  ['She is status post CHOLECYSTECTOMY.', 'cholecystectomy', 'Affirmed', 'Historical', 'Patient'],
  ['He had a KIDNEY STONE many years ago.', 'kidney stone', 'Affirmed', 'Historical', 'Patient'],
  ['PAST MEDICAL HISTORY:  ASTHMA, hypertension.', 'asthma', 'Affirmed', 'Historical', 'Patient'],
  ['Return to the clinic if WORSENING SWELLING develops.', 'worsening swelling', 'Affirmed', 'Hypothetical', 'Patient'],
  ['Call us if there is any BLEEDING.', 'bleeding', 'Affirmed', 'Hypothetical', 'Patient'],
  ['Watch for signs of WOUND INFECTION.', 'wound infection', 'Affirmed', 'Hypothetical', 'Patient'],
  ['Family history of BREAST CANCER in her mother.', 'breast cancer', 'Affirmed', 'Historical', 'Other'],
  ['Her father has COLON CANCER.', 'colon cancer', 'Affirmed', 'Recent', 'Other'],
  ['The patient presents with ACUTE ABDOMINAL PAIN.', 'acute abdominal pain', 'Affirmed', 'Recent', 'Patient'],
  ['Chest x-ray shows a RIGHT LOWER LOBE INFILTRATE.', 'right lower lobe infiltrate', 'Affirmed', 'Recent', 'Patient'],
  ['No fever, but she has a RASH on her arms.', 'rash', 'Affirmed', 'Recent', 'Patient'],
  ['No change in the size of the PLEURAL EFFUSION.', 'pleural effusion', 'Affirmed', 'Recent', 'Patient'],
  ['Gram negative BACTEREMIA was treated with ceftriaxone.', 'bacteremia', 'Affirmed', 'Recent', 'Patient'],
  ['HISTORY OF PRESENT ILLNESS:  Three days of SORE THROAT.', 'sore throat', 'Affirmed', 'Recent', 'Patient'],
  ['She reports a two-week history of DYSURIA.', 'dysuria', 'Affirmed', 'Recent', 'Patient'],
  ['Exam is notable for BILATERAL ANKLE EDEMA.', 'bilateral ankle edema', 'Affirmed', 'Recent', 'Patient'],
  ['Diagnosed today with COMMUNITY ACQUIRED PNEUMONIA.', 'community acquired pneumonia', 'Affirmed', 'Recent', 'Patient'],
  ['Labs show HYPONATREMIA with sodium 128.', 'hyponatremia', 'Affirmed', 'Recent', 'Patient'],
  ['Not only FATIGUE but also weight loss.', 'fatigue', 'Affirmed', 'Recent', 'Patient'],
  ['Mother reports that the child has had DIARRHEA since yesterday.', 'diarrhea', 'Affirmed', 'Recent', 'Patient'],
];

function toRow([sentence, concept, negation, temporality, experiencer]: Gold, i: number): NegexRow {
  const label =
    negation === 'Negated'
      ? 'Negated'
      : temporality === 'Hypothetical'
        ? 'Hypothetical'
        : temporality === 'Historical'
          ? 'Historical'
          : 'Affirmed';
  return { id: `synthetic-${i + 1}`, sentence, concept, label, negation, temporality, experiencer };
}
const ROWS = GOLD.map(toRow);

describe('evaluateNegex', () => {
  it('scores a synthetic 30-row slice with known labels', () => {
    const report = evaluateNegex(ROWS, defaultContextRules());
    expect(report).toEqual({
      negated: { precision: 1, recall: 1, f1: 1, tp: 8, fp: 0, fn: 0 },
      historical: { precision: 1, recall: 1, f1: 1, tp: 6, fp: 0, fn: 0 },
      hypothetical: { precision: 1, recall: 1, f1: 1, tp: 3, fp: 0, fn: 0 },
      other_experiencer: { precision: 1, recall: 1, f1: 1, tp: 2, fp: 0, fn: 0 },
      accuracy: 1,
      n: 30,
      not_found: 0,
    });
  });

  it('counts a wrong prediction as a false positive on its axis and an accuracy miss', () => {
    // Gold says affirmed; the sentence plainly negates it.
    const rows = [...ROWS.slice(0, 9), { ...toRow(GOLD[0] as Gold, 0), negation: 'Affirmed' as const, label: 'Affirmed' as const }];
    const report = evaluateNegex(rows);
    expect(report.negated).toMatchObject({ tp: 8, fp: 1, fn: 0 });
    expect(report.accuracy).toBe(0.9);
  });

  it('scores an unfound concept as affirmed and counts it', () => {
    const rows = [toRow(['No fever.', 'headache', 'Negated', 'Recent', 'Patient'], 0)];
    const report = evaluateNegex(rows);
    expect(report).toMatchObject({ not_found: 1, negated: { tp: 0, fp: 0, fn: 1 }, accuracy: 0 });
  });

  it('returns zeros, not NaN, for no rows', () => {
    expect(evaluateNegex([])).toMatchObject({ n: 0, accuracy: 0, negated: { precision: 0, recall: 0, f1: 0 } });
  });

  it('runs the section stage: a row under FAMILY HISTORY is a relative', () => {
    const [p] = predictNegex([toRow(['FAMILY HISTORY:  DIABETES in both parents.', 'diabetes', 'Affirmed', 'Historical', 'Other'], 0)]);
    expect(p).toMatchObject({ section: 'family_history', other: true, historical: true });
  });
});

describe('score', () => {
  it('computes precision, recall and F1', () => {
    const pairs = [
      { gold: true, predicted: true },
      { gold: true, predicted: true },
      { gold: true, predicted: false },
      { gold: false, predicted: true },
      { gold: false, predicted: false },
    ];
    expect(score(pairs)).toEqual({ precision: 0.6667, recall: 0.6667, f1: 0.6667, tp: 2, fp: 1, fn: 1 });
  });
});

describe('findConcept', () => {
  it('matches case-insensitively with doubled spaces in the concept', () => {
    const s = 'Extremities without CYANOSIS or   EDEMA.';
    const span = findConcept(s, 'cyanosis or  edema');
    expect(span && s.slice(span.start, span.end)).toBe('CYANOSIS or   EDEMA');
  });

  it('prefers the capitalised occurrence in a mixed-case sentence', () => {
    const s = 'Chest pain at rest, similar to the CHEST PAIN of last year.';
    const span = findConcept(s, 'chest pain');
    expect(span?.start).toBe(s.indexOf('CHEST PAIN'));
  });

  it('prefers a whole-word occurrence', () => {
    const s = 'PAINFUL swelling and PAIN.';
    expect(findConcept(s, 'pain')?.start).toBe(s.indexOf('PAIN.'));
  });

  it('prefers an occurrence outside a section header', () => {
    const s = 'ALLERGIES:  NO KNOWN ALLERGIES.';
    expect(findConcept(s, 'allergies', [{ start: 0, end: 10 }])?.start).toBe(s.lastIndexOf('ALLERGIES'));
  });

  it('returns undefined when the concept is absent or empty', () => {
    expect(findConcept('No fever.', 'cough')).toBeUndefined();
    expect(findConcept('No fever.', '  ')).toBeUndefined();
  });
});

describe('parseNegexJsonl', () => {
  it('reads rows and skips blank lines', () => {
    const text = `${ROWS.slice(0, 2)
      .map((r) => JSON.stringify({ ...r, row: 1, split: 'dev', temporality_raw: r.temporality }))
      .join('\n')}\n\n`;
    expect(parseNegexJsonl(text)).toHaveLength(2);
  });

  it('names the line of a malformed row', () => {
    const good = JSON.stringify(ROWS[0]);
    expect(() => parseNegexJsonl(`${good}\n{"sentence": 1}`, 'x.jsonl')).toThrow(/^x\.jsonl, line 2: /);
    expect(() => parseNegexJsonl(`${good}\nnot json`, 'x.jsonl')).toThrow(/^x\.jsonl, line 2: not JSON/);
  });
});

describe('main --context', () => {
  afterEach(() => vi.restoreAllMocks());

  function files(): { negex: string; empty: string; out: string } {
    const dir = mkdtempSync(join(tmpdir(), 'negex-'));
    const negex = join(dir, 'rows.jsonl');
    writeFileSync(negex, `${JSON.stringify(ROWS[0])}\n`);
    const empty = join(dir, 'empty-pack.json');
    writeFileSync(empty, JSON.stringify({ version: 1, rules: [], sectionRules: [], currentCues: [], chainFillers: [] }));
    return { negex, empty, out: join(dir, 'eval.json') };
  }

  it('scores the shipped pack by default', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const f = files();
    expect(main(['--negex', f.negex, '--out', f.out]).negated.tp).toBe(1);
  });

  it('scores a candidate pack given with --context', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    const f = files();
    expect(main(['--negex', f.negex, '--context', f.empty, '--out', f.out]).negated.tp).toBe(0);
  });

  it('refuses an invalid candidate pack with the rule pack message', () => {
    const f = files();
    writeFileSync(
      f.empty,
      JSON.stringify({
        version: 1,
        rules: [{ literal: 'no', category: 'NEGATED_EXISTENCE', direction: 'sideways' }],
        sectionRules: [],
        currentCues: [],
        chainFillers: [],
      }),
    );
    expect(() => main(['--negex', f.negex, '--context', f.empty, '--out', f.out])).toThrow(
      /empty-pack\.json: rule 1 "no": direction "sideways"/,
    );
  });
});
