import { describe, expect, it, vi } from 'vitest';
import {
  deriveAttemptRows,
  deriveCaseRows,
  deriveChapterOptions,
  deriveChapterRows,
  deriveScoreParts,
  deriveStudentCodes,
  lookupFrom,
  meanScore,
  moveItem,
  PracticeModel,
} from '../../../components/practice/model';
import { createMemoryProgressStore, PROGRESS_STORAGE_KEY, type ProgressStore } from '../../../components/practice/storage';
import type { WorksheetEntry } from '../../../components/sidepanel/model';
import type { LookupResult } from '../../../utils/codes/catalog';
import { allCases, caseById } from '../../../utils/practice/cases';
import { practiceViewMessages, scoreMessages } from '../../../utils/practice/messages';
import type { Attempt } from '../../../utils/practice/progress';
import { scoreAttempt } from '../../../utils/practice/scoring';
import { lookupResult, mockPracticeClient, mockSearchClient, recordingSaver } from '../../helpers/practice-fakes';

const CASE = caseById('end-01-type2-hyperglycemia');
if (!CASE) throw new Error('case end-01 is missing');
const NOW = new Date('2026-11-22T10:30:00Z');

const entry = (display: string, system: WorksheetEntry['system'] = 'icd10cm'): WorksheetEntry => ({
  system,
  code: display.replace('.', ''),
  display,
  title: `Title of ${display}`,
});

const attempt = (caseId: string, at: string, score: number, over: Partial<Attempt> = {}): Attempt => ({
  caseId,
  chapters: ['endocrine'],
  setting: 'outpatient',
  difficulty: 'beginner',
  at,
  score,
  exact: 1,
  category: 0,
  missing: 0,
  extra: 0,
  codes: ['E11.65'],
  ...over,
});

describe('moveItem', () => {
  it('moves an item up or down by one', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
  });
  it('returns the same list when nothing moves (first up, last down, bad index)', () => {
    const list = ['a', 'b'];
    expect(moveItem(list, 0, -1)).toBe(list);
    expect(moveItem(list, 1, 1)).toBe(list);
    expect(moveItem(list, 5, -1)).toBe(list);
  });
});

describe('deriveStudentCodes', () => {
  it('scores ICD-10-CM codes in order and sets other code sets aside', () => {
    expect(deriveStudentCodes([entry('E11.65'), entry('J1100', 'hcpcs'), entry('Z79.84')])).toEqual({
      scored: ['E11.65', 'Z79.84'],
      ignored: ['J1100'],
    });
  });
});

describe('deriveScoreParts', () => {
  it('splits a full score into 80 code points and 20 sequencing points', () => {
    const parts = deriveScoreParts(scoreAttempt(CASE, ['E11.65', 'Z79.84']));
    expect(parts).toEqual({
      codes: { earned: 2, possible: 2, points: 80, weight: 80 },
      sequencing: { earned: 2, possible: 2, points: 20, weight: 20 },
      score: 100,
    });
  });
  it('shows partial credit to one decimal', () => {
    const parts = deriveScoreParts(scoreAttempt(CASE, ['E11.9', 'I10']));
    expect(parts.codes).toEqual({ earned: 0.5, possible: 3, points: 13.3, weight: 80 });
    expect(parts.sequencing.points).toBe(20);
    expect(parts.score).toBe(33);
  });
  it('gives no points for no codes', () => {
    const parts = deriveScoreParts(scoreAttempt(CASE, []));
    expect([parts.codes.points, parts.sequencing.points, parts.score]).toEqual([0, 0, 0]);
  });
});

describe('deriveChapterOptions', () => {
  it('lists only chapters that have cases, in Tabular order, with counts', () => {
    const options = deriveChapterOptions(allCases());
    expect(options[0]?.label).toMatch(/^1\. Certain infectious and parasitic diseases \(\d+\)$/);
    expect(options.every((o) => o.count > 0)).toBe(true);
    expect(options.map((o) => o.id)).not.toContain('perinatal');
  });
});

