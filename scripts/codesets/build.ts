/**
 * Build-time compilation of the official CMS/CDC code-set files (in CODESET_DIR) into compact,
 * versioned assets. Node-only file access lives here; every parser it calls is pure TypeScript and
 * is the same one the options page uses for imports.
 */
import readXlsxFile from 'read-excel-file/node';
import { makeAsset } from '../../utils/codes/asset';
import { fiscalYearRange } from '../../utils/codes/dates';
import { codeListView, resolveIndexCodes } from '../../utils/codes/index-resolve';
import { parseOrderAddenda } from '../../utils/codes/parse/addenda';
import { parseConversionRows } from '../../utils/codes/parse/conversion';
import { decodeDrugCsv, parseDrugCsv } from '../../utils/codes/parse/drug-csv';
import { parseHccLabels, parseHccMap } from '../../utils/codes/parse/hcc';
import { parseHcpcsCsv } from '../../utils/codes/parse/hcpcs';
import { applyIndexAddenda, type IndexAddendaStats, type UnplacedChange } from '../../utils/codes/parse/index-addenda';
import { parseIndexXml } from '../../utils/codes/parse/index-xml';
import { parseOrderFile } from '../../utils/codes/parse/order-file';
import { parsePoaExempt } from '../../utils/codes/parse/poa';
import { parseTabularXml } from '../../utils/codes/parse/tabular';
import type { Asset, CodeRecord, ConversionRecord, HccRecord, SourceFile } from '../../utils/codes/types';
import { readIndexAddenda } from './index-addenda';
import { type SourceKey, checkSources, codesetDir, readSource } from './sources';

export { codesetDir };

const fy = (year: number) => {
  const { from, to } = fiscalYearRange(year);
  return { effectiveFrom: from, effectiveTo: to };
};

async function orderAsset(dir: string, key: SourceKey, system: 'icd10cm' | 'icd10pcs', year: number) {
  const src = readSource(dir, key);
  const parsed = parseOrderFile(src.text, src.source.file);
  return makeAsset<CodeRecord>(
    { system, kind: 'codes', fiscalYear: year, ...fy(year), sources: [src.source], stats: { billable: parsed.billable, headers: parsed.headers } },
    parsed.records,
  );
}

async function addendaAsset(dir: string, key: SourceKey, year: number) {
  const src = readSource(dir, key);
  const records = parseOrderAddenda(src.text, src.source.file);
  const count = (action: string) => records.filter((r) => r[0] === action).length;
  return makeAsset(
    { system: 'icd10cm', kind: 'addenda', fiscalYear: year, ...fy(year), sources: [src.source], stats: { add: count('add'), delete: count('delete'), revise: count('revise-to') } },
    records,
  );
}

async function conversionRecords(dir: string): Promise<{ records: ConversionRecord[]; source: SourceFile }> {
  const src = readSource(dir, 'conversion');
  const sheets = (await readXlsxFile(Buffer.from(src.bytes))) as unknown as Array<{ data: unknown[][] }> | unknown[][];
  // read-excel-file returns either the rows of the first sheet or [{ sheet, data }] per sheet.
  const first = (sheets as unknown[])[0];
  const rows = first && typeof first === 'object' && !Array.isArray(first) && 'data' in first ? (first as { data: unknown[][] }).data : (sheets as unknown[][]);
  return { records: parseConversionRows(rows, src.source.file), source: src.source };
}

export interface BuildResult {
  assets: Asset[];
  timings: Record<string, number>;
  /** What the Index addenda changed, per release, and each change that could not be placed. */
  indexAddenda?: { byFile: Array<{ file: string; stats: IndexAddendaStats }>; unplaced: UnplacedChange[]; restored: UnplacedChange[] };
}

