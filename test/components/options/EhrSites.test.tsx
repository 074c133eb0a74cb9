// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OptionsClient } from '../../../components/options/model';
import { OptionsApp } from '../../../components/options/OptionsApp';
import { type SitesClient, sitesMessages } from '../../../components/options/sites-model';

afterEach(cleanup);

const optionsClient: OptionsClient = {
  status: async () => ({ state: 'ready', versions: [] }),
  notifyImported: async () => ({ state: 'ready', versions: [] }),
  onProgress: () => () => undefined,
  recognise: async () => [],
  importCodeSets: async () => ({ assets: [], skipped: [] }),
  importCpt: async () => ({ assets: [], skipped: [] }),
};

function sitesClient({ granted = true, enabled = [] as string[] } = {}) {
  let origins = [...enabled];
  const client: SitesClient = {
    list: vi.fn(async () => [...origins]),
    requestAccess: vi.fn(async () => granted),
    enable: vi.fn(async (origin: string) => {
      origins = [...origins, origin];
      return { origins: [...origins], injectedTabs: 1 };
    }),
    disable: vi.fn(async (origin: string) => {
      origins = origins.filter((o) => o !== origin);
      return { origins: [...origins] };
    }),
  };
  return client;
}

const section = () => screen.getByRole('region', { name: 'EHR sites' });
const field = () => screen.getByLabelText('Address of an EHR page') as HTMLInputElement;

describe('the options page’s EHR sites', () => {
  it('lists the enabled sites with a labelled "Stop reading" button each', async () => {
    render(<OptionsApp client={optionsClient} sites={sitesClient({ enabled: ['https://a.example', 'http://127.0.0.1:5173'] })} />);
    const list = await screen.findByRole('list', { name: 'Sites Chartcode reads' });
    expect(within(list).getAllByRole('listitem').map((li) => li.querySelector('.site-origin')?.textContent)).toEqual([
      'https://a.example',
      'http://127.0.0.1:5173',
    ]);
    expect(within(list).getByRole('button', { name: 'Stop reading http://127.0.0.1:5173' })).toBeTruthy();
  });

  it('says when no site is enabled', async () => {
    render(<OptionsApp client={optionsClient} sites={sitesClient()} />);
    expect(await within(section()).findByText(sitesMessages.none)).toBeTruthy();
  });

  it('enables a typed address on submit (Enter in the field): permission, then the background, then listed', async () => {
    const client = sitesClient();
    render(<OptionsApp client={optionsClient} sites={client} />);
    await screen.findByText(sitesMessages.none);
    fireEvent.input(field(), { target: { value: 'https://ehr.example.org/chart?mrn=1' } });
    fireEvent.submit(field().closest('form') as HTMLFormElement);
    expect(client.requestAccess).toHaveBeenCalledWith('https://ehr.example.org');
    const status = await within(section()).findByRole('status');
    await waitFor(() => expect(status.textContent).toBe(sitesMessages.enabled('https://ehr.example.org', 1)));
    expect(client.enable).toHaveBeenCalledWith('https://ehr.example.org');
    const list = screen.getByRole('list', { name: 'Sites Chartcode reads' });
    expect(list.textContent).toContain('https://ehr.example.org');
    expect(list.textContent).not.toContain('mrn');
    expect(field().value).toBe('');
  });

  it('explains an address that is not http(s) in an alert, marks and focuses the field, asks nothing', async () => {
    const client = sitesClient();
    render(<OptionsApp client={optionsClient} sites={client} />);
    fireEvent.input(field(), { target: { value: 'ehr.example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    expect((await within(section()).findByRole('alert')).textContent).toBe(sitesMessages.notWeb('ehr.example.org'));
    expect(field().getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(field()));
    expect(client.requestAccess).not.toHaveBeenCalled();
  });

  it('says when the browser refused the permission', async () => {
    const client = sitesClient({ granted: false });
    render(<OptionsApp client={optionsClient} sites={client} />);
    fireEvent.input(field(), { target: { value: 'https://ehr.example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    expect((await within(section()).findByRole('alert')).textContent).toBe(sitesMessages.refused('https://ehr.example.org'));
    expect(client.enable).not.toHaveBeenCalled();
  });

  it('stops reading a site', async () => {
    const client = sitesClient({ enabled: ['https://a.example'] });
    render(<OptionsApp client={optionsClient} sites={client} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Stop reading https://a.example' }));
    expect(await screen.findByText(sitesMessages.disabled('https://a.example'))).toBeTruthy();
    expect(client.disable).toHaveBeenCalledWith('https://a.example');
    expect(screen.queryByRole('list', { name: 'Sites Chartcode reads' })).toBeNull();
    expect(screen.getByText(sitesMessages.none)).toBeTruthy();
  });

  it('shows a typed address as text, never markup', async () => {
    render(<OptionsApp client={optionsClient} sites={sitesClient()} />);
    const hostile = '<img src=x onerror=alert(1)>';
    fireEvent.input(field(), { target: { value: hostile } });
    fireEvent.click(screen.getByRole('button', { name: 'Enable' }));
    expect((await within(section()).findByRole('alert')).textContent).toContain(hostile);
    expect(section().querySelector('img')).toBeNull();
  });

  it('without a sites client there is no EHR sites section', async () => {
    render(<OptionsApp client={optionsClient} />);
    await screen.findByRole('heading', { name: 'Chartcode options' });
    expect(screen.queryByRole('region', { name: 'EHR sites' })).toBeNull();
  });
});
