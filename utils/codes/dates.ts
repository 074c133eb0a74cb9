/**
 * Dates of service and code-set years. ICD-10-CM/PCS fiscal years run 1 October to 30 September
 * (FY2027 = 2026-10-01 .. 2027-09-30), with possible 1 April updates inside a year; HCPCS and CPT
 * follow the calendar year with quarterly updates.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A valid calendar date as `YYYY-MM-DD`, or undefined. */
export function parseIsoDate(value: string): string | undefined {
  const m = ISO_DATE.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return value.trim();
}

/** The ICD-10-CM/PCS fiscal year a date of service falls in: 2026-10-01 → 2027, 2026-09-30 → 2026. */
export function fiscalYearOf(isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return month >= 10 ? year + 1 : year;
}

/** First and last day of a fiscal year. */
export function fiscalYearRange(fiscalYear: number): { from: string; to: string } {
  return { from: `${fiscalYear - 1}-10-01`, to: `${fiscalYear}-09-30` };
}

/** ISO dates compare as strings. */
export function isWithin(isoDate: string, from: string, to: string): boolean {
  return isoDate >= from && isoDate <= to;
}

/** Today as `YYYY-MM-DD` in the user's local time (a coder's "today"). */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
