import { describe, expect, it } from 'vitest';
import {
  clampQuery,
  deriveAncestorTrail,
  deriveHighlightSegments,
  deriveLoadingView,
  deriveNextActive,
  deriveNoteGroups,
  deriveNotesYear,
  deriveRows,
  deriveSearchMessage,
  deriveSearchRequest,
  deriveSeventhChoices,
  deriveSeventhCode,
  describeNodeId,
  quoteQuery,
  type SearchInputs,
} from '../../../components/sidepanel/model';
import type { SearchHit, SearchResponse } from '../../../utils/search/types';

const inputs = (over: Partial<SearchInputs> = {}): SearchInputs => ({
  text: 'diab hyperg',
  system: 'all',
  billableOnly: false,
  chapter: '',
  dateOfService: '2026-11-22',
  ...over,
});

const hit = (over: Partial<SearchHit> = {}): SearchHit => ({
  system: 'icd10cm',
  code: 'E1165',
  display: 'E11.65',
  title: 'Type 2 diabetes mellitus with hyperglycemia',
  matched: 'Type 2 diabetes mellitus with hyperglycemia',
  source: 'title',
  highlights: [],
  state: 'billable',
  ...over,
});

describe('deriveSearchRequest', () => {
  it('asks every code set with no filter', () => {
    expect(deriveSearchRequest(inputs())).toEqual({ ok: true, request: { text: 'diab hyperg', dateOfService: '2026-11-22', limit: 50 } });
  });

  it('passes the system, billable-only and chapter filters', () => {
    expect(deriveSearchRequest(inputs({ system: 'icd10cm', billableOnly: true, chapter: '4' }), 20)).toEqual({
      ok: true,
      request: { text: 'diab hyperg', dateOfService: '2026-11-22', limit: 20, systems: ['icd10cm'], billableOnly: true, chapter: '4' },
    });
  });

  it('drops the chapter for a system without chapters', () => {
    expect(deriveSearchRequest(inputs({ system: 'icd10pcs', chapter: '4' }))).toEqual({
      ok: true,
      request: { text: 'diab hyperg', dateOfService: '2026-11-22', limit: 50, systems: ['icd10pcs'] },
    });
  });

  it.each(['', '   ', '\n\t'])('asks nothing for blank text %j', (text) => {
    expect(deriveSearchRequest(inputs({ text }))).toEqual({ ok: false, reason: 'empty' });
  });

  it.each(['', '2026-02-30', 'tomorrow'])('refuses a date of service that is not a date: %j', (dateOfService) => {
    expect(deriveSearchRequest(inputs({ dateOfService }))).toEqual({ ok: false, reason: 'bad-date' });
  });

  it('cuts a 20,000-character paste to the protocol limit', () => {
    const derived = deriveSearchRequest(inputs({ text: 'a'.repeat(20_000) }));
    expect(derived.ok && derived.request.text.length).toBe(10_000);
  });

  it.each(['<img src=x onerror=alert(1)>', "'; DROP TABLE codes; --", '.*+?^$' + '{}()|[]\\', '🤒🩺 fever'])(
    'sends hostile text as typed: %j',
    (text) => {
      const derived = deriveSearchRequest(inputs({ text }));
      expect(derived.ok && derived.request.text).toBe(text);
    },
  );
});

describe('clampQuery and quoteQuery', () => {
  it('does not split an emoji at the cut', () => {
    const text = `${'a'.repeat(9)}🩺`; // the emoji takes code units 9 and 10
    expect(clampQuery(text, 10)).toBe('a'.repeat(9));
    expect(clampQuery(text, 11)).toBe(text);
  });

  it('quotes a long query on one line with an ellipsis', () => {
    expect(quoteQuery('x'.repeat(10_000), 20)).toBe(`${'x'.repeat(19)}…`);
    expect(quoteQuery('  chest\n\tpain ')).toBe('chest pain');
  });
});