/** Compile every asset from CODESET_DIR. The current (target) ICD-10-CM year is FY2027. */
export async function buildAllAssets(dir = codesetDir(), log: (line: string) => void = () => {}): Promise<BuildResult> {
  checkSources(dir);
  const timings: Record<string, number> = {};
  const assets: Asset[] = [];
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const out = await fn();
    timings[name] = Math.round(performance.now() - t0);
    log(`  ${name.padEnd(24)} ${String(timings[name]).padStart(6)} ms`);
    return out;
  };
  const TARGET = 2027;

  const cm2027 = await timed('icd10cm codes 2027', () => orderAsset(dir, 'cmOrder2027', 'icd10cm', 2027));
  assets.push(cm2027);
  assets.push(await timed('icd10cm codes 2026', () => orderAsset(dir, 'cmOrder2026', 'icd10cm', 2026)));
  assets.push(await timed('icd10cm codes 2025', () => orderAsset(dir, 'cmOrder2025', 'icd10cm', 2025)));
  assets.push(await timed('icd10cm addenda 2027', () => addendaAsset(dir, 'cmAddenda2027', 2027)));
  assets.push(await timed('icd10cm addenda 2026', () => addendaAsset(dir, 'cmAddenda2026', 2026)));

  const conversion = await timed('conversion table', () => conversionRecords(dir));
  assets.push(
    await makeAsset(
      { system: 'icd10cm', kind: 'conversion', fiscalYear: 2026, ...fy(2026), sources: [conversion.source] },
      conversion.records,
    ),
  );
  const view = codeListView(new Set((cm2027.records as CodeRecord[]).map((c) => c[0])), conversion.records);

  assets.push(
    await timed('tabular', async () => {
      const src = readSource(dir, 'tabular');
      const { version, nodes } = parseTabularXml(src.text, src.source.file);
      const notes = nodes.reduce((n, node) => n + node.notes.length, 0);
      return makeAsset(
        { system: 'icd10cm', kind: 'tabular', fiscalYear: TARGET, contentYear: version, ...fy(TARGET), sources: [src.source], stats: { nodes: nodes.length, notes } },
        nodes,
      );
    }),
  );

  let indexAddenda: BuildResult['indexAddenda'];
  for (const key of ['index', 'eindex', 'neoplasm'] as const) {
    assets.push(
      await timed(key, async () => {
        const src = readSource(dir, key);
        const parsed = parseIndexXml(src.text, src.source.file);
        const sources = [src.source, conversion.source];
        let addendaStats: Record<string, number> = {};
        if (key === 'index') {
          // The FY2017 Index brought forward by the official FY2022-FY2026 Index addenda (FY2018-FY2021 are not available).
          const addenda = readIndexAddenda(dir);
          const applied = applyIndexAddenda(parsed.terms, addenda.files, { restoreMissing: true });
          parsed.terms = applied.terms;
          sources.push(...addenda.sources);
          indexAddenda = { byFile: applied.byFile, unplaced: applied.unplaced, restored: applied.restored };
          const s = applied.stats;
          addendaStats = { addendaApplied: s.add + s.delete + s.revise + s.addExisting + s.restored, addendaUnplaced: s.unplaced };
          log(`  index addenda: ${s.add} added, ${s.delete} deleted, ${s.revise} revised, ${s.addExisting} added over an existing entry, ${s.restored} restored from context, ${s.unplaced} not placed`);
        }
        const resolved = resolveIndexCodes(parsed.terms, view);
        return makeAsset(
          {
            system: 'icd10cm',
            kind: parsed.kind,
            fiscalYear: TARGET,
            contentYear: parsed.version,
            ...fy(TARGET),
            sources,
            stats: { mainTerms: resolved.terms.length, ...resolved.stats, ...addendaStats },
            ...(parsed.columns ? { columns: parsed.columns } : {}),
          },
          resolved.terms,
        );
      }),
    );
  }

  assets.push(
    await timed('drug table', async () => {
      const src = readSource(dir, 'drugCsv');
      // The CDC CSV is Windows-1252 (en dashes mark subterm levels).
      const parsed = parseDrugCsv(decodeDrugCsv(src.bytes), src.source.file);
      const resolved = resolveIndexCodes(parsed.terms, view);
      return makeAsset(
        {
          system: 'icd10cm',
          kind: 'drug',
          fiscalYear: TARGET,
          contentYear: 2025,
          ...fy(TARGET),
          sources: [src.source, conversion.source],
          stats: { mainTerms: resolved.terms.length, ...resolved.stats },
          columns: parsed.columns,
        },
        resolved.terms,
      );
    }),
  );

  assets.push(
    await timed('poa exempt', async () => {
      const src = readSource(dir, 'poa');
      return makeAsset({ system: 'icd10cm', kind: 'poa-exempt', fiscalYear: 2026, ...fy(2026), sources: [src.source] }, parsePoaExempt(src.text, src.source.file));
    }),
  );

  assets.push(
    await timed('hcc maps', async () => {
      const map = readSource(dir, 'hccMap');
      const labels = readSource(dir, 'hccLabels');
      const labelOf = new Map(parseHccLabels(labels.text, labels.source.file).map(([hcc, model, label]) => [`${model}:${hcc}`, label]));
      const records: HccRecord[] = parseHccMap(map.text, map.source.file).map(([code, hcc, model]) => [code, hcc, model, labelOf.get(`${model}:${hcc}`) ?? '']);
      const count = (m: string) => records.filter((r) => r[2] === m).length;
      // Payment year 2026 models apply to dates of service in calendar 2025 and 2026 encounters alike; keep the calendar year.
      return makeAsset(
        { system: 'icd10cm', kind: 'hcc', fiscalYear: 2026, effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31', sources: [map.source, labels.source], stats: { V28: count('V28'), V24: count('V24') } },
        records,
      );
    }),
  );

  assets.push(await timed('icd10pcs codes 2026', () => orderAsset(dir, 'pcsOrder2026', 'icd10pcs', 2026)));

  const hcpcs = await timed('hcpcs 2026', async () => {
    const src = readSource(dir, 'hcpcs');
    return { parsed: parseHcpcsCsv(src.text, src.source.file), source: src.source };
  });
  // The January 2026 quarterly file: in force for calendar 2026.
  const hcpcsYear = { fiscalYear: 2026, effectiveFrom: '2026-01-01', effectiveTo: '2026-12-31', sources: [hcpcs.source] };
  assets.push(await makeAsset({ system: 'hcpcs', kind: 'codes', ...hcpcsYear, stats: { billable: hcpcs.parsed.codes.length, headers: 0 } }, hcpcs.parsed.codes));
  assets.push(await makeAsset({ system: 'hcpcs', kind: 'modifiers', ...hcpcsYear }, hcpcs.parsed.modifiers));

  return { assets, timings, ...(indexAddenda ? { indexAddenda } : {}) };
}
