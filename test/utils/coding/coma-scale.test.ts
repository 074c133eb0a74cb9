import { describe, expect, it } from 'vitest';
import { findComaScores } from '../../../utils/coding/coma-scale';
import { defaultCodingRules, parseCodingRules } from '../../../utils/coding/rule-pack';
import { detectSections } from '../../../utils/nlp/sections';
import { splitSentences } from '../../../utils/nlp/sentences';

/** The coma scale codes of a note, 6 characters plus the 7th when the note says when. */
function scores(text: string): string[] {
  const sections = detectSections(text);
  return findComaScores(text, sections, splitSentences(text, { sections }), defaultCodingRules().comaScale).map(
    (s) => `${s.code}${s.seventh ?? ''}`,
  );
}

describe('findComaScores: a Glasgow coma scale total and its band (Index Glasgow coma scale, total score)', () => {
  it.each([
    ['HPI: GCS 8.', 'R40243'],
    ['HPI: Glasgow 3/15.', 'R40243'],
    ['HPI: Glasgow coma scale of 12.', 'R40242'],
    ['HPI: Glasgow coma score was 13 out of 15.', 'R40241'],
    ['HPI: He had an 8-point Glasgow coma scale.', 'R40243'],
    ['Neuro: Glasgow coma scale=4, pupils fixed.', 'R40243'],
  ])('reads “%s” as %s', (note, code) => {
    expect(scores(note)).toEqual([code]);
  });

  it('does not code a total of 15, the normal finding of a conscious patient', () => {
    expect(scores('Exam: Alert, GCS 15.')).toEqual([]);
    expect(scores('Exam: Glasgow 15/15.')).toEqual([]);
  });
});

describe('findComaScores: the 7th character for when the score was taken', () => {
  it.each([
    ['HPI: GCS 7 at the scene.', 'R402431'],
    ['HPI: Glasgow coma scale of 12 on arrival.', 'R402422'],
    ['HPI: On admission, GCS 10.', 'R402423'],
    ['HPI: GCS 13, 24 hours after admission.', 'R402414'],
  ])('reads “%s” as %s', (note, code) => {
    expect(scores(note)).toEqual([code]);
  });

  it('leaves the 7th character out when the note does not say when', () => {
    expect(scores('HPI: GCS 6 after the seizure.')).toEqual(['R40243']);
  });
});

describe('findComaScores: what is not a total score to code', () => {
  it.each([
    ['Plan: Intubate if GCS 8 or less.'],
    ['Plan: Intubate for GCS < 9.'],
    ['HPI: GCS of less than 9.'],
    ['HPI: GCS 13-14.'],
    ['HPI: GCS 9 (E2V3M4) on arrival.'],
    ['HPI: GCS 8T.'],
    ['HPI: Intubated and sedated, GCS 3.'],
    ['HPI: Medically induced coma, Glasgow 3.'],
    ['HPI: No GCS recorded.'],
    ['Social history: Moved from Glasgow 12 years ago.'],
  ])('codes no total for “%s”', (note) => {
    expect(scores(note)).toEqual([]);
  });
});

describe('the comaScale rule of the coding pack', () => {
  it('refuses a band that runs backwards', () => {
    const pack = defaultCodingRules();
    const comaScale = { ...pack.comaScale, bands: [{ min: 8, max: 3, code: 'R40243' }] };
    expect(() => parseCodingRules({ ...pack, comaScale })).toThrow(/comaScale\.bands: R40243 runs from 8 down to 3/);
  });

  it('refuses an unknown key and a 7th character of two letters', () => {
    const pack = defaultCodingRules();
    expect(() => parseCodingRules({ ...pack, comaScale: { ...pack.comaScale, extra: 1 } })).toThrow(/coding\.json/);
    expect(() => parseCodingRules({ ...pack, comaScale: { ...pack.comaScale, times: [{ char: '12', words: [] }] } })).toThrow(
      /not a 7th character/,
    );
  });
});
