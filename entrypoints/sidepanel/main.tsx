import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createExtensionSearchClient } from '../../components/sidepanel/client';
import { createExtensionAnalysisClient } from '../../components/sidepanel/extension-analysis-client';
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
const analysis = createExtensionAnalysisClient({
  ...messaging,
  activeTabId: async () => (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id,
  onTabActivated: (listener) => {
    const onActivated = () => listener();
    browser.tabs.onActivated.addListener(onActivated);
    return () => browser.tabs.onActivated.removeListener(onActivated);
  },
  writeClipboard: (text) => navigator.clipboard.writeText(text),
});

const root = document.getElementById('app');
if (root) render(<SidePanelApp client={client} analysis={analysis} />, root);