describe('deriveHighlightSegments', () => {
  it('marks the matched ranges', () => {
    expect(
      deriveHighlightSegments('Diabetes, type 2, with hyperglycemia', [
        [0, 4],
        [23, 29],
      ]),
    ).toEqual([
      { text: 'Diab', mark: true },
      { text: 'etes, type 2, with ', mark: false },
      { text: 'hyperg', mark: true },
      { text: 'lycemia', mark: false },
    ]);
  });

  it('merges overlapping and unsorted ranges, clamps out-of-range ones and ignores empty ones', () => {
    expect(
      deriveHighlightSegments('abcdef', [
        [3, 99],
        [1, 2],
        [2, 4],
        [5, 5],
        [-4, 0],
      ]),
    ).toEqual([
      { text: 'a', mark: false },
      { text: 'bcdef', mark: true },
    ]);
  });

  it('gives the whole text unmarked with no ranges, and one empty piece for empty text', () => {
    expect(deriveHighlightSegments('<b>x</b>', [])).toEqual([{ text: '<b>x</b>', mark: false }]);
    expect(deriveHighlightSegments('', [[0, 3]])).toEqual([{ text: '', mark: false }]);
  });

  it('always joins back to the text', () => {
    const text = 'Pneumonia, aspiration (due to) food (regurgitated)';
    const ranges: Array<[number, number]> = [
      [0, 5],
      [11, 15],
      [7, 12],
      [40, 60],
    ];
    expect(
      deriveHighlightSegments(text, ranges)
        .map((s) => s.text)
        .join(''),
    ).toBe(text);
  });
});

