import { describe, expect, it } from 'vitest';
import { makeAsset } from '../../../utils/codes/asset';
import type { Catalog, CatalogEntry } from '../../../utils/codes/catalog-file';
import type { Asset, CodeRecord } from '../../../utils/codes/types';
import { type BundledSource, CodesetService } from '../../../utils/db/codeset-service';
import { loadAsset, readAssetRecords } from '../../../utils/db/loader';
import { parseOrderFile } from '../../../utils/codes/parse/order-file';
import { fixture } from '../../helpers/fixtures';
import { freshDbEnv } from '../../helpers/db';

async function fixtureAssets(tag = ''): Promise<Asset[]> {
  const records = parseOrderFile(fixture('order-mini.txt'), 'order-mini.txt').records.map(
    (r): CodeRecord => [r[0], r[1], r[2], `${r[3]}${tag}`],
  );
  const many: CodeRecord[] = Array.from({ length: 2_500 }, (_, i) => [`A${String(i).padStart(4, '0')}`, 1, '', `code ${i}`]);
  return [
    await makeAsset(
      { system: 'icd10cm', kind: 'codes', fiscalYear: 2027, effectiveFrom: '2026-10-01', effectiveTo: '2027-09-30', sources: [] },
      records,
    ),
    await makeAsset(
      { system: 'hcpcs', kind: 'codes', fiscalYear: 2026, effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31', sources: [] },
      many,
    ),
  ];
}

function sourceOf(assets: Asset[], opts: { failOn?: string } = {}): BundledSource & { reads: string[] } {
  const reads: string[] = [];
  const entries: CatalogEntry[] = assets.map((a) => ({ header: a.header, file: `${a.header.id}.json.gz`, rawBytes: 0, gzipBytes: 0 }));
  return {
    reads,
    catalog: async (): Promise<Catalog> => ({ format: 'chartcode-catalog', formatVersion: 1, builtAt: '', assets: entries }),
    asset: async (entry) => {
      reads.push(entry.header.id);
      if (opts.failOn === entry.header.id) throw new Error('file unreadable');
      return assets.find((a) => a.header.id === entry.header.id) as Asset;
    },
  };
}

describe('CodesetService', () => {
  it('loads bundled assets, reports progress and versions, and answers lookups', async () => {
    const env = freshDbEnv();
    const events: string[] = [];
    const service = new CodesetService(env.open(), sourceOf(await fixtureAssets()), (type) => events.push(type));
    expect(service.status().state).toBe('loading');
    await service.ensureLoaded();
    const status = service.status();
    expect(status.state).toBe('ready');
    expect(status.versions.map((v) => v.assetId)).toEqual(['hcpcs-codes-2026', 'icd10cm-codes-2027']);
    expect(events).toContain('codesets/progress');
    expect(events.at(-1)).toBe('codesets/changed');
    const catalog = await service.catalog();
    expect(catalog?.lookup('icd10cm', 'E11.65', '2026-11-01').state).toBe('billable');
  });

  it('a second wake reads nothing again', async () => {
    const env = freshDbEnv();
    const assets = await fixtureAssets();
    await new CodesetService(env.open(), sourceOf(assets)).ensureLoaded();
    const source = sourceOf(assets);
    const again = new CodesetService(env.open(), source);
    await again.ensureLoaded();
    expect(source.reads).toEqual([]);
    expect(again.status().state).toBe('ready');
  });

  it('a failed load keeps the previous versions and says why; the next wake completes it', async () => {
    const env = freshDbEnv();
    await new CodesetService(env.open(), sourceOf(await fixtureAssets())).ensureLoaded();
    const newer = await fixtureAssets(' (revised)');
    const failing = new CodesetService(env.open(), sourceOf(newer, { failOn: 'icd10cm-codes-2027' }));
    await failing.ensureLoaded();
    expect(failing.status().state).toBe('error');
    expect(failing.status().error).toMatch(/file unreadable/);
    // The previous build's ICD-10-CM list is still the active one, complete.
    const previous = await readAssetRecords<CodeRecord>(env.open(), 'icd10cm-codes-2027');
    expect(previous?.records).toHaveLength(12);
    expect(previous?.records.some((r) => r[3].endsWith('(revised)'))).toBe(false);
    expect((await failing.catalog())?.lookup('icd10cm', 'E11.65', '2026-11-01').title).toBe('Type 2 diabetes mellitus with hyperglycemia');
    const next = new CodesetService(env.open(), sourceOf(newer));
    await next.ensureLoaded();
    expect(next.status().state).toBe('ready');
    expect((await next.catalog())?.lookup('icd10cm', 'E11.65', '2026-11-01').title).toMatch(/\(revised\)$/);
  });

  it('never replaces a code set the user imported with the bundled one', async () => {
    const env = freshDbEnv();
    const bundled = await fixtureAssets();
    const imported = await fixtureAssets(' (imported)');
    const icd = imported[0] as Asset;
    await loadAsset(env.open(), { header: icd.header, records: () => icd.records }, { origin: 'imported' });
    const service = new CodesetService(env.open(), sourceOf(bundled));
    await service.ensureLoaded();
    const version = service.status().versions.find((v) => v.assetId === 'icd10cm-codes-2027');
    expect(version?.origin).toBe('imported');
    expect((await service.catalog())?.lookup('icd10cm', 'E11.65', '2026-11-01').title).toMatch(/\(imported\)$/);
  });

  it('concurrent wakes share one load', async () => {
    const env = freshDbEnv();
    const source = sourceOf(await fixtureAssets());
    const service = new CodesetService(env.open(), source);
    await Promise.all([service.ensureLoaded(), service.ensureLoaded(), service.ensureLoaded()]);
    expect(source.reads.sort()).toEqual(['hcpcs-codes-2026', 'icd10cm-codes-2027']);
  });
});
