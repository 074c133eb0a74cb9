/**
 * "Maternal" in the mother's own record names the patient; in a newborn's record, or before a relative, it
 * names someone else (coding.json `maternalSelf`). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../utils/coding/analyze';
import { compiled, compiledKnowledge } from '../../helpers/knowledge';

describe.skipIf(!compiled)('"maternal" in a pregnancy record', () => {
  const fever = (text: string) => {
    const s = analyze(text, { setting: 'inpatient', dateOfService: '2026-09-15' }, compiledKnowledge()).suggestions.find((x) => x.code === 'R509');
    return s ? `${s.context}/${s.status}` : 'absent';
  };
  const delivery = 'DELIVERY NOTE\n30-year-old G1P0 at 38 weeks delivered a live-born female by spontaneous vaginal delivery.\n';

  it('is the patient in her own delivery record', () => {
    expect(fever(`${delivery}Labor was complicated by maternal fever.\n`)).toBe('affirmed/suggested');
  });

  it('stays family before a relative, and outside a pregnancy record', () => {
    expect(fever(`${delivery}Her maternal grandmother had recurrent fever.\n`)).not.toMatch(/^affirmed/);
    expect(fever('FAMILY HISTORY: Maternal fever of unknown origin.\n')).toBe('family/not-coded');
  });

  it('is the mother in the newborn’s record', () => {
    expect(fever('NEWBORN ADMISSION\nTerm male infant born by vaginal delivery. Delivery was complicated by maternal fever.\n')).toBe('family/not-coded');
  });
});