describe('deriveRows', () => {
  const header = hit({ code: 'S72001', display: 'S72.001', title: 'Fracture of unspecified part of neck of right femur', state: 'header' });

  it('lists the hits, a header as expandable', () => {
    const rows = deriveRows([hit(), header], {});
    expect(rows.map((r) => [r.key, r.display, r.state, r.expandable, r.depth])).toEqual([
      ['hit:0', 'E11.65', 'billable', false, 0],
      ['hit:1', 'S72.001', 'header', true, 0],
    ]);
  });

  it('puts an opened header’s children right below it, one level in', () => {
    const rows = deriveRows([header, hit()], {
      'icd10cm:S72001': {
        phase: 'done',
        children: [
          { code: 'S72001A', display: 'S72.001A', title: 'initial encounter for closed fracture', billable: true },
          { code: 'S72001B', display: 'S72.001B', title: 'initial encounter for open fracture', billable: true },
        ],
      },
    });
    expect(rows.map((r) => [r.key, r.display, r.depth])).toEqual([
      ['hit:0', 'S72.001', 0],
      ['hit:0>S72001A', 'S72.001A', 1],
      ['hit:0>S72001B', 'S72.001B', 1],
      ['hit:1', 'E11.65', 0],
    ]);
    expect(rows[0]?.children?.phase).toBe('done');
  });

  it('keeps an opened header’s loading state on its row without adding rows', () => {
    const rows = deriveRows([header], { 'icd10cm:S72001': { phase: 'loading' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.children).toEqual({ phase: 'loading' });
  });
});

describe('deriveNextActive', () => {
  it.each([
    [-1, 3, 'ArrowDown', 0],
    [0, 3, 'ArrowDown', 1],
    [2, 3, 'ArrowDown', 2],
    [1, 3, 'ArrowUp', 0],
    [0, 3, 'ArrowUp', -1],
    [-1, 3, 'ArrowUp', -1],
    [1, 30, 'End', 29],
    [25, 30, 'Home', 0],
    [5, 30, 'PageDown', 15],
    [25, 30, 'PageDown', 29],
    [5, 30, 'PageUp', 0],
    [7, 3, 'ArrowDown', 2],
    [0, 0, 'ArrowDown', -1],
  ] as const)('from %i of %i, %s goes to %i', (current, count, key, expected) => {
    expect(deriveNextActive(current, count, key)).toBe(expected);
  });
});

describe('deriveSeventhCode', () => {
  it.each([
    ['S72.001', 'A', 'S72001A', 'S72.001A'],
    ['T36.0X1', 'A', 'T360X1A', 'T36.0X1A'],
    ['T79.4', 'A', 'T794XXA', 'T79.4XXA'],
    ['S02.0', 'b', 'S020XXB', 'S02.0XXB'],
    ['T07', 'S', 'T07XXXS', 'T07.XXXS'],
  ])('%s + %s → %s', (base, char, code, display) => {
    expect(deriveSeventhCode('icd10cm', base, char)).toEqual({ code, display });
  });

  it('takes the full code from the lookup when it has one, else builds it', () => {
    expect(
      deriveSeventhChoices({
        system: 'icd10cm',
        code: 'T794',
        seventh: [
          { char: 'A', meaning: 'initial encounter', code: 'T794XXA' },
          { char: 'S', meaning: 'sequela', code: '' },
        ],
      }),
    ).toEqual([
      { char: 'A', meaning: 'initial encounter', code: 'T794XXA', display: 'T79.4XXA' },
      { char: 'S', meaning: 'sequela', code: 'T794XXS', display: 'T79.4XXS' },
    ]);
  });
});

describe('notes and ancestors', () => {
  const notes = [
    { type: 'useAdditionalCode' as const, text: 'code to identify control using insulin (Z79.4)', year: 2021, from: 'E11' },
    { type: 'excludes1' as const, text: 'diabetes mellitus due to underlying condition (E08.-)', year: 2021, from: 'E11' },
    { type: 'inclusionTerm' as const, text: 'Type 2 diabetes mellitus with hyperglycemia', year: 2021, from: 'E11.65' },
    { type: 'excludes1' as const, text: 'transitory endocrine disorders (P70-P74)', year: 2021, from: 'chapter:4' },
    { type: 'notes' as const, text: 'All neoplasms are classified in this chapter', year: 2020, from: 'section:E08-E13' },
  ];

  it('groups the inherited notes by type in reading order, nearest first, with where each comes from', () => {
    const groups = deriveNoteGroups(notes);
    expect(groups.map((g) => g.label)).toEqual(['Excludes1', 'Use additional code', 'Inclusion terms', 'Notes']);
    expect(groups[0]?.notes.map((n) => [n.text, n.from])).toEqual([
      ['diabetes mellitus due to underlying condition (E08.-)', 'E11'],
      ['transitory endocrine disorders (P70-P74)', 'chapter 4'],
    ]);
    expect(groups[3]?.notes[0]).toMatchObject({ from: 'section E08–E13', year: 2020 });
  });

  it('names where a note comes from', () => {
    expect([describeNodeId('chapter:19'), describeNodeId('section:S70-S79'), describeNodeId('S72')]).toEqual([
      'chapter 19',
      'section S70–S79',
      'S72',
    ]);
  });

  it('shows the ancestors from the chapter down, codes openable', () => {
    expect(
      deriveAncestorTrail([
        { id: 'E11', title: 'Type 2 diabetes mellitus' },
        { id: 'section:E08-E13', title: 'Diabetes mellitus' },
        { id: 'chapter:4', title: 'Endocrine, nutritional and metabolic diseases (E00-E89)' },
      ]),
    ).toEqual([
      { id: 'chapter:4', label: 'Chapter 4', title: 'Endocrine, nutritional and metabolic diseases (E00-E89)' },
      { id: 'section:E08-E13', label: 'E08–E13', title: 'Diabetes mellitus' },
      { id: 'E11', label: 'E11', title: 'Type 2 diabetes mellitus', code: 'E11' },
    ]);
  });

  it('says the notes are older than the code set', () => {
    expect(deriveNotesYear({ notesYear: 2021, fiscalYear: 2027 })).toBe('Tabular notes from FY2021 (code set FY2027)');
    expect(deriveNotesYear({ notesYear: 2027, fiscalYear: 2027 })).toBe('Tabular notes from FY2027');
    expect(deriveNotesYear({})).toBe('');
  });
});

describe('messages', () => {
  const response = (hits: SearchHit[]): SearchResponse => ({
    query: 'x',
    hits,
    candidates: hits.length,
    tookMs: 1,
    interpretation: { corrections: [], expansions: [] },
  });

  it('prompts, counts, says "No matches" with the query quoted, and reports errors', () => {
    expect(deriveSearchMessage('idle', undefined, undefined).text).toMatch(/^Type a code/);
    expect(deriveSearchMessage('done', response([hit(), hit()]), undefined).text).toBe('2 results');
    expect(deriveSearchMessage('done', response([]), undefined, '<img src=x>')).toEqual({
      text: 'No matches for “<img src=x>”.',
      tone: 'empty',
    });
    expect(deriveSearchMessage('failed', undefined, 'No reply').text).toBe('Search failed: No reply');
    expect(deriveSearchMessage('bad-date', undefined, undefined).tone).toBe('error');
  });

  it('keeps the previous count while the next search runs', () => {
    expect(deriveSearchMessage('searching', response([hit()]), undefined).text).toBe('1 result');
    expect(deriveSearchMessage('searching', undefined, undefined).text).toBe('Searching…');
  });

  it('shows load progress only while loading', () => {
    expect(deriveLoadingView({ state: 'ready', versions: [] })).toBeUndefined();
    expect(deriveLoadingView({ state: 'loading', versions: [] })).toEqual({ label: 'Loading code sets…' });
    expect(
      deriveLoadingView({ state: 'loading', versions: [], progress: { done: 30, total: 120, assetId: 'icd10cm-codes-2027' } }),
    ).toEqual({
      value: 30,
      max: 120,
      label: 'Loading code sets… 25%',
    });
  });
});
