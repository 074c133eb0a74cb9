/**
 * CDI rule packs: indicator vocabulary (`cdi-indicators.json`), opportunity rules
 * (`cdi-opportunities.json`) and query templates with the linter's lexicon (`query-templates.json`).
 * JSON data validated on load with valibot (unknown keys rejected), then checked against each other:
 * every indicator, concept, score and template a rule names exists, every pattern compiles, every
 * multiple-choice template ends with "Other" and "Clinically undetermined", every yes/no template
 * names one of the allowed bases (STYLE.md conventions 3 and 4).
 */
import * as v from 'valibot';
import indicatorsJson from '../../assets/rules/cdi-indicators.json';
import opportunitiesJson from '../../assets/rules/cdi-opportunities.json';
import templatesJson from '../../assets/rules/query-templates.json';
import { RulePackError, ruleMessages } from '../nlp/rules';
import { packMessages } from './messages';
import {
  COMPARISONS,
  type Condition,
  GAPS,
  type IndicatorPack,
  type OpportunityPack,
  QUERY_KINDS,
  type TemplatePack,
  YES_NO_BASES,
} from './types';

export { RulePackError };

const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));
const id = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]*$/), v.maxLength(60));
const strings = (max: number) => v.array(text(max));

// ---------------------------------------------------------------------------------------------
// Indicator pack
// ---------------------------------------------------------------------------------------------

const unitSchema = v.strictObject({
  unit: text(20),
  synonyms: strings(40),
  factor: v.optional(v.pipe(v.number(), v.gtValue(0))),
  offset: v.optional(v.number()),
});

const measureSchema = v.strictObject({
  name: id,
  label: text(60),
  kind: v.picklist(['lab', 'vital', 'anthropometric', 'score'] as const),
  synonyms: strings(80),
  abbreviations: v.optional(strings(20)),
  unit: v.optional(text(20)),
  units: v.optional(v.array(unitSchema)),
  requireUnit: v.optional(v.boolean()),
  plausible: v.strictObject({ min: v.number(), max: v.number() }),
  rescale: v.optional(v.array(v.pipe(v.number(), v.gtValue(0)))),
  pair: v.optional(v.boolean()),
  trend: v.optional(v.boolean()),
  valueFirst: v.optional(v.boolean()),
  period: v.optional(v.boolean()),
  oxygen: v.optional(v.boolean()),
  of: v.optional(strings(60)),
  source: text(400),
});

const medicationSchema = v.strictObject({
  name: id,
  label: text(60),
  class: id,
  synonyms: strings(80),
  abbreviations: v.optional(strings(20)),
  defaultRoute: v.optional(text(10)),
  source: text(400),
});

const termSchema = v.strictObject({
  name: id,
  label: text(60),
  kind: v.picklist(['therapy', 'finding'] as const),
  class: v.optional(id),
  synonyms: strings(80),
  abbreviations: v.optional(strings(20)),
  severity: v.optional(v.boolean()),
  source: text(400),
});

const indicatorPackSchema = v.strictObject({
  version: v.literal(1),
  description: v.optional(v.string()),
  connectors: strings(40),
  plannedBefore: strings(40),
  plannedAfter: strings(40),
  measures: v.array(measureSchema),
  medications: v.array(medicationSchema),
  terms: v.array(termSchema),
  routes: v.array(v.strictObject({ route: text(10), synonyms: strings(40), abbreviations: v.optional(strings(20)) })),
  devices: v.array(
    v.strictObject({ device: text(40), synonyms: strings(40), abbreviations: v.optional(strings(20)), therapy: v.optional(id) }),
  ),
  organisms: v.array(v.strictObject({ organism: text(60), synonyms: strings(80), abbreviations: v.optional(strings(20)) })),
  pressureSites: v.array(v.strictObject({ site: text(40), synonyms: strings(40) })),
});

// ---------------------------------------------------------------------------------------------
// Opportunity pack
// ---------------------------------------------------------------------------------------------

