import type { CodeSystem } from './types';

/** `e11.65 ` -> `E1165`: upper case, no dot, no spaces. Index/tabular dashes (`S72.00-`) are dropped. */
export function normalizeCode(raw: string): string {
  return raw.trim().toUpperCase().replace(/[.\s-]/g, '');
}

/** `E1165` -> `E11.65` for ICD-10-CM (dot after the third character); other systems unchanged. */
export function displayCode(system: CodeSystem, code: string): string {
  if (system !== 'icd10cm' || code.length <= 3) return code;
  return `${code.slice(0, 3)}.${code.slice(3)}`;
}

/**
 * An ICD-10-CM code or header without the dot: a letter, then a digit or (since FY2026, e.g. QA0.0101)
 * a letter (then a digit), then up to 4 more alphanumerics.
 */
export const ICD10CM_CODE = /^[A-Z](?:[0-9][0-9A-Z]|[A-Z][0-9])[0-9A-Z]{0,4}$/;

const shapes: Record<CodeSystem, RegExp> = {
  icd10cm: ICD10CM_CODE,
  icd10pcs: /^[0-9A-HJ-NP-Z]{3,7}$/,
  hcpcs: /^([A-V][0-9]{4}|[0-9A-Z]{2})$/,
  cpt: /^[0-9]{4}[0-9FTU]$/,
};

/** Whether a normalised code has the shape of a code (or header) of that system. */
export function hasCodeShape(system: CodeSystem, normalized: string): boolean {
  return shapes[system].test(normalized);
}
