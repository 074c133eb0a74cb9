import { describe, expect, it } from 'vitest';
import {
  deriveImportProgress,
  deriveLoadProgress,
  deriveVersionRows,
  describeRecognised,
  fiscalYearChoices,
  guessCptColumns,
} from '../../../components/options/model';
import { previewTable } from '../../../utils/db/import';
import { versionSummary } from '../../helpers/versions';

const version = versionSummary;

describe('deriveVersionRows', () => {
  it('labels a code list with its year, counts and sources', () => {
    expect(deriveVersionRows([version({})])).toEqual([
      {
        key: 'icd10cm-codes-2027',
        system: 'ICD-10-CM',
        kind: 'Code list',
        year: 'FY2027',
        contentNote: '',
        count: '98,403',
        stats: '74,879 billable · 23,524 headers',
        sources: 'icd10cm_order_2027.txt.gz',
        origin: 'bundled',
      },
    ]);
  });

  it('says which year older notes come from', () => {
    const [row] = deriveVersionRows([version({ assetId: 'icd10cm-tabular-2027', kind: 'tabular', contentYear: 2021, stats: {} })]);
    expect(row?.contentNote).toBe('notes from FY2021');
  });

  it('shows calendar years for HCPCS and sorts by system, kind, newest year first', () => {
    const rows = deriveVersionRows([
      version({ assetId: 'hcpcs-codes-2026', system: 'hcpcs', fiscalYear: 2026, contentYear: 2026, effectiveFrom: '2026-01-01' }),
      version({ assetId: 'icd10cm-codes-2026', fiscalYear: 2026, contentYear: 2026 }),
      version({ assetId: 'icd10cm-tabular-2027', kind: 'tabular', contentYear: 2021 }),
      version({}),
    ]);
    expect(rows.map((r) => [r.key, r.year])).toEqual([
      ['icd10cm-codes-2027', 'FY2027'],
      ['icd10cm-codes-2026', 'FY2026'],
      ['icd10cm-tabular-2027', 'FY2027'],
      ['hcpcs-codes-2026', 'CY2026'],
    ]);
  });
});

describe('progress views', () => {
  it('shows the background load only while loading', () => {
    expect(deriveLoadProgress({ state: 'ready', versions: [] })).toBeUndefined();
    expect(deriveLoadProgress({ state: 'loading', versions: [] })).toEqual({ label: 'Loading code sets…' });
    expect(
      deriveLoadProgress({ state: 'loading', versions: [], progress: { done: 3, total: 120, assetId: 'icd10cm-codes-2027' } }),
    ).toEqual({
      value: 3,
      max: 120,
      label: 'Loading code sets: 3 of 120 parts (icd10cm-codes-2027)',
    });
  });

  it('names the file being checked, then the asset being stored', () => {
    expect(deriveImportProgress({ stage: 'parsing', done: 1, total: 3, item: 'icd10cm_index_2017.xml' }).label).toBe(
      'Checking icd10cm_index_2017.xml (1 of 3)',
    );
    expect(deriveImportProgress({ stage: 'writing', done: 40, total: 99, item: 'icd10cm-codes-2027' }).label).toBe(
      'Storing icd10cm-codes-2027 (40 of 99)',
    );
  });
});

describe('describeRecognised', () => {
  it.each([
    [
      { name: 'icd10cm_order_2027.txt', kind: 'cm-order', year: 2027, skipped: false },
      'icd10cm_order_2027.txt: ICD-10-CM order file (code list), FY2027',
    ],
    [
      { name: 'icd10cm-order-April-2027.txt', kind: 'cm-order', year: 2027, midYearFrom: '2027-04-01', skipped: false },
      'icd10cm-order-April-2027.txt: ICD-10-CM order file (code list), FY2027 from 2027-04-01',
    ],
    [{ name: 'codes.txt', kind: 'cm-order', skipped: false }, 'codes.txt: ICD-10-CM order file (code list), year to choose'],
    [{ name: 'readme.txt', container: 'r.zip', kind: 'unknown', skipped: true }, 'readme.txt (in r.zip): skipped, not a code-set file'],
    [{ name: 'notes.csv', kind: 'unknown', skipped: false }, 'notes.csv: not a code-set file'],
  ] as const)('%o', (file, text) => {
    expect(describeRecognised(file)).toBe(text);
  });
});

describe('fiscalYearChoices', () => {
  it('offers next, current and two past fiscal years (October starts the next)', () => {
    expect(fiscalYearChoices('2026-11-22')).toEqual([2028, 2027, 2026, 2025]);
    expect(fiscalYearChoices('2026-09-30')).toEqual([2027, 2026, 2025, 2024]);
  });
});

describe('guessCptColumns', () => {
  it('finds the code column and a header row', () => {
    expect(guessCptColumns(previewTable('Descriptor\tCode\nSynthetic one\t99213\nSynthetic two\t0001U\n'))).toEqual({
      codeColumn: 1,
      descriptorColumn: 0,
      hasHeader: true,
    });
  });

  it('picks the longest other column as the descriptor, without a header', () => {
    expect(guessCptColumns(previewTable('99213,x,Synthetic descriptor one\n99214,y,Synthetic descriptor two\n'))).toEqual({
      codeColumn: 0,
      descriptorColumn: 2,
      hasHeader: false,
    });
  });
});
