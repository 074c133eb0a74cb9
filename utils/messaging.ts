/**
 * The one typed message protocol between extension contexts. Every request type, its payload
 * schema and its response type live here; receivers validate with `parseRequest` before acting,
 * and reject anything from outside the extension (see `isFromOwnExtension`).
 */
import * as v from 'valibot';
import { LINT_CODES, type LintResult, QUERY_STATUSES, type QueryLogEntry } from './cdi/types';
import type { CcMccStatus, CdiView, QueryLogState } from './cdi-service';
import type { LookupResult } from './codes/catalog';
import type { AssetHeader, CodeSystem } from './codes/types';
import type { AnalysisResult } from './coding/types';
import type { SearchResponse } from './search/types';

// valibot rather than zod: zod 4 probes `new Function` at load, which MV3's CSP blocks and AMO flags as eval.
const system = v.picklist(['icd10cm', 'icd10pcs', 'hcpcs', 'cpt']);
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
/** Codes are short; anything longer is refused before it reaches the model. */
const code = v.pipe(v.string(), v.maxLength(16));

// --- EHR page reading (issue 5): shared pieces of the 'ehr/*' messages below. ---
/** The snapshot text cap: a note longer than this is cut by the reader (and refused here). */
export const EHR_TEXT_MAX = 2_000_000;
export const EHR_BLOCKS_MAX = 100_000;
export const EHR_SPANS_MAX = 500;
/** One site adapter per EHR family (utils/ehr-sites/). */
export const EHR_ADAPTERS = ['epic', 'cerner', 'meditech', 'generic'] as const;
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const frameId = v.pipe(v.number(), v.integer(), v.minValue(0));
/** An http(s) origin as `URL.origin` prints it (scheme, host, optional port), never a path: URLs can carry patient ids. */
const webOrigin = v.pipe(v.string(), v.maxLength(300), v.regex(/^https?:\/\/[^/?#@\s]+$/));
const readMode = v.picklist(['page', 'selection']);
const textOffset = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(EHR_TEXT_MAX));
const textSpan = v.pipe(
  v.strictObject({ start: textOffset, end: textOffset }),
  v.check((span) => span.start <= span.end, 'A span must not end before it starts.'),
);
const snapshotHash = v.pipe(v.string(), v.regex(/^[0-9a-f]{1,16}$/));
const highlightSpans = v.pipe(v.array(textSpan), v.maxLength(EHR_SPANS_MAX));

/** What the content script reads from a page (or a selection): visible text, block offsets, never HTML. */
export const ehrSnapshotSchema = v.pipe(
  v.strictObject({
    origin: webOrigin,
    title: v.pipe(v.string(), v.maxLength(500)),
    text: v.pipe(v.string(), v.maxLength(EHR_TEXT_MAX)),
    blocks: v.pipe(v.array(textSpan), v.maxLength(EHR_BLOCKS_MAX)),
    adapter: v.picklist(EHR_ADAPTERS),
    mode: readMode,
    /** Hash of mode and text: the background skips a snapshot whose hash it already holds. */
    hash: snapshotHash,
    truncated: v.boolean(),
    /** Filled in by the background from the sender; a content script does not know its frame id. */
    frameId: v.optional(frameId),
  }),
  v.check((s) => s.blocks.every((b) => b.end <= s.text.length), 'A block ends past the end of the text.'),
);
export type EhrSnapshot = v.InferOutput<typeof ehrSnapshotSchema>;
export type EhrAdapterId = (typeof EHR_ADAPTERS)[number];
export type EhrReadMode = EhrSnapshot['mode'];

const contextLabel = v.picklist(['affirmed', 'negated', 'possible', 'historical', 'hypothetical', 'family', 'other']);
const analysisSettings = {
  setting: v.picklist(['inpatient', 'outpatient']),
  dateOfService: isoDate,
  /** The coder's context corrections by mention id (`m3`). */
  overrides: v.optional(
    v.pipe(
      v.record(v.pipe(v.string(), v.regex(/^m\d{1,6}$/)), contextLabel),
      v.check((o) => Object.keys(o).length <= 500, 'too many overrides'),
    ),
  ),
};

/** A query is a page of text; an editor holding more is refused rather than linted. */
export const QUERY_TEXT_MAX = 20_000;
/** The CMS CC/MCC list is ~19,000 lines (~0.3 MB); 5 MB leaves room for other columns. */
export const CC_MCC_FILE_MAX = 5_000_000;
const ruleOrTemplateId = v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/));
const lintCodes = v.pipe(v.array(v.picklist(LINT_CODES)), v.maxLength(LINT_CODES.length));

