// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createMockAnalysisClient, type MockAnalysisOptions } from '../../../components/sidepanel/mock-analysis-client';
import { SidePanelApp } from '../../../components/sidepanel/SidePanelApp';
import { suggestionDomId } from '../../../components/sidepanel/SuggestionsPanel';
import { entryDomId } from '../../../components/sidepanel/Worksheet';
import { mockSearchClient, PANEL_TODAY } from '../../helpers/sidepanel';

afterEach(cleanup);

const SETTINGS = { today: PANEL_TODAY, debounceMs: 20, pollMs: 20 };

function setup(options: MockAnalysisOptions = {}) {
  const mock = createMockAnalysisClient(options);
  const search = mockSearchClient();
  render(<SidePanelApp client={search} analysis={mock.client} settings={SETTINGS} />);
  return { ...mock, search };
}

const sheet = () => screen.getByRole('region', { name: 'Worksheet' });
const sheetCodes = () =>
  [...(document.getElementById('tabpanel-worksheet')?.querySelectorAll('.worksheet-list li .entry-code') ?? [])].map((e) => e.textContent);
/** Plain events without a dataTransfer (happy-dom's drag events do not reach the handlers); the handlers allow for none. */
const drag = (type: 'dragstart' | 'dragover' | 'drop' | 'dragend', target: Element) =>
  fireEvent(target, new Event(type, { bubbles: true, cancelable: true }));
const row = (key: string) => document.getElementById(entryDomId(key)) as HTMLElement;

/** Accept these suggestions (by key) from the Suggestions tab, then show the worksheet. */
async function accept(...keys: string[]) {
  await screen.findByRole('region', { name: /^Diagnoses/ });
  for (const key of keys) {
    const card = document.getElementById(suggestionDomId(key)) as HTMLElement;
    fireEvent.click(within(card).getByRole('button', { name: /^Accept/ }));
  }
  fireEvent.click(screen.getByRole('tab', { name: /^Worksheet/ }));
}

