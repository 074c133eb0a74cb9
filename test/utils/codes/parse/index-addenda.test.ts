import { describe, expect, it } from 'vitest';
import {
  type IndexAddendaLine,
  applyIndexAddenda,
  parseIndexAddendaText,
  parseIndexEntry,
  titleKey,
} from '../../../../utils/codes/parse/index-addenda';
import type { IndexTerm } from '../../../../utils/codes/types';
import { fixture } from '../../../helpers/fixtures';

const v = (code: string) => ({ code, status: 'valid' as const });

/** The term reached by following titles from the main terms. */
function at(terms: readonly IndexTerm[], ...titles: string[]): IndexTerm | undefined {
  let level: readonly IndexTerm[] = terms;
  let found: IndexTerm | undefined;
  for (const title of titles) {
    found = level.find((t) => t.title === title);
    if (!found) return undefined;
    level = found.children ?? [];
  }
  return found;
}

/** A small FY2017-like Index the fixture's changes apply to. */
function miniIndex(): IndexTerm[] {
  return [
    { title: 'Acidemia', seeAlso: ['Acidosis'], codes: [v('E87.2')], children: [{ title: 'metabolic', nemod: ['newborn'], codes: [v('P19.9')], children: [{ title: 'first noted before onset of labor', codes: [v('P19.0')] }, { title: 'first noted during labor', codes: [v('P19.1')] }] }] },
    { title: 'Dementia', nemod: ['degenerative (primary)'], codes: [v('F03.90')], children: [{ title: 'with', children: [{ title: 'behavioral disturbance', codes: [v('F03.91')] }] }] },
    { title: 'Disease, diseased', seeAlso: ['Syndrome'], children: [{ title: 'Paget', codes: [v('M88.9')] }, { title: "Parkinson's", codes: [v('G20')] }, { title: 'Zika', codes: [v('A92.5')] }] },
    { title: "Dolichostenomelia", see: ["Syndrome, Marfan's"] },
  ];
}

describe('parseIndexEntry', () => {
  it('reads title, nonessential modifiers, codes and the [manifestation] code', () => {
    expect(parseIndexEntry('Parkinsonism (idiopathic) (primary) G20.C [F02.80]')).toEqual({ title: 'Parkinsonism', nemod: ['idiopathic', 'primary'], codes: [v('G20.C')], manif: [v('F02.80')] });
  });

  it('keeps dashed codes and modifiers inside the title, nested parentheses in one modifier', () => {
    expect(parseIndexEntry('Alagille (-Watson) syndrome Q44.71')).toEqual({ title: 'Alagille syndrome', nemod: ['-Watson'], codes: [v('Q44.71')] });
    expect(parseIndexEntry('embolic I63.-')).toEqual({ title: 'embolic', codes: [v('I63.-')] });
    expect(parseIndexEntry('Dementia (degenerative (primary)) F03.90')).toEqual({ title: 'Dementia', nemod: ['degenerative (primary)'], codes: [v('F03.90')] });
  });

  it('keeps inflection endings and bracketed words that are not codes in the title', () => {
    expect(parseIndexEntry('chromosome(s) Q99.8').title).toBe('chromosome(s)');
    expect(parseIndexEntry('ramus [pubis] S32.59-')).toEqual({ title: 'ramus [pubis]', codes: [v('S32.59-')] });
  });

  it('reads "- see", "- see also" and "(see also ...)" references', () => {
    expect(parseIndexEntry('Acrochondrohyperplasia - see Syndrome, Marfan')).toEqual({ title: 'Acrochondrohyperplasia', see: ['Syndrome, Marfan'] });
    expect(parseIndexEntry('metabolic - see also Acidosis, metabolic')).toEqual({ title: 'metabolic', seeAlso: ['Acidosis, metabolic'] });
    expect(parseIndexEntry('stage B (see also Failure, heart, by type (diastolic), if known) (chronic) I50.9')).toEqual({
      title: 'stage B',
      nemod: ['chronic'],
      seeAlso: ['Failure, heart, by type (diastolic), if known'],
      codes: [v('I50.9')],
    });
  });

  it('does not take the last word of a title for a code', () => {
    expect(parseIndexEntry('type 2J').codes).toBeUndefined();
    expect(parseIndexEntry('level 1 E16.A1')).toEqual({ title: 'level 1', codes: [v('E16.A1')] });
  });
});

