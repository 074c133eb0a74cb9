import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { makeAsset } from '../../../utils/codes/asset';
import { CodeSetError, messages } from '../../../utils/codes/errors';
import { sha256Hex } from '../../../utils/codes/hash';
import { parseOrderFile } from '../../../utils/codes/parse/order-file';
import type { Asset, CodeRecord, ConversionRecord, IndexTerm } from '../../../utils/codes/types';
import {
  buildCptAsset,
  buildImportAssets,
  classifyFile,
  importCodeSets,
  importCpt,
  importMessages,
  parseCptTable,
  previewTable,
  recogniseFiles,
  type UploadedFile,
  unpackUpload,
  unpackUploads,
  yearFromName,
} from '../../../utils/db/import';
import { activeVersions, loadAll, readAssetRecords } from '../../../utils/db/loader';
import type { ChartcodeDB } from '../../../utils/db/schema';
import { hasCodesetDir, readCodesetText } from '../../helpers/codeset-dir';
import { freshDbEnv } from '../../helpers/db';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/codesets');
const bytesOf = (fixture: string) => new Uint8Array(readFileSync(resolve(FIXTURES, fixture)));
const textOf = (fixture: string) => readFileSync(resolve(FIXTURES, fixture), 'utf8');
/** A fixture under the official name the importer recognises. */
const file = (fixture: string, name: string): UploadedFile => ({ name, bytes: bytesOf(fixture) });

const CM_ORDER = () => file('import-icd10cm_order_2027.txt', 'icd10cm_order_2027.txt');
const INDEX = () => file('import-icd10cm_index_2017.xml', 'icd10cm_index_2017.xml');
const BUILT_AT = '2026-11-01T00:00:00.000Z';

async function dbSnapshot(db: ChartcodeDB) {
  return { versions: await db.versions.toArray(), chunks: await db.chunks.toArray() };
}

/** Every code an index asset names, with its resolution, in document order. */
function indexCodes(terms: readonly IndexTerm[]): Array<[string, string, string[]?]> {
  return terms.flatMap((t) => [
    ...[...(t.codes ?? []), ...(t.manif ?? []), ...(t.cells ?? []).filter((c) => c !== null)].map((c): [string, string, string[]?] =>
      c.mappedTo ? [c.code, c.status, c.mappedTo] : [c.code, c.status],
    ),
    ...indexCodes(t.children ?? []),
  ]);
}

