/**
 * A `SearchClient` for side panel tests that are not about search: searches find E11.9, lookups
 * answer with the POA-exempt flag of a few synthetic codes. Every method is a spy.
 */
import { vi } from 'vitest';
import type { SearchClient } from '../../components/sidepanel/client';
import type { LookupResult } from '../../utils/codes/catalog';
import type { CodeSystem } from '../../utils/codes/types';
import type { CodesetStatus } from '../../utils/messaging';
import type { SearchRequest, SearchResponse } from '../../utils/search/types';

export const PANEL_TODAY = '2026-11-22';

/** Family and personal history Z codes are on the CMS POA-exempt list. */
export const POA_EXEMPT = new Set(['Z803', 'Z8249', 'Z860100']);

const READY: CodesetStatus = { state: 'ready', versions: [] };

export function lookupAnswer(system: CodeSystem, code: string, dateOfService: string): LookupResult {
  return {
    system,
    input: code,
    code,
    display: code,
    state: 'billable',
    reason: '',
    dateOfService,
    fiscalYear: 2027,
    billableIn: [2027],
    replacedBy: [],
    ancestors: [],
    notes: [],
    seventh: [],
    children: [],
    hcc: [],
    poaExempt: POA_EXEMPT.has(code),
  };
}

export function searchAnswer(request: SearchRequest): SearchResponse {
  const hits: SearchResponse['hits'] = request.text.toLowerCase().startsWith('diab')
    ? [
        {
          system: 'icd10cm',
          code: 'E119',
          display: 'E11.9',
          title: 'Type 2 diabetes mellitus without complications',
          matched: 'Type 2 diabetes mellitus without complications',
          source: 'title',
          highlights: [],
          state: 'billable',
        },
      ]
    : [];
  return { query: request.text, hits, candidates: hits.length, tookMs: 1, interpretation: { corrections: [], expansions: [] } };
}

export function mockSearchClient(over: Partial<SearchClient> = {}): SearchClient {
  return {
    search: vi.fn(async (request: SearchRequest) => searchAnswer(request)),
    lookup: vi.fn(async (system: CodeSystem, code: string, date: string) => lookupAnswer(system, code, date)),
    children: vi.fn(async () => []),
    status: vi.fn(async () => READY),
    onCodesetsChanged: vi.fn(() => () => undefined),
    onProgress: vi.fn(() => () => undefined),
    ...over,
  };
}
