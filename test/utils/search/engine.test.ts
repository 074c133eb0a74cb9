import { deserialize, serialize } from 'node:v8';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeAsset } from '../../../utils/codes/asset';
import type { Asset, CodeRecord, IndexTerm, TabularNode } from '../../../utils/codes/types';
import { type AbbreviationLookup, SearchEngine, type SerializedSearchIndex } from '../../../utils/search/engine';

const fy = { fiscalYear: 2027, effectiveFrom: '2026-10-01', effectiveTo: '2027-09-30', sources: [] };
const valid = (code: string) => ({ code, status: 'valid' as const });

async function miniAssets(): Promise<Asset[]> {
  const cm: CodeRecord[] = [
    ['E11', 0, '', 'Type 2 diabetes mellitus'],
    ['E116', 0, '', 'Type 2 diabetes mellitus with other specified complications'],
    ['E1165', 1, '', 'Type 2 diabetes mellitus with hyperglycemia'],
    ['E119', 1, '', 'Type 2 diabetes mellitus without complications'],
    ['I50', 0, '', 'Heart failure'],
    ['I509', 1, '', 'Heart failure, unspecified'],
    ['I5023', 1, '', 'Acute on chronic systolic (congestive) heart failure'],
    ['J690', 1, '', 'Pneumonitis due to inhalation of food and vomit'],
    ['J189', 1, '', 'Pneumonia, unspecified organism'],
    ['R109', 1, '', 'Unspecified abdominal pain'],
    ['T391X1', 0, '', 'Poisoning by 4-Aminophenol derivatives, accidental (unintentional)'],
    ['T391X1A', 1, '', 'Poisoning by 4-Aminophenol derivatives, accidental (unintentional), initial encounter'],
    ['T391X5', 0, '', 'Adverse effect of 4-Aminophenol derivatives'],
    ['T391X5A', 1, '', 'Adverse effect of 4-Aminophenol derivatives, initial encounter'],
  ];
  const hcpcs: CodeRecord[] = [['E1160', 1, '', 'Wheelchair, fixed full length arms, swing away detachable elevating legrests']];
  const tabular: TabularNode[] = [
    { id: 'chapter:4', kind: 'chapter', title: 'Endocrine, nutritional and metabolic diseases (E00-E89)', notes: [] },
    {
      id: 'E11',
      kind: 'diag',
      title: 'Type 2 diabetes mellitus',
      parent: 'chapter:4',
      notes: [{ type: 'inclusionTerm', text: 'diabetes NOS', year: 2021 }],
    },
    { id: 'chapter:9', kind: 'chapter', title: 'Diseases of the circulatory system (I00-I99)', notes: [] },
    { id: 'I50', kind: 'diag', title: 'Heart failure', parent: 'chapter:9', notes: [] },
    {
      id: 'I50.9',
      kind: 'diag',
      title: 'Heart failure, unspecified',
      parent: 'I50',
      notes: [{ type: 'inclusionTerm', text: 'Congestive heart disease', year: 2021 }],
    },
  ];
  const index: IndexTerm[] = [
    { title: 'Abdominalgia', see: ['Pain, abdominal'] },
    {
      title: 'Diabetes, diabetic',
      nemod: ['mellitus', 'sugar'],
      codes: [valid('E11.9')],
      children: [{ title: 'with', children: [{ title: 'hyperglycemia', codes: [valid('E11.65')] }] }],
    },
    { title: 'Failure, failed', children: [{ title: 'heart', nemod: ['acute', 'sudden'], codes: [valid('I50.9')] }] },
    { title: 'Pain', children: [{ title: 'abdominal', codes: [valid('R10.9')] }] },
    {
      title: 'Pneumonia',
      nemod: ['acute', 'double'],
      codes: [valid('J18.9')],
      children: [{ title: 'aspiration', codes: [valid('J69.0')] }],
    },
  ];
  const drug: IndexTerm[] = [{ title: 'Acetaminophen', cells: [valid('T39.1X1'), valid('T39.1X2'), null, null, valid('T39.1X5'), null] }];
  const columns = [
    'Poisoning Accidental (unintentional)',
    'Poisoning Intentional self-harm',
    'Poisoning Assault',
    'Poisoning Undetermined',
    'Adverse effect',
    'Underdosing',
  ];
  return [
    await makeAsset({ system: 'icd10cm', kind: 'codes', ...fy }, cm),
    await makeAsset(
      { system: 'hcpcs', kind: 'codes', fiscalYear: 2026, effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31', sources: [] },
      hcpcs,
    ),
    await makeAsset({ system: 'icd10cm', kind: 'tabular', ...fy, contentYear: 2021 }, tabular),
    await makeAsset({ system: 'icd10cm', kind: 'index', ...fy, contentYear: 2017 }, index),
    await makeAsset({ system: 'icd10cm', kind: 'drug', ...fy, columns }, drug),
  ];
}

const abbreviations: AbbreviationLookup = {
  expand: (text) => ({ chf: ['congestive heart failure', 'heart failure'], 'a fib': ['atrial fibrillation'] })[text.toLowerCase()] ?? [],
};

describe('SearchEngine on hand-written assets', () => {
  let engine: SearchEngine;
  const top = (text: string, extra: object = {}) =>
    engine.search({ text, dateOfService: '2026-11-01', ...extra }).hits.map((h) => h.display);
  beforeAll(async () => {
    engine = SearchEngine.build(await miniAssets(), { abbreviations });
  });

  it('finds a code or prefix with or without the dot, ICD-10-CM before the HCPCS E code', () => {
    expect(top('E11.6').slice(0, 2)).toEqual(['E11.6', 'E11.65']);
    expect(top('e116')[0]).toBe('E11.6');
    expect(top('E1160')).toContain('E1160');
  });

  it('matches words in any order and as prefixes', () => {
    expect(top('diab hyperg')[0]).toBe('E11.65');
    expect(top('hyperg diab')[0]).toBe('E11.65');
  });

  it('treats connector words as optional', () => {
    expect(top('diabetes with hyperglycemia')[0]).toBe('E11.65');
    expect(top('diabetes hyperglycemia')[0]).toBe('E11.65');
  });

  it('corrects misspellings and says so', () => {
    const r = engine.search({ text: 'hyperglicemia diabetis', dateOfService: '2026-11-01' });
    expect(r.hits[0]?.display).toBe('E11.65');
    expect(r.interpretation.corrections.map(([from]) => from)).toEqual(expect.arrayContaining(['hyperglicemia', 'diabetis']));
    expect(top('pnuemonia')[0]).toBe('J18.9');
  });

  it('expands abbreviations from the data file', () => {
    const r = engine.search({ text: 'chf', dateOfService: '2026-11-01' });
    expect(r.hits.map((h) => h.display)).toContain('I50.9');
    expect(r.interpretation.expansions).toContainEqual(['chf', 'congestive heart failure']);
  });

  it('follows an index path and prefers the complete match', () => {
    expect(top('pneumonia, aspiration')[0]).toBe('J69.0');
    expect(top('pneumonia aspiration')[0]).toBe('J69.0');
    expect(top('heart failure')).toEqual(expect.arrayContaining(['I50.9']));
  });

  it('follows "see" to the entry it names', () => {
    const hit = engine.search({ text: 'abdominalgia', dateOfService: '2026-11-01' }).hits[0];
    expect(hit?.display).toBe('R10.9');
    expect(hit?.matched).toBe('Abdominalgia → see Pain, abdominal');
  });

  it('finds drug-table columns and marks the header needing a 7th character', () => {
    const hit = engine.search({ text: 'acetaminophen adverse effect', dateOfService: '2026-11-01' }).hits[0];
    expect(hit).toMatchObject({ display: 'T39.1X5', column: 'Adverse effect', state: 'header', source: 'drug' });
  });

  it('marks the matched words', () => {
    const hit = engine.search({ text: 'diab hyperg', dateOfService: '2026-11-01' }).hits[0];
    const marked = hit?.highlights.map(([s, e]) => hit.matched.slice(s, e));
    expect(marked).toEqual(['Diabetes', 'diabetic', 'hyperglycemia']);
  });

  it('filters by system, billable state and chapter', () => {
    expect(top('E116', { systems: ['hcpcs'] })).toEqual(['E1160']);
    expect(top('diabetes', { billableOnly: true }).every((c) => ['E11.65', 'E11.9'].includes(c))).toBe(true);
    expect(top('failure', { chapter: '4' })).toEqual([]);
    expect(top('failure', { chapter: '9' })).toContain('I50.9');
  });

  it('uses the date-aware state when given the code model', async () => {
    const dated = SearchEngine.build(await miniAssets(), {
      stateOf: (_s, code, date) => (code === 'E1165' && date < '2026-10-01' ? 'invalid-on-date' : 'billable'),
    });
    expect(dated.search({ text: 'E11.65', dateOfService: '2026-09-30' }).hits[0]?.state).toBe('invalid-on-date');
    expect(dated.search({ text: 'E11.65', dateOfService: '2026-10-01' }).hits[0]?.state).toBe('billable');
  });

  it('answers the same after a structured-clone round trip (the stored index)', async () => {
    const revived = SearchEngine.deserialize(deserialize(serialize(engine.serialize())) as SerializedSearchIndex, { abbreviations });
    for (const q of ['diab hyperg', 'chf', 'abdominalgia', 'E11.6', 'pnuemonia']) {
      expect(revived.search({ text: q, dateOfService: '2026-11-01' }).hits).toEqual(
        engine.search({ text: q, dateOfService: '2026-11-01' }).hits,
      );
    }
    expect(
      SearchEngine.isCurrent(
        engine.serialize(),
        (await miniAssets()).map((a) => a.header),
      ),
    ).toBe(true);
    const changed = (await miniAssets()).map((a) => a.header);
    (changed[0] as { checksum: string }).checksum = 'different';
    expect(SearchEngine.isCurrent(engine.serialize(), changed)).toBe(false);
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \t\n '],
    ['10,000 characters', 'diabetes '.repeat(1_200)],
    ['emoji', '😀🫀 heart'],
    ['regex metacharacters', '.*+?^$' + '{}()|[]\\ (((('],
    ['HTML', '<img src=x onerror=alert(1)>'],
    ['SQL', "'; DROP TABLE codes; --"],
    ['RTL and CJK', '\u202e糖尿病 مرض'],
  ])('bad input (%s): no throw, a response', (_, text) => {
    const r = engine.search({ text, dateOfService: '2026-11-01' });
    expect(Array.isArray(r.hits)).toBe(true);
    expect(r.query.length).toBeLessThanOrEqual(256);
  });

  it('never throws on arbitrary strings (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const r = engine.search({ text, dateOfService: '2026-11-01' });
        return Array.isArray(r.hits) && r.hits.length <= 25;
      }),
      { numRuns: 300 },
    );
  });
});
