import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createExtensionSearchClient } from '../../components/sidepanel/client';
import { SidePanelApp } from '../../components/sidepanel/SidePanelApp';
import './style.css';

// Mounts only: the client wires messaging; the model and components do the rest.
const client = createExtensionSearchClient({
  sendMessage: (message) => browser.runtime.sendMessage(message),
  addMessageListener: (listener) => {
    const onMessage = (message: unknown) => {
      listener(message);
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  },
});

const root = document.getElementById('app');
if (root) render(<SidePanelApp client={client} />, root);
