import { render } from 'preact';
import { browser } from 'wxt/browser';
import {
  createExtensionCcMccClient,
  createExtensionOptionsClient,
  createExtensionSitesClient,
} from '../../components/options/extension-client';
import { OptionsApp } from '../../components/options/OptionsApp';
import { type ChartcodeDB, openChartcodeDb } from '../../utils/db/schema';
import './style.css';

// Mounts only: the client wires messaging and the database; the components do the rest.
let db: ChartcodeDB | undefined;
const client = createExtensionOptionsClient({
  sendMessage: (message) => browser.runtime.sendMessage(message),
  addMessageListener: (listener) => {
    const onMessage = (message: unknown) => {
      listener(message);
    };
    browser.runtime.onMessage.addListener(onMessage);
    return () => browser.runtime.onMessage.removeListener(onMessage);
  },
  db: () => {
    db ??= openChartcodeDb();
    return db;
  },
});

const ccMcc = createExtensionCcMccClient({ sendMessage: (message) => browser.runtime.sendMessage(message) });
const sites = createExtensionSitesClient({ sendMessage: (message) => browser.runtime.sendMessage(message), permissions: browser.permissions });

const root = document.getElementById('app');
if (root) render(<OptionsApp client={client} ccMcc={ccMcc} sites={sites} />, root);
