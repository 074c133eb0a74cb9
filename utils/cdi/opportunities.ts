/**
 * CDI opportunities (issue 6, DESIGN.md §6): where the note's clinical indicators and its documented
 * diagnoses do not line up. Pure: `(note, indicators, documented suggestions, rules) → opportunities`.
 *
 * Each rule in `cdi-opportunities.json` is a condition tree over
 * - indicators (`creatinine` rise ≥ 0.3 within 48 h; `spo2` < 91; IV `furosemide` present), counting only
 *   those about the patient now (not negated, hypothetical, historical or someone else's);
 * - scores (SIRS, partial SOFA) summed from the same indicators;
 * - diagnoses documented through the analysis `Suggestion`s, mapped to concepts by code prefix
 *   (`heart_failure`: I50), affirmed (or uncertain in an inpatient setting), or in any context when the
 *   rule only needs to know that the provider has addressed the condition (`no AKI` suppresses the query);
 * - `apart`: two concepts documented, never in the same sentence (conflicts; relationships left open).
 * A rule that holds becomes one opportunity citing the indicators and documentation that made it hold.
 */
import type { Setting, Suggestion } from '../coding/types';
import { detectSections } from '../nlp/sections';
import { splitSentences } from '../nlp/sentences';
import type { Span } from '../nlp/types';
import { isActive } from './indicators';
import { defaultCdiPacks } from './rules';
import type {
  CitedDocumentation,
  Condition,
  ConceptDef,
  DocumentedCondition,
  Indicator,
  IndicatorCondition,
  IndicatorTime,
  Opportunity,
  OpportunityPack,
  OpportunityRule,
  ScoreDef,
} from './types';

export interface NoteInput {
  text: string;
  setting: Setting;
}

interface Result {
  ok: boolean;
  cite: Set<Indicator>;
  docs: CitedDocumentation[];
}

const FALSE: Result = { ok: false, cite: new Set(), docs: [] };

interface Point {
  value: number;
  indicator: Indicator;
}

// ---------------------------------------------------------------------------------------------
// Time order between two mentions
// ---------------------------------------------------------------------------------------------

function isAdmission(t: IndicatorTime | undefined): boolean {
  return t?.basis === 'hospital' && t.day === 1 && /admission|arrival|presentation/i.test(t.text);
}

