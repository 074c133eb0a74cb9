// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PracticeClient } from '../../../components/practice/client';
import { PracticeApp } from '../../../components/practice/PracticeApp';
import { createMemoryProgressStore, PROGRESS_STORAGE_KEY, type ProgressStore } from '../../../components/practice/storage';
import type { SearchClient } from '../../../components/sidepanel/client';
import { allCases, caseById } from '../../../utils/practice/cases';
import { CSV_COLUMNS } from '../../../utils/practice/progress';
import { lookupResult, mockPracticeClient, mockSearchClient, recordingSaver } from '../../helpers/practice-fakes';

afterEach(cleanup);

const TODAY = '2026-11-22';
const NOW = new Date('2026-11-22T10:30:00Z');
const CASE = caseById('end-01-type2-hyperglycemia');
if (!CASE) throw new Error('case end-01 is missing');

function setup(over: { search?: SearchClient; practice?: PracticeClient; store?: ProgressStore } = {}) {
  const search = over.search ?? mockSearchClient();
  const practice = over.practice ?? mockPracticeClient();
  const store = over.store ?? createMemoryProgressStore();
  const saver = recordingSaver();
  render(
    <PracticeApp
      search={search}
      practice={practice}
      store={store}
      saveFile={saver.saveFile}
      settings={{ today: TODAY, debounceMs: 5, pollMs: 10_000 }}
      now={() => NOW}
    />,
  );
  return { search, practice, store, saver };
}

const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const searchBox = () => screen.getByRole('combobox', { name: 'Search codes and the Alphabetic Index' });
const worksheetCodes = () =>
  within(screen.getByRole('list', { name: 'Your codes in order' }))
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.entry-code')?.textContent);

/** Type a query, wait for the code's row, then add it with the keyboard (↓ to it, Enter). */
async function addByKeyboard(query: string, display: string) {
  fireEvent.input(searchBox(), { target: { value: query } });
  const listbox = await screen.findByRole('listbox', { name: 'Search results' });
  const indexOf = () =>
    within(listbox)
      .queryAllByRole('option')
      .findIndex((o) => o.querySelector('.result-code')?.textContent === display);
  // Past the debounce: the answer to this query is shown.
  await waitFor(() => expect(indexOf()).toBeGreaterThanOrEqual(0));
  await waitFor(() => expect(listbox.getAttribute('aria-busy')).toBe('false'));
  const index = indexOf();
  for (let i = 0; i <= index; i++) fireEvent.keyDown(searchBox(), { key: 'ArrowDown' });
  fireEvent.keyDown(searchBox(), { key: 'Enter' });
  await screen.findByText(new RegExp(`Added ${display.replace('.', '\\.')} to the worksheet`));
}

async function openEnd01() {
  fireEvent.change(select('Chapter'), { target: { value: 'endocrine' } });
  fireEvent.change(select('Difficulty'), { target: { value: 'beginner' } });
  fireEvent.click(screen.getByRole('button', { name: CASE?.title }));
  await screen.findByRole('heading', { level: 2, name: CASE?.title });
}

