/**
 * ConText (Harkema et al., J Biomed Inform 2009;42:839-51): is a mention negated, possible,
 * historical, hypothetical, or about someone other than the patient?
 *
 * Triggers (`assets/rules/context.json`) are matched on the normalised sentence, longest match first,
 * so a pseudo-trigger (`no increase`, `gram negative`, `history of present illness`) swallows the
 * shorter trigger inside it. Each remaining trigger has a scope in its direction:
 * - it runs to the end of the sentence (forward) or its start (backward), or `maxScope` words;
 * - a terminator (`but`, `however`, `which`, `presents`) ends it: `No fever but has cough` → cough affirmed;
 * - a trigger of another category ends it too (`No fever, history of asthma` → asthma not negated),
 *   unless only filler words sit between the two (`denies any history of DVT` → negated and historical).
 * A trigger inside a target modifies it only from the target's edge (`status post CABG`).
 *
 * Sections add defaults (`sectionRules`): a mention under Family History is a relative's; under Past
 * Medical History it is historical unless the sentence calls it current (`currently`, `active`).
 */
import { normalize, type NormalizedText, toNormalizedOffset, toOriginalSpan } from './normalize';
import { defaultContextRules } from './rules';
import type {
  ContextCategory,
  ContextResult,
  ContextRule,
  ContextRulePack,
  ContextTargetKind,
  ContextTrigger,
  Experiencer,
  SectionCategory,
  SectionContextRule,
  Span,
} from './types';

export interface ContextOptions {
  /** The section the sentence sits in, for section defaults (Family History → family). */
  section?: SectionCategory;
}

export interface CompiledContext {
  readonly pack: ContextRulePack;
  /** One alternation of every literal, longest first, on word boundaries. */
  readonly literals: RegExp | null;
  readonly byLiteral: ReadonlyMap<string, readonly ContextRule[]>;
  readonly patterns: ReadonlyArray<{ rule: ContextRule; re: RegExp }>;
  readonly sectionRules: ReadonlyMap<SectionCategory, readonly SectionContextRule[]>;
  readonly current: RegExp | null;
  readonly fillers: ReadonlySet<string>;
  readonly scopeSkipsFillers: ReadonlySet<ContextCategory>;
}

interface Match {
  start: number;
  end: number;
  rules: ContextRule[];
}

interface Trigger {
  rule: ContextRule;
  start: number;
  end: number;
  /** Scope on each side, in normalised offsets; empty when the direction does not reach that side. */
  before: Span;
  after: Span;
}

const WORD = '[\\p{L}\\p{N}]';
const compiledCache = new WeakMap<ContextRulePack, CompiledContext>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function literalKey(literal: string): string {
  return normalize(literal).text.trim();
}

/** Compile a validated pack once; `applyContext` caches this per pack object. */
export function compileContext(pack: ContextRulePack = defaultContextRules()): CompiledContext {
  const cached = compiledCache.get(pack);
  if (cached) return cached;
  const byLiteral = new Map<string, ContextRule[]>();
  const patterns: Array<{ rule: ContextRule; re: RegExp }> = [];
  for (const rule of pack.rules) {
    if (rule.pattern !== undefined) {
      patterns.push({ rule, re: new RegExp(rule.pattern, 'gu') });
      continue;
    }
    const key = literalKey(rule.literal);
    if (key === '') continue;
    const list = byLiteral.get(key) ?? [];
    list.push(rule);
    byLiteral.set(key, list);
  }
  const keys = [...byLiteral.keys()].sort((a, b) => b.length - a.length);
  const literals = keys.length === 0 ? null : new RegExp(`(?<!${WORD})(?:${keys.map(escapeRegExp).join('|')})(?!${WORD})`, 'gu');
  const sectionRules = new Map<SectionCategory, SectionContextRule[]>();
  for (const r of pack.sectionRules) {
    const list = sectionRules.get(r.section) ?? [];
    list.push(r);
    sectionRules.set(r.section, list);
  }
  const cues = pack.currentCues.map(literalKey).filter((c) => c !== '');
  const current = cues.length === 0 ? null : new RegExp(`(?<!${WORD})(?:${cues.map(escapeRegExp).join('|')})(?!${WORD})`, 'u');
  const compiled: CompiledContext = {
    pack,
    literals,
    byLiteral,
    patterns,
    sectionRules,
    current,
    fillers: new Set(pack.chainFillers.map(literalKey)),
    scopeSkipsFillers: new Set(pack.scopeSkipsFillers ?? []),
  };
  compiledCache.set(pack, compiled);
  return compiled;
}

