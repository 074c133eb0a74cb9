/**
 * Rule packs of the note-analysis pipeline (section headers, ConText triggers): JSON data under
 * `assets/rules/`, validated on load with valibot. Unknown keys, unknown categories or directions,
 * a direction that contradicts its category, a pattern that does not compile and duplicate rules
 * are refused with a message naming the file and the rule (STYLE.md conventions 3 and 4; medspaCy
 * validates its ConTextRule keys and directions the same way).
 */
import * as v from 'valibot';
import contextJson from '../../assets/rules/context.json';
import sectionsJson from '../../assets/rules/sections.json';
import { CONTEXT_CATEGORIES, CONTEXT_DIRECTIONS, CONTEXT_TARGET_KINDS, type ContextRulePack, SECTION_CATEGORIES, type SectionRulePack } from './types';

/** Every user-facing message about rule packs, in one place (tests assert the wording). */
export const ruleMessages = {
  unknownKey: (key: string) => `unknown key "${key}"`,
  missing: (field: string) => `"${field}" is missing`,
  notOneOf: (field: string, found: string, allowed: readonly string[]) => `${field} "${found}" is not one of ${allowed.join(', ')}`,
  invalid: (field: string, detail: string) => `${field}: ${detail}`,
  directionForCategory: (direction: string, category: string, expected: string) =>
    `direction "${direction}" does not fit category ${category} (expected ${expected})`,
  badPattern: (detail: string) => `pattern does not compile (${detail})`,
  emptyPattern: 'pattern matches the empty string',
  emptyLiteral: 'literal is empty',
  duplicateRule: (other: number) => `duplicates rule ${other}`,
  duplicateVariant: (variant: string, other: string) => `variant "${variant}" is already a header of "${other}"`,
} as const;

export class RulePackError extends Error {
  readonly file: string;
  /** `rule 12 "no evidence of"`, or undefined when the problem is with the pack itself. */
  readonly rule: string | undefined;

  constructor(file: string, rule: string | undefined, detail: string) {
    super(rule === undefined ? `${file}: ${detail}` : `${file}: ${rule}: ${detail}`);
    this.name = 'RulePackError';
    this.file = file;
    this.rule = rule;
  }
}

const text = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));

const contextRuleSchema = v.strictObject({
  literal: text(200),
  category: v.picklist(CONTEXT_CATEGORIES),
  direction: v.picklist(CONTEXT_DIRECTIONS),
  pattern: v.optional(text(500)),
  maxScope: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200))),
  targets: v.optional(v.pipe(v.array(v.picklist(CONTEXT_TARGET_KINDS)), v.minLength(1))),
  source: v.optional(text(300)),
});

const sectionContextRuleSchema = v.strictObject({
  section: v.picklist(SECTION_CATEGORIES),
  category: v.picklist(['HISTORICAL', 'HYPOTHETICAL', 'FAMILY', 'OTHER_EXPERIENCER'] as const),
  unlessCurrent: v.optional(v.boolean()),
  source: v.optional(text(300)),
});

const contextPackSchema = v.strictObject({
  version: v.literal(1),
  description: v.optional(v.string()),
  rules: v.array(contextRuleSchema),
  sectionRules: v.array(sectionContextRuleSchema),
  currentCues: v.array(text(80)),
  chainFillers: v.array(text(40)),
  scopeSkipsFillers: v.optional(v.array(v.picklist(CONTEXT_CATEGORIES))),
});

const sectionRuleSchema = v.strictObject({
  literal: text(120),
  category: v.picklist(SECTION_CATEGORIES),
  variants: v.array(text(120)),
  subsection: v.optional(v.boolean()),
  source: v.optional(text(300)),
});

const sectionPackSchema = v.strictObject({
  version: v.literal(1),
  description: v.optional(v.string()),
  containers: v.array(v.picklist(SECTION_CATEGORIES)),
  rules: v.array(sectionRuleSchema),
});

type Issue = v.BaseIssue<unknown>;

function fieldName(issue: Issue): string {
  const keys = (issue.path ?? []).map((p) => p.key);
  // `containers[0]` is about the containers list, not a field named "0".
  while (keys.length > 0 && typeof keys[keys.length - 1] === 'number') keys.pop();
  const last = keys[keys.length - 1];
  return last === undefined ? 'pack' : String(last);
}

