import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import indicatorsJson from '../../../assets/rules/cdi-indicators.json';
import opportunitiesJson from '../../../assets/rules/cdi-opportunities.json';
import templatesJson from '../../../assets/rules/query-templates.json';
import { COMPILED_DIR, readCompiledAssets } from '../../../scripts/codesets/compiled';
import { standInCodes } from '../../../utils/cdi/documented';
import { lintQuery } from '../../../utils/cdi/linter';
import { packMessages } from '../../../utils/cdi/messages';
import { renderQuery } from '../../../utils/cdi/queries';
import {
  defaultCdiPacks,
  indicatorNames,
  parseCdiPacks,
  parseIndicatorPack,
  parseOpportunityPack,
  parseTemplatePack,
  RulePackError,
} from '../../../utils/cdi/rules';
import { GAPS } from '../../../utils/cdi/types';
import type { CodeRecord } from '../../../utils/codes/types';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

function errorOf(fn: () => unknown): RulePackError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RulePackError) return error;
    throw error;
  }
  throw new Error('expected a RulePackError');
}

const known = () => {
  const packs = defaultCdiPacks();
  return { indicators: indicatorNames(packs.indicators), templates: new Set(packs.templates.templates.map((t) => t.id)) };
};

describe('shipped CDI packs', () => {
  it('validate together', () => {
    expect(() => parseCdiPacks({ indicators: indicatorsJson, opportunities: opportunitiesJson, templates: templatesJson })).not.toThrow();
  });

  it('cover the twelve areas of issue 6 and every gap', () => {
    const conditions = new Set(defaultCdiPacks().opportunities.rules.map((r) => r.condition));
    expect([...conditions].sort()).toEqual([
      'Acute kidney injury',
      'Acute respiratory failure',
      'Anemia',
      'Encephalopathy',
      'Heart failure',
      'Hyponatremia',
      'Malnutrition',
      'Myocardial infarction / myocardial injury',
      'Obesity',
      'Pneumonia',
      'Pressure injury',
      'Sepsis',
    ]);
    const gaps = new Set(defaultCdiPacks().opportunities.rules.map((r) => r.gap));
    expect(GAPS.filter((g) => !gaps.has(g))).toEqual([]);
  });

  it('give every rule criteria with a source', () => {
    for (const rule of defaultCdiPacks().opportunities.rules) {
      for (const c of rule.criteria) expect(c.source.length, rule.id).toBeGreaterThan(10);
    }
  });

  it('define the labs, vitals, medications, therapies and findings the issue lists', () => {
    const names = indicatorNames(defaultCdiPacks().indicators);
    for (const n of [
      'creatinine',
      'sodium',
      'lactate',
      'hemoglobin',
      'bnp',
      'nt_probnp',
      'troponin',
      'hs_troponin',
      'wbc',
      'bands',
      'pao2',
      'paco2',
      'ph',
      'albumin',
      'glucose',
      'temperature',
      'heart_rate',
      'resp_rate',
      'bp',
      'map',
      'spo2',
      'fio2',
      'bmi',
      'weight',
      'furosemide',
      'norepinephrine',
      'antibiotics',
      'lactulose',
      'prbc',
      'bipap',
      'high_flow',
      'intubation',
      'pressure_injury',
      'intake',
      'oxygen',
    ]) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it('have templates whose own wording passes the query linter', () => {
    const { templates } = defaultCdiPacks();
    for (const t of templates.templates) {
      const text = renderQuery({
        opportunityId: t.id,
        ruleId: t.id,
        templateId: t.id,
        condition: 'x',
        kind: t.kind,
        title: t.title,
        question: t.question.replace('{documented}', '"CHF" (Assessment)').replace('{condition}', 'heart failure'),
        indicators: [{ indicatorId: 'i0', summary: 'Creatinine 2.1 mg/dL', section: 'Labs', quote: 'Cr 2.1', span: { start: 0, end: 6 } }],
        documented: [],
        options: t.options.map((o) => ({ id: o.id, text: o.text })),
        closing: templates.closing,
      });
      const result = lintQuery(text);
      expect(
        result.errors.map((e) => e.code),
        t.id,
      ).toEqual([]);
      expect(result.kind, t.id).toBe(t.kind);
    }
  });
});

describe('parseIndicatorPack', () => {
  it('rejects an unknown key, naming the entry', () => {
    const pack = clone(indicatorsJson) as { measures: Array<Record<string, unknown>> };
    (pack.measures[0] as Record<string, unknown>).colour = 'red';
    const e = errorOf(() => parseIndicatorPack(pack));
    expect(e.message).toBe('cdi-indicators.json: measures 1 "creatinine": unknown key "colour"');
  });

  it('rejects a name defined twice', () => {
    const pack = clone(indicatorsJson) as { terms: Array<{ name: string }> };
    (pack.terms[0] as { name: string }).name = 'creatinine';
    expect(errorOf(() => parseIndicatorPack(pack)).message).toContain(packMessages.duplicateName('creatinine'));
  });

  it('rejects a device naming an unknown therapy', () => {
    const pack = clone(indicatorsJson) as { devices: Array<{ therapy?: string }> };
    (pack.devices[2] as { therapy?: string }).therapy = 'ecmo';
    expect(errorOf(() => parseIndicatorPack(pack)).message).toContain(packMessages.unknownTherapy('ecmo'));
  });
});

describe('parseOpportunityPack', () => {
  const withRule = (patch: Record<string, unknown>) => {
    const pack = clone(opportunitiesJson) as { rules: Array<Record<string, unknown>> };
    Object.assign(pack.rules[0] as Record<string, unknown>, patch);
    return pack;
  };

  it('rejects an unknown indicator', () => {
    const e = errorOf(() => parseOpportunityPack(withRule({ when: { indicator: 'unobtainium', op: 'present' } }), known()));
    expect(e.message).toBe(`cdi-opportunities.json: rules 1 "aki-indicators": ${packMessages.unknownIndicator('unobtainium')}`);
  });

  it('rejects an unknown concept, score and template', () => {
    expect(errorOf(() => parseOpportunityPack(withRule({ when: { documented: 'gout' } }), known())).message).toContain(
      packMessages.unknownConcept('gout'),
    );
    expect(errorOf(() => parseOpportunityPack(withRule({ when: { score: 'apache', op: '>', value: 1 } }), known())).message).toContain(
      packMessages.unknownScore('apache'),
    );
    expect(errorOf(() => parseOpportunityPack(withRule({ template: 'nope' }), known())).message).toContain(
      packMessages.unknownTemplate('nope'),
    );
  });

  it('rejects an unknown gap', () => {
    expect(errorOf(() => parseOpportunityPack(withRule({ gap: 'money' }), known())).message).toMatch(/rules 1 "aki-indicators"/);
  });

  it('rejects a concept pattern that does not compile', () => {
    const pack = clone(opportunitiesJson) as { concepts: Record<string, { patterns?: string[] }> };
    (pack.concepts.aki as { patterns?: string[] }).patterns = ['('];
    expect(errorOf(() => parseOpportunityPack(pack, known())).message).toMatch(/concepts "aki": pattern \/\(\/ does not compile/);
  });

  it('rejects a duplicate rule id', () => {
    const pack = clone(opportunitiesJson) as { rules: unknown[] };
    pack.rules.push(pack.rules[0]);
    expect(errorOf(() => parseOpportunityPack(pack, known())).message).toContain(packMessages.duplicateId('rule', 'aki-indicators'));
  });
});

describe('parseTemplatePack', () => {
  const withTemplate = (patch: Record<string, unknown>, index = 0) => {
    const pack = clone(templatesJson) as { templates: Array<Record<string, unknown>> };
    Object.assign(pack.templates[index] as Record<string, unknown>, patch);
    return pack;
  };

  it('requires "Other" and "Clinically undetermined" in multiple choice', () => {
    const options = (templatesJson.templates[0] as { options: Array<{ id: string; text: string }> }).options;
    expect(errorOf(() => parseTemplatePack(withTemplate({ options: options.filter((o) => o.id !== 'other') }))).message).toContain(
      packMessages.missingOther,
    );
    expect(errorOf(() => parseTemplatePack(withTemplate({ options: options.filter((o) => o.id !== 'undetermined') }))).message).toContain(
      packMessages.missingUndetermined,
    );
  });

  it('requires a basis for yes/no and refuses one elsewhere', () => {
    expect(errorOf(() => parseTemplatePack(withTemplate({ kind: 'yes-no' }))).message).toContain(packMessages.yesNoWithoutBasis);
    expect(errorOf(() => parseTemplatePack(withTemplate({ yesNoBasis: 'present-on-admission' }))).message).toContain(
      packMessages.basisOnNonYesNo,
    );
  });

  it('rejects an unknown placeholder and an unknown basis', () => {
    expect(errorOf(() => parseTemplatePack(withTemplate({ question: 'Is {patient} ok?' }))).message).toContain(
      packMessages.unknownPlaceholder('patient'),
    );
    expect(() => parseTemplatePack(withTemplate({ kind: 'yes-no', yesNoBasis: 'new-diagnosis' }))).toThrow(RulePackError);
  });

  it('rejects a lint pattern that does not compile', () => {
    const pack = clone(templatesJson) as { lint: { financial: Array<{ pattern?: string }> } };
    (pack.lint.financial[0] as { pattern?: string }).pattern = '[';
    expect(errorOf(() => parseTemplatePack(pack)).message).toMatch(/lint.financial 1 "payment": pattern/);
  });
});

describe.skipIf(!existsSync(resolve(COMPILED_DIR, 'catalog.json')))('codes named by the CDI packs exist in the compiled code list', () => {
  const codes = new Set<string>();
  for (const asset of readCompiledAssets(undefined, ['codes'])) {
    if (asset.header.system === 'icd10cm' && asset.header.fiscalYear === 2026)
      for (const r of asset.records as CodeRecord[]) codes.add(r[0]);
  }

  it('concept prefixes each start a real code', () => {
    const all = [...codes];
    for (const [name, concept] of Object.entries(defaultCdiPacks().opportunities.concepts)) {
      for (const prefix of [...concept.codes, ...(concept.except ?? [])])
        expect(
          all.some((c) => c.startsWith(prefix)),
          `${name} ${prefix}`,
        ).toBe(true);
    }
  });

  it('template option codes are FY2026 codes', () => {
    for (const t of defaultCdiPacks().templates.templates) {
      for (const o of t.options) for (const code of o.codes ?? []) expect(codes.has(code), `${t.id} ${code}`).toBe(true);
    }
  });

  it("the stand-in's phrase codes are FY2026 codes", () => {
    for (const code of standInCodes()) expect(codes.has(code), code).toBe(true);
  });
});