describe('unpackUpload', () => {
  const order = bytesOf('import-icd10cm_order_2027.txt');

  it('passes a plain file through', () => {
    expect(unpackUpload('icd10cm_order_2027.txt', order)).toEqual([{ name: 'icd10cm_order_2027.txt', bytes: order }]);
  });

  it('unzips nested folders, skipping __MACOSX, resource forks, folders and PDFs', () => {
    const zip = zipSync({
      'FY2027/': new Uint8Array(0),
      'FY2027/Code Descriptions/icd10cm_order_2027.txt': order,
      'FY2027/icd10OrderFiles.pdf': strToU8('%PDF-1.4'),
      '__MACOSX/FY2027/._icd10cm_order_2027.txt': strToU8('resource fork'),
    });
    const files = unpackUpload('icd10cm-2027.zip', zip);
    expect(files.map((f) => f.name)).toEqual(['icd10cm_order_2027.txt']);
    expect(files[0]?.bytes).toEqual(order);
    expect(files[0]?.container).toMatchObject({ name: 'icd10cm-2027.zip', type: 'zip' });
  });

  it('gunzips a .gz, keeping the compressed file as the container', () => {
    const gz = gzipSync(order);
    const [out] = unpackUpload('icd10cm_order_2027.txt.gz', gz);
    expect(out?.name).toBe('icd10cm_order_2027.txt');
    expect(out?.bytes).toEqual(order);
    expect(out?.container).toEqual({ name: 'icd10cm_order_2027.txt.gz', type: 'gz', bytes: gz });
  });

  it('refuses an upload over the size cap before reading it', () => {
    const run = () => unpackUpload('huge.zip', new Uint8Array(2_000_001), { maxUploadBytes: 2_000_000 });
    expect(run).toThrow(CodeSetError);
    expect(run).toThrow(`huge.zip: ${messages.tooLarge(2_000_001, 2_000_000)}`);
  });

  it('refuses a zip bomb (50 MB of zeros) before inflating it', () => {
    const bomb = zipSync({ 'icd10cm_order_2027.txt': new Uint8Array(50_000_000) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(() => unpackUpload('bomb.zip', bomb)).toThrow(
      /^bomb\.zip: zip entry "icd10cm_order_2027\.txt" expands \d+x; refused as a possible zip bomb$/,
    );
  });

  it('refuses a gzip bomb the same way', () => {
    const bomb = gzipSync(new Uint8Array(20_000_000), { level: 9 });
    expect(() => unpackUpload('bomb.txt.gz', bomb)).toThrow(/^bomb\.txt\.gz: zip entry "bomb\.txt" expands \d+x/);
  });

  it('refuses an expansion over the total cap, counted across entries', () => {
    const entry = new Uint8Array(300_000).map((_, i) => (i * 7919) % 251); // barely compressible
    const zip = zipSync({ 'a.txt': entry, 'b.txt': entry });
    expect(() => unpackUpload('big.zip', zip, { maxExpandedBytes: 500_000 })).toThrow(`big.zip: ${messages.tooLarge(600_000, 500_000)}`);
    expect(() =>
      unpackUploads(
        [
          { name: 'a.zip', bytes: zip },
          { name: 'b.zip', bytes: zip },
        ],
        { maxExpandedBytes: 1_000_000 },
      ),
    ).toThrow(/^b\.zip: is 1\.2 MB, over the 1 MB limit/);
  });

  it('names the file of a truncated zip or gzip', () => {
    const zip = zipSync({ 'icd10cm_order_2027.txt': order });
    expect(() => unpackUpload('cut.zip', zip.subarray(0, zip.length - 40))).toThrow(
      /^cut\.zip: not a readable zip file \(invalid zip data\)/,
    );
    const gz = gzipSync(order);
    // Cut inside the trailer, at the end of the data, and mid-data (where inflating itself stops quietly).
    for (const cut of [1, 9, 200]) {
      expect(() => unpackUpload('cut.txt.gz', gz.subarray(0, gz.length - cut))).toThrow(
        /^cut\.txt\.gz: not a readable gzip file \(.+\); is it complete\?$/,
      );
    }
  });

  it('refuses a zip entry whose data stops short of its declared size', () => {
    const zip = zipSync({ 'icd10cm_order_2027.txt': order });
    // Central directory header (PK\1\2): the uncompressed size is at offset 24.
    const at = zip.findIndex((_, i) => zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 1 && zip[i + 3] === 2);
    new DataView(zip.buffer, zip.byteOffset).setUint32(at + 24, order.length + 100, true);
    expect(() => unpackUpload('short.zip', zip)).toThrow(
      `short.zip: ${importMessages.badArchive('zip', importMessages.entryIncomplete('icd10cm_order_2027.txt'))}`,
    );
  });

  it('refuses a zip holding only PDFs', () => {
    const zip = zipSync({ 'icd10OrderFiles.pdf': strToU8('%PDF') });
    expect(() => unpackUpload('docs.zip', zip)).toThrow(`docs.zip: ${messages.zipNoKnownFile}`);
  });
});

describe('classifyFile', () => {
  it.each([
    ['icd10cm_order_2027.txt', 'cm-order'],
    ['icd10cm_order_2027.reconstructed.txt', 'cm-order'],
    ['icd10cm-order-April-2024.txt', 'cm-order'],
    ['icd10cm_order_addenda_2027.txt', 'cm-addenda'],
    ['icd10pcs_order_2026.txt', 'pcs-order'],
    ['icd10cm_tabular_2021.xml', 'tabular'],
    ['icd10cm_index_2017.xml', 'index'],
    ['icd10cm_eindex_2022.xml', 'eindex'],
    ['icd10cm_neoplasm_2022.xml', 'neoplasm'],
    ['icd10cm_drug_2022.xml', 'drug-xml'],
    ['icd10cm-drug-April-2025.csv', 'drug-csv'],
    ['hcpcs_level2_2026_jan.csv', 'hcpcs'],
    ['POAexemptCodesFY26.txt', 'poa'],
    // Files of the same releases that are not imported.
    ['icd10cm_codes_2026.txt', 'unknown'],
    ['icd10cm_codes_addenda_2026.txt', 'unknown'],
    ['icd10pcs_order_addenda_2026.txt', 'unknown'],
    ['POAexemptAddCodesFY26.txt', 'unknown'],
    ['ReadMePOAexemptFY26.txt', 'unknown'],
  ])('%s by its name is %s', (name, kind) => {
    expect(classifyFile(name, '')).toBe(kind);
  });

  it.each([
    ['import-icd10cm_order_2027.txt', 'cm-order'],
    ['import-icd10pcs_order_2026.txt', 'pcs-order'],
    ['import-icd10cm_order_addenda_2027.txt', 'cm-addenda'],
    ['import-icd10cm_tabular_2021.xml', 'tabular'],
    ['import-icd10cm_index_2017.xml', 'index'],
    ['neoplasm-mini.xml', 'neoplasm'],
    ['eindex-mini.xml', 'eindex'],
    ['drug-mini.xml', 'drug-xml'],
    ['import-hcpcs_level2_2026_jan.csv', 'hcpcs'],
    ['import-POAexemptCodesFY26.txt', 'poa'],
    ['import-cpt-comma.csv', 'unknown'],
  ])('%s by its content is %s', (fixture, kind) => {
    expect(classifyFile('renamed.dat', textOf(fixture))).toBe(kind);
  });

  it('reads the drug CSV by its title row', () => {
    expect(classifyFile('table.csv', 'ICD-10-CM TABLE of DRUGS and CHEMICALS,,,,,,,\r\nSubstance,...')).toBe('drug-csv');
  });

  it.each([
    ['icd10cm_order_2027.txt', 2027],
    ['icd10cm_order_2027.reconstructed.txt', 2027],
    ['icd10cm-drug-April-2025.csv', 2025],
    ['hcpcs_level2_2026_jan.csv', 2026],
    ['POAexemptCodesFY26.txt', 2026],
    ['order.txt', undefined],
  ])('the year in %s is %s', (name, year) => {
    expect(yearFromName(name)).toBe(year);
  });
});

describe('buildImportAssets', () => {
  it('builds the same code-list asset as the build (parser, id, dates, stats, source)', async () => {
    const order = CM_ORDER();
    const [asset, ...rest] = await buildImportAssets([order], { builtAt: BUILT_AT });
    const parsed = parseOrderFile(textOf('import-icd10cm_order_2027.txt'), 'icd10cm_order_2027.txt');
    const expected = await makeAsset(
      {
        system: 'icd10cm',
        kind: 'codes',
        fiscalYear: 2027,
        effectiveFrom: '2026-10-01',
        effectiveTo: '2027-09-30',
        sources: [{ file: 'icd10cm_order_2027.txt', sha256: await sha256Hex(order.bytes), bytes: order.bytes.length }],
        stats: { billable: parsed.billable, headers: parsed.headers },
      },
      parsed.records,
      BUILT_AT,
    );
    expect(rest).toEqual([]);
    expect(asset).toEqual(expected);
    expect(asset?.header).toMatchObject({ id: 'icd10cm-codes-2027', stats: { billable: 7, headers: 4 } });
  });

  it('names and hashes a .gz source as the compressed file, as the build does', async () => {
    const gz = gzipSync(bytesOf('import-icd10cm_order_2027.txt'));
    const [asset] = await buildImportAssets(unpackUpload('icd10cm_order_2027.txt.gz', gz));
    expect(asset?.header.sources).toEqual([{ file: 'icd10cm_order_2027.txt.gz', sha256: await sha256Hex(gz), bytes: gz.length }]);
  });

  it('turns a whole release zip into assets, skipping files it does not import', async () => {
    const zip = zipSync({
      'icd10cm_order_2027.txt': bytesOf('import-icd10cm_order_2027.txt'),
      'icd10cm_codes_2027.txt': strToU8('A000    Cholera due to Vibrio cholerae 01, biovar cholerae\r\n'),
      'icd10cm_order_addenda_2027.txt': bytesOf('import-icd10cm_order_addenda_2027.txt'),
      'Table and Index/icd10cm_tabular_2021.xml': bytesOf('import-icd10cm_tabular_2021.xml'),
      'Table and Index/icd10cm_index_2017.xml': bytesOf('import-icd10cm_index_2017.xml'),
      'icd10cm-drug-April-2025.csv': bytesOf('import-icd10cm-drug-April-2025.csv'),
      'icd10OrderFiles.pdf': strToU8('%PDF'),
    });
    const files = unpackUpload('release.zip', zip);
    const assets = await buildImportAssets(files);
    const headers = Object.fromEntries(assets.map((a) => [a.header.id, a.header]));
    expect(Object.keys(headers).sort()).toEqual([
      'icd10cm-addenda-2027',
      'icd10cm-codes-2027',
      'icd10cm-drug-2027',
      'icd10cm-index-2027',
      'icd10cm-tabular-2027',
    ]);
    // The tabular notes and the index serve FY2027 but say which year they come from.
    expect(headers['icd10cm-tabular-2027']).toMatchObject({ fiscalYear: 2027, contentYear: 2021, stats: { nodes: 4, notes: 1 } });
    expect(headers['icd10cm-index-2027']).toMatchObject({ contentYear: 2017, effectiveFrom: '2026-10-01', effectiveTo: '2027-09-30' });
    expect(headers['icd10cm-drug-2027']).toMatchObject({ contentYear: 2025, stats: { mainTerms: 1 } });
    expect(headers['icd10cm-drug-2027']?.columns).toHaveLength(6);
    expect(headers['icd10cm-addenda-2027']?.stats).toEqual({ add: 1, delete: 1, revise: 1 });

    const recognised = recogniseFiles(files);
    expect(recognised.filter((f) => f.skipped).map((f) => f.name)).toEqual(['icd10cm_codes_2027.txt']);
    expect(recognised.find((f) => f.kind === 'tabular')).toMatchObject({ year: 2027, container: 'release.zip' });
  });

  it('reads the Windows-1252 dash of the CDC drug CSV as a subterm', async () => {
    const [, drug] = await buildImportAssets([CM_ORDER(), file('import-icd10cm-drug-April-2025.csv', 'icd10cm-drug-April-2025.csv')]);
    const terms = drug?.records as IndexTerm[];
    expect(terms[0]?.children?.[0]?.title).toBe('vapor test subterm');
  });

  it('resolves index codes against the code list of the same upload', async () => {
    const [, index] = await buildImportAssets([INDEX(), CM_ORDER()]);
    expect(index?.header.stats).toEqual({ mainTerms: 4, valid: 5, mapped: 0, invalid: 2 });
    expect(indexCodes(index?.records as IndexTerm[])).toEqual([
      ['F44.4', 'invalid'],
      ['R10.0', 'valid'],
      ['M19.90', 'valid'],
      ['M01.-', 'valid'],
      ['E11.9', 'valid'],
      ['E11.65', 'valid'],
      ['Z99.99', 'invalid'],
    ]);
  });

  it('otherwise against the stored code list and conversion table, naming the conversion source', async () => {
    const codes = new Set(parseOrderFile(textOf('import-icd10cm_order_2027.txt'), 'x').records.map((r) => r[0]));
    const conversion = await makeAsset<ConversionRecord>(
      {
        system: 'icd10cm',
        kind: 'conversion',
        fiscalYear: 2026,
        effectiveFrom: '2025-10-01',
        effectiveTo: '2026-09-30',
        sources: [{ file: 'conversion.xlsx', sha256: 'ab', bytes: 1 }],
      },
      [
        ['F4440', ['F444'], 2018],
        ['F4441', ['F444'], 2018],
      ],
    );
    const [index] = await buildImportAssets([INDEX()], {
      fiscalYear: 2027,
      existingCodes: async (year) => (year === 2027 ? codes : undefined),
      conversion: async () => conversion,
    });
    expect(index?.header.stats).toMatchObject({ valid: 5, mapped: 1, invalid: 1 });
    expect(indexCodes(index?.records as IndexTerm[])[0]).toEqual(['F44.4', 'mapped', ['F4440', 'F4441']]);
    expect(index?.header.sources.map((s) => s.file)).toEqual(['icd10cm_index_2017.xml', 'conversion.xlsx']);
  });

  it('refuses an index when the target year has no code list, rather than marking every code invalid', async () => {
    const run = buildImportAssets([INDEX()], { fiscalYear: 2028, existingCodes: async () => undefined });
    await expect(run).rejects.toThrow(`icd10cm_index_2017.xml: ${importMessages.needCodeList(2028)}`);
  });

  it('asks for the year when neither the name nor the user gives one', async () => {
    await expect(buildImportAssets([file('import-icd10cm_order_2027.txt', 'codes.txt')])).rejects.toThrow(
      `codes.txt: ${importMessages.needYear}`,
    );
    const [asset] = await buildImportAssets([file('import-icd10cm_order_2027.txt', 'codes.txt')], { fiscalYear: 2026 });
    expect(asset?.header).toMatchObject({ id: 'icd10cm-codes-2026', effectiveFrom: '2025-10-01' });
    await expect(buildImportAssets([file('import-icd10cm_tabular_2021.xml', 'tabular.xml')])).rejects.toThrow(
      `tabular.xml: ${importMessages.needTargetYear}`,
    );
  });

  it('builds PCS, HCPCS (calendar year) and POA assets', async () => {
    const assets = await buildImportAssets([
      file('import-icd10pcs_order_2026.txt', 'icd10pcs_order_2026.txt'),
      file('import-hcpcs_level2_2026_jan.csv', 'hcpcs_level2_2026_jan.csv'),
      file('import-POAexemptCodesFY26.txt', 'POAexemptCodesFY26.txt'),
    ]);
    const headers = Object.fromEntries(assets.map((a) => [a.header.id, a.header]));
    expect(headers['icd10pcs-codes-2026']).toMatchObject({ system: 'icd10pcs', count: 3, stats: { billable: 2, headers: 1 } });
    expect(headers['hcpcs-codes-2026']).toMatchObject({
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
      count: 2,
      stats: { billable: 2, headers: 0 },
    });
    expect(headers['hcpcs-modifiers-2026']).toMatchObject({ count: 1 });
    expect(headers['icd10cm-poa-exempt-2026']).toMatchObject({ count: 2, effectiveFrom: '2025-10-01' });
  });

  it('gives a 1 April update and a HCPCS quarter their own id and in-force dates', async () => {
    const assets = await buildImportAssets([
      file('import-icd10cm_order_2027.txt', 'icd10cm-order-April-2027.txt'),
      file('import-hcpcs_level2_2026_jan.csv', 'HCPC2026_APR_ANWEB.csv'),
    ]);
    expect(assets.map((a) => [a.header.id, a.header.effectiveFrom, a.header.effectiveTo])).toEqual([
      ['icd10cm-codes-2027-04', '2027-04-01', '2027-09-30'],
      ['hcpcs-codes-2026-04', '2026-04-01', '2026-12-31'],
      ['hcpcs-modifiers-2026-04', '2026-04-01', '2026-12-31'],
    ]);
    expect(
      recogniseFiles([file('import-icd10cm_order_2027.txt', 'icd10cm-order-April-2027.txt'), CM_ORDER()]).map((f) => f.midYearFrom),
    ).toEqual(['2027-04-01', undefined]);
  });

  it('refuses a file it does not know, given on its own, naming it', async () => {
    await expect(buildImportAssets([file('import-cpt-comma.csv', 'notes.csv')])).rejects.toThrow(
      `notes.csv: ${importMessages.notImportable}`,
    );
  });

  it('refuses a zip whose files it does not import', async () => {
    const zip = zipSync({ 'icd10cm_codes_2027.txt': strToU8('A000    Cholera\r\n'), 'readme.txt': strToU8('hello') });
    await expect(buildImportAssets(unpackUpload('codes.zip', zip))).rejects.toThrow(`codes.zip: ${messages.zipNoKnownFile}`);
  });

  it('refuses two files that give the same code set', async () => {
    const zip = zipSync({
      'a/icd10cm_order_2027.txt': bytesOf('import-icd10cm_order_2027.txt'),
      'b/icd10cm_order_2027.txt': bytesOf('import-icd10cm_order_2027.txt'),
    });
    await expect(buildImportAssets(unpackUpload('twice.zip', zip))).rejects.toThrow(/gives the same code set \(icd10cm-codes-2027\)/);
  });

  it('reports progress per file', async () => {
    const seen: string[] = [];
    await buildImportAssets([INDEX(), CM_ORDER()], { onProgress: (p) => seen.push(`${p.stage} ${p.done}/${p.total} ${p.item}`) });
    expect(seen).toEqual(['parsing 0/2 icd10cm_order_2027.txt', 'parsing 1/2 icd10cm_index_2017.xml', 'parsing 2/2 ']);
  });

  it.skipIf(!hasCodesetDir)('gives the official counts for the real FY2026 order file (.gz upload)', async () => {
    const gz = gzipSync(strToU8(readCodesetText('icd10cm/fy2026/icd10cm_order_2026.txt.gz')));
    const [asset] = await buildImportAssets(unpackUpload('icd10cm_order_2026.txt.gz', gz));
    expect(asset?.header).toMatchObject({ id: 'icd10cm-codes-2026', count: 98_186, stats: { billable: 74_719, headers: 23_467 } });
  });
});

describe('importCodeSets', () => {
  it('stores the assets as imported, active versions', async () => {
    const db = freshDbEnv().open();
    const progress: string[] = [];
    const result = await importCodeSets(db, [CM_ORDER(), INDEX()], { onProgress: (p) => progress.push(p.stage) });
    expect(result.assets.map((h) => h.id)).toEqual(['icd10cm-codes-2027', 'icd10cm-index-2027']);
    expect(result.results.map((r) => r.outcome)).toEqual(['loaded', 'loaded']);
    const active = await activeVersions(db);
    expect(active.map((v) => [v.assetId, v.origin]).sort()).toEqual([
      ['icd10cm-codes-2027', 'imported'],
      ['icd10cm-index-2027', 'imported'],
    ]);
    expect((await readAssetRecords<CodeRecord>(db, 'icd10cm-codes-2027'))?.records[2]).toEqual([
      'E1165',
      1,
      '',
      'Type 2 diabetes mellitus with hyperglycemia',
    ]);
    expect(progress).toContain('parsing');
    expect(progress.at(-1)).toBe('writing');
  });

  it('resolves an index imported alone against the stored code list of the newest year', async () => {
    const db = freshDbEnv().open();
    await importCodeSets(db, [CM_ORDER()]);
    const { assets } = await importCodeSets(db, [INDEX()]);
    expect(assets[0]).toMatchObject({ id: 'icd10cm-index-2027', stats: { valid: 5, invalid: 2 } });
  });

  it('changes nothing stored when a file of the import is bad, and names its file and line', async () => {
    const db = freshDbEnv().open();
    await importCodeSets(db, [CM_ORDER()]);
    const before = await dbSnapshot(db);

    const upload = unpackUpload(
      'release.zip',
      zipSync({
        'icd10cm_order_addenda_2027.txt': bytesOf('import-icd10cm_order_addenda_2027.txt'),
        'icd10cm_order_2027.txt': bytesOf('import-order-bad-line.txt'),
      }),
    );
    const run = importCodeSets(db, upload);
    await expect(run).rejects.toThrow(CodeSetError);
    await expect(importCodeSets(db, upload)).rejects.toThrow(
      /^icd10cm_order_2027\.txt, line 3: not an order-file line \(flag in column 15 is "X", not 0 or 1\)$/,
    );

    expect(await dbSnapshot(db)).toEqual(before);
    expect((await activeVersions(db)).map((v) => v.assetId)).toEqual(['icd10cm-codes-2027']);
  });

  it('keeps an imported code set when the same content is bundled later (same version, already active)', async () => {
    const db = freshDbEnv().open();
    const [asset] = (await buildImportAssets([CM_ORDER()])) as [Asset];
    await importCodeSets(db, [CM_ORDER()]);
    const again = await loadAll(db, [{ header: asset.header, records: () => asset.records }], { origin: 'bundled' });
    expect(again[0]?.outcome).toBe('already-active');
    expect((await activeVersions(db))[0]?.origin).toBe('imported');
  });
});

describe('CPT tables', () => {
  it('previews a comma-separated file with a header', () => {
    const preview = previewTable(textOf('import-cpt-comma.csv'));
    expect(preview.delimiter).toBe(',');
    expect(preview.columnCount).toBe(3);
    expect(preview.rows[0]).toEqual(['Code', 'Descriptor', 'Extra']);
    expect(preview.rows[1]).toEqual(['99213', 'Synthetic descriptor one, with a comma', 'x']);
  });

  it('previews a tab-separated file whose descriptors hold commas', () => {
    const preview = previewTable(textOf('import-cpt-tab.tsv'));
    expect(preview.delimiter).toBe('\t');
    expect(preview.columnCount).toBe(2);
    expect(preview.rows[1]).toEqual(['Synthetic descriptor one, with a comma', '99213']);
  });

  it('shows at most ten rows', () => {
    const text = Array.from({ length: 30 }, (_, i) => `${10000 + i},Row ${i}`).join('\n');
    expect(previewTable(text).rows).toHaveLength(10);
  });

  it('reads the chosen columns, skipping the header', () => {
    const { records } = parseCptTable(textOf('import-cpt-comma.csv'), {
      codeColumn: 0,
      descriptorColumn: 1,
      hasHeader: true,
      file: 'cpt.csv',
    });
    expect(records).toEqual([
      ['99213', 1, '', 'Synthetic descriptor one, with a comma'],
      ['0001U', 1, '', 'Synthetic descriptor two'],
      ['1234F', 1, '', 'Synthetic descriptor three'],
    ]);
  });

  it('reads a tab-separated file with the code in the second column and a blank line', () => {
    const { records } = parseCptTable(textOf('import-cpt-tab.tsv'), {
      codeColumn: 1,
      descriptorColumn: 0,
      hasHeader: true,
      file: 'cpt.tsv',
    });
    expect(records.map((r) => r[0])).toEqual(['99213', '0001U', '0042T']);
  });

  it('refuses the whole file for a bad code, naming the first bad line and listing the others', () => {
    const run = () => parseCptTable(textOf('import-cpt-bad.tsv'), { codeColumn: 0, descriptorColumn: 1, hasHeader: true, file: 'cpt.tsv' });
    expect(run).toThrow(CodeSetError);
    expect(run).toThrow(`cpt.tsv, line 3: ${messages.badCpt('9921')}${importMessages.cptMoreBadLines([5], 0)}`);
  });

  it('treats a header row as a bad code when the header box is not ticked', () => {
    expect(() =>
      parseCptTable(textOf('import-cpt-comma.csv'), { codeColumn: 0, descriptorColumn: 1, hasHeader: false, file: 'cpt.csv' }),
    ).toThrow(`cpt.csv, line 1: ${messages.badCpt('Code')}`);
  });

  it('refuses duplicate codes', () => {
    expect(() =>
      parseCptTable(textOf('import-cpt-duplicate.csv'), { codeColumn: 0, descriptorColumn: 1, hasHeader: false, file: 'cpt.csv' }),
    ).toThrow(`cpt.csv, line 3: ${importMessages.cptDuplicate('99213', 1)}`);
  });

  it('counts lines across quoted line breaks', () => {
    const text = '99213,"Synthetic\ndescriptor"\n99214,Synthetic\nbad,x\n';
    expect(() => parseCptTable(text, { codeColumn: 0, descriptorColumn: 1, hasHeader: false, file: 'q.csv' })).toThrow(/^q\.csv, line 4: /);
  });

  it('refuses the same column twice', () => {
    expect(() => parseCptTable('99213,x', { codeColumn: 0, descriptorColumn: 0, hasHeader: false, file: 'c.csv' })).toThrow(
      importMessages.cptSameColumn,
    );
  });

  it('builds the cpt-codes-<year> asset for the calendar year and stores it as imported', async () => {
    const asset = await buildCptAsset(textOf('import-cpt-comma.csv'), {
      codeColumn: 0,
      descriptorColumn: 1,
      hasHeader: true,
      file: 'cpt.csv',
      year: 2026,
    });
    expect(asset.header).toMatchObject({
      id: 'cpt-codes-2026',
      system: 'cpt',
      kind: 'codes',
      fiscalYear: 2026,
      effectiveFrom: '2026-01-01',
      effectiveTo: '2026-12-31',
      count: 3,
      stats: { billable: 3, headers: 0 },
    });

    const db = freshDbEnv().open();
    const { assets } = await importCpt(db, textOf('import-cpt-comma.csv'), {
      codeColumn: 0,
      descriptorColumn: 1,
      hasHeader: true,
      file: 'cpt.csv',
      year: 2026,
    });
    expect(assets[0]?.id).toBe('cpt-codes-2026');
    expect((await activeVersions(db))[0]).toMatchObject({ assetId: 'cpt-codes-2026', origin: 'imported' });
  });

  it('writes nothing for a refused CPT file', async () => {
    const db = freshDbEnv().open();
    await expect(
      importCpt(db, textOf('import-cpt-bad.tsv'), { codeColumn: 0, descriptorColumn: 1, hasHeader: true, file: 'cpt.tsv', year: 2026 }),
    ).rejects.toThrow(CodeSetError);
    expect(await dbSnapshot(db)).toEqual({ versions: [], chunks: [] });
  });
});
