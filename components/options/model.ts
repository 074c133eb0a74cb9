/**
 * State of the options page in one signal model; the components only display it. The model talks
 * to an `OptionsClient` (the background through messaging, the importer writing to IndexedDB),
 * never to `browser.*`, so tests drive it with a mock client.
 */
import { createModel, signal } from '@preact/signals';
import { fiscalYearOf } from '../../utils/codes/dates';
import type { AssetHeader, AssetKind, CodeSystem } from '../../utils/codes/types';
import {
  CPT_CODE,
  decodeText,
  type ImportFileKind,
  type ImportProgress,
  type RecognisedFile,
  type TablePreview,
  previewTable,
} from '../../utils/db/import';
import type { CodesetStatus, LoadProgressSummary, VersionSummary } from '../../utils/messaging';

/** A file the user picked (a DOM `File` satisfies it). */
export interface PickedFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface CptImportRequest {
  codeColumn: number;
  descriptorColumn: number;
  hasHeader: boolean;
  /** File name, for messages and the asset's source. */
  file: string;
  year: number;
  /** The file's raw bytes, for the source checksum. */
  bytes?: Uint8Array;
}

export interface ImportOutcome {
  assets: AssetHeader[];
  /** Files inside zips that were not imported. */
  skipped: string[];
}

export interface OptionsClient {
  status(): Promise<CodesetStatus>;
  /** Tell the background new versions are active, so it rebuilds its code model. */
  notifyImported(assetIds: string[]): Promise<CodesetStatus>;
  /** Background load progress events; returns the unsubscribe. */
  onProgress(listener: (progress: LoadProgressSummary) => void): () => void;
  /** What the picked files are (zips opened), without parsing them. */
  recognise(files: readonly PickedFile[], opts: { fiscalYear?: number }): Promise<RecognisedFile[]>;
  importCodeSets(
    files: readonly PickedFile[],
    opts: { fiscalYear?: number; onProgress?: (p: ImportProgress) => void },
  ): Promise<ImportOutcome>;
  importCpt(text: string, opts: CptImportRequest & { onProgress?: (p: ImportProgress) => void }): Promise<ImportOutcome>;
}

export type Task<T> =
  | { phase: 'idle' }
  | { phase: 'running'; progress?: ImportProgress }
  | { phase: 'done'; result: T; notice?: string }
  | { phase: 'failed'; error: string };

export const OPTIONS_DEFAULTS = Object.freeze({
  /** Status poll interval while the background is loading code sets. */
  pollMs: 500,
});

export const optionsMessages = {
  noFiles: 'Choose one or more files first.',
  noCptFile: 'Choose the CPT file first.',
  notifyFailed: (why: string) =>
    `Imported and stored, but the background did not confirm (${why}). Reload the extension to use the new code sets.`,
  statusFailed: (why: string) => `Could not read the code-set status: ${why}`,
} as const;

// ---------------------------------------------------------------------------------------------
// Pure derivations (tested without rendering)

export const SYSTEM_LABELS: Readonly<Record<CodeSystem, string>> = {
  icd10cm: 'ICD-10-CM',
  icd10pcs: 'ICD-10-PCS',
  hcpcs: 'HCPCS Level II',
  cpt: 'CPT®',
};

export const KIND_LABELS: Readonly<Record<AssetKind, string>> = {
  codes: 'Code list',
  tabular: 'Tabular list notes',
  index: 'Alphabetic Index',
  eindex: 'External Cause Index',
  neoplasm: 'Table of Neoplasms',
  drug: 'Table of Drugs and Chemicals',
  modifiers: 'Modifiers',
  hcc: 'CMS-HCC map',
  'poa-exempt': 'POA-exempt list',
  conversion: 'Conversion table',
  addenda: 'Order addenda',
};

/** What the content of an older-than-its-year asset is called: "notes from FY2021". */
const CONTENT_NOUNS: Partial<Record<AssetKind, string>> = {
  tabular: 'notes',
  index: 'index',
  eindex: 'index',
  neoplasm: 'table',
  drug: 'table',
};

