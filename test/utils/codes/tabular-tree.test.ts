import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseTabularXml } from '../../../utils/codes/parse/tabular';
import {
  ancestors,
  expandTabularCodes,
  findTabularNode,
  indexTabular,
  inheritedNotes,
  isSeventhCharacterExcluded,
  padWithPlaceholder,
  seventhCharacters,
  type TabularTree,
} from '../../../utils/codes/tabular-tree';
import type { TabularNode } from '../../../utils/codes/types';
import { hasCodesetDir, readCodesetText } from '../../helpers/codeset-dir';

const fixture = readFileSync(resolve(import.meta.dirname, '../../fixtures/codesets/tabular-mini.xml'), 'utf8');
const { nodes } = parseTabularXml(fixture, 'tabular-mini.xml');
const tree = indexTabular(nodes);

const chars = (tree: TabularTree, code: string) => seventhCharacters(tree, code).map((s) => s.char);

describe('indexTabular', () => {
  it('keys every node by id', () => {
    expect(tree.size).toBe(nodes.length);
    expect(tree.get('E11.65')?.title).toBe('Type 2 diabetes mellitus with hyperglycemia');
    expect(tree.get('chapter:19')?.kind).toBe('chapter');
  });
});

describe('findTabularNode', () => {
  it('finds a code with or without dot, in any case', () => {
    for (const code of ['E11.65', 'E1165', 'e11.65', ' e1165 ']) expect(findTabularNode(tree, code)?.id).toBe('E11.65');
  });

  it('drops the 7th character and placeholder X to reach the deepest node', () => {
    expect(findTabularNode(tree, 'S72001A')?.id).toBe('S72.001');
    expect(findTabularNode(tree, 'S72.001A')?.id).toBe('S72.001');
    expect(findTabularNode(tree, 'T360X1A')?.id).toBe('T36.0X1');
    expect(findTabularNode(tree, 'S020XXA')?.id).toBe('S02.0');
    expect(findTabularNode(tree, 'S0291XS')?.id).toBe('S02.91');
  });

  it('walks to shorter prefixes when the exact code is absent', () => {
    expect(findTabularNode(tree, 'E11.649')?.id).toBe('E11.6');
    expect(findTabularNode(tree, 'J44.89')?.id).toBe('J44');
    expect(findTabularNode(tree, 'S72.00-')?.id).toBe('S72.00');
  });

  it('returns undefined for an unknown category or a non-code', () => {
    expect(findTabularNode(tree, 'A00.0')).toBeUndefined();
    expect(findTabularNode(tree, 'chapter:4')).toBeUndefined();
    expect(findTabularNode(tree, '')).toBeUndefined();
  });
});

describe('ancestors', () => {
  it('lists the ancestors up to the chapter, nearest first, without the node', () => {
    expect(ancestors(tree, 'S72.001').map((n) => n.id)).toEqual(['S72.00', 'S72.0', 'S72', 'section:S70-S79', 'chapter:19']);
    expect(ancestors(tree, 'section:E08-E13').map((n) => n.id)).toEqual(['chapter:4']);
    expect(ancestors(tree, 'chapter:4')).toEqual([]);
    expect(ancestors(tree, 'nope')).toEqual([]);
  });

  it('stops on a parent loop in a malformed tree', () => {
    const looped = indexTabular([
      { id: 'A00', kind: 'diag', title: 'a', parent: 'A00.0', notes: [] },
      { id: 'A00.0', kind: 'diag', title: 'b', parent: 'A00', notes: [] },
    ]);
    expect(ancestors(looped, 'A00.0').map((n) => n.id)).toEqual(['A00']);
  });
});

describe('inheritedNotes', () => {
  it('collects own and inherited notes, nearest first, tagged with where they come from', () => {
    const notes = inheritedNotes(tree, 'E11.69');
    expect(notes.map((n) => n.from)).toEqual([
      'E11.69',
      'E11',
      'E11',
      'E11',
      'E11',
      'E11',
      'E11',
      'section:E08-E13',
      'chapter:4',
      'chapter:4',
    ]);
    expect(notes[0]).toEqual({ type: 'useAdditionalCode', text: 'code to identify complication', year: 2021, from: 'E11.69' });
    expect(notes).toContainEqual({ type: 'useAdditionalCode', text: 'insulin (Z79.4)', year: 2021, from: 'E11' });
    expect(notes).toContainEqual({ type: 'excludes1', text: 'type 1 diabetes mellitus (E10.-)', year: 2021, from: 'E11' });
    expect(notes).toContainEqual({ type: 'codeAlso', text: 'section-level note for the test', year: 2021, from: 'section:E08-E13' });
    expect(notes.at(-1)).toMatchObject({ type: 'excludes1', from: 'chapter:4' });
  });

  it('applies to a full code with 7th character', () => {
    const notes = inheritedNotes(tree, 'S72001A');
    expect(notes.map((n) => `${n.from}/${n.type}`)).toEqual([
      'S72.00/inclusionTerm',
      'S72.0/excludes2',
      'S72/excludes1',
      'S72/sevenChrNote',
    ]);
  });

  it('is empty for an unknown code', () => {
    expect(inheritedNotes(tree, 'Z00.00')).toEqual([]);
  });
});