describe('deriveCaseRows', () => {
  it('shows the best score and the number of tries of a case', () => {
    const rows = deriveCaseRows(
      [CASE],
      [attempt(CASE.id, '2026-11-01T00:00:00.000Z', 40), attempt(CASE.id, '2026-11-02T00:00:00.000Z', 90)],
    );
    expect(rows[0]).toMatchObject({ title: CASE.title, meta: 'Outpatient · Beginner', attempts: 2, best: 90 });
    expect(rows[0]?.chapters).toBe('Endocrine, nutritional and metabolic diseases; Factors influencing health status (Z codes)');
  });
});

describe('deriveChapterRows and deriveAttemptRows', () => {
  const attempts = [attempt(CASE.id, '2026-11-01T00:00:00.000Z', 40), attempt(CASE.id, '2026-11-02T00:00:00.000Z', 70)];
  it('gives each chapter its scores over time', () => {
    expect(deriveChapterRows(attempts)[0]).toMatchObject({
      title: 'Endocrine, nutritional and metabolic diseases',
      trend: '40 → 70',
      best: 70,
    });
  });
  it('lists the latest attempt first, with the case title', () => {
    expect(deriveAttemptRows(attempts, [CASE]).map((r) => [r.score, r.title])).toEqual([
      [70, CASE.title],
      [40, CASE.title],
    ]);
    expect(meanScore(attempts)).toBe(55);
  });
});

describe('lookupFrom', () => {
  it('answers from the fetched lookups and reports anything else as unknown', () => {
    const lookup = lookupFrom(new Map([['E1165', lookupResult('E1165')]]));
    expect(lookup.lookup('icd10cm', 'E1165', '2026-10-07').state).toBe('billable');
    expect(lookup.lookup('icd10cm', 'Z7984', '2026-10-07').state).toBe('unknown');
  });
});

function model(
  over: { store?: ProgressStore; search?: ReturnType<typeof mockSearchClient>; practice?: ReturnType<typeof mockPracticeClient> } = {},
) {
  const store = over.store ?? createMemoryProgressStore();
  const search = over.search ?? mockSearchClient();
  const practice = over.practice ?? mockPracticeClient();
  const saver = recordingSaver();
  const m = new PracticeModel(
    { search, practice, store, saveFile: saver.saveFile, now: () => NOW },
    { today: '2026-11-22', debounceMs: 1, pollMs: 10_000 },
  );
  return { m, store, search, practice, saver };
}