export const requestSchemas = {
  'codesets/status': v.strictObject({}),
  'codesets/reload': v.strictObject({}),
  /** Sent by the options page after an import wrote new active versions into IndexedDB. */
  'codesets/imported': v.strictObject({ assetIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(80))), v.maxLength(50)) }),
  'codes/lookup': v.strictObject({ system, code, dateOfService: isoDate }),
  'codes/children': v.strictObject({ system, code, dateOfService: isoDate }),
  'search/query': v.strictObject({
    // Long pastes are cut, not refused (bad-input rules of issue 3); a message over 100,000 characters is refused.
    text: v.pipe(
      v.string(),
      v.maxLength(100_000),
      v.transform((text) => text.slice(0, 10_000)),
    ),
    systems: v.optional(v.pipe(v.array(system), v.maxLength(4))),
    billableOnly: v.optional(v.boolean()),
    chapter: v.optional(v.pipe(v.string(), v.maxLength(3))),
    dateOfService: isoDate,
    limit: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(200))),
  }),
  /** The origins the user enabled for reading (origins only, from storage.local). */
  'ehr/sites': v.strictObject({}),
  /**
   * Register the reader for an origin. The calling page asks for the host permission first
   * (`requestSiteAccess` in a click handler: a permission prompt needs a user gesture).
   */
  'ehr/enable-site': v.strictObject({ origin: webOrigin }),
  /** Unregister the reader, drop the origin and give the host permission back. */
  'ehr/disable-site': v.strictObject({ origin: webOrigin }),
  /** Ask the reader in a tab (top frame unless frameId) to read now: the visible note or the selection. */
  'ehr/read': v.strictObject({ tabId, frameId: v.optional(frameId), mode: readMode }),
  /** Highlight spans of the snapshot with this hash in the page (CSS Custom Highlight API); no spans clears. */
  'ehr/highlight': v.strictObject({
    tabId,
    frameId: v.optional(frameId),
    hash: snapshotHash,
    spans: highlightSpans,
    scroll: v.optional(v.boolean()),
  }),
  /** The snapshots the background holds in memory, for one tab or for all. */
  'ehr/snapshots': v.strictObject({ tabId: v.optional(tabId) }),
  /** Analyse pasted text (side panel paste box, practice mode). */
  'analysis/text': v.strictObject({ text: v.pipe(v.string(), v.maxLength(2_000_000)), ...analysisSettings }),
  /** Analyse the latest note read from a tab. */
  'analysis/tab': v.strictObject({ tabId, ...analysisSettings }),
  /** CDI (issue 6): opportunities, drafts with their lint, impact, for a tab's note or pasted text. */
  'cdi/tab': v.strictObject({ tabId, setting: analysisSettings.setting, dateOfService: isoDate }),
  'cdi/text': v.strictObject({
    text: v.pipe(v.string(), v.maxLength(2_000_000)),
    setting: analysisSettings.setting,
    dateOfService: isoDate,
  }),
  /** Lint an edited query; the note (a tab's, or pasted text) lets the linter check the cited indicators. */
  'cdi/lint': v.strictObject({
    query: v.pipe(v.string(), v.maxLength(QUERY_TEXT_MAX)),
    tabId: v.optional(tabId),
    text: v.optional(v.pipe(v.string(), v.maxLength(2_000_000))),
  }),
  /** The opt-in query log: no note or query text, only rule, template, lint codes and status. */
  'cdi/log': v.strictObject({}),
  'cdi/log-enable': v.strictObject({ enabled: v.boolean() }),
  'cdi/log-add': v.strictObject({
    ruleId: ruleOrTemplateId,
    templateId: ruleOrTemplateId,
    lint: v.strictObject({ ok: v.boolean(), errors: lintCodes, warnings: lintCodes }),
  }),
  'cdi/log-status': v.strictObject({ id: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,64}$/)), status: v.picklist(QUERY_STATUSES) }),
  'cdi/log-clear': v.strictObject({}),
  /** The CMS CC/MCC list imported on the options page (`code,cc_mcc`). */
  'cdi/cc-mcc': v.strictObject({}),
  'cdi/cc-mcc-import': v.strictObject({
    text: v.pipe(v.string(), v.maxLength(CC_MCC_FILE_MAX)),
    source: v.pipe(v.string(), v.maxLength(200)),
    format: v.picklist(['pairs', 'mcc', 'cc']),
  }),
  'cdi/cc-mcc-clear': v.strictObject({}),
} as const;