describe('seventhCharacters', () => {
  it('inherits the category definition down three levels', () => {
    expect(chars(tree, 'S72.001')).toEqual(['A', 'B', 'D', 'R', 'S']);
    expect(chars(tree, 'S72001A')).toEqual(['A', 'B', 'D', 'R', 'S']);
    expect(chars(tree, 'S72.0')).toEqual(['A', 'B', 'D', 'R', 'S']);
  });

  it('takes the nearest definition up the tree', () => {
    expect(seventhCharacters(tree, 'S72.90')).toEqual([
      { char: 'A', meaning: 'initial encounter' },
      { char: 'S', meaning: 'sequela' },
    ]);
  });

  it('is empty where no 7th character applies', () => {
    expect(seventhCharacters(tree, 'E11.65')).toEqual([]);
    expect(seventhCharacters(tree, 'Q00')).toEqual([]);
  });

  it('drops D and S for S06 codes with 6th character 7 or 8 (death before regaining consciousness)', () => {
    expect(chars(tree, 'S06.1X0')).toEqual(['A', 'D', 'S']);
    expect(chars(tree, 'S06.1X7')).toEqual(['A']);
    expect(chars(tree, 'S061X8A')).toEqual(['A']);
    // Not S06: the 6th character alone does not trigger the exception.
    expect(isSeventhCharacterExcluded('T360X7', 'D')).toBe(false);
    expect(isSeventhCharacterExcluded('S06.1X7', 'A')).toBe(false);
    expect(isSeventhCharacterExcluded('S06.1X7', 'S')).toBe(true);
  });
});

describe('expandTabularCodes', () => {
  const expected = [
    'E1165',
    'E1169',
    'E119',
    'J440',
    'J441',
    'J449',
    ...['A', 'B', 'D', 'G', 'K', 'S'].map((c) => `S020XX${c}`),
    ...['A', 'B', 'D', 'G', 'K', 'S'].map((c) => `S0291X${c}`),
    'S061X0A',
    'S061X0D',
    'S061X0S',
    'S061X7A',
    'S061X8A',
    ...['A', 'B', 'D', 'R', 'S'].map((c) => `S72001${c}`),
    ...['A', 'B', 'D', 'R', 'S'].map((c) => `S72002${c}`),
    'S7290XA',
    'S7290XS',
    'T360X1A',
    'T360X1D',
    'T360X1S',
  ];

  it('expands leaves, padding 4- and 5-character leaves with placeholder X, in document order', () => {
    expect(expandTabularCodes(tree)).toEqual(expected);
  });

  it('accepts the node list as well as the tree', () => {
    expect(expandTabularCodes(nodes)).toEqual(expected);
  });

  it('pads with placeholder X to 6 characters', () => {
    expect(padWithPlaceholder('S02.0')).toBe('S020XX');
    expect(padWithPlaceholder('s02.91')).toBe('S0291X');
    expect(padWithPlaceholder('S72.001')).toBe('S72001');
  });
});

describe.skipIf(!hasCodesetDir)('tabular tree on the FY2021 tabular (CODESET_DIR)', () => {
  let full: Map<string, TabularNode>;

  beforeAll(() => {
    const file = 'icd10cm_tabular_2021.xml';
    full = indexTabular(parseTabularXml(readCodesetText(`icd10cm/tabular/${file}.gz`), file).nodes);
  });

  it('E11.65 inherits the E11 use-additional-code note about insulin', () => {
    const notes = inheritedNotes(full, 'E1165').filter((n) => n.type === 'useAdditionalCode' && n.from === 'E11');
    expect(notes.map((n) => n.text)).toEqual([
      'code to identify control using:',
      'insulin (Z79.4)',
      'oral antidiabetic drugs (Z79.84)',
      'oral hypoglycemic drugs (Z79.84)',
    ]);
    expect(inheritedNotes(full, 'E1165').at(-1)?.from).toBe('chapter:4');
  });

  it('S72.001 offers 7th characters A through S', () => {
    expect(chars(full, 'S72.001A')).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'M', 'N', 'P', 'Q', 'R', 'S']);
    expect(seventhCharacters(full, 'S72.001').find((s) => s.char === 'A')?.meaning).toBe('initial encounter for closed fracture');
  });

  it('J44 has its Excludes1 list', () => {
    const excludes1 = inheritedNotes(full, 'J44').filter((n) => n.type === 'excludes1' && n.from === 'J44');
    expect(excludes1.length).toBeGreaterThan(0);
    for (const note of excludes1) expect(note.text.trim()).not.toBe('');
    expect(excludes1.map((n) => n.text)).toContain('chronic bronchitis NOS (J42)');
    // ...and J44.9 inherits it.
    expect(inheritedNotes(full, 'J44.9').filter((n) => n.type === 'excludes1' && n.from === 'J44')).toEqual(excludes1);
  });

  it('T36.0X1 is found from T360X1A', () => {
    expect(findTabularNode(full, 'T360X1A')?.id).toBe('T36.0X1');
  });

  it('expands to the 72,621 codes of the FY2021 order file (72,693 less 72 S06 D/S codes)', () => {
    const codes = expandTabularCodes(full);
    expect(codes).toHaveLength(72621);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toContain('S72001A');
    expect(codes).toContain('E1165');
    expect(codes).toContain('T360X1A');
    expect(codes.filter((c) => /^S06..[78][DS]$/.test(c))).toEqual([]);
    expect(codes.filter((c) => /^S06..[78]A$/.test(c)).length).toBe(36);
  });

  it('an S06 code with 6th character 7 has no D or S', () => {
    expect(findTabularNode(full, 'S06.1X7')?.id).toBe('S06.1X7');
    expect(chars(full, 'S06.1X7A')).toEqual(['A']);
    expect(chars(full, 'S06.1X1A')).toEqual(['A', 'D', 'S']);
  });
});
