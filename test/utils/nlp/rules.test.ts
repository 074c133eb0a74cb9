import { describe, expect, it } from 'vitest';
import contextJson from '../../../assets/rules/context.json';
import sectionsJson from '../../../assets/rules/sections.json';
import {
  defaultContextRules,
  defaultSectionRules,
  parseContextRules,
  parseSectionRules,
  RulePackError,
  ruleMessages,
} from '../../../utils/nlp/rules';
import { CONTEXT_CATEGORIES, CONTEXT_DIRECTIONS, SECTION_CATEGORIES } from '../../../utils/nlp/types';

const contextPack = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
  version: 1,
  rules,
  sectionRules: [],
  currentCues: [],
  chainFillers: [],
  ...extra,
});
const sectionPack = (rules: unknown[], extra: Record<string, unknown> = {}) => ({ version: 1, containers: [], rules, ...extra });
const no = { literal: 'no', category: 'NEGATED_EXISTENCE', direction: 'forward' };

function errorOf(fn: () => unknown): RulePackError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RulePackError) return error;
    throw error;
  }
  throw new Error('expected a RulePackError');
}

describe('shipped rule packs', () => {
  it('context.json validates', () => {
    expect(() => parseContextRules(contextJson)).not.toThrow();
    expect(defaultContextRules().rules.length).toBeGreaterThan(100);
  });

  it('sections.json validates', () => {
    expect(() => parseSectionRules(sectionsJson)).not.toThrow();
  });

  it('has at least 40 header variants', () => {
    const variants = defaultSectionRules().rules.reduce((n, r) => n + 1 + r.variants.length, 0);
    expect(variants).toBeGreaterThanOrEqual(40);
  });

  it('maps a header to every section category except unknown', () => {
    const used = new Set(defaultSectionRules().rules.map((r) => r.category));
    expect(SECTION_CATEGORIES.filter((c) => c !== 'unknown' && !used.has(c))).toEqual([]);
  });

  it('has a trigger in every ConText category and direction', () => {
    const rules = defaultContextRules().rules;
    expect(CONTEXT_CATEGORIES.filter((c) => !rules.some((r) => r.category === c))).toEqual([]);
    expect(CONTEXT_DIRECTIONS.filter((d) => !rules.some((r) => r.direction === d))).toEqual([]);
  });

  it('names a source for every rule', () => {
    expect(defaultContextRules().rules.filter((r) => !r.source)).toEqual([]);
    expect(defaultSectionRules().rules.filter((r) => !r.source)).toEqual([]);
  });

  it('treats "history of present illness" as a pseudo-trigger', () => {
    expect(defaultContextRules().rules.find((r) => r.literal === 'history of present illness')?.category).toBe('PSEUDO');
  });
});

describe('parseContextRules rejects bad packs, naming the rule', () => {
  it.each<[string, unknown, string]>([
    [
      'an unknown key in a rule',
      contextPack([no, { ...no, literal: 'denies', scope: 3 }]),
      'context.json: rule 2 "denies": unknown key "scope"',
    ],
    [
      'an unknown direction',
      contextPack([{ ...no, direction: 'sideways' }]),
      'context.json: rule 1 "no": direction "sideways" is not one of forward, backward, bidirectional, terminate, pseudo',
    ],
    [
      'an unknown category',
      contextPack([{ ...no, category: 'NEGATION' }]),
      'context.json: rule 1 "no": category "NEGATION" is not one of NEGATED_EXISTENCE, POSSIBLE_EXISTENCE, HISTORICAL, HYPOTHETICAL, FAMILY, OTHER_EXPERIENCER, TERMINATE, PSEUDO',
    ],
    ['a missing literal', contextPack([{ category: 'TERMINATE', direction: 'terminate' }]), 'context.json: rule 1: "literal" is missing'],
    [
      'a direction that does not fit the category',
      contextPack([{ literal: 'but', category: 'TERMINATE', direction: 'forward' }]),
      `context.json: rule 1 "but": ${ruleMessages.directionForCategory('forward', 'TERMINATE', 'terminate')}`,
    ],
    [
      'a terminate direction on a modifier',
      contextPack([{ ...no, direction: 'terminate' }]),
      'context.json: rule 1 "no": direction "terminate" does not fit category NEGATED_EXISTENCE (expected forward, backward or bidirectional)',
    ],
    ['a pattern that does not compile', contextPack([{ ...no, pattern: '(no' }]), 'context.json: rule 1 "no": pattern does not compile'],
    [
      'an unknown target kind',
      contextPack([{ ...no, targets: ['drug'] }]),
      'context.json: rule 1 "no": targets "drug" is not one of condition, procedure',
    ],
    [
      'a pattern matching the empty string',
      contextPack([{ ...no, pattern: 'x*' }]),
      `context.json: rule 1 "no": ${ruleMessages.emptyPattern}`,
    ],
    ['a duplicate rule', contextPack([no, { ...no, literal: 'No ' }]), 'context.json: rule 2 "No ": duplicates rule 1'],
    ['a maxScope that is not a positive integer', contextPack([{ ...no, maxScope: 0 }]), 'context.json: rule 1 "no": maxScope: '],
    [
      'an unknown section in a section rule',
      contextPack([], { sectionRules: [{ section: 'pmh', category: 'HISTORICAL' }] }),
      'context.json: section rule 1 (pmh): section "pmh" is not one of',
    ],
    ['an unknown key in the pack', contextPack([], { triggers: [] }), 'context.json: unknown key "triggers"'],
    ['a missing list', { version: 1, rules: [] }, 'context.json: "sectionRules" is missing'],
  ])('%s', (_name, input, message) => {
    const error = errorOf(() => parseContextRules(input));
    expect(error.message.startsWith(message)).toBe(true);
  });

  it('names the file it was given', () => {
    expect(errorOf(() => parseContextRules(contextPack([{ ...no, x: 1 }]), 'my-rules.json')).message).toBe(
      'my-rules.json: rule 1 "no": unknown key "x"',
    );
  });

  it('allows one literal in two categories (family history is family and historical)', () => {
    const pack = contextPack([
      { literal: 'family history of', category: 'FAMILY', direction: 'forward' },
      { literal: 'family history of', category: 'HISTORICAL', direction: 'forward' },
    ]);
    expect(parseContextRules(pack).rules).toHaveLength(2);
  });
});

describe('parseSectionRules rejects bad packs, naming the rule', () => {
  const pmh = { literal: 'Past Medical History', category: 'past_medical_history', variants: ['PMH'] };

  it.each<[string, unknown, string]>([
    ['an unknown key', sectionPack([{ ...pmh, alias: 'x' }]), 'sections.json: rule 1 "Past Medical History": unknown key "alias"'],
    [
      'an unknown category',
      sectionPack([{ ...pmh, category: 'pmh' }]),
      'sections.json: rule 1 "Past Medical History": category "pmh" is not one of chief_complaint,',
    ],
    [
      'a variant claimed twice',
      sectionPack([pmh, { literal: 'Problem List', category: 'problem_list', variants: ['pmh'] }]),
      'sections.json: rule 2 "Problem List": variant "pmh" is already a header of "Past Medical History"',
    ],
    [
      'an unknown container',
      sectionPack([pmh], { containers: ['exam'] }),
      'sections.json: containers 1: containers "exam" is not one of chief_complaint,',
    ],
  ])('%s', (_name, input, message) => {
    const error = errorOf(() => parseSectionRules(input));
    expect(error.message.startsWith(message)).toBe(true);
  });
});
