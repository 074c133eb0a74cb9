import { CodeSetError } from '../errors';
import type { ConversionRecord } from '../types';
import { ICD10CM_CODE, normalizeCode } from '../code-format';

const CODE = /\b[A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9])(?:\.[0-9A-Z]{1,4})?\b/g;

/**
 * Rows of the NCHS ICD-10-CM conversion table (`Current code assignment | Effective | Previous
 * Code(s) Assignment`), as read from its spreadsheet. "Effective" is a year (October 1 of it, i.e.
 * that fiscal year) or a date for mid-year updates. Previous codes are lists ("C50.919, C50.929",
 * "C56.1 and C56.2"); ranges ("Y93.01-Y93.9"), "None" and "Codes in Categories ..." give no
 * one-to-one predecessor and are kept empty.
 */
export function parseConversionRows(rows: readonly (readonly unknown[])[], file: string): ConversionRecord[] {
  const headerAt = rows.findIndex((r) => String(r[0] ?? '').trim() === 'Current code assignment');
  if (headerAt < 0) throw new CodeSetError(file, undefined, 'no "Current code assignment" header row');
  const out: ConversionRecord[] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i] as readonly unknown[];
    const current = normalizeCode(String(row[0] ?? ''));
    if (current === '') continue;
    if (!ICD10CM_CODE.test(current)) throw new CodeSetError(file, i + 1, `"${String(row[0])}" is not a code`);
    const year = effectiveFiscalYear(row[1]);
    if (year === undefined) throw new CodeSetError(file, i + 1, `"${String(row[1])}" is not an effective year or date`);
    const previousText = String(row[2] ?? '');
    const previous =
      /categor|none/i.test(previousText) || /[0-9A-Z]-[A-Z][0-9]/.test(previousText)
        ? []
        : (previousText.toUpperCase().match(CODE) ?? []).map(normalizeCode);
    out.push([current, previous, year]);
  }
  return out;
}

/** 2017 → 2017; a date (Date or ISO string) → the fiscal year it falls in (October starts the next). */
function effectiveFiscalYear(value: unknown): number | undefined {
  if (typeof value === 'number' && value > 2000 && value < 2100) return value;
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    const n = Number(value);
    return Number.isInteger(n) && n > 2000 && n < 2100 ? n : undefined;
  }
  return date.getUTCMonth() >= 9 ? date.getUTCFullYear() + 1 : date.getUTCFullYear();
}