/** Name the rule an issue is about: `rule 3 "no evidence of"` / `section rule 2 (family_history)`. */
function ruleLabel(input: unknown, issue: Issue): string | undefined {
  const path = issue.path ?? [];
  const list = path[0]?.key;
  const index = path[1]?.key;
  if (typeof list !== 'string' || typeof index !== 'number') return undefined;
  const item = (input as Record<string, unknown[] | undefined>)[list]?.[index] as Record<string, unknown> | undefined;
  if (list === 'rules') {
    const literal = typeof item?.literal === 'string' ? ` "${item.literal}"` : '';
    return `rule ${index + 1}${literal}`;
  }
  if (list === 'sectionRules') {
    const section = typeof item?.section === 'string' ? ` (${item.section})` : '';
    return `section rule ${index + 1}${section}`;
  }
  return `${list} ${index + 1}`;
}

function describe(issue: Issue): string {
  const path = issue.path ?? [];
  const last = path[path.length - 1] as { origin?: string; key?: unknown } | undefined;
  // valibot reports both an unknown and a missing key of a strict object at the key; `never` is the unknown one.
  if (issue.type === 'strict_object' && last?.origin === 'key' && issue.expected === 'never') {
    return ruleMessages.unknownKey(String(last.key));
  }
  const field = fieldName(issue);
  if (issue.received === 'undefined') return ruleMessages.missing(field);
  if (issue.type === 'picklist') {
    const options = (issue.expected?.match(/"[^"]*"/g) ?? []).map((o) => o.slice(1, -1));
    return ruleMessages.notOneOf(field, String(issue.input), options);
  }
  return ruleMessages.invalid(field, issue.message);
}

function parseWith<T>(schema: v.GenericSchema<unknown, T>, input: unknown, file: string): T {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    const issue = result.issues[0];
    throw new RulePackError(file, ruleLabel(input, issue), describe(issue));
  }
  return result.output;
}

const EXPECTED_DIRECTION: Partial<Record<string, string>> = { TERMINATE: 'terminate', PSEUDO: 'pseudo' };

/** Validate a ConText rule pack (`assets/rules/context.json` or a user's own). Throws `RulePackError`. */
export function parseContextRules(input: unknown, file = 'context.json'): ContextRulePack {
  const pack = parseWith(contextPackSchema, input, file) as ContextRulePack;
  const seen = new Map<string, number>();
  pack.rules.forEach((rule, i) => {
    const label = `rule ${i + 1} "${rule.literal}"`;
    const expected = EXPECTED_DIRECTION[rule.category];
    if (expected !== undefined ? rule.direction !== expected : rule.direction === 'terminate' || rule.direction === 'pseudo') {
      throw new RulePackError(
        file,
        label,
        ruleMessages.directionForCategory(rule.direction, rule.category, expected ?? 'forward, backward or bidirectional'),
      );
    }
    if (rule.literal.trim() === '') throw new RulePackError(file, label, ruleMessages.emptyLiteral);
    if (rule.pattern !== undefined) {
      let re: RegExp;
      try {
        re = new RegExp(rule.pattern, 'u');
      } catch (error) {
        throw new RulePackError(file, label, ruleMessages.badPattern(error instanceof Error ? error.message : String(error)));
      }
      if (re.test('')) throw new RulePackError(file, label, ruleMessages.emptyPattern);
    }
    const key = `${rule.category}\u0000${rule.pattern ?? rule.literal.toLowerCase().replace(/\s+/g, ' ').trim()}`;
    const other = seen.get(key);
    if (other !== undefined) throw new RulePackError(file, label, ruleMessages.duplicateRule(other + 1));
    seen.set(key, i);
  });
  return pack;
}

/** Validate a section-header rule pack (`assets/rules/sections.json`). Throws `RulePackError`. */
export function parseSectionRules(input: unknown, file = 'sections.json'): SectionRulePack {
  const pack = parseWith(sectionPackSchema, input, file) as SectionRulePack;
  const owner = new Map<string, string>();
  pack.rules.forEach((rule, i) => {
    for (const variant of [rule.literal, ...rule.variants]) {
      const key = variant.toLowerCase().replace(/\s+/g, ' ').trim();
      const other = owner.get(key);
      if (other !== undefined) {
        throw new RulePackError(file, `rule ${i + 1} "${rule.literal}"`, ruleMessages.duplicateVariant(variant, other));
      }
      owner.set(key, rule.literal);
    }
  });
  return pack;
}

// The shipped packs are validated on first use, not at import time (STYLE.md convention 1).
let shippedContext: ContextRulePack | undefined;
let shippedSections: SectionRulePack | undefined;

/** The shipped ConText rules, validated once. */
export function defaultContextRules(): ContextRulePack {
  shippedContext ??= parseContextRules(contextJson, 'assets/rules/context.json');
  return shippedContext;
}

/** The shipped section-header rules, validated once. */
export function defaultSectionRules(): SectionRulePack {
  shippedSections ??= parseSectionRules(sectionsJson, 'assets/rules/sections.json');
  return shippedSections;
}