export type RequestType = keyof typeof requestSchemas;
export type RequestPayload<T extends RequestType> = v.InferOutput<(typeof requestSchemas)[T]>;

export interface VersionSummary {
  assetId: string;
  system: CodeSystem;
  kind: AssetHeader['kind'];
  fiscalYear: number;
  contentYear: number;
  effectiveFrom: string;
  effectiveTo: string;
  count: number;
  stats: Record<string, number>;
  sources: string[];
  origin: 'bundled' | 'imported';
  activatedAt?: string;
}

export interface LoadProgressSummary {
  done: number;
  total: number;
  assetId: string;
}

export interface CodesetStatus {
  state: 'loading' | 'ready' | 'error';
  versions: VersionSummary[];
  progress?: LoadProgressSummary;
  error?: string;
  /** How long the last load took in this worker (wake → every bundled asset active), for benchmarks. */
  timing?: { loadMs: number; chunksWritten: number };
  /** How this worker's search index came to be: loaded from IndexedDB or rebuilt, and how long it took. */
  search?: { from: 'stored' | 'rebuilt'; ms: number };
}

export interface ResponseMap {
  'codesets/status': CodesetStatus;
  'codesets/reload': CodesetStatus;
  'codesets/imported': CodesetStatus;
  'codes/lookup': LookupResult | { loading: true; status: CodesetStatus };
  'codes/children': LookupResult['children'] | { loading: true; status: CodesetStatus };
  'search/query': SearchResponse | { loading: true; status: CodesetStatus };
}

export interface Request<T extends RequestType = RequestType> {
  type: T;
  payload: RequestPayload<T>;
}

export type Reply<T extends RequestType> = { ok: true; data: ResponseMap[T] } | { ok: false; error: string };

/** Broadcasts from the background (no reply expected). */
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
export const eventSchemas = {
  'codesets/progress': v.strictObject({ done: count, total: count, assetId: v.pipe(v.string(), v.maxLength(80)) }),
  'codesets/changed': v.strictObject({}),
  /** A tab's snapshot changed (no text in the event: ask 'ehr/snapshots' for it). */
  'ehr/changed': v.strictObject({
    tabId,
    frameId,
    hash: snapshotHash,
    adapter: v.picklist(EHR_ADAPTERS),
    mode: readMode,
    length: count,
    truncated: v.boolean(),
    origin: webOrigin,
  }),
} as const;
export type EventType = keyof typeof eventSchemas;

const envelope = v.strictObject({ type: v.pipe(v.string(), v.maxLength(64)), payload: v.optional(v.unknown()) });

/** Validate an incoming request; returns an error string instead of throwing. */
export function parseRequest(message: unknown): { ok: true; request: Request } | { ok: false; error: string } {
  const outer = v.safeParse(envelope, message);
  if (!outer.success) return { ok: false, error: 'Malformed message: expected { type, payload }.' };
  const type = outer.output.type;
  if (!Object.hasOwn(requestSchemas, type)) return { ok: false, error: `Unknown message type "${type.slice(0, 64)}".` };
  const payload = v.safeParse(requestSchemas[type as RequestType], outer.output.payload ?? {});
  if (!payload.success) return { ok: false, error: `Invalid payload for "${type}": ${payload.issues[0]?.message ?? 'bad shape'}.` };
  return { ok: true, request: { type: type as RequestType, payload: payload.output } as Request };
}

/** Validate a broadcast event. */
export function parseEvent(message: unknown): { type: EventType; payload: unknown } | undefined {
  const outer = v.safeParse(envelope, message);
  if (!outer.success || !Object.hasOwn(eventSchemas, outer.output.type)) return undefined;
  const type = outer.output.type as EventType;
  const payload = v.safeParse(eventSchemas[type], outer.output.payload ?? {});
  return payload.success ? { type, payload: payload.output } : undefined;
}

/**
 * Only the extension's own pages and workers may talk to the background: a sender with a tab
 * (a content script) or another extension id is refused unless the caller allows content scripts.
 */
export function isFromOwnExtension(sender: { id?: string; url?: string }, ownId: string, ownOrigin: string): boolean {
  return sender.id === ownId && typeof sender.url === 'string' && sender.url.startsWith(ownOrigin);
}

/** A handler per request type: the background registers exactly one for each. */
export type Handlers = { [T in RequestType]: (payload: RequestPayload<T>) => Promise<ResponseMap[T]> | ResponseMap[T] };

