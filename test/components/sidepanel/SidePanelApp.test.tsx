// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoadingReply, SearchClient } from '../../../components/sidepanel/client';
import { SidePanelApp } from '../../../components/sidepanel/SidePanelApp';
import type { CodeRef, LookupResult } from '../../../utils/codes/catalog';
import type { CodesetStatus, LoadProgressSummary } from '../../../utils/messaging';
import type { SearchHit, SearchRequest, SearchResponse } from '../../../utils/search/types';

afterEach(cleanup);

const TODAY = '2026-11-22';
const SETTINGS = { today: TODAY, debounceMs: 20, pollMs: 10_000 };
const READY: CodesetStatus = { state: 'ready', versions: [] };

// ---------------------------------------------------------------------------------------------
// Fixtures: synthetic answers in the engine's and the code model's shapes.

const hit = (over: Partial<SearchHit>): SearchHit => ({
  system: 'icd10cm',
  code: 'E1165',
  display: 'E11.65',
  title: 'Type 2 diabetes mellitus with hyperglycemia',
  matched: 'Type 2 diabetes mellitus with hyperglycemia',
  source: 'title',
  highlights: [],
  state: 'billable',
  chapter: '4',
  ...over,
});

const E1165 = hit({
  matched: 'Diabetes, type 2, with hyperglycemia',
  source: 'index',
  highlights: [
    [0, 4],
    [23, 29],
  ],
  hcc: '37',
});
const E119 = hit({
  code: 'E119',
  display: 'E11.9',
  title: 'Type 2 diabetes mellitus without complications',
  matched: 'Type 2 diabetes mellitus without complications',
  highlights: [[7, 11]],
});
const S72001 = hit({
  code: 'S72001',
  display: 'S72.001',
  title: 'Fracture of unspecified part of neck of right femur',
  matched: 'Fracture, femur, neck',
  source: 'index',
  state: 'header',
  chapter: '19',
});
const SEE = hit({
  code: 'J690',
  display: 'J69.0',
  title: 'Pneumonitis due to inhalation of food and vomit',
  matched: 'Pneumonia, aspiration',
  source: 'index',
  see: 'Pneumonia, aspiration, due to food',
  chapter: '10',
});

const response = (query: string, hits: SearchHit[]): SearchResponse => ({
  query,
  hits,
  candidates: hits.length,
  tookMs: 1,
  interpretation: { corrections: [], expansions: [] },
});

function answer(request: SearchRequest): SearchResponse {
  const text = request.text.toLowerCase();
  if (text.startsWith('diab')) return response(request.text, [E1165, E119]);
  if (text.startsWith('fract')) return response(request.text, [S72001, E1165]);
  if (text.startsWith('pneumonia')) return response(request.text, [SEE]);
  return response(request.text, []);
}

const CHILDREN: Record<string, CodeRef[]> = {
  S72001: [
    { code: 'S72001A', display: 'S72.001A', title: 'Fracture of unsp part of neck of right femur, init for clos fx', billable: true },
    { code: 'S72001B', display: 'S72.001B', title: 'Fracture of unsp part of neck of right femur, init for opn fx', billable: true },
  ],
};

function lookupResult(over: Partial<LookupResult>): LookupResult {
  return {
    system: 'icd10cm',
    input: over.code ?? '',
    code: '',
    display: '',
    state: 'billable',
    reason: '',
    dateOfService: TODAY,
    fiscalYear: 2027,
    billableIn: [2027],
    replacedBy: [],
    ancestors: [],
    notes: [],
    notesYear: 2021,
    seventh: [],
    children: [],
    hcc: [],
    poaExempt: false,
    ...over,
  };
}

const FRACTURE_7TH = [
  { char: 'A', meaning: 'initial encounter for closed fracture' },
  { char: 'D', meaning: 'subsequent encounter for closed fracture with routine healing' },
  { char: 'S', meaning: 'sequela' },
];

