import { beforeAll, describe, expect, it } from 'vitest';
import { buildAllAssets } from '../../../scripts/codesets/build';
import { makeAsset } from '../../../utils/codes/asset';
import { CodeCatalog, catalogDataFromAssets } from '../../../utils/codes/catalog';
import { fiscalYearRange } from '../../../utils/codes/dates';
import { parseOrderAddenda } from '../../../utils/codes/parse/addenda';
import { parseOrderFile } from '../../../utils/codes/parse/order-file';
import type { AddendaRecord, Asset, CodeRecord } from '../../../utils/codes/types';
import { CODESET_DIR, hasCodesetDir } from '../../helpers/codeset-dir';
import { fixture } from '../../helpers/fixtures';

const codeList = (year: number, records: CodeRecord[]) =>
  makeAsset({ system: 'icd10cm', kind: 'codes', fiscalYear: year, ...toRange(year), sources: [] }, records);
const toRange = (year: number) => {
  const { from, to } = fiscalYearRange(year);
  return { effectiveFrom: from, effectiveTo: to };
};

describe('CodeCatalog on fixtures', () => {
  let catalog: CodeCatalog;
  beforeAll(async () => {
    const fy2027 = parseOrderFile(fixture('order-mini.txt'), 'order-mini.txt').records;
    // FY2026: E11.65 billable, E11.9 absent; FY2027 adds E11.9 (as if new).
    const fy2026 = fy2027.filter((r) => r[0] !== 'E119');
    const addenda = await makeAsset<AddendaRecord>(
      { system: 'icd10cm', kind: 'addenda', fiscalYear: 2027, ...toRange(2027), sources: [] },
      parseOrderAddenda(fixture('addenda-mini.txt'), 'addenda-mini.txt'),
    );
    catalog = new CodeCatalog({ codeLists: [await codeList(2027, fy2027), await codeList(2026, fy2026)], addenda: [addenda] });
  });

  it('answers billable for a billable code, with or without the dot, any case', () => {
    for (const input of ['E11.65', 'e1165', ' E11.65 ']) {
      const r = catalog.lookup('icd10cm', input, '2026-11-01');
      expect(r.state).toBe('billable');
      expect(r.display).toBe('E11.65');
      expect(r.title).toBe('Type 2 diabetes mellitus with hyperglycemia');
      expect(r.fiscalYear).toBe(2027);
    }
  });

  it('answers header with its children for a category', () => {
    const r = catalog.lookup('icd10cm', 'E11', '2026-11-01');
    expect(r.state).toBe('header');
    expect(r.children.map((c) => c.display)).toEqual(['E11.6', 'E11.9']);
    expect(r.reason).toMatch(/needs more characters/);
  });

  it('uses the code set of the fiscal year the date falls in (1 October boundary)', () => {
    expect(catalog.lookup('icd10cm', 'E11.9', '2026-09-30').state).toBe('invalid-on-date');
    expect(catalog.lookup('icd10cm', 'E11.9', '2026-10-01').state).toBe('billable');
    expect(catalog.lookup('icd10cm', 'E11.9', '2026-09-30').reason).toMatch(/FY2027/);
  });

  it('honours a 1 April update inside the fiscal year', async () => {
    const october = parseOrderFile(fixture('order-mini.txt'), 'order-mini.txt').records;
    const april: CodeRecord[] = [...october, ['E11A', 1, '', 'Type 2 diabetes mellitus without complications in remission']];
    const aprilAsset = await makeAsset(
      { system: 'icd10cm', kind: 'codes', fiscalYear: 2027, effectiveFrom: '2027-04-01', effectiveTo: '2027-09-30', sources: [] },
      april,
    );
    // Its own asset id, so IndexedDB keeps it beside the October release.
    expect(aprilAsset.header.id).toBe('icd10cm-codes-2027-04');
    const withApril = new CodeCatalog({ codeLists: [await codeList(2027, october), aprilAsset] });
    expect(withApril.lookup('icd10cm', 'E11.A', '2027-03-31').state).toBe('invalid-on-date');
    expect(withApril.lookup('icd10cm', 'E11.A', '2027-04-01').state).toBe('billable');
    expect(withApril.lookup('icd10cm', 'E11.65', '2026-10-01').state).toBe('billable');
  });

  it('gives a typed unknown, never a throw, for bad input', () => {
    expect(catalog.lookup('icd10cm', 'Z99.999', '2026-11-01').state).toBe('unknown');
    expect(catalog.lookup('icd10cm', '<script>', '2026-11-01').state).toBe('unknown');
    expect(catalog.lookup('icd10cm', 'x'.repeat(10_000), '2026-11-01').state).toBe('unknown');
    expect(catalog.lookup('icd10cm', 'E11.65', 'yesterday').reason).toMatch(/not a date/);
    expect(catalog.lookup('icd10cm', 'E11.65', '2026-02-30').state).toBe('unknown');
    const outside = catalog.lookup('icd10cm', 'E11.65', '2030-01-01');
    expect(outside.state).toBe('unknown');
    expect(outside.reason).toMatch(/No ICD-10-CM code set loaded covers 2030-01-01/);
    // @ts-expect-error: a non-string from an untyped caller
    expect(catalog.lookup('icd10cm', undefined, '2026-11-01').state).toBe('unknown');
  });

  it('points a deleted code to the codes the addenda added under it', async () => {
    // The fixture addenda delete E11.65 as billable and add E11.650 under it.
    const fy2027 = parseOrderFile(fixture('order-mini.txt'), 'order-mini.txt').records.map(
      (r): CodeRecord => (r[0] === 'E1165' ? ['E1165', 0, r[2], r[3]] : r),
    );
    fy2027.push(['E11650', 1, '', 'Type 2 diabetes mellitus with hyperglycemia, new']);
    const addenda = await makeAsset<AddendaRecord>(
      { system: 'icd10cm', kind: 'addenda', fiscalYear: 2027, ...toRange(2027), sources: [] },
      parseOrderAddenda(fixture('addenda-mini.txt'), 'addenda-mini.txt'),
    );
    const withNew = new CodeCatalog({ codeLists: [await codeList(2027, fy2027)], addenda: [addenda] });
    const r = withNew.lookup('icd10cm', 'E11.65', '2026-11-01');
    expect(r.state).toBe('header');
    expect(r.replacedBy.map((c) => c.display)).toEqual(['E11.650']);
  });

  it('an empty catalog answers unknown for every date', () => {
    const empty = new CodeCatalog(catalogDataFromAssets([]));
    expect(empty.lookup('icd10cm', 'E11.65', '2026-11-01').reason).toMatch(/No ICD-10-CM code set loaded covers/);
  });
});

