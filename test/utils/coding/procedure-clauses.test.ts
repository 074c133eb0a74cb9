/**
 * A procedure its own clause says was done is done in this stay, though a history phrase of an earlier
 * clause reaches it (coding.json `proceduresDoneNow`). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { compiled, fateOf } from '../../helpers/knowledge';

describe.skipIf(!compiled)('a procedure done in its own clause', () => {
  const fate = (text: string, code: string) => fateOf(text, code, 'inpatient', '2026-09-15');

  it('is coded when a history phrase of an earlier clause reaches it', () => {
    const text = 'HOSPITAL COURSE: Because of tachycardia and his history of DVT, CT angiography of the chest was obtained and was negative for pulmonary embolism.';
    expect(fate(text, 'BB24ZZZ')).toBe('suggested');
  });

  it('stays before this stay with a past time of its own, or with no verb of its own', () => {
    expect(fate('History of appendectomy, cholecystectomy was performed in 2010.', '0FT40ZZ')).toBe('not-coded/before-this-stay');
    expect(fate('History of DVT, CT angiography of the chest.', 'BB24ZZZ')).toBe('not-coded/before-this-stay');
  });
});
