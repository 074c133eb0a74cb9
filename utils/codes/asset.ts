import { recordsChecksum } from './hash';
import type { Asset, AssetHeader, AssetKind, CodeSystem, SourceFile } from './types';

export interface AssetSpec {
  system: CodeSystem;
  kind: AssetKind;
  fiscalYear: number;
  contentYear?: number;
  effectiveFrom: string;
  effectiveTo: string;
  sources: SourceFile[];
  stats?: Record<string, number>;
  columns?: string[];
}

/**
 * `icd10cm-codes-2027`: one asset id per system, kind and year; a newer build of it replaces the older.
 * A release that starts inside the year (the 1 April ICD-10-CM/PCS update, a HCPCS quarter) gets its own
 * id, `icd10cm-codes-2027-04`, so it sits beside the October release instead of replacing it.
 */
export function assetId(system: CodeSystem, kind: AssetKind, fiscalYear: number, effectiveFrom?: string): string {
  const base = `${system}-${kind}-${fiscalYear}`;
  const yearStart = system === 'icd10cm' || system === 'icd10pcs' ? `${fiscalYear - 1}-10-01` : `${fiscalYear}-01-01`;
  return effectiveFrom && effectiveFrom !== yearStart ? `${base}-${effectiveFrom.slice(5, 7)}` : base;
}

/** Wrap parsed records into a versioned asset with its checksum. Shared by the build and the importer. */
export async function makeAsset<R>(spec: AssetSpec, records: R[], builtAt = new Date().toISOString()): Promise<Asset<R>> {
  const header: AssetHeader = {
    format: 'chartcode-codeset',
    formatVersion: 1,
    id: assetId(spec.system, spec.kind, spec.fiscalYear, spec.effectiveFrom),
    system: spec.system,
    kind: spec.kind,
    fiscalYear: spec.fiscalYear,
    contentYear: spec.contentYear ?? spec.fiscalYear,
    effectiveFrom: spec.effectiveFrom,
    effectiveTo: spec.effectiveTo,
    sources: spec.sources,
    builtAt,
    count: records.length,
    checksum: await recordsChecksum(records),
    stats: spec.stats ?? {},
    ...(spec.columns ? { columns: spec.columns } : {}),
  };
  return { header, records };
}
