import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_DIR, readCompiledAssets } from '../../../scripts/codesets/compiled';
import type { IndexTerm, TabularNode } from '../../../utils/codes/types';
import historyWordsJson from '../../../assets/rules/history-words.json';
import { FamilyHistoryClasses, HistoryIndex, parseClassifiableRanges, parseHistoryWords } from '../../../utils/coding/history';

const compiled = existsSync(resolve(COMPILED_DIR, 'catalog.json'));

describe.skipIf(!compiled)('HistoryIndex on the FY2027 Index (History, personal / family)', () => {
  let history: HistoryIndex;
  beforeAll(() => {
    const index = readCompiledAssets(undefined, ['index']).find((a) => a.header.kind === 'index')?.records as IndexTerm[];
    history = new HistoryIndex(index);
  });

  it('reads "without …" in an entry as its default, not as words the note must write: a past stroke is Z86.73', () => {
    expect(history.codeFor('personal', ['stroke'], false)?.code).toBe('Z8673');
    expect(history.codeFor('personal', ['cerebral infarction'], false)?.code).toBe('Z8673');
  });

  it('gives no "without residual deficits" entry to a stroke named with its residual deficits (those are sequelae, I69.-)', () => {
    expect(history.codeFor('personal', ['stroke', 'with residual deficits'], false)?.code).not.toBe('Z8673');
  });

  it('still needs every specific word before the "without"', () => {
    expect(history.codeFor('personal', ['infarction'], false)?.code).not.toBe('Z8673');
  });
});

describe('parseClassifiableRanges (Tabular inclusion terms of Z80-Z87)', () => {
  it('reads ranges, lists, lone categories and open subcategories as dotless bounds', () => {
    expect(parseClassifiableRanges('Conditions classifiable to I00-I52, I65-I99')).toEqual([
      { from: 'I00', to: 'I52' },
      { from: 'I65', to: 'I99' },
    ]);
    expect(parseClassifiableRanges('Conditions classifiable to C50.-')).toEqual([{ from: 'C50', to: 'C50' }]);
    expect(parseClassifiableRanges('Conditions classifiable to C7A.022-C7A.025, C7A.029')).toEqual([
      { from: 'C7A022', to: 'C7A025' },
      { from: 'C7A029', to: 'C7A029' },
    ]);
    expect(parseClassifiableRanges('Conditions classifiable to C40-C41; C45-C49')).toHaveLength(2);
    expect(parseClassifiableRanges('Conditions classifiable elsewhere in F01-F99')).toEqual([{ from: 'F01', to: 'F99' }]);
    expect(parseClassifiableRanges('Family history of sudden cardiac death')).toEqual([]);
  });
});

describe('FamilyHistoryClasses: a relative\'s condition by its class in the Tabular', () => {
  const node = (id: string, title: string, parent: string, classifiable?: string): TabularNode => ({
    id,
    kind: 'diag',
    title,
    parent,
    notes: classifiable ? [{ type: 'inclusionTerm', text: `Conditions classifiable to ${classifiable}`, year: 2021 }] : [],
  });
  const tabular: TabularNode[] = [
    node('Z81.1', 'Family history of alcohol abuse and dependence', 'Z81', 'F10.-'),
    { ...node('Z81.8', 'Family history of other mental and behavioral disorders', 'Z81'), notes: [{ type: 'inclusionTerm', text: 'Conditions classifiable elsewhere in F01-F99', year: 2021 }] },
    node('Z82.4', 'Family history of ischemic heart disease and other diseases of the circulatory system', 'Z82', 'I00-I52, I65-I99'),
    node('Z82.41', 'Family history of sudden cardiac death', 'Z82.4'),
    node('Z82.49', 'Family history of ischemic heart disease and other diseases of the circulatory system', 'Z82.4'),
    node('Z83.7', 'Family history of diseases of the digestive system', 'Z83', 'K00-K93'),
    node('Z83.71', 'Family history of colonic polyps', 'Z83.7'),
    node('Z83.79', 'Family history of other diseases of the digestive system', 'Z83.7'),
    node('Z86.7', 'Personal history of diseases of the circulatory system', 'Z86', 'I00-I99'),
  ];
  const classes = new FamilyHistoryClasses(tabular);

  it('reports a subdivided class by the child repeating its title, or by its "other" child', () => {
    expect(classes.codeFor(['I21.3'])?.code).toBe('Z8249');
    expect(classes.codeFor(['K21.9'])?.code).toBe('Z8379');
  });

  it('prefers the narrowest class, and has none for a condition outside every class or for personal history', () => {
    expect(classes.codeFor(['F10.20'])?.code).toBe('Z811');
    expect(classes.codeFor(['F20.9'])?.code).toBe('Z818');
    // I60-I64 are not in Z82.4's ranges (they are Z82.3's), and Z86.7 is personal history, not family.
    expect(classes.codeFor(['I63.9'])).toBeUndefined();
    expect(classes.codeFor(['R07.9'])).toBeUndefined();
  });
});

describe.skipIf(!compiled)('HistoryIndex: "childhood" says when, not what', () => {
  let history: HistoryIndex;
  beforeAll(() => {
    const index = readCompiledAssets(undefined, ['index']).find((a) => a.header.kind === 'index')?.records as IndexTerm[];
    history = new HistoryIndex(index);
  });

  it('gives no childhood-abuse history to "anemia in childhood", and keeps it for abuse in childhood', () => {
    expect(history.codeFor('personal', ['anemia in childhood', 'Anemia', 'childhood'], false)?.code).not.toBe('Z62819');
    expect(history.codeFor('personal', ['physical abuse in childhood', 'physical abuse'], false)?.code).toMatch(/^Z6281/);
  });
});

describe('the history-word table (assets/rules/history-words.json)', () => {
  it('loads the shipped table: a note\'s "cancer" reads as the Index\'s "malignant neoplasm"', () => {
    const words = parseHistoryWords(historyWordsJson);
    expect(words.get('cancer')).toEqual(['malignant', 'neoplasm']);
    expect(words.get('nicotine')).toEqual(['tobacco']);
  });

  it('refuses a word listed twice, naming it', () => {
    const twice = { ...historyWordsJson, synonyms: [...historyWordsJson.synonyms, { word: 'cancer', reads: ['neoplasm'] }] };
    expect(() => parseHistoryWords(twice)).toThrow('"cancer" is listed twice');
  });

  it('refuses an entry with no Index word, or a word that is no single lower-case word, saying where', () => {
    expect(() => parseHistoryWords({ ...historyWordsJson, synonyms: [{ word: 'cancer', reads: [] }] })).toThrow(/Invalid history-word file: synonyms\.0\.reads/);
    expect(() => parseHistoryWords({ ...historyWordsJson, synonyms: [{ word: 'Colon Cancer', reads: ['neoplasm'] }] })).toThrow(/synonyms\.0\.word/);
    expect(() => parseHistoryWords({ ...historyWordsJson, extra: true })).toThrow(/Invalid history-word file/);
  });
});
