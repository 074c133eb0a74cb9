/**
 * What the side panel needs from the rest of the extension, as an interface (STYLE.md, convention 6):
 * the components and the model only ever see a `SearchClient`; the extension backs it with the typed
 * protocol, tests with a mock. The `browser` API is passed in by the entrypoint, so nothing here
 * touches it at import time.
 */
import type { CodeRef, LookupResult } from '../../utils/codes/catalog';
import type { CodeSystem } from '../../utils/codes/types';
import { type CodesetStatus, type LoadProgressSummary, makeSender, parseEvent, type RequestPayload } from '../../utils/messaging';
import type { SearchRequest, SearchResponse } from '../../utils/search/types';

/** The background's answer while its code sets are still loading: wait (with progress), then ask again. */
export interface LoadingReply {
  loading: true;
  status: CodesetStatus;
}

export interface SearchClient {
  search(request: SearchRequest): Promise<SearchResponse | LoadingReply>;
  lookup(system: CodeSystem, code: string, dateOfService: string): Promise<LookupResult | LoadingReply>;
  /** Direct children of a header in the code set in force on the date. */
  children(system: CodeSystem, code: string, dateOfService: string): Promise<CodeRef[] | LoadingReply>;
  status(): Promise<CodesetStatus>;
  /** The background finished loading or an import changed the active code sets; returns the unsubscribe. */
  onCodesetsChanged(listener: () => void): () => void;
  /** Load progress while the background loads; returns the unsubscribe. */
  onProgress(listener: (progress: LoadProgressSummary) => void): () => void;
}

export function isLoadingReply(reply: unknown): reply is LoadingReply {
  return typeof reply === 'object' && reply !== null && !Array.isArray(reply) && (reply as { loading?: unknown }).loading === true;
}

export interface ExtensionSearchClientDeps {
  /** `browser.runtime.sendMessage`. */
  sendMessage: (message: unknown) => Promise<unknown>;
  /** Adds a `browser.runtime.onMessage` listener; returns its removal. */
  addMessageListener: (listener: (message: unknown) => void) => () => void;
}

/** The request as the protocol validates it: absent options are left out, not sent as `undefined`. */
export function searchPayload(request: SearchRequest): RequestPayload<'search/query'> {
  return {
    text: request.text,
    dateOfService: request.dateOfService,
    ...(request.systems ? { systems: request.systems } : {}),
    ...(request.billableOnly ? { billableOnly: true } : {}),
    ...(request.chapter ? { chapter: request.chapter } : {}),
    ...(request.limit !== undefined ? { limit: request.limit } : {}),
  };
}

export function createExtensionSearchClient(deps: ExtensionSearchClientDeps): SearchClient {
  const send = makeSender(deps.sendMessage);
  return {
    search: (request) => send('search/query', searchPayload(request)),
    lookup: (system, code, dateOfService) => send('codes/lookup', { system, code, dateOfService }),
    children: (system, code, dateOfService) => send('codes/children', { system, code, dateOfService }),
    status: () => send('codesets/status', {}),
    onCodesetsChanged: (listener) =>
      deps.addMessageListener((message) => {
        if (parseEvent(message)?.type === 'codesets/changed') listener();
      }),
    onProgress: (listener) =>
      deps.addMessageListener((message) => {
        const event = parseEvent(message);
        if (event?.type === 'codesets/progress') listener(event.payload as LoadProgressSummary);
      }),
  };
}