describe('parseIndexAddendaText', () => {
  const lines = parseIndexAddendaText(fixture('index-addenda-mini.txt'), 'mini.txt');

  it('reads the action and the level from the leading dashes, skipping the title lines and letter headings', () => {
    expect(lines.slice(0, 7).map((l) => [l.action, l.level, l.entry.title])).toEqual([
      ['no-change', 0, 'Disease, diseased'],
      ['revise-from', 1, "Parkinson's"],
      ['revise-to', 1, "Parkinson's"],
      ['add', 2, 'with dyskinesia'],
      ['add', 3, 'with'],
      ['add', 4, 'fluctuations'],
      ['add', 3, 'without mention of'],
    ]);
    expect(lines[2]?.entry.codes).toEqual([v('G20.A1')]);
    expect(lines[0]?.line).toBe(4);
  });

  it('joins an entry continued over indented lines, across a page break', () => {
    const dementia = lines.find((l) => l.entry.title === 'Dementia') as IndexAddendaLine;
    expect(dementia.entry.codes).toEqual([v('F03.90')]);
    expect(dementia.entry.nemod).toEqual(['degenerative (primary)', 'old age', 'persisting', 'unspecified severity', 'without behavioral disturbance']);
  });

  it('marks notes and decodes the XML escapes typed into the PDF', () => {
    const note = lines.find((l) => l.note);
    expect(note?.text).toBe('- Note: code also the underlying condition');
    expect(lines.find((l) => l.entry.title === 'moans/grunts')?.entry.nemod).toEqual(['<2 years old']);
  });

  it('refuses a text with no addenda lines', () => {
    expect(() => parseIndexAddendaText('ICD-10-CM INDEX\n   2024 Addenda\n', 'x.txt')).toThrow(/^x\.txt: no Index addenda line/);
  });
});

describe('titleKey', () => {
  it('ignores case and punctuation; the loose key also ignores a possessive', () => {
    expect(titleKey('Disease, diseased')).toBe('disease diseased');
    expect(titleKey("Marfan's")).not.toBe(titleKey('Marfan'));
    expect(titleKey("Marfan's", true)).toBe(titleKey('Marfan', true));
    expect(titleKey('Parkinson’s', true)).toBe('parkinson');
  });
});