describe('worksheet', () => {
  it('lists diagnoses (first-listed first) then procedures, in the order accepted', async () => {
    setup();
    await accept('hcpcs:G0121', 'icd10cm:Z803', 'icd10cm:I10');
    expect(sheetCodes()).toEqual(['Z80.3', 'I10', 'G0121']);
    expect(within(row('icd10cm:Z803')).getByText('First-listed diagnosis')).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Diagnoses' })).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Procedures' })).toBeTruthy();
  });

  it('reorders with Alt+↑ / Alt+↓, focus following the code', async () => {
    setup();
    await accept('icd10cm:I10', 'icd10cm:Z860100', 'icd10cm:Z803');
    const down = within(row('icd10cm:Z860100')).getByRole('button', { name: 'Move Z86.0100 down' });
    down.focus();
    fireEvent.keyDown(down, { key: 'ArrowUp', altKey: true });
    expect(sheetCodes()).toEqual(['Z86.0100', 'I10', 'Z80.3']);
    expect(screen.getByText('Moved Z86.0100 to position 1 of 3.')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(row('icd10cm:Z860100')));
    expect(within(row('icd10cm:Z860100')).getByText('First-listed diagnosis')).toBeTruthy();

    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown', altKey: true });
    fireEvent.keyDown(row('icd10cm:Z860100'), { key: 'ArrowDown', altKey: true });
    expect(sheetCodes()).toEqual(['I10', 'Z80.3', 'Z86.0100']);
    // At the end nothing moves; without Alt the arrows are left alone.
    fireEvent.keyDown(row('icd10cm:Z860100'), { key: 'ArrowDown', altKey: true });
    fireEvent.keyDown(row('icd10cm:I10'), { key: 'ArrowDown' });
    expect(sheetCodes()).toEqual(['I10', 'Z80.3', 'Z86.0100']);
  });

  it('reorders with the buttons and by dragging, never a procedure above a diagnosis', async () => {
    setup();
    await accept('icd10cm:I10', 'icd10cm:Z803', 'hcpcs:G0121');
    expect((within(row('icd10cm:I10')).getByRole('button', { name: 'Move I10 up' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(within(row('icd10cm:I10')).getByRole('button', { name: 'Move I10 down' }));
    expect(sheetCodes()).toEqual(['Z80.3', 'I10', 'G0121']);

    drag('dragstart', row('icd10cm:I10'));
    drag('dragover', row('icd10cm:Z803'));
    drag('drop', row('icd10cm:Z803'));
    expect(sheetCodes()).toEqual(['I10', 'Z80.3', 'G0121']);

    // A procedure cannot be dropped among the diagnoses: dragover is not accepted, the drop moves nothing.
    drag('dragstart', row('hcpcs:G0121'));
    const over = new Event('dragover', { bubbles: true, cancelable: true });
    row('icd10cm:I10').dispatchEvent(over);
    expect(over.defaultPrevented).toBe(false);
    drag('drop', row('icd10cm:I10'));
    drag('dragend', row('hcpcs:G0121'));
    expect(sheetCodes()).toEqual(['I10', 'Z80.3', 'G0121']);

    fireEvent.click(within(sheet()).getByRole('button', { name: 'Remove Z80.3' }));
    expect(sheetCodes()).toEqual(['I10', 'G0121']);
  });

  it('asks for POA only for inpatient diagnoses, with 1 from the POA-exempt list', async () => {
    const { search } = setup();
    await accept('icd10cm:I10', 'icd10cm:Z803', 'hcpcs:G0121');
    expect(within(sheet()).queryAllByRole('combobox')).toHaveLength(0);
    expect(search.lookup).not.toHaveBeenCalled();

    fireEvent.change(screen.getByLabelText('Setting'), { target: { value: 'inpatient' } });
    const poaI10 = (await within(sheet()).findByLabelText('POA for I10')) as HTMLSelectElement;
    await waitFor(() => expect((within(sheet()).getByLabelText('POA for Z80.3') as HTMLSelectElement).value).toBe('1'));
    expect(within(row('icd10cm:Z803')).getByText('(POA-exempt list)')).toBeTruthy();
    expect(poaI10.value).toBe('');
    expect(within(sheet()).getByText('1 diagnosis needs a POA indicator.')).toBeTruthy();
    expect(within(sheet()).queryByLabelText(/POA for G0121|POA for 0DJD8ZZ/)).toBeNull();
    expect([...poaI10.options].map((o) => o.value)).toEqual(['', 'Y', 'N', 'U', 'W', '1']);

    fireEvent.change(poaI10, { target: { value: 'Y' } });
    expect(screen.getByText('POA for I10: Y.')).toBeTruthy();
    expect(within(sheet()).queryByText(/needs a POA indicator/)).toBeNull();
    expect(within(row('icd10cm:I10')).getByText('Principal diagnosis')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Setting'), { target: { value: 'outpatient' } });
    await waitFor(() => expect(within(sheet()).queryByLabelText('POA for I10')).toBeNull());
  });

  it('copies the worksheet as text and as CSV, exactly', async () => {
    const { calls } = setup();
    fireEvent.change(screen.getByLabelText('Setting'), { target: { value: 'inpatient' } });
    await accept('icd10cm:I10', 'icd10cm:Z803', 'icd10pcs:0DJD8ZZ');
    await waitFor(() => expect((within(sheet()).getByLabelText('POA for Z80.3') as HTMLSelectElement).value).toBe('1'));
    fireEvent.change(within(sheet()).getByLabelText('POA for I10'), { target: { value: 'Y' } });

    fireEvent.click(within(sheet()).getByRole('button', { name: 'Copy as text' }));
    await screen.findByText('Copied the worksheet as text.');
    fireEvent.click(within(sheet()).getByRole('button', { name: 'Copy as CSV' }));
    await screen.findByText('Copied the worksheet as CSV.');
    expect(calls.copied).toEqual([
      [
        `Worksheet: inpatient, date of service ${PANEL_TODAY}`,
        'Diagnoses',
        '1. I10 Essential (primary) hypertension (principal diagnosis) — POA Y',
        '2. Z80.3 Family history of malignant neoplasm of breast — POA 1 (exempt)',
        'Procedures',
        '1. 0DJD8ZZ Inspection of Lower Intestinal Tract, Via Natural or Artificial Opening Endoscopic (principal procedure)',
      ].join('\n'),
      [
        'Sequence,Type,Code,Code set,Title,POA',
        '1,Diagnosis,I10,ICD-10-CM,Essential (primary) hypertension,Y',
        '2,Diagnosis,Z80.3,ICD-10-CM,Family history of malignant neoplasm of breast,1',
        '1,Procedure,0DJD8ZZ,ICD-10-PCS,"Inspection of Lower Intestinal Tract, Via Natural or Artificial Opening Endoscopic",',
        '',
      ].join('\r\n'),
    ]);
    // Codes and titles only: no note text leaves with the worksheet.
    expect(calls.copied.join('\n')).not.toMatch(/lisinopril|Denies|Mother/);
  });

  it('says when the clipboard refuses', async () => {
    setup({ clipboardError: 'Document is not focused.' });
    await accept('icd10cm:I10');
    fireEvent.click(within(sheet()).getByRole('button', { name: 'Copy as CSV' }));
    expect(await screen.findByText('Could not copy the worksheet: Document is not focused.')).toBeTruthy();
  });

  it('codes added from Search land on the same worksheet', async () => {
    setup();
    await accept('icd10cm:I10');
    fireEvent.click(screen.getByRole('tab', { name: 'Search' }));
    const box = screen.getByRole('combobox', { name: 'Search codes and the Alphabetic Index' });
    fireEvent.input(box, { target: { value: 'diab' } });
    await screen.findByText('1 result');
    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });
    expect(sheetCodes()).toEqual(['I10', 'E11.9']);
    expect(screen.getByRole('tab', { name: 'Worksheet (2)' })).toBeTruthy();
  });

  it('without a worksheet there is nothing to copy', () => {
    render(<SidePanelApp client={mockSearchClient()} settings={SETTINGS} />);
    fireEvent.click(screen.getByRole('tab', { name: 'Worksheet' }));
    expect(within(sheet()).queryByRole('button', { name: /^Copy/ })).toBeNull();
    expect(within(sheet()).getByText(/^No codes yet/)).toBeTruthy();
  });
});