/** Dispatch a validated request to its handler, turning failures into an error reply. */
export async function dispatch(handlers: Handlers, message: unknown): Promise<Reply<RequestType>> {
  const parsed = parseRequest(message);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  try {
    const handler = handlers[parsed.request.type] as (p: unknown) => Promise<unknown> | unknown;
    return { ok: true, data: (await handler(parsed.request.payload)) as ResponseMap[RequestType] };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** The sending side: a typed call that throws the background's error message on failure. */
export type Send = <T extends RequestType>(type: T, payload: RequestPayload<T>) => Promise<ResponseMap[T]>;

/**
 * Requests that only read: asking again cannot change anything, so they are retried once when the
 * background went away mid-request (an MV3 worker is stopped when idle and restarted by the next message).
 */
const READ_ONLY: ReadonlySet<RequestType> = new Set<RequestType>([
  'codesets/status',
  'codes/lookup',
  'codes/children',
  'search/query',
  'ehr/sites',
  'ehr/snapshots',
  'analysis/text',
  'analysis/tab',
  'cdi/tab',
  'cdi/text',
  'cdi/lint',
  'cdi/log',
  'cdi/cc-mcc',
]);

/** How long a read may go unanswered before the page says so; loads, imports and writes are not timed. */
const REPLY_TIMEOUT_MS: Partial<Record<RequestType, number>> = {
  'codesets/status': 15_000,
  'codes/lookup': 15_000,
  'codes/children': 15_000,
  'search/query': 15_000,
  'ehr/sites': 15_000,
  'ehr/snapshots': 15_000,
  'cdi/lint': 15_000,
  'cdi/log': 15_000,
  'cdi/cc-mcc': 15_000,
  'analysis/text': 60_000,
  'analysis/tab': 60_000,
  'cdi/tab': 60_000,
  'cdi/text': 60_000,
};

/** Chromium's and Firefox's words for a message whose receiver went away before answering. */
const RECEIVER_GONE = /message (channel|port) (is )?closed|receiving end does not exist|could not establish connection/i;

class NoReplyError extends Error {}

export interface SenderOptions {
  /** Wait before the one retry of a read-only request. */
  retryDelayMs?: number;
  /** Overrides the per-type reply timeout (tests). */
  timeoutMs?: number;
}

export function makeSender(sendMessage: (message: unknown) => Promise<unknown>, options: SenderOptions = {}): Send {
  const once = async <T extends RequestType>(type: T, payload: RequestPayload<T>): Promise<Reply<T> | undefined> => {
    const sent = sendMessage({ type, payload }) as Promise<Reply<T> | undefined>;
    const limit = options.timeoutMs ?? REPLY_TIMEOUT_MS[type];
    if (limit === undefined) return sent;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new NoReplyError(`The background did not answer "${type}" within ${Math.round(limit / 1000)} s.`)),
        limit,
      );
    });
    try {
      return await Promise.race([sent, late]);
    } finally {
      clearTimeout(timer);
    }
  };
  return async (type, payload) => {
    let reply: Reply<typeof type> | undefined;
    try {
      reply = await once(type, payload);
    } catch (err) {
      const gone = err instanceof NoReplyError || RECEIVER_GONE.test(err instanceof Error ? err.message : String(err));
      if (!gone || !READ_ONLY.has(type)) throw err;
      reply = undefined;
    }
    if ((!reply || typeof reply !== 'object') && READ_ONLY.has(type)) {
      await new Promise((r) => setTimeout(r, options.retryDelayMs ?? 200));
      reply = await once(type, payload);
    }
    if (!reply || typeof reply !== 'object') throw new Error(`No reply to "${type}" (is the background running?).`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.data;
  };
}

// --- EHR page reading (issue 5): responses, and the two directions that involve a tab. ---

/** A snapshot as the background holds it: with the tab and frame it came from. */
export interface EhrSnapshotRecord {
  tabId: number;
  frameId: number;
  receivedAt: number;
  snapshot: EhrSnapshot;
}

/** A snapshot without its text, for replies and events. */
export interface EhrSnapshotSummary {
  tabId: number;
  frameId: number;
  hash: string;
  adapter: EhrAdapterId;
  mode: EhrReadMode;
  length: number;
  truncated: boolean;
  origin: string;
}

