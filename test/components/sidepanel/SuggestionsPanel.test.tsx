// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createMockAnalysisClient,
  MOCK_EMPTY_REASON,
  MOCK_PAGE,
  type MockAnalysisOptions,
} from '../../../components/sidepanel/mock-analysis-client';
import { fixtureAnalysis, SYNTHETIC_NOTE } from '../../../components/sidepanel/mock-analysis-fixtures';
import { SidePanelApp } from '../../../components/sidepanel/SidePanelApp';
import { suggestionDomId } from '../../../components/sidepanel/SuggestionsPanel';
import type { AnalysisResult } from '../../../utils/coding/types';
import { mockSearchClient, PANEL_TODAY } from '../../helpers/sidepanel';

afterEach(cleanup);

const SETTINGS = { today: PANEL_TODAY, debounceMs: 20, pollMs: 20 };
const HOSTILE = '<img src=x onerror=alert(1)>';
/** A code-less item is keyed by its title (suggestions-model.ts, suggestionBaseKey). */
const UROSEPSIS_KEY = 'icd10cm:term:Urosepsis: no code';

function setup(options: MockAnalysisOptions = {}) {
  const mock = createMockAnalysisClient(options);
  const search = mockSearchClient();
  const rendered = render(<SidePanelApp client={search} analysis={mock.client} settings={SETTINGS} />);
  return { ...mock, search, ...rendered };
}

const group = (name: RegExp) => screen.getByRole('region', { name });
const codesIn = (element: HTMLElement) => [...element.querySelectorAll('.suggestion-code')].map((c) => c.textContent);
const card = (key: string) => {
  const element = document.getElementById(suggestionDomId(key));
  if (!element) throw new Error(`no suggestion ${key}`);
  return element;
};
const press = (key: string, target: Element = document.activeElement ?? document.body, init: KeyboardEventInit = {}) =>
  fireEvent.keyDown(target, { key, ...init });
const worksheetCodes = () =>
  [...(document.getElementById('tabpanel-worksheet')?.querySelectorAll('.worksheet-list li .entry-code') ?? [])].map((e) => e.textContent);

async function ready() {
  await screen.findByRole('region', { name: /^Diagnoses/ });
}

