// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportOutcome, OptionsClient, PickedFile } from '../../../components/options/model';
import { OptionsApp } from '../../../components/options/OptionsApp';
import { CodeSetError } from '../../../utils/codes/errors';
import type { AssetHeader } from '../../../utils/codes/types';
import type { CodesetStatus, LoadProgressSummary, VersionSummary } from '../../../utils/messaging';
import { versionSummary } from '../../helpers/versions';

afterEach(cleanup);

const SETTINGS = { pollMs: 10, today: '2026-11-22' };

const codes2027: VersionSummary = versionSummary({ sources: ['icd10cm_order_2027.reconstructed.txt.gz'] });
const tabular2027: VersionSummary = {
  ...codes2027,
  assetId: 'icd10cm-tabular-2027',
  kind: 'tabular',
  contentYear: 2021,
  count: 45_335,
  stats: { nodes: 45_335, notes: 23_404 },
  sources: ['icd10cm_tabular_2021.xml.gz'],
};
const hcpcs2026: VersionSummary = {
  ...codes2027,
  assetId: 'hcpcs-codes-2026',
  system: 'hcpcs',
  fiscalYear: 2026,
  contentYear: 2026,
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-12-31',
  count: 8_623,
  stats: { billable: 8_623, headers: 0 },
  sources: ['hcpcs_level2_2026_jan.csv'],
  origin: 'imported',
};

const header = (id: string, count: number) => ({ id, count }) as AssetHeader;

/** A client whose every call is a spy; progress listeners are kept so tests can emit events. */
function mockClient(over: Partial<OptionsClient> = {}) {
  const listeners = new Set<(p: LoadProgressSummary) => void>();
  const ready: CodesetStatus = { state: 'ready', versions: [codes2027, tabular2027, hcpcs2026] };
  const client: OptionsClient = {
    status: vi.fn(async () => ready),
    notifyImported: vi.fn(async () => ready),
    onProgress: vi.fn((listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }),
    recognise: vi.fn(async (files: readonly PickedFile[]) =>
      files.map((f) => ({ name: f.name, kind: 'cm-order' as const, year: 2027, skipped: false })),
    ),
    importCodeSets: vi.fn(
      async (): Promise<ImportOutcome> => ({ assets: [header('icd10cm-codes-2027', 11)], skipped: ['icd10cm_codes_2027.txt'] }),
    ),
    importCpt: vi.fn(async (_text, opts): Promise<ImportOutcome> => ({ assets: [header(`cpt-codes-${opts.year}`, 2)], skipped: [] })),
    ...over,
  };
  return {
    client,
    emit: (p: LoadProgressSummary) => {
      for (const listener of listeners) listener(p);
    },
  };
}

function pick(input: HTMLElement, files: File[]) {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  fireEvent.change(input);
}

describe('Code sets', () => {
  it('lists the active versions with year, content year, counts, sources and origin', async () => {
    const { client } = mockClient();
    render(<OptionsApp client={client} settings={SETTINGS} />);
    const table = await screen.findByRole('table', { name: 'Active code-set versions' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((r) => r.textContent)).toEqual([
      'ICD-10-CMCode listFY202798,40374,879 billable · 23,524 headersicd10cm_order_2027.reconstructed.txt.gzbundled',
      'ICD-10-CMTabular list notes (notes from FY2021)FY202745,33545,335 nodes · 23,404 notesicd10cm_tabular_2021.xml.gzbundled',
      'HCPCS Level IICode listCY20268,6238,623 billable · 0 headershcpcs_level2_2026_jan.csvimported',
    ]);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows a progress bar while the background loads, follows progress events, and polls until ready', async () => {
    const loading: CodesetStatus = { state: 'loading', versions: [], progress: { done: 3, total: 10, assetId: 'icd10cm-codes-2027' } };
    let answers = 0;
    const { client, emit } = mockClient({
      // Loading for the first three polls, then ready.
      status: vi.fn(async () => (++answers <= 3 ? loading : { state: 'ready' as const, versions: [codes2027] })),
    });
    render(<OptionsApp client={client} settings={{ ...SETTINGS, pollMs: 30 }} />);

    const bar = await screen.findByRole('progressbar', { name: /Loading code sets: 3 of 10 parts/ });
    expect(bar.getAttribute('value')).toBe('3');
    emit({ done: 7, total: 10, assetId: 'icd10cm-tabular-2027' });
    await waitFor(() => expect(screen.getByRole('progressbar').getAttribute('value')).toBe('7'));
    expect(screen.getByText('Loading code sets: 7 of 10 parts (icd10cm-tabular-2027)')).toBeTruthy();

    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull(), { timeout: 2000 });
    expect(await screen.findByRole('table')).toBeTruthy();
    expect(answers).toBeGreaterThanOrEqual(4);
  });

  it('shows a load error from the background in the alert region', async () => {
    const { client } = mockClient({
      status: vi.fn(async () => ({ state: 'error' as const, versions: [], error: 'Loading code sets failed: disk full' })),
    });
    render(<OptionsApp client={client} settings={SETTINGS} />);
    const section = screen.getByRole('region', { name: 'Code sets' });
    await waitFor(() => expect(within(section).getByRole('alert').textContent).toBe('Loading code sets failed: disk full'));
  });

  it('says so when the background does not answer', async () => {
    const { client } = mockClient({ status: vi.fn(async () => Promise.reject(new Error('No reply to "codesets/status"'))) });
    render(<OptionsApp client={client} settings={SETTINGS} />);
    const section = screen.getByRole('region', { name: 'Code sets' });
    await waitFor(() => expect(within(section).getByRole('alert').textContent).toMatch(/Could not read the code-set status: No reply/));
  });
});