export interface ResponseMap {
  'ehr/sites': { origins: string[] };
  'ehr/enable-site': { origins: string[]; injectedTabs: number };
  'ehr/disable-site': { origins: string[] };
  'ehr/read': { snapshot?: EhrSnapshotSummary; reason?: 'no-selection' | 'no-reader' };
  'ehr/highlight': { highlighted: number; stale: boolean };
  'ehr/snapshots': EhrSnapshotRecord[];
  'analysis/text': AnalysisResult | { loading: true; status: CodesetStatus };
  'analysis/tab': AnalysisTabReply | { loading: true; status: CodesetStatus };
  'cdi/tab': CdiTabReply | { loading: true; status: CodesetStatus };
  'cdi/text': CdiView | { loading: true; status: CodesetStatus };
  'cdi/lint': LintResult;
  'cdi/log': QueryLogState;
  'cdi/log-enable': QueryLogState;
  'cdi/log-add': QueryLogEntry;
  'cdi/log-status': QueryLogEntry;
  'cdi/log-clear': QueryLogState;
  'cdi/cc-mcc': CcMccStatus;
  'cdi/cc-mcc-import': CcMccStatus;
  'cdi/cc-mcc-clear': CcMccStatus;
}

/** CDI for a tab's note, with where the note came from. */
export type CdiTabReply =
  | { view: CdiView; source: { kind: 'page'; tabId: number; title: string; origin: string; hash: string } }
  | { empty: true; reason: string };

/** The analysis of a tab's note, with where the note came from (no note text besides the evidence). */
export type AnalysisTabReply =
  | { result: AnalysisResult; source: { kind: 'page'; tabId: number; frameId: number; title: string; origin: string; hash: string } }
  | { empty: true; reason: string };

/** The request types the EHR service in utils/ehr-sites/ answers. */
export type EhrRequestType = Extract<RequestType, `ehr/${string}`>;

/**
 * Content script → background. Accepted only from a tab whose frame origin the user enabled
 * (utils/ehr-sites/sender.ts); never from the extension's own pages.
 */
export const contentRequestSchemas = {
  'ehr/snapshot': ehrSnapshotSchema,
} as const;
export type ContentRequestType = keyof typeof contentRequestSchemas;
export interface ContentResponseMap {
  'ehr/snapshot': { accepted: boolean; changed: boolean };
}

/** Background → content script in a tab (browser.tabs.sendMessage). The content script validates these too. */
export const tabRequestSchemas = {
  'ehr/highlight': v.strictObject({ hash: snapshotHash, spans: highlightSpans, scroll: v.optional(v.boolean()) }),
  'ehr/read': v.strictObject({ mode: readMode }),
} as const;
export type TabRequestType = keyof typeof tabRequestSchemas;
export interface TabResponseMap {
  'ehr/highlight': { highlighted: number; stale: boolean };
  'ehr/read': { snapshot?: EhrSnapshot; reason?: 'no-selection' };
}

type Parsed<S extends Record<string, v.GenericSchema>> =
  | { ok: true; request: { [T in keyof S]: { type: T; payload: v.InferOutput<S[T]> } }[keyof S] }
  | { ok: false; error: string };

function parseWith<S extends Record<string, v.GenericSchema>>(schemas: S, message: unknown): Parsed<S> {
  const outer = v.safeParse(envelope, message);
  if (!outer.success) return { ok: false, error: 'Malformed message: expected { type, payload }.' };
  const type = outer.output.type;
  if (!Object.hasOwn(schemas, type)) return { ok: false, error: `Unknown message type "${type.slice(0, 64)}".` };
  const payload = v.safeParse(schemas[type] as v.GenericSchema, outer.output.payload ?? {});
  if (!payload.success) return { ok: false, error: `Invalid payload for "${type}": ${payload.issues[0]?.message ?? 'bad shape'}.` };
  return { ok: true, request: { type, payload: payload.output } } as Parsed<S>;
}

/** Validate a message from a content script (after the sender check). */
export function parseContentRequest(message: unknown): Parsed<typeof contentRequestSchemas> {
  return parseWith(contentRequestSchemas, message);
}

/** Validate a message the background sent to a content script. */
export function parseTabRequest(message: unknown): Parsed<typeof tabRequestSchemas> {
  return parseWith(tabRequestSchemas, message);
}

/** Validate a content script's reply to 'ehr/read' (it runs beside page content, so it is checked like a request). */
export function parseReadReply(reply: unknown): TabResponseMap['ehr/read'] | undefined {
  if (!reply || typeof reply !== 'object') return undefined;
  const r = reply as { snapshot?: unknown; reason?: unknown };
  if (r.reason === 'no-selection' && r.snapshot === undefined) return { reason: 'no-selection' };
  const snapshot = v.safeParse(ehrSnapshotSchema, r.snapshot);
  return snapshot.success ? { snapshot: snapshot.output } : undefined;
}
