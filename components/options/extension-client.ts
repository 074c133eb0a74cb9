/**
 * The options page's `OptionsClient` in the extension: status and refresh requests go to the
 * background over the typed protocol; imports run here, in the page, writing straight to the
 * extension's IndexedDB (the background re-reads it on 'codesets/imported'). The `browser` API is
 * passed in by the entrypoint, so nothing here touches it at import time.
 */
import { CodeSetError, messages } from '../../utils/codes/errors';
import {
  IMPORT_LIMITS,
  type UploadedFile,
  importCodeSets,
  importCpt,
  recogniseFiles,
  storedImportContext,
  unpackUploads,
} from '../../utils/db/import';
import type { ChartcodeDB } from '../../utils/db/schema';
import { type PermissionsApi, requestSiteAccess } from '../../utils/ehr-sites/sites';
import { type LoadProgressSummary, makeSender, parseEvent } from '../../utils/messaging';
import type { CcMccClient } from './cc-mcc-model';
import type { ImportOutcome, OptionsClient, PickedFile } from './model';
import type { SitesClient } from './sites-model';

/**
 * The EHR sites: the host permission is asked for here, in the page (`permissions.request` needs the
 * user's click), then the background enables, lists and disables ('ehr/*'). Used by the options page and
 * the side panel.
 */
export function createExtensionSitesClient(deps: Pick<ExtensionClientDeps, 'sendMessage'> & { permissions: PermissionsApi }): SitesClient {
  const send = makeSender(deps.sendMessage);
  return {
    list: async () => (await send('ehr/sites', {})).origins,
    // No await before the request: the browser shows its prompt only inside the user's gesture.
    requestAccess: (origin) => requestSiteAccess(deps.permissions, origin),
    enable: (origin) => send('ehr/enable-site', { origin }),
    disable: (origin) => send('ehr/disable-site', { origin }),
  };
}

/** The CC/MCC list lives with the background's CDI service: import, status and removal are requests. */
export function createExtensionCcMccClient(deps: Pick<ExtensionClientDeps, 'sendMessage'>): CcMccClient {
  const send = makeSender(deps.sendMessage);
  return {
    status: () => send('cdi/cc-mcc', {}),
    importList: (text, source, format) => send('cdi/cc-mcc-import', { text, source, format }),
    clear: () => send('cdi/cc-mcc-clear', {}),
  };
}

export interface ExtensionClientDeps {
  /** `browser.runtime.sendMessage`. */
  sendMessage: (message: unknown) => Promise<unknown>;
  /** Adds a `browser.runtime.onMessage` listener; returns its removal. */
  addMessageListener: (listener: (message: unknown) => void) => () => void;
  /** The Chartcode database, opened on first use. */
  db: () => ChartcodeDB;
}

export function createExtensionOptionsClient(deps: ExtensionClientDeps): OptionsClient {
  const send = makeSender(deps.sendMessage);
  // Recognising and importing read the same picks: unzip each only once.
  const unpacked = new WeakMap<PickedFile, UploadedFile[]>();

  const read = async (files: readonly PickedFile[]): Promise<UploadedFile[]> => {
    const out: UploadedFile[] = [];
    const fresh: PickedFile[] = [];
    for (const file of files) {
      // Refuse before reading a huge file into memory.
      if (file.size > IMPORT_LIMITS.maxUploadBytes)
        throw new CodeSetError(file.name, undefined, messages.tooLarge(file.size, IMPORT_LIMITS.maxUploadBytes));
      if (!unpacked.has(file)) fresh.push(file);
    }
    for (const file of fresh) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      unpacked.set(file, unpackUploads([{ name: file.name, bytes }]));
    }
    for (const file of files) out.push(...(unpacked.get(file) ?? []));
    return capTotal(out);
  };

  const outcome = (result: { assets: ImportOutcome['assets']; skipped: string[] }): ImportOutcome => ({
    assets: result.assets,
    skipped: result.skipped,
  });

  return {
    status: () => send('codesets/status', {}),
    notifyImported: (assetIds) => send('codesets/imported', { assetIds }),
    onProgress: (listener: (progress: LoadProgressSummary) => void) =>
      deps.addMessageListener((message) => {
        const event = parseEvent(message);
        if (event?.type === 'codesets/progress') listener(event.payload as LoadProgressSummary);
      }),
    async recognise(files, opts) {
      const uploads = await read(files);
      const defaultTargetYear = await storedImportContext(deps.db()).newestCmYear();
      return recogniseFiles(uploads, { ...opts, ...(defaultTargetYear !== undefined ? { defaultTargetYear } : {}) });
    },
    async importCodeSets(files, opts) {
      return outcome(await importCodeSets(deps.db(), await read(files), opts));
    },
    async importCpt(text, opts) {
      return outcome(await importCpt(deps.db(), text, opts));
    },
  };
}

/** The expanded size is capped across the whole pick, not only per file. */
function capTotal(files: readonly UploadedFile[]): UploadedFile[] {
  let total = 0;
  for (const file of files) {
    total += file.bytes.length;
    if (total > IMPORT_LIMITS.maxExpandedBytes)
      throw new CodeSetError(file.container?.name ?? file.name, undefined, messages.tooLarge(total, IMPORT_LIMITS.maxExpandedBytes));
  }
  return [...files];
}