describe('PracticeApp: choosing a case', () => {
  it('filters the cases by chapter, setting and difficulty, listing titles', () => {
    setup();
    expect(screen.getByText(`${allCases().length} cases`)).toBeTruthy();
    fireEvent.change(select('Chapter'), { target: { value: 'endocrine' } });
    fireEvent.change(select('Setting'), { target: { value: 'outpatient' } });
    fireEvent.change(select('Difficulty'), { target: { value: 'beginner' } });
    const list = screen.getByRole('list', { name: 'Cases' });
    const titles = within(list)
      .getAllByRole('button')
      .map((b) => b.textContent);
    const expected = allCases()
      .filter((c) => c.chapters.includes('endocrine') && c.setting === 'outpatient' && c.difficulty === 'beginner')
      .map((c) => c.title);
    expect(titles).toEqual(expected);
    expect(titles).toContain(CASE.title);
    expect(screen.getByText(`${expected.length} of ${allCases().length} cases match the filters`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(screen.getByText(`${allCases().length} cases`)).toBeTruthy();
  });

  it('opens the note as text, with the search on the case’s date of service', async () => {
    const { search } = setup();
    await openEnd01();
    const note = screen.getByTestId('note-text');
    expect(note.textContent).toBe(CASE.note);
    // Before scoring nothing of the key is shown.
    expect(note.querySelectorAll('mark')).toHaveLength(0);
    fireEvent.input(searchBox(), { target: { value: 'diab hyperg' } });
    await screen.findByRole('listbox', { name: 'Search results' });
    await waitFor(() => expect(search.search).toHaveBeenCalled());
    expect(vi.mocked(search.search).mock.calls.at(-1)?.[0]).toMatchObject({
      text: 'diab hyperg',
      dateOfService: CASE.dateOfService,
      systems: ['icd10cm'],
    });
  });
});

describe('PracticeApp: coding and scoring a case', () => {
  it('adds codes with the search, reorders and removes them, submits and shows the score explained', async () => {
    const { store, practice } = setup();
    await openEnd01();
    const submit = screen.getByRole('button', { name: 'Submit for scoring' }) as HTMLButtonElement;
    expect(submit.disabled).toBe(true);

    await addByKeyboard('diab hyperg', 'E11.65');
    await addByKeyboard('metformin', 'Z79.84');
    await addByKeyboard('I10', 'I10');
    expect(worksheetCodes()).toEqual(['E11.65', 'Z79.84', 'I10']);

    fireEvent.click(screen.getByRole('button', { name: 'Move Z79.84 up' }));
    expect(worksheetCodes()).toEqual(['Z79.84', 'E11.65', 'I10']);
    expect(screen.getByText('Moved Z79.84 to position 1.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Move Z79.84 down' }));
    expect(worksheetCodes()).toEqual(['E11.65', 'Z79.84', 'I10']);
    // A plain click (no act(): Preact renders and runs effects later, as in a browser), then the user goes
    // on to the search box before the list's focus effect has run: the effect must not pull the keyboard
    // back to the list (seen in the e2e on a busy machine: "E11.9" typed as "E").
    (screen.getByRole('button', { name: 'Remove I10' }) as HTMLButtonElement).click();
    searchBox().focus();
    await waitFor(() => expect(worksheetCodes()).toEqual(['E11.65', 'Z79.84']));
    await new Promise((r) => setTimeout(r, 200));
    expect(document.activeElement).toBe(searchBox());

    fireEvent.click(screen.getByRole('button', { name: 'Submit for scoring' }));
    await screen.findByRole('heading', { name: 'Score: 100/100' });
    expect(screen.getByText('Score 100/100: 2 exact, 0 category-level, 0 missing, 0 extra.')).toBeTruthy();
    const breakdown = screen.getByRole('table', { name: 'How the score is made' });
    expect(within(breakdown).getByRole('row', { name: /Codes \(80%\) 2 2 80 \/ 80/ })).toBeTruthy();
    expect(within(breakdown).getByRole('row', { name: /Sequencing \(20%\) 2 2 20 \/ 20/ })).toBeTruthy();
    const key = screen.getByRole('list', { name: 'Answer key' });
    expect(within(key).getByText('E11.65 is correct: supported by "Type 2 diabetes mellitus with hyperglycemia".')).toBeTruthy();
    expect(within(key).getAllByText(/I\.C\.4\.a Diabetes mellitus/).length).toBeGreaterThan(0);
    expect(screen.getByText('E11.65 is correctly listed first as the first-listed diagnosis.')).toBeTruthy();
    expect(screen.getByText('Z79.84 correctly follows E11.65.')).toBeTruthy();

    // The key's phrases are highlighted in the note; "Show in note" marks one as current.
    const note = screen.getByTestId('note-text');
    expect([...note.querySelectorAll('mark')].map((m) => m.textContent)).toEqual([
      'metformin 1000 mg twice daily',
      'Type 2 diabetes mellitus with hyperglycemia',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Show the phrase for Z79.84 in the note' }));
    expect(note.querySelector('mark.current')?.textContent).toBe('metformin 1000 mg twice daily');
    // The mentions that are not coded, with why.
    const notCoded = screen.getByRole('list', { name: 'Mentions not coded' });
    expect(within(notCoded).getByText('The eye exam shows no retinopathy.')).toBeTruthy();

    // The engine's list, beside and labelled as not an answer key.
    const engine = await screen.findByRole('region', { name: /Chartcode’s suggestions — not an answer key/ });
    expect(within(engine).getByRole('list', { name: 'Engine suggestions' })).toBeTruthy();
    expect(within(engine).getByText(/you have it/)).toBeTruthy();
    expect(within(engine).getByText('In the key but not suggested by the engine: Z79.84')).toBeTruthy();
    expect(within(engine).getByText('not coded: a symptom integral to the diagnosis')).toBeTruthy();
    expect(practice.engineSuggestions).toHaveBeenCalledWith(CASE.note, { setting: 'outpatient', dateOfService: CASE.dateOfService });

    // Progress recorded: the attempt only, no note text.
    await waitFor(() => expect((store as ReturnType<typeof createMemoryProgressStore>).data[PROGRESS_STORAGE_KEY]).toBeTruthy());
    const stored = (store as ReturnType<typeof createMemoryProgressStore>).data[PROGRESS_STORAGE_KEY] as {
      version: number;
      attempts: unknown[];
    };
    expect(stored).toEqual({
      version: 1,
      attempts: [
        {
          caseId: CASE.id,
          chapters: ['endocrine', 'factors'],
          setting: 'outpatient',
          difficulty: 'beginner',
          at: NOW.toISOString(),
          score: 100,
          exact: 2,
          category: 0,
          missing: 0,
          extra: 0,
          codes: ['E11.65', 'Z79.84'],
        },
      ],
    });
    expect(JSON.stringify(stored)).not.toContain('metformin 1000');
    expect(screen.getByRole('tab', { name: 'Progress (1)' })).toBeTruthy();
  });

  it('explains partial credit: a code of the right category, a missing code and an extra one', async () => {
    setup();
    await openEnd01();
    await addByKeyboard('diab hyperg', 'E11.9');
    await addByKeyboard('I10', 'I10');
    fireEvent.click(screen.getByRole('button', { name: 'Submit for scoring' }));
    // Codes: 0.5 of 3 (2 key codes + 1 extra) × 80 = 13.3; sequencing 1 of 1 × 20 = 20 → 33.
    await screen.findByRole('heading', { name: 'Score: 33/100' });
    // The keyboard lands on the score, where the explanations start.
    await waitFor(() => expect(document.activeElement?.id).toBe('score-heading'));
    expect(screen.getByText('Score 33/100: 0 exact, 1 category-level, 1 missing, 1 extra.')).toBeTruthy();
    const breakdown = screen.getByRole('table', { name: 'How the score is made' });
    expect(within(breakdown).getByRole('row', { name: /Codes \(80%\) 0\.5 3 13\.3 \/ 80/ })).toBeTruthy();
    expect(
      screen.getByText('E11.9 is in the right category (E11) but the key has E11.65 because hyperglycemia is documented.'),
    ).toBeTruthy();
    expect(
      screen.getByText(
        'Missing Z79.84: the key has it because he takes an oral hypoglycemic drug long term ("metformin 1000 mg twice daily").',
      ),
    ).toBeTruthy();
    expect(within(screen.getByRole('list', { name: 'Codes not in the key' })).getByText('I10 is not in the key.')).toBeTruthy();
    expect(screen.getByText(/partial credit/)).toBeTruthy();
  });

  it('says the engine suggestions are unavailable when the engine does not answer', async () => {
    setup({ practice: mockPracticeClient({ engineSuggestions: vi.fn(async () => undefined) }) });
    await openEnd01();
    await addByKeyboard('diab hyperg', 'E11.65');
    fireEvent.click(screen.getByRole('button', { name: 'Submit for scoring' }));
    await screen.findByRole('heading', { name: /Score: \d+\/100/ });
    const engine = await screen.findByRole('region', { name: /not an answer key/ });
    await within(engine).findByText('Engine suggestions unavailable.');
  });

  it('flags a code the code set does not accept on the date of service', async () => {
    const search = mockSearchClient({
      lookup: vi.fn(async (_s, code: string) =>
        code === 'Z79.84'
          ? lookupResult('Z7984', { state: 'invalid-on-date', reason: 'Z79.84 is not valid on 2026-10-07.' })
          : lookupResult(code.replace('.', '')),
      ),
    });
    setup({ search });
    await openEnd01();
    await addByKeyboard('diab hyperg', 'E11.65');
    await addByKeyboard('metformin', 'Z79.84');
    fireEvent.click(screen.getByRole('button', { name: 'Submit for scoring' }));
    await screen.findByRole('heading', { name: /Score: \d+\/100/ });
    expect(screen.getByText('Z79.84 is not valid on 2026-10-07.')).toBeTruthy();
    expect(search.lookup).toHaveBeenCalledWith('icd10cm', 'Z79.84', CASE.dateOfService);
  });
});

describe('PracticeApp: progress', () => {
  const earlier = [
    {
      caseId: 'cir-01-hypertension-hyperlipidemia',
      chapters: ['circulatory'],
      setting: 'outpatient',
      difficulty: 'beginner',
      at: '2026-11-01T09:00:00.000Z',
      score: 40,
      exact: 1,
      category: 0,
      missing: 1,
      extra: 0,
      codes: ['I10'],
    },
    {
      caseId: 'cir-04-atrial-fibrillation-anticoagulant',
      chapters: ['circulatory'],
      setting: 'outpatient',
      difficulty: 'beginner',
      at: '2026-11-02T09:00:00.000Z',
      score: 60,
      exact: 1,
      category: 0,
      missing: 1,
      extra: 0,
      codes: ['I48.0'],
    },
  ];

  it('shows scores by chapter over time, suggests the weakest chapter, exports CSV and resets after confirmation', async () => {
    const store = createMemoryProgressStore({ version: 1, attempts: earlier });
    const { saver } = setup({ store });
    fireEvent.click(await screen.findByRole('tab', { name: 'Progress (2)' }));
    expect(screen.getByText('2 attempts, average score 50.')).toBeTruthy();
    const table = screen.getByRole('table', { name: /Scores by chapter/ });
    const row = within(table).getByRole('row', { name: /Diseases of the circulatory system/ });
    expect(row.textContent).toContain('40 → 60');
    const suggested = screen.getByRole('region', { name: 'Suggested next' });
    expect(within(suggested).getByText(/Diseases of the circulatory system: average 50 over your last 2 attempts\./)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(saver.files).toHaveLength(1);
    const file = saver.files[0];
    expect(file?.name).toBe(`chartcode-practice-progress-${TODAY}.csv`);
    expect(file?.type).toBe('text/csv;charset=utf-8');
    const lines = file?.text.split('\r\n') ?? [];
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    const title = caseById('cir-01-hypertension-hyperlipidemia')?.title;
    expect(lines[1]).toBe(
      `2026-11-01T09:00:00.000Z,cir-01-hypertension-hyperlipidemia,${title},circulatory,outpatient,beginner,40,1,0,1,0,I10`,
    );
    expect(lines).toHaveLength(4); // header, two rows, and the final CRLF
    expect(screen.getByText('Exported 2 attempts as CSV.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Reset progress…' }));
    const dialog = screen.getByRole('alertdialog');
    expect(within(dialog).getByText(/Delete all 2 attempts from this device\?/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(store.data[PROGRESS_STORAGE_KEY]).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Reset progress…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete all attempts' }));
    await screen.findByText('Progress reset: all attempts were deleted.');
    expect(store.data[PROGRESS_STORAGE_KEY]).toBeUndefined();
    expect(screen.getByText(/No attempts yet/)).toBeTruthy();
  });

  it('opens the suggested case from the progress view', async () => {
    setup({ store: createMemoryProgressStore({ version: 1, attempts: earlier }) });
    fireEvent.click(await screen.findByRole('tab', { name: 'Progress (2)' }));
    const suggested = screen.getByRole('region', { name: 'Suggested next' });
    fireEvent.click(within(suggested).getAllByRole('button')[0] as HTMLElement);
    expect(screen.getByRole('tab', { name: 'Cases' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByTestId('note-text')).toBeTruthy();
  });
});

describe('PracticeApp: practice on this page', () => {
  it('compares the worksheet with the engine’s suggestions for the current tab, labelled as not an answer key', async () => {
    const { practice } = setup();
    fireEvent.click(screen.getByRole('tab', { name: 'Practice on this page' }));
    expect(screen.getByText(/A real note has no answer key/)).toBeTruthy();
    await addByKeyboard('I10', 'I10');
    await addByKeyboard('diab hyperg', 'E11.9');
    fireEvent.click(screen.getByRole('button', { name: 'Compare with Chartcode’s suggestions' }));
    await screen.findByRole('list', { name: 'Engine suggestions' });
    const engine = screen.getByRole('region', { name: 'Chartcode’s suggestions — not an answer key' });
    expect(within(engine).getByText(/you have it/)).toBeTruthy();
    expect(within(engine).getByText('Only in your list: E11.9')).toBeTruthy();
    expect(screen.getByText('Compared with the note read from https://ehr.example.test.')).toBeTruthy();
    expect(practice.currentTabSuggestions).toHaveBeenCalledWith({ setting: 'outpatient', dateOfService: TODAY });
  });

  it('degrades gracefully when there is no note to compare with', async () => {
    setup({
      practice: mockPracticeClient({
        currentTabSuggestions: vi.fn(async () => ({ ok: false as const, reason: 'No note has been read.' })),
      }),
    });
    fireEvent.click(screen.getByRole('tab', { name: 'Practice on this page' }));
    fireEvent.click(screen.getByRole('button', { name: 'Compare with Chartcode’s suggestions' }));
    await screen.findByText('Engine suggestions unavailable: No note has been read.');
  });
});

describe('PracticeApp: keyboard', () => {
  it('moves between the sections with the arrow keys', () => {
    setup();
    const cases = screen.getByRole('tab', { name: 'Cases' });
    cases.focus();
    fireEvent.keyDown(cases, { key: 'ArrowRight' });
    const page = screen.getByRole('tab', { name: 'Practice on this page' });
    expect(page.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(page);
    fireEvent.keyDown(page, { key: 'End' });
    expect(screen.getByRole('tab', { name: 'Progress' }).getAttribute('aria-selected')).toBe('true');
  });
});
