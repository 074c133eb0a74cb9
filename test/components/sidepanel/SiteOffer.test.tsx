// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sitesMessages } from '../../../components/options/sites-model';
import { createMockAnalysisClient, MOCK_EMPTY_REASON, MOCK_PAGE } from '../../../components/sidepanel/mock-analysis-client';
import { SidePanelApp } from '../../../components/sidepanel/SidePanelApp';
import { type SiteAccessClient, siteAccessMessages } from '../../../components/sidepanel/site-access-model';
import { mockSearchClient, PANEL_TODAY } from '../../helpers/sidepanel';

afterEach(cleanup);

const SETTINGS = { today: PANEL_TODAY, debounceMs: 20, pollMs: 20 };

/** `active: null`: the panel cannot see the active tab's URL. */
function siteClient({ active = 'https://ehr.example.test' as string | null, enabled = [] as string[], granted = true } = {}) {
  let origins = [...enabled];
  const client: SiteAccessClient = {
    activeOrigin: vi.fn(async () => active ?? undefined),
    list: vi.fn(async () => [...origins]),
    requestAccess: vi.fn(async () => granted),
    enable: vi.fn(async (origin: string) => {
      origins = [...origins, origin];
      return { origins: [...origins], injectedTabs: 1 };
    }),
    openSiteSettings: vi.fn(async () => undefined),
  };
  return client;
}

function setup(sites: SiteAccessClient) {
  const mock = createMockAnalysisClient({ page: null });
  render(<SidePanelApp client={mockSearchClient()} analysis={mock.client} sites={sites} settings={SETTINGS} />);
  fireEvent.click(screen.getByRole('tab', { name: 'Suggestions' }));
  return mock;
}

describe('the side panel with no note from the active tab', () => {
  it('offers to read notes on the active tab’s site; one click enables it and the note is read at once', async () => {
    const sites = siteClient();
    const mock = setup(sites);
    expect(await screen.findByText(MOCK_EMPTY_REASON)).toBeTruthy();
    const button = await screen.findByRole('button', { name: siteAccessMessages.enable('https://ehr.example.test') });
    expect(button.getAttribute('aria-describedby')).toBe('site-offer-help');
    const reads = mock.calls.current.length;
    // The reader starts in the open tab once the site is enabled: the page now has its note.
    vi.mocked(sites.enable).mockImplementationOnce(async (origin) => {
      mock.setPage(MOCK_PAGE);
      return { origins: [origin], injectedTabs: 1 };
    });
    fireEvent.click(button);
    expect(sites.requestAccess).toHaveBeenCalledWith('https://ehr.example.test');
    await waitFor(() => expect(document.querySelectorAll('#tabpanel-suggestions .suggestion-code').length).toBeGreaterThan(0));
    expect(sites.enable).toHaveBeenCalledWith('https://ehr.example.test');
    expect(mock.calls.current.length).toBeGreaterThan(reads);
    expect(screen.queryByText(MOCK_EMPTY_REASON)).toBeNull();
  });

  it('says when the browser refused, and keeps the offer', async () => {
    const sites = siteClient({ granted: false });
    setup(sites);
    fireEvent.click(await screen.findByRole('button', { name: siteAccessMessages.enable('https://ehr.example.test') }));
    expect((await screen.findByRole('alert')).textContent).toBe(sitesMessages.refused('https://ehr.example.test'));
    expect(sites.enable).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: siteAccessMessages.enable('https://ehr.example.test') })).toBeTruthy();
  });

  it('when the site is read already, says to open or reload the note (no button)', async () => {
    setup(siteClient({ enabled: ['https://ehr.example.test'] }));
    expect(await screen.findByText(siteAccessMessages.enabledHelp('https://ehr.example.test'))).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Read notes on/ })).toBeNull();
  });

  it('when the panel cannot see the tab’s site, opens the options page’s EHR sites section', async () => {
    const sites = siteClient({ active: null });
    setup(sites);
    fireEvent.click(await screen.findByRole('button', { name: siteAccessMessages.options }));
    expect(sites.openSiteSettings).toHaveBeenCalledTimes(1);
    expect(sites.requestAccess).not.toHaveBeenCalled();
  });

  it('offers nothing while a note is shown', async () => {
    const sites = siteClient();
    const mock = createMockAnalysisClient();
    render(<SidePanelApp client={mockSearchClient()} analysis={mock.client} sites={sites} settings={SETTINGS} />);
    await waitFor(() => expect(document.querySelectorAll('#tabpanel-suggestions .suggestion-code').length).toBeGreaterThan(0));
    expect(screen.queryByRole('button', { name: /^Read notes on/ })).toBeNull();
    expect(sites.activeOrigin).not.toHaveBeenCalled();
  });
});
