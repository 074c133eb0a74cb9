import { describe, expect, it } from 'vitest';
import { evaluateCases, loadCases } from '../../../scripts/eval/cdi';
import type { Suggestion } from '../../../utils/coding/types';
import { analyzeCdi } from '../../../utils/cdi/analyze';
import { documentedFromText } from '../../../utils/cdi/documented';
import { extractIndicators } from '../../../utils/cdi/indicators';
import { change, computeScores, findOpportunities, hoursBetween, timeOrder } from '../../../utils/cdi/opportunities';
import { defaultCdiPacks } from '../../../utils/cdi/rules';
import type { Indicator, IndicatorTime, OpportunityPack } from '../../../utils/cdi/types';

const fired = (text: string, setting: 'inpatient' | 'outpatient' = 'inpatient') =>
  analyzeCdi({ text, setting }).opportunities.map((o) => o.ruleId);

const suggestion = (code: string, context: Suggestion['context'], start = 0, text = 'x'): Suggestion => ({
  code,
  display: code,
  title: code,
  system: 'icd10cm',
  kind: 'diagnosis',
  score: 1,
  reason: '',
  evidence: [{ start, end: start + text.length, text }],
  context,
  section: 'assessment_plan',
  status: 'suggested',
  state: 'billable',
  mentionIds: [],
});

const time = (t: Partial<IndicatorTime>): IndicatorTime => ({ text: '', span: { start: 0, end: 0 }, ...t });

describe('time order and change', () => {
  it('orders hospital days, dates and admission', () => {
    expect(timeOrder(time({ day: 1, basis: 'hospital', text: 'admission' }), time({ day: 0, basis: 'relative', text: 'today' }))).toBe(-1);
    expect(timeOrder(time({ day: 3, basis: 'hospital' }), time({ day: 2, basis: 'hospital' }))).toBe(1);
    expect(timeOrder(time({ day: 3, basis: 'hospital' }), time({ day: 8000, basis: 'calendar' }))).toBe(0);
    expect(timeOrder(undefined, time({ day: 1, basis: 'hospital' }))).toBe(0);
  });

  it('counts hours only on the same scale', () => {
    expect(hoursBetween(time({ day: 10, hour: 6, basis: 'calendar' }), time({ day: 12, hour: 8, basis: 'calendar' }))).toBe(50);
    expect(hoursBetween(time({ day: 1, basis: 'hospital' }), time({ day: 4, basis: 'hospital' }))).toBe(48);
    expect(hoursBetween(time({ day: 1, basis: 'hospital' }), time({ day: 0, basis: 'relative' }))).toBeUndefined();
  });

  it('finds the largest rise, fall and ratio in order, and the spread regardless of order', () => {
    const [cr] = extractIndicators('Cr 2.1 (baseline 0.9)');
    expect(change([cr as Indicator], 'rise')?.value).toBe(1.2);
    expect(change([cr as Indicator], 'fall')).toMatchObject({ value: -1.2 });
    expect(change([cr as Indicator], 'ratio')?.value).toBeCloseTo(2.333, 2);
    const two = extractIndicators('Cr 2.1 yesterday. Cr 1.2 today.').filter((i) => i.name === 'creatinine');
    expect(change(two, 'fall')?.value).toBe(0.9);
    expect(change(two, 'spreadRatio')?.value).toBe(1.75);
  });

  it('skips pairs further apart than the window when both times are written', () => {
    const list = extractIndicators('Cr 1.0 on 3/1 08:00. Cr 1.4 on 3/5 08:00.').filter((i) => i.name === 'creatinine');
    expect(change(list, 'rise')?.value).toBe(0.4);
    expect(change(list, 'rise', 48)).toBeUndefined();
  });
});

describe('scores', () => {
  it('sums SIRS criteria', () => {
    const text = 'T 39.1, HR 124, RR 26, WBC 19.4.';
    expect(computeScores({ text, setting: 'inpatient' }, extractIndicators(text)).sirs).toBe(4);
  });

  it('sums the SOFA components written in the note', () => {
    const text = 'Platelets 88. Cr 2.6. On norepinephrine. GCS 14.';
    // coagulation 2 + renal 2 + cardiovascular 3 + CNS 1
    expect(computeScores({ text, setting: 'inpatient' }, extractIndicators(text)).sofa).toBe(8);
  });
});

