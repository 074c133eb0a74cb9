// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { CdiClient, CdiItem, CdiReady } from '../../../components/sidepanel/cdi-client';
import { cdiMessages, GAP_LABELS } from '../../../components/sidepanel/cdi-model';
import { createMockAnalysisClient } from '../../../components/sidepanel/mock-analysis-client';
import { createMockCdiClient, MOCK_CDI_NOTE, type MockCdiOptions } from '../../../components/sidepanel/mock-cdi-client';
import { SidePanelApp } from '../../../components/sidepanel/SidePanelApp';
import { mockSearchClient, PANEL_TODAY } from '../../helpers/sidepanel';

afterEach(cleanup);

const SETTINGS = { today: PANEL_TODAY, debounceMs: 20, pollMs: 20 };
const HOSTILE = '<img src=x onerror=alert(1)>';
const LEADING = 'Please document acute kidney injury.';

// What the real engine makes of the mock note, to compare the panel with (the panel starts outpatient).
const expected = (await createMockCdiClient().client.current({ setting: 'outpatient', dateOfService: PANEL_TODAY })) as CdiReady;
const aki = expected.view.items.find((i) => i.opportunity.id === 'aki-indicators') as CdiItem;
const first = expected.view.items[0] as CdiItem;

function setup(options: MockCdiOptions = {}, wrap: (client: CdiClient) => CdiClient = (c) => c) {
  const cdi = createMockCdiClient({ today: PANEL_TODAY, ...options });
  const analysis = createMockAnalysisClient();
  const rendered = render(
    <SidePanelApp client={mockSearchClient()} analysis={analysis.client} cdi={wrap(cdi.client)} settings={SETTINGS} />,
  );
  return { ...cdi, ...rendered };
}

