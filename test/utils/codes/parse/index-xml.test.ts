import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodeSetError } from '../../../../utils/codes/errors';
import { type IndexParseResult, parseIndexXml, splitModifiers } from '../../../../utils/codes/parse/index-xml';
import type { IndexTerm } from '../../../../utils/codes/types';
import { hasCodesetDir, readCodesetText } from '../../../helpers/codeset-dir';

const fixture = (name: string) => readFileSync(resolve(import.meta.dirname, '../../../fixtures/codesets', name), 'utf8');

/** The term reached by following titles from the main terms: path('Pneumonia', 'aspiration'). */
function path(terms: readonly IndexTerm[], ...titles: string[]): IndexTerm {
  let level = terms;
  let found: IndexTerm | undefined;
  for (const title of titles) {
    found = level.find((t) => t.title === title);
    if (!found) throw new Error(`no term "${title}" among ${level.map((t) => t.title).join(' | ')}`);
    level = found.children ?? [];
  }
  return found as IndexTerm;
}

function codesOf(term: IndexTerm): string[] {
  return (term.codes ?? []).map((c) => c.code);
}

interface Tally {
  mainTerms: number;
  subterms: number;
  codes: number;
  manif: number;
  see: number;
  seeAlso: number;
  cellCodes: number;
  maxDepth: number;
}

function tally(terms: readonly IndexTerm[]): Tally {
  const t: Tally = { mainTerms: terms.length, subterms: 0, codes: 0, manif: 0, see: 0, seeAlso: 0, cellCodes: 0, maxDepth: 0 };
  const walk = (level: readonly IndexTerm[], depth: number): void => {
    for (const term of level) {
      if (depth > 0) t.subterms++;
      t.maxDepth = Math.max(t.maxDepth, depth);
      t.codes += term.codes?.length ?? 0;
      t.manif += term.manif?.length ?? 0;
      t.see += term.see?.length ?? 0;
      t.seeAlso += term.seeAlso?.length ?? 0;
      t.cellCodes += term.cells?.filter((c) => c !== null).length ?? 0;
      walk(term.children ?? [], depth + 1);
    }
  };
  walk(terms, 0);
  return t;
}

/** Parse and return the CodeSetError thrown (fails the test if none, or another error, is thrown). */
function parseError(xml: string, file = 'bad-index.xml'): CodeSetError {
  try {
    parseIndexXml(xml, file);
  } catch (error) {
    expect(error).toBeInstanceOf(CodeSetError);
    return error as CodeSetError;
  }
  throw new Error('expected a CodeSetError');
}

const HEAD = '<?xml version="1.0" encoding="utf-8"?>\n<ICD10CM.index>\n<version>2017</version>\n<letter><title>A</title>\n';
const TAIL = '</letter>\n</ICD10CM.index>\n';