describe('documented diagnoses', () => {
  const text = 'BMI 44.2.';
  const indicators = extractIndicators(text);
  const run = (docs: Suggestion[], setting: 'inpatient' | 'outpatient' = 'inpatient') =>
    findOpportunities({ text, setting }, indicators, docs).map((o) => o.ruleId);

  it('raises the query when nothing is documented', () => {
    expect(run([])).toEqual(['obesity-significance']);
  });

  it('is silenced by an affirmed, uncertain or negated diagnosis (the provider addressed it)', () => {
    expect(run([suggestion('E669', 'affirmed')])).toEqual(['obesity-severity']);
    expect(run([suggestion('E669', 'negated')])).toEqual([]);
    expect(run([suggestion('E669', 'possible')])).toEqual(['obesity-severity']);
    expect(run([suggestion('E669', 'possible')], 'outpatient')).toEqual([]);
  });

  it("ignores a relative's diagnosis", () => {
    expect(run([suggestion('E669', 'family')])).toEqual(['obesity-significance']);
  });

  it('matches concepts by prefix, exceptions and patterns', () => {
    const pack = defaultCdiPacks().opportunities;
    const match = (concept: string, code: string) => {
      const c = pack.concepts[concept];
      if (c === undefined) throw new Error(concept);
      const opp: OpportunityPack = {
        ...pack,
        rules: [{ ...(pack.rules[0] as OpportunityPack['rules'][number]), when: { documented: concept } }],
      };
      return findOpportunities({ text: 'x', setting: 'inpatient' }, [], [suggestion(code, 'affirmed')], opp).length === 1;
    };
    expect(match('mi_specified', 'I214')).toBe(true);
    expect(match('mi_specified', 'I219')).toBe(false);
    expect(match('pressure_injury_stage_1_2', 'L89152')).toBe(true);
    expect(match('pressure_injury_stage_1_2', 'L89153')).toBe(false);
    expect(match('pressure_injury_stage_3_4', 'L89150')).toBe(true);
    expect(match('pressure_injury_stage_3_4', 'L8990')).toBe(false);
    expect(match('pressure_injury_stage_3_4', 'L8995')).toBe(true);
  });
});

describe('no query when the classification already answers it', () => {
  it('HFrEF already means systolic failure: acuity only', () => {
    expect(fired('Known HFrEF, EF 20%. Diuresing on IV Lasix 80 mg BID.')).toEqual(['hf-acuity']);
  });

  it('acute on chronic diastolic heart failure needs no heart failure query', () => {
    expect(fired('Acute on chronic diastolic heart failure. EF 60%. IV furosemide. BNP 1,200.')).toEqual([]);
  });

  it('septic shock needs no sepsis query', () => {
    expect(fired('Septic shock due to pneumonia, requiring norepinephrine. Lactate 5.1.')).toEqual([]);
  });
});

describe('one rule, one note', () => {
  it.each([
    ['aki-indicators', 'Labs: Cr 2.1 (baseline 0.9).\nAssessment: Gastroenteritis.'],
    ['hyponatremia-significance', 'Na 126. Fluid restriction 1.2 L.'],
    ['obesity-significance', 'BMI 44.2.'],
    ['pressure-injury-poa', 'Assessment: Stage 4 sacral pressure ulcer.'],
    ['resp-failure-indicators', 'SpO2 84% on RA, RR 32, placed on BiPAP. Assessment: COPD exacerbation.'],
    ['mi-type-indicators', 'Troponin 0.08 -> 0.56. Assessment: GI bleed.'],
    ['pneumonia-organism', 'Sputum culture grew Klebsiella. Assessment: Pneumonia.'],
  ])('%s', (rule, text) => {
    expect(fired(text)).toEqual([rule]);
  });

  it('cites the indicators with their quotes, and the documentation', () => {
    const [o] = analyzeCdi({ text: 'Assessment: CHF exacerbation. Echo EF 30%. Lasix 40 mg IV BID.', setting: 'inpatient' }).opportunities;
    expect(o?.ruleId).toBe('hf-specificity');
    expect(o?.indicators.map((i) => i.quote)).toEqual(['EF 30%', 'Lasix 40 mg IV']);
    expect(o?.documented.map((d) => [d.code, d.quote])).toEqual([['I509', 'CHF']]);
  });

  it('orders opportunities by priority', () => {
    const result = analyzeCdi({ text: 'Pneumonia. T 39.1, HR 124, RR 26, WBC 19.4, lactate 3.8. BMI 44.', setting: 'inpatient' });
    expect(result.opportunities.map((o) => o.ruleId)).toEqual(['sepsis-indicators', 'obesity-significance']);
  });

  it('accepts the analyzer as a parameter', () => {
    const analyze = () => ({ suggestions: [suggestion('N179', 'affirmed')] });
    expect(analyzeCdi({ text: 'Cr 2.1 (baseline 0.9).', setting: 'inpatient' }, { analyze }).opportunities.map((o) => o.ruleId)).toEqual(
      [],
    );
  });

  it("does not treat a dietitian's diagnosis as the provider's", () => {
    const text = 'RD: meets ASPEN criteria for severe malnutrition.';
    expect(documentedFromText(text, { setting: 'inpatient', dateOfService: '' }).suggestions.map((s) => s.code)).toEqual(['E43']);
    expect(fired(text)).toEqual(['malnutrition-indicators']);
  });
});

