/**
 * The case library: every case file listed in `assets/cases/index.ts`, validated on load. A broken
 * case throws a `CaseError` naming the file and the field, so a bad edit fails the structure test
 * (and the build) instead of showing a student a wrong key.
 */
import * as v from 'valibot';
import { CASE_FILES } from '../../assets/cases/index';
import { normalizeCode } from '../codes/code-format';
import type { Setting } from '../coding/types';
import { CHAPTERS, type ChapterId, chapterOfCode } from './chapters';
import { caseMessages } from './messages';
import { caseSchema, DIFFICULTIES, type Difficulty, type PracticeCase, SETTINGS } from './schema';

export class CaseError extends Error {
  readonly file: string;
  /** `answer[2].phrase`, or undefined when the problem is with the case as a whole. */
  readonly field: string | undefined;

  constructor(file: string, field: string | undefined, detail: string) {
    super(field === undefined ? `${file}: ${detail}` : `${file}: ${field}: ${detail}`);
    this.name = 'CaseError';
    this.file = file;
    this.field = field;
  }
}

function isUnknownKey(issue: v.BaseIssue<unknown>): boolean {
  const last = issue.path?.[issue.path.length - 1] as { origin?: string } | undefined;
  // valibot reports an unknown key of a strict object at the key, expecting `never`.
  return issue.type === 'strict_object' && last?.origin === 'key' && issue.expected === 'never';
}

/** `answer[2].phrase`; for an unknown key, the object that holds it. */
function fieldPath(issue: v.BaseIssue<unknown>): string | undefined {
  const keys = (issue.path ?? []).map((p) => p.key);
  if (isUnknownKey(issue)) keys.pop();
  if (keys.length === 0) return undefined;
  return keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${String(k)}`)).join('');
}

function describeIssue(issue: v.BaseIssue<unknown>): string {
  if (isUnknownKey(issue)) return caseMessages.unknownKey(String(issue.path?.[issue.path.length - 1]?.key));
  if (issue.received === 'undefined') return caseMessages.missing;
  if (issue.type === 'picklist') {
    const found = String(issue.input);
    if ((issue.path ?? []).some((p) => p.key === 'guidelines')) return caseMessages.unknownGuideline(found);
    return caseMessages.notOneOf(
      found,
      (issue.expected?.match(/"[^"]*"/g) ?? []).map((o) => o.slice(1, -1)),
    );
  }
  return issue.message;
}

/**
 * Validate one case. `file` names it in errors and, when given as `<id>.json`, must match the id.
 * Checks beyond the schema: phrases occur in the note, codes are unique, `after` points back,
 * the first code can be first.
 */
export function parseCase(input: unknown, fileName?: string): PracticeCase {
  const file = fileName ?? 'case';
  const result = v.safeParse(caseSchema, input);
  if (!result.success) {
    const issue = result.issues[0];
    throw new CaseError(file, fieldPath(issue), describeIssue(issue));
  }
  const c = result.output;
  const fail = (field: string | undefined, detail: string): never => {
    throw new CaseError(file, field, detail);
  };
  if (fileName?.endsWith('.json') && fileName.replace(/^.*\//, '') !== `${c.id}.json`) fail('id', caseMessages.idNotFileName(c.id, file));

  const seen = new Map<string, number>();
  c.answer.forEach((a, i) => {
    const code = normalizeCode(a.code);
    if (!c.note.includes(a.phrase)) fail(`answer[${i}].phrase`, caseMessages.phraseNotInNote(a.phrase));
    const before = seen.get(code);
    if (before !== undefined) fail(`answer[${i}].code`, caseMessages.duplicateCode(a.code, before));
    seen.set(code, i);
    if (a.after !== undefined && !c.answer.slice(0, i).some((b) => b.code === a.after))
      fail(`answer[${i}].after`, caseMessages.afterNotEarlier(a.after));
  });
  const first = c.answer[0];
  if (first?.optional) fail('answer[0].optional', caseMessages.firstOptional);
  if (first && chapterOfCode(first.code) === 'external') fail('answer[0].code', caseMessages.externalFirst(first.code));
  c.distractors.forEach((d, i) => {
    if (!c.note.includes(d.phrase)) fail(`distractors[${i}].phrase`, caseMessages.phraseNotInNote(d.phrase));
    if (d.code !== undefined && seen.has(normalizeCode(d.code))) fail(`distractors[${i}].code`, caseMessages.distractorInKey(d.code));
  });
  return deepFreeze(c);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

let library: readonly PracticeCase[] | undefined;

/** Every shipped case, validated once, in id order. Throws `CaseError` on the first broken file. */
export function allCases(): readonly PracticeCase[] {
  if (!library) {
    const cases = Object.entries(CASE_FILES).map(([id, json]) => parseCase(json, `${id}.json`));
    const ids = new Set<string>();
    for (const c of cases) {
      if (ids.has(c.id)) throw new CaseError(`${c.id}.json`, 'id', caseMessages.duplicateId(c.id));
      ids.add(c.id);
    }
    library = Object.freeze(cases.sort((a, b) => (a.id < b.id ? -1 : 1)));
  }
  return library;
}

export function caseById(id: string, cases: readonly PracticeCase[] = allCases()): PracticeCase | undefined {
  return cases.find((c) => c.id === id);
}

export interface CaseFilter {
  chapter?: ChapterId;
  setting?: Setting;
  difficulty?: Difficulty;
}

/** Cases matching every given criterion (a case matches a chapter when it lists it). */
export function filterCases(cases: readonly PracticeCase[], filter: CaseFilter): PracticeCase[] {
  return cases.filter(
    (c) =>
      (filter.chapter === undefined || c.chapters.includes(filter.chapter)) &&
      (filter.setting === undefined || c.setting === filter.setting) &&
      (filter.difficulty === undefined || c.difficulty === filter.difficulty),
  );
}

export interface CoverageRow {
  chapter: ChapterId;
  total: number;
  inpatient: number;
  outpatient: number;
  beginner: number;
  intermediate: number;
  advanced: number;
}

/** How many cases teach each chapter, by setting and difficulty (chapters without cases are left out). */
export function caseCoverage(cases: readonly PracticeCase[]): CoverageRow[] {
  return CHAPTERS.map((ch) => {
    const of = cases.filter((c) => c.chapters.includes(ch.id));
    const row: CoverageRow = { chapter: ch.id, total: of.length, inpatient: 0, outpatient: 0, beginner: 0, intermediate: 0, advanced: 0 };
    for (const c of of) {
      row[c.setting]++;
      row[c.difficulty]++;
    }
    return row;
  }).filter((r) => r.total > 0);
}

/** Where a phrase of the key sits in the note (first occurrence), for highlighting. */
export function phraseSpan(c: PracticeCase, phrase: string): { start: number; end: number } | undefined {
  const start = c.note.indexOf(phrase);
  return start < 0 ? undefined : { start, end: start + phrase.length };
}

export { DIFFICULTIES, SETTINGS };