function lookupFixture(code: string): LookupResult {
  const built = /^(S72001|T360X1|T794XX)([A-Z])$/.exec(code);
  if (built) {
    const display = `${code.slice(0, 3)}.${code.slice(3)}`;
    return lookupResult({ code, display, title: `Built ${display}`, reason: `${display} is billable on ${TODAY} (FY2027).` });
  }
  switch (code) {
    case 'S72001':
      return lookupResult({
        code,
        display: 'S72.001',
        state: 'header',
        title: 'Fracture of unspecified part of neck of right femur',
        reason: `S72.001 is a header on ${TODAY}: it needs a 7th character (A, D, S) to be billable.`,
        ancestors: [
          { id: 'S72.00', title: 'Fracture of unspecified part of neck of femur' },
          { id: 'S72.0', title: 'Fracture of head and neck of femur' },
          { id: 'S72', title: 'Fracture of femur' },
          { id: 'section:S70-S79', title: 'Injuries to the hip and thigh (S70-S79)' },
          { id: 'chapter:19', title: 'Injury, poisoning and certain other consequences of external causes (S00-T88)' },
        ],
        notes: [
          { type: 'excludes2', text: 'fracture of foot (S92.-)', year: 2021, from: 'S72' },
          { type: 'excludes1', text: 'traumatic amputation of hip and thigh (S78.-)', year: 2021, from: 'S72' },
          { type: 'notes', text: 'A fracture not indicated as open or closed should be coded to closed', year: 2021, from: 'S72' },
          { type: 'codeFirst', text: 'any associated open wound', year: 2021, from: 'chapter:19' },
          { type: 'useAdditionalCode', text: 'code to identify any retained foreign body', year: 2021, from: 'chapter:19' },
          { type: 'includes', text: 'fracture of hip', year: 2021, from: 'S72.0' },
          { type: 'excludes1', text: 'birth trauma (P10-P15)', year: 2021, from: 'chapter:19' },
        ],
        seventh: FRACTURE_7TH.map((s) => ({ ...s, code: `S72001${s.char}` })),
        children: CHILDREN.S72001 ?? [],
      });
    case 'T360X1':
      return lookupResult({
        code,
        display: 'T36.0X1',
        state: 'header',
        title: 'Poisoning by penicillins, accidental (unintentional)',
        seventh: [{ char: 'A', meaning: 'initial encounter', code: 'T360X1A' }],
      });
    case 'T794':
      return lookupResult({
        code,
        display: 'T79.4',
        state: 'header',
        title: 'Traumatic shock',
        // The lookup leaves `code` empty when it has not filled it: the builder pads with X itself.
        seventh: [{ char: 'A', meaning: 'initial encounter', code: '' }],
      });
    case 'E1165':
      return lookupResult({
        code,
        display: 'E11.65',
        title: 'Type 2 diabetes mellitus with hyperglycemia',
        reason: `E11.65 is billable on ${TODAY} (FY2027).`,
        hcc: [{ model: 'V28', hcc: '37', label: 'Diabetes with Chronic Complications' }],
      });
    default:
      return lookupResult({ code, display: code, state: 'unknown', reason: `${code} is not in any loaded ICD-10-CM code set.` });
  }
}

