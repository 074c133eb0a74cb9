import { describe, expect, it } from 'vitest';
import { parseCase } from '../../../utils/practice/cases';
import {
  type Attempt,
  addAttempt,
  attemptFromReport,
  CSV_COLUMNS,
  PROGRESS,
  parseAttempts,
  progressByChapter,
  progressCsv,
  suggestNext,
} from '../../../utils/practice/progress';
import type { PracticeCase } from '../../../utils/practice/schema';
import { scoreAttempt } from '../../../utils/practice/scoring';

/** A minimal valid case in the given chapter. */
function practiceCase(
  id: string,
  chapter: 'endocrine' | 'circulatory' | 'mental',
  difficulty: PracticeCase['difficulty'] = 'beginner',
): PracticeCase {
  const code = { endocrine: 'E11.9', circulatory: 'I10', mental: 'F41.1' }[chapter];
  return parseCase({
    id,
    title: `Case ${id}`,
    chapters: [chapter],
    setting: 'outpatient',
    difficulty,
    dateOfService: '2026-11-15',
    teaches: 'Fixture.',
    note: 'Diagnosis. Denies fever.',
    answer: [{ code, phrase: 'Diagnosis', because: 'x', rationale: 'x', guidelines: ['IV.G'] }],
    distractors: [{ phrase: 'Denies fever', kind: 'negated', explanation: 'x', guidelines: ['I.A.19'] }],
  });
}

const attempt = (caseId: string, chapter: Attempt['chapters'][number], at: string, score: number): Attempt => ({
  caseId,
  chapters: [chapter],
  setting: 'outpatient',
  difficulty: 'beginner',
  at,
  score,
  exact: 1,
  category: 0,
  missing: 0,
  extra: 0,
  codes: ['E11.9'],
});

const cases = [
  practiceCase('end-01-a', 'endocrine'),
  practiceCase('end-02-b', 'endocrine', 'advanced'),
  practiceCase('end-03-c', 'endocrine', 'intermediate'),
  practiceCase('cir-01-a', 'circulatory'),
  practiceCase('cir-02-b', 'circulatory'),
  practiceCase('men-01-a', 'mental'),
];

const history: Attempt[] = [
  attempt('end-01-a', 'endocrine', '2026-11-02T10:00:00.000Z', 40),
  attempt('cir-01-a', 'circulatory', '2026-11-01T10:00:00.000Z', 90),
  attempt('end-01-a', 'endocrine', '2026-11-03T10:00:00.000Z', 70),
  attempt('cir-01-a', 'circulatory', '2026-11-04T10:00:00.000Z', 70),
];

describe('attempts', () => {
  it('records a scored case', () => {
    const c = cases[0] as PracticeCase;
    const report = scoreAttempt(c, ['E11.65', 'E11.9', 'e119', 'R50.9']);
    const a = attemptFromReport(c, report, new Date('2026-11-20T08:30:00Z'));
    expect(a).toEqual({
      caseId: 'end-01-a',
      chapters: ['endocrine'],
      setting: 'outpatient',
      difficulty: 'beginner',
      at: '2026-11-20T08:30:00.000Z',
      score: report.score,
      exact: 1,
      category: 0,
      missing: 0,
      extra: 2,
      codes: ['E11.65', 'E11.9', 'R50.9'],
    });
  });

  it('adds an attempt in time order without changing the list given', () => {
    const list = addAttempt(history, attempt('men-01-a', 'mental', '2026-11-01T09:00:00.000Z', 50));
    expect(list.map((a) => a.at.slice(0, 10))).toEqual(['2026-11-01', '2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04']);
    expect(history).toHaveLength(4);
  });

  it('reads stored attempts, dropping rows that do not validate', () => {
    const stored = [history[0], { ...history[1], score: 140 }, { ...history[2], extraKey: 1 }, 'junk', history[3]];
    const { attempts, dropped } = parseAttempts(stored);
    expect(dropped).toBe(3);
    expect(attempts.map((a) => a.score)).toEqual([40, 70]);
    expect(parseAttempts(undefined)).toEqual({ attempts: [], dropped: 0 });
  });
});

