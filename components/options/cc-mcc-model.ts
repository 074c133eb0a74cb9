/**
 * The options page's CC/MCC import (issue 6) in one signal model: what is imported now, the file the
 * user picked and its format, the import and removal. It talks to a `CcMccClient` (the background's
 * 'cdi/cc-mcc*' messages in the extension, a fake in tests). No CC/MCC list ships with Chartcode:
 * designations shown in the CDI tab come only from what is imported here.
 */
import { createModel, signal } from '@preact/signals';
import type { CcMccFileFormat } from '../../utils/cdi/impact';
import type { CcMccStatus } from '../../utils/cdi-service';
import { CC_MCC_FILE_MAX } from '../../utils/messaging';

export interface CcMccClient {
  status(): Promise<CcMccStatus>;
  importList(text: string, source: string, format: CcMccFileFormat): Promise<CcMccStatus>;
  clear(): Promise<CcMccStatus>;
}

/** A file as the page hands it over (a `File` in the browser). */
export interface PickedTextFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

export const CC_MCC_FORMATS: ReadonlyArray<{ id: CcMccFileFormat; label: string }> = [
  { id: 'pairs', label: 'Code and designation per line (code,cc_mcc): replaces the imported list' },
  { id: 'mcc', label: 'A list of MCC codes (CMS Table 6I): added to the imported list' },
  { id: 'cc', label: 'A list of CC codes (CMS Table 6J): added to the imported list' },
];

export const ccMccUiMessages = {
  none: 'No CC/MCC list imported: the CDI tab shows HCC V28 categories only.',
  current: (s: CcMccStatus) => `${s.size.toLocaleString('en-US')} codes from ${s.source ?? 'an imported file'}${s.importedAt ? `, imported ${s.importedAt}` : ''}.`,
  chooseFile: 'Choose a file first.',
  tooLarge: (name: string, size: number) =>
    `${name} is ${(size / 1_000_000).toFixed(1)} MB; a CC/MCC list is well under ${(CC_MCC_FILE_MAX / 1_000_000).toFixed(0)} MB. Nothing was imported.`,
  imported: (s: CcMccStatus) => `Imported. ${ccMccUiMessages.current(s)}`,
  failed: (why: string) => `Not imported: ${why}. The list imported before is unchanged.`,
  removed: 'CC/MCC list removed.',
} as const;

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const CcMccModel = createModel((client: CcMccClient) => {
  const current = signal<CcMccStatus | undefined>(undefined);
  const file = signal<PickedTextFile | undefined>(undefined);
  const format = signal<CcMccFileFormat>('pairs');
  const busy = signal(false);
  const message = signal<{ tone: 'ok' | 'error'; text: string } | undefined>(undefined);

  const run = async (work: () => Promise<string>) => {
    busy.value = true;
    try {
      message.value = { tone: 'ok', text: await work() };
    } catch (err) {
      message.value = { tone: 'error', text: ccMccUiMessages.failed(errorText(err)) };
    } finally {
      busy.value = false;
    }
  };

  return {
    current,
    file,
    format,
    busy,
    message,
    async load() {
      try {
        current.value = await client.status();
      } catch (err) {
        message.value = { tone: 'error', text: errorText(err) };
      }
    },
    choose(picked: PickedTextFile | undefined) {
      file.value = picked;
      message.value = undefined;
    },
    setFormat(value: CcMccFileFormat) {
      format.value = value;
    },
    importFile() {
      const picked = file.value;
      if (!picked) {
        message.value = { tone: 'error', text: ccMccUiMessages.chooseFile };
        return Promise.resolve();
      }
      if (picked.size > CC_MCC_FILE_MAX) {
        message.value = { tone: 'error', text: ccMccUiMessages.tooLarge(picked.name, picked.size) };
        return Promise.resolve();
      }
      return run(async () => {
        const status = await client.importList(await picked.text(), picked.name.slice(0, 200), format.value);
        current.value = status;
        return ccMccUiMessages.imported(status);
      });
    },
    clear() {
      return run(async () => {
        current.value = await client.clear();
        return ccMccUiMessages.removed;
      });
    },
  };
});
export type CcMccModel = InstanceType<typeof CcMccModel>;