describe('applyIndexAddenda', () => {
  const lines = parseIndexAddendaText(fixture('index-addenda-mini.txt'), 'mini.txt');

  it('revises, adds under the path of the lines above, and keeps "with" first', () => {
    const { terms } = applyIndexAddenda(miniIndex(), [{ file: 'mini.txt', lines }]);
    expect(at(terms, 'Disease, diseased', "Parkinson's")?.codes).toEqual([v('G20.A1')]);
    expect(at(terms, 'Disease, diseased', "Parkinson's", 'with dyskinesia', 'with', 'fluctuations')?.codes).toEqual([v('G20.B2')]);
    expect(at(terms, 'Disease, diseased', "Parkinson's", 'with dyskinesia', 'without mention of', 'fluctuations')?.codes).toEqual([v('G20.B1')]);
    expect(at(terms, 'Disease, diseased', "Parkinson's", 'with dyskinesia')?.children?.map((t) => t.title)).toEqual(['with', 'without mention of']);
    expect(at(terms, 'Dementia')?.children?.map((t) => t.title)).toEqual(['with', 'in', 'moans/grunts']);
    expect(at(terms, 'Dementia', 'in', 'Parkinsonism')).toEqual({ title: 'Parkinsonism', codes: [v('G20.C')], manif: [v('F02.80')] });
  });

  it('deletes, re-adds a retitled entry, and revises references while keeping subterms', () => {
    const { terms } = applyIndexAddenda(miniIndex(), [{ file: 'mini.txt', lines }]);
    expect(at(terms, 'Dolichostenomelia')).toEqual({ title: 'Dolichostenomelia', see: ['Syndrome, Marfan'] });
    expect(terms.filter((t) => t.title === 'Dolichostenomelia')).toHaveLength(1);
    const metabolic = at(terms, 'Acidemia', 'metabolic') as IndexTerm;
    expect(metabolic.codes).toBeUndefined();
    expect(metabolic.nemod).toBeUndefined();
    expect(metabolic.seeAlso).toEqual(['Acidosis, metabolic']);
    expect(metabolic.children?.map((t) => t.title)).toEqual(['first noted before onset of labor', 'newborn']);
  });

  it('counts each action and logs what it cannot place, with the lines below it', () => {
    const result = applyIndexAddenda(miniIndex(), [{ file: 'mini.txt', lines }]);
    expect(result.stats).toEqual({ add: 10, delete: 2, revise: 2, context: 3, restored: 0, notes: 1, addExisting: 0, unplaced: 3 });
    expect(result.unplaced.map((u) => [u.file, u.action, u.reason, u.text])).toEqual([
      ['mini.txt', 'no-change', 'not-found', 'Zzzunknown'],
      ['mini.txt', 'add', 'no-parent', '- child R99'],
      ['mini.txt', 'add', 'no-parent', '- - grandchild R99'],
    ]);
    expect(at(result.terms, 'Zzzunknown')).toBeUndefined();
    expect(result.terms.some((t) => t.children?.some((c) => c.title === 'child'))).toBe(false);
  });

  it('with restoreMissing, adds a context entry the tree lacks under its found parent, and what follows it', () => {
    const result = applyIndexAddenda(miniIndex(), [{ file: 'mini.txt', lines }], { restoreMissing: true });
    expect(result.stats.restored).toBe(1);
    expect(result.stats.unplaced).toBe(0);
    expect(result.restored.map((r) => r.text)).toEqual(['Zzzunknown']);
    expect(at(result.terms, 'Zzzunknown', 'child', 'grandchild')?.codes).toEqual([v('R99')]);
    expect(result.terms.at(-1)?.title).toBe('Zzzunknown');
  });

  it('matches a title whose possessive was dropped since, and never changes its input', () => {
    const input = miniIndex();
    const snapshot = structuredClone(input);
    const text = 'No Change     Disease, diseased\nRevise from   - Parkinson G20\nRevise to     - Parkinson G20.A1\n';
    const result = applyIndexAddenda(input, [{ file: 'p.txt', lines: parseIndexAddendaText(text, 'p.txt') }]);
    expect(result.stats.revise).toBe(1);
    expect(at(result.terms, 'Disease, diseased', 'Parkinson')?.codes).toEqual([v('G20.A1')]);
    expect(input).toEqual(snapshot);
  });

  it('updates an entry already revised by an earlier addenda, and applies files in order', () => {
    const first = 'No Change     Disease, diseased\nRevise from   - Zika A92.5\nRevise to     - Zika virus A92.5\n';
    const second = 'No Change     Disease, diseased\nRevise from   - Zika A92.5\nRevise to     - Zika virus A92.50\nAdd           - - congenital P35.4\n';
    const result = applyIndexAddenda(miniIndex(), [
      { file: 'a.txt', lines: parseIndexAddendaText(first, 'a.txt') },
      { file: 'b.txt', lines: parseIndexAddendaText(second, 'b.txt') },
    ]);
    expect(result.byFile.map((f) => f.stats.revise)).toEqual([1, 1]);
    expect(at(result.terms, 'Disease, diseased', 'Zika virus')?.codes).toEqual([v('A92.50')]);
    expect(at(result.terms, 'Disease, diseased', 'Zika virus', 'congenital')?.codes).toEqual([v('P35.4')]);
    expect(at(result.terms, 'Disease, diseased', 'Zika')).toBeUndefined();
  });

  it('does not guess between siblings of the same title it cannot tell apart', () => {
    const terms: IndexTerm[] = [{ title: 'Twin', children: [{ title: 'same', codes: [v('A00.0')] }, { title: 'same', codes: [v('A00.0')] }] }];
    const text = 'No Change     Twin\nDelete        - same A00.1\n';
    const result = applyIndexAddenda(terms, [{ file: 't.txt', lines: parseIndexAddendaText(text, 't.txt') }]);
    expect(result.unplaced.map((u) => u.reason)).toEqual(['ambiguous']);
    expect(at(result.terms, 'Twin')?.children).toHaveLength(2);
    const byCode = 'No Change     Twin\nDelete        - same A00.0\n';
    const terms2: IndexTerm[] = [{ title: 'Twin', children: [{ title: 'same', codes: [v('A00.0')] }, { title: 'same', codes: [v('A00.1')] }] }];
    const result2 = applyIndexAddenda(terms2, [{ file: 't.txt', lines: parseIndexAddendaText(byCode, 't.txt') }]);
    expect(at(result2.terms, 'Twin')?.children).toEqual([{ title: 'same', codes: [v('A00.1')] }]);
  });
});
