/**
 * "Urosepsis" has no code (Guidelines I.C.1.d.1.a.ii): the analyzer lists it as a code-less item for a
 * query, and the CDI engine turns that item into a compliant query (concept `terms`, rule urosepsis-term),
 * in place of the sepsis-indicators query, and not when the provider has stated sepsis. Needs the
 * compiled code sets (the real analyzer).
 */
import { describe, expect, it } from 'vitest';
import { analyzeCdi } from '../../../utils/cdi/analyze';
import { parseOpportunityPack } from '../../../utils/cdi/rules';
import { analyze } from '../../../utils/coding/analyze';
import data from '../../../assets/rules/cdi-opportunities.json';
import { compiled, compiledKnowledge } from '../../helpers/knowledge';

const cdi = (text: string) =>
  analyzeCdi(
    { text, setting: 'inpatient' },
    { analyze: (t, settings) => analyze(t, settings, compiledKnowledge()), dateOfService: '2026-11-01' },
  );

describe.skipIf(!compiled)('urosepsis: a query, not a code', () => {
  it('drafts the sepsis clarification query when urosepsis is written, citing the term', () => {
    const result = cdi('Assessment:\n1. Urosepsis. T 38.9, HR 118, RR 24, WBC 17.2. Ceftriaxone 1 g IV daily.');
    expect(result.opportunities.map((o) => o.ruleId)).toEqual(['urosepsis-term']);
    const [draft] = result.drafts;
    expect(draft?.draft.templateId).toBe('sepsis');
    expect(draft?.draft.text).toMatch(/Urosepsis/);
    expect(draft?.lint.errors).toEqual([]);
  });

  it('asks nothing when the term is negated or sepsis is stated', () => {
    expect(cdi('Assessment:\n1. UTI, no urosepsis.').opportunities.map((o) => o.ruleId)).not.toContain('urosepsis-term');
    expect(cdi('Assessment:\n1. Urosepsis, i.e. sepsis due to E. coli UTI.').opportunities.map((o) => o.ruleId)).not.toContain(
      'urosepsis-term',
    );
  });

  it('refuses a concept with neither codes nor terms', () => {
    const bad = structuredClone(data) as { concepts: Record<string, unknown> };
    bad.concepts.empty = { label: 'nothing', codes: [] };
    expect(() => parseOpportunityPack(bad, { indicators: new Set(['creatinine']), templates: new Set(['sepsis']) })).toThrow(
      /concepts "empty"/,
    );
  });
});