const conditionSchema: v.GenericSchema<Condition> = v.lazy(() =>
  v.union([
    v.strictObject({
      indicator: v.union([id, v.pipe(v.array(id), v.minLength(1))]),
      op: v.picklist(COMPARISONS),
      value: v.optional(v.number()),
      change: v.optional(v.picklist(['rise', 'fall', 'ratio', 'spread', 'spreadRatio'] as const)),
      withinHours: v.optional(v.pipe(v.number(), v.gtValue(0))),
      where: v.optional(v.record(v.string(), v.union([text(40), v.array(text(40))]))),
      has: v.optional(strings(40)),
      lacks: v.optional(strings(40)),
      route: v.optional(strings(10)),
    }),
    v.strictObject({ documented: id, context: v.optional(v.picklist(['affirmed', 'any'] as const)) }),
    v.strictObject({ score: id, op: v.picklist(['<', '<=', '>', '>='] as const), value: v.number() }),
    v.strictObject({ apart: v.tuple([id, id]), includeHistory: v.optional(v.boolean()) }),
    v.strictObject({ all: v.pipe(v.array(conditionSchema), v.minLength(1)) }),
    v.strictObject({ any: v.pipe(v.array(conditionSchema), v.minLength(1)) }),
    v.strictObject({ not: conditionSchema }),
    v.strictObject({ atLeast: v.pipe(v.number(), v.integer(), v.minValue(1)), of: v.pipe(v.array(conditionSchema), v.minLength(1)) }),
  ]),
) as v.GenericSchema<Condition>;

const criterionSchema = v.strictObject({ literal: text(600), source: text(600) });

const opportunityPackSchema = v.strictObject({
  version: v.literal(1),
  description: v.optional(v.string()),
  concepts: v.record(
    id,
    v.strictObject({
      label: text(80),
      codes: v.array(v.pipe(v.string(), v.regex(/^[A-Z][0-9A-Z]{1,6}$/))),
      except: v.optional(v.array(v.pipe(v.string(), v.regex(/^[A-Z][0-9A-Z]{1,6}$/)))),
      patterns: v.optional(strings(200)),
      terms: v.optional(v.pipe(v.array(v.pipe(v.string(), v.regex(/^[a-z][a-z -]*$/, 'lower-case words'))), v.minLength(1))),
    }),
  ),
  scores: v.array(
    v.strictObject({
      id,
      label: text(80),
      source: text(800),
      components: v.array(
        v.strictObject({
          label: text(60),
          bands: v.array(v.strictObject({ points: v.pipe(v.number(), v.integer(), v.minValue(0)), when: conditionSchema })),
        }),
      ),
    }),
  ),
  rules: v.array(
    v.strictObject({
      id,
      condition: text(80),
      title: text(200),
      gap: v.picklist(GAPS),
      settings: v.pipe(v.array(v.picklist(['inpatient', 'outpatient'] as const)), v.minLength(1)),
      when: conditionSchema,
      criteria: v.pipe(v.array(criterionSchema), v.minLength(1)),
      template: id,
      alsoCite: v.optional(v.array(id)),
      priority: v.pipe(v.number(), v.integer(), v.minValue(0)),
      note: v.optional(text(600)),
    }),
  ),
});

// ---------------------------------------------------------------------------------------------
// Template pack
// ---------------------------------------------------------------------------------------------

const phraseSchema = {
  literal: text(80),
  pattern: v.optional(text(600)),
  caseSensitive: v.optional(v.boolean()),
  source: text(400),
};

const templatePackSchema = v.strictObject({
  version: v.literal(1),
  description: v.optional(v.string()),
  closing: text(400),
  templates: v.array(
    v.strictObject({
      id,
      kind: v.picklist(QUERY_KINDS),
      yesNoBasis: v.optional(v.picklist(YES_NO_BASES)),
      title: text(120),
      question: text(600),
      options: v.array(
        v.strictObject({ id, text: text(200), codes: v.optional(v.array(v.pipe(v.string(), v.regex(/^[A-Z][0-9A-Z]{2,6}$/)))) }),
      ),
      source: text(400),
    }),
  ),
  lint: v.strictObject({
    leading: v.array(v.strictObject(phraseSchema)),
    financial: v.array(v.strictObject(phraseSchema)),
    yesNoBasis: v.array(v.strictObject({ ...phraseSchema, basis: v.picklist(YES_NO_BASES) })),
  }),
});

