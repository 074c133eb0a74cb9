import type { VersionSummary } from '../../utils/messaging';

/** A code-set version summary as the background reports it; override what a test is about. */
export function versionSummary(over: Partial<VersionSummary> = {}): VersionSummary {
  return {
    assetId: 'icd10cm-codes-2027',
    system: 'icd10cm',
    kind: 'codes',
    fiscalYear: 2027,
    contentYear: 2027,
    effectiveFrom: '2026-10-01',
    effectiveTo: '2027-09-30',
    count: 98_403,
    stats: { billable: 74_879, headers: 23_524 },
    sources: ['icd10cm_order_2027.txt.gz'],
    origin: 'bundled',
    ...over,
  };
}