describe('suggestions from the page', () => {
  it('opens on the Suggestions tab with the groups, the source and the first suggestion focused', async () => {
    setup();
    await ready();
    expect(screen.getByRole('tab', { name: 'Suggestions' }).getAttribute('aria-selected')).toBe('true');
    expect(screen.getByText(`Note in the page: ${MOCK_PAGE.title}`)).toBeTruthy();
    const headings = [...document.querySelectorAll('.suggestion-group h3')].map((h) => h.textContent);
    expect(headings).toEqual(['Diagnoses (3)', 'Procedures (1)', 'Incomplete (1)', 'Conflicts (2)', '▸ Not coded (2)']);
    expect(codesIn(group(/^Diagnoses/))).toEqual(['I10', 'Z86.0100', 'Z80.3']);
    expect(codesIn(group(/^Procedures/))).toEqual(['G0121']);
    expect(codesIn(group(/^Incomplete/))).toEqual(['S72.001']);
    expect(codesIn(group(/^Conflicts/))).toEqual(['E11.65', 'E10.9']);
    await waitFor(() => expect(document.activeElement).toBe(card('icd10cm:I10')));
    // Date of service and setting stay in view above the tabs.
    expect((screen.getByLabelText('Date of service') as HTMLInputElement).value).toBe(PANEL_TODAY);
  });

  it('shows reason, evidence, context, validity, specificity, HCC and Excludes1 partners on each suggestion', async () => {
    setup();
    await ready();
    const e1165 = card('icd10cm:E1165');
    expect(within(e1165).getByText('Type 2 diabetes mellitus with hyperglycemia')).toBeTruthy();
    expect(within(e1165).getByText('HCC 37')).toBeTruthy();
    expect(within(e1165).getByText('Billable')).toBeTruthy();
    expect(e1165.querySelector('.suggestion-reason')?.textContent).toMatch(
      /^“type 2 diabetes with hyperglycemia” → Index: Diabetes, type 2/,
    );
    expect(e1165.querySelector('.conflict-with')?.textContent).toBe('Excludes1 with: E10.9 Type 1 diabetes mellitus without complications');
    expect((within(e1165).getByLabelText('Context of E11.65') as HTMLSelectElement).value).toBe('affirmed');
    expect(within(e1165).getByRole('button', { name: 'Show in the note: “type 2 diabetes with hyperglycemia”' })).toBeTruthy();

    const s72 = card('icd10cm:S72001');
    expect(within(s72).getByText('Needs more characters')).toBeTruthy();
    expect(s72.querySelector('.specificity')?.textContent).toMatch(/^More specific: Document the encounter/);
    const completions = within(s72).getByLabelText('Completion for S72.001') as HTMLSelectElement;
    expect([...completions.options].map((o) => o.value)).toEqual(['', 'S72001A', 'S72001B', 'S72001D']);
  });

  it('keeps Not coded collapsed until asked, then gives the reason in plain words', async () => {
    setup();
    await ready();
    const toggle = screen.getByRole('button', { name: /Not coded \(2\)/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.getElementById(suggestionDomId('icd10cm:R079'))).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(card('icd10cm:R079').querySelector('.not-coded-reason')?.textContent).toBe('Not coded: Documented as absent (negated).');
    expect(card('icd10cm:J189').querySelector('.not-coded-reason')?.textContent).toBe(
      'Not coded: Uncertain diagnosis in an outpatient setting: code the symptoms instead (Guidelines IV.H).',
    );
    expect((within(card('icd10cm:R079')).getByLabelText('Context of R07.9') as HTMLSelectElement).value).toBe('negated');
  });

  it('accepting builds the worksheet in order; an incomplete code needs its completion first', async () => {
    setup();
    await ready();
    fireEvent.click(within(card('icd10cm:Z803')).getByRole('button', { name: 'Accept Z80.3' }));
    fireEvent.click(within(card('icd10cm:I10')).getByRole('button', { name: 'Accept I10' }));
    fireEvent.click(within(card('hcpcs:G0121')).getByRole('button', { name: 'Accept G0121' }));
    expect(screen.getByText('Added G0121 to the worksheet (3 codes).')).toBeTruthy();

    const s72 = card('icd10cm:S72001');
    fireEvent.click(within(s72).getByRole('button', { name: 'Accept S72.001' }));
    expect(screen.getByText('Choose a completion for S72.001 first.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(within(s72).getByLabelText('Completion for S72.001')));
    fireEvent.change(within(s72).getByLabelText('Completion for S72.001'), { target: { value: 'S72001A' } });
    fireEvent.click(within(s72).getByRole('button', { name: 'Accept S72.001' }));

    expect(worksheetCodes()).toEqual(['Z80.3', 'I10', 'S72.001A', 'G0121']);
    expect(screen.getByRole('tab', { name: 'Worksheet (4)' })).toBeTruthy();
    expect(within(card('icd10cm:I10')).getByText('On worksheet')).toBeTruthy();
    expect(within(card('icd10cm:S72001')).getByText('On worksheet')).toBeTruthy();
  });

  it('works from the keyboard: j / k move, a accepts and moves on, x rejects, u undoes', async () => {
    setup();
    await ready();
    await waitFor(() => expect(document.activeElement).toBe(card('icd10cm:I10')));
    press('a');
    await waitFor(() => expect(document.activeElement).toBe(card('icd10cm:Z860100')));
    expect(worksheetCodes()).toEqual(['I10']);
    press('x');
    expect(document.getElementById(suggestionDomId('icd10cm:Z860100'))).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(card('icd10cm:Z803')));
    expect(screen.getByText('Rejected Z86.0100. Press u or choose Undo to bring it back.')).toBeTruthy();
    press('j');
    await waitFor(() => expect(document.activeElement).toBe(card('hcpcs:G0121')));
    press('ArrowUp');
    await waitFor(() => expect(document.activeElement).toBe(card('icd10cm:Z803')));
    press('Enter');
    expect(worksheetCodes()).toEqual(['I10', 'Z80.3']);
    press('u');
    await waitFor(() => expect(document.activeElement).toBe(card('icd10cm:Z860100')));
    expect(codesIn(group(/^Diagnoses/))).toEqual(['I10', 'Z86.0100', 'Z80.3']);
    press('k');
    await waitFor(() => expect(document.activeElement).toBe(card('icd10cm:I10')));
  });

  it('rejected codes are listed with Undo', async () => {
    setup();
    await ready();
    fireEvent.click(within(card('icd10cm:E109')).getByRole('button', { name: 'Reject E10.9' }));
    expect(codesIn(group(/^Conflicts/))).toEqual(['E11.65']);
    const list = screen.getByText('Rejected (1)').closest('details') as HTMLElement;
    fireEvent.click(within(list).getByRole('button', { name: 'Undo reject E10.9' }));
    expect(codesIn(group(/^Conflicts/))).toEqual(['E11.65', 'E10.9']);
  });

  it('flipping the context re-analyses with an override for the suggestion’s mentions', async () => {
    const { client, calls } = setup();
    const reanalyze = vi.spyOn(client, 'reanalyze');
    await ready();
    fireEvent.change(within(card('icd10cm:I10')).getByLabelText('Context of I10'), { target: { value: 'family' } });
    await waitFor(() => expect(codesIn(group(/^Diagnoses/))).toEqual(['Z82.49', 'Z86.0100', 'Z80.3']));
    expect(reanalyze).toHaveBeenCalledTimes(1);
    expect(calls.reanalyze).toEqual([{ settings: { setting: 'outpatient', dateOfService: PANEL_TODAY }, overrides: { m1: 'family' } }]);
    expect(screen.getByText('Context of I10 set to Family member: now Z82.49 in Diagnoses.')).toBeTruthy();
    expect(within(card('icd10cm:Z8249')).getByText('Context changed by you')).toBeTruthy();

    // A second flip keeps the first.
    fireEvent.change(within(card('icd10cm:E1165')).getByLabelText('Context of E11.65'), { target: { value: 'negated' } });
    await waitFor(() => expect(calls.reanalyze).toHaveLength(2));
    expect(calls.reanalyze[1]?.overrides).toEqual({ m1: 'family', m0: 'negated' });
    await screen.findByText('Context of E11.65 set to Negated (absent): now E11.65 in Not coded.');
    // E10.9 no longer conflicts with a coded E11.65.
    expect(codesIn(group(/^Diagnoses/))).toContain('E10.9');
  });

  it('clicking evidence asks the page to highlight the suggestion’s spans', async () => {
    const { calls } = setup();
    await ready();
    fireEvent.click(within(card('icd10cm:I10')).getByRole('button', { name: 'Show in the note: “hypertension”' }));
    const at = SYNTHETIC_NOTE.toLowerCase().indexOf('hypertension');
    await waitFor(() => expect(calls.highlight).toEqual([[{ start: at, end: at + 'hypertension'.length }]]));
    expect(screen.getByText('Showing “hypertension” in the page.')).toBeTruthy();
  });

  it('says so when the page cannot highlight', async () => {
    setup({ highlightWorks: false });
    await ready();
    fireEvent.click(within(card('icd10cm:I10')).getByRole('button', { name: /^Show in the note/ }));
    expect(await screen.findByText('The page could not show this evidence (the note may have changed, or the tab closed).')).toBeTruthy();
  });

  it('re-analyses when the setting or the date changes', async () => {
    const { calls } = setup();
    await ready();
    fireEvent.change(screen.getByLabelText('Setting'), { target: { value: 'inpatient' } });
    await waitFor(() => expect(codesIn(group(/^Procedures/))).toEqual(['0DJD8ZZ']));
    expect(codesIn(group(/^Diagnoses/))).toEqual(['I10', 'Z86.0100', 'Z80.3', 'J18.9']);
    expect(calls.reanalyze.at(-1)?.settings).toEqual({ setting: 'inpatient', dateOfService: PANEL_TODAY });

    fireEvent.change(screen.getByLabelText('Date of service'), { target: { value: '2023-09-30' } });
    await waitFor(() => expect(calls.reanalyze.at(-1)?.settings).toEqual({ setting: 'inpatient', dateOfService: '2023-09-30' }));
    await waitFor(() => expect(codesIn(group(/^Diagnoses/))).toEqual(['I10', 'Z80.3', 'J18.9']));

    fireEvent.change(screen.getByLabelText('Date of service'), { target: { value: '' } });
    expect(await screen.findByText('Enter a valid date of service to see suggestions.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: /^Diagnoses/ })).toBeNull();
  });

  it('reads the page again when its note changes, dropping flips and rejections', async () => {
    const mock = setup();
    await ready();
    fireEvent.click(within(card('icd10cm:E109')).getByRole('button', { name: 'Reject E10.9' }));
    mock.setPage({ ...MOCK_PAGE, text: 'Assessment: hypertension. Type 1 diabetes.', title: 'Next note' });
    await screen.findByText('Note in the page: Next note');
    expect(codesIn(group(/^Diagnoses/))).toEqual(['I10', 'E10.9']);
    expect(mock.calls.current).toHaveLength(2);
  });
});

describe('states', () => {
  it('shows "Reading the note…" until the analysis answers', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    setup({ hold: () => gate });
    fireEvent.click(screen.getByRole('tab', { name: 'Suggestions' }));
    expect(await screen.findByText('Reading the note…')).toBeTruthy();
    release();
    await ready();
    expect(screen.queryByText('Reading the note…')).toBeNull();
  });

  it('waits for the code sets with a progress bar, then shows the suggestions', async () => {
    setup({ loadingReplies: 2 });
    fireEvent.click(screen.getByRole('tab', { name: 'Suggestions' }));
    expect(await screen.findByText('Loading code sets… the note is analysed as soon as they are ready.')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('12');
    await ready();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('with no readable page: stays on Search, and the Suggestions tab explains and offers the paste box', async () => {
    const { calls } = setup({ page: null });
    await waitFor(() => expect(calls.current).toHaveLength(1));
    expect(screen.getByRole('tab', { name: 'Search' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(document.activeElement?.id).toBe('search-input'));
    press('1', document.body);
    expect(await screen.findByText(MOCK_EMPTY_REASON)).toBeTruthy();
    expect(screen.getByLabelText('Paste the note text')).toBeTruthy();
  });

  it('says when the analysis fails, and tries again on request', async () => {
    const { client } = setup();
    const current = vi.spyOn(client, 'current').mockRejectedValueOnce(new Error('No reply to "analysis/page"'));
    cleanup();
    render(<SidePanelApp client={mockSearchClient()} analysis={client} settings={SETTINGS} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Suggestions' }));
    expect(await screen.findByText('Analysis failed: No reply to "analysis/page"')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await ready();
    expect(current).toHaveBeenCalledTimes(2);
  });

  it('without an analysis client the panel is Search and Worksheet only', () => {
    render(<SidePanelApp client={mockSearchClient()} settings={SETTINGS} />);
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Search', 'Worksheet']);
  });
});

describe('paste box', () => {
  it('analyses pasted text in memory, highlights evidence in the box, and follows the setting', async () => {
    const { client, calls } = setup({ page: null });
    const highlight = vi.spyOn(client, 'highlight');
    press('1', document.body);
    const box = (await screen.findByLabelText('Paste the note text')) as HTMLTextAreaElement;
    fireEvent.click(screen.getByRole('button', { name: 'Analyze' }));
    expect(screen.getByText('Paste the note text first.')).toBeTruthy();
    expect(calls.analyzeText).toHaveLength(0);

    const text = 'Assessment: possible pneumonia. Hypertension.';
    fireEvent.input(box, { target: { value: text } });
    fireEvent.click(screen.getByRole('button', { name: 'Analyze' }));
    await ready();
    expect(calls.analyzeText).toEqual([{ text, settings: { setting: 'outpatient', dateOfService: PANEL_TODAY } }]);
    expect(screen.getByText('Pasted text (kept in memory only)')).toBeTruthy();
    expect(codesIn(group(/^Diagnoses/))).toEqual(['I10']);

    fireEvent.click(within(card('icd10cm:I10')).getByRole('button', { name: 'Show in the note: “Hypertension”' }));
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect([box.selectionStart, box.selectionEnd]).toEqual([text.indexOf('Hypertension'), text.indexOf('Hypertension') + 12]);
    expect(highlight).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Setting'), { target: { value: 'inpatient' } });
    await waitFor(() => expect(codesIn(group(/^Diagnoses/))).toEqual(['J18.9', 'I10']));
    expect(calls.reanalyze.at(-1)).toEqual({ settings: { setting: 'inpatient', dateOfService: PANEL_TODAY }, overrides: {} });
  });
});

describe('bad input', () => {
  it('renders hostile evidence, titles and reasons as text, never as markup', async () => {
    const hostile = (text: string, settings: Parameters<typeof fixtureAnalysis>[1]): AnalysisResult => {
      const result = fixtureAnalysis(text, settings);
      return {
        ...result,
        warnings: [HOSTILE],
        suggestions: result.suggestions.map((s) => ({
          ...s,
          title: `<b>${s.title}</b>`,
          reason: `<script>alert(1)</script>${s.reason}`,
          evidence: s.evidence.map((e) => ({ ...e, text: HOSTILE })),
        })),
      };
    };
    const { container, calls } = setup({ analyse: hostile, page: { ...MOCK_PAGE, title: HOSTILE } });
    await ready();
    expect(container.querySelector('img, b, script')).toBeNull();
    const i10 = card('icd10cm:I10');
    expect(within(i10).getByRole('button', { name: `Show in the note: “${HOSTILE}”` })).toBeTruthy();
    expect(i10.querySelector('.suggestion-title')?.textContent).toBe('<b>Essential (primary) hypertension</b>');
    expect(screen.getByText(`Note in the page: ${HOSTILE}`)).toBeTruthy();
    fireEvent.click(within(i10).getByRole('button', { name: /^Show in the note/ }));
    await waitFor(() => expect(calls.highlight).toHaveLength(1));
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('shortcuts', () => {
  it('switch tabs with 1 / 2 / 3, and / goes to the search box from any tab', async () => {
    setup();
    await ready();
    press('3', document.body);
    expect(screen.getByRole('tab', { name: 'Worksheet' }).getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: 'Worksheet' }));
    press('1', document.body);
    expect(screen.getByRole('tab', { name: 'Suggestions' }).getAttribute('aria-selected')).toBe('true');
    press('/', document.body);
    await waitFor(() => expect(document.activeElement?.id).toBe('search-input'));
    expect(screen.getByRole('tab', { name: 'Search' }).getAttribute('aria-selected')).toBe('true');
    // Typing in the search box is typing, not shortcuts.
    press('1', document.activeElement as Element);
    expect(screen.getByRole('tab', { name: 'Search' }).getAttribute('aria-selected')).toBe('true');
  });

  it('lists every shortcut in the panel', async () => {
    setup();
    await ready();
    const list = screen.getByText('Shortcuts for every tab').closest('details') as HTMLElement;
    expect([...list.querySelectorAll('kbd')].map((k) => k.textContent)).toEqual([
      'Alt+Shift+C',
      '/',
      '1 2 3',
      'j k',
      'a',
      'x',
      'u',
      'Alt+↑ Alt+↓',
    ]);
    expect(within(list).getByText('Switch tabs: Suggestions, Search, Worksheet')).toBeTruthy();
  });
});

describe('a term with no code', () => {
  it('lists it for a query: no Accept, no context, and the worksheet stays empty', async () => {
    const analyse = (text: string, settings: Parameters<typeof fixtureAnalysis>[1]): AnalysisResult => {
      const result = fixtureAnalysis(text, settings);
      const first = result.suggestions[0];
      if (!first) throw new Error('the fixture analysis gave no suggestion');
      return {
        ...result,
        suggestions: [
          ...result.suggestions,
          {
            ...first,
            code: '',
            display: '—',
            title: 'Urosepsis: no code',
            reason: '“Urosepsis”: query the provider whether the patient has sepsis or a urinary tract infection.',
            status: 'not-coded',
            notCoded: 'no-code-query',
            state: 'unknown',
            choices: undefined,
            mentionIds: [],
          },
        ],
      };
    };
    setup({ analyse });
    await ready();
    fireEvent.click(screen.getByRole('button', { name: /Not coded/ }));
    const item = card(UROSEPSIS_KEY);
    expect(item.querySelector('.query-needed')?.textContent).toMatch(/Query the provider/);
    expect(within(item).queryByRole('button', { name: /^Accept/ })).toBeNull();
    expect(within(item).queryByLabelText(/^Context of/)).toBeNull();
    // The keyboard's accept (a) on it is refused too.
    item.focus();
    press('a', item);
    await waitFor(() => expect(document.querySelector('[role=status]')?.textContent ?? '').toMatch(/no code/));
    expect(worksheetCodes()).toEqual([]);
    fireEvent.click(within(item).getByRole('button', { name: /^Dismiss/ }));
    await waitFor(() => expect(document.getElementById(suggestionDomId(UROSEPSIS_KEY))).toBeNull());
  });
});

describe('setting hint', () => {
  it('proposes the setting the note reads as, and switches only when the coder says so', async () => {
    const analyse = (text: string, settings: Parameters<typeof fixtureAnalysis>[1]): AnalysisResult => ({
      ...fixtureAnalysis(text, settings),
      settingHint: { setting: 'inpatient', cues: ['admission date', 'Hospital Course'] },
    });
    setup({ analyse });
    await ready();
    const select = screen.getByLabelText('Setting') as HTMLSelectElement;
    expect(select.value).toBe('outpatient');
    const hint = await screen.findByText(/This note reads as inpatient \(admission date, Hospital Course\)\./);
    expect(select.value).toBe('outpatient');
    fireEvent.click(within(hint).getByRole('button', { name: 'Use inpatient' }));
    await waitFor(() => expect(select.value).toBe('inpatient'));
    await waitFor(() => expect(screen.queryByText(/This note reads as/)).toBeNull());
  });
});

describe('dismissing a term with no code', () => {
  /** The fixture analysis plus one code-less item, as query-terms.ts lists "urosepsis". */
  const withCodeless = (text: string, settings: Parameters<typeof fixtureAnalysis>[1]): AnalysisResult => {
    const result = fixtureAnalysis(text, settings);
    const first = result.suggestions[0];
    if (!first) throw new Error('the fixture analysis gave no suggestion');
    return {
      ...result,
      suggestions: [
        ...result.suggestions,
        {
          ...first,
          code: '',
          display: '—',
          title: 'Urosepsis: no code',
          reason: '“Urosepsis”: query the provider.',
          status: 'not-coded',
          notCoded: 'no-code-query',
          state: 'unknown',
          choices: undefined,
          mentionIds: [],
        },
      ],
    };
  };
  const announced = () => document.querySelector('.announcement')?.textContent ?? '';

  it('names the term, not its dash, when it is dismissed, in the undo bar and when it is restored', async () => {
    setup({ analyse: withCodeless });
    await ready();
    fireEvent.click(screen.getByRole('button', { name: /Not coded/ }));
    const item = card(UROSEPSIS_KEY);
    item.focus();
    press('a', item);
    await waitFor(() =>
      expect(announced()).toBe('“Urosepsis: no code” has no code to accept: query the provider for the condition meant.'),
    );
    fireEvent.click(within(item).getByRole('button', { name: /^Dismiss/ }));
    await waitFor(() => expect(announced()).toBe('Dismissed “Urosepsis: no code”. Press u or choose Undo to bring it back.'));
    const bar = document.querySelector('.undo-bar');
    expect(bar?.textContent).toBe('Dismissed “Urosepsis: no code”. Undo dismiss “Urosepsis: no code”');
    fireEvent.click(within(bar as HTMLElement).getByRole('button', { name: 'Undo dismiss “Urosepsis: no code”' }));
    await waitFor(() => expect(announced()).toBe('Restored “Urosepsis: no code”.'));
    expect(card(UROSEPSIS_KEY)).toBeTruthy();
  });

  it('dismisses one term with no code, not every one: each is keyed by its own term', async () => {
    // A second query term, as another queryTerms row in coding.json would list it.
    const twoTerms = (text: string, settings: Parameters<typeof fixtureAnalysis>[1]): AnalysisResult => {
      const result = withCodeless(text, settings);
      const urosepsis = result.suggestions[result.suggestions.length - 1];
      if (!urosepsis) throw new Error('no code-less item');
      return {
        ...result,
        suggestions: [...result.suggestions, { ...urosepsis, title: 'Term B: no code', reason: '“Term B”: query the provider.' }],
      };
    };
    setup({ analyse: twoTerms });
    await ready();
    fireEvent.click(screen.getByRole('button', { name: /Not coded/ }));
    // Found by their titles, so the test says what the coder sees whatever the keys are.
    const byTitle = (title: string) => screen.queryByText(title, { selector: '.suggestion-title' })?.closest('li') ?? null;
    fireEvent.click(within(byTitle('Urosepsis: no code') as HTMLElement).getByRole('button', { name: /^Dismiss/ }));
    await waitFor(() => expect(byTitle('Urosepsis: no code')).toBeNull());
    expect(byTitle('Term B: no code')?.querySelector('.query-needed')).toBeTruthy();
  });

  it('still names a rejected code by its code', async () => {
    setup({ analyse: withCodeless });
    await ready();
    fireEvent.click(within(card('icd10cm:I10')).getByRole('button', { name: /^Reject/ }));
    await waitFor(() => expect(announced()).toBe('Rejected I10. Press u or choose Undo to bring it back.'));
    expect(document.querySelector('.undo-bar')?.textContent).toBe('Rejected I10. Undo reject I10');
  });
});

describe('a word that names no condition here', () => {
  it('says the words name something else (a specimen, a test), not only a goal or a wound', async () => {
    // "Blood and urine cultures were sent": the notFindings row for specimens keeps hematuria off the list.
    const analyse = (text: string, settings: Parameters<typeof fixtureAnalysis>[1]): AnalysisResult => {
      const result = fixtureAnalysis(text, settings);
      const first = result.suggestions[0];
      if (!first) throw new Error('the fixture analysis gave no suggestion');
      const specimen = { ...first, code: 'R319', display: 'R31.9', title: 'Hematuria, unspecified', status: 'not-coded' as const };
      return { ...result, suggestions: [...result.suggestions, { ...specimen, notCoded: 'not-a-finding' as const }] };
    };
    setup({ analyse });
    await ready();
    fireEvent.click(screen.getByRole('button', { name: /Not coded/ }));
    const reason = card('icd10cm:R319').querySelector('.not-coded-reason')?.textContent ?? '';
    expect(reason).toMatch(/^Not coded: Named, not found: .*a test or its specimen/);
    expect(reason).toContain('not a condition of the patient');
  });
});