// ---------------------------------------------------------------------------------------------
// Parsing and cross-checks
// ---------------------------------------------------------------------------------------------

type Issue = v.BaseIssue<unknown>;

/** `rules 3 "aki-indicators"` / `measures 2 "sodium"` for the first two path keys of an issue. */
function label(input: unknown, issue: Issue | undefined): string | undefined {
  const path = issue?.path ?? [];
  const list = path[0]?.key;
  const index = path[1]?.key;
  if (typeof list !== 'string') return undefined;
  if (typeof index === 'number') {
    const item = (input as Record<string, unknown[] | undefined>)[list]?.[index] as Record<string, unknown> | undefined;
    const name = item?.id ?? item?.name ?? item?.literal ?? item?.device ?? item?.organism ?? item?.route ?? item?.site;
    return `${list} ${index + 1}${typeof name === 'string' ? ` "${name}"` : ''}`;
  }
  if (typeof index === 'string') return `${list} "${index}"`;
  return list;
}

function describe(issue: Issue): string {
  const path = issue.path ?? [];
  const last = path[path.length - 1] as { origin?: string; key?: unknown } | undefined;
  if (issue.type === 'strict_object' && last?.origin === 'key' && issue.expected === 'never') {
    return ruleMessages.unknownKey(String(last.key));
  }
  const keys = path.map((p) => p.key).filter((k) => typeof k === 'string');
  const field = String(keys[keys.length - 1] ?? 'pack');
  if (issue.received === 'undefined') return ruleMessages.missing(field);
  return ruleMessages.invalid(field, issue.message);
}

function parseWith<T>(schema: v.GenericSchema<unknown, T>, input: unknown, file: string): T {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    // A union reports its own issue first; the nested issues say which key was wrong.
    const issue = result.issues[0];
    const deepest = (issue.issues ?? []).find((i) => i.type === 'strict_object') ?? issue.issues?.[0] ?? issue;
    throw new RulePackError(file, label(input, issue), describe(deepest));
  }
  return result.output;
}

function compilePattern(pattern: string, flags: string, file: string, where: string): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(pattern, flags);
  } catch (error) {
    throw new RulePackError(file, where, packMessages.badPattern(pattern, error instanceof Error ? error.message : String(error)));
  }
  if (re.test('')) throw new RulePackError(file, where, packMessages.emptyPattern(pattern));
  return re;
}

/** Names an opportunity rule may test: measures, medications, terms, and those extracted by code. */
export const BUILT_IN_INDICATORS = ['oxygen', 'pressure_injury', 'culture_organism'] as const;

/** Validate `cdi-indicators.json` (or a user's own). Throws `RulePackError`. */
export function parseIndicatorPack(input: unknown, file = 'cdi-indicators.json'): IndicatorPack {
  const pack = parseWith(indicatorPackSchema, input, file) as IndicatorPack;
  const names = new Set<string>(BUILT_IN_INDICATORS);
  const all = [
    ...pack.measures.map((m, i) => ({ name: m.name, where: `measures ${i + 1} "${m.name}"` })),
    ...pack.medications.map((m, i) => ({ name: m.name, where: `medications ${i + 1} "${m.name}"` })),
    ...pack.terms.map((t, i) => ({ name: t.name, where: `terms ${i + 1} "${t.name}"` })),
  ];
  for (const { name, where } of all) {
    if (names.has(name)) throw new RulePackError(file, where, packMessages.duplicateName(name));
    names.add(name);
  }
  pack.measures.forEach((m, i) => {
    if (m.plausible.min >= m.plausible.max) throw new RulePackError(file, `measures ${i + 1} "${m.name}"`, packMessages.badPlausible);
  });
  const terms = new Set(pack.terms.map((t) => t.name));
  pack.devices.forEach((d, i) => {
    if (d.therapy !== undefined && !terms.has(d.therapy)) {
      throw new RulePackError(file, `devices ${i + 1} "${d.device}"`, packMessages.unknownTherapy(d.therapy));
    }
  });
  return pack;
}

