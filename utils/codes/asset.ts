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

/** `icd10cm-codes-2027`: one asset id per system, kind and year; a newer build of it replaces the older. */
export function assetId(system: CodeSystem, kind: AssetKind, fiscalYear: number): string {
  return `${system}-${kind}-${fiscalYear}`;
}

/** Wrap parsed records into a versioned asset with its checksum. Shared by the build and the importer. */
export async function makeAsset<R>(spec: AssetSpec, records: R[], builtAt = new Date().toISOString()): Promise<Asset<R>> {
  const header: AssetHeader = {
    format: 'chartcode-codeset',
    formatVersion: 1,
    id: assetId(spec.system, spec.kind, spec.fiscalYear),
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