describe('parseIndexXml on the index fixture', () => {
  const result = parseIndexXml(fixture('index-mini.xml'), 'index-mini.xml');
  const { terms } = result;

  it('reads kind, version and title, and flattens the letters away', () => {
    expect(result.kind).toBe('index');
    expect(result.version).toBe(2017);
    expect(result.title).toBe('ICD-10-CM INDEX TO DISEASES and INJURIES');
    expect(result.columns).toBeUndefined();
    expect(terms.map((t) => t.title)).toEqual([
      'Abandonment NEC',
      'Abasia',
      'Abdomen, abdominal',
      'Alder anomaly or syndrome',
      'Amyloid heart',
      'Arthritis, arthritic',
      'Carcinoma',
      'Crush, crushed, crushing',
      'Neuritis',
      'Shock',
    ]);
  });

  it('splits nonessential modifiers out of the title and keeps the text after them', () => {
    expect(path(terms, 'Abandonment NEC')).toEqual({
      title: 'Abandonment NEC',
      nemod: ['causing exposure to weather conditions', 'with intent to injure or kill'],
      see: ['Maltreatment'],
    });
    expect(path(terms, 'Abasia').nemod).toEqual(['-astasia', 'hysterical']);
  });

  it('keeps essential words that the source put inside <nemod> in the title', () => {
    expect(path(terms, 'Alder anomaly or syndrome').nemod).toEqual(['-Reilly', 'leukocyte granulation']);
  });

  it('keeps inflection endings such as (s) in the title', () => {
    expect(path(terms, 'Crush, crushed, crushing', 'finger(s)').nemod).toBeUndefined();
  });

  it('uses the modifier as the title of a subterm that is only a modifier', () => {
    expect(path(terms, 'Shock', 'electric', '(taser)')).toEqual({ title: '(taser)', codes: [{ code: 'T75.4', status: 'valid' }] });
  });

  it('nests subterms four levels deep, decoding entities', () => {
    const crush = path(terms, 'Crush, crushed, crushing');
    expect(codesOf(crush)).toEqual(['T14.8']);
    expect(codesOf(path(terms, 'Crush, crushed, crushing', 'finger(s)'))).toEqual(['S67.1-']);
    const deepest = path(terms, 'Crush, crushed, crushing', 'finger(s)', 'with hand', 'and wrist', 'thumb & index');
    expect(codesOf(deepest)).toEqual(['S67.0-']);
    expect(deepest.children).toBeUndefined();
    expect(path(terms, 'Crush, crushed, crushing', 'finger(s)', 'with hand').nemod).toEqual(['and wrist']);
  });

  it('reads see and seeAlso, together on one term', () => {
    expect(path(terms, 'Abdomen, abdominal').seeAlso).toEqual(['condition']);
    const carcinoma = path(terms, 'Carcinoma');
    expect(carcinoma.see).toEqual(['Neoplasm, by site, malignant']);
    expect(carcinoma.seeAlso).toEqual(['Neoplasm, malignant']);
    expect(carcinoma.codes).toBeUndefined();
    expect(codesOf(path(terms, 'Carcinoma', 'ovary'))).toEqual(['C56.-']);
  });

  it('reads the manifestation code apart from the etiology code', () => {
    const amyloid = path(terms, 'Amyloid heart');
    expect(amyloid.codes).toEqual([{ code: 'E85.4', status: 'valid' }]);
    expect(amyloid.manif).toEqual([{ code: 'I43', status: 'valid' }]);
  });

  it('folds <subcat> and <seecat> into codes needing more characters', () => {
    expect(codesOf(path(terms, 'Neuritis', 'acoustic'))).toEqual(['H93.3-']);
    expect(codesOf(path(terms, 'Arthritis, arthritic', 'in', 'infectious disease NEC'))).toEqual(['M01.-']);
  });

  it('counts the elements it read', () => {
    expect(result.elements).toMatchObject({ mainTerm: 10, term: 11, code: 15, subcat: 1, seecat: 1, manif: 1, letter: 4 });
  });
});