/** -1: a before b; 1: a after b; 0: unknown. Admission comes before any other time. */
export function timeOrder(a: IndicatorTime | undefined, b: IndicatorTime | undefined): -1 | 0 | 1 {
  if (a === undefined || b === undefined) return 0;
  if (a.basis !== undefined && a.basis === b.basis && a.day !== undefined && b.day !== undefined) {
    const d = a.day - b.day + ((a.hour ?? 0) - (b.hour ?? 0)) / 24;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  const aa = isAdmission(a);
  const ba = isAdmission(b);
  if (aa && !ba) return -1;
  if (ba && !aa) return 1;
  return 0;
}

/** Hours between two times on the same scale with days written; undefined otherwise. */
export function hoursBetween(a: IndicatorTime | undefined, b: IndicatorTime | undefined): number | undefined {
  if (a?.basis === undefined || a.basis !== b?.basis || a.day === undefined || b.day === undefined) return undefined;
  if (a.hour === undefined || b.hour === undefined) {
    // Whole days: the smallest gap they allow (values a day apart may be 1 to 47 hours apart).
    return Math.max(0, Math.abs(a.day - b.day) - 1) * 24;
  }
  return Math.abs((a.day - b.day) * 24 + (a.hour - b.hour));
}

/**
 * The largest change between ordered pairs of values: within one mention (its series is in order),
 * and across mentions whose times say which came first. Pairs more than `withinHours` apart (when
 * both times are written) are skipped. `spread` / `spreadRatio` ignore order.
 */
export function change(
  indicators: readonly Indicator[],
  kind: NonNullable<IndicatorCondition['change']>,
  withinHours?: number,
): { value: number; cite: Indicator[] } | undefined {
  const points: Point[] = [];
  for (const ind of indicators) {
    for (const p of ind.series ?? (ind.value === undefined ? [] : [{ value: ind.value }])) points.push({ value: p.value, indicator: ind });
  }
  if (kind === 'spread' || kind === 'spreadRatio') {
    if (points.length < 2) return undefined;
    let lo = points[0] as Point;
    let hi = points[0] as Point;
    for (const p of points) {
      if (p.value < lo.value) lo = p;
      if (p.value > hi.value) hi = p;
    }
    const value = kind === 'spread' ? hi.value - lo.value : lo.value > 0 ? hi.value / lo.value : Number.POSITIVE_INFINITY;
    return { value: round(value), cite: [...new Set([lo.indicator, hi.indicator])] };
  }
  const pairs: Array<[Point, Point]> = [];
  for (const ind of indicators) {
    const s = ind.series ?? [];
    for (let i = 0; i < s.length; i++) {
      for (let j = i + 1; j < s.length; j++) {
        pairs.push([
          { value: s[i]?.value ?? 0, indicator: ind },
          { value: s[j]?.value ?? 0, indicator: ind },
        ]);
      }
    }
  }
  for (const a of indicators) {
    for (const b of indicators) {
      if (a === b || a.value === undefined || b.value === undefined) continue;
      if (timeOrder(a.time, b.time) !== -1) continue;
      const hours = hoursBetween(a.time, b.time);
      if (withinHours !== undefined && hours !== undefined && hours > withinHours) continue;
      // The later mention's own earlier values (its baseline) pair with it already; across mentions, current values.
      pairs.push([
        { value: a.value, indicator: a },
        { value: b.value, indicator: b },
      ]);
    }
  }
  let best: { value: number; cite: Indicator[] } | undefined;
  for (const [a, b] of pairs) {
    const v = kind === 'rise' ? b.value - a.value : kind === 'fall' ? a.value - b.value : a.value > 0 ? b.value / a.value : Number.NaN;
    if (!Number.isFinite(v)) continue;
    if (best === undefined || v > best.value) best = { value: round(v), cite: [...new Set([a.indicator, b.indicator])] };
  }
  return best;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function compare(x: number, op: string, y: number): boolean {
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Documented concepts
// ---------------------------------------------------------------------------------------------

interface Documented {
  suggestion: Suggestion;
  affirmed: boolean;
  historical: boolean;
  /** About the patient in this encounter (affirmed, uncertain or negated), so the provider has addressed it. */
  addressed: boolean;
}

function conceptMatches(concept: ConceptDef, suggestion: Suggestion, patterns: readonly RegExp[]): boolean {
  const code = suggestion.code;
  // A term with no code (urosepsis) documents a concept by its words.
  if (code === '') return concept.terms?.some((t) => suggestion.evidence.some((e) => e.text.toLowerCase() === t)) ?? false;
  if (!concept.codes.some((c) => code.startsWith(c))) return false;
  if (concept.except?.some((c) => code.startsWith(c))) return false;
  return patterns.length === 0 || patterns.some((p) => p.test(code));
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

class Evaluator {
  private readonly byName = new Map<string, Indicator[]>();
  private readonly documented: Documented[];
  private readonly conceptCache = new Map<string, Documented[]>();
  private readonly patterns = new Map<string, RegExp[]>();
  private sentences: Span[] | undefined;
  private readonly scoreCache = new Map<string, { points: number; cite: Set<Indicator> }>();

  constructor(
    private readonly note: NoteInput,
    indicators: readonly Indicator[],
    suggestions: readonly Suggestion[],
    private readonly pack: OpportunityPack,
  ) {
    for (const ind of indicators) {
      if (!isActive(ind)) continue;
      const list = this.byName.get(ind.name) ?? [];
      list.push(ind);
      this.byName.set(ind.name, list);
    }
    // A diagnosis named inside a dietitian's assessment (`meets ASPEN criteria for severe malnutrition`)
    // is the dietitian's, not the provider's (Official Guidelines I.B.14): it is an indicator, not documentation.
    // So is any diagnosis written only in a nursing, wound-care, dietitian or therapy note.
    const notProvider = [
      ...indicators.filter((i) => i.class === 'dietitian' && isActive(i)).map((i) => i.span),
      ...detectSections(note.text)
        .filter((s) => s.category === 'clinician_notes')
        .map((s) => ({ start: s.header?.start ?? s.body.start, end: s.body.end })),
    ];
    this.documented = suggestions
      .filter((s) => s.kind === 'diagnosis')
      .filter((s) => !s.evidence.some((e) => notProvider.some((span) => e.start >= span.start && e.end <= span.end)))
      .map((s) => ({
        suggestion: s,
        affirmed: s.context === 'affirmed' || (s.context === 'possible' && note.setting === 'inpatient'),
        historical: s.context === 'historical',
        addressed: s.context === 'affirmed' || s.context === 'possible' || s.context === 'negated',
      }));
    for (const [name, c] of Object.entries(pack.concepts))
      this.patterns.set(
        name,
        (c.patterns ?? []).map((p) => new RegExp(p, 'u')),
      );
  }

  indicators(name: string): Indicator[] {
    return this.byName.get(name) ?? [];
  }

  private concept(name: string): Documented[] {
    const cached = this.conceptCache.get(name);
    if (cached) return cached;
    const def = this.pack.concepts[name];
    const list =
      def === undefined ? [] : this.documented.filter((d) => conceptMatches(def, d.suggestion, this.patterns.get(name) ?? []));
    this.conceptCache.set(name, list);
    return list;
  }

  private cite(concept: string, d: Documented): CitedDocumentation {
    const e = d.suggestion.evidence[0];
    const span = e === undefined ? { start: 0, end: 0 } : { start: e.start, end: e.end };
    return {
      concept,
      code: d.suggestion.code,
      quote: e?.text ?? d.suggestion.title,
      span,
      section: d.suggestion.section,
      context: d.suggestion.context,
    };
  }

  private sentenceSpans(): Span[] {
    this.sentences ??= splitSentences(this.note.text).map((s) => ({ start: s.start, end: s.end }));
    return this.sentences;
  }

  private sentenceOf(d: Documented): number {
    const at = d.suggestion.evidence[0]?.start ?? -1;
    return this.sentenceSpans().findIndex((s) => at >= s.start && at < s.end);
  }

  evaluate(c: Condition): Result {
    if ('all' in c) {
      const cite = new Set<Indicator>();
      const docs: CitedDocumentation[] = [];
      for (const x of c.all) {
        const r = this.evaluate(x);
        if (!r.ok) return FALSE;
        for (const i of r.cite) cite.add(i);
        docs.push(...r.docs);
      }
      return { ok: true, cite, docs };
    }
    if ('any' in c || 'atLeast' in c) {
      const list = 'any' in c ? c.any : c.of;
      const need = 'any' in c ? 1 : c.atLeast;
      const cite = new Set<Indicator>();
      const docs: CitedDocumentation[] = [];
      let n = 0;
      for (const x of list) {
        const r = this.evaluate(x);
        if (!r.ok) continue;
        n++;
        for (const i of r.cite) cite.add(i);
        docs.push(...r.docs);
      }
      return n >= need ? { ok: true, cite, docs } : FALSE;
    }
    if ('not' in c) return { ok: !this.evaluate(c.not).ok, cite: new Set(), docs: [] };
    if ('documented' in c) return this.evaluateDocumented(c);
    if ('apart' in c) {
      const [a, b] = c.apart;
      const keep = (d: Documented) => d.affirmed || (c.includeHistory === true && d.historical);
      const as = this.concept(a).filter(keep);
      const bs = this.concept(b).filter(keep);
      if (as.length === 0 || bs.length === 0) return FALSE;
      const aSentences = new Set(as.map((d) => this.sentenceOf(d)));
      if (bs.some((d) => aSentences.has(this.sentenceOf(d)))) return FALSE;
      return { ok: true, cite: new Set(), docs: [...as.map((d) => this.cite(a, d)), ...bs.map((d) => this.cite(b, d))] };
    }
    if ('score' in c) {
      const def = this.pack.scores.find((s) => s.id === c.score);
      if (def === undefined) return FALSE;
      const { points, cite } = this.score(def);
      return compare(points, c.op, c.value) ? { ok: true, cite, docs: [] } : FALSE;
    }
    return this.evaluateIndicator(c);
  }

  private evaluateDocumented(c: DocumentedCondition): Result {
    const level = c.context ?? 'affirmed';
    const list = this.concept(c.documented).filter((d) => (level === 'affirmed' ? d.affirmed : d.addressed));
    if (list.length === 0) return FALSE;
    return { ok: true, cite: new Set(), docs: list.map((d) => this.cite(c.documented, d)) };
  }

  /** A score is a property of the note: computed once, whichever rule asks first. */
  score(def: ScoreDef): { points: number; cite: Set<Indicator> } {
    const cached = this.scoreCache.get(def.id);
    if (cached) return cached;
    let points = 0;
    const cite = new Set<Indicator>();
    for (const component of def.components) {
      let best = 0;
      let bestCite: Set<Indicator> | undefined;
      for (const band of component.bands) {
        if (band.points <= best) continue;
        const r = this.evaluate(band.when);
        if (r.ok) {
          best = band.points;
          bestCite = r.cite;
        }
      }
      points += best;
      for (const i of bestCite ?? []) cite.add(i);
    }
    const result = { points, cite };
    this.scoreCache.set(def.id, result);
    return result;
  }

  private evaluateIndicator(c: IndicatorCondition): Result {
    const names = Array.isArray(c.indicator) ? c.indicator : [c.indicator];
    let candidates = names.flatMap((n) => this.indicators(n));
    if (c.route) {
      const routes = c.route;
      candidates = candidates.filter((i) => i.route !== undefined && routes.includes(i.route));
    }
    if (c.where) {
      const where = c.where;
      candidates = candidates.filter((i) =>
        Object.entries(where).every(([k, want]) => {
          const have = k === 'unit' ? i.unit : i.attributes?.[k];
          if (have === undefined) return false;
          return Array.isArray(want) ? want.includes(String(have)) : String(have) === want;
        }),
      );
    }
    if (c.has) candidates = candidates.filter((i) => c.has?.every((k) => i.attributes?.[k] !== undefined));
    if (c.lacks) candidates = candidates.filter((i) => c.lacks?.every((k) => i.attributes?.[k] === undefined));
    if (candidates.length === 0) return FALSE;
    if (c.change !== undefined) {
      const r = change(candidates, c.change, c.withinHours);
      if (r === undefined || c.value === undefined || !compare(r.value, c.op, c.value)) return FALSE;
      // Every value of the measure is cited: the provider sees the whole trend, not only the extremes.
      return { ok: true, cite: new Set(candidates), docs: [] };
    }
    if (c.op === 'present') return { ok: true, cite: new Set(candidates), docs: [] };
    const threshold = c.value;
    if (threshold === undefined) return FALSE;
    // Every value measured in this encounter counts (`Na 128 -> 131`: the 128 was low); a baseline does not.
    const meeting = candidates.filter((i) => {
      const x = c.op === '<' || c.op === '<=' ? (i.high ?? i.value) : (i.low ?? i.value);
      if (x !== undefined && compare(x, c.op, threshold)) return true;
      return (i.series ?? []).some((p) => p.role === 'earlier' && compare(p.value, c.op, threshold));
    });
    return meeting.length === 0 ? FALSE : { ok: true, cite: new Set(meeting), docs: [] };
  }
}

/** Replace derived indicators by the ones they came from, in text order, without duplicates. */
function citable(cited: Iterable<Indicator>, all: readonly Indicator[]): Indicator[] {
  const byId = new Map(all.map((i) => [i.id, i]));
  const out = new Map<string, Indicator>();
  for (const i of cited) {
    if (i.derived && i.from) {
      const sources = i.from.map((id) => byId.get(id)).filter((x): x is Indicator => x !== undefined);
      if (sources.length > 0) {
        for (const s of sources) out.set(s.id, s);
        continue;
      }
    }
    out.set(i.id, i);
  }
  // Two indicators quoting the same text (an ABG's pH, PaCO2 and PaO2) are cited once.
  const seen = new Set<string>();
  return [...out.values()]
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end)
    .filter((i) => {
      const k = `${i.span.start}:${i.span.end}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

function dedupeDocs(docs: readonly CitedDocumentation[]): CitedDocumentation[] {
  const seen = new Set<string>();
  return [...docs]
    .sort((a, b) => a.span.start - b.span.start)
    .filter((d) => {
      const k = `${d.span.start}:${d.span.end}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

/**
 * The documentation opportunities in one note, most pressing first (rule `priority`, then pack order).
 *
 * @param documented the analysis suggestions (`analyze(text, settings).suggestions`), or the stand-in
 *   `documentedFromText` until the analyzer lands.
 */
export function findOpportunities(
  note: NoteInput,
  indicators: readonly Indicator[],
  documented: readonly Suggestion[],
  rules: OpportunityPack = defaultCdiPacks().opportunities,
): Opportunity[] {
  const out: Array<Opportunity & { order: number }> = [];
  const ev = new Evaluator(note, indicators, documented, rules);
  rules.rules.forEach((rule: OpportunityRule, order) => {
    if (!rule.settings.includes(note.setting)) return;
    const r = ev.evaluate(rule.when);
    if (!r.ok) return;
    const cited = new Set(r.cite);
    for (const name of rule.alsoCite ?? []) for (const i of ev.indicators(name)) cited.add(i);
    out.push({
      id: rule.id,
      ruleId: rule.id,
      condition: rule.condition,
      title: rule.title,
      gap: rule.gap,
      criteria: rule.criteria,
      indicators: citable(cited, indicators),
      documented: dedupeDocs(r.docs),
      scores: Object.fromEntries(
        scoresUsed(rule.when).flatMap((id) => {
          const def = rules.scores.find((s) => s.id === id);
          return def === undefined ? [] : [[id, ev.score(def).points]];
        }),
      ),
      template: rule.template,
      priority: rule.priority,
      order,
    });
  });
  return out.sort((a, b) => a.priority - b.priority || a.order - b.order).map(({ order: _order, ...o }) => o);
}

function scoresUsed(c: Condition): string[] {
  if ('score' in c) return [c.score];
  if ('all' in c) return [...new Set(c.all.flatMap(scoresUsed))];
  if ('any' in c) return [...new Set(c.any.flatMap(scoresUsed))];
  if ('atLeast' in c) return [...new Set(c.of.flatMap(scoresUsed))];
  if ('not' in c) return scoresUsed(c.not);
  return [];
}

/** Scores (SIRS, SOFA...) of a note, for the specialist's view. */
export function computeScores(
  note: NoteInput,
  indicators: readonly Indicator[],
  rules: OpportunityPack = defaultCdiPacks().opportunities,
): Record<string, number> {
  const ev = new Evaluator(note, indicators, [], rules);
  return Object.fromEntries(rules.scores.map((s) => [s.id, ev.score(s).points]));
}
