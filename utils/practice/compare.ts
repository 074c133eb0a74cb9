/**
 * The engine's suggestions beside the student's codes (and, for a practice case, beside the key).
 * Used twice by the practice view: next to a scored case, and for "practice on this page", where
 * there is no key at all. Either way the engine's list is labelled as what it is: suggestions,
 * not an answer key (issue 7).
 */
import { displayCode, hasCodeShape, normalizeCode } from '../codes/code-format';
import type { ContextLabel, NotCodedReason, Suggestion, SuggestionStatus } from '../coding/types';

export const ENGINE_LABEL = 'Chartcode’s suggestions — not an answer key';

export type Coverage = 'exact' | 'category' | 'absent';

export interface EngineRow {
  /** Dotted. */
  code: string;
  title: string;
  status: SuggestionStatus;
  notCoded?: NotCodedReason;
  context: ContextLabel;
  reason: string;
  /** Whether the student's list has the code, a code of its category, or neither. */
  student: Coverage;
  /** The same against the case's key; absent on "practice on this page". */
  key?: Coverage;
}

export interface EngineComparison {
  label: string;
  rows: EngineRow[];
  /** Student codes (dotted) the engine neither suggested nor listed as not coded. */
  studentOnly: string[];
  /** Key codes (dotted) the engine did not suggest; only for a practice case. */
  keyOnly?: string[];
}

function codesOf(list: readonly string[]): string[] {
  return [
    ...new Set(
      list
        .filter((c) => typeof c === 'string')
        .map(normalizeCode)
        .filter((c) => hasCodeShape('icd10cm', c)),
    ),
  ];
}

function coverage(code: string, list: readonly string[]): Coverage {
  if (list.includes(code)) return 'exact';
  return list.some((c) => c.slice(0, 3) === code.slice(0, 3)) ? 'category' : 'absent';
}

/**
 * Line up the engine's ICD-10-CM diagnosis suggestions with the student's codes and, when given,
 * the key. Rows keep the engine's order; procedure and other-system suggestions are left out.
 */
export function compareWithEngine(
  suggestions: readonly Suggestion[],
  studentCodes: readonly string[],
  keyCodes?: readonly string[],
): EngineComparison {
  const student = codesOf(studentCodes);
  const key = keyCodes ? codesOf(keyCodes) : undefined;
  const diagnoses = suggestions.filter((s) => s.system === 'icd10cm' && s.kind === 'diagnosis');
  const rows: EngineRow[] = diagnoses.map((s) => {
    const code = normalizeCode(s.code);
    return {
      code: displayCode('icd10cm', code),
      title: s.title,
      status: s.status,
      ...(s.notCoded ? { notCoded: s.notCoded } : {}),
      context: s.context,
      reason: s.reason,
      student: coverage(code, student),
      ...(key ? { key: coverage(code, key) } : {}),
    };
  });
  const engine = new Set(diagnoses.map((s) => normalizeCode(s.code)));
  const suggested = new Set(diagnoses.filter((s) => s.status !== 'not-coded').map((s) => normalizeCode(s.code)));
  const result: EngineComparison = {
    label: ENGINE_LABEL,
    rows,
    studentOnly: student.filter((c) => !engine.has(c)).map((c) => displayCode('icd10cm', c)),
  };
  if (key) result.keyOnly = key.filter((c) => !suggested.has(c)).map((c) => displayCode('icd10cm', c));
  return result;
}