/** Does the rule apply to a target of this kind (`targets`; all kinds when it names none)? */
function appliesTo(rule: ContextRule, kind: ContextTargetKind | undefined): boolean {
  return rule.targets === undefined || kind === undefined || rule.targets.includes(kind);
}

/**
 * All trigger matches, overlapping ones resolved longest-first (identical spans keep every rule). With a
 * target kind, rules for other kinds are left out before overlaps are resolved, so a condition's
 * sentence reads exactly as if they did not exist.
 */
function findTriggers(norm: NormalizedText, compiled: CompiledContext, kind?: ContextTargetKind): Match[] {
  const raw: Match[] = [];
  const text = norm.text;
  if (compiled.literals) {
    const re = compiled.literals;
    re.lastIndex = 0;
    let m: RegExpExecArray | null = re.exec(text);
    while (m !== null) {
      const rules = compiled.byLiteral.get(m[0])?.filter((r) => appliesTo(r, kind));
      if (rules && rules.length > 0) raw.push({ start: m.index, end: m.index + m[0].length, rules });
      if (m[0].length === 0) re.lastIndex++;
      m = re.exec(text);
    }
  }
  for (const { rule, re } of compiled.patterns) {
    if (!appliesTo(rule, kind)) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null = re.exec(text);
    while (m !== null) {
      if (m[0].length > 0) raw.push({ start: m.index, end: m.index + m[0].length, rules: [rule] });
      else re.lastIndex++;
      m = re.exec(text);
    }
  }
  raw.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const kept: Match[] = [];
  for (const m of raw) {
    const last = kept[kept.length - 1];
    if (last && m.start === last.start && m.end === last.end) {
      for (const r of m.rules) if (!last.rules.includes(r)) last.rules.push(r);
      continue;
    }
    // Longest first: a match overlapping the one kept before it (which starts earlier or is longer) is dropped.
    // Kept matches do not overlap and are sorted, so only the last one can reach this far.
    if (last && m.start < last.end) continue;
    kept.push(m);
  }
  return kept;
}

/**
 * Offsets of the first `n` words after `from` / before `to`, not counting `fillers` (the pack's
 * `scopeSkipsFillers` categories read their scope past "a", "had", "with": see ContextRulePack).
 */
