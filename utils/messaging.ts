/**
 * The one typed message protocol between extension contexts. Every request type, its payload
 * schema and its response type live here; receivers validate with `parseRequest` before acting,
 * and reject anything from outside the extension (see `isFromOwnExtension`).
 */
import * as v from 'valibot';
import type { LookupResult } from './codes/catalog';
import type { AssetHeader, CodeSystem } from './codes/types';
import type { SearchResponse } from './search/types';

// valibot rather than zod: zod 4 probes `new Function` at load, which MV3's CSP blocks and AMO flags as eval.
const system = v.picklist(['icd10cm', 'icd10pcs', 'hcpcs', 'cpt']);
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/));
/** Codes are short; anything longer is refused before it reaches the model. */
const code = v.pipe(v.string(), v.maxLength(16));

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

export function makeSender(sendMessage: (message: unknown) => Promise<unknown>): Send {
  return async (type, payload) => {
    const reply = (await sendMessage({ type, payload })) as Reply<typeof type> | undefined;
    if (!reply || typeof reply !== 'object') throw new Error(`No reply to "${type}" (is the background running?).`);
    if (!reply.ok) throw new Error(reply.error);
    return reply.data;
  };
}
