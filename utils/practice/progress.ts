/**
 * A student's progress, kept locally: a list of attempts, and pure derivations of it (scores over
 * time by chapter, the weakest chapters to practise next, a CSV export). Storage is elsewhere; this
 * module only validates what comes back from it.
 */
import * as v from 'valibot';
import type { Setting } from '../coding/types';
import { CHAPTER_IDS, CHAPTERS, type ChapterId } from './chapters';
import { progressMessages } from './messages';
import { DIFFICULTIES, type Difficulty, type PracticeCase, SETTINGS } from './schema';
import type { ScoreReport } from './scoring';

/** All progress defaults in one place. */
export const PROGRESS = Object.freeze({
  /** How many latest attempts in a chapter make its "recent" average. */
  recent: 5,
  /** A recent average at or above this is good enough to move on. */
  mastery: 80,
  /** How many chapters to suggest. */
  suggestions: 3,
});

export interface Attempt {
  caseId: string;
  /** The chapters the case teaches; an attempt counts for each. */
  chapters: ChapterId[];
  setting: Setting;
  difficulty: Difficulty;
  /** When the attempt was scored (ISO 8601). */
  at: string;
  /** 0..100. */
  score: number;
  exact: number;
  category: number;
  missing: number;
  extra: number;
  /** The codes scored, dotted, in the student's order. */
  codes: string[];
}

const count = v.pipe(v.number(), v.integer(), v.minValue(0));

export const attemptSchema = v.strictObject({
  caseId: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
  chapters: v.pipe(v.array(v.picklist(CHAPTER_IDS as [ChapterId, ...ChapterId[]])), v.minLength(1)),
  setting: v.picklist(SETTINGS),
  difficulty: v.picklist(DIFFICULTIES),
  at: v.pipe(v.string(), v.isoTimestamp()),
  score: v.pipe(count, v.maxValue(100)),
  exact: count,
  category: count,
  missing: count,
  extra: count,
  codes: v.array(v.pipe(v.string(), v.maxLength(10))),
});

/** The attempt to store for a scored case. */
export function attemptFromReport(practiceCase: PracticeCase, report: ScoreReport, at: Date): Attempt {
  return {
    caseId: practiceCase.id,
    chapters: [...practiceCase.chapters],
    setting: practiceCase.setting,
    difficulty: practiceCase.difficulty,
    at: at.toISOString(),
    score: report.score,
    exact: report.exact.length,
    category: report.category.length,
    missing: report.missing.length,
    extra: report.extra.length,
    codes: report.studentResults.filter((r) => r.position !== null).map((r) => r.display),
  };
}

/**
 * Read stored attempts: valid ones come back oldest first; anything else (an older format, a hand
 * edit) is dropped and counted, never thrown, so one bad row does not lose the rest.
 */
export function parseAttempts(input: unknown): { attempts: Attempt[]; dropped: number } {
  const rows = Array.isArray(input) ? input : [];
  const attempts: Attempt[] = [];
  for (const row of rows) {
    const r = v.safeParse(attemptSchema, row);
    if (r.success) attempts.push(r.output);
  }
  return { attempts: sortByTime(attempts), dropped: rows.length - attempts.length };
}

/** A new list with the attempt added, oldest first. */
export function addAttempt(attempts: readonly Attempt[], attempt: Attempt): Attempt[] {
  return sortByTime([...attempts, attempt]);
}

