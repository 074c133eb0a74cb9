/**
 * The plain-data contract of CDI (issue 6, DESIGN.md §6): clinical indicators found in a note, the
 * documentation opportunities they raise, query drafts, lint results, impact rows for the specialist
 * and query-log entries. No browser API, no DOM: every value here can cross a message port, be stored,
 * or be written by the CLI. Offsets are UTF-16 indices into the ORIGINAL note text.
 */
import type { Setting } from '../coding/types';
import type { SectionCategory, Span } from '../nlp/types';

// ---------------------------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------------------------

/** What an indicator is: a lab or vital with a value, a medication with its route, a therapy or device, a finding. */
export const INDICATOR_KINDS = ['lab', 'vital', 'anthropometric', 'score', 'medication', 'therapy', 'finding'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

/** One value of a measure as written, in the measure's canonical unit. */
export interface SeriesPoint {
  value: number;
  /**
   * `baseline` (`Cr 2.1 (baseline 0.9)`), `earlier` (`Hgb 7.1 from 9.8`, the first of `1.1 -> 2.3`), or
   * `current` (the value the mention is about).
   */
  role: 'baseline' | 'earlier' | 'current';
  /** Where the number sits in the note. */
  span: Span;
}

/** A time expression written next to a value (`on admission`, `HD 3`, `3/12 0600`). */
export interface IndicatorTime {
  text: string;
  span: Span;
  /**
   * Day number on the scale named by `basis` (hospital day 1 = admission day; calendar day = days since
   * 2000-01-01; relative: today 0, yesterday -1), when the text says it; hours within the day from a
   * clock time. Values on different scales are not compared, except that admission comes first.
   */
  day?: number;
  hour?: number;
  basis?: 'hospital' | 'calendar' | 'relative';
}

export interface Indicator {
  /** Stable within one extraction: `i<index>`, in text order. */
  id: string;
  kind: IndicatorKind;
  /** Canonical name from `cdi-indicators.json` (`creatinine`, `spo2`, `furosemide`, `pressure_injury`). */
  name: string;
  /** Display name (`Creatinine`). */
  label: string;
  /** Medication or therapy class (`loop_diuretic`, `vasopressor`, `noninvasive_ventilation`). */
  class?: string;
  /** From the name to the last character read (value, unit, trend, route, device). */
  span: Span;
  /** `text.slice(span.start, span.end)`: what a query quotes. */
  quote: string;
  /** The name as written (`Cr`, `Lasix`). */
  nameSpan: Span;
  sentence: Span;
  section: SectionCategory;
  /** Title of the section as written in the note (`Labs`), or '' before the first header. */
  sectionTitle: string;
  /** The current value in the canonical unit; for a range (`EF 25-30%`, `in the 120s`) see `low`/`high`. */
  value?: number;
  /** Bounds of the current value: equal to `value` for an exact number; `<0.01` has `high` 0.01. */
  low?: number;
  high?: number;
  /** Second number of a pair: diastolic of `84/50`, hematocrit of `H/H 7.1/21`. */
  value2?: number;
  /** Canonical unit (`mg/dL`); absent for unitless values (pH) and non-measures. */
  unit?: string;
  /** The unit as written, when it differed from the canonical one (`umol/L`, `F`). */
  writtenUnit?: string;
  /** Every value in this mention in order: baseline, earlier values, then the current one. */
  series?: SeriesPoint[];
  time?: IndicatorTime;
  /** Medication route (`IV`, `PO`), stated or implied by the form (`drip` → IV) or by the drug. */
  route?: string;
  /** Where the route came from. */
  routeSource?: 'stated' | 'implied';
  /** Free attributes: oxygen `device` and `flowLpm`, `fio2`; pressure injury `stage`, `site`, `poa`; `organism`; `severity`; `period`. */
  attributes?: Record<string, string | number>;
  /** Computed from other indicators (MAP from a blood pressure, P/F from PaO2 and FiO2); cite `from` instead. */
  derived?: boolean;
  from?: string[];
  context: {
    negated: boolean;
    possible: boolean;
    historical: boolean;
    hypothetical: boolean;
    experiencer: 'patient' | 'family' | 'other';
  };
}

// ---------------------------------------------------------------------------------------------
// Indicator pack (assets/rules/cdi-indicators.json)
// ---------------------------------------------------------------------------------------------

export interface UnitDef {
  /** Canonical spelling (`mg/dL`). */
  unit: string;
  /** Other spellings (`mg/dl`, `mg per dL`); matched case-insensitively. */
  synonyms: string[];
  /** Multiply a value in this unit to get the measure's canonical unit. */
  factor?: number;
  /** Add after multiplying (°F → °C needs an offset). */
  offset?: number;
}

export interface MeasureDef {
  name: string;
  label: string;
  kind: 'lab' | 'vital' | 'anthropometric' | 'score';
  /** Names as written, matched case-insensitively on word boundaries (`creatinine`, `creat`). */
  synonyms: string[];
  /** Abbreviations matched only as written (`Cr`, `Na`, `T`, `pH`): lower case they are other words. */
  abbreviations?: string[];
  /** Canonical unit; the first of `units` when absent. */
  unit?: string;
  units?: UnitDef[];
  /** A value must carry one of `units` (`eating 25%` needs the `%`). */
  requireUnit?: boolean;
  /** Values outside this range (after conversion and rescaling) are not this measure (`albumin 25 g IV`). */
  plausible: { min: number; max: number };
  /** Divisors tried when a value is implausible: 1000 turns `WBC 18,200` into 18.2; 0.01 turns `FiO2 0.6` into 60. */
  rescale?: number[];
  /** `84/50`: read a second number after a slash. */
  pair?: boolean;
  /** Read baselines and earlier values (`(baseline 0.9)`, `from 9.8`, `1.1 -> 2.3`). */
  trend?: boolean;
  /** The value may come before the name (`10% weight loss`). */
  valueFirst?: boolean;
  /** Read a period after the value (`over 3 months`, `for 5 days`) into `attributes.periodDays`. */
  period?: boolean;
  /** Read an oxygen device, flow and FiO2 after the value (`86% on 4L NC`). */
  oxygen?: boolean;
  /** Words after the value that say what it is out of (`of meals`); kept as `attributes.of`. */
  of?: string[];
  source: string;
}

export interface MedicationDef {
  name: string;
  label: string;
  class: string;
  synonyms: string[];
  abbreviations?: string[];
  /** Route when none is written and the drug has only one in hospital use (norepinephrine: IV). */
  defaultRoute?: string;
  source: string;
}

export interface TermDef {
  name: string;
  label: string;
  kind: 'therapy' | 'finding';
  class?: string;
  synonyms: string[];
  abbreviations?: string[];
  /** Read a severity word just before the term (`severe temporal wasting`) into `attributes.severity`. */
  severity?: boolean;
  source: string;
}

export interface RouteDef {
  route: string;
  synonyms: string[];
  abbreviations?: string[];
}

export interface DeviceDef {
  device: string;
  synonyms: string[];
  abbreviations?: string[];
  /** Implies a therapy indicator of this name when the device is written (`on BiPAP` → `bipap`). */
  therapy?: string;
}

export interface OrganismDef {
  organism: string;
  synonyms: string[];
  abbreviations?: string[];
}

export interface SiteDef {
  site: string;
  synonyms: string[];
}

export interface IndicatorPack {
  version: 1;
  description?: string;
  measures: MeasureDef[];
  medications: MedicationDef[];
  terms: TermDef[];
  routes: RouteDef[];
  devices: DeviceDef[];
  organisms: OrganismDef[];
  pressureSites: SiteDef[];
  /** Words allowed between a name and its value (`Cr of 2.1`, `lactate was 4.2`, `peaked at`). */
  connectors: string[];
  /**
   * A medication or therapy written as a plan is not given: words just before it (`consider BiPAP`)
   * or within the few words after it (`BiPAP if work of breathing worsens`) mark it hypothetical.
   */
  plannedBefore: string[];
  plannedAfter: string[];
}

// ---------------------------------------------------------------------------------------------
// Opportunities (assets/rules/cdi-opportunities.json)
// ---------------------------------------------------------------------------------------------

/** The documentation gap an opportunity covers (DESIGN.md §6). */
export const GAPS = [
  'indicators-without-diagnosis',
  'diagnosis-without-indicators',
  'unspecified-diagnosis',
  'conflicting-documentation',
] as const;
export type Gap = (typeof GAPS)[number];

export const COMPARISONS = ['<', '<=', '>', '>=', 'present'] as const;
export type Comparison = (typeof COMPARISONS)[number];

/**
 * A test on the indicators of one name. With `change`, the compared number is the largest rise
 * (`rise`), fall (`fall`), or ratio of a later to an earlier value (`ratio`) within the note, over
 * pairs at most `withinHours` apart when both times are written.
 */
export interface IndicatorCondition {
  indicator: string | string[];
  op: Comparison;
  value?: number;
  change?: 'rise' | 'fall' | 'ratio' | 'spread' | 'spreadRatio';
  withinHours?: number;
  /** Attribute tests: all must hold (`{"device": "room air"}`, `{"stage": ["3", "4"]}`). */
  where?: Record<string, string | string[]>;
  /** Only indicators with (or without) this attribute. */
  has?: string[];
  lacks?: string[];
  /** Medications only: the route must be one of these. */
  route?: string[];
}

/** A diagnosis the record documents, through the analysis suggestions (`concepts` of the pack). */
export interface DocumentedCondition {
  documented: string;
  /**
   * `affirmed` (default): affirmed, or possible in an inpatient setting (uncertain diagnoses are coded as
   * if established for inpatients, ICD-10-CM Official Guidelines Section II.H / III.C).
   * `any`: any mention about the patient, negated or uncertain included (the provider has addressed it).
   */
  context?: 'affirmed' | 'any';
}

export interface ScoreCondition {
  score: string;
  op: '<' | '<=' | '>' | '>=';
  value: number;
}

/**
 * Two concepts both documented (affirmed) and never in the same sentence, so no sentence links or
 * reconciles them: `Type 2 MI due to demand ischemia` links the two, `Type 2 MI` in one place and
 * `demand ischemia` in another conflict; `sepsis with septic encephalopathy` states the relationship,
 * `Sepsis.` and `AKI.` on separate lines leave it open.
 */
export interface ApartCondition {
  apart: [string, string];
  /** Count documentation in the history too (chronic conditions such as heart failure listed under PMH). */
  includeHistory?: boolean;
}

export type Condition =
  | IndicatorCondition
  | DocumentedCondition
  | ScoreCondition
  | ApartCondition
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { atLeast: number; of: Condition[] };

export interface Criterion {
  /** The criterion in words, as shown to the specialist (`Creatinine rise ≥ 0.3 mg/dL within 48 h`). */
  literal: string;
  /** The published source (`KDIGO Clinical Practice Guideline for Acute Kidney Injury, 2012, recommendation 2.1.1`). */
  source: string;
}

/** A score from points per component (SOFA, SIRS): each component scores the most points of its bands that hold. */
export interface ScoreDef {
  id: string;
  label: string;
  source: string;
  components: Array<{ label: string; bands: Array<{ points: number; when: Condition }> }>;
}

export interface ConceptDef {
  label: string;
  /** Dotless ICD-10-CM codes or code prefixes; a suggestion whose code starts with one documents the concept. */
  codes: string[];
  /** Codes that start with a prefix above but do not belong (`I21` but not `I219`). */
  except?: string[];
  /** Regular expressions on the dotless code that must also match (`^L89[0-9]*[12]$`: stage 1 or 2). */
  patterns?: string[];
  /**
   * Words of a code-less suggestion (a term the Index gives no code, listed for a query: `urosepsis`) that
   * document the concept; such an item matches no code prefix.
   */
  terms?: string[];
}

export interface OpportunityRule {
  id: string;
  /** The condition the opportunity is about, as a CDI specialist names it (`Acute kidney injury`). */
  condition: string;
  /** One line: what is missing or inconsistent. */
  title: string;
  gap: Gap;
  /** Settings in which the rule applies (POA exists only for inpatient claims). */
  settings: Setting[];
  /** When to raise it. */
  when: Condition;
  criteria: Criterion[];
  template: string;
  /** Indicator names cited in the query in addition to those the conditions used (supporting context). */
  alsoCite?: string[];
  /** Lower runs first in the specialist's list. */
  priority: number;
  /** Why the rule is written this way (shown on hover, and for reviewers). */
  note?: string;
}

export interface OpportunityPack {
  version: 1;
  description?: string;
  concepts: Record<string, ConceptDef>;
  scores: ScoreDef[];
  rules: OpportunityRule[];
}

/** A documented diagnosis an opportunity rests on, for the specialist and for conflict queries. */
export interface CitedDocumentation {
  concept: string;
  code: string;
  /** The words the diagnosis was documented with. */
  quote: string;
  span: Span;
  section: SectionCategory;
  context: string;
}

export interface Opportunity {
  /** `<ruleId>`: one opportunity per rule and note. */
  id: string;
  ruleId: string;
  condition: string;
  title: string;
  gap: Gap;
  criteria: Criterion[];
  /** Indicators the rule cited, in text order (derived ones replaced by what they came from). */
  indicators: Indicator[];
  documented: CitedDocumentation[];
  /** Scores computed on the way (`{ sirs: 3 }`). */
  scores: Record<string, number>;
  template: string;
  priority: number;
}

// ---------------------------------------------------------------------------------------------
// Query templates (assets/rules/query-templates.json) and drafts
// ---------------------------------------------------------------------------------------------

export const QUERY_KINDS = ['multiple-choice', 'yes-no', 'open-ended'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/**
 * The only reasons a yes/no query is allowed (AHIMA/ACDIS, Guidelines for Achieving a Compliant Query
 * Practice, 2022 update): present on admission, confirming a diagnosis documented elsewhere in the
 * record, a cause-and-effect relationship, conflicting documentation.
 */
export const YES_NO_BASES = ['present-on-admission', 'confirm-documented', 'cause-and-effect', 'conflicting-documentation'] as const;
export type YesNoBasis = (typeof YES_NO_BASES)[number];

export interface TemplateOption {
  id: string;
  text: string;
  /** Codes the answer would lead to: for the specialist's impact view only, never rendered into a query. */
  codes?: string[];
}

export interface QueryTemplate {
  id: string;
  kind: QueryKind;
  yesNoBasis?: YesNoBasis;
  /** First line of the query (`Clinical clarification: kidney function`). */
  title: string;
  /** The question; may use `{documented}` (the documented words, quoted) and `{condition}`. */
  question: string;
  options: TemplateOption[];
  source: string;
}

/** A phrase the linter looks for, with the finding it raises. */
export interface LintPhrase {
  literal: string;
  /** JS regular expression, case-insensitive unless `caseSensitive`; the literal is matched on word boundaries when absent. */
  pattern?: string;
  caseSensitive?: boolean;
  source: string;
}

export interface LintLexicon {
  /** Wording that leads the provider to a diagnosis. */
  leading: LintPhrase[];
  /** Payment, reimbursement, DRG, CC/MCC, HCC/RAF, SOI/ROM, quality scores, denials, money. */
  financial: LintPhrase[];
  /** Words that make a yes/no question one of the allowed kinds. */
  yesNoBasis: Array<LintPhrase & { basis: YesNoBasis }>;
}

export interface TemplatePack {
  version: 1;
  description?: string;
  /** The closing line of every drafted query. */
  closing: string;
  templates: QueryTemplate[];
  lint: LintLexicon;
}

export interface CitedIndicator {
  indicatorId: string;
  /** `Creatinine 2.1 mg/dL (baseline 0.9 mg/dL)`. */
  summary: string;
  /** Section title as written, or the section category in words. */
  section: string;
  /** The note text, verbatim. */
  quote: string;
  span: Span;
}

export interface QueryDraft {
  opportunityId: string;
  ruleId: string;
  templateId: string;
  condition: string;
  kind: QueryKind;
  yesNoBasis?: YesNoBasis;
  title: string;
  question: string;
  indicators: CitedIndicator[];
  documented: Array<{ section: string; quote: string }>;
  options: Array<{ id: string; text: string }>;
  closing: string;
  /** The whole query as the provider will read it (what the linter checks and the user copies). */
  text: string;
}

// ---------------------------------------------------------------------------------------------
// Lint
// ---------------------------------------------------------------------------------------------

export const LINT_CODES = [
  'empty-query',
  'no-indicators',
  'missing-other',
  'missing-undetermined',
  'yes-no-new-diagnosis',
  'leading-wording',
  'financial-term',
  'indicator-not-in-note',
  'indicator-without-location',
  'single-option',
  'no-question',
  'code-in-query',
] as const;
export type LintCode = (typeof LINT_CODES)[number];

export interface LintFinding {
  code: LintCode;
  severity: 'error' | 'warning';
  message: string;
  /** Where in the query text (for underlining in the editor). */
  span?: Span;
}

export interface LintResult {
  /** No errors: the query may be copied. */
  ok: boolean;
  errors: LintFinding[];
  warnings: LintFinding[];
  /** What the linter read: the query's format and how many indicators and options it found. */
  kind: QueryKind;
  indicatorCount: number;
  optionCount: number;
}

// ---------------------------------------------------------------------------------------------
// Impact (specialist only) and query log
// ---------------------------------------------------------------------------------------------

export type CcMcc = 'cc' | 'mcc';

export interface ImpactRow {
  code: string;
  /** CMS-HCC V28 payment HCC and its label, when the code maps to one. */
  hcc?: { hcc: string; label: string };
  /** From an imported CMS CC/MCC list; absent when none is imported or the code is neither. */
  ccMcc?: CcMcc;
}

export const QUERY_STATUSES = ['drafted', 'sent', 'answered', 'agreed'] as const;
export type QueryStatus = (typeof QUERY_STATUSES)[number];

/** One query in the local, opt-in log. No note text, by construction (see `log.ts`). */
export interface QueryLogEntry {
  id: string;
  /** ISO date (YYYY-MM-DD) the query was drafted. */
  date: string;
  ruleId: string;
  templateId: string;
  /** The condition as named in the rule pack. */
  condition: string;
  /** Option texts from the template (never free text). */
  options: string[];
  lintResult: { ok: boolean; errors: LintCode[]; warnings: LintCode[] };
  status: QueryStatus;
  /** ISO date of the last status change. */
  updated: string;
}
