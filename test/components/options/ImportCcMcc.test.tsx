// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import type { CcMccClient, PickedTextFile } from '../../../components/options/cc-mcc-model';
import { ccMccUiMessages } from '../../../components/options/cc-mcc-model';
import type { OptionsClient } from '../../../components/options/model';
import { OptionsApp } from '../../../components/options/OptionsApp';
import { CdiService } from '../../../utils/cdi-service';
import type { CodesetStatus } from '../../../utils/messaging';
import { freshDbEnv } from '../../helpers/db';

afterEach(cleanup);

const READY: CodesetStatus = { state: 'ready', versions: [] };
const OPTIONS: OptionsClient = {
  status: async () => READY,
  notifyImported: async () => READY,
  onProgress: () => () => undefined,
  onChanged: () => () => undefined,
  recognise: async () => ({ recognised: [], unrecognised: [] }),
  importCodeSets: async () => ({ assets: [], skipped: [] }),
  previewCpt: async () => ({ rows: [], columnCount: 0, delimiter: ',' }),
  importCpt: async () => ({ assets: [], skipped: [] }),
} as unknown as OptionsClient;

/** The real background service over fake IndexedDB, behind the client interface. */
function serviceClient(): CcMccClient {
  const service = new CdiService(freshDbEnv().open(), { analyzeText: async () => undefined }, async () => undefined, undefined, () => '2026-11-22');
  return {
    status: () => service.ccMccStatus(),
    importList: (text, source, format) => service.importCcMcc(text, source, format),
    clear: () => service.clearCcMcc(),
  };
}

function file(name: string, text: string, size = text.length): PickedTextFile & File {
  return { name, size, text: async () => text } as unknown as PickedTextFile & File;
}

function pick(input: HTMLElement, picked: File) {
  Object.defineProperty(input, 'files', { value: [picked], configurable: true });
  fireEvent.change(input);
}

describe('options page: CC/MCC import', () => {
  it('says no list is imported, imports an MCC table then a CC table, and removes them', async () => {
    render(<OptionsApp client={OPTIONS} ccMcc={serviceClient()} settings={{ today: '2026-11-22' }} />);
    await waitFor(() => expect(screen.getByText(ccMccUiMessages.none)).toBeTruthy());

    pick(screen.getByLabelText(/CC\/MCC file/), file('table-6i.txt', 'Diagnosis Code\tDescription\nN17.0\tAcute kidney failure with tubular necrosis\n'));
    fireEvent.click(screen.getByLabelText(/A list of MCC codes/));
    fireEvent.click(screen.getByRole('button', { name: 'Import CC/MCC list' }));
    await waitFor(() => expect(document.getElementById('cc-mcc-message')?.textContent).toContain('1 codes from table-6i.txt, imported 2026-11-22'));

    pick(screen.getByLabelText(/CC\/MCC file/), file('table-6j.txt', 'N17.9\tAcute kidney failure, unspecified\n'));
    fireEvent.click(screen.getByLabelText(/A list of CC codes/));
    fireEvent.click(screen.getByRole('button', { name: 'Import CC/MCC list' }));
    await waitFor(() => expect(document.getElementById('cc-mcc-current')?.textContent).toBe('2 codes from table-6i.txt; table-6j.txt, imported 2026-11-22.'));

    fireEvent.click(screen.getByRole('button', { name: 'Remove the list' }));
    await waitFor(() => expect(document.getElementById('cc-mcc-current')?.textContent).toBe(ccMccUiMessages.none));
  });

  it('shows the line of a bad file, and the list imported before stays', async () => {
    render(<OptionsApp client={OPTIONS} ccMcc={serviceClient()} settings={{ today: '2026-11-22' }} />);
    const input = await screen.findByLabelText(/CC\/MCC file/);
    pick(input, file('good.csv', 'code,cc_mcc\nN17.9,CC\n'));
    fireEvent.click(screen.getByRole('button', { name: 'Import CC/MCC list' }));
    await waitFor(() => expect(document.getElementById('cc-mcc-current')?.textContent).toContain('1 codes from good.csv'));

    pick(input, file('bad.csv', 'code,cc_mcc\nN17.9,CC\nJ96.01,sometimes\n'));
    fireEvent.click(screen.getByRole('button', { name: 'Import CC/MCC list' }));
    await waitFor(() => expect(document.getElementById('cc-mcc-message')?.textContent).toBe(ccMccUiMessages.failed('line 3: "sometimes" is neither CC nor MCC')));
    expect(document.getElementById('cc-mcc-current')?.textContent).toContain('1 codes from good.csv');
  });

  it('refuses an oversized file before reading it', async () => {
    render(<OptionsApp client={OPTIONS} ccMcc={serviceClient()} settings={{ today: '2026-11-22' }} />);
    const input = await screen.findByLabelText(/CC\/MCC file/);
    const huge = file('huge.csv', '', 6_000_000);
    huge.text = async () => {
      throw new Error('must not be read');
    };
    pick(input, huge);
    fireEvent.click(screen.getByRole('button', { name: 'Import CC/MCC list' }));
    await waitFor(() => expect(document.getElementById('cc-mcc-message')?.textContent).toBe(ccMccUiMessages.tooLarge('huge.csv', 6_000_000)));
  });
});
