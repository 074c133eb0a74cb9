import { describe, expect, it } from 'vitest';
import data from '../../../assets/rules/abbreviations.json';
import { ABBREVIATION_KINDS, abbreviationKey, abbreviationTable, parseAbbreviations } from '../../../utils/search/abbreviations';
import { hasCodesetDir } from '../../helpers/codeset-dir';
import { codeSetVocabulary, words } from '../../helpers/code-vocabulary';

/** A valid two-entry file to break one field at a time. */
function file(entries: unknown[], extra: Record<string, unknown> = {}) {
  return { version: 1, source: 'test', entries, ...extra };
}
const chf = { abbreviation: 'CHF', expansions: ['congestive heart failure'], kind: 'abbreviation' };
const aki = { abbreviation: 'AKI', expansions: ['acute kidney failure'], kind: 'abbreviation' };

describe('the shipped abbreviation file', () => {
  it('validates', () => {
    expect(() => parseAbbreviations(data)).not.toThrow();
  });

  it('has at least 350 entries, of every kind', () => {
    expect(abbreviationTable.entries.length).toBeGreaterThanOrEqual(350);
    for (const kind of ABBREVIATION_KINDS) expect(abbreviationTable.entries.some((e) => e.kind === kind)).toBe(true);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(abbreviationTable.entries)).toBe(true);
    expect(Object.isFrozen(abbreviationTable.entries[0]?.expansions)).toBe(true);
  });

  it('knows its longest phrase in words', () => {
    expect(abbreviationTable.maxWords).toBe(4); // "hardening of the arteries"
  });
});

describe('abbreviationKey', () => {
  it.each([
    ['A-fib', 'afib'],
    ['a.fib', 'afib'],
    ['A fib', 'afib'],
    ['C. diff', 'cdiff'],
    ['s/p', 'sp'],
    ['Sjögrens', 'sjogrens'],
  ])('%s → %s', (input, key) => {
    expect(abbreviationKey(input)).toBe(key);
  });
});

describe('expand', () => {
  it.each(['CHF', 'chf', 'C.H.F.', 'c h f', ' Chf '])('reads %j as heart failure', (form) => {
    expect(abbreviationTable.expand(form)).toEqual(['congestive heart failure', 'heart failure']);
  });

  it.each(['A-fib', 'afib', 'a.fib', 'A fib', 'AFib'])('reads %j as atrial fibrillation', (form) => {
    expect(abbreviationTable.expand(form)).toEqual(['atrial fibrillation']);
  });

  it.each(['C. diff', 'c diff', 'cdiff', 'C.diff'])('reads %j as C. difficile', (form) => {
    expect(abbreviationTable.expand(form)[0]).toBe('clostridioides difficile');
  });

  it('expands multi-word lay phrases', () => {
    expect(abbreviationTable.expand('heart attack')[0]).toBe('myocardial infarction');
    expect(abbreviationTable.expand('Water pill')).toEqual(['diuretic']);
  });

  it('lists every sense of an ambiguous abbreviation, best first', () => {
    const pe = abbreviationTable.lookup('PE');
    expect(pe?.ambiguous).toBe(true);
    expect(pe?.expansions).toEqual(['pulmonary embolism', 'pleural effusion', 'physical examination']);
    expect(abbreviationTable.lookup('HCC')?.ambiguous).toBe(true);
  });

  it('matches a case-sensitive entry only in capitals', () => {
    expect(abbreviationTable.expand('ALL')[0]).toBe('acute lymphoblastic leukemia');
    expect(abbreviationTable.expand('all')).toEqual([]);
    expect(abbreviationTable.expand('HIT')).toEqual(['heparin induced thrombocytopenia']);
    expect(abbreviationTable.expand('hit')).toEqual([]);
    expect(abbreviationTable.expand('Dr.')).toEqual([]);
  });

  it('reads a plural', () => {
    expect(abbreviationTable.expand('PVCs')[0]).toBe('premature ventricular contraction');
    expect(abbreviationTable.expand('utis')).toEqual(['urinary tract infection']);
    expect(abbreviationTable.expand("UTI's")).toEqual(['urinary tract infection']);
  });

  it('does not read a short ordinary word as a plural abbreviation', () => {
    expect(abbreviationTable.expand('has')).toEqual([]); // not HA (headache)
  });

  it('gives nothing for text that is not in the table', () => {
    expect(abbreviationTable.expand('pneumonia')).toEqual([]);
    expect(abbreviationTable.expand('')).toEqual([]);
    expect(abbreviationTable.expand('...')).toEqual([]);
  });

  it('returns a copy the caller may change', () => {
    abbreviationTable.expand('CHF').push('x');
    expect(abbreviationTable.expand('CHF')).toEqual(['congestive heart failure', 'heart failure']);
  });
});

