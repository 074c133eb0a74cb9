/**
 * Index cross-references the words of the record decide: a diabetes code needs diabetes in the record
 * (Guidelines I.C.4.a: "Coma, hypoglycemic (diabetic) - see Diabetes"), and a brain "injury" the words call
 * anoxic is Damage, brain, anoxic G93.1, not a trauma (S06.-). Through the whole pipeline; needs the
 * compiled code sets.
 */
import { describe, expect, it } from 'vitest';
import { readCompiledAssets } from '../../../scripts/codesets/compiled';
import type { IndexTerm } from '../../../utils/codes/types';
import { defaultCodingRules, parseCodingRules } from '../../../utils/coding/rule-pack';
import data from '../../../assets/rules/coding.json';
import { codedOf, compiled } from '../../helpers/knowledge';

/** The codes a note's analysis codes (suggested, in conflict or incomplete). */
const coded = (text: string): string[] => codedOf(text);

describe.skipIf(!compiled)('a diabetes code needs diabetes in the record (Guidelines I.C.4.a)', () => {
  it('codes a hypoglycemic coma with no diabetes documented as nondiabetic (E15), never E11.641', () => {
    const codes = coded('ASSESSMENT: Coma due to hypoglycemia.\n');
    expect(codes).toContain('E15');
    expect(codes.filter((c) => /^E(?:0[89]|1[0-3])/.test(c))).toEqual([]);
  });

  it('follows the cross-reference to Diabetes when the record names diabetes', () => {
    expect(coded('PMH: Type 2 diabetes mellitus on insulin.\nASSESSMENT: Coma due to hypoglycemia.\n')).toContain('E11641');
    expect(coded('PMH: T2DM.\nASSESSMENT: Hypoglycemic coma.\n')).toContain('E11641');
  });
});

describe.skipIf(!compiled)('an anoxic brain injury is anoxic brain damage, not a trauma', () => {
  it('codes G93.1 and no intracranial injury', () => {
    for (const note of [
      'ASSESSMENT: Coma secondary to anoxic brain injury.\n',
      'ASSESSMENT: Hypoxic brain injury after cardiac arrest.\n',
    ]) {
      const codes = coded(note);
      expect(codes).toContain('G931');
      expect(codes.filter((c) => c.startsWith('S06'))).toEqual([]);
    }
  });

  it('keeps a traumatic brain injury an injury', () => {
    expect(coded('ASSESSMENT: Traumatic brain injury after a fall from a ladder.\n').some((c) => c.startsWith('S06'))).toBe(true);
  });
});

describe('the crossReferences and needsDocumented rules', () => {
  it('are read from the pack', () => {
    const rules = defaultCodingRules();
    expect(rules.crossReferences.map((r) => r.code)).toContain('G931');
    expect(rules.needsDocumented.flatMap((r) => r.codes)).toContain('E08-E13');
  });

  it.skipIf(!compiled)('send a reading to an Index entry that gives the rule’s code', () => {
    const index = (readCompiledAssets(undefined, ['index'])[0]?.records ?? []) as IndexTerm[];
    const bare = (t: string) => t.replace(/\s*\([^)]*\)/g, '').toLowerCase();
    const codesAt = (path: readonly string[]): string[] => {
      let terms = index;
      let term: IndexTerm | undefined;
      for (const part of path) {
        term = terms.find((t) => bare(t.title) === part.toLowerCase());
        if (!term) return [];
        terms = term.children ?? [];
      }
      return (term?.codes ?? []).map((c) => c.code.replace(/[.-]/g, ''));
    };
    const wrong = defaultCodingRules().crossReferences.filter((r) => !codesAt(r.index).includes(r.code));
    expect(wrong.map((r) => `${r.index.join(', ')} → ${r.code}`)).toEqual([]);
  });

  it('refuse a rule without words', () => {
    const broken = structuredClone(data) as { needsDocumented: Array<{ words: string[] }> };
    (broken.needsDocumented[0] as { words: string[] }).words = [];
    expect(() => parseCodingRules(broken)).toThrow(/needsDocumented\.0\.words/);
  });
});
