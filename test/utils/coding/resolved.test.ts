/**
 * "Resolved" for coding: ConText reads it as negated existence, but a condition the stay's own diagnoses
 * or course call resolved was present and treated in the stay (coded inpatient, Guidelines III), and one
 * whose words put it in the past is a personal history (I.C.21.c.4). Needs the compiled code sets.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnalysisKnowledge, analyze } from '../../../utils/coding/analyze';
import type { Setting } from '../../../utils/coding/types';
import { compiled, compiledKnowledge, fateOf } from '../../helpers/knowledge';


describe.skipIf(!compiled)('a resolved condition', () => {
  let knowledge: AnalysisKnowledge;
  beforeAll(() => {
    knowledge = compiledKnowledge();
  });
  const fate = (text: string, setting: Setting, code: string) => fateOf(text, code, setting);

  it('is coded for an inpatient stay when its diagnoses or course call it resolved', () => {
    expect(fate('DISCHARGE DIAGNOSES:\n1. Acute kidney injury, resolved.\n', 'inpatient', 'N179')).toBe('suggested');
    expect(fate('HOSPITAL COURSE:\nHer hyponatremia resolved with fluid restriction.\n', 'inpatient', 'E871')).toBe('suggested');
    const reason = analyze('DISCHARGE DIAGNOSES:\n1. Acute kidney injury, resolved.\n', { setting: 'inpatient', dateOfService: '2026-11-01' }, knowledge)
      .suggestions.find((x) => x.code === 'N179')?.reason;
    expect(reason).toMatch(/Resolved during this stay/);
  });

  it('is not coded at an outpatient visit, nor in the history of an inpatient stay', () => {
    expect(fate('ASSESSMENT:\n1. Acute kidney injury, resolved.\n', 'outpatient', 'N179')).toBe('not-coded/negated');
    expect(fate('HISTORY OF PRESENT ILLNESS:\nHer hyponatremia resolved with fluid restriction.\n', 'inpatient', 'E871')).toBe('not-coded/negated');
  });

  it('is a personal history when its words put it in the past', () => {
    expect(fate('ASSESSMENT:\n1. Pneumonia in 2019, resolved.\n', 'outpatient', 'Z8701')).toBe('suggested');
    expect(fate('ASSESSMENT:\n1. Pneumonia in 2019, resolved.\n', 'inpatient', 'Z8701')).toBe('suggested');
    expect(fate('ASSESSMENT:\n1. Pneumonia in 2019, resolved.\n', 'inpatient', 'J189')).not.toBe('suggested');
  });

  it('stays negated when another negation is there too', () => {
    expect(fate('DISCHARGE DIAGNOSES:\nNo acute kidney injury; creatinine resolved to baseline.\n', 'inpatient', 'N179')).toBe('not-coded/negated');
  });
});