describe('parseIndexXml on the table and external cause fixtures', () => {
  it('reads the neoplasm table: heading columns, cells at col - 2, "-" as null, missing cells as null', () => {
    const result = parseIndexXml(fixture('neoplasm-mini.xml'), 'neoplasm-mini.xml');
    expect(result.kind).toBe('neoplasm');
    expect(result.version).toBe(2022);
    expect(result.title).toBeUndefined();
    expect(result.columns).toEqual([
      'Malignant Primary',
      'Malignant Secondary',
      'Ca in situ',
      'Benign',
      'Uncertain Behavior',
      'Unspecified Behavior',
    ]);
    expect(result.terms).toHaveLength(1);
    const cells = (term: IndexTerm) => term.cells?.map((c) => c?.code ?? null);
    const abdomen = path(result.terms, 'Neoplasm, neoplastic', 'abdomen, abdominal');
    expect(cells(abdomen)).toEqual(['C76.2', 'C79.8-', 'D09.8', 'D36.7', 'D48.7', 'D49.89']);
    const basal = path(result.terms, 'Neoplasm, neoplastic', 'abdomen, abdominal', 'wall', 'skin', 'basal cell carcinoma');
    expect(cells(basal)).toEqual(['C44.519', null, null, null, null, null]);
    expect(cells(path(result.terms, 'Neoplasm, neoplastic', 'abdomen, abdominal', 'wall'))).toEqual([
      'C44.509',
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(cells(path(result.terms, 'Neoplasm, neoplastic', 'sacrococcyx, sacrococcygeal'))).toEqual([
      'C41.4',
      'C79.51',
      null,
      'D16.8',
      'D48.0',
      'D49.2',
    ]);
    expect(path(result.terms, 'Neoplasm, neoplastic', 'abdomen, abdominal', 'wall').seeAlso).toEqual(['Neoplasm, abdomen, wall, skin']);
    const connective = path(result.terms, 'Neoplasm, neoplastic', 'connective tissue NEC');
    expect(connective.cells).toBeUndefined();
    expect(connective.see).toEqual(['Neoplasm, connective tissue']);
  });

  it('treats a <manif> holding prose as a modifier', () => {
    const result = parseIndexXml(fixture('neoplasm-mini.xml'), 'neoplasm-mini.xml');
    const bookLeaf = path(result.terms, 'Neoplasm, neoplastic', 'book-leaf');
    expect(bookLeaf.nemod).toEqual(['mouth', 'ventral surface of tongue and floor of mouth']);
    expect(bookLeaf.manif).toBeUndefined();
  });

  it('reads the drug table: "--" cells are null', () => {
    const result = parseIndexXml(fixture('drug-mini.xml'), 'drug-mini.xml');
    expect(result.kind).toBe('drug');
    expect(result.columns?.[0]).toBe('Poisoning Accidental (unintentional)');
    expect(result.columns).toHaveLength(6);
    const d24 = path(result.terms, '2,4-D');
    expect(d24.nemod).toEqual(['dichlorophen-oxyacetic acid']);
    expect(d24.cells?.map((c) => c?.code ?? null)).toEqual(['T60.3X1', 'T60.3X2', 'T60.3X3', 'T60.3X4', null, null]);
    expect(path(result.terms, 'Benzin(e)').see).toEqual(['Ligroin']);
    expect(path(result.terms, 'DHE', '45').cells?.[5]).toEqual({ code: 'T46.5X6', status: 'valid' });
  });

  it('recognises the external cause index by its title', () => {
    const result = parseIndexXml(fixture('eindex-mini.xml'), 'eindex-mini.xml');
    expect(result.kind).toBe('eindex');
    expect(result.version).toBe(2022);
    expect(codesOf(path(result.terms, 'Abandonment NEC'))).toEqual(['X58']);
    expect(path(result.terms, 'Accident', 'aircraft')).toMatchObject({
      nemod: ['in transit', 'powered'],
      seeAlso: ['Accident, transport, aircraft'],
    });
    expect(path(result.terms, 'Accident', 'aircraft', 'due to, caused by cataclysm').see).toEqual(['Forces of nature, by type']);
  });
});

describe('splitModifiers', () => {
  const split = (title: string, nemod: string, after = '') =>
    splitModifiers([
      { text: title, nemod: false },
      { text: nemod, nemod: true },
      { text: after, nemod: false },
    ]);

  it('keeps nested parentheses inside one modifier', () => {
    expect(split('Cervicitis', '(acute) (senile (atrophic)) (with ulceration)')).toEqual({
      title: 'Cervicitis',
      nemod: ['acute', 'senile (atrophic)', 'with ulceration'],
    });
  });

  it('joins the words around a modifier that sat inside a word', () => {
    expect(split('Nicolas', '(-Durand)-Favre (climatic bubo)')).toEqual({ title: 'Nicolas-Favre', nemod: ['-Durand', 'climatic bubo'] });
    expect(split('Amnes', '(t)ic syndrome (post-traumatic)')).toEqual({ title: 'Amnes(t)ic syndrome', nemod: ['post-traumatic'] });
    expect(split('Misadventure', '(s) to patient(s)', ' during surgical or medical care')).toEqual({
      title: 'Misadventure(s) to patient(s) during surgical or medical care',
      nemod: [],
    });
  });

  it('tolerates unbalanced parentheses from the source', () => {
    expect(split('Sin nombre', '(Hantavirus) (cardio)-pulmonary syndrome)')).toEqual({
      title: 'Sin nombre -pulmonary syndrome',
      nemod: ['Hantavirus', 'cardio'],
    });
    expect(split('Foo', '(bar (baz)')).toEqual({ title: 'Foo', nemod: ['bar (baz)'] });
  });
});

describe('parseIndexXml errors name the file and line', () => {
  it('rejects an empty file', () => {
    const error = parseError('  \n');
    expect(error.message).toBe('bad-index.xml: the file is empty');
  });

  it('rejects malformed XML with the line of the fault', () => {
    const error = parseError(`${HEAD}<mainTerm><title>Abasia</title><code>F44.4</cod></mainTerm>\n${TAIL}`);
    expect(error.line).toBe(5);
    expect(error.message).toMatch(/^bad-index\.xml, line 5: malformed XML \(/);
  });

  it('rejects text that is not XML', () => {
    const error = parseError('Abasia, F44.4\n');
    expect(error.message).toMatch(/^bad-index\.xml, line 1: malformed XML/);
  });

  it('rejects another root element', () => {
    const error = parseError('<?xml version="1.0"?>\n<ICD10CM.tabular>\n<version>2021</version>\n</ICD10CM.tabular>\n');
    expect(error.message).toBe('bad-index.xml, line 2: expected a <ICD10CM.index> document, found <ICD10CM.tabular>');
  });

  it('rejects a truncated file', () => {
    const error = parseError(`${HEAD}<mainTerm>\n<title>Abasia</title>\n<code>F44.4</code>\n`);
    expect(error.message).toBe('bad-index.xml, line 8: the file ends before its closing element (truncated?)');
  });

  it('rejects an element the schema does not have', () => {
    const error = parseError(`${HEAD}<mainTerm>\n<title>Abasia</title>\n<codes>F44.4</codes>\n</mainTerm>\n${TAIL}`);
    expect(error.message).toBe('bad-index.xml, line 7: unexpected <codes> inside <mainTerm>');
  });

  it('rejects a code that is not a code', () => {
    const error = parseError(`${HEAD}<mainTerm>\n<title>Abasia</title>\n<code>F44 4 x</code>\n</mainTerm>\n${TAIL}`);
    expect(error.message).toBe('bad-index.xml, line 7: "F44 4 x" is not an ICD-10-CM code');
  });

  it('rejects a term without a title, at the term', () => {
    const error = parseError(
      `${HEAD}<mainTerm>\n<title>Abasia</title>\n<term level="1">\n<code>F44.4</code>\n</term>\n</mainTerm>\n${TAIL}`,
    );
    expect(error.message).toBe('bad-index.xml, line 7: a <term> has no <title>');
  });

  it('rejects a cell outside the table columns', () => {
    const error = parseError(`${HEAD}<mainTerm>\n<title>Abasia</title>\n<cell col="9">F44.4</cell>\n</mainTerm>\n${TAIL}`);
    expect(error.message).toBe('bad-index.xml, line 7: col="9" is not a table column (2 to 7)');
  });

  it('rejects a file without a version', () => {
    const error = parseError('<ICD10CM.index>\n<letter><title>A</title></letter>\n</ICD10CM.index>\n');
    expect(error.message).toBe('bad-index.xml, line 1: a <ICD10CM.index> has no <version>');
  });
});

const INDEX_DIR = 'icd10cm/index';

function timedParse(relPath: string): { result: IndexParseResult; ms: number } {
  const xml = readCodesetText(`${INDEX_DIR}/${relPath}`);
  const start = performance.now();
  const result = parseIndexXml(xml, relPath);
  const ms = performance.now() - start;
  console.info(`parseIndexXml ${relPath}: ${ms.toFixed(0)} ms`);
  return { result, ms };
}

describe.skipIf(!hasCodesetDir)('parseIndexXml on the official files', () => {
  it('reads the FY2017 Index to Diseases and Injuries with the README counts', () => {
    const { result } = timedParse('icd10cm_index_2017.xml.gz');
    expect(result.kind).toBe('index');
    expect(result.version).toBe(2017);
    expect(result.elements).toMatchObject({
      letter: 26,
      mainTerm: 7973,
      term: 69226,
      code: 59412,
      see: 11979,
      seeAlso: 1704,
      manif: 746,
      seecat: 15,
      subcat: 130,
    });
    // The tree holds every element: codes = <code> + the 130 <subcat> and 15 <seecat> folded into codes.
    expect(tally(result.terms)).toEqual({
      mainTerms: 7973,
      subterms: 69226,
      codes: 59412 + 130 + 15,
      manif: 746,
      see: 11979,
      seeAlso: 1704,
      cellCodes: 0,
      maxDepth: 9,
    });
    expect(codesOf(path(result.terms, 'Pneumonia', 'aspiration'))).toEqual(['J69.0']);
    expect(path(result.terms, 'Abasia')).toEqual({
      title: 'Abasia',
      nemod: ['-astasia', 'hysterical'],
      codes: [{ code: 'F44.4', status: 'valid' }],
    });
    expect(path(result.terms, 'Amyloid heart').manif).toEqual([{ code: 'I43', status: 'valid' }]);
    expect(codesOf(path(result.terms, "Bonnier's syndrome"))).toEqual(['H81.8-']);
    expect(codesOf(path(result.terms, 'Shock', 'electric', '(taser)'))).toEqual(['T75.4']);
  });

  it('reads the FY2022 Table of Neoplasms', () => {
    const { result } = timedParse('icd10cm_neoplasm_2022.xml.gz');
    expect(result.kind).toBe('neoplasm');
    expect(result.columns).toHaveLength(6);
    expect(result.elements).toMatchObject({ mainTerm: 1, term: 1938, cell: 10916 });
    const t = tally(result.terms);
    expect(t.mainTerms).toBe(1);
    expect(t.subterms).toBe(1938);
    // 10,916 cells = 9,018 codes + 1,898 "-".
    expect(t.cellCodes).toBe(9018);
    const abdomen = path(result.terms, 'Neoplasm, neoplastic', 'abdomen, abdominal');
    expect(abdomen.cells?.[0]).toEqual({ code: 'C76.2', status: 'valid' });
    expect(abdomen.cells?.map((c) => c?.code ?? null)).toEqual(['C76.2', 'C79.8-', 'D09.8', 'D36.7', 'D48.7', 'D49.89']);
  });

  it('reads the FY2022 External Cause Index', () => {
    const { result } = timedParse('icd10cm_eindex_2022.xml.gz');
    expect(result.kind).toBe('eindex');
    expect(result.elements).toMatchObject({ mainTerm: 314, term: 7486, code: 6416, subcat: 11, seecat: 4 });
    const t = tally(result.terms);
    expect([t.mainTerms, t.subterms, t.codes]).toEqual([314, 7486, 6416 + 11 + 4]);
    expect(codesOf(path(result.terms, 'Abandonment NEC'))).toEqual(['X58']);
  });

  it('reads the FY2022 Table of Drugs and Chemicals', () => {
    const { result } = timedParse('icd10cm_drug_2022.xml.gz');
    expect(result.kind).toBe('drug');
    expect(result.columns?.[5]).toBe('Underdosing');
    const t = tally(result.terms);
    expect([t.mainTerms, t.subterms]).toEqual([5175, 2248]);
    // 43,182 cells = 40,000 codes + 3,182 "--".
    expect(result.elements.cell).toBe(43182);
    expect(t.cellCodes).toBe(40000);
    expect(path(result.terms, '1-propanol').cells?.map((c) => c?.code ?? null)).toEqual([
      'T51.3X1',
      'T51.3X2',
      'T51.3X3',
      'T51.3X4',
      null,
      null,
    ]);
  });
});