describe('synthetic cases (test/fixtures/cdi/cases)', () => {
  const cases = loadCases();
  const { results } = evaluateCases(cases);

  it('has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(results.map((r) => [r.id, r] as const))('%s', (_id, r) => {
    expect(r.falseNegatives).toEqual([]);
    expect(r.mustNotViolations).toEqual([]);
    expect(r.falsePositives).toEqual([]);
    expect(r.draftErrors).toEqual([]);
  });
});

describe('documentation by other clinicians and classification that already answers (issue 6)', () => {
  const packs = defaultCdiPacks();
  const run = (text: string, suggestions: Suggestion[]) =>
    findOpportunities({ text, setting: 'inpatient' }, extractIndicators(text), suggestions, packs.opportunities).map((o) => o.ruleId);

  it('treats a pressure injury written only in the wound-care nurse note as undiagnosed (Official Guidelines I.B.14)', () => {
    const text = 'WOUND CARE NURSE: Stage 3 pressure injury of the sacrum, present on admission.\nASSESSMENT AND PLAN: Pneumonia - ceftriaxone.';
    const ulcer = suggestion('L89153', 'affirmed', text.indexOf('Stage 3'), 'Stage 3 pressure injury of the sacrum');
    expect(run(text, [ulcer])).toContain('pressure-injury-diagnosis');
    // Written by the provider, it is documented: no diagnosis query.
    const byProvider = `${text}\nPressure injury of sacrum, stage 3.`;
    const providerUlcer = suggestion('L89153', 'affirmed', byProvider.lastIndexOf('Pressure injury'), 'Pressure injury of sacrum, stage 3');
    expect(run(byProvider, [providerUlcer])).not.toContain('pressure-injury-diagnosis');
  });

  it('asks no organism query when a pneumonia with its organism is documented beside an unspecified one', () => {
    const text = 'A/P: COVID-19 pneumonia (SARS-CoV-2 PCR positive). Pneumonia - dexamethasone.';
    const covid = suggestion('J1282', 'affirmed', 4, 'COVID-19 pneumonia');
    const unspecified = suggestion('J189', 'affirmed', text.indexOf('Pneumonia -'), 'Pneumonia');
    const withCulture = `${text}\nSputum culture: Streptococcus pneumoniae.`;
    expect(run(withCulture, [unspecified])).toContain('pneumonia-organism');
    expect(run(withCulture, [covid, unspecified])).not.toContain('pneumonia-organism');
  });

  it('asks the encephalopathy type when an infection is documented as its likely cause', () => {
    const text = 'A/P: Encephalopathy, likely from UTI. Ceftriaxone.';
    const enc = suggestion('G9340', 'affirmed', 5, 'Encephalopathy');
    const uti = suggestion('N390', 'affirmed', text.indexOf('UTI'), 'UTI');
    expect(run(text, [enc])).not.toContain('encephalopathy-type');
    expect(run(text, [enc, uti])).toContain('encephalopathy-type');
  });
});