/** Every indicator name a pack defines (measures, medications, terms, built-ins). */
export function indicatorNames(pack: IndicatorPack): Set<string> {
  return new Set<string>([
    ...BUILT_IN_INDICATORS,
    ...pack.measures.map((m) => m.name),
    ...pack.medications.map((m) => m.name),
    ...pack.terms.map((t) => t.name),
  ]);
}

function walk(condition: Condition, visit: (c: Condition) => void): void {
  visit(condition);
  if ('all' in condition) for (const c of condition.all) walk(c, visit);
  else if ('any' in condition) for (const c of condition.any) walk(c, visit);
  else if ('not' in condition) walk(condition.not, visit);
  else if ('atLeast' in condition) for (const c of condition.of) walk(c, visit);
}

/**
 * Validate `cdi-opportunities.json` against the indicator names and template ids it may use.
 * Throws `RulePackError`.
 */
export function parseOpportunityPack(
  input: unknown,
  known: { indicators: ReadonlySet<string>; templates: ReadonlySet<string> },
  file = 'cdi-opportunities.json',
): OpportunityPack {
  const pack = parseWith(opportunityPackSchema, input, file) as OpportunityPack;
  for (const [name, concept] of Object.entries(pack.concepts)) {
    if (concept.codes.length === 0 && !concept.terms) throw new RulePackError(file, `concepts "${name}"`, packMessages.conceptEmpty);
    for (const p of concept.patterns ?? []) compilePattern(p, 'u', file, `concepts "${name}"`);
  }
  const scoreIds = new Set<string>();
  pack.scores.forEach((s, i) => {
    if (scoreIds.has(s.id)) throw new RulePackError(file, `scores ${i + 1} "${s.id}"`, packMessages.duplicateId('score', s.id));
    scoreIds.add(s.id);
  });
  const check = (where: string) => (c: Condition) => {
    if ('indicator' in c) {
      for (const name of Array.isArray(c.indicator) ? c.indicator : [c.indicator]) {
        if (!known.indicators.has(name)) throw new RulePackError(file, where, packMessages.unknownIndicator(name));
      }
    } else if ('documented' in c) {
      if (pack.concepts[c.documented] === undefined) throw new RulePackError(file, where, packMessages.unknownConcept(c.documented));
    } else if ('apart' in c) {
      for (const name of c.apart) {
        if (pack.concepts[name] === undefined) throw new RulePackError(file, where, packMessages.unknownConcept(name));
      }
      if (c.apart[0] === c.apart[1]) throw new RulePackError(file, where, packMessages.apartSame);
    } else if ('score' in c) {
      if (!scoreIds.has(c.score)) throw new RulePackError(file, where, packMessages.unknownScore(c.score));
    }
  };
  pack.scores.forEach((s, i) => {
    for (const component of s.components) for (const band of component.bands) walk(band.when, check(`scores ${i + 1} "${s.id}"`));
  });
  const ruleIds = new Set<string>();
  pack.rules.forEach((rule, i) => {
    const where = `rules ${i + 1} "${rule.id}"`;
    if (ruleIds.has(rule.id)) throw new RulePackError(file, where, packMessages.duplicateId('rule', rule.id));
    ruleIds.add(rule.id);
    walk(rule.when, check(where));
    for (const name of rule.alsoCite ?? []) {
      if (!known.indicators.has(name)) throw new RulePackError(file, where, packMessages.unknownIndicator(name));
    }
    if (!known.templates.has(rule.template)) throw new RulePackError(file, where, packMessages.unknownTemplate(rule.template));
  });
  return pack;
}

