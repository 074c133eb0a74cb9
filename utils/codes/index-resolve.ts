import { normalizeCode } from './code-format';
import type { ConversionRecord, IndexCode, IndexTerm } from './types';

/** The target year's code list, as the resolver needs it. Codes are dotless (`E1165`). */
export interface IndexCodeLookup {
  /** Whether the code is in the target year's order file (billable or header). */
  exists(codeNoDot: string): boolean;
  /** Codes that replaced this one, from the conversion table (new code -> previous codes, inverted). */
  replacedBy(codeNoDot: string): string[] | undefined;
}

export interface IndexResolveStats {
  valid: number;
  mapped: number;
  invalid: number;
}

/**
 * Replacement chains are followed (a code split in FY2019 whose successor was split again in FY2023
 * maps to the FY2023 codes). Bounded because the table is data, not a guarantee of no cycles.
 */
const MAX_REPLACEMENT_STEPS = 20;

/**
 * Checks every code an index names (`codes`, `manif`, `cells`) against the target year. The index
 * is older than the code list (FY2017 index, FY2027 codes), so a code may since have been expanded
 * or deleted:
 * - valid: the code (no dot, trailing "more characters" dash dropped) exists, billable or header;
 * - mapped: it does not, but replacement codes that do exist are known (`mappedTo`, dotless);
 * - invalid: neither.
 * Returns new terms; the input is not changed.
 */
export function resolveIndexCodes(
  terms: readonly IndexTerm[],
  codeList: IndexCodeLookup,
): { terms: IndexTerm[]; stats: IndexResolveStats } {
  const stats: IndexResolveStats = { valid: 0, mapped: 0, invalid: 0 };
  // The same code is named many times (59k codes, far fewer distinct ones).
  const cache = new Map<string, Omit<IndexCode, 'code'>>();

  const resolveCode = (indexCode: IndexCode): IndexCode => {
    const key = normalizeCode(indexCode.code);
    let resolution = cache.get(key);
    if (resolution === undefined) {
      resolution = resolve(key, codeList);
      cache.set(key, resolution);
    }
    stats[resolution.status]++;
    const resolved: IndexCode = { code: indexCode.code, status: resolution.status };
    if (resolution.mappedTo) resolved.mappedTo = [...resolution.mappedTo];
    return resolved;
  };

  const resolveTerm = (term: IndexTerm): IndexTerm => {
    const copy: IndexTerm = { ...term };
    if (term.nemod) copy.nemod = [...term.nemod];
    if (term.see) copy.see = [...term.see];
    if (term.seeAlso) copy.seeAlso = [...term.seeAlso];
    if (term.codes) copy.codes = term.codes.map(resolveCode);
    if (term.manif) copy.manif = term.manif.map(resolveCode);
    if (term.cells) copy.cells = term.cells.map((cell) => (cell === null ? null : resolveCode(cell)));
    if (term.children) copy.children = term.children.map(resolveTerm);
    return copy;
  };

  return { terms: terms.map(resolveTerm), stats };
}

function resolve(code: string, codeList: IndexCodeLookup): Omit<IndexCode, 'code'> {
  if (codeList.exists(code)) return { status: 'valid' };
  const mappedTo: string[] = [];
  const seen = new Set<string>([code]);
  let frontier = [code];
  for (let step = 0; step < MAX_REPLACEMENT_STEPS && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const old of frontier) {
      for (const raw of codeList.replacedBy(old) ?? []) {
        const replacement = normalizeCode(raw);
        if (seen.has(replacement)) continue;
        seen.add(replacement);
        if (codeList.exists(replacement)) mappedTo.push(replacement);
        else next.push(replacement);
      }
    }
    frontier = next;
  }
  return mappedTo.length > 0 ? { status: 'mapped', mappedTo } : { status: 'invalid' };
}

/**
 * The code list index codes are resolved against: the target year's codes (billable or header) and,
 * for codes no longer there, the conversion table's successors that are. Shared by build and import.
 */
export function codeListView(codes: ReadonlySet<string>, conversion: readonly ConversionRecord[] = []): IndexCodeLookup {
  const replacements = new Map<string, string[]>();
  for (const [current, previous] of conversion) {
    for (const old of previous) {
      const list = replacements.get(old) ?? [];
      if (!list.includes(current)) list.push(current);
      replacements.set(old, list);
    }
  }
  return {
    exists: (code: string) => codes.has(code),
    replacedBy: (code: string) => replacements.get(code),
  };
}
