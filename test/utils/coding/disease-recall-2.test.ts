/**
 * Conditions a note names in words the reader missed outright (nothing of their category suggested):
 * a decline of kidney function told without a diagnosis, Romance-language and misspelt words for
 * conditions and organisms. The tests run the whole analyzer, so they need the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, fateOf, suggestionsOf } from '../../helpers/knowledge';

const coded = (text: string) =>
  suggestionsOf(text, 'inpatient')
    .filter((s) => s.status !== 'not-coded' && s.kind === 'diagnosis')
    .map((s) => s.code);

describe.skipIf(!compiled)('a decline of kidney function the note names without a diagnosis (Index Impaired, renal N28.9)', () => {
  it.each([
    'Labs on day three showed deterioration of renal function, creatinine 2.4 mg/dl.',
    'He was readmitted with worsening renal function after the contrast study.',
    'Renal function impairment was noted and the metformin was stopped.',
  ])('reads "%s" as N28.9', (text) => {
    expect(coded(text)).toContain('N289');
  });

  it('reads no impaired renal function from "no worsening of renal function"', () => {
    expect(coded('After the second dose there was no worsening of renal function.')).not.toContain('N289');
  });
});

describe.skipIf(!compiled)('condition and organism words in other spellings', () => {
  it('reads "enolism" as alcoholism (Index Alcoholism F10.20)', () => {
    expect(coded('Social history: chronic enolism, two packs a day of cigarettes.')).toContain('F1020');
  });

  it('reads the genus "pseudomona" as Pseudomonas (Infection, Pseudomonas NEC A49.8)', () => {
    expect(fateOf('He developed an infection by pseudomona that was treated with ceftazidime.', 'A498')).toBe('suggested');
  });
});

describe.skipIf(!compiled)('a fall told in plain words is its external cause (External Cause Index: Fall, falling W19)', () => {
  it('reads "she fell" as W19 though the Index also files "falls" under the symptom R29.6', () => {
    expect(fateOf('She fell in the bathroom and now has pain in the right wrist.', 'W19')).toBe('incomplete');
  });

  it('reads "had a fall" as W19 and not as repeated falls', () => {
    const codes = suggestionsOf('He had a fall two days ago and bruised his left knee.', 'inpatient').map((s) => s.code);
    expect(codes).toContain('W19');
    expect(codes).not.toContain('R296');
  });

  it('still reads repeated falls as R29.6 without an unspecified fall', () => {
    const codes = coded('Assessment: repeated falls at home over the last month.');
    expect(codes).toContain('R296');
    expect(codes).not.toContain('W19');
  });

  it.each(['Postoperatively there was a fall in hemoglobin to 7.1 g/dl.', 'Her blood pressure fell to 78/40 after the bolus.'])(
    'reads no fall of the patient from a falling measured value: "%s"',
    (text) => {
      expect(fateOf(text, 'W19')).toBe('not-coded/not-a-finding');
    },
  );
});

describe.skipIf(!compiled)('adjectives of a site and a sign read as the Index nouns (word-forms.json)', () => {
  it('reads "macular edema" as Edema, macula H35.81, not edema NOS R60.9', () => {
    const codes = coded('Exam: new cystoid macular edema in the right eye after the injection.');
    expect(codes).toContain('H3581');
    expect(codes).not.toContain('R609');
  });

  it('keeps the macular hole (Hole, macula H35.34-)', () => {
    expect(coded('Assessment: macular hole of the left eye.')).toContain('H35342');
  });

  it('reads "melenic stools" as melena K92.1', () => {
    expect(coded('He reports three melenic stools since yesterday.')).toContain('K921');
  });
});