/** A client whose every call is a spy; listeners are kept so tests can emit background events. */
function mockClient(over: Partial<SearchClient> = {}) {
  const changed = new Set<() => void>();
  const progress = new Set<(p: LoadProgressSummary) => void>();
  const client: SearchClient = {
    search: vi.fn(async (request: SearchRequest) => answer(request)),
    lookup: vi.fn(async (_system, code: string) => lookupFixture(code)),
    children: vi.fn(async (_system, code: string) => CHILDREN[code] ?? []),
    status: vi.fn(async () => READY),
    onCodesetsChanged: vi.fn((listener: () => void) => {
      changed.add(listener);
      return () => changed.delete(listener);
    }),
    onProgress: vi.fn((listener: (p: LoadProgressSummary) => void) => {
      progress.add(listener);
      return () => progress.delete(listener);
    }),
    ...over,
  };
  return {
    client,
    fireChanged: () => {
      for (const listener of changed) listener();
    },
    emitProgress: (p: LoadProgressSummary) => {
      for (const listener of progress) listener(p);
    },
  };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

const searchBox = () => screen.getByRole('combobox', { name: 'Search codes and the Alphabetic Index' });
const type = (text: string) => fireEvent.input(searchBox(), { target: { value: text } });
const key = (k: string, target: HTMLElement = searchBox()) => fireEvent.keyDown(target, { key: k });
/** The result rows (not the <option>s of the filter selects). */
const options = () => [...document.querySelectorAll<HTMLElement>('[role="listbox"] [role="option"]')];
const optionCodes = () => options().map((o) => o.querySelector('.result-code')?.textContent);
function lastRequest(client: SearchClient): SearchRequest {
  const request = vi.mocked(client.search).mock.lastCall?.[0];
  if (!request) throw new Error('no search was sent');
  return request;
}
const searchCalls = (client: SearchClient) =>
  (client.search as ReturnType<typeof vi.fn>).mock.calls.map((c) => (c[0] as SearchRequest).text);

async function searchFor(text: string) {
  type(text);
  await screen.findByText(/^\d+ results?$|^No matches/);
}

function worksheetEntries() {
  const panel = document.getElementById('tabpanel-worksheet');
  return [...(panel?.querySelectorAll('.worksheet-list li .entry-code') ?? [])].map((e) => e.textContent);
}

// ---------------------------------------------------------------------------------------------

describe('search as you type', () => {
  it('focuses the search box when the panel opens, and shows date of service and setting', async () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    await waitFor(() => expect(document.activeElement).toBe(searchBox()));
    expect((screen.getByLabelText('Date of service') as HTMLInputElement).value).toBe(TODAY);
    expect((screen.getByLabelText('Setting') as HTMLSelectElement).value).toBe('outpatient');
    expect(screen.getByRole('tab', { name: 'Search' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tab', { name: 'Worksheet' })).toBeTruthy();
    expect(screen.getByText(/^Type a code/)).toBeTruthy();
  });

  it('debounces typing into one search and shows the results with matched words marked', async () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    for (const text of ['d', 'di', 'dia', 'diab', 'diab h', 'diab hyperg']) type(text);
    expect(client.search).not.toHaveBeenCalled();
    await screen.findByText('2 results');
    expect(searchCalls(client)).toEqual(['diab hyperg']);
    expect(client.search).toHaveBeenCalledWith({ text: 'diab hyperg', dateOfService: TODAY, limit: 50 });

    expect(optionCodes()).toEqual(['E11.65', 'E11.9']);
    const first = options()[0] as HTMLElement;
    expect(within(first).getByText('Billable')).toBeTruthy();
    expect(within(first).getByText('ICD-10-CM')).toBeTruthy();
    expect(within(first).getByText('HCC 37')).toBeTruthy();
    expect(first.querySelector('.matched')?.textContent).toBe('Index: Diabetes, type 2, with hyperglycemia');
    expect([...first.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Diab', 'hyperg']);
    // A title match marks the title itself.
    const second = options()[1] as HTMLElement;
    expect([...second.querySelectorAll('.result-title mark')].map((m) => m.textContent)).toEqual(['diab']);
  });

  it('keeps the newest answer when an older, slower one arrives later', async () => {
    const pending: Array<{ text: string; answer: ReturnType<typeof deferred<SearchResponse>> }> = [];
    const { client } = mockClient({
      search: vi.fn((request: SearchRequest) => {
        const d = deferred<SearchResponse>();
        pending.push({ text: request.text, answer: d });
        return d.promise;
      }),
    });
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    type('fract');
    await waitFor(() => expect(pending).toHaveLength(1));
    type('diab');
    await waitFor(() => expect(pending).toHaveLength(2));

    // The newer search answers first…
    pending[1]?.answer.resolve(response('diab', [E1165, E119]));
    await screen.findByText('2 results');
    expect(optionCodes()).toEqual(['E11.65', 'E11.9']);
    // …then the older one: it must not replace what the coder sees.
    pending[0]?.answer.resolve(response('fract', [S72001]));
    await new Promise((r) => setTimeout(r, 50));
    expect(optionCodes()).toEqual(['E11.65', 'E11.9']);
    expect(screen.getByText('2 results')).toBeTruthy();
  });

  it('passes the filters and the date of service, and searches again when they change', async () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    type('diab');
    await screen.findByText('2 results');

    fireEvent.change(screen.getByLabelText('Code set'), { target: { value: 'icd10cm' } });
    fireEvent.change(screen.getByLabelText('ICD-10-CM chapter'), { target: { value: '4' } });
    fireEvent.click(screen.getByLabelText('Billable codes only'));
    fireEvent.change(screen.getByLabelText('Date of service'), { target: { value: '2026-09-30' } });
    await waitFor(() =>
      expect(client.search).toHaveBeenLastCalledWith({
        text: 'diab',
        dateOfService: '2026-09-30',
        limit: 50,
        systems: ['icd10cm'],
        billableOnly: true,
        chapter: '4',
      }),
    );
    const chapter = screen.getByLabelText('ICD-10-CM chapter') as HTMLSelectElement;
    expect([...chapter.options].map((o) => o.textContent)).toHaveLength(23);
    expect(chapter.options[4]?.textContent).toBe('4. Endocrine, nutritional and metabolic diseases (E00–E89)');

    // Chapters are ICD-10-CM's: choosing PCS disables the filter and drops it from the request.
    fireEvent.change(screen.getByLabelText('Code set'), { target: { value: 'icd10pcs' } });
    expect(chapter.disabled).toBe(true);
    await waitFor(() => expect(lastRequest(client).chapter).toBeUndefined());
  });

  it('keeps the setting for later without searching again', () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    fireEvent.change(screen.getByLabelText('Setting'), { target: { value: 'inpatient' } });
    expect((screen.getByLabelText('Setting') as HTMLSelectElement).value).toBe('inpatient');
    expect(client.search).not.toHaveBeenCalled();
  });

  it('shows "see …" for a cross-reference and the system badge', async () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    await searchFor('pneumonia, aspiration');
    expect(within(options()[0] as HTMLElement).getByText('see Pneumonia, aspiration, due to food')).toBeTruthy();
  });

  it('says when the background does not answer', async () => {
    const { client } = mockClient({ search: vi.fn(async () => Promise.reject(new Error('No reply to "search/query"'))) });
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    type('diab');
    expect(await screen.findByText('Search failed: No reply to "search/query"')).toBeTruthy();
  });

  it('Escape clears the query and the results', async () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    await searchFor('diab');
    key('Escape');
    expect((searchBox() as HTMLInputElement).value).toBe('');
    expect(options()).toHaveLength(0);
    expect(screen.getByText(/^Type a code/)).toBeTruthy();
  });
});

