/**
 * When the panel has no note from the active tab: offer to read notes on that tab's site, or, when
 * the panel cannot know the site, a way to the options page's "EHR sites" section. It talks to a
 * `SiteAccessClient` (tabs, permissions and the 'ehr/*' messages in the extension, a fake in tests),
 * never to `browser.*`.
 *
 * What the panel can know: a tab's URL is visible to the extension only for hosts it already has
 * access to, and for the tab the toolbar button was clicked on (activeTab, utils/toolbar/open-panel.ts).
 * When the panel was opened otherwise (it stayed open while the user changed tabs), on a site never
 * enabled it does not know the origin and links to the options page.
 * Only the origin is kept, never the rest of the URL (URLs can carry patient ids).
 */
import { createModel, signal } from '@preact/signals';
import { enableOrigin, type SitesClient, type SitesMessage } from '../options/sites-model';

export interface SiteAccessClient extends Pick<SitesClient, 'list' | 'requestAccess' | 'enable'> {
  /** The http(s) origin of the active tab when the browser lets the panel see it, else undefined. */
  activeOrigin(): Promise<string | undefined>;
  /** Open the options page at its "EHR sites" section. */
  openSiteSettings(): Promise<void>;
}

export type SiteOffer =
  /** The active tab's site is not read: one click enables it. */
  | { kind: 'enable'; origin: string }
  /** The active tab's site is read already (no note found on the page). */
  | { kind: 'enabled'; origin: string }
  /** The panel cannot see the active tab's site: the options page can add it. */
  | { kind: 'options' };

export const siteAccessMessages = {
  enable: (origin: string) => `Read notes on ${origin}`,
  enableHelp: 'Chartcode reads nothing on this site yet. Enabling asks the browser for access to it; the note stays in the browser.',
  enabledHelp: (origin: string) =>
    `Chartcode reads ${origin}. No note was found in this tab: open the note, reload the page, or select its text.`,
  options: 'Choose the EHR site to read',
  optionsHelp: 'Add the address of your EHR on the options page, then open a note there.',
  openFailed: (why: string) => `Could not open the options page: ${why}`,
} as const;

/** What to offer for the active tab's origin (if the panel can see it) and the enabled origins. */
export function deriveSiteOffer(activeOrigin: string | undefined, enabled: readonly string[]): SiteOffer {
  if (activeOrigin === undefined) return { kind: 'options' };
  return enabled.includes(activeOrigin) ? { kind: 'enabled', origin: activeOrigin } : { kind: 'enable', origin: activeOrigin };
}

/** Where the panel cannot enable sites (no client wired): nothing is offered. */
export const NO_SITE_ACCESS: SiteAccessClient = {
  activeOrigin: async () => undefined,
  list: async () => [],
  requestAccess: async () => false,
  enable: async () => Promise.reject(new Error('Enabling sites is not available here.')),
  openSiteSettings: async () => Promise.reject(new Error('The options page is not available here.')),
};

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const SiteAccessModel = createModel((client: SiteAccessClient) => {
  /** Undefined until the first refresh. */
  const offer = signal<SiteOffer | undefined>(undefined);
  const busy = signal(false);
  const message = signal<SitesMessage | undefined>(undefined);
  let seq = 0;

  return {
    offer,
    busy,
    message,

    /** Ask again which tab is active and what is enabled (the panel shows no note). */
    async refresh() {
      const id = ++seq;
      const [active, enabled] = await Promise.all([
        client.activeOrigin().catch(() => undefined),
        client.list().catch(() => [] as string[]),
      ]);
      if (id !== seq) return;
      offer.value = deriveSiteOffer(active, enabled);
    },

    /**
     * From the button's click: the permission is requested before anything is awaited. `onEnabled`
     * runs once the background registered the reader (the panel reads the note then).
     */
    enable(origin: string, onEnabled?: () => void): Promise<boolean> {
      if (busy.value) return Promise.resolve(false);
      busy.value = true;
      message.value = undefined;
      return enableOrigin(client, origin).then((outcome) => {
        busy.value = false;
        message.value = outcome.message;
        if (!outcome.ok) return false;
        seq++; // a refresh still on its way would show the old offer
        offer.value = deriveSiteOffer(origin, outcome.origins);
        onEnabled?.();
        return true;
      });
    },

    async openSettings() {
      try {
        await client.openSiteSettings();
      } catch (error) {
        message.value = { tone: 'error', text: siteAccessMessages.openFailed(errorText(error)) };
      }
    },
  };
});

export type SiteAccessModel = InstanceType<typeof SiteAccessModel>;