const NO_FILLERS: ReadonlySet<string> = new Set();
function wordsAfter(text: string, from: number, n: number, fillers: ReadonlySet<string>): number {
  const re = /\S+/g;
  re.lastIndex = from;
  let end = from;
  for (let i = 0; i < n; ) {
    const m = re.exec(text);
    if (m === null) return text.length;
    end = m.index + m[0].length;
    if (!fillers.has(m[0].replace(/[^\p{L}\p{N}'/]+/gu, ''))) i++;
  }
  return end;
}

function wordsBefore(text: string, to: number, n: number, fillers: ReadonlySet<string>): number {
  let i = to;
  for (let k = 0; k < n; ) {
    while (i > 0 && text[i - 1] === ' ') i--;
    if (i === 0) return 0;
    const end = i;
    while (i > 0 && text[i - 1] !== ' ') i--;
    if (!fillers.has(text.slice(i, end).replace(/[^\p{L}\p{N}'/]+/gu, ''))) k++;
  }
  return i;
}

/** Only filler words between two triggers: the second continues the first (`no history of`). */
function chained(text: string, from: number, to: number, fillers: ReadonlySet<string>): boolean {
  if (to <= from) return true;
  const words = text.slice(from, to).match(/[\p{L}\p{N}'/]+/gu) ?? [];
  return words.every((w) => fillers.has(w));
}

const MODIFIERS = new Set<ContextCategory>([
  'NEGATED_EXISTENCE',
  'POSSIBLE_EXISTENCE',
  'HISTORICAL',
  'HYPOTHETICAL',
  'FAMILY',
  'OTHER_EXPERIENCER',
]);

/**
 * How many neighbouring triggers a scope looks at for one of another category. Real sentences have a
 * handful; the cap keeps a pasted wall of trigger words linear instead of quadratic.
 */
const SCAN_LIMIT = 64;

/** Index of the first span whose `key` is at or after `offset` (spans sorted by start). */
function lowerBound(spans: readonly Match[], offset: number, key: 'start' | 'end'): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((spans[mid]?.[key] ?? Number.MAX_SAFE_INTEGER) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The inside of the parentheses that enclose `[start, end)`, if any (nearest pair, same sentence). */
function parenthesesAround(text: string, start: number, end: number): Span | undefined {
  const open = text.lastIndexOf('(', start);
  if (open < 0 || text.lastIndexOf(')', start) > open) return undefined;
  const close = text.indexOf(')', end);
  if (close < 0) return undefined;
  const reopened = text.indexOf('(', end);
  if (reopened >= 0 && reopened < close) return undefined;
  return { start: open + 1, end: close };
}

function scopes(text: string, matches: Match[], compiled: CompiledContext): Trigger[] {
  // Matches do not overlap and are sorted, so starts and ends are both increasing.
  const terminators = matches.filter((m) => m.rules.some((r) => r.category === 'TERMINATE'));
  const modifiers: Array<{ m: Match; rule: ContextRule }> = [];
  for (const m of matches) for (const rule of m.rules) if (MODIFIERS.has(rule.category)) modifiers.push({ m, rule });
  const out: Trigger[] = [];
  modifiers.forEach(({ m, rule }, i) => {
    const forward = rule.direction === 'forward' || rule.direction === 'bidirectional';
    const backward = rule.direction === 'backward' || rule.direction === 'bidirectional';
    const skipped = compiled.scopeSkipsFillers.has(rule.category) ? compiled.fillers : NO_FILLERS;
    let after: Span = { start: m.end, end: m.end };
    let before: Span = { start: m.start, end: m.start };
    if (forward) {
      let end = terminators[lowerBound(terminators, m.end, 'start')]?.start ?? text.length;
      for (let j = i + 1, seen = 0; j < modifiers.length && seen < SCAN_LIMIT; j++) {
        const o = modifiers[j];
        if (o === undefined || o.m.start >= end) break;
        if (o.m === m || o.rule.category === rule.category) continue;
        seen++;
        if (!chained(text, m.end, o.m.start, compiled.fillers)) {
          end = o.m.start;
          break;
        }
      }
      if (rule.maxScope !== undefined) end = Math.min(end, wordsAfter(text, m.end, rule.maxScope, skipped));
      after = { start: m.end, end };
    }
    if (backward) {
      const t = lowerBound(terminators, m.start + 1, 'end') - 1;
      let start = t >= 0 ? (terminators[t]?.end ?? 0) : 0;
      for (let j = i - 1, seen = 0; j >= 0 && seen < SCAN_LIMIT; j--) {
        const o = modifiers[j];
        if (o === undefined || o.m.end <= start) break;
        if (o.m === m || o.rule.category === rule.category) continue;
        seen++;
        if (!chained(text, o.m.end, m.start, compiled.fillers)) {
          start = o.m.end;
          break;
        }
      }
      if (rule.maxScope !== undefined) start = Math.max(start, wordsBefore(text, m.start, rule.maxScope, skipped));
      before = { start, end: m.start };
    }
    // A trigger inside parentheses speaks of what they enclose: "asthma with acute exacerbation (status
    // asthmaticus ruled out)" rules out the status asthmaticus, not the exacerbation.
    const enclosing = parenthesesAround(text, m.start, m.end);
    if (enclosing) {
      before = { start: Math.max(before.start, Math.min(enclosing.start, before.end)), end: before.end };
      after = { start: after.start, end: Math.max(after.start, Math.min(after.end, enclosing.end)) };
    }
    out.push({ rule, start: m.start, end: m.end, before, after });
  });
  return out;
}

/** Does this trigger modify the target `[ts, te)` (normalised offsets)? */
function covers(t: Trigger, ts: number, te: number): boolean {
  if (t.start < te && t.end > ts) {
    // Inside the target: only from its edge, towards the rest of the target (`STATUS POST splenectomy`);
    // a target that is all trigger (`sick contacts`) is not modified by itself.
    const forward = t.after.end > t.after.start && t.start <= ts + 1 && te > t.end + 1;
    const backward = t.before.end > t.before.start && t.end >= te - 1 && ts + 1 < t.start;
    return forward || backward;
  }
  if (ts >= t.end) return ts < t.after.end;
  if (te <= t.start) return te > t.before.start;
  return false;
}

/** Negations that Index phrases use inside a term's own words ("attention-deficit without hyperactivity disorder", "do not resuscitate status"). */
const IN_TERM_WORDS = new Set(['without', 'not', 'do not']);

/**
 * A forward negation inside the target, before the condition its head word (the Index main term, the first
 * word of the title or inclusion read) names: the site words before it
 * are the reader's, the negation is the note's ("x-ray of the wrist negative for fracture", "lumbar spine
 * shows no fracture": no fracture is found).
 */
function negatesMainTerm(t: Trigger, ts: number, te: number, text: string, term: string | undefined): boolean {
  if (term === undefined || t.rule.category !== 'NEGATED_EXISTENCE' || t.after.end <= t.after.start) return false;
  if (t.start <= ts || t.end >= te) return false;
  const stem = firstWord(term).replace(/[^a-z]/g, '').slice(0, 5);
  if (stem.length < 3 || IN_TERM_WORDS.has(t.rule.literal.toLowerCase())) return false;
  // The condition right after the negation, or after one word ("no acute fracture").
  const m = new RegExp(`^\\W*(?:[a-z-]+\\W+)?${stem}`).exec(text.slice(t.end, te));
  return m !== null && t.end + m[0].length <= t.after.end;
}

const firstWord = (literal: string) => literal.toLowerCase().split(/\s+/)[0] ?? literal;

function emptyResult(): ContextResult {
  return { negated: false, possible: false, historical: false, hypothetical: false, experiencer: 'patient', triggers: [] };
}

function clampSpan(target: Span, length: number): Span {
  const s = Number.isFinite(target.start) ? Math.max(0, Math.min(Math.trunc(target.start), length)) : 0;
  const e = Number.isFinite(target.end) ? Math.max(s, Math.min(Math.trunc(target.end), length)) : s;
  return { start: s, end: e };
}

/**
 * Context of each target (character spans into `sentenceText`) in one sentence.
 *
 * @example applyContext('No fever but has cough.', [{ start: 3, end: 8 }, { start: 17, end: 22 }], rules)
 *   // fever: negated (trigger "no"); cough: not negated ("but" ends the scope)
 */
export function applyContext(
  sentenceText: string,
  targets: ReadonlyArray<Span & { kind?: ContextTargetKind; mainTerm?: string; headWord?: string }>,
  rules: ContextRulePack | CompiledContext = defaultContextRules(),
  options: ContextOptions = {},
): ContextResult[] {
  if (targets.length === 0) return [];
  const compiled = 'byLiteral' in rules ? rules : compileContext(rules);
  const norm = normalize(sentenceText);
  const byKind = new Map<ContextTargetKind, Trigger[]>();
  const triggersFor = (kind: ContextTargetKind): Trigger[] => {
    let t = byKind.get(kind);
    if (!t) {
      t = scopes(norm.text, findTriggers(norm, compiled, kind), compiled);
      byKind.set(kind, t);
    }
    return t;
  };
  const sectionDefaults = options.section === undefined ? [] : (compiled.sectionRules.get(options.section) ?? []);
  const current = compiled.current?.test(norm.text) ?? false;

  return targets.map((target) => {
    const result = emptyResult();
    const span = clampSpan(target, sentenceText.length);
    if (span.end <= span.start) return result;
    const ts = toNormalizedOffset(norm, span.start);
    const te = Math.max(ts + 1, toNormalizedOffset(norm, span.end));
    let experiencer: Experiencer = 'patient';
    const term = target.mainTerm?.toLowerCase();
    for (const t of triggersFor(target.kind ?? 'condition')) {
      if (!covers(t, ts, te) && !negatesMainTerm(t, ts, te, norm.text, target.headWord?.toLowerCase())) continue;
      // A trigger that is the target's own Index main term ("Screening for colon cancer": Screening, Z12.11)
      // names what the code is, it does not modify it.
      if (term !== undefined && t.start >= ts && t.end <= te && term.startsWith(firstWord(t.rule.literal))) continue;
      const original = toOriginalSpan(norm, t.start, t.end);
      const trigger: ContextTrigger = { literal: t.rule.literal, category: t.rule.category, start: original.start, end: original.end };
      if (result.triggers.some((x) => x.start === trigger.start && x.category === trigger.category)) continue;
      result.triggers.push(trigger);
      experiencer = mark(result, t.rule.category, experiencer);
    }
    for (const d of sectionDefaults) {
      if (d.unlessCurrent && current) continue;
      result.triggers.push({ literal: `section: ${d.section}`, category: d.category, start: 0, end: 0 });
      experiencer = mark(result, d.category, experiencer);
    }
    result.experiencer = experiencer;
    return result;
  });
}

/**
 * Every trigger in a sentence with its scope in original offsets, whatever it modifies: for
 * highlighting and for explaining why a target was (or was not) flagged.
 */
export function listTriggers(
  sentenceText: string,
  rules: ContextRulePack | CompiledContext = defaultContextRules(),
): Array<ContextTrigger & { scope: Span }> {
  const compiled = 'byLiteral' in rules ? rules : compileContext(rules);
  const norm = normalize(sentenceText);
  const matches = findTriggers(norm, compiled);
  const out: Array<ContextTrigger & { scope: Span }> = [];
  for (const m of matches) {
    for (const rule of m.rules) {
      if (MODIFIERS.has(rule.category)) continue;
      const span = toOriginalSpan(norm, m.start, m.end);
      out.push({ literal: rule.literal, category: rule.category, start: span.start, end: span.end, scope: span });
    }
  }
  for (const t of scopes(norm.text, matches, compiled)) {
    const span = toOriginalSpan(norm, t.start, t.end);
    const from = t.before.end > t.before.start ? t.before.start : t.after.start;
    const to = t.after.end > t.after.start ? t.after.end : t.before.end;
    out.push({
      literal: t.rule.literal,
      category: t.rule.category,
      start: span.start,
      end: span.end,
      scope: toOriginalSpan(norm, from, to),
    });
  }
  return out.sort((a, b) => a.start - b.start);
}

function mark(result: ContextResult, category: ContextCategory, experiencer: Experiencer): Experiencer {
  switch (category) {
    case 'NEGATED_EXISTENCE':
      result.negated = true;
      return experiencer;
    case 'POSSIBLE_EXISTENCE':
      result.possible = true;
      return experiencer;
    case 'HISTORICAL':
      result.historical = true;
      return experiencer;
    case 'HYPOTHETICAL':
      result.hypothetical = true;
      return experiencer;
    case 'FAMILY':
      return 'family';
    case 'OTHER_EXPERIENCER':
      return experiencer === 'family' ? 'family' : 'other';
    default:
      return experiencer;
  }
}
