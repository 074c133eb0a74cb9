/**
 * The options page's "EHR sites" section in one signal model: the origins the user enabled for
 * reading, a field to add one by its web address, and "Stop reading" per origin. It talks to a
 * `SitesClient` (the background's 'ehr/*' messages and `permissions.request` in the extension, a
 * fake in tests), never to `browser.*`.
 *
 * The browser only shows its permission prompt inside a user gesture, so `add` asks for access
 * before its first `await` (the component calls it from the click / submit handler); only then is
 * 'ehr/enable-site' sent (utils/ehr-sites/sites.ts describes the whole flow).
 */
import { createModel, signal } from '@preact/signals';
import { siteOrigin } from '../../utils/ehr-sites/sites';

export interface SitesClient {
  /** The enabled origins ('ehr/sites'). */
  list(): Promise<string[]>;
  /** Ask the browser for the origin's host permission; must run inside the user's click. */
  requestAccess(origin: string): Promise<boolean>;
  /** Register the reader for the origin ('ehr/enable-site'); open tabs of it start reading at once. */
  enable(origin: string): Promise<{ origins: string[]; injectedTabs: number }>;
  /** Stop reading the origin and give its host permission back ('ehr/disable-site'). */
  disable(origin: string): Promise<{ origins: string[] }>;
}

export type SitesMessage = { tone: 'ok' | 'error'; text: string };

export const sitesMessages = {
  none: 'No site is enabled: Chartcode reads no page until you add its site here.',
  listFailed: (why: string) => `Could not read the enabled sites: ${why}`,
  empty: 'Enter the address of the EHR page first, for example https://ehr.example.org.',
  notWeb: (input: string) =>
    `“${input.length > 80 ? `${input.slice(0, 79)}…` : input}” is not a web address Chartcode can read: enter an address that starts with https:// (or http://), for example https://ehr.example.org.`,
  asking: (origin: string) => `Asking the browser for access to ${origin}…`,
  refused: (origin: string) =>
    `The browser did not give access to ${origin}, so it was not enabled. Try again and choose “Allow” when the browser asks.`,
  enabled: (origin: string, injectedTabs: number) =>
    `Chartcode now reads notes on ${origin}. ${
      injectedTabs > 0
        ? `Reading started in ${injectedTabs} open ${injectedTabs === 1 ? 'tab' : 'tabs'}.`
        : 'Open (or reload) a note there and the side panel shows its suggestions.'
    }`,
  enableFailed: (origin: string, why: string) => `${origin} was not enabled: ${why}`,
  disabled: (origin: string) => `Stopped reading ${origin}; its site access was given back to the browser.`,
  disableFailed: (origin: string, why: string) => `Could not stop reading ${origin}: ${why}`,
} as const;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What the address field holds, as the origin to enable or the message saying why not. */
export function deriveSiteInput(input: string): { origin: string } | { error: string } {
  const raw = input.trim();
  if (raw === '') return { error: sitesMessages.empty };
  const origin = siteOrigin(raw);
  return origin ? { origin } : { error: sitesMessages.notWeb(raw) };
}

/**
 * Enable one origin as a click asks: the permission first (synchronously, inside the gesture), then the
 * background. Shared by the options page and the side panel.
 */
export function enableOrigin(
  client: Pick<SitesClient, 'requestAccess' | 'enable'>,
  origin: string,
): Promise<{ ok: true; origins: string[]; message: SitesMessage } | { ok: false; message: SitesMessage }> {
  let asked: Promise<boolean>;
  try {
    asked = client.requestAccess(origin);
  } catch (error) {
    asked = Promise.reject(error);
  }
  return asked.then(
    async (granted) => {
      if (!granted) return { ok: false as const, message: { tone: 'error' as const, text: sitesMessages.refused(origin) } };
      try {
        const reply = await client.enable(origin);
        return { ok: true as const, origins: reply.origins, message: { tone: 'ok' as const, text: sitesMessages.enabled(origin, reply.injectedTabs) } };
      } catch (error) {
        return { ok: false as const, message: { tone: 'error' as const, text: sitesMessages.enableFailed(origin, errorText(error)) } };
      }
    },
    (error) => ({ ok: false as const, message: { tone: 'error' as const, text: sitesMessages.enableFailed(origin, errorText(error)) } }),
  );
}

export const SitesModel = createModel((client: SitesClient) => {
  /** Undefined until the first answer. */
  const origins = signal<readonly string[] | undefined>(undefined);
  const listError = signal<string | undefined>(undefined);
  const input = signal('');
  /** The origin being enabled or disabled, while the browser or the background answers. */
  const pending = signal<string | undefined>(undefined);
  const message = signal<SitesMessage | undefined>(undefined);
  /** Bumped when the address needs fixing: the field takes focus. */
  const inputFocus = signal(0);
  /** The address typed is not one Chartcode can read (until it is edited). */
  const inputInvalid = signal(false);

  return {
    origins,
    listError,
    input,
    pending,
    message,
    inputFocus,
    inputInvalid,

    async load() {
      try {
        origins.value = await client.list();
        listError.value = undefined;
      } catch (error) {
        listError.value = sitesMessages.listFailed(errorText(error));
      }
    },

    setInput(value: string) {
      input.value = value;
      inputInvalid.value = false;
    },

    /** From the click / submit handler: nothing is awaited before the permission request. */
    add(): Promise<void> {
      if (pending.value !== undefined) return Promise.resolve();
      const parsed = deriveSiteInput(input.value);
      if ('error' in parsed) {
        message.value = { tone: 'error', text: parsed.error };
        inputInvalid.value = true;
        inputFocus.value++;
        return Promise.resolve();
      }
      const { origin } = parsed;
      pending.value = origin;
      message.value = { tone: 'ok', text: sitesMessages.asking(origin) };
      return enableOrigin(client, origin).then((outcome) => {
        pending.value = undefined;
        message.value = outcome.message;
        if (outcome.ok) {
          origins.value = outcome.origins;
          input.value = '';
        }
      });
    },

    async remove(origin: string) {
      if (pending.value !== undefined) return;
      pending.value = origin;
      try {
        origins.value = (await client.disable(origin)).origins;
        message.value = { tone: 'ok', text: sitesMessages.disabled(origin) };
      } catch (error) {
        message.value = { tone: 'error', text: sitesMessages.disableFailed(origin, errorText(error)) };
      } finally {
        pending.value = undefined;
      }
    },
  };
});

export type SitesModel = InstanceType<typeof SitesModel>;
