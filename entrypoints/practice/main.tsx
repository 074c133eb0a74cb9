import { render } from 'preact';
import { browser } from 'wxt/browser';
import { createExtensionPracticeClient } from '../../components/practice/client';
import { createDownloader } from '../../components/practice/download';
import { PracticeApp } from '../../components/practice/PracticeApp';
import { createStorageProgressStore } from '../../components/practice/storage';
import { createExtensionSearchClient } from '../../components/sidepanel/client';
// The search components are the side panel's: their look comes with them.
import '../sidepanel/style.css';
import './style.css';

// Mounts only: the clients wire messaging and storage; the model and components do the rest.
const sendMessage = (message: unknown) => browser.runtime.sendMessage(message);
const search = createExtensionSearchClient({
  sendMessage,
  addMessageListener: (listener) => {
    const onMessage = (message: unknown) => {
      listener(message);
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  },
});
const practice = createExtensionPracticeClient({ sendMessage });
const store = createStorageProgressStore(browser.storage.local);

const root = document.getElementById('app');
if (root) render(<PracticeApp search={search} practice={practice} store={store} saveFile={createDownloader(document)} />, root);