const panel = () => {
  const element = document.getElementById('tabpanel-cdi');
  if (!element) throw new Error('no CDI tab panel');
  return element;
};
const announcement = () => document.querySelector('.announcement')?.textContent;
const editor = () => within(panel()).getByLabelText(/^Query to the provider/) as HTMLTextAreaElement;
const lintStatus = () => document.getElementById('cdi-lint-status')?.textContent;
const copyButton = () => within(panel()).getByRole('button', { name: 'Copy query' });
const opportunityButton = (title: string) =>
  within(panel()).getByRole('button', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}`) });

async function openCdi(options: MockCdiOptions = {}, wrap?: (client: CdiClient) => CdiClient) {
  const all = setup(options, wrap);
  fireEvent.click(screen.getByRole('tab', { name: 'CDI' }));
  await within(panel()).findByRole('list', { name: 'Documentation opportunities' });
  return all;
}

async function openAki(options: MockCdiOptions = {}, wrap?: (client: CdiClient) => CdiClient) {
  const all = await openCdi(options, wrap);
  fireEvent.click(opportunityButton(aki.opportunity.title));
  await waitFor(() => expect(editor().value).toBe(aki.draft.text));
  return all;
}

describe('the CDI tab', () => {
  it('is the fourth tab when a CDI client is wired', () => {
    setup();
    expect(screen.getAllByRole('tab').map((t) => t.textContent)).toEqual(['Suggestions', 'Search', 'Worksheet', 'CDI']);
  });

  it('lists it among the number-key shortcuts', () => {
    setup();
    expect(screen.getByText('Switch tabs: Suggestions, Search, Worksheet, CDI')).toBeTruthy();
  });

  it('reviews nothing before it is opened', async () => {
    const { calls } = setup();
    await screen.findByRole('region', { name: /^Diagnoses/ });
    expect(calls.current).toEqual([]);
  });

  it('opens with key 4', async () => {
    const { calls } = setup();
    fireEvent.keyDown(document.body, { key: '4' });
    await waitFor(() => expect(calls.current).toHaveLength(1));
    expect(screen.getByRole('tab', { name: 'CDI' }).getAttribute('aria-selected')).toBe('true');
  });

  it('does not switch tabs on a digit typed in the query editor', async () => {
    await openCdi();
    fireEvent.keyDown(editor(), { key: '1' });
    expect(screen.getByRole('tab', { name: 'CDI' }).getAttribute('aria-selected')).toBe('true');
  });

  it('counts the opportunities', async () => {
    await openCdi();
    expect(document.getElementById('cdi-status')?.textContent).toBe(cdiMessages.count(expected.view.items.length));
  });

  it('lists every opportunity with its gap', async () => {
    await openCdi();
    const rows = [...panel().querySelectorAll('.cdi-opportunity-button')].map((b) => [
      b.querySelector('.cdi-title')?.textContent,
      b.querySelector('.cdi-gap')?.textContent,
    ]);
    expect(rows).toEqual(expected.view.items.map((i) => [i.opportunity.title, GAP_LABELS[i.opportunity.gap]]));
  });

  it('selects the first opportunity', async () => {
    await openCdi();
    expect(opportunityButton(first.opportunity.title).getAttribute('aria-pressed')).toBe('true');
  });

  it('names the note it reviewed', async () => {
    await openCdi();
    expect(within(panel()).getByText(cdiMessages.fromPage('Progress note — synthetic'))).toBeTruthy();
  });
});

describe('an opportunity', () => {
  it('cites the creatinine line from the note', async () => {
    await openAki();
    expect([...panel().querySelectorAll('.cdi-quote')].map((q) => q.textContent)).toEqual([expect.stringContaining('Creatinine 2.3')]);
  });

  it('shows its criteria with their sources', async () => {
    await openAki();
    const criteria = panel().querySelector('.cdi-criteria') as HTMLElement;
    expect([...criteria.querySelectorAll('li')].map((li) => li.textContent)).toEqual(
      aki.opportunity.criteria.map((c) => `${c.literal} — ${c.source}`),
    );
  });

  it('puts the draft in the editor', async () => {
    await openAki();
    expect(editor().value).toBe(aki.draft.text);
  });

  it('says the draft passes the linter, and allows copying it', async () => {
    await openAki();
    expect([lintStatus(), copyButton().getAttribute('aria-disabled')]).toEqual([cdiMessages.lintClean, 'false']);
  });

  it('copies the draft exactly', async () => {
    const { calls } = await openAki();
    fireEvent.click(copyButton());
    await waitFor(() => expect(announcement()).toBe(cdiMessages.copied));
    expect(calls.copied).toEqual([aki.draft.text]);
  });
});

describe('editing the query', () => {
  const typeLeading = () => fireEvent.input(editor(), { target: { value: `${aki.draft.text}\n${LEADING}` } });

  it('reports a leading phrase', async () => {
    await openAki();
    typeLeading();
    await waitFor(() => expect(lintStatus()).toBe(cdiMessages.lintSummary(1, 0)));
    expect(within(panel()).getByRole('list', { name: 'Linter findings' }).textContent).toMatch(/^Error Leading wording: "Please document"/);
  });

  it('blocks Copy after a leading phrase', async () => {
    await openAki();
    typeLeading();
    await waitFor(() => expect(copyButton().getAttribute('aria-disabled')).toBe('true'));
  });

  it('says copying is blocked when Copy is pressed anyway', async () => {
    const { calls } = await openAki();
    typeLeading();
    fireEvent.click(copyButton());
    await waitFor(() => expect(announcement()).toBe(cdiMessages.copyBlocked(1)));
    expect(calls.copied).toEqual([]);
  });

  it('restores the draft, which copies again', async () => {
    await openAki();
    typeLeading();
    await waitFor(() => expect(copyButton().getAttribute('aria-disabled')).toBe('true'));
    fireEvent.click(within(panel()).getByRole('button', { name: 'Restore the draft' }));
    expect([editor().value, copyButton().getAttribute('aria-disabled'), announcement()]).toEqual([
      aki.draft.text,
      'false',
      cdiMessages.draftReset,
    ]);
  });
});

describe('hostile text', () => {
  const hostileNote = MOCK_CDI_NOTE.replace('(baseline 0.8 mg/dL in June)', `(baseline 0.8 mg/dL ${HOSTILE})`);
  // A page title is the page's to choose; the indicator quote is what a note like `hostileNote` would give
  // if the reader took the whole line.
  const hostile = (client: CdiClient): CdiClient => ({
    ...client,
    async current(settings) {
      const reply = await client.current(settings);
      if (!('view' in reply)) return reply;
      return {
        source: { ...reply.source, title: `Progress ${HOSTILE}` },
        view: {
          ...reply.view,
          items: reply.view.items.map((item) => ({
            ...item,
            draft: { ...item.draft, indicators: item.draft.indicators.map((i) => ({ ...i, quote: `${i.quote} ${HOSTILE}` })) },
          })),
        },
      };
    },
  });

  it('shows a page title and quotes as text', async () => {
    await openAki({ note: hostileNote }, hostile);
    expect([
      within(panel()).getByText(cdiMessages.fromPage(`Progress ${HOSTILE}`)) !== null,
      [...panel().querySelectorAll('.cdi-quote')].map((q) => q.textContent?.endsWith(HOSTILE)),
      document.querySelectorAll('img').length,
    ]).toEqual([true, [true], 0]);
  });

  it('shows a finding that quotes the edited query as text', async () => {
    await openAki({ note: hostileNote });
    const edited = aki.draft.text.replace('(baseline 0.8 mg/dL', `${HOSTILE} (baseline 0.8 mg/dL`);
    expect(edited).not.toBe(aki.draft.text);
    fireEvent.input(editor(), { target: { value: edited } });
    const findings = await within(panel()).findByRole('list', { name: 'Linter findings' });
    expect([findings.textContent?.includes(HOSTILE), document.querySelectorAll('img').length]).toEqual([true, 0]);
  });
});

describe('the query log', () => {
  const checkbox = () => within(panel()).getByRole('checkbox', { name: /^Keep a local query log/ }) as HTMLInputElement;

  async function logged() {
    const all = await openAki();
    fireEvent.click(checkbox());
    fireEvent.click(await within(panel()).findByRole('button', { name: 'Add to query log' }));
    const table = await within(panel()).findByRole('table');
    return { ...all, table };
  }
  const statusSelect = (table: HTMLElement) => within(table).getByRole('combobox') as HTMLSelectElement;

  it('is off until asked, with no way to add', async () => {
    await openAki();
    expect([checkbox().checked, within(panel()).queryByRole('button', { name: 'Add to query log' })]).toEqual([false, null]);
  });

  it('turns on from its checkbox', async () => {
    await openAki();
    fireEvent.click(checkbox());
    await waitFor(() => expect(announcement()).toBe(cdiMessages.logOn));
    expect([checkbox().checked, within(panel()).getByText('No query logged yet.') !== null]).toEqual([true, true]);
  });

  it('shows a logged query with its date, condition and lint', async () => {
    const { table } = await logged();
    const cells = [...table.querySelectorAll('tbody td')].slice(0, 3).map((td) => td.textContent);
    expect(cells).toEqual([PANEL_TODAY, expect.stringMatching(/kidney/i), 'passed']);
  });

  it('offers every status forward from Drafted', async () => {
    const { table } = await logged();
    const select = statusSelect(table);
    expect([select.value, [...select.options].map((o) => o.textContent)]).toEqual(['drafted', ['Drafted', 'Sent', 'Answered', 'Agreed']]);
  });

  it('moves a query forward, and offers no way back', async () => {
    const { table } = await logged();
    fireEvent.change(statusSelect(table), { target: { value: 'sent' } });
    await waitFor(() => expect(statusSelect(within(panel()).getByRole('table')).value).toBe('sent'));
    expect([...statusSelect(within(panel()).getByRole('table')).options].map((o) => o.value)).toEqual(['sent', 'answered', 'agreed']);
  });

  it('exports the CSV', async () => {
    const { calls } = await logged();
    fireEvent.click(within(panel()).getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(calls.saved.map((s) => [s.name, s.type])).toEqual([[`chartcode-query-log-${PANEL_TODAY}.csv`, 'text/csv']]));
  });

  it('clears', async () => {
    await logged();
    fireEvent.click(within(panel()).getByRole('button', { name: 'Clear the log' }));
    await waitFor(() => expect(within(panel()).queryByRole('table')).toBeNull());
  });
});
