/**
 * Everyday obstetric, kidney and endocrine records read as a coder reads them (Guidelines I.C.4, I.C.9.a,
 * I.C.14, I.C.15). Needs the compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../utils/coding/analyze';
import { compiled, compiledKnowledge } from '../../helpers/knowledge';

/** The codes the record is given (suggested), and those shown in conflict. */
function codes(text: string, setting: 'inpatient' | 'outpatient' = 'inpatient'): { coded: string[]; conflict: string[] } {
  const out = analyze(text, { setting, dateOfService: '2026-09-15' }, compiledKnowledge()).suggestions;
  return {
    coded: out.filter((s) => s.status === 'suggested').map((s) => s.code),
    conflict: out.filter((s) => s.status === 'conflict').map((s) => s.code),
  };
}

describe.skipIf(!compiled)('obstetric, kidney and endocrine records', () => {
  it('reads no diabetes type from a numbered list marker', () => {
    const r = codes('ASSESSMENT:\n1. Type 2 diabetes mellitus with hyperglycemia\n2. Hyperlipidemia\n', 'outpatient');
    expect(r.coded).toContain('E1165');
    expect([...r.coded, ...r.conflict].filter((c) => c.startsWith('E10'))).toEqual([]);
    const g = codes('ASSESSMENT:\n1. Intrauterine pregnancy at 28 weeks.\n2. Gestational diabetes mellitus, diet controlled\n', 'outpatient');
    expect([...g.coded, ...g.conflict].filter((c) => c.startsWith('E11') || c.startsWith('O2411'))).toEqual([]);
    expect(g.coded).toContain('O24410');
  });
});
