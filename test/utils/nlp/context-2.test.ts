import { describe, expect, it } from 'vitest';
import { applyContext } from '../../../utils/nlp/context';
import { defaultWordForms, parseWordForms } from '../../../utils/nlp/mention-text';
import { defaultContextRules } from '../../../utils/nlp/rules';
import type { ContextResult } from '../../../utils/nlp/types';
import { codedOf, compiled } from '../../helpers/knowledge';

/** Context of the first occurrence of `target` in `sentence`, with the shipped rules. */
function run(sentence: string, target: string): ContextResult {
  const start = sentence.indexOf(target);
  if (start < 0) throw new Error(`"${target}" not in "${sentence}"`);
  const [result] = applyContext(sentence, [{ start, end: start + target.length }], defaultContextRules());
  if (!result) throw new Error('no result');
  return result;
}

describe('ConText scope: a comma before a new phrase about the patient (context-2)', () => {
  it('ends a history scope before an appositive naming a habit of the patient', () => {
    const s = 'With a history of diabetes, a smoker of 20 cigarettes a day.';
    expect(run(s, 'diabetes').historical).toBe(true);
    expect(run(s, 'smoker').historical).toBe(false);
    expect(run('History of asthma, heavy smoker since youth.', 'smoker').historical).toBe(false);
    expect(run('Past history of COPD, an occasional cocaine user.', 'cocaine user').historical).toBe(false);
  });

  it('ends a negation before a noun naming the patient', () => {
    expect(run('No history of stroke, a 70-year-old woman with dyspnea.', 'dyspnea').negated).toBe(false);
  });

  it('keeps a list of conditions inside the history scope', () => {
    const s = 'History of hypertension, diabetes and chronic kidney disease.';
    for (const t of ['hypertension', 'diabetes', 'chronic kidney disease']) expect(run(s, t).historical).toBe(true);
    expect(run('History of gout, angina, a stroke in 2019.', 'angina').historical).toBe(true);
  });

  it('lets a past habit stay historical by its own word', () => {
    expect(run('History of asthma, a former smoker.', 'smoker').historical).toBe(true);
  });

  it('ends a negation before an adjective that states a new exam finding', () => {
    const s = 'No signs of dehydration or anemia, pale.';
    expect(run(s, 'anemia').negated).toBe(true);
    expect(run(s, 'pale').negated).toBe(false);
    expect(run('Without edema, jaundiced and afebrile.', 'jaundiced').negated).toBe(false);
    expect(run('No murmurs, cyanotic, with cold extremities.', 'cyanotic').negated).toBe(false);
  });

  it('keeps lists of negated findings negated', () => {
    const s = 'No fever, chills or cough.';
    for (const t of ['fever', 'chills', 'cough']) expect(run(s, t).negated).toBe(true);
    // An adjective before a noun is one more negated item ("pale stools" is acholia).
    expect(run('No jaundice, pale stools or dark urine.', 'pale stools').negated).toBe(true);
    // A negated list of adjectives ("not ...") stays negated.
    const adjectives = 'He is not pale, icteric or cyanotic.';
    for (const t of ['pale', 'icteric', 'cyanotic']) expect(run(adjectives, t).negated).toBe(true);
    expect(run('Not jaundiced, pale, cyanotic.', 'cyanotic').negated).toBe(true);
  });
});

describe.skipIf(!compiled)('ConText scope and pain sites through the analyzer (context-2)', () => {
  it('codes a current smoker after a history list as nicotine dependence, not its history', () => {
    const coded = codedOf('HPI: With a history of asthma, a smoker of 15 cigarettes a day.\n');
    expect(coded).toContain('F17210');
    expect(coded).not.toContain('Z87891');
  });

  it('codes the pallor stated after a negated list', () => {
    expect(codedOf('PHYSICAL EXAM: No signs of dehydration or cyanosis, pale.\n')).toContain('R231');
    expect(codedOf('PHYSICAL EXAM: No cyanosis or pallor.\n')).not.toContain('R231');
  });

  it('does not take where a pain radiates for its site', () => {
    for (const sentence of [
      'Oppressive chest pain radiating to the jaw.',
      'Chest pain that radiates to the jaw and left arm.',
      'Retrosternal pain irradiated to the jaw.',
    ]) {
      const coded = codedOf(`HPI: ${sentence}\n`);
      expect(coded, sentence).not.toContain('R6884');
      expect(coded.some((c) => c.startsWith('R07')), sentence).toBe(true);
    }
    expect(codedOf('HPI: Epigastric pain radiating to the back.\n')).not.toContain('M549');
    expect(codedOf('HPI: Low back pain radiating down the left leg.\n')).not.toContain('M79605');
    // A pain of the jaw itself keeps its site.
    expect(codedOf('HPI: Jaw pain since yesterday.\n')).toContain('R6884');
  });
});

describe('word-form table: radiation phrases', () => {
  it('ships the phrases that end a pain site', () => {
    expect(defaultWordForms.radiation?.phrases).toContain('radiating to');
    expect(defaultWordForms.radiation?.phrases).toContain('irradiated to');
  });

  it('rejects a phrase that is not lower-case words', () => {
    const bad = { ...defaultWordForms, radiation: { source: 'test', phrases: ['Radiating To'] } };
    expect(() => parseWordForms(bad)).toThrow(/radiation/);
  });
});
