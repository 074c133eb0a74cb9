import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CodeSetError } from '../../../../utils/codes/errors';
import { parseTabularXml, type TabularParseResult } from '../../../../utils/codes/parse/tabular';
import type { TabularNode } from '../../../../utils/codes/types';
import { hasCodesetDir, readCodesetText } from '../../../helpers/codeset-dir';

const FIXTURE = 'tabular-mini.xml';
const fixtureText = readFileSync(resolve(import.meta.dirname, '../../../fixtures/codesets', FIXTURE), 'utf8');

function byId(nodes: TabularNode[], id: string): TabularNode {
  const node = nodes.find((n) => n.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

/** Parse and return the CodeSetError thrown (fails the test if none, or another error, is thrown). */
function parseError(xml: string, file = 'bad.xml'): CodeSetError {
  try {
    parseTabularXml(xml, file);
  } catch (error) {
    expect(error).toBeInstanceOf(CodeSetError);
    return error as CodeSetError;
  }
  throw new Error('expected a CodeSetError');
}

describe('parseTabularXml on the mini fixture', () => {
  const { version, nodes } = parseTabularXml(fixtureText, FIXTURE);

  it('reads the version and tags every note with it', () => {
    expect(version).toBe(2021);
    const notes = nodes.flatMap((n) => n.notes);
    expect(notes.length).toBeGreaterThan(0);
    expect(notes.every((n) => n.year === 2021)).toBe(true);
  });

  it('makes one node per chapter, section and diag, parents before children', () => {
    expect(nodes.filter((n) => n.kind === 'chapter').map((n) => n.id)).toEqual(['chapter:4', 'chapter:10', 'chapter:19']);
    expect(nodes.filter((n) => n.kind === 'section').map((n) => n.id)).toEqual([
      'section:E08-E13',
      'section:J40-J4A',
      'section:S00-S09',
      'section:S70-S79',
      'section:T36-T50',
    ]);
    expect(nodes.filter((n) => n.kind === 'diag')).toHaveLength(30);
    const seen = new Set<string>();
    for (const node of nodes) {
      if (node.parent !== undefined) expect(seen.has(node.parent)).toBe(true);
      seen.add(node.id);
    }
  });

  it('links nested diags, sections and chapters by parent id', () => {
    expect(byId(nodes, 'chapter:4').parent).toBeUndefined();
    expect(byId(nodes, 'section:E08-E13').parent).toBe('chapter:4');
    expect(byId(nodes, 'E11').parent).toBe('section:E08-E13');
    expect(byId(nodes, 'E11.6').parent).toBe('E11');
    expect(byId(nodes, 'E11.65').parent).toBe('E11.6');
    expect(byId(nodes, 'T36.0X1').parent).toBe('T36.0X');
    expect(byId(nodes, 'S72.001')).toMatchObject({ kind: 'diag', title: 'Fracture of unspecified part of neck of right femur' });
  });

  it('takes titles from desc', () => {
    expect(byId(nodes, 'chapter:10').title).toBe('Diseases of the respiratory system (J00-J99)');
    expect(byId(nodes, 'section:J40-J4A').title).toBe('Chronic lower respiratory diseases (J40-J4A)');
  });

  it('keeps own notes on chapters, sections and diags, skipping the introduction', () => {
    expect(byId(nodes, 'chapter:4').notes.map((n) => n.type)).toEqual(['notes', 'excludes1']);
    expect(byId(nodes, 'section:E08-E13').notes).toEqual([{ type: 'codeAlso', text: 'section-level note for the test', year: 2021 }]);
    expect(byId(nodes, 'E11.65').notes).toEqual([]);
    expect(
      byId(nodes, 'J44')
        .notes.filter((n) => n.type === 'excludes1')
        .map((n) => n.text),
    ).toEqual(['bronchiectasis (J47.-)', 'chronic bronchitis NOS (J42)']);
    expect(nodes.flatMap((n) => n.notes).some((n) => n.text.startsWith('Introduction notes'))).toBe(false);
  });

  it('types sevenChrNote notes as sevenChrNote', () => {
    expect(byId(nodes, 'S02').notes).toEqual([
      { type: 'sevenChrNote', text: 'The appropriate 7th character is to be added to each code from category S02', year: 2021 },
    ]);
  });

  it('keeps own 7th-character definitions only where they are defined', () => {
    expect(byId(nodes, 'S06').seventh).toEqual([
      { char: 'A', meaning: 'initial encounter' },
      { char: 'D', meaning: 'subsequent encounter' },
      { char: 'S', meaning: 'sequela' },
    ]);
    expect(byId(nodes, 'S06.1X7').seventh).toBeUndefined();
    expect(byId(nodes, 'E11').seventh).toBeUndefined();
  });

  it('folds a note inside sevenChrDef into the meaning of the extension before it', () => {
    expect(byId(nodes, 'S72').seventh?.find((s) => s.char === 'B')?.meaning).toBe(
      'initial encounter for open fracture type I or II (includes: initial encounter for open fracture NOS)',
    );
    expect(byId(nodes, 'S72').seventh?.map((s) => s.char)).toEqual(['A', 'B', 'D', 'R', 'S']);
  });

  it('normalises whitespace and decodes entities and CDATA', () => {
    expect(byId(nodes, 'E11').title).toBe('Type 2 diabetes mellitus');
    expect(byId(nodes, 'E11').notes.map((n) => n.text)).toContain('insulin (Z79.4)');
    expect(byId(nodes, 'E11').notes.map((n) => n.text)).toContain('drug & chemical induced diabetes mellitus (E09.-)');
    expect(byId(nodes, 'T36.0X1').notes).toEqual([{ type: 'inclusionTerm', text: 'Poisoning by penicillins NOS', year: 2021 }]);
    for (const node of nodes) {
      for (const text of [node.title, ...node.notes.map((n) => n.text)]) expect(text).toBe(text.replace(/\s+/g, ' ').trim());
    }
  });

  it('skips unknown markup such as the visual-impairment table', () => {
    expect(byId(nodes, 'J44.9')).toEqual({
      id: 'J44.9',
      kind: 'diag',
      title: 'Chronic obstructive pulmonary disease, unspecified',
      parent: 'J44',
      notes: [],
    });
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const parsed = parseTabularXml(`\uFEFF${fixtureText.replace(/\n/g, '\r\n')}`, FIXTURE);
    expect(parsed.nodes).toEqual(nodes);
  });
});

describe('parseTabularXml errors name the file and the line', () => {
  const head = '<?xml version="1.0" encoding="utf-8"?>\n<ICD10CM.tabular>\n<version>2021</version>\n';

  it('empty input', () => {
    for (const text of ['', '  \n\t\n', '\uFEFF']) {
      const error = parseError(text, 'empty.xml');
      expect(error.message).toBe('empty.xml: the file is empty');
    }
  });

  it('a document without any element', () => {
    const error = parseError('<?xml version="1.0"?>\n<!-- nothing -->\n', 'noroot.xml');
    expect(error.message).toMatch(/^noroot\.xml, line \d+: no <ICD10CM\.tabular> element/);
  });

  it('malformed XML', () => {
    const error = parseError(`${head}<chapter>\n<name>1</name>\n<desc>A & B</desc>\n</chapter>\n</ICD10CM.tabular>\n`);
    expect(error.file).toBe('bad.xml');
    expect(error.line).toBe(6);
    expect(error.message).toBe('bad.xml, line 6: malformed XML (an "&" that does not start an entity such as &amp;)');
  });

  it('a bare ampersand followed later by a real entity', () => {
    const xml = `${head}<chapter>\n<name>1</name>\n<desc>A & B</desc>\n<notes><note>x</note>\n<note>y &amp; z</note></notes>\n</chapter>\n</ICD10CM.tabular>\n`;
    expect(parseError(xml).message).toBe('bad.xml, line 6: malformed XML (an "&" that does not start an entity such as &amp;)');
  });

  it('an unknown entity', () => {
    const error = parseError(`${head}<chapter>\n<name>1</name>\n<desc>A &eacute; B</desc>\n</chapter>\n</ICD10CM.tabular>\n`);
    expect(error.message).toBe('bad.xml, line 6: malformed XML (undefined entity)');
  });

  it('mismatched tags', () => {
    const error = parseError(`${head}<chapter>\n<name>1</desc>\n</chapter>\n</ICD10CM.tabular>\n`);
    expect(error.message).toMatch(/^bad\.xml, line 5: malformed XML/);
  });

  it('a wrong root element', () => {
    const error = parseError('<?xml version="1.0"?>\n<ICD10CM.index>\n<version>2021</version>\n</ICD10CM.index>\n', 'index.xml');
    expect(error.message).toBe('index.xml, line 2: expected a <ICD10CM.tabular> document, found <ICD10CM.index>');
  });

  it('a truncated file', () => {
    const cut = fixtureText.slice(0, fixtureText.indexOf('<name>S72.001</name>') + 12);
    const lines = cut.split('\n').length;
    const error = parseError(cut, FIXTURE);
    expect(error.message).toBe(`${FIXTURE}, line ${lines}: the file ends before its closing element (truncated?)`);
  });

  it('a file cut right after an element', () => {
    const cut = fixtureText.slice(0, fixtureText.lastIndexOf('</chapter>') + '</chapter>'.length);
    expect(parseError(cut, FIXTURE).message).toMatch(/line \d+: the file ends before its closing element/);
  });

  it('a diag without a name', () => {
    const xml = `${head}<chapter>\n<name>1</name>\n<desc>C</desc>\n<section id="A00-A09">\n<desc>S</desc>\n<diag>\n<desc>no name</desc>\n</diag>\n</section>\n</chapter>\n</ICD10CM.tabular>\n`;
    expect(parseError(xml).message).toBe('bad.xml, line 9: a <diag> has no <name>');
  });

  it('a diag without a name that has children', () => {
    const xml = `${head}<chapter>\n<name>1</name>\n<desc>C</desc>\n<section id="A00-A09">\n<desc>S</desc>\n<diag>\n<desc>no name</desc>\n<diag><name>A00.0</name><desc>x</desc></diag>\n</diag>\n</section>\n</chapter>\n</ICD10CM.tabular>\n`;
    expect(parseError(xml).message).toBe('bad.xml, line 9: a <diag> has no <name>');
  });

  it('a diag whose name is not a code', () => {
    const xml = `${head}<chapter>\n<name>1</name>\n<desc>C</desc>\n<section id="A00-A09">\n<desc>S</desc>\n<diag>\n<name>cholera</name>\n<desc>x</desc>\n</diag>\n</section>\n</chapter>\n</ICD10CM.tabular>\n`;
    expect(parseError(xml).message).toBe('bad.xml, line 10: "cholera" is not an ICD-10-CM code');
  });

  it('a code that appears twice', () => {
    const diag = '<diag><name>A00</name><desc>x</desc></diag>\n';
    const xml = `${head}<chapter>\n<name>1</name>\n<desc>C</desc>\n<section id="A00-A09">\n<desc>S</desc>\n${diag}${diag}</section>\n</chapter>\n</ICD10CM.tabular>\n`;
    expect(parseError(xml).message).toBe('bad.xml, line 10: "A00" appears twice');
  });

  it('a section without an id', () => {
    const xml = `${head}<chapter>\n<name>1</name>\n<desc>C</desc>\n<section>\n<desc>S</desc>\n</section>\n</chapter>\n</ICD10CM.tabular>\n`;
    expect(parseError(xml).message).toBe('bad.xml, line 7: a <section> has no id="..." attribute');
  });

  it('a missing or bad version', () => {
    const noVersion = '<ICD10CM.tabular>\n<chapter>\n<name>1</name>\n<desc>C</desc>\n</chapter>\n</ICD10CM.tabular>\n';
    expect(parseError(noVersion).message).toBe('bad.xml, line 2: a <ICD10CM.tabular> has no <version>');
    expect(parseError('<ICD10CM.tabular>\n<version>next</version>\n</ICD10CM.tabular>').message).toBe(
      'bad.xml, line 2: <version> is "next", not a year',
    );
  });

  it('never lets a saxes error escape unwrapped', () => {
    for (const text of [
      'not xml at all',
      '<a',
      '<ICD10CM.tabular></ICD10CM.tabular><x/>',
      '<ICD10CM.tabular>\n<version>2021</version></ICD10CM.tabular>junk',
    ]) {
      const error = parseError(text);
      expect(error.message).toMatch(/^bad\.xml, line \d+: /);
    }
  });
});

describe.skipIf(!hasCodesetDir)('parseTabularXml on the FY2021 tabular (CODESET_DIR)', () => {
  const file = 'icd10cm_tabular_2021.xml';
  let parsed: TabularParseResult;
  let parseMs = 0;

  beforeAll(() => {
    const xml = readCodesetText(`icd10cm/tabular/${file}.gz`);
    const started = performance.now();
    parsed = parseTabularXml(xml, file);
    parseMs = performance.now() - started;
  });

  it('has 22 chapters, 296 sections and 45,017 diags', () => {
    const count = (kind: TabularNode['kind']) => parsed.nodes.filter((n) => n.kind === kind).length;
    expect(parsed.version).toBe(2021);
    expect(count('chapter')).toBe(22);
    expect(count('section')).toBe(296);
    expect(count('diag')).toBe(45017);
    console.info(`parsed ${file} in ${parseMs.toFixed(0)} ms`);
  });

  it('keeps every node note (23,404 note elements minus 8 in the introduction and 7 inside sevenChrDef)', () => {
    expect(parsed.nodes.reduce((sum, n) => sum + n.notes.length, 0)).toBe(23404 - 8 - 7);
  });

  it('keeps 507 sevenChrDef with 1,787 extensions', () => {
    const withSeventh = parsed.nodes.filter((n) => n.seventh !== undefined);
    expect(withSeventh).toHaveLength(507);
    expect(withSeventh.reduce((sum, n) => sum + (n.seventh?.length ?? 0), 0)).toBe(1787);
    expect(parsed.nodes.filter((n) => n.notes.some((note) => note.type === 'sevenChrNote'))).toHaveLength(507);
  });
});
