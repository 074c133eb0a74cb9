import { describe, expect, it } from 'vitest';
import { isEmptyReply } from '../../../components/sidepanel/analysis-client';
import { isLoadingReply } from '../../../components/sidepanel/client';
import { createMockAnalysisClient, MOCK_EMPTY_REASON, MOCK_PAGE } from '../../../components/sidepanel/mock-analysis-client';
import { fixtureAnalysis, fixtureMentions, SYNTHETIC_NOTE } from '../../../components/sidepanel/mock-analysis-fixtures';

const OUTPATIENT = { setting: 'outpatient' as const, dateOfService: '2026-11-22' };

describe('fixtures', () => {
  it('point every evidence span and mention at its words in the note', () => {
    const result = fixtureAnalysis(SYNTHETIC_NOTE, OUTPATIENT);
    expect(result.suggestions.length).toBeGreaterThan(5);
    for (const s of result.suggestions) {
      for (const e of s.evidence) expect(SYNTHETIC_NOTE.slice(e.start, e.end)).toBe(e.text);
      for (const id of s.mentionIds) expect(result.mentions.some((m) => m.id === id)).toBe(true);
    }
    for (const m of result.mentions) expect(SYNTHETIC_NOTE.slice(m.span.start, m.span.end)).toBe(m.text);
  });

  it('number mentions in text order', () => {
    expect(fixtureMentions(SYNTHETIC_NOTE).map(({ mention }) => `${mention.id} ${mention.text}`)).toEqual([
      'm0 type 2 diabetes with hyperglycemia',
      'm1 hypertension',
      'm2 chest pain',
      'm3 colon polyps',
      'm4 breast cancer',
      'm5 Type 1 diabetes',
      'm6 pneumonia',
      'm7 Fracture of right femoral neck',
      'm8 Colonoscopy',
    ]);
  });

  it('make a new code invalid before its first day', () => {
    const old = fixtureAnalysis(SYNTHETIC_NOTE, { setting: 'outpatient', dateOfService: '2023-09-30' });
    expect(old.suggestions.find((s) => s.code === 'Z860100')).toMatchObject({
      state: 'invalid-on-date',
      status: 'not-coded',
      notCoded: 'not-valid-on-date',
    });
  });
});

describe('createMockAnalysisClient', () => {
  it('answers the page, then re-runs the pasted text on reanalyze', async () => {
    const { client, calls } = createMockAnalysisClient();
    const page = await client.current(OUTPATIENT);
    expect(!isEmptyReply(page) && !isLoadingReply(page) && page.source).toEqual({
      kind: 'page',
      title: MOCK_PAGE.title,
      origin: MOCK_PAGE.origin,
    });

    const pasted = await client.analyzeText('Hypertension.', OUTPATIENT);
    expect(!isLoadingReply(pasted) && pasted.suggestions.map((s) => s.display)).toEqual(['I10']);
    const again = await client.reanalyze(OUTPATIENT, { m0: 'negated' });
    expect(!isEmptyReply(again) && !isLoadingReply(again) && again.source.kind).toBe('paste');
    expect(!isEmptyReply(again) && !isLoadingReply(again) && again.result.suggestions[0]?.status).toBe('not-coded');
    expect(calls.reanalyze).toEqual([{ settings: OUTPATIENT, overrides: { m0: 'negated' } }]);
    expect(await client.highlight([{ start: 0, end: 3 }])).toBe(false); // a paste has no page
  });

  it('says why when there is no page, answers loading first when asked, and tells listeners of a new page', async () => {
    const mock = createMockAnalysisClient({ page: null, loadingReplies: 1 });
    expect(isLoadingReply(await mock.client.current(OUTPATIENT))).toBe(true);
    expect(await mock.client.current(OUTPATIENT)).toEqual({ empty: true, reason: MOCK_EMPTY_REASON });
    let told = 0;
    const off = mock.client.onUpdated(() => told++);
    mock.setPage(MOCK_PAGE);
    off();
    mock.setPage(null);
    expect(told).toBe(1);
    expect(mock.listenerCount()).toBe(0);
  });
});