describe('keyboard', () => {
  it('moves through the results with the arrows (aria-activedescendant) and Enter adds a billable code', async () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    await searchFor('diab');
    const box = searchBox();
    expect(box.getAttribute('aria-activedescendant')).toBeNull();

    key('ArrowDown');
    key('ArrowDown');
    const second = options()[1] as HTMLElement;
    expect(box.getAttribute('aria-activedescendant')).toBe(second.id);
    expect(second.getAttribute('aria-selected')).toBe('true');
    expect(options()[0]?.getAttribute('aria-selected')).toBe('false');
    key('ArrowUp');
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[0]?.id);

    key('Enter');
    expect(screen.getByText('Added E11.65 to the worksheet (1 code).')).toBeTruthy();
    key('Enter');
    expect(screen.getByText('E11.65 is already on the worksheet.')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Worksheet (1)' })).toBeTruthy();
    expect(worksheetEntries()).toEqual(['E11.65']);

    fireEvent.click(screen.getByRole('tab', { name: 'Worksheet (1)' }));
    const sheet = screen.getByRole('region', { name: 'Worksheet' });
    expect(within(sheet).getByText('Type 2 diabetes mellitus with hyperglycemia')).toBeTruthy();
    fireEvent.click(within(sheet).getByRole('button', { name: 'Remove E11.65' }));
    expect(worksheetEntries()).toEqual([]);
  });

  it('Enter on a header opens its children in place; Enter on a child adds it; ← closes them', async () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    await searchFor('fract');
    expect(within(options()[0] as HTMLElement).getByText('Needs more characters')).toBeTruthy();

    key('ArrowDown');
    key('Enter');
    await waitFor(() => expect(optionCodes()).toEqual(['S72.001', 'S72.001A', 'S72.001B', 'E11.65']));
    expect(client.children).toHaveBeenCalledWith('icd10cm', 'S72001', TODAY);
    expect(worksheetEntries()).toEqual([]);

    key('ArrowDown');
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(options()[1]?.id);
    key('Enter');
    expect(worksheetEntries()).toEqual(['S72.001A']);

    key('ArrowLeft'); // on a child: to its header
    expect(searchBox().getAttribute('aria-activedescendant')).toBe(options()[0]?.id);
    key('ArrowLeft'); // on the open header: close it
    expect(optionCodes()).toEqual(['S72.001', 'E11.65']);
  });

  it('→ opens the detail, Escape goes back to the results and the search box', async () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    await searchFor('diab');
    key('ArrowDown');
    key('ArrowRight');
    const heading = await screen.findByRole('heading', { level: 2, name: /E11\.65/ });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByText('Diabetes with Chronic Complications', { exact: false })).toBeTruthy();
    key('Escape', heading);
    await waitFor(() => expect(options()).toHaveLength(2));
    expect(document.activeElement).toBe(searchBox());
  });

  it('lists the shortcuts in the panel', () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    const shortcuts = screen.getByText('Keyboard shortcuts').closest('details') as HTMLElement;
    expect([...shortcuts.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual(['↓ ↑', 'Enter', '→', '←', 'Esc', '/']);
  });
});

