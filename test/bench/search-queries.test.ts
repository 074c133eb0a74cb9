import { describe, expect, it } from 'vitest';
import data from '../../bench/search-queries.json';
import { parseSearchQueries, QUERY_GROUPS } from '../../bench/search-queries';
import { abbreviationKey, abbreviationTable } from '../../utils/search/abbreviations';
import { hasCodesetDir } from '../helpers/codeset-dir';
import { billableCodes, codeSetVocabulary, words } from '../helpers/code-vocabulary';

const { queries } = parseSearchQueries(data);

describe('the hand-written search queries', () => {
  it('validate', () => {
    expect(() => parseSearchQueries(data)).not.toThrow();
  });

  it('number at least 160: 90 abbreviation or synonym, 70 misspelling', () => {
    const count = Object.fromEntries(QUERY_GROUPS.map((g) => [g, queries.filter((q) => q.group === g).length]));
    expect(queries.length).toBeGreaterThanOrEqual(160);
    expect(count.abbreviation).toBeGreaterThanOrEqual(90);
    expect(count.misspelling).toBeGreaterThanOrEqual(70);
  });

  it('have no duplicates (ignoring case and spacing)', () => {
    const seen = new Map<string, number>();
    const duplicates = queries.flatMap((q, i) => {
      const key = q.query.toLowerCase().replace(/\s+/g, ' ');
      const first = seen.get(key);
      seen.set(key, first ?? i);
      return first === undefined ? [] : [`${i} "${q.query}" repeats ${first}`];
    });
    expect(duplicates).toEqual([]);
  });

  it('mark real-word errors only in the misspelling group', () => {
    expect(queries.filter((q) => q.realWordError && q.group !== 'misspelling').map((q) => q.query)).toEqual([]);
  });

  it('reject a bad query, naming it', () => {
    const bad = { ...data, queries: [data.queries[0], { query: 'chf', expected: [], group: 'abbreviation', system: 'icd10cm' }] };
    expect(() => parseSearchQueries(bad)).toThrow('Invalid search query file: query 1 "chf": expected: needs at least one expected code');
    const dotted = { ...data, queries: [{ query: 'htn', expected: ['I10.'], group: 'abbreviation', system: 'icd10cm' }] };
    expect(() => parseSearchQueries(dotted)).toThrow(/query 0 "htn": expected\.0: codes are dotless/);
    const extra = { ...data, queries: [{ query: 'htn', expected: ['I10'], group: 'abbreviation', system: 'icd10cm', weight: 2 }] };
    expect(() => parseSearchQueries(extra)).toThrow(/^Invalid search query file: query 0 "htn"/);
  });
});

describe.skipIf(!hasCodesetDir)('the hand-written search queries against the code sets', () => {
  it('expect only billable codes (ICD-10-CM FY2027, ICD-10-PCS FY2026, HCPCS 2026)', () => {
    const notBillable = queries.flatMap((q) =>
      q.expected.filter((c) => !billableCodes(q.system).has(c)).map((c) => `"${q.query}": ${c} (${q.system})`),
    );
    expect(notBillable).toEqual([]);
  });

  it('misspell a word in every misspelling query (a word no code set uses), unless marked a real-word error', () => {
    const vocabulary = codeSetVocabulary();
    const wrong = queries
      .filter((q) => q.group === 'misspelling')
      .filter((q) => words(q.query).some((w) => !vocabulary.has(w)) === Boolean(q.realWordError))
      .map((q) => q.query);
    expect(wrong).toEqual([]);
  });

  it('keep the yardstick apart from the data: no misspelt word is an abbreviation-table key', () => {
    const vocabulary = codeSetVocabulary();
    const overlap = queries
      .filter((q) => q.group === 'misspelling')
      .flatMap((q) => words(q.query).filter((w) => !vocabulary.has(w) && abbreviationTable.lookup(w) !== undefined))
      .map((w) => abbreviationKey(w));
    expect(overlap).toEqual([]);
  });
});