describe('progressByChapter', () => {
  it('gives scores over time per chapter, with mean, best, latest and recent mean', () => {
    expect(progressByChapter(history)).toEqual([
      {
        chapter: 'endocrine',
        attempts: 2,
        mean: 55,
        best: 70,
        latest: 70,
        recentMean: 55,
        series: [
          { at: '2026-11-02T10:00:00.000Z', score: 40, caseId: 'end-01-a' },
          { at: '2026-11-03T10:00:00.000Z', score: 70, caseId: 'end-01-a' },
        ],
      },
      {
        chapter: 'circulatory',
        attempts: 2,
        mean: 80,
        best: 90,
        latest: 70,
        recentMean: 80,
        series: [
          { at: '2026-11-01T10:00:00.000Z', score: 90, caseId: 'cir-01-a' },
          { at: '2026-11-04T10:00:00.000Z', score: 70, caseId: 'cir-01-a' },
        ],
      },
    ]);
  });

  it('counts an attempt for every chapter its case teaches', () => {
    const both = {
      ...attempt('x', 'endocrine', '2026-11-05T00:00:00.000Z', 100),
      chapters: ['endocrine', 'circulatory'] as Attempt['chapters'],
    };
    expect(progressByChapter([both]).map((p) => p.chapter)).toEqual(['endocrine', 'circulatory']);
  });

  it('averages only the most recent attempts for recentMean', () => {
    const many = [30, 40, 90, 90, 90, 90, 90].map((s, i) => attempt('end-01-a', 'endocrine', `2026-11-0${i + 1}T00:00:00.000Z`, s));
    const [p] = progressByChapter(many);
    expect(PROGRESS.recent).toBe(5);
    expect(p?.mean).toBe(74);
    expect(p?.recentMean).toBe(90);
  });
});

describe('suggestNext', () => {
  it('suggests weak chapters first, then untried ones, each with a case to try', () => {
    expect(suggestNext(history, cases)).toEqual([
      {
        chapter: 'endocrine',
        recentMean: 55,
        attempts: 2,
        reason: 'Endocrine, nutritional and metabolic diseases: average 55 over your last 2 attempts.',
        // The easiest case not tried yet: end-03 (intermediate) before end-02 (advanced).
        nextCaseId: 'end-03-c',
      },
      {
        chapter: 'mental',
        recentMean: null,
        attempts: 0,
        reason: 'Not tried yet: Mental, behavioral and neurodevelopmental disorders.',
        nextCaseId: 'men-01-a',
      },
      {
        chapter: 'circulatory',
        recentMean: 80,
        attempts: 2,
        reason: 'Diseases of the circulatory system: average 80; keep it fresh.',
        nextCaseId: 'cir-02-b',
      },
    ]);
  });

  it('ranks weak chapters by recent mean, and offers the lowest-scored case when all were tried', () => {
    const tried = [...history, attempt('cir-02-b', 'circulatory', '2026-11-05T10:00:00.000Z', 0)];
    const [first, second, third] = suggestNext(tried, cases);
    // Circulatory: (90 + 70 + 0) / 3 = 53, below endocrine's 55; both below mastery, so before untried mental.
    expect([first?.chapter, first?.recentMean, second?.chapter, third?.chapter]).toEqual(['circulatory', 53, 'endocrine', 'mental']);
    expect(first?.nextCaseId).toBe('cir-02-b');
  });

  it('only offers chapters that have cases, and suggests the first case when nothing was tried', () => {
    const s = suggestNext([], cases, { limit: 10 });
    expect(s.map((x) => x.chapter)).toEqual(['endocrine', 'mental', 'circulatory']);
    expect(s[0]?.nextCaseId).toBe('end-01-a');
  });
});

describe('progressCsv', () => {
  it('exports a header and one row per attempt, oldest first, with CRLF line ends', () => {
    const csv = progressCsv(history.slice(0, 2), cases);
    expect(csv).toBe(
      `${CSV_COLUMNS.join(',')}\r\n` +
        '2026-11-01T10:00:00.000Z,cir-01-a,Case cir-01-a,circulatory,outpatient,beginner,90,1,0,0,0,E11.9\r\n' +
        '2026-11-02T10:00:00.000Z,end-01-a,Case end-01-a,endocrine,outpatient,beginner,40,1,0,0,0,E11.9\r\n',
    );
  });

  it('quotes fields with commas or quotes, and defuses spreadsheet formulas', () => {
    const tricky = parseCase({ ...practiceCase('end-01-a', 'endocrine'), title: '=HYPERLINK("x"), or "quoted"' });
    const csv = progressCsv([{ ...(history[0] as Attempt), chapters: ['endocrine', 'mental'], codes: ['E11.9', 'F41.1'] }], [tricky]);
    expect(csv.split('\r\n')[1]).toBe(
      '2026-11-02T10:00:00.000Z,end-01-a,"\'=HYPERLINK(""x""), or ""quoted""",endocrine;mental,outpatient,beginner,40,1,0,0,0,E11.9 F41.1',
    );
  });

  it('exports only the header when there are no attempts', () => {
    expect(progressCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