describe('code detail', () => {
  async function openDetail(query: string) {
    const rendered = mockClient();
    render(<SidePanelApp client={rendered.client} settings={SETTINGS} />);
    await searchFor(query);
    fireEvent.click(options()[0] as HTMLElement);
    await screen.findByRole('region', { name: /S72\.001|E11\.65/ });
    return rendered;
  }

  it('shows state, reason, ancestors from the chapter down and every inherited note grouped by type with its origin', async () => {
    await openDetail('fract');
    const detail = await screen.findByRole('region', { name: /S72\.001 Fracture of unspecified part of neck of right femur/ });
    expect(within(detail).getByText('Needs more characters')).toBeTruthy();
    expect(within(detail).getByText(/needs a 7th character \(A, D, S\)/)).toBeTruthy();

    const trail = within(detail).getByRole('navigation', { name: 'Place in the Tabular List' });
    expect([...trail.querySelectorAll('li')].map((li) => li.firstChild?.textContent)).toEqual([
      'Chapter 19',
      'S70–S79',
      'S72',
      'S72.0',
      'S72.00',
    ]);

    const notes = within(detail).getByRole('region', { name: 'Notes' });
    expect(within(notes).getByText('Tabular notes from FY2021 (code set FY2027)')).toBeTruthy();
    expect([...notes.querySelectorAll('h4')].map((h) => h.textContent)).toEqual([
      'Excludes1',
      'Excludes2',
      'Code first',
      'Use additional code',
      'Includes',
      'Notes',
    ]);
    const excludes1 = notes.querySelector('.note-excludes1') as HTMLElement;
    expect([...excludes1.querySelectorAll('li')].map((li) => li.textContent)).toEqual([
      'traumatic amputation of hip and thigh (S78.-) (from S72)',
      'birth trauma (P10-P15) (from chapter 19)',
    ]);

    const children = within(detail).getByRole('region', { name: 'Codes below' });
    expect(
      within(children)
        .getAllByRole('button')
        .map((b) => b.textContent),
    ).toEqual(['S72.001A', 'S72.001B']);
  });

  it('builds S72.001A with the 7th-character builder and adds it to the worksheet', async () => {
    const { client } = await openDetail('fract');
    const builder = screen.getByRole('region', { name: '7th character' });
    expect(screen.getByTestId('built-code').textContent).toBe('S72.001_');
    const add = within(builder).getByRole('button', { name: /to worksheet/ }) as HTMLButtonElement;
    expect(add.disabled).toBe(true);

    const radios = within(builder).getAllByRole('radio');
    expect(radios.map((r) => r.closest('label')?.textContent)).toEqual([
      'A initial encounter for closed fracture S72.001A',
      'D subsequent encounter for closed fracture with routine healing S72.001D',
      'S sequela S72.001S',
    ]);
    fireEvent.click(within(builder).getByRole('radio', { name: /^A initial encounter/ }));
    expect(screen.getByTestId('built-code').textContent).toBe('S72.001A');
    await waitFor(() => expect(within(builder).getByText('Billable')).toBeTruthy());
    expect(client.lookup).toHaveBeenLastCalledWith('icd10cm', 'S72001A', TODAY);

    fireEvent.click(within(builder).getByRole('button', { name: 'Add S72.001A to worksheet' }));
    expect(worksheetEntries()).toEqual(['S72.001A']);
    expect(screen.getByText('Added S72.001A to the worksheet (1 code).')).toBeTruthy();
  });

  it.each([
    ['T360X1', 'T36.0X1', 'T36.0X1_', 'T36.0X1A'],
    ['T794', 'T79.4', 'T79.4XX_', 'T79.4XXA'],
  ])('builds %s + A with placeholder X as needed', async (code, display, preview, full) => {
    const { client } = mockClient({
      search: vi.fn(async (r: SearchRequest) => response(r.text, [hit({ code, display, state: 'header' })])),
    });
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    await searchFor('poisoning');
    key('ArrowDown');
    key('ArrowRight');
    const builder = await screen.findByRole('region', { name: '7th character' });
    expect(screen.getByTestId('built-code').textContent).toBe(preview);
    fireEvent.click(within(builder).getByRole('radio', { name: /^A initial encounter/ }));
    expect(screen.getByTestId('built-code').textContent).toBe(full);
    await within(builder).findByText('Billable');
    fireEvent.click(within(builder).getByRole('button', { name: `Add ${full} to worksheet` }));
    expect(worksheetEntries()).toEqual([full]);
  });

  it('opens a code below from the detail, and Back returns to the previous code', async () => {
    const { client } = await openDetail('fract');
    fireEvent.click(screen.getByRole('button', { name: 'S72.001A' }));
    await screen.findByRole('heading', { level: 2, name: /S72\.001A/ });
    expect(client.lookup).toHaveBeenLastCalledWith('icd10cm', 'S72001A', TODAY);
    fireEvent.click(screen.getByRole('button', { name: '← Back' }));
    await screen.findByRole('heading', { level: 2, name: /S72\.001 Fracture/ });
    fireEvent.click(screen.getByRole('button', { name: '← Back to results' }));
    await waitFor(() => expect(options()).toHaveLength(2));
  });
});

