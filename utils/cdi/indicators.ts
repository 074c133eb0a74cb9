/**
 * Clinical indicators (issue 6, DESIGN.md §6): labs, vitals, measurements, medications with route,
 * therapies and devices, nursing, dietitian and wound findings, each with its value, unit, time when
 * written, and exact offsets into the original note, so a query can quote the record and the page can
 * highlight it.
 *
 * Stages, per sentence (sections → sentences from `utils/nlp`):
 * - names from `cdi-indicators.json` (synonyms case-insensitive, abbreviations as written), longest first;
 * - a measure reads, after its name and a few connector words (`of`, `was`, `peaked at`), a comparator,
 *   a number (`1,450`, `in the 120s`, `25-30`), a pair (`84/50`), a unit (converted to the canonical one;
 *   a missing unit is inferred only when the value is implausible otherwise: `T 102` is Fahrenheit), then
 *   trend words (`(baseline 0.9)`, `from 9.8`, `-> 2.3`, `now 2.1`), a period (`over 3 months`), what an
 *   intake is out of (`of meals`), an oxygen device (`86% on 4L NC`) and a time (`on admission`, `HD 3`);
 * - a medication takes the nearest route written in its sentence (`IV Lasix`, `lasix gtt`), or the only
 *   route the drug has in hospital use (`defaultRoute`), and is skipped under Allergies;
 * - code reads what has its own grammar: blood gases (`ABG 7.28/62/55`), oxygen flow (`on 4L NC`),
 *   pressure-injury stage, site and present-on-admission, and culture organisms;
 * - ConText (`applyContext`) flags each name: `no JVD`, `would start BiPAP if`, `history of stage 3 ulcer`.
 *   A number is a measurement, so negation is not applied to measures (`Denies pain. HR 118` keeps the HR).
 * Derived values (MAP from a blood pressure, PaO2/FiO2) are marked `derived` and cite their sources.
 */
import { applyContext, type CompiledContext, compileContext } from '../nlp/context';
import { defaultContextRules } from '../nlp/rules';
import { detectSections, sectionAt } from '../nlp/sections';
import { splitSentences } from '../nlp/sentences';
import type { ContextRulePack, Section, SectionCategory, Sentence, Span } from '../nlp/types';
import { defaultCdiPacks } from './rules';
import type {
  Indicator,
  IndicatorKind,
  IndicatorPack,
  IndicatorTime,
  MeasureDef,
  MedicationDef,
  SeriesPoint,
  TermDef,
  UnitDef,
} from './types';

export interface ExtractOptions {
  pack?: IndicatorPack;
  /** From `detectSections`; computed with the shipped rules when absent. */
  sections?: readonly Section[];
  /** From `splitSentences`; computed when absent. */
  sentences?: readonly Sentence[];
  context?: ContextRulePack | CompiledContext;
}

// ---------------------------------------------------------------------------------------------
// Compiling the pack
// ---------------------------------------------------------------------------------------------