describe('Import code set', () => {
  it('shows what was recognised, imports, lists the result and tells the background', async () => {
    const { client } = mockClient();
    render(<OptionsApp client={client} settings={SETTINGS} />);
    const section = screen.getByRole('region', { name: 'Import code set' });
    const order = new File(['00001 E11     0 Type 2 diabetes mellitus'], 'icd10cm_order_2027.txt');

    pick(within(section).getByLabelText(/Code-set files/), [order]);
    expect(await within(section).findByText('icd10cm_order_2027.txt: ICD-10-CM order file (code list), FY2027')).toBeTruthy();

    fireEvent.change(within(section).getByLabelText('Fiscal year'), { target: { value: '2027' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Import' }));

    const status = within(section).getByRole('status');
    await waitFor(() => expect(status.textContent).toContain('Imported 1 code set:'));
    expect(status.textContent).toContain('icd10cm-codes-2027: 11 records');
    expect(status.textContent).toContain('Skipped (not code-set files): icd10cm_codes_2027.txt');
    expect(client.importCodeSets).toHaveBeenCalledWith([order], expect.objectContaining({ fiscalYear: 2027 }));
    expect(client.notifyImported).toHaveBeenCalledWith(['icd10cm-codes-2027']);
    expect(within(section).getByRole('alert').textContent).toBe('');
  });

  it('shows the import error, naming file and line, in the alert region', async () => {
    const error = new CodeSetError('icd10cm_order_2027.txt', 3, 'not an order-file line (flag in column 15 is "X", not 0 or 1)');
    const { client } = mockClient({ importCodeSets: vi.fn(async () => Promise.reject(error)) });
    render(<OptionsApp client={client} settings={SETTINGS} />);
    const section = screen.getByRole('region', { name: 'Import code set' });

    pick(within(section).getByLabelText(/Code-set files/), [new File(['x'], 'icd10cm_order_2027.txt')]);
    fireEvent.click(within(section).getByRole('button', { name: 'Import' }));

    await waitFor(() =>
      expect(within(section).getByRole('alert').textContent).toBe(
        'icd10cm_order_2027.txt, line 3: not an order-file line (flag in column 15 is "X", not 0 or 1)',
      ),
    );
    expect(client.notifyImported).not.toHaveBeenCalled();
  });

  it('shows progress while importing', async () => {
    let finish: (o: ImportOutcome) => void = () => {};
    const { client } = mockClient({
      importCodeSets: vi.fn((_files, opts) => {
        opts.onProgress?.({ stage: 'parsing', done: 1, total: 4, item: 'icd10cm_index_2017.xml' });
        return new Promise<ImportOutcome>((resolve) => {
          finish = resolve;
        });
      }),
    });
    render(<OptionsApp client={client} settings={SETTINGS} />);
    const section = screen.getByRole('region', { name: 'Import code set' });
    pick(within(section).getByLabelText(/Code-set files/), [new File(['x'], 'release.zip')]);
    fireEvent.click(within(section).getByRole('button', { name: 'Import' }));

    const bar = await within(section).findByRole('progressbar', { name: 'Checking icd10cm_index_2017.xml (1 of 4)' });
    expect(bar.getAttribute('max')).toBe('4');
    expect((within(section).getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);
    finish({ assets: [], skipped: [] });
    await waitFor(() => expect(within(section).queryByRole('progressbar')).toBeNull());
  });

  it('keeps the Import button disabled until files are chosen', () => {
    const { client } = mockClient();
    render(<OptionsApp client={client} settings={SETTINGS} />);
    const section = screen.getByRole('region', { name: 'Import code set' });
    expect((within(section).getByRole('button', { name: 'Import' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('Import CPT (licensed)', () => {
  const TSV = 'Descriptor\tCode\tOther\nSynthetic descriptor one\t99213\t0001U\nSynthetic descriptor two\t99214\t0002U\n';

  async function chooseCpt(client: OptionsClient) {
    render(<OptionsApp client={client} settings={SETTINGS} />);
    const section = screen.getByRole('region', { name: 'Import CPT (licensed)' });
    pick(within(section).getByLabelText(/CPT file/), [new File([TSV], 'cpt.tsv')]);
    await within(section).findByRole('table', { name: /First rows of cpt\.tsv \(tab-separated\)/ });
    return section;
  }

  it('says whose CPT is and that the file stays on this machine', () => {
    const { client } = mockClient();
    render(<OptionsApp client={client} settings={SETTINGS} />);
    const section = screen.getByRole('region', { name: 'Import CPT (licensed)' });
    expect(section.textContent).toMatch(/American Medical Association/);
    expect(section.textContent).toMatch(/licensed to use/);
    expect(section.textContent).toMatch(/stays in this browser on this machine/);
  });

  it('previews the file and guesses the columns and header', async () => {
    const { client } = mockClient();
    const section = await chooseCpt(client);
    expect((within(section).getByLabelText('Code column') as HTMLSelectElement).value).toBe('1');
    expect((within(section).getByLabelText('Descriptor column') as HTMLSelectElement).value).toBe('0');
    expect((within(section).getByLabelText('First row is a header') as HTMLInputElement).checked).toBe(true);
    expect(within(section).getAllByRole('row')).toHaveLength(4);
  });

  it('imports with the columns the user picked', async () => {
    const { client } = mockClient();
    const section = await chooseCpt(client);
    fireEvent.click(within(section).getByRole('button', { name: 'Import CPT' }));
    await waitFor(() => expect(client.importCpt).toHaveBeenCalledTimes(1));
    expect(vi.mocked(client.importCpt).mock.calls[0]?.[1]).toMatchObject({
      codeColumn: 1,
      descriptorColumn: 0,
      hasHeader: true,
      file: 'cpt.tsv',
      year: 2026,
    });

    fireEvent.change(within(section).getByLabelText('Code column'), { target: { value: '2' } });
    fireEvent.input(within(section).getByLabelText('Year the codes apply to (calendar year)'), { target: { value: '2027' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Import CPT' }));
    await waitFor(() => expect(client.importCpt).toHaveBeenCalledTimes(2));
    expect(vi.mocked(client.importCpt).mock.calls[1]?.[0]).toBe(TSV);
    expect(vi.mocked(client.importCpt).mock.calls[1]?.[1]).toMatchObject({ codeColumn: 2, descriptorColumn: 0, year: 2027 });
    expect(await within(section).findByText(/Imported/)).toBeTruthy();
    expect(within(section).getByRole('status').textContent).toContain('cpt-codes-2027: 2 codes');
    expect(client.notifyImported).toHaveBeenLastCalledWith(['cpt-codes-2027']);
  });

  it('shows a refused CPT file in the alert region', async () => {
    const { client } = mockClient({
      importCpt: vi.fn(async () => Promise.reject(new CodeSetError('cpt.tsv', 2, '"Synthetic descriptor one" is not a CPT code'))),
    });
    const section = await chooseCpt(client);
    fireEvent.change(within(section).getByLabelText('Code column'), { target: { value: '0' } });
    fireEvent.change(within(section).getByLabelText('Descriptor column'), { target: { value: '1' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Import CPT' }));
    await waitFor(() =>
      expect(within(section).getByRole('alert').textContent).toBe('cpt.tsv, line 2: "Synthetic descriptor one" is not a CPT code'),
    );
    expect(vi.mocked(client.importCpt).mock.calls[0]?.[1]).toMatchObject({ codeColumn: 0, descriptorColumn: 1 });
  });
});