describe('while code sets load', () => {
  const loading = (done: number): LoadingReply => ({
    loading: true,
    status: { state: 'loading', versions: [], progress: { done, total: 40, assetId: 'icd10cm-codes-2027' } },
  });

  it('shows "Loading code sets…" with progress instead of failing, and searches again when loading completes', async () => {
    let ready = false;
    const { client, fireChanged, emitProgress } = mockClient({
      search: vi.fn(async (request: SearchRequest) => (ready ? answer(request) : loading(10))),
      status: vi.fn(async () => (ready ? READY : loading(10).status)),
    });
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    type('diab');
    expect(await screen.findByText('Loading code sets… the search runs as soon as they are ready.')).toBeTruthy();
    const bar = await screen.findByRole('progressbar');
    expect(bar.getAttribute('value')).toBe('10');
    expect(options()).toHaveLength(0);

    emitProgress({ done: 30, total: 40, assetId: 'icd10cm-tabular-2027' });
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('value')).toBe('30'));

    ready = true;
    fireChanged();
    await screen.findByText('2 results');
    expect(optionCodes()).toEqual(['E11.65', 'E11.9']);
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('asks again on its own when no event arrives (the worker may have restarted)', async () => {
    let calls = 0;
    const { client } = mockClient({ search: vi.fn(async (request: SearchRequest) => (++calls < 3 ? loading(calls) : answer(request))) });
    render(<SidePanelApp client={client} settings={{ ...SETTINGS, pollMs: 20 }} />);
    type('diab');
    await screen.findByText('2 results', {}, { timeout: 2000 });
    expect(calls).toBe(3);
  });
});