const PLACEHOLDERS = new Set(['documented', 'condition']);
const OTHER = /^other\b/i;
const UNDETERMINED = /\bclinically undetermined\b/i;

/**
 * Validate `query-templates.json`. That each template's own wording passes the query linter (which
 * reads its lexicon from this pack) is checked by test/utils/cdi/rules.test.ts; a user's pack that
 * fails it still cannot produce a copyable query, because every draft is linted. Throws `RulePackError`.
 */
export function parseTemplatePack(input: unknown, file = 'query-templates.json'): TemplatePack {
  const pack = parseWith(templatePackSchema, input, file) as TemplatePack;
  const lexicon = [
    ...pack.lint.leading.map((p, i) => ({ p, where: `lint.leading ${i + 1} "${p.literal}"` })),
    ...pack.lint.financial.map((p, i) => ({ p, where: `lint.financial ${i + 1} "${p.literal}"` })),
    ...pack.lint.yesNoBasis.map((p, i) => ({ p, where: `lint.yesNoBasis ${i + 1} "${p.literal}"` })),
  ];
  for (const { p, where } of lexicon) if (p.pattern !== undefined) compilePattern(p.pattern, p.caseSensitive ? 'u' : 'iu', file, where);
  const ids = new Set<string>();
  pack.templates.forEach((t, i) => {
    const where = `templates ${i + 1} "${t.id}"`;
    if (ids.has(t.id)) throw new RulePackError(file, where, packMessages.duplicateId('template', t.id));
    ids.add(t.id);
    for (const m of `${t.title} ${t.question}`.matchAll(/\{([^}]*)\}/g)) {
      if (!PLACEHOLDERS.has(m[1] ?? '')) throw new RulePackError(file, where, packMessages.unknownPlaceholder(m[1] ?? ''));
    }
    if (t.kind === 'yes-no' && t.yesNoBasis === undefined) throw new RulePackError(file, where, packMessages.yesNoWithoutBasis);
    if (t.kind !== 'yes-no' && t.yesNoBasis !== undefined) throw new RulePackError(file, where, packMessages.basisOnNonYesNo);
    if (t.kind === 'open-ended') return;
    if (t.options.length === 0) throw new RulePackError(file, where, packMessages.noOptions);
    const texts = t.options.map((o) => o.text);
    if (!texts.some((x) => OTHER.test(x))) throw new RulePackError(file, where, packMessages.missingOther);
    if (!texts.some((x) => UNDETERMINED.test(x))) throw new RulePackError(file, where, packMessages.missingUndetermined);
  });
  return pack;
}

export interface CdiPacks {
  indicators: IndicatorPack;
  opportunities: OpportunityPack;
  templates: TemplatePack;
}

/** Validate three packs together (a user's own, or the shipped ones). Throws `RulePackError`. */
export function parseCdiPacks(
  input: { indicators: unknown; opportunities: unknown; templates: unknown },
  files = { indicators: 'cdi-indicators.json', opportunities: 'cdi-opportunities.json', templates: 'query-templates.json' },
): CdiPacks {
  const indicators = parseIndicatorPack(input.indicators, files.indicators);
  const templates = parseTemplatePack(input.templates, files.templates);
  const opportunities = parseOpportunityPack(
    input.opportunities,
    { indicators: indicatorNames(indicators), templates: new Set(templates.templates.map((t) => t.id)) },
    files.opportunities,
  );
  return { indicators, opportunities, templates };
}

// Validated on first use, not at import time (STYLE.md convention 1).
let shipped: CdiPacks | undefined;

/** The shipped CDI packs, validated once. */
export function defaultCdiPacks(): CdiPacks {
  shipped ??= parseCdiPacks(
    { indicators: indicatorsJson, opportunities: opportunitiesJson, templates: templatesJson },
    {
      indicators: 'assets/rules/cdi-indicators.json',
      opportunities: 'assets/rules/cdi-opportunities.json',
      templates: 'assets/rules/query-templates.json',
    },
  );
  return shipped;
}
