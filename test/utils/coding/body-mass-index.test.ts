/**
 * Body mass index (Z68.-): read from the note, banded by the Tabular titles of the date's code set, and
 * coded only beside an associated diagnosis (Guidelines I.B.14). Needs the compiled code sets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisKnowledge } from '../../../utils/coding/analyze';
import { adultBands, bandOf, statedAge } from '../../../utils/coding/body-mass-index';
import { codedOf, compiled, compiledKnowledge } from '../../helpers/knowledge';

describe('statedAge', () => {
  it('reads the common ways a note states the age, and nothing else', () => {
    expect(statedAge('HPI: A 45-year-old woman.')).toBe(45);
    expect(statedAge('62 yo man with chest pain')).toBe(62);
    expect(statedAge('Patient aged 17, obese.')).toBe(17);
    expect(statedAge('3 years ago she had a fall.')).toBeUndefined();
    expect(statedAge('BMI 32.')).toBeUndefined();
  });
});

describe.skipIf(!compiled)('body mass index on the FY2027 code set', () => {
  let knowledge: AnalysisKnowledge;
  beforeAll(() => {
    knowledge = compiledKnowledge();
  });
  const coded = (text: string) => codedOf(text, 'outpatient');

  it('reads the adult bands from the Tabular titles, both ends open', () => {
    const bands = adultBands(knowledge, '2026-11-01');
    expect(bandOf(bands, 32)?.code).toBe('Z6832');
    expect(bandOf(bands, 32.9)?.code).toBe('Z6832');
    expect(bandOf(bands, 41.2)?.code).toBe('Z6841');
    expect(bandOf(bands, 75)?.code).toBe('Z6845');
    expect(bandOf(bands, 12)?.code?.startsWith('Z681')).toBe(true);
  });

  it('codes the BMI beside obesity or malnutrition, in the band of its value', () => {
    expect(coded('HPI: 45-year-old woman. Assessment: Obesity, BMI 32.\n')).toEqual(expect.arrayContaining(['E669', 'Z6832']));
    expect(coded('HPI: 52 yo man with morbid obesity. BMI 41.2 kg/m2.\n')).toEqual(expect.arrayContaining(['E6601', 'Z6841']));
  });

  it('codes no BMI without an associated diagnosis, nor an adult band for a patient under 20', () => {
    expect(coded('HPI: BMI 32. Hypertension.\n').filter((c) => c.startsWith('Z68'))).toEqual([]);
    expect(coded('HPI: 16-year-old with obesity, BMI 31.\n').filter((c) => c.startsWith('Z68'))).toEqual([]);
    // The bare "body mass index" mention (Z68, no band) is never left as an incomplete code beside it.
    expect(coded('HPI: 70-year-old. Body mass index recorded. Hypertension.\n').filter((c) => c.startsWith('Z68'))).toEqual([]);
  });
});