describe('bad input', () => {
  const HOSTILE = '<img src=x onerror=alert(1)>';

  it('renders an HTML-looking query and hit text as text, never as markup', async () => {
    const { client } = mockClient({
      search: vi.fn(async (request: SearchRequest) =>
        request.text === HOSTILE
          ? response(request.text, [])
          : response(request.text, [
              hit({ title: '<b>bold</b> & <script>x()</script>', matched: HOSTILE, source: 'inclusion', highlights: [[0, 4]] }),
            ]),
      ),
    });
    const { container } = render(<SidePanelApp client={client} settings={SETTINGS} />);
    type(HOSTILE);
    expect(await screen.findByText(`No matches for “${HOSTILE}”.`)).toBeTruthy();
    expect(container.querySelector('img')).toBeNull();

    type('anything');
    await screen.findByText('1 result');
    const option = options()[0] as HTMLElement;
    expect(option.querySelector('.result-title')?.textContent).toBe('<b>bold</b> & <script>x()</script>');
    expect(option.querySelector('.matched')?.textContent).toBe(`Inclusion term: ${HOSTILE}`);
    expect(option.querySelector('mark')?.textContent).toBe('<img');
    expect(container.querySelector('img, b, script')).toBeNull();
  });

  it.each([
    ['whitespace', '   \t '],
    ['10,000 characters', 'a'.repeat(10_000)],
    ['emoji', '🤒🩺💉'],
    ['regex metacharacters', '.*+?^$' + '{}()|[]\\'],
    ['SQL', "'; DROP TABLE codes; --"],
    ['HTML', '<script>alert(1)</script>'],
  ])('%s: no throw, a sensible message', async (_name, text) => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    type(text);
    if (text.trim() === '') {
      await new Promise((r) => setTimeout(r, 60));
      expect(client.search).not.toHaveBeenCalled();
      expect(screen.getByText(/^Type a code/)).toBeTruthy();
      return;
    }
    const message = await screen.findByText(/^No matches for “/);
    expect(message.textContent?.length).toBeLessThan(100);
    expect(lastRequest(client).text.length).toBeLessThanOrEqual(10_000);
    expect(document.querySelector('script')).toBeNull();
  });

  it('cuts a paste longer than the protocol allows instead of failing', async () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    type('x'.repeat(25_000));
    await screen.findByText(/^No matches for “x+…”\.$/);
    expect(lastRequest(client).text).toHaveLength(10_000);
  });

  it('asks for a date of service when the date is cleared', async () => {
    const { client } = mockClient();
    render(<SidePanelApp client={client} settings={SETTINGS} />);
    fireEvent.change(screen.getByLabelText('Date of service'), { target: { value: '' } });
    type('diab');
    expect(await screen.findByText('Enter a valid date of service to search.')).toBeTruthy();
    expect(client.search).not.toHaveBeenCalled();
  });
});
