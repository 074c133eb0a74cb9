/**
 * Specificity the words of the sentence give within a category (Guidelines I.B.2): abdominal pain elicited on
 * palpation is the examination sign abdominal tenderness, by site (R10.81-). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled } from '../../helpers/knowledge';

describe.skipIf(!compiled)('specificity read from the sentence', () => {
  const coded = (text: string) => codedOf(text, 'inpatient').sort();

  it('codes abdominal pain on palpation as abdominal tenderness of its site (R10.81-)', () => {
    expect(coded('EXAM: Abdomen soft, painful on palpation in the epigastrium.')).toEqual(['R10816']);
    expect(coded('EXAM: Diffuse pain on abdominal palpation, no guarding.')).toEqual(['R10817']);
    expect(coded('EXAM: Right lower quadrant abdominal pain on deep palpation.')).toEqual(['R10813']);
    expect(coded('EXAM: Abdominal pain on palpation without rebound.')).toEqual(['R10819']);
  });

  it('keeps abdominal pain a complaint when palpation is not what elicits it', () => {
    expect(coded('HPI: Epigastric pain for three days after meals.')).toEqual(['R1013']);
    expect(coded('HPI: Diffuse abdominal pain since yesterday.')).toEqual(['R1084']);
  });

  it('codes edema called generalized as generalized (R60.1) even where it predominates, and edema of the legs alone as localized (R60.0)', () => {
    expect(coded('EXAM: Generalized edema, worse in both legs.')).toEqual(['R601']);
    expect(coded('EXAM: Pitting edema of both legs.')).toEqual(['R600']);
  });

  it('codes groin pain of one side to that lower quadrant (Pain, groin - see Pain, abdominal, lower)', () => {
    expect(coded('HPI: Pain in the left groin for a week.')).toEqual(['R1032']);
    expect(coded('HPI: Groin pain for a week.')).toEqual(['R1030']);
  });

  it('codes a condition on both sides with no bilateral code once for the right and once for the left (Guidelines I.B.13)', () => {
    expect(coded('IMAGING: Bilateral adrenal metastases.')).toEqual(['C7971', 'C7972']);
    expect(coded('PATHOLOGY: Seminoma in both testes.')).toEqual(['C6291', 'C6292']);
    expect(coded('IMAGING: Right adrenal metastasis.')).toEqual(['C7971']);
  });

  it('codes a condition on both sides with the bilateral code where there is one', () => {
    expect(coded('EXAM: Pterygium of both eyes.')).toEqual(['H11003']);
  });

  it('does not read "both ... and" of two organs as both sides', () => {
    expect(coded('IMAGING: Metastases in both liver and lung.')).toEqual(['C7800', 'C787']);
  });

  it('codes a hernia called incarcerated or strangulated as with obstruction, when the side or kind stands between the words', () => {
    expect(coded('OPERATION: Repair of an incarcerated left inguinal hernia.')).toEqual(['K4030']);
    expect(coded('DIAGNOSIS: Strangulated umbilical hernia.')).toEqual(['K420']);
    expect(coded('DIAGNOSIS: Incarcerated incisional hernia.')).toEqual(['K430']);
    expect(coded('DIAGNOSIS: Left inguinal hernia, easily reducible.')).toEqual(['K4090']);
  });
});