const STAT_LABELS: Readonly<Record<string, string>> = {
  billable: 'billable',
  headers: 'headers',
  nodes: 'nodes',
  notes: 'notes',
  mainTerms: 'main terms',
  valid: 'codes valid',
  mapped: 'mapped forward',
  invalid: 'not valid this year',
  add: 'added',
  delete: 'deleted',
  revise: 'revised',
  addendaApplied: 'Index addenda changes applied (FY2022-FY2026)',
  addendaUnplaced: 'addenda changes not placed',
};

export const FILE_KIND_LABELS: Readonly<Record<ImportFileKind, string>> = {
  'cm-order': 'ICD-10-CM order file (code list)',
  'pcs-order': 'ICD-10-PCS order file (code list)',
  'cm-addenda': 'ICD-10-CM order addenda',
  tabular: 'ICD-10-CM Tabular List (notes)',
  index: 'ICD-10-CM Alphabetic Index',
  eindex: 'ICD-10-CM External Cause Index',
  neoplasm: 'ICD-10-CM Table of Neoplasms',
  'drug-xml': 'ICD-10-CM Table of Drugs (XML)',
  'drug-csv': 'ICD-10-CM Table of Drugs (CSV)',
  hcpcs: 'HCPCS Level II (CSV)',
  poa: 'POA-exempt list',
  unknown: 'not a code-set file',
};

const number = (n: number) => n.toLocaleString('en-US');

/** Calendar-year assets (HCPCS, CPT, HCC) start on 1 January; CM/PCS fiscal years on 1 October. */
function yearLabel(year: number, effectiveFrom: string): string {
  return effectiveFrom.endsWith('-01-01') ? `CY${year}` : `FY${year}`;
}

export interface VersionRowView {
  key: string;
  system: string;
  kind: string;
  year: string;
  /** "notes from FY2021" when the content is older than the year it serves, else ''. */
  contentNote: string;
  count: string;
  stats: string;
  sources: string;
  origin: 'bundled' | 'imported';
}

const SYSTEM_ORDER: readonly CodeSystem[] = ['icd10cm', 'icd10pcs', 'hcpcs', 'cpt'];
const KIND_ORDER = Object.keys(KIND_LABELS) as AssetKind[];

/** Active versions as table rows: by system, kind, then newest year first. */
export function deriveVersionRows(versions: readonly VersionSummary[]): VersionRowView[] {
  return [...versions]
    .sort(
      (a, b) =>
        SYSTEM_ORDER.indexOf(a.system) - SYSTEM_ORDER.indexOf(b.system) ||
        KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
        b.fiscalYear - a.fiscalYear,
    )
    .map((v) => ({
      key: v.assetId,
      system: SYSTEM_LABELS[v.system],
      kind: KIND_LABELS[v.kind],
      year: yearLabel(v.fiscalYear, v.effectiveFrom),
      contentNote:
        v.contentYear !== v.fiscalYear ? `${CONTENT_NOUNS[v.kind] ?? 'content'} from ${yearLabel(v.contentYear, v.effectiveFrom)}` : '',
      count: number(v.count),
      stats: Object.entries(v.stats)
        .map(([key, value]) => `${number(value)} ${STAT_LABELS[key] ?? key}`)
        .join(' · '),
      sources: v.sources.join(', '),
      origin: v.origin,
    }));
}

export interface ProgressView {
  /** Undefined: indeterminate (nothing counted yet). */
  value?: number;
  max?: number;
  label: string;
}

/** The background's load progress, while it loads. */
export function deriveLoadProgress(status: CodesetStatus | undefined): ProgressView | undefined {
  if (status?.state !== 'loading') return undefined;
  const p = status.progress;
  if (!p || p.total === 0) return { label: 'Loading code sets…' };
  return { value: p.done, max: p.total, label: `Loading code sets: ${number(p.done)} of ${number(p.total)} parts (${p.assetId})` };
}

/** The importer's progress, parsing then writing. */
export function deriveImportProgress(progress: ImportProgress | undefined): ProgressView {
  if (!progress || progress.total === 0) return { label: 'Reading files…' };
  const what = progress.stage === 'parsing' ? `Checking ${progress.item || 'files'}` : `Storing ${progress.item}`;
  return { value: progress.done, max: progress.total, label: `${what} (${number(progress.done)} of ${number(progress.total)})` };
}