describe.skipIf(!hasCodesetDir)('CodeCatalog on the official files', () => {
  let catalog: CodeCatalog;
  let assets: Asset[];
  beforeAll(async () => {
    ({ assets } = await buildAllAssets(CODESET_DIR));
    catalog = new CodeCatalog(catalogDataFromAssets(assets));
  }, 300_000);

  const header = (id: string) => assets.find((a) => a.header.id === id)?.header;

  it('FY2027 has 74,879 billable codes and 23,524 headers; FY2026 74,719 and 23,467', () => {
    expect(header('icd10cm-codes-2027')?.stats).toEqual({ billable: 74_879, headers: 23_524 });
    expect(header('icd10cm-codes-2026')?.stats).toEqual({ billable: 74_719, headers: 23_467 });
  });

  it('PCS FY2026 has 79,115 codes; HCPCS 8,623', () => {
    expect(header('icd10pcs-codes-2026')?.stats.billable).toBe(79_115);
    expect(header('hcpcs-codes-2026')?.count).toBe(8_623);
  });

  it('E11.65 carries E11 use-additional-code note, tagged with the tabular year', () => {
    const r = catalog.lookup('icd10cm', 'E11.65', '2026-11-01');
    expect(r.state).toBe('billable');
    const fromE11 = r.notes.filter((n) => n.from === 'E11' && n.type === 'useAdditionalCode');
    expect(fromE11.length).toBeGreaterThan(0);
    expect(fromE11.map((n) => n.text).join(' ')).toMatch(/insulin/i);
    expect(fromE11.every((n) => n.year === 2021)).toBe(true);
    expect(r.ancestors.map((a) => a.id)).toEqual(expect.arrayContaining(['E11.6', 'E11', 'section:E08-E13', 'chapter:4']));
  });

  it('S72.001 needs a 7th character and offers A through S', () => {
    const r = catalog.lookup('icd10cm', 'S72.001', '2026-11-01');
    expect(r.state).toBe('header');
    const chars = r.seventh.map((s) => s.char);
    expect(chars[0]).toBe('A');
    expect(chars).toEqual(expect.arrayContaining(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'M', 'N', 'P', 'Q', 'R', 'S']));
    expect(r.seventh.find((s) => s.char === 'A')?.code).toBe('S72001A');
    expect(r.seventh.find((s) => s.char === 'A')?.meaning).toMatch(/initial encounter for closed fracture/i);
    expect(catalog.lookup('icd10cm', 'S72.001A', '2026-11-01').state).toBe('billable');
  });

  it('J44 has its Excludes1 list', () => {
    const r = catalog.lookup('icd10cm', 'J44', '2026-11-01');
    const excludes1 = r.notes.filter((n) => n.from === 'J44' && n.type === 'excludes1');
    expect(excludes1.length).toBeGreaterThan(0);
    expect(excludes1.every((n) => n.text.length > 3)).toBe(true);
  });

  it('validity across 2026-10-01 for every code the FY2027 addenda add or delete', () => {
    const recordsOf = <R>(id: string) => (assets.find((a) => a.header.id === id)?.records ?? []) as R[];
    const addenda = recordsOf<AddendaRecord>('icd10cm-addenda-2027');
    const fy2026 = new Set(recordsOf<CodeRecord>('icd10cm-codes-2026').map((r) => r[0]));
    const added = addenda.filter(([action, code, billable]) => action === 'add' && billable === 1 && !fy2026.has(code));
    const deleted = addenda.filter(([action, , billable]) => action === 'delete' && billable === 1);
    expect(added.length).toBeGreaterThan(150);
    expect(deleted.length).toBeGreaterThan(25);
    for (const [, code] of added) {
      expect(catalog.lookup('icd10cm', code, '2026-09-30').state, code).toBe('invalid-on-date');
      expect(catalog.lookup('icd10cm', code, '2026-10-01').state, code).toBe('billable');
    }
    for (const [, code] of deleted) {
      expect(catalog.lookup('icd10cm', code, '2026-09-30').state, code).toBe('billable');
      expect(['header', 'invalid-on-date'], code).toContain(catalog.lookup('icd10cm', code, '2026-10-01').state);
    }
  });

  it('a code deleted in FY2027 and now a header points to its new children (D69.1)', () => {
    const r = catalog.lookup('icd10cm', 'D69.1', '2026-10-01');
    expect(r.state).toBe('header');
    expect(r.children.map((c) => c.display)).toEqual(['D69.11', 'D69.19']);
  });

  it('shows HCC V28 and POA exemption where they apply', () => {
    const r = catalog.lookup('icd10cm', 'E11.65', '2026-11-01');
    // V28 moved hyperglycemia into HCC 38 (glycemic, unspecified or no complications).
    expect(r.hcc.find((h) => h.model === 'V28')).toMatchObject({ hcc: '38', label: expect.stringMatching(/Glycemic/) });
    expect(catalog.lookup('icd10cm', 'B90.0', '2026-11-01').poaExempt).toBe(true);
  });

  it('looks up PCS and HCPCS by date', () => {
    expect(catalog.lookup('icd10pcs', '0016070', '2026-03-01').state).toBe('billable');
    expect(catalog.lookup('icd10pcs', '001', '2026-03-01').state).toBe('header');
    expect(catalog.lookup('hcpcs', 'J1885', '2026-06-01').state).toBe('billable');
  });
});
