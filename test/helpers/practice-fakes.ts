/**
 * Mock clients for the practice page: a search client answering a few synthetic queries in the
 * engine's shapes, a practice client with canned engine suggestions, and a file saver that records.
 */
import { vi } from 'vitest';
import type { PageAnalysis, PracticeClient } from '../../components/practice/client';
import type { SearchClient } from '../../components/sidepanel/client';
import type { LookupResult } from '../../utils/codes/catalog';
import type { Suggestion } from '../../utils/coding/types';
import type { CodesetStatus } from '../../utils/messaging';
import type { SearchHit, SearchRequest, SearchResponse } from '../../utils/search/types';

export const READY: CodesetStatus = { state: 'ready', versions: [] };

const TITLES: Record<string, string> = {
  E1165: 'Type 2 diabetes mellitus with hyperglycemia',
  E119: 'Type 2 diabetes mellitus without complications',
  Z7984: 'Long term (current) use of oral hypoglycemic drugs',
  I10: 'Essential (primary) hypertension',
  R0989: 'Other specified symptoms and signs involving the circulatory and respiratory systems',
};

const dotted = (code: string) => (code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code);

export const hit = (code: string, over: Partial<SearchHit> = {}): SearchHit => ({
  system: 'icd10cm',
  code,
  display: dotted(code),
  title: TITLES[code] ?? `Title of ${dotted(code)}`,
  matched: TITLES[code] ?? `Title of ${dotted(code)}`,
  source: 'title',
  highlights: [],
  state: 'billable',
  chapter: '4',
  ...over,
});

const response = (query: string, hits: SearchHit[]): SearchResponse => ({
  query,
  hits,
  candidates: hits.length,
  tookMs: 1,
  interpretation: { corrections: [], expansions: [] },
});

/** "diab hyperg" → E11.65, E11.9; "metformin" or a code → that code. */
export function answer(request: SearchRequest): SearchResponse {
  const text = request.text.toLowerCase().replace(/\./g, '');
  if (text.startsWith('diab')) return response(request.text, [hit('E1165'), hit('E119')]);
  if (text.startsWith('metformin') || text === 'z7984') return response(request.text, [hit('Z7984', { chapter: '21' })]);
  const code = text.toUpperCase();
  if (TITLES[code]) return response(request.text, [hit(code)]);
  return response(request.text, []);
}

export function lookupResult(code: string, over: Partial<LookupResult> = {}): LookupResult {
  return {
    system: 'icd10cm',
    input: code,
    code,
    display: dotted(code),
    state: 'billable',
    reason: `${dotted(code)} is billable on this date.`,
    dateOfService: '2026-10-07',
    fiscalYear: 2027,
    title: TITLES[code] ?? `Title of ${dotted(code)}`,
    billableIn: [2026, 2027],
    replacedBy: [],
    ancestors: [],
    notes: [],
    seventh: [],
    children: [],
    hcc: [],
    poaExempt: false,
    ...over,
  };
}

export function mockSearchClient(over: Partial<SearchClient> = {}): SearchClient {
  return {
    search: vi.fn(async (request: SearchRequest) => answer(request)),
    lookup: vi.fn(async (_system, code: string) => lookupResult(code.replace(/\./g, '').toUpperCase())),
    children: vi.fn(async () => []),
    status: vi.fn(async () => READY),
    onCodesetsChanged: vi.fn(() => () => {}),
    onProgress: vi.fn(() => () => {}),
    ...over,
  };
}

export const suggestion = (code: string, over: Partial<Suggestion> = {}): Suggestion => ({
  code,
  display: dotted(code),
  title: TITLES[code] ?? `Title of ${dotted(code)}`,
  system: 'icd10cm',
  kind: 'diagnosis',
  score: 0.9,
  reason: `Suggested from the words of the note (${dotted(code)}).`,
  evidence: [],
  context: 'affirmed',
  section: 'assessment_plan',
  status: 'suggested',
  state: 'billable',
  mentionIds: [],
  ...over,
});

/** The engine's canned answer for end-01: E11.65, and R73.09 listed as not coded. */
export const ENGINE_SUGGESTIONS: Suggestion[] = [
  suggestion('E1165'),
  suggestion('R7309', { status: 'not-coded', notCoded: 'integral-symptom', context: 'affirmed' }),
];

export function mockPracticeClient(over: Partial<PracticeClient> = {}): PracticeClient {
  return {
    engineSuggestions: vi.fn(async () => ENGINE_SUGGESTIONS),
    currentTabSuggestions: vi.fn(
      async (): Promise<PageAnalysis> => ({ ok: true, suggestions: [suggestion('I10')], source: { origin: 'https://ehr.example.test' } }),
    ),
    ...over,
  };
}

export function recordingSaver() {
  const files: Array<{ name: string; text: string; type: string }> = [];
  return { files, saveFile: vi.fn((name: string, text: string, type: string) => void files.push({ name, text, type })) };
}