describe('PracticeModel', () => {
  it('opens a case with its date of service and setting, and an empty worksheet', () => {
    const { m } = model();
    m.coder.worksheet.value = [entry('I10')];
    m.openCase(CASE.id);
    expect(m.current.value?.id).toBe(CASE.id);
    expect(m.coder.dateOfService.value).toBe(CASE.dateOfService);
    expect(m.coder.setting.value).toBe('outpatient');
    expect(m.coder.worksheet.value).toEqual([]);
  });

  it('filters cases and clears the filters', () => {
    const { m } = model();
    m.setFilter({ chapter: 'endocrine', difficulty: 'advanced' });
    expect(m.filtered.value.every((c) => c.chapters.includes('endocrine') && c.difficulty === 'advanced')).toBe(true);
    m.setFilter({ difficulty: '' });
    expect(m.filter.value).toEqual({ chapter: 'endocrine' });
    m.clearFilters();
    expect(m.filtered.value).toHaveLength(allCases().length);
  });

  it('scores with the codes looked up on the date, records the attempt and asks the engine', async () => {
    const { m, store, search, practice } = model();
    m.openCase(CASE.id);
    m.coder.worksheet.value = [entry('E11.65'), entry('Z79.84')];
    await m.submit();
    expect(m.stage.value).toBe('scored');
    expect(m.report.value?.score).toBe(100);
    expect(m.report.value?.validated).toBe(true);
    expect(search.lookup).toHaveBeenCalledWith('icd10cm', 'E11.65', CASE.dateOfService);
    expect(m.attempts.value).toHaveLength(1);
    expect((store as ReturnType<typeof createMemoryProgressStore>).data[PROGRESS_STORAGE_KEY]).toMatchObject({
      attempts: [{ caseId: CASE.id, score: 100 }],
    });
    expect(practice.engineSuggestions).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(m.engine.value.phase).toBe('done'));
    expect(m.comparison.value?.rows.map((r) => [r.code, r.student, r.key])).toEqual([
      ['E11.65', 'exact', 'exact'],
      ['R73.09', 'absent', 'absent'],
    ]);
  });

  it('scores without validation when the code sets are still loading', async () => {
    const search = mockSearchClient({
      lookup: vi.fn(async () => ({ loading: true as const, status: { state: 'loading' as const, versions: [] } })),
    });
    const { m } = model({ search });
    m.openCase(CASE.id);
    m.coder.worksheet.value = [entry('E11.65')];
    await m.submit();
    expect(m.report.value?.validated).toBe(false);
    expect(m.report.value?.notes).toContain(scoreMessages.notValidated);
  });

  it('does not submit an empty worksheet', async () => {
    const { m } = model();
    m.openCase(CASE.id);
    await m.submit();
    expect(m.stage.value).toBe('coding');
    expect(m.announcement.value).toBe(practiceViewMessages.submitNeedsCodes);
  });

  it('drops a score that arrives after the student left the case', async () => {
    let release: (() => void) | undefined;
    const search = mockSearchClient({
      lookup: vi.fn(
        (_s, code: string) =>
          new Promise<LookupResult>((resolve) => {
            release = () => resolve(lookupResult(code.replace('.', '')));
          }),
      ),
    });
    const { m } = model({ search });
    m.openCase(CASE.id);
    m.coder.worksheet.value = [entry('E11.65')];
    const pending = m.submit();
    m.closeCase();
    release?.();
    await pending;
    expect(m.report.value).toBeUndefined();
    expect(m.attempts.value).toEqual([]);
  });

  it('keeps the score when saving fails, and says so', async () => {
    const store: ProgressStore = {
      load: async () => [],
      save: async () => Promise.reject(new Error('quota exceeded')),
      clear: async () => {},
    };
    const { m } = model({ store });
    m.openCase(CASE.id);
    m.coder.worksheet.value = [entry('E11.65')];
    await m.submit();
    expect(m.report.value).toBeDefined();
    expect(m.saveError.value).toBe(practiceViewMessages.saveFailed('quota exceeded'));
  });

  it('reads stored attempts, leaving out rows it cannot read', async () => {
    const store = createMemoryProgressStore({
      version: 1,
      attempts: [attempt(CASE.id, '2026-11-01T00:00:00.000Z', 50), { caseId: 'x', note: 'text' }],
    });
    const { m } = model({ store });
    const off = m.connect();
    await vi.waitFor(() => expect(m.progressState.value).toBe('ready'));
    expect(m.attempts.value).toHaveLength(1);
    expect(m.progressNotice.value).toBe(practiceViewMessages.droppedAttempts(1));
    off();
  });

  it('exports every attempt as CSV through the file saver', async () => {
    const { m, saver } = model({ store: createMemoryProgressStore([attempt(CASE.id, '2026-11-01T00:00:00.000Z', 50)]) });
    const off = m.connect();
    await vi.waitFor(() => expect(m.attempts.value).toHaveLength(1));
    m.exportCsv();
    expect(saver.files[0]?.text.split('\r\n')[1]).toBe(
      `2026-11-01T00:00:00.000Z,${CASE.id},${CASE.title},endocrine,outpatient,beginner,50,1,0,0,0,E11.65`,
    );
    off();
  });

  it('compares the page worksheet live with the engine’s suggestions for the current tab', async () => {
    const { m, practice } = model();
    m.pageCoder.setSetting('inpatient');
    await m.comparePage();
    expect(practice.currentTabSuggestions).toHaveBeenCalledWith({ setting: 'inpatient', dateOfService: '2026-11-22' });
    expect(m.pageComparison.value?.rows[0]?.student).toBe('absent');
    m.pageCoder.worksheet.value = [entry('I10')];
    expect(m.pageComparison.value?.rows[0]?.student).toBe('exact');
    expect(m.pageComparison.value?.keyOnly).toBeUndefined();
  });
});
