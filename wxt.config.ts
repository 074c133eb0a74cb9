import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// See ../shared/RECIPES.md: WXT has no Preact module, so the Vite preset is added here.
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ browser }) => ({
    name: 'Chartcode',
    description:
      'Offline ICD-10-CM / ICD-10-PCS / HCPCS coding and CDI assistant beside your web EHR. Patient text never leaves the browser.',
    // 'scripting' registers the EHR reader at runtime for the sites the user enables (utils/ehr-sites/sites.ts).
    // clipboardWrite: the worksheet's "Copy as text / CSV" (codes and titles only).
    // activeTab: the toolbar button opens the panel through action.onClicked, which grants it for the clicked
    // tab, so the panel can see that tab's site and offer "Read notes on …" (utils/toolbar/open-panel.ts).
    permissions: ['storage', 'unlimitedStorage', 'scripting', 'clipboardWrite', 'activeTab'],
    // Nothing is granted at install: the user enables each EHR site, and only then is its host asked for.
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    // The toolbar button opens the side panel (Chrome) or toggles the sidebar (Firefox); see background.ts.
    action: { default_title: 'Open Chartcode' },
    // Alt+Shift+C opens the panel (the action opens the side panel in Chrome, toggles the sidebar in Firefox).
    commands: { _execute_action: { suggested_key: { default: 'Alt+Shift+C' }, description: 'Open the Chartcode panel' } },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'chartcode@chartcode.dev',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            // Android gained data_collection_permissions in 142.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