describe('parseAbbreviations rejects bad data, naming the entry', () => {
  it('an unknown key', () => {
    expect(() => parseAbbreviations(file([chf, { ...aki, source: 'x' }]))).toThrow(
      'Invalid abbreviation file: entry 1 "AKI": unknown key "source"',
    );
  });

  it('an unknown key at the top', () => {
    expect(() => parseAbbreviations(file([chf], { extra: true }))).toThrow('Invalid abbreviation file: file: unknown key "extra"');
  });

  it('a missing key', () => {
    expect(() => parseAbbreviations(file([chf, { abbreviation: 'AKI', kind: 'abbreviation' }]))).toThrow(
      'Invalid abbreviation file: entry 1 "AKI": missing "expansions"',
    );
  });

  it('empty expansions', () => {
    expect(() => parseAbbreviations(file([{ ...chf, expansions: [] }]))).toThrow(
      'Invalid abbreviation file: entry 0 "CHF": expansions: needs at least one expansion',
    );
  });

  it('a blank expansion', () => {
    expect(() => parseAbbreviations(file([{ ...chf, expansions: ['heart failure', ' '] }]))).toThrow(
      'Invalid abbreviation file: entry 0 "CHF": expansions.1: must not be blank or padded with spaces',
    );
  });

  it('an expansion not in lower case', () => {
    expect(() => parseAbbreviations(file([{ ...chf, expansions: ['Heart failure'] }]))).toThrow(
      'Invalid abbreviation file: entry 0 "CHF": expansions.0: expansions are lower case',
    );
  });

  it('an unknown kind', () => {
    expect(() => parseAbbreviations(file([{ ...chf, kind: 'acronym' }]))).toThrow(
      'Invalid abbreviation file: entry 0 "CHF": kind: kind must be one of "abbreviation", "synonym", "misspelling-prone"',
    );
  });

  it('ambiguous: false (the flag is true or absent)', () => {
    expect(() => parseAbbreviations(file([{ ...chf, ambiguous: false }]))).toThrow(
      'Invalid abbreviation file: entry 0 "CHF": ambiguous: is either true or absent',
    );
  });

  it('an ambiguous entry without a note', () => {
    expect(() => parseAbbreviations(file([{ ...chf, ambiguous: true }]))).toThrow(
      'Invalid abbreviation file: entry 0 "CHF": an ambiguous entry needs a note saying which sense applies where',
    );
  });

  it('a case-sensitive entry not written in capitals', () => {
    expect(() => parseAbbreviations(file([{ ...chf, abbreviation: 'chf', caseSensitive: true }]))).toThrow(
      'Invalid abbreviation file: entry 0 "chf": a caseSensitive abbreviation is written in capitals',
    );
  });

  it('a duplicate, compared without case', () => {
    expect(() => parseAbbreviations(file([chf, aki, { ...chf, abbreviation: 'chf' }]))).toThrow(
      'Invalid abbreviation file: entry 2 "chf": same abbreviation as entry 0 "CHF" (compared without case, dots, hyphens or spaces)',
    );
  });

  it('a duplicate, compared without punctuation', () => {
    const afib = { abbreviation: 'AFib', expansions: ['atrial fibrillation'], kind: 'abbreviation' };
    expect(() => parseAbbreviations(file([afib, { ...afib, abbreviation: 'A-fib' }]))).toThrow(
      /entry 1 "A-fib": same abbreviation as entry 0 "AFib"/,
    );
  });

  it('the wrong version', () => {
    expect(() => parseAbbreviations({ ...file([chf]), version: 2 })).toThrow('Invalid abbreviation file: file: version: must be 1');
  });

  it('an entry that is not an object', () => {
    expect(() => parseAbbreviations(file([chf, 'AKI']))).toThrow(/^Invalid abbreviation file: entry 1/);
  });
});

// Expansions are what search matches against titles, so each word must exist in the code sets.
const CONNECTORS = new Set(['of', 'with', 'and', 'the', 'in', 'due', 'to', 'for', 'or', 'on', 'a', 'an', 'by', 'at', 'as', 'from']);

describe.skipIf(!hasCodesetDir)('expansions use code-set words', () => {
  it('every word of every expansion (connectors aside) occurs in ICD-10-CM, PCS or HCPCS titles or the index', () => {
    const vocabulary = codeSetVocabulary();
    const missing = abbreviationTable.entries.flatMap((entry) =>
      entry.expansions
        .map((expansion) => ({ expansion, absent: words(expansion).filter((w) => !CONNECTORS.has(w) && !vocabulary.has(w)) }))
        .filter(({ absent }) => absent.length > 0)
        .map(({ expansion, absent }) => `${entry.abbreviation}: "${expansion}" (${absent.join(', ')})`),
    );
    expect(missing).toEqual([]);
  });
});
