import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createExtensionSearchClient } from '../../components/sidepanel/client';
import { createExtensionClients } from '../../components/sidepanel/extension-analysis-client';
import { SidePanelApp } from '../../components/sidepanel/SidePanelApp';
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
  writeClipboard: (text) => navigator.clipboard.writeText(text),
  // Only when the user presses "Export CSV": a download of the query log (no note text in it).
  saveFile: async (name, text, type) => {
    const url = URL.createObjectURL(new Blob([text], { type }));
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
});

const root = document.getElementById('app');
if (root) render(<SidePanelApp client={client} analysis={analysis} cdi={cdi} />, root);
