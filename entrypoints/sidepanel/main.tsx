import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createExtensionSitesClient } from '../../components/options/extension-client';
import { createExtensionSearchClient } from '../../components/sidepanel/client';
import { createExtensionClients } from '../../components/sidepanel/extension-analysis-client';
import { SidePanelApp } from '../../components/sidepanel/SidePanelApp';
import type { SiteAccessClient } from '../../components/sidepanel/site-access-model';
import { SITES_STORAGE_KEY, siteOrigin } from '../../utils/ehr-sites/sites';
import './style.css';

// Mounts only: the clients wire messaging; the models and components do the rest.
const messaging = {
  sendMessage: (message: unknown) => browser.runtime.sendMessage(message),
  addMessageListener: (listener: (message: unknown) => void) => {
    const onMessage = (message: unknown) => {
      listener(message);
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  },
};
const client = createExtensionSearchClient(messaging);
const { analysis, cdi } = createExtensionClients({
  ...messaging,
  activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  onTabActivated: (listener) => {
    const onActivated = () => listener();
    browser.tabs.onActivated.addListener(onActivated);
    return () => browser.tabs.onActivated.removeListener(onActivated);
  },
  // Enabled or disabled (here or on the options page): the panel reads the tab again, or drops its note.
  onSitesChanged: (listener) => {
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SITES_STORAGE_KEY in changes) listener();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  },
  writeClipboard: (text) => navigator.clipboard.writeText(text),
  // Only when the user presses "Export CSV": a download of the query log (no note text in it).
  saveFile: async (name, text, type) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
});

// The active tab's URL is visible only for hosts Chartcode may already read, or the tab the toolbar button
// was clicked on (activeTab); only its origin is kept.
const sites: SiteAccessClient = {
  ...createExtensionSitesClient({ ...messaging, permissions: browser.permissions }),
  activeOrigin: async () => {
    const url = (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.url;
    return url ? siteOrigin(url) : undefined;
  },
  openSiteSettings: async () => {
    await browser.tabs.create({ url: browser.runtime.getURL('/options.html#ehr-sites' as '/options.html') });
  },
};

const root = document.getElementById('app');
if (root) render(<SidePanelApp client={client} analysis={analysis} cdi={cdi} sites={sites} />, root);
