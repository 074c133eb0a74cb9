/**
 * Findings the Index files under words notes seldom write: an unsteady gait is Gait abnormality,
 * unsteadiness (or Unsteadiness on feet) R26.81. Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { codedOf, compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('findings recall (third review)', () => {
  it.each([
    'Assessment: unsteady gait since the fall.',
    'Exam: gait unsteadiness, Romberg negative.',
    'He has been unsteady on his feet for a month.',
  ])('reads an unsteady gait as R26.81: %s', (text) => {
    expect(codedOf(text)).toContain('R2681');
  });

  it('leaves a denied unsteady gait not coded', () => {
    expect(fateOf('ROS: denies unsteady gait or falls.', 'R2681')).toBe('not-coded/negated');
  });
});