const WORD = '[\\p{L}\\p{N}]';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function key(s: string): string {
  return s.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** One alternation of literals, longest first, on word boundaries; white space in a literal matches any run. */
function alternation(literals: readonly string[], caseSensitive: boolean, flags = 'g'): RegExp | null {
  const unique = [...new Set(literals.map((l) => l.trim()).filter((l) => l !== ''))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  const body = unique.map((l) => escapeRegExp(l).replace(/ +/g, '\\s+')).join('|');
  return new RegExp(`(?<!${WORD})(?:${body})(?!${WORD})`, `${flags}u${caseSensitive ? '' : 'i'}`);
}

interface Named<D> {
  ci: RegExp | null;
  cs: RegExp | null;
  byKey: Map<string, D>;
  byAbbr: Map<string, D>;
}

function named<D extends { synonyms: string[]; abbreviations?: string[] }>(defs: readonly D[], extra?: (d: D) => string[]): Named<D> {
  const byKey = new Map<string, D>();
  const byAbbr = new Map<string, D>();
  for (const d of defs) {
    for (const s of [...d.synonyms, ...(extra?.(d) ?? [])]) if (!byKey.has(key(s))) byKey.set(key(s), d);
    for (const a of d.abbreviations ?? []) if (!byAbbr.has(a)) byAbbr.set(a, d);
  }
  return { ci: alternation([...byKey.keys()], false), cs: alternation([...byAbbr.keys()], true), byKey, byAbbr };
}

interface CompiledUnits {
  re: RegExp | null;
  byKey: Map<string, UnitDef>;
}

interface CompiledPack {
  pack: IndicatorPack;
  measures: Named<MeasureDef>;
  medications: Named<MedicationDef>;
  terms: Named<TermDef>;
  routes: Named<{ route: string; synonyms: string[]; abbreviations?: string[] }>;
  devices: Named<IndicatorPack['devices'][number]>;
  organisms: Named<IndicatorPack['organisms'][number]>;
  sites: Named<IndicatorPack['pressureSites'][number]>;
  units: Map<string, CompiledUnits>;
  connectors: RegExp | null;
  of: Map<string, RegExp | null>;
  measureByName: Map<string, MeasureDef>;
  termByName: Map<string, TermDef>;
  plannedBefore: RegExp | null;
  plannedAfter: RegExp | null;
}

const compiledCache = new WeakMap<IndicatorPack, CompiledPack>();

function compilePack(pack: IndicatorPack): CompiledPack {
  const cached = compiledCache.get(pack);
  if (cached) return cached;
  const units = new Map<string, CompiledUnits>();
  const of = new Map<string, RegExp | null>();
  for (const m of pack.measures) {
    const byKey = new Map<string, UnitDef>();
    for (const u of m.units ?? []) for (const s of [u.unit, ...u.synonyms]) if (!byKey.has(key(s))) byKey.set(key(s), u);
    // Units are matched right after a number, so they need no word boundary before them (`18K`, `4L`).
    const unique = [...byKey.keys()].sort((a, b) => b.length - a.length);
    const re =
      unique.length === 0
        ? null
        : new RegExp(`[ \\t]*(${unique.map((u) => escapeRegExp(u).replace(/ +/g, '\\s*')).join('|')})(?![\\p{L}])`, 'iuy');
    units.set(m.name, { re, byKey });
    if (m.of) of.set(m.name, new RegExp(`\\s*(${m.of.map((o) => escapeRegExp(o).replace(/ +/g, '\\s+')).join('|')})(?!${WORD})`, 'iuy'));
  }
  const connectorList = [...pack.connectors]
    .sort((a, b) => b.length - a.length)
    .map((c) => {
      const e = escapeRegExp(c).replace(/ +/g, '\\s+');
      return /^[\p{L}]/u.test(c) ? `${e}(?!${WORD})` : e;
    });
  const compiled: CompiledPack = {
    pack,
    measures: named(pack.measures),
    medications: named(pack.medications),
    terms: named(pack.terms),
    routes: named(pack.routes),
    devices: named(pack.devices, (d) => [d.device]),
    organisms: named(pack.organisms, (o) => [o.organism]),
    sites: named(pack.pressureSites),
    units,
    connectors: connectorList.length === 0 ? null : new RegExp(`[\\s,]*(?:${connectorList.join('|')})`, 'iuy'),
    of,
    measureByName: new Map(pack.measures.map((m) => [m.name, m])),
    termByName: new Map(pack.terms.map((t) => [t.name, t])),
    plannedBefore: cueRegex(pack.plannedBefore, (body) => `(?<!${WORD})(?:${body})(?!${WORD})(?:\\s+[\\p{L}\\p{N}/.-]+){0,3}\\s*$`),
    plannedAfter: cueRegex(pack.plannedAfter, (body) => `^[\\s]*(?:[\\p{L}\\p{N}/.-]+\\s+){0,4}?(?:${body})(?!${WORD})`),
  };
  compiledCache.set(pack, compiled);
  return compiled;
}

function cueRegex(cues: readonly string[], wrap: (body: string) => string): RegExp | null {
  const unique = [...new Set(cues.map((c) => c.trim()).filter((c) => c !== ''))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  return new RegExp(wrap(unique.map((c) => escapeRegExp(c).replace(/ +/g, '\\s+')).join('|')), 'iu');
}

/** `consider BiPAP`, `BiPAP if work of breathing worsens`: a plan, not a treatment given. */
function isPlanned(c: CompiledPack, text: string, span: Span, sentence: Span): boolean {
  let before = text.slice(Math.max(sentence.start, span.start - 40), span.start);
  const cut = Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':'), before.lastIndexOf('.'));
  if (cut >= 0) before = before.slice(cut + 1);
  let after = text.slice(span.end, Math.min(sentence.end, span.end + 50));
  const stop = after.search(/[,;.:]/);
  if (stop >= 0) after = after.slice(0, stop);
  return (c.plannedBefore?.test(before) ?? false) || (c.plannedAfter?.test(after) ?? false);
}

interface Hit<D> {
  def: D;
  start: number;
  end: number;
}

/** Every match of a named vocabulary in `[from, to)`, overlapping matches resolved longest first. */
function findNamed<D>(text: string, from: number, to: number, n: Named<D>): Hit<D>[] {
  const raw: Hit<D>[] = [];
  const slice = text.slice(from, to);
  for (const [re, lookup, exact] of [
    [n.ci, n.byKey, false],
    [n.cs, n.byAbbr, true],
  ] as const) {
    if (re === null) continue;
    re.lastIndex = 0;
    for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
      const def = lookup.get(exact ? m[0] : key(m[0]));
      if (def !== undefined) raw.push({ def, start: from + m.index, end: from + m.index + m[0].length });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit<D>[] = [];
  for (const h of raw) {
    const last = kept[kept.length - 1];
    if (last && h.start < last.end) continue;
    kept.push(h);
  }
  return kept;
}

// ---------------------------------------------------------------------------------------------
// Reading numbers, units, trends, periods, devices and times
// ---------------------------------------------------------------------------------------------

const NUMBER = /(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)/uy;
/** `in the 120s`, `120s`. */
const DECADE = /(?:(?:in\s+)?the\s+)?(?:(?:low|high|mid)[- ]?)?(\d{1,3}0)'?s(?![\p{L}\p{N}])/iuy;
const COMPARATOR = /(<=|>=|≤|≥|<|>|less\s+than|greater\s+than|more\s+than|below|above|under)\s*/iuy;
const RANGE_TAIL = /\s*(?:-|–|—)\s*(\d+(?:\.\d+)?)/uy;
const PAIR_TAIL_WORDS = /\s*(?:,\s*|\s+and\s+|\s*&\s*)(\d+(?:\.\d+)?)(?!\d|\.\d)/uy;
const PAIR_TAIL = /\s*\/\s*(\d+(?:\.\d+)?)/uy;
const DEGREE = /\s*[°º]/uy;
const FOREIGN_UNIT = /^\s*(?:mg|g|gm|grams?|mcg|ml|l|units?|meq|mmol|mEq|kg|lbs?|%|mmhg|bpm)(?![\p{L}])/iu;

function parseNumber(s: string): number {
  return Number(s.replace(/,/g, ''));
}

function sticky(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

interface Value {
  value: number;
  low: number;
  high: number;
  value2?: number;
  comparator?: string;
  start: number;
  end: number;
}

/** A number (or decade, or range, with a comparator) starting at `at`, not part of a date or a time. */
function readValue(text: string, at: number, limit: number, pair: boolean, pairWords = false): Value | undefined {
  let p = at;
  let comparator: string | undefined;
  const c = sticky(COMPARATOR, text, p);
  if (c) {
    const w = (c[1] ?? '').toLowerCase();
    comparator = /^(<|≤|<=|less|below|under)/.test(w) ? '<' : '>';
    p = c.index + c[0].length;
  }
  const d = sticky(DECADE, text, p);
  if (d && d.index + d[0].length <= limit) {
    const low = Number(d[1]);
    return { value: low + 5, low, high: low + 9, start: d.index, end: d.index + d[0].length, comparator };
  }
  const n = sticky(NUMBER, text, p);
  if (!n || n.index + n[0].length > limit) return undefined;
  const start = n.index;
  let end = start + n[0].length;
  // `3/12` is a date and `06:00` a clock time, unless a pair is expected.
  const next = text.slice(end, end + 2);
  if (/^:\d/.test(next)) return undefined;
  if (/^\/\s?\d/.test(text.slice(end, end + 3)) && !pair) return undefined;
  if (/^[\p{L}\p{N}]/u.test(text[end] ?? '') && !/^[A-Za-z%°/]/.test(text[end] ?? '')) return undefined;
  const value = parseNumber(n[1] ?? '');
  let low = value;
  let high = value;
  let value2: number | undefined;
  const r = sticky(RANGE_TAIL, text, end);
  if (r && r.index + r[0].length <= limit) {
    const other = Number(r[1]);
    if (other > value) {
      high = other;
      end = r.index + r[0].length;
    }
  }
  if (pair) {
    // `H&H 12.0 and 36`: after a pair's own name, "and" joins its two values too.
    const pr = sticky(PAIR_TAIL, text, end) ?? (pairWords ? sticky(PAIR_TAIL_WORDS, text, end) : null);
    if (pr && pr.index + pr[0].length <= limit) {
      value2 = Number(pr[1]);
      end = pr.index + pr[0].length;
    }
  }
  if (comparator === '<') low = 0;
  if (comparator === '>') high = Number.POSITIVE_INFINITY;
  return { value: low === high ? value : (low + (Number.isFinite(high) ? high : low)) / 2, low, high, value2, comparator, start, end };
}

interface Converted {
  value: number;
  low: number;
  high: number;
  value2?: number;
  unit?: string;
  writtenUnit?: string;
}

function applyUnit(v: Value, u: UnitDef | undefined, canonical: string | undefined): Converted {
  const f = u?.factor;
  if (u === undefined || (f === undefined && u.offset === undefined)) {
    // No conversion defined: the canonical unit, or (weight loss in kg or lb) the unit as written.
    const unit = u === undefined ? canonical : u.unit === canonical ? canonical : u.unit;
    return { value: v.value, low: v.low, high: v.high, value2: v.value2, unit };
  }
  const conv = (x: number) => (Number.isFinite(x) ? x * (f ?? 1) + (u.offset ?? 0) : x);
  return {
    value: round(conv(v.value)),
    low: round(conv(v.low)),
    high: round(conv(v.high)),
    value2: v.value2 === undefined ? undefined : round(conv(v.value2)),
    unit: canonical,
    writtenUnit: u.unit,
  };
}

function round(x: number): number {
  return Number.isFinite(x) ? Math.round(x * 10000) / 10000 : x;
}

function plausible(def: MeasureDef, x: number): boolean {
  return x >= def.plausible.min && x <= def.plausible.max;
}

/** Convert a value to the canonical unit; infer the unit or rescale only when the value is implausible as written. */
function convert(def: MeasureDef, v: Value, written: UnitDef | undefined): Converted | undefined {
  const canonical = def.unit ?? def.units?.[0]?.unit;
  if (written !== undefined) {
    const c = applyUnit(v, written, canonical);
    return plausible(def, c.value) ? c : undefined;
  }
  if (def.requireUnit) return undefined;
  const plain = applyUnit(v, undefined, canonical);
  if (plausible(def, plain.value)) return plain;
  for (const u of def.units ?? []) {
    if (u.unit === canonical || (u.factor === undefined && u.offset === undefined)) continue;
    const c = applyUnit(v, u, canonical);
    if (plausible(def, c.value)) return c;
  }
  for (const divisor of def.rescale ?? []) {
    const scaled: Value = { ...v, value: v.value / divisor, low: v.low / divisor, high: v.high / divisor };
    if (plausible(def, scaled.value)) return { ...applyUnit(scaled, undefined, canonical), value: round(scaled.value) };
  }
  return undefined;
}

function readUnit(c: CompiledPack, def: MeasureDef, text: string, at: number, limit: number): { unit: UnitDef; end: number } | undefined {
  const units = c.units.get(def.name);
  if (!units?.re) return undefined;
  let p = at;
  const deg = sticky(DEGREE, text, p);
  if (deg) p = deg.index + deg[0].length;
  const m = sticky(units.re, text, p);
  if (!m || m.index + m[0].length > limit) return undefined;
  const unit = units.byKey.get(key(m[1] ?? ''));
  return unit ? { unit, end: m.index + m[0].length } : undefined;
}

// A time word may sit between a value and its comparison ("2.6 today, up from 1.4 on admission; baseline 0.9").
const BASELINE_WORDS =
  /[\s,;]*(?:(?:today|this\s+morning|this\s+am|tonight|now|currently|yesterday|overnight|on\s+admission|at\s+admission|on\s+arrival)[\s,;]+)?\(?\s*(baseline|b\/l|bl|usual|previous|previously|prior|last|from|up\s+from|down\s+from|compared\s+(?:to|with)|vs\.?|versus)(?:\s+(?:value|level|of|is|was|around|about|approximately|~|:|=|creatinine|cr|hgb|hemoglobin|sodium|na))*[\s:=~]*/iuy;
const AGO = /\s*,?\s*(\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|few)\s+(hour|hr|day|week|wk|month|mo|year|yr)s?\s+(?:ago|earlier|before|prior)\b/iuy;
const NUMBER_WORDS: Readonly<Record<string, number>> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, several: 3, few: 3 };
const UNIT_DAYS: Readonly<Record<string, number>> = { hour: 1 / 24, hr: 1 / 24, day: 1, week: 7, wk: 7, month: 30, mo: 30, year: 365, yr: 365 };

/** How long ago an `AGO` match says, in days. */
function agoDays(m: RegExpExecArray): number {
  const n = m[1] ?? '1';
  const count = /^\d+$/.test(n) ? Number(n) : (NUMBER_WORDS[n.toLowerCase()] ?? 1);
  return count * (UNIT_DAYS[(m[2] ?? 'day').toLowerCase()] ?? 1);
}
const ARROW = /\s*(?:->|→|=>|-->|—>|>)\s*/uy;
const LATER_WORDS =
  /[\s,;]*(?:and\s+)?(?:now|today|currently|this\s+am|this\s+morning|repeat(?:\s+value)?|then|later|subsequently|increasing\s+to|increased\s+to|rising\s+to|rose\s+to|up\s+to|down\s+to|decreased\s+to|dropped\s+to|fell\s+to|peaked\s+at|peaking\s+at|trending\s+to|trended\s+to|improved\s+to|worsened\s+to|to)(?:\s+(?:at|of|is|was))?\s+/iuy;
const FROM_TO =
  /\s*(?:increased|rose|risen|went\s+up|up|bumped|trended\s+up|climbed|decreased|fell|dropped|down|trended\s+down|declined|improved|worsened|changed)?\s*from\s+/iuy;
const TO = /\s*(?:to|->|→|=>)\s*/iuy;

const PERIOD =
  /\s*,?\s*(?:over|in|within|during|x|for|since)\s+(?:the\s+)?(?:past|last|prior|preceding)?\s*(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|twelve|a|an)?\s*(days?|d|weeks?|wks?|months?|mos?|years?|yrs?)(?![\p{L}])/iuy;
const WORD_NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
};

function periodDays(count: string | undefined, unit: string): number {
  const n = count === undefined ? 1 : (WORD_NUMBERS[count.toLowerCase()] ?? Number(count));
  const u = unit.toLowerCase();
  const per = u.startsWith('d') ? 1 : u.startsWith('w') ? 7 : u.startsWith('m') ? 30 : 365;
  return n * per;
}

const TIME =
  /[\s,;(]*(?:on\s+|at\s+|from\s+)?(hd\s*#?\s*\d{1,2}|hospital\s+day\s*#?\s*\d{1,2}|day\s*#?\s*\d{1,2}|pod\s*#?\s*\d{1,2}|admission|arrival|presentation|today|yesterday|this\s+morning|this\s+am|overnight|last\s+night|\d{1,2}\/\d{1,2}(?:\/\d{2,4})?(?:\s+(?:at\s+)?\d{1,2}:?\d{2})?|\d{1,2}:\d{2})(?![\p{L}\p{N}])/iuy;
const TIME_ANYWHERE = new RegExp(TIME.source.replace(/^\[\\s,;\(\]\*/, ''), 'giu');

function parseTime(raw: string, start: number, end: number, text: string): IndicatorTime {
  const t: IndicatorTime = { text: text.slice(start, end), span: { start, end } };
  const s = raw.toLowerCase();
  const hd = /^(?:hd|hospital\s+day|day)\s*#?\s*(\d+)/.exec(s);
  if (hd) {
    t.day = Number(hd[1]);
    t.basis = 'hospital';
  } else if (/^(admission|arrival|presentation)/.test(s)) {
    t.day = 1;
    t.basis = 'hospital';
  } else if (/^(today|this)/.test(s)) {
    t.day = 0;
    t.basis = 'relative';
  } else if (/^(yesterday|overnight|last\s+night)/.test(s)) {
    t.day = -1;
    t.basis = 'relative';
  } else {
    const date = /^(\d{1,2})\/(\d{1,2})(?:\/(\d{2,4}))?/.exec(s);
    if (date) {
      const month = Number(date[1]);
      const day = Number(date[2]);
      let year = date[3] === undefined ? 2000 : Number(date[3]);
      if (year < 100) year += 2000;
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
        t.day = Math.round(Date.UTC(year, month - 1, day) / 86_400_000 - Date.UTC(2000, 0, 1) / 86_400_000);
        t.basis = 'calendar';
      }
    }
    const clock = /(\d{1,2}):?(\d{2})$/.exec(s);
    if (clock && (date === null || /\s/.test(s))) {
      const h = Number(clock[1]);
      if (h <= 23 && Number(clock[2]) <= 59) t.hour = h + Number(clock[2]) / 60;
    }
  }
  return t;
}

function readTime(text: string, at: number, limit: number): IndicatorTime | undefined {
  const m = sticky(TIME, text, at);
  if (!m || m.index + m[0].length > limit) return undefined;
  const raw = m[1] ?? '';
  const start = m.index + m[0].indexOf(raw);
  return parseTime(raw, start, start + raw.length, text);
}

/** The last time expression between the sentence start and `before` (`On admission, Cr 2.1`). */
function timeBefore(text: string, from: number, before: number): IndicatorTime | undefined {
  const slice = text.slice(from, before);
  TIME_ANYWHERE.lastIndex = 0;
  let last: IndicatorTime | undefined;
  for (let m = TIME_ANYWHERE.exec(slice); m !== null; m = TIME_ANYWHERE.exec(slice)) {
    const raw = m[1] ?? '';
    const start = from + m.index + m[0].indexOf(raw);
    // Only an explicit time word here: a bare `3/12` before a name is as likely to be a ratio.
    if (/^(hd|hospital|day|pod|admission|arrival|presentation|today|yesterday|this|overnight|last)/i.test(raw)) {
      last = parseTime(raw, start, start + raw.length, text);
    }
  }
  return last;
}

interface Oxygen {
  end: number;
  device?: string;
  flowLpm?: number;
  fio2?: number;
  therapy?: string;
}

const FLOW =
  /(\d+(?:\.\d+)?)\s*(?:l|liters?|lpm)(?:\s*\/\s*min|\s+per\s+minute)?(?![\p{L}])(?:\s+(?:of\s+)?(?:o2|oxygen))?(?:\s+(?:via|by|per))?\s*/iuy;
const FIO2_INLINE =
  /\s*(?:[,/]\s*|and\s+|with\s+)?(?:(?:fio2|fi02)\s*(?:of\s+)?(\d+(?:\.\d+)?)\s*%?|(\d+(?:\.\d+)?)\s*%\s*(?:fio2|fi02))/iuy;

function readOxygen(c: CompiledPack, text: string, at: number, limit: number): Oxygen | undefined {
  const lead = sticky(/\s*,?\s*(?:on|while\s+on|with|via|using|requiring)\s+/iuy, text, at);
  if (!lead) return undefined;
  let p = lead.index + lead[0].length;
  const out: Oxygen = { end: p };
  const flow = sticky(FLOW, text, p);
  if (flow && flow.index + flow[0].length <= limit) {
    out.flowLpm = Number(flow[1]);
    p = flow.index + flow[0].length;
    out.end = p;
  }
  const devices = findNamed(text, p, Math.min(limit, p + 40), c.devices);
  const first = devices[0];
  if (first && first.start === p) {
    out.device = first.def.device;
    out.therapy = first.def.therapy;
    p = first.end;
    out.end = p;
  }
  if (out.flowLpm === undefined && out.device === undefined) return undefined;
  const fio2 = sticky(FIO2_INLINE, text, p);
  if (fio2 && fio2.index + fio2[0].length <= limit) {
    let f = Number(fio2[1] ?? fio2[2]);
    if (f <= 1) f *= 100;
    if (f >= 21 && f <= 100) {
      out.fio2 = f;
      out.end = fio2.index + fio2[0].length;
    }
  }
  if (out.device === undefined && out.flowLpm !== undefined) out.device = 'oxygen';
  return out;
}

// ---------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------

/** An indicator being read: its fields before the sentence, section and context are attached. */
type Draft = Omit<Indicator, 'id' | 'quote' | 'sentence' | 'section' | 'sectionTitle' | 'context'> & {
  /** Measures: negation does not apply to a number. */
  measured?: boolean;
  /** A medication or therapy written as a plan (`consider BiPAP`). */
  planned?: boolean;
};

function skipConnectors(c: CompiledPack, text: string, at: number, limit: number): number {
  let p = at;
  for (let i = 0; i < 6; i++) {
    const before = p;
    const ws = sticky(/[\s:=~(]*/uy, text, p);
    if (ws) p = ws.index + ws[0].length;
    if (c.connectors) {
      const m = sticky(c.connectors, text, p);
      if (m && m.index + m[0].length <= limit && m[0].trim() !== '') p = m.index + m[0].length;
    }
    if (p === before) break;
  }
  const ws = sticky(/[\s:=~(]*/uy, text, p);
  return ws ? ws.index + ws[0].length : p;
}

function readMeasure(c: CompiledPack, def: MeasureDef, text: string, hit: Hit<MeasureDef>, sentence: Span): Draft | undefined {
  const limit = sentence.end;
  const series: SeriesPoint[] = [];
  // `H&H 12.0 and 36`: a pair's own name lets "and" join its two values.
  const pairName = def.pair === true && /[/&]|\band\b/i.test(text.slice(hit.start, hit.end));
  let p = skipConnectors(c, text, hit.end, limit);
  // `Cr increased from 0.9 to 2.1`: the earlier value, then the current one.
  if (def.trend) {
    const ft = sticky(FROM_TO, text, hit.end);
    if (ft && /from/i.test(ft[0]) && ft.index + ft[0].length <= limit) {
      const earlier = readValue(text, ft.index + ft[0].length, limit, false);
      if (earlier) {
        let q = earlier.end;
        const unit = readUnit(c, def, text, q, limit);
        if (unit) q = unit.end;
        const to = sticky(TO, text, q);
        if (to) {
          const current = readValue(text, to.index + to[0].length, limit, def.pair === true, pairName);
          if (current) {
            const e = convert(def, earlier, unit?.unit);
            if (e) {
              series.push({ value: e.value, role: 'earlier', span: { start: earlier.start, end: earlier.end } });
              p = to.index + to[0].length;
            }
          }
        }
      }
    }
  }
  if (p - hit.end > 45) return undefined;
  const raw = readValue(text, p, limit, def.pair === true, pairName);
  if (!raw) return undefined;
  let end = raw.end;
  let written = readUnit(c, def, text, end, limit);
  if (written) end = written.end;
  // `Albumin 25 g IV`: a unit this measure does not use means the number is something else (a dose).
  else if (FOREIGN_UNIT.test(text.slice(end, end + 8))) return undefined;
  let current = convert(def, raw, written?.unit);
  if (!current) return undefined;
  const draft: Draft = {
    kind: def.kind,
    name: def.name,
    label: def.label,
    nameSpan: { start: hit.start, end: hit.end },
    span: { start: hit.start, end },
    measured: true,
    attributes: {},
  };
  let currentSpan: Span = { start: raw.start, end: raw.end };
  let currentTime: IndicatorTime | undefined;
  if (def.trend) {
    for (let guard = 0; guard < 6; guard++) {
      const base = sticky(BASELINE_WORDS, text, end);
      if (base && base.index + base[0].length <= limit) {
        const v = readValue(text, base.index + base[0].length, limit, def.pair === true, pairName);
        if (v) {
          let q = v.end;
          const u = readUnit(c, def, text, q, limit);
          if (u) q = u.end;
          const conv = convert(def, v, u?.unit ?? written?.unit);
          if (conv) {
            const word = (base[1] ?? '').toLowerCase();
            const role: SeriesPoint['role'] = /^(baseline|b\/l|bl|usual)/.test(word) ? 'baseline' : 'earlier';
            // `vs 1.0 six months ago`: a value from long before is not part of an acute change (KDIGO's
            // windows are 48 hours and 7 days); a written baseline is taken whatever its age.
            const ago = sticky(AGO, text, q);
            if (ago) q = ago.index + ago[0].length;
            if (role === 'baseline' || !ago || agoDays(ago) <= 7) series.push({ value: conv.value, role, span: { start: v.start, end: v.end } });
            const close = sticky(/\s*\)/uy, text, q);
            end = close ? close.index + close[0].length : q;
            continue;
          }
        }
      }
      const arrow = sticky(ARROW, text, end) ?? sticky(LATER_WORDS, text, end);
      if (arrow && arrow.index + arrow[0].length <= limit) {
        const v = readValue(text, arrow.index + arrow[0].length, limit, def.pair === true, pairName);
        if (v) {
          let q = v.end;
          const u = readUnit(c, def, text, q, limit);
          if (u) q = u.end;
          const conv = convert(def, v, u?.unit ?? written?.unit);
          if (conv) {
            series.push({ value: current.value, role: 'earlier', span: currentSpan });
            current = conv;
            currentSpan = { start: v.start, end: v.end };
            if (u) written = u;
            end = q;
            continue;
          }
        }
      }
      // `Trop 0.03, 0.05, 0.04`, `lactate 4.2 and 2.1`: a list of values of the same measure, oldest first.
      const list = sticky(/(?:\s*,\s*|\s+and\s+)(?=[<>]?\s*\d)/uy, text, end);
      if (list && list.index + list[0].length < limit) {
        const v = readValue(text, list.index + list[0].length, limit, def.pair === true, pairName);
        if (v && !/^\s*(?:[-–]|[xX×]\s*\d)/.test(text.slice(v.end, v.end + 3))) {
          let q = v.end;
          const u = readUnit(c, def, text, q, limit);
          if (u) q = u.end;
          // `platelets 267,000, 7 stabs, 68 segs`: a number followed by another noun counts something else.
          const countsOther = !u && /^\s*[A-Za-z]{2,}/.test(text.slice(q, q + 12)) && !/^\s*(?:and|then|on|at|in|today|now|this|yesterday|overnight|earlier|later|before|after|prior|since|repeat|mg|g|k)\b/i.test(text.slice(q, q + 12));
          const conv = countsOther ? undefined : convert(def, v, u?.unit ?? written?.unit);
          if (conv) {
            series.push({ value: current.value, role: 'earlier', span: currentSpan });
            current = conv;
            currentSpan = { start: v.start, end: v.end };
            end = q;
            continue;
          }
        }
      }
      // `Cr 1.0 on admission, 1.1 today`: a bare number is a later value of the same measure only with a time after it.
      const firstTime = readTime(text, end, Math.min(limit, end + 30));
      const bare = sticky(/[\s,;]+(?:and\s+)?(?:then\s+)?/uy, text, firstTime ? firstTime.span.end : end);
      if (bare && bare.index + bare[0].length < limit) {
        const v = readValue(text, bare.index + bare[0].length, limit, def.pair === true, pairName);
        if (v) {
          let q = v.end;
          const u = readUnit(c, def, text, q, limit);
          if (u) q = u.end;
          const later = readTime(text, q, Math.min(limit, q + 30));
          const conv = later ? convert(def, v, u?.unit ?? written?.unit) : undefined;
          if (later && conv) {
            series.push({ value: current.value, role: 'earlier', span: currentSpan });
            current = conv;
            currentSpan = { start: v.start, end: v.end };
            currentTime = later;
            end = later.span.end;
            continue;
          }
        }
      }
      break;
    }
  }
  const ofRe = c.of.get(def.name);
  if (ofRe) {
    const o = sticky(ofRe, text, end);
    if (o && o.index + o[0].length <= limit) {
      (draft.attributes ?? {}).of = key(o[1] ?? '');
      end = o.index + o[0].length;
    }
  }
  if (def.period) {
    const per = sticky(PERIOD, text, end);
    if (per && per.index + per[0].length <= limit) {
      (draft.attributes ?? {}).periodDays = periodDays(per[1], per[2] ?? 'day');
      end = per.index + per[0].length;
    }
  }
  if (def.oxygen) {
    const ox = readOxygen(c, text, end, limit);
    if (ox) {
      const attrs = draft.attributes ?? {};
      if (ox.device !== undefined) attrs.device = ox.device;
      if (ox.flowLpm !== undefined) attrs.flowLpm = ox.flowLpm;
      if (ox.fio2 !== undefined) attrs.fio2 = ox.fio2;
      end = ox.end;
    }
  }
  const time = currentTime ?? readTime(text, end, Math.min(limit, end + 30)) ?? timeBefore(text, sentence.start, hit.start);
  if (time) draft.time = time;
  Object.assign(draft, {
    value: current.value,
    low: current.low,
    high: current.high,
    value2: current.value2,
    unit: current.unit,
    writtenUnit: current.writtenUnit,
  });
  if (series.length > 0) {
    series.sort((a, b) => (a.role === 'baseline' ? 0 : 1) - (b.role === 'baseline' ? 0 : 1));
    series.push({ value: current.value, role: 'current', span: currentSpan });
    draft.series = series;
  }
  draft.span = { start: Math.min(hit.start, ...series.map((s) => s.span.start)), end: trimEnd(text, hit.start, end) };
  if (draft.attributes && Object.keys(draft.attributes).length === 0) delete draft.attributes;
  return draft;
}

const LIST_JOIN = String.raw`(?:\s*,\s*|\s+and\s+|\s*&\s*|\s*/\s*)`;
const LIST_NAME = String.raw`[A-Za-z][A-Za-z0-9+-]*(?:\s+[A-Za-z][A-Za-z0-9+-]*){0,2}`;
/** Names written before a hit in a list: `BUN and `, `sodium, potassium and `. */
const NAMES_BEFORE = new RegExp(`(?:${LIST_NAME}${LIST_JOIN})+$`, 'u');
/** Names written after a hit in a list: ` and BUN`, `/K`. */
const NAMES_AFTER = new RegExp(`^(?:${LIST_JOIN}${LIST_NAME})+`, 'u');
const VALUE_JOIN = new RegExp(LIST_JOIN, 'uy');

/**
 * `BUN and creatinine are 27 and 1.9`, `Na/K 128/5.1`: a measure named in a list of names followed by
 * a list of as many values takes the value at its own place. Returns undefined when the name is not in
 * such a list (read it the usual way), `null` when it is but the values do not line up (nothing is read
 * rather than a wrong value), else the draft.
 */
function readCoordinated(c: CompiledPack, def: MeasureDef, text: string, hit: Hit<MeasureDef>, sentence: Span): Draft | null | undefined {
  const before = NAMES_BEFORE.exec(text.slice(Math.max(sentence.start, hit.start - 80), hit.start));
  const after = NAMES_AFTER.exec(text.slice(hit.end, Math.min(sentence.end, hit.end + 80)));
  const count = (m: RegExpExecArray | null) => (m ? (m[0].match(new RegExp(LIST_JOIN, 'gu')) ?? []).length : 0);
  const index = count(before);
  const names = index + 1 + count(after);
  if (names < 2) return undefined;
  const lastEnd = hit.end + (after?.[0].length ?? 0);
  let p = skipConnectors(c, text, lastEnd, sentence.end);
  const values: Array<{ v: Value; end: number; unit?: UnitDef }> = [];
  for (let k = 0; k < names; k++) {
    if (k > 0) {
      const join = sticky(VALUE_JOIN, text, p);
      if (!join) break;
      p = join.index + join[0].length;
    }
    const v = readValue(text, p, sentence.end, false);
    if (!v) break;
    values.push({ v, end: v.end });
    p = v.end;
  }
  // Not a list of values (one value, or a value per name after each name): read the usual way.
  if (values.length < 2) return undefined;
  const more = sticky(VALUE_JOIN, text, p);
  const extra = more !== null && /^\d/.test(text.slice(more.index + more[0].length, more.index + more[0].length + 1));
  const read = values[index];
  if (values.length !== names || extra || !read) return null;
  const u = readUnit(c, def, text, read.end, sentence.end);
  const conv = convert(def, read.v, u?.unit);
  if (!conv) return null;
  return {
    kind: def.kind,
    name: def.name,
    label: def.label,
    nameSpan: { start: hit.start, end: hit.end },
    span: { start: hit.start - (before?.[0].length ?? 0), end: u ? u.end : read.end },
    measured: true,
    value: conv.value,
    low: conv.low,
    high: conv.high,
    ...(conv.unit !== undefined ? { unit: conv.unit } : {}),
    ...(conv.writtenUnit !== undefined ? { writtenUnit: conv.writtenUnit } : {}),
  };
}

/** `10% weight loss`: a value written before the name. */
function readValueFirst(c: CompiledPack, def: MeasureDef, text: string, hit: Hit<MeasureDef>, sentence: Span): Draft | undefined {
  const before = text.slice(Math.max(sentence.start, hit.start - 40), hit.start);
  const m =
    /(\d+(?:\.\d+)?)\s*(%|percent|kg|kgs|kilograms|lb|lbs|pounds|#)\s*(?:of\s+)?(?:unintentional\s+|unintended\s+|involuntary\s+|significant\s+)?$/iu.exec(
      before,
    );
  if (!m) return undefined;
  const start = hit.start - before.length + m.index;
  const units = c.units.get(def.name);
  const unit = units?.byKey.get(key(m[2] ?? ''));
  const value = Number(m[1]);
  const v: Value = { value, low: value, high: value, start, end: start + (m[1] ?? '').length };
  const conv = convert(def, v, unit);
  if (!conv) return undefined;
  let end = hit.end;
  const attributes: Record<string, string | number> = {};
  if (def.period) {
    const per = sticky(PERIOD, text, end);
    if (per && per.index + per[0].length <= sentence.end) {
      attributes.periodDays = periodDays(per[1], per[2] ?? 'day');
      end = per.index + per[0].length;
    }
  }
  return {
    kind: def.kind,
    name: def.name,
    label: def.label,
    nameSpan: { start: hit.start, end: hit.end },
    span: { start, end },
    measured: true,
    value: conv.value,
    low: conv.low,
    high: conv.high,
    unit: conv.unit,
    writtenUnit: conv.writtenUnit,
    attributes: Object.keys(attributes).length > 0 ? attributes : undefined,
  };
}

function trimEnd(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /[\s,;:(]/.test(text[e - 1] ?? '')) e--;
  return e;
}

// ---------------------------------------------------------------------------------------------
// Code-read grammars: blood gas, oxygen, pressure injury, culture organisms
// ---------------------------------------------------------------------------------------------

const BLOOD_GAS =
  /(?<![\p{L}])(ABG|VBG|abg|vbg|blood gas)\s*:?\s*(?:(?:showed|shows|with|of|revealed)\s+)?(\d\.\d{1,2})\s*\/\s*(\d{2,3}(?:\.\d)?)\s*\/\s*(\d{2,3}(?:\.\d)?)(?:\s*\/\s*(\d{1,2}(?:\.\d)?))?/gu;

function readBloodGases(text: string, sentence: Span): Draft[] {
  const out: Draft[] = [];
  const slice = text.slice(sentence.start, sentence.end);
  BLOOD_GAS.lastIndex = 0;
  for (let m = BLOOD_GAS.exec(slice); m !== null; m = BLOOD_GAS.exec(slice)) {
    const start = sentence.start + m.index;
    const span = { start, end: start + m[0].length };
    const nameSpan = { start, end: start + (m[1] ?? '').length };
    const venous = /vbg/i.test(m[1] ?? '');
    const ph = Number(m[2]);
    const pco2 = Number(m[3]);
    const po2 = Number(m[4]);
    const base = { kind: 'lab' as const, span, nameSpan, measured: true };
    if (ph >= 6.5 && ph <= 7.9) out.push({ ...base, name: 'ph', label: 'pH', value: ph, low: ph, high: ph });
    if (!venous) {
      out.push({ ...base, name: 'paco2', label: 'PaCO2', value: pco2, low: pco2, high: pco2, unit: 'mmHg' });
      out.push({ ...base, name: 'pao2', label: 'PaO2', value: po2, low: po2, high: po2, unit: 'mmHg' });
    }
  }
  return out;
}

const OXYGEN_FLOW =
  /(?<![\p{L}\p{N}])(?:on|requiring|required|placed on|started on|increased to|weaned to|titrated to)\s+(\d+(?:\.\d+)?)\s*(?:l|liters?|lpm)(?:\s*\/\s*min)?(?![\p{L}])/giu;

function readOxygenFlows(c: CompiledPack, text: string, sentence: Span): Draft[] {
  const out: Draft[] = [];
  const slice = text.slice(sentence.start, sentence.end);
  OXYGEN_FLOW.lastIndex = 0;
  for (let m = OXYGEN_FLOW.exec(slice); m !== null; m = OXYGEN_FLOW.exec(slice)) {
    const start = sentence.start + m.index;
    let end = start + m[0].length;
    const attributes: Record<string, string | number> = { flowLpm: Number(m[1]) };
    const rest = sticky(/(?:\s+(?:of\s+)?(?:o2|oxygen))?(?:\s+(?:via|by|per))?\s*/iuy, text, end);
    const at = rest ? rest.index + rest[0].length : end;
    const device = findNamed(text, at, Math.min(sentence.end, at + 40), c.devices)[0];
    if (device && device.start === at) {
      attributes.device = device.def.device;
      end = device.end;
    } else {
      attributes.device = 'oxygen';
    }
    const flowStart = start + m[0].search(/\d/);
    out.push({
      kind: 'therapy',
      name: 'oxygen',
      label: 'Supplemental oxygen',
      class: 'oxygen',
      span: { start: flowStart, end },
      nameSpan: { start: flowStart, end },
      attributes,
    });
  }
  return out;
}

const PRESSURE_TERM =
  /pressure[\s-]+(?:injur(?:y|ies)|ulcers?|wounds?|sores?|areas?)|decubit(?:us|i)(?:\s+ulcers?)?|decub|bed\s*sores?|(?<![\p{L}])(?:HAPI|PI|DTPI|DTI)(?![\p{L}])/giu;
const STAGE =
  /(?<![\p{L}])(?:stage|stg)\s*(?:(1|2|3|4|I{1,3}|IV|one|two|three|four)(?![\p{L}\p{N}])|(unstageable|dti))|(?<![\p{L}])(unstageable|un-stageable|suspected\s+deep\s+tissue\s+(?:pressure\s+)?injury|deep\s+tissue\s+(?:pressure\s+)?injury|deep\s+tissue\s+damage|DTPI|sDTI|DTI)(?![\p{L}])/giu;
const POA_YES =
  /present\s+(?:on|at|upon)\s+(?:the\s+time\s+of\s+)?admission|(?<![\p{L}])POA(?![\p{L}])(?!\s*(?:status\s+)?(?:unknown|unclear|not|[:=]?\s*(?:no|n|u)\b))|noted\s+(?:on|at)\s+admission|admitted\s+with|present\s+on\s+arrival|on\s+admission\s+skin\s+(?:assessment|check)/iu;
const POA_NO =
  /hospital[\s-]acquired|not\s+present\s+on\s+admission|developed\s+(?:during|after|since|while)\s+(?:this\s+|the\s+)?(?:admission|hospitali[sz]ation|stay|in\s+(?:the\s+)?hospital)|new\s+since\s+admission|(?<![\p{L}])HAPI(?![\p{L}])|POA\s*[:=]?\s*(?:no|n)\b/iu;

function stageOf(raw: string): string {
  const s = raw.toLowerCase().replace(/\s+/g, ' ');
  if (/unstageable|un-stageable/.test(s)) return 'unstageable';
  if (/deep tissue|dtpi|sdti|dti/.test(s)) return 'deep tissue';
  const map: Record<string, string> = { i: '1', ii: '2', iii: '3', iv: '4', one: '1', two: '2', three: '3', four: '4' };
  return map[s] ?? s;
}

function readPressureInjuries(c: CompiledPack, text: string, sentence: Span): Draft[] {
  const slice = text.slice(sentence.start, sentence.end);
  const terms: Span[] = [];
  PRESSURE_TERM.lastIndex = 0;
  for (let m = PRESSURE_TERM.exec(slice); m !== null; m = PRESSURE_TERM.exec(slice)) {
    terms.push({ start: sentence.start + m.index, end: sentence.start + m.index + m[0].length });
  }
  const stages: Array<Span & { stage: string; standalone: boolean }> = [];
  STAGE.lastIndex = 0;
  for (let m = STAGE.exec(slice); m !== null; m = STAGE.exec(slice)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    stages.push({
      start: sentence.start + m.index,
      end: sentence.start + m.index + m[0].length,
      stage: stageOf(raw),
      standalone: m[3] !== undefined,
    });
  }
  // A stage without a pressure word is a pressure stage only when it names one itself (unstageable, deep tissue injury).
  if (terms.length === 0 && !stages.some((s) => s.standalone)) return [];
  const sites = findNamed(text, sentence.start, sentence.end, c.sites);
  const poa = POA_NO.test(slice) ? 'N' : POA_YES.test(slice) ? 'Y' : undefined;
  const nearest = <T extends Span>(list: readonly T[], at: Span): T | undefined => {
    let best: T | undefined;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (const x of list) {
      const d = x.end <= at.start ? at.start - x.end : x.start >= at.end ? x.start - at.end : 0;
      if (d < bestDistance) {
        best = x;
        bestDistance = d;
      }
    }
    return bestDistance <= 60 ? best : undefined;
  };
  const out: Draft[] = [];
  const anchors = stages.length > 0 ? stages : terms.map((t) => ({ ...t, stage: '', standalone: false }));
  for (const anchor of anchors) {
    const term = nearest(terms, anchor);
    const site = nearest(sites, anchor);
    const pieces = [anchor, term, site].filter((x): x is NonNullable<typeof x> => x !== undefined);
    const attributes: Record<string, string | number> = {};
    if (anchor.stage !== '') attributes.stage = anchor.stage;
    if (site) attributes.site = site.def.site;
    if (poa) attributes.poa = poa;
    const start = Math.min(...pieces.map((x) => x.start));
    const end = Math.max(...pieces.map((x) => x.end));
    out.push({
      kind: 'finding',
      name: 'pressure_injury',
      label: 'Pressure injury',
      class: 'skin',
      span: { start, end },
      nameSpan: term ? { start: term.start, end: term.end } : { start: anchor.start, end: anchor.end },
      attributes,
    });
  }
  return out;
}

const CULTURE_CUE =
  /(?<![\p{L}])(?:cultures?|cx|gram\s+stain|bal|bronchoalveolar|sputum|tracheal\s+aspirate|pcr|rvp|respiratory\s+(?:viral\s+)?panel|antigen|grew|growing|isolated)(?![\p{L}])/iu;
const SCREEN = /(?<![\p{L}])(?:nares|nasal\s+swab|screen(?:ing)?|surveillance|coloni[sz]ed|colonization)(?![\p{L}])/iu;
const SPECIMEN = /(?<![\p{L}])(sputum|blood|urine|bal|bronchoalveolar|tracheal|wound|respiratory)(?![\p{L}])/iu;

function readCultures(c: CompiledPack, text: string, sentence: Span): Draft[] {
  const slice = text.slice(sentence.start, sentence.end);
  if (!CULTURE_CUE.test(slice) || SCREEN.test(slice)) return [];
  const specimen = SPECIMEN.exec(slice)?.[1]?.toLowerCase();
  return findNamed(text, sentence.start, sentence.end, c.organisms).map((h) => ({
    kind: 'finding' as const,
    name: 'culture_organism',
    label: 'Culture result',
    class: 'microbiology',
    span: { start: h.start, end: h.end },
    nameSpan: { start: h.start, end: h.end },
    attributes: { organism: h.def.organism, ...(specimen ? { specimen } : {}) },
  }));
}

// ---------------------------------------------------------------------------------------------
// Medications and terms
// ---------------------------------------------------------------------------------------------

const DOSE = /\s*(\d+(?:\.\d+)?)\s*(mg|mcg|g|gm|grams?|units?|u|ml|meq|mg\/kg|mcg\/min|mcg\/kg\/min)(?![\p{L}])/iuy;
const UNITS_BEFORE = /(\d+)\s*(?:units?|u)\s*(?:of\s+)?$/iu;

function readMedication(c: CompiledPack, def: MedicationDef, text: string, hit: Hit<MedicationDef>, sentence: Span): Draft {
  const windowStart = Math.max(sentence.start, hit.start - 30);
  const windowEnd = Math.min(sentence.end, hit.end + 40);
  const routes = findNamed(text, windowStart, windowEnd, c.routes).filter((r) => r.end <= hit.start || r.start >= hit.end);
  let route: string | undefined;
  let routeSource: 'stated' | 'implied' | undefined;
  let routeSpan: Span | undefined;
  let best = Number.POSITIVE_INFINITY;
  for (const r of routes) {
    const d = r.end <= hit.start ? hit.start - r.end : r.start - hit.end;
    if (d < best) {
      best = d;
      route = r.def.route;
      routeSpan = { start: r.start, end: r.end };
    }
  }
  if (route !== undefined) routeSource = 'stated';
  else if (def.defaultRoute !== undefined) {
    route = def.defaultRoute;
    routeSource = 'implied';
  }
  let end = hit.end;
  const attributes: Record<string, string | number> = {};
  const dose = sticky(DOSE, text, end);
  if (dose && dose.index + dose[0].length <= sentence.end) {
    if (def.class === 'transfusion' && /^u/i.test(dose[2] ?? '')) attributes.units = Number(dose[1]);
    else attributes.dose = `${dose[1]} ${dose[2]}`;
    end = dose.index + dose[0].length;
  }
  const before = text.slice(Math.max(sentence.start, hit.start - 20), hit.start);
  const units = UNITS_BEFORE.exec(before);
  let start = hit.start;
  if (units && def.class === 'transfusion') {
    attributes.units = Number(units[1]);
    start = hit.start - before.length + units.index;
  }
  if (routeSpan) {
    start = Math.min(start, routeSpan.start);
    end = Math.max(end, routeSpan.end);
  }
  return {
    kind: 'medication',
    name: def.name,
    label: def.label,
    class: def.class,
    span: { start, end },
    nameSpan: { start: hit.start, end: hit.end },
    route,
    routeSource,
    attributes: Object.keys(attributes).length > 0 ? attributes : undefined,
  };
}

const SEVERITY = /(severe|severely|moderate|moderately|mild|mildly|significant|marked|profound)\s+(?:[\p{L}-]+\s+)?$/iu;

function readTerm(def: TermDef, text: string, hit: Hit<TermDef>, sentence: Span): Draft {
  const attributes: Record<string, string | number> = {};
  let start = hit.start;
  if (def.severity) {
    const before = text.slice(Math.max(sentence.start, hit.start - 30), hit.start);
    const m = SEVERITY.exec(before);
    if (m) {
      const word = (m[1] ?? '').toLowerCase();
      attributes.severity =
        word.startsWith('sev') || word === 'marked' || word === 'profound'
          ? 'severe'
          : word.startsWith('mod') || word === 'significant'
            ? 'moderate'
            : 'mild';
      start = hit.start - before.length + m.index;
    }
  }
  return {
    kind: def.kind,
    name: def.name,
    label: def.label,
    class: def.class,
    span: { start, end: hit.end },
    nameSpan: { start: hit.start, end: hit.end },
    attributes: Object.keys(attributes).length > 0 ? attributes : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Putting it together
// ---------------------------------------------------------------------------------------------

function sectionTitle(section: Section | undefined): string {
  if (section === undefined || section.header === null) return '';
  return section.title;
}

/**
 * Clinical indicators in a note, in text order, with offsets into `text`.
 *
 * @example extractIndicators('Labs: Cr 2.1 (baseline 0.9), Na 128.').map((i) => [i.name, i.value])
 *   // [['creatinine', 2.1], ['sodium', 128]]  (creatinine's series: baseline 0.9, current 2.1)
 */
export function extractIndicators(text: string, options: ExtractOptions = {}): Indicator[] {
  if (text.length === 0) return [];
  const pack = options.pack ?? defaultCdiPacks().indicators;
  const c = compilePack(pack);
  const sections = options.sections ?? detectSections(text);
  const sentences = options.sentences ?? splitSentences(text, { sections });
  const context = options.context === undefined ? compileContext(defaultContextRules()) : options.context;
  const out: Indicator[] = [];
  for (const sentence of sentences) {
    if (sentence.kind === 'header') continue;
    const span: Span = { start: sentence.start, end: sentence.end };
    const section = sectionAt(sections, sentence.start);
    const category: SectionCategory = section?.category ?? 'unknown';
    const drafts: Draft[] = [];
    for (const hit of findNamed(text, span.start, span.end, c.measures)) {
      const listed = hit.def.valueFirst || hit.def.pair ? undefined : readCoordinated(c, hit.def, text, hit, span);
      if (listed !== undefined) {
        if (listed) drafts.push(listed);
        continue;
      }
      const d = (hit.def.valueFirst ? readValueFirst(c, hit.def, text, hit, span) : undefined) ?? readMeasure(c, hit.def, text, hit, span);
      if (d) drafts.push(d);
    }
    drafts.push(...readBloodGases(text, span));
    drafts.push(...readOxygenFlows(c, text, span));
    if (category !== 'allergies') {
      for (const hit of findNamed(text, span.start, span.end, c.medications)) {
        const med = readMedication(c, hit.def, text, hit, span);
        // `Transfused 2 units PRBC`: two names of one administration, read once.
        const previous = drafts[drafts.length - 1];
        if (previous?.name === med.name && med.nameSpan.start - previous.nameSpan.end <= 30) {
          previous.span = { start: Math.min(previous.span.start, med.span.start), end: Math.max(previous.span.end, med.span.end) };
          previous.attributes = { ...(previous.attributes ?? {}), ...(med.attributes ?? {}) };
          if (previous.routeSource !== 'stated' && med.routeSource === 'stated') {
            previous.route = med.route;
            previous.routeSource = 'stated';
          }
          continue;
        }
        drafts.push(med);
      }
    }
    for (const hit of findNamed(text, span.start, span.end, c.terms)) drafts.push(readTerm(hit.def, text, hit, span));
    drafts.push(...readPressureInjuries(c, text, span));
    drafts.push(...readCultures(c, text, span));
    if (drafts.length === 0) continue;
    for (const d of drafts) if ((d.kind === 'medication' || d.kind === 'therapy') && isPlanned(c, text, d.span, span)) d.planned = true;
    // The same number read twice (an ABG and `pO2 55` in it) is kept once; so is a value another
    // mention of the same measure already read into its series (`2.6, up from 1.4; baseline creatinine 0.9`).
    const unique = drafts.filter(
      (d, i) =>
        drafts.findIndex((o) => o.name === d.name && o.span.start === d.span.start && o.value === d.value) === i &&
        !drafts.some((o) => o !== d && o.name === d.name && o.series !== undefined && o.span.start < d.nameSpan.start && d.span.end <= o.span.end),
    );
    const targets = unique.map((d) => ({ start: d.nameSpan.start - sentence.start, end: d.nameSpan.end - sentence.start }));
    const contexts = applyContext(text.slice(span.start, span.end), targets, context, {
      section: category,
    });
    unique.forEach((d, i) => {
      const ctx = contexts[i];
      const indicator: Indicator = {
        id: '',
        kind: d.kind,
        name: d.name,
        label: d.label,
        span: d.span,
        quote: text.slice(d.span.start, d.span.end),
        nameSpan: d.nameSpan,
        sentence: span,
        section: category,
        sectionTitle: sectionTitle(section),
        context: {
          negated: d.measured ? false : (ctx?.negated ?? false),
          possible: ctx?.possible ?? false,
          historical: ctx?.historical ?? false,
          hypothetical: (ctx?.hypothetical ?? false) || d.planned === true,
          experiencer: ctx?.experiencer ?? 'patient',
        },
      };
      for (const k of [
        'class',
        'value',
        'low',
        'high',
        'value2',
        'unit',
        'writtenUnit',
        'series',
        'time',
        'route',
        'routeSource',
        'attributes',
      ] as const) {
        if (d[k] !== undefined) (indicator as unknown as Record<string, unknown>)[k] = d[k];
      }
      out.push(indicator);
    });
  }
  out.sort((a, b) => a.span.start - b.span.start || a.name.localeCompare(b.name));
  out.forEach((ind, i) => {
    ind.id = `i${i}`;
  });
  addDerived(out, c);
  return out;
}

/** Is an indicator about the patient now (not negated, hypothetical, historical or someone else's)? */
export function isActive(indicator: Indicator): boolean {
  const c = indicator.context;
  return !c.negated && !c.hypothetical && !c.historical && c.experiencer === 'patient';
}

function derivedBase(from: Indicator, name: string, label: string, kind: IndicatorKind): Indicator {
  return {
    id: '',
    kind,
    name,
    label,
    span: from.span,
    quote: from.quote,
    nameSpan: from.nameSpan,
    sentence: from.sentence,
    section: from.section,
    sectionTitle: from.sectionTitle,
    context: { ...from.context },
    derived: true,
    from: [from.id],
  };
}

/** MAP from blood pressures; PaO2/FiO2 from a PaO2 with an FiO2 (or room air) in the same sentence; oxygen from devices; weight-loss percentages. */
function addDerived(list: Indicator[], c: CompiledPack): void {
  const extra: Indicator[] = [];
  for (const bp of list.filter((i) => i.name === 'bp' && i.value2 !== undefined && i.value !== undefined)) {
    const map = Math.round(((bp.value ?? 0) + 2 * (bp.value2 ?? 0)) / 3);
    extra.push({
      ...derivedBase(bp, 'map', c.measureByName.get('map')?.label ?? 'MAP', 'vital'),
      value: map,
      low: map,
      high: map,
      unit: 'mmHg',
    });
  }
  const hasPf = list.some((i) => i.name === 'pf_ratio');
  if (!hasPf) {
    for (const pao2 of list.filter((i) => i.name === 'pao2' && i.value !== undefined)) {
      const sameSentence = list.filter((i) => i.sentence.start === pao2.sentence.start);
      const fio2 =
        sameSentence.find((i) => i.name === 'fio2')?.value ??
        (sameSentence.some((i) => i.attributes?.device === 'room air' || /\b(?:RA|room air)\b/.test(i.quote)) ? 21 : undefined) ??
        (/\b(?:on\s+RA|on\s+room\s+air)\b/i.test(pao2.quote) ? 21 : undefined);
      if (fio2 === undefined) continue;
      const pf = Math.round((pao2.value ?? 0) / (fio2 / 100));
      const d = {
        ...derivedBase(pao2, 'pf_ratio', c.measureByName.get('pf_ratio')?.label ?? 'PaO2/FiO2', 'score'),
        value: pf,
        low: pf,
        high: pf,
      };
      const f = sameSentence.find((i) => i.name === 'fio2');
      if (f) d.from = [pao2.id, f.id];
      extra.push(d);
    }
  }
  // `SpO2 88% on BiPAP`: the device is a therapy too.
  for (const s of list.filter((i) => i.name === 'spo2' && typeof i.attributes?.device === 'string')) {
    const device = c.pack.devices.find((d) => d.device === s.attributes?.device);
    const therapy = device?.therapy === undefined ? undefined : c.termByName.get(device.therapy);
    if (therapy && !list.some((i) => i.name === therapy.name && i.sentence.start === s.sentence.start)) {
      extra.push({ ...derivedBase(s, therapy.name, therapy.label, therapy.kind), class: therapy.class });
    }
  }
  const weight = list.find((i) => i.name === 'weight' && i.value !== undefined && isActive(i));
  for (const loss of list.filter((i) => i.name === 'weight_loss' && i.value !== undefined)) {
    const attrs = { ...(loss.attributes ?? {}) };
    if (loss.unit === '%') attrs.percent = loss.value ?? 0;
    else if (weight?.value !== undefined && (loss.unit === 'kg' || loss.unit === 'lb')) {
      const kg = loss.unit === 'lb' ? (loss.value ?? 0) * 0.4536 : (loss.value ?? 0);
      attrs.percent = Math.round((kg / (weight.value + kg)) * 1000) / 10;
    }
    loss.attributes = attrs;
  }
  const start = list.length;
  extra.forEach((e, i) => {
    e.id = `i${start + i}`;
    list.push(e);
  });
}