function sortByTime(attempts: Attempt[]): Attempt[] {
  return attempts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

const mean = (scores: readonly number[]) => Math.round(scores.reduce((s, x) => s + x, 0) / scores.length);

export interface ChapterProgress {
  chapter: ChapterId;
  attempts: number;
  mean: number;
  best: number;
  latest: number;
  /** Average of the last `PROGRESS.recent` attempts. */
  recentMean: number;
  /** Scores over time, oldest first. */
  series: Array<{ at: string; score: number; caseId: string }>;
}

/** Scores by chapter, in Tabular order; chapters without attempts are left out. */
export function progressByChapter(attempts: readonly Attempt[], recent: number = PROGRESS.recent): ChapterProgress[] {
  const sorted = sortByTime([...attempts]);
  return CHAPTERS.flatMap((ch) => {
    const of = sorted.filter((a) => a.chapters.includes(ch.id));
    if (of.length === 0) return [];
    const scores = of.map((a) => a.score);
    return [
      {
        chapter: ch.id,
        attempts: of.length,
        mean: mean(scores),
        best: Math.max(...scores),
        latest: scores[scores.length - 1] as number,
        recentMean: mean(scores.slice(-recent)),
        series: of.map((a) => ({ at: a.at, score: a.score, caseId: a.caseId })),
      },
    ];
  });
}

export interface ChapterSuggestion {
  chapter: ChapterId;
  /** null when the chapter was never tried. */
  recentMean: number | null;
  attempts: number;
  reason: string;
  /** A case to try next in that chapter. */
  nextCaseId?: string;
}

const DIFFICULTY_RANK: Readonly<Record<Difficulty, number>> = { beginner: 0, intermediate: 1, advanced: 2 };

/**
 * The chapters to practise next: first those whose recent average is below mastery (weakest first),
 * then chapters never tried, then the rest (weakest first). Only chapters that have cases are offered.
 * Each comes with a case: the easiest one not tried yet, else the one with the lowest best score.
 */
export function suggestNext(
  attempts: readonly Attempt[],
  cases: readonly PracticeCase[],
  options: { limit?: number; recent?: number; mastery?: number } = {},
): ChapterSuggestion[] {
  const limit: number = options.limit ?? PROGRESS.suggestions;
  const recent: number = options.recent ?? PROGRESS.recent;
  const mastery: number = options.mastery ?? PROGRESS.mastery;
  const progress = new Map(progressByChapter(attempts, recent).map((p) => [p.chapter, p]));
  const candidates = CHAPTERS.filter((ch) => cases.some((c) => c.chapters.includes(ch.id)));
  const rank = (id: ChapterId): [number, number, number] => {
    const p = progress.get(id);
    if (!p) return [1, 0, 0];
    return [p.recentMean < mastery ? 0 : 2, p.recentMean, p.attempts];
  };
  const ordered = [...candidates].sort((a, b) => {
    const [ga, ma, na] = rank(a.id);
    const [gb, mb, nb] = rank(b.id);
    return ga - gb || ma - mb || na - nb || a.number - b.number;
  });
  return ordered.slice(0, limit).map((ch) => {
    const p = progress.get(ch.id);
    const reason = !p
      ? progressMessages.neverTried(ch.title)
      : p.recentMean < mastery
        ? progressMessages.weak(ch.title, p.recentMean, Math.min(p.attempts, recent))
        : progressMessages.strong(ch.title, p.recentMean);
    const next = nextCase(
      ch.id,
      cases.filter((c) => c.chapters.includes(ch.id)),
      attempts,
    );
    return {
      chapter: ch.id,
      recentMean: p ? p.recentMean : null,
      attempts: p ? p.attempts : 0,
      reason,
      ...(next ? { nextCaseId: next } : {}),
    };
  });
}

function nextCase(_chapter: ChapterId, inChapter: readonly PracticeCase[], attempts: readonly Attempt[]): string | undefined {
  const tried = new Set(attempts.map((a) => a.caseId));
  const untried = inChapter
    .filter((c) => !tried.has(c.id))
    .sort((a, b) => DIFFICULTY_RANK[a.difficulty] - DIFFICULTY_RANK[b.difficulty] || (a.id < b.id ? -1 : 1));
  if (untried[0]) return untried[0].id;
  const best = (id: string) => Math.max(...attempts.filter((a) => a.caseId === id).map((a) => a.score));
  return [...inChapter].sort((a, b) => best(a.id) - best(b.id) || (a.id < b.id ? -1 : 1))[0]?.id;
}

export const CSV_COLUMNS = [
  'attempted_at',
  'case_id',
  'case_title',
  'chapters',
  'setting',
  'difficulty',
  'score',
  'exact',
  'category',
  'missing',
  'extra',
  'codes',
] as const;

/**
 * RFC 4180 field: quoted when it holds a comma, quote or line break. A field a spreadsheet would
 * read as a formula (=, +, -, @) is prefixed with an apostrophe.
 */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The attempts as CSV (header row, CRLF line ends), oldest first; titles come from `cases` when given. */
export function progressCsv(attempts: readonly Attempt[], cases: readonly PracticeCase[] = []): string {
  const titles = new Map(cases.map((c) => [c.id, c.title]));
  const rows = sortByTime([...attempts]).map((a) =>
    [
      a.at,
      a.caseId,
      titles.get(a.caseId) ?? '',
      a.chapters.join(';'),
      a.setting,
      a.difficulty,
      a.score,
      a.exact,
      a.category,
      a.missing,
      a.extra,
      a.codes.join(' '),
    ]
      .map(csvField)
      .join(','),
  );
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