/** One line per picked file: what it was recognised as and the year it will serve. */
export function describeRecognised(file: RecognisedFile): string {
  const where = file.container ? ` (in ${file.container})` : '';
  if (file.kind === 'unknown') return `${file.name}${where}: ${file.skipped ? 'skipped, not a code-set file' : FILE_KIND_LABELS.unknown}`;
  const year = file.year === undefined ? 'year to choose' : file.kind === 'hcpcs' ? `CY${file.year}` : `FY${file.year}`;
  const from = file.midYearFrom ? ` from ${file.midYearFrom}` : '';
  return `${file.name}${where}: ${FILE_KIND_LABELS[file.kind]}, ${year}${from}`;
}

/** Fiscal years offered for import: next, current and the two before (by today's date). */
export function fiscalYearChoices(todayIso: string): number[] {
  const current = fiscalYearOf(todayIso);
  return [current + 1, current, current - 1, current - 2];
}

/**
 * A first guess at the CPT columns from the preview: the code column is the one with the most
 * CPT-shaped cells, the descriptor the other column with the longest text; a first row whose code
 * cell is not a code is a header.
 */
export function guessCptColumns(preview: TablePreview): { codeColumn: number; descriptorColumn: number; hasHeader: boolean } {
  const { rows, columnCount } = preview;
  const cell = (row: readonly string[] | undefined, col: number) => (row?.[col] ?? '').trim();
  const isCode = (text: string) => CPT_CODE.test(text.toUpperCase());
  let codeColumn = 0;
  let best = -1;
  for (let col = 0; col < columnCount; col++) {
    const codes = rows.filter((row) => isCode(cell(row, col))).length;
    if (codes > best) [codeColumn, best] = [col, codes];
  }
  const hasHeader = rows.length > 1 && !isCode(cell(rows[0], codeColumn)) && best > 0;
  const body = hasHeader ? rows.slice(1) : rows;
  let descriptorColumn = codeColumn === 0 ? Math.min(1, columnCount - 1) : 0;
  let longest = -1;
  for (let col = 0; col < columnCount; col++) {
    if (col === codeColumn) continue;
    const length = body.reduce((n, row) => n + cell(row, col).length, 0);
    if (length > longest) [descriptorColumn, longest] = [col, length];
  }
  return { codeColumn, descriptorColumn, hasHeader };
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------------------------------------
// The model

export interface OptionsModelSettings {
  pollMs?: number;
  /** Today's date (YYYY-MM-DD), for the default CPT year. */
  today?: string;
}

export const OptionsModel = createModel((client: OptionsClient, settings: OptionsModelSettings = {}) => {
  const pollMs = settings.pollMs ?? OPTIONS_DEFAULTS.pollMs;

  // Code-set status
  const status = signal<CodesetStatus | undefined>(undefined);
  const statusError = signal<string | undefined>(undefined);

  // Code-set import
  const files = signal<readonly PickedFile[]>([]);
  const fiscalYear = signal<number | undefined>(undefined);
  const recognised = signal<RecognisedFile[] | undefined>(undefined);
  const recogniseError = signal<string | undefined>(undefined);
  const importTask = signal<Task<ImportOutcome>>({ phase: 'idle' });

  // CPT import
  const cptFile = signal<PickedFile | undefined>(undefined);
  const cptText = signal<string | undefined>(undefined);
  const cptBytes = signal<Uint8Array | undefined>(undefined);
  const cptPreview = signal<TablePreview | undefined>(undefined);
  const codeColumn = signal(0);
  const descriptorColumn = signal(1);
  const hasHeader = signal(false);
  const cptYear = signal(Number((settings.today ?? new Date().toISOString()).slice(0, 4)));
  const cptTask = signal<Task<ImportOutcome>>({ phase: 'idle' });

  let timer: ReturnType<typeof setTimeout> | undefined;
  let connected = false;
  let recogniseRun = 0;

  const refreshStatus = async () => {
    try {
      status.value = await client.status();
      statusError.value = undefined;
    } catch (error) {
      statusError.value = optionsMessages.statusFailed(errorText(error));
    }
  };

  // While the background loads, poll; progress events fill in between polls.
  const poll = async () => {
    timer = undefined;
    await refreshStatus();
    if (connected && status.value?.state === 'loading' && timer === undefined) timer = setTimeout(poll, pollMs);
  };

  const onProgressEvent = (progress: LoadProgressSummary) => {
    status.value = { ...(status.value ?? { versions: [] }), state: 'loading', progress };
    if (connected && timer === undefined) timer = setTimeout(poll, pollMs);
  };

  /** After an import: the background re-reads what is active; its reply is the new status. */
  const notify = async (assets: AssetHeader[]): Promise<string | undefined> => {
    try {
      status.value = await client.notifyImported(assets.map((a) => a.id));
      return undefined;
    } catch (error) {
      return optionsMessages.notifyFailed(errorText(error));
    }
  };

  const recognise = async () => {
    const run = ++recogniseRun;
    recognised.value = undefined;
    recogniseError.value = undefined;
    if (files.value.length === 0) return;
    try {
      const result = await client.recognise(files.value, { fiscalYear: fiscalYear.value });
      if (run === recogniseRun) recognised.value = result;
    } catch (error) {
      if (run === recogniseRun) recogniseError.value = errorText(error);
    }
  };

  return {
    status,
    statusError,
    files,
    fiscalYear,
    recognised,
    recogniseError,
    importTask,
    cptFile,
    cptText,
    cptBytes,
    cptPreview,
    codeColumn,
    descriptorColumn,
    hasHeader,
    cptYear,
    cptTask,

    /** Start showing live status; returns the disconnect (the component calls it on unmount). */
    connect(): () => void {
      connected = true;
      const unsubscribe = client.onProgress(onProgressEvent);
      void poll();
      return () => {
        connected = false;
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        unsubscribe();
      };
    },

    refreshStatus,

    chooseFiles(picked: readonly PickedFile[]) {
      files.value = picked;
      importTask.value = { phase: 'idle' };
      return recognise();
    },

    chooseFiscalYear(year: number | undefined) {
      fiscalYear.value = year;
      return recognise();
    },

    async runImport() {
      if (files.value.length === 0) {
        importTask.value = { phase: 'failed', error: optionsMessages.noFiles };
        return;
      }
      importTask.value = { phase: 'running' };
      try {
        const result = await client.importCodeSets(files.value, {
          fiscalYear: fiscalYear.value,
          onProgress: (progress) => {
            importTask.value = { phase: 'running', progress };
          },
        });
        const notice = await notify(result.assets);
        importTask.value = { phase: 'done', result, ...(notice ? { notice } : {}) };
      } catch (error) {
        importTask.value = { phase: 'failed', error: errorText(error) };
      }
    },

    async chooseCptFile(file: PickedFile | undefined) {
      cptFile.value = file;
      cptText.value = undefined;
      cptBytes.value = undefined;
      cptPreview.value = undefined;
      cptTask.value = { phase: 'idle' };
      if (!file) return;
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const text = decodeText(bytes);
        const preview = previewTable(text);
        const guess = guessCptColumns(preview);
        cptBytes.value = bytes;
        cptText.value = text;
        cptPreview.value = preview;
        codeColumn.value = guess.codeColumn;
        descriptorColumn.value = guess.descriptorColumn;
        hasHeader.value = guess.hasHeader;
      } catch (error) {
        cptTask.value = { phase: 'failed', error: `${file.name}: ${errorText(error)}` };
      }
    },

    async runCptImport() {
      const file = cptFile.value;
      const text = cptText.value;
      if (!file || text === undefined) {
        cptTask.value = { phase: 'failed', error: optionsMessages.noCptFile };
        return;
      }
      cptTask.value = { phase: 'running' };
      try {
        const result = await client.importCpt(text, {
          codeColumn: codeColumn.value,
          descriptorColumn: descriptorColumn.value,
          hasHeader: hasHeader.value,
          file: file.name,
          year: cptYear.value,
          ...(cptBytes.value ? { bytes: cptBytes.value } : {}),
          onProgress: (progress) => {
            cptTask.value = { phase: 'running', progress };
          },
        });
        const notice = await notify(result.assets);
        cptTask.value = { phase: 'done', result, ...(notice ? { notice } : {}) };
      } catch (error) {
        cptTask.value = { phase: 'failed', error: errorText(error) };
      }
    },
  };
});

export type OptionsModel = InstanceType<typeof OptionsModel>;
