import { describe, expect, it, vi } from 'vitest';
import type { AnalysisReply } from '../../../components/sidepanel/analysis-client';
import { createMockAnalysisClient } from '../../../components/sidepanel/mock-analysis-client';
import { fixtureAnalysis, SYNTHETIC_NOTE } from '../../../components/sidepanel/mock-analysis-fixtures';
import { SidePanelModel } from '../../../components/sidepanel/model';
import {
  deriveAnalysisStatus,
  deriveConflicts,
  deriveEvidenceSnippets,
  deriveEvidenceSpans,
  deriveKeptActive,
  deriveNavOrder,
  deriveNextKey,
  deriveOverrides,
  deriveRejectedItems,
  deriveSuggestionGroups,
  deriveSuggestionItems,
  deriveWorksheetEntry,
  groupOf,
  isOverridden,
  NOT_CODED_REASONS,
  SuggestionsModel,
} from '../../../components/sidepanel/suggestions-model';
import type { AnalysisSettings, NotCodedReason, Suggestion } from '../../../utils/coding/types';
import { mockSearchClient, PANEL_TODAY } from '../../helpers/sidepanel';

const OUTPATIENT = { setting: 'outpatient' as const, dateOfService: '2026-11-22' };
const INPATIENT = { setting: 'inpatient' as const, dateOfService: '2026-11-22' };

const suggestion = (over: Partial<Suggestion>): Suggestion => ({
  code: 'I10',
  display: 'I10',
  title: 'Essential (primary) hypertension',
  system: 'icd10cm',
  kind: 'diagnosis',
  score: 0.5,
  reason: '',
  evidence: [],
  context: 'affirmed',
  section: 'assessment_plan',
  status: 'suggested',
  state: 'billable',
  mentionIds: ['m0'],
  ...over,
});

const groupCodes = (groups: ReturnType<typeof deriveSuggestionGroups>) =>
  Object.fromEntries(groups.map((g) => [g.id, g.items.map((i) => i.suggestion.display)]));

describe('grouping', () => {
  it('puts each status in its group, in the fixed order, best score first', () => {
    const groups = deriveSuggestionGroups(fixtureAnalysis(SYNTHETIC_NOTE, OUTPATIENT).suggestions);
    expect(groups.map((g) => g.label)).toEqual(['Diagnoses', 'Procedures', 'Incomplete', 'Conflicts', 'Not coded']);
    expect(groupCodes(groups)).toEqual({
      diagnoses: ['I10', 'Z86.0100', 'Z80.3'],
      procedures: ['G0121'],
      incomplete: ['S72.001'],
      conflicts: ['E11.65', 'E10.9'],
      'not-coded': ['R07.9', 'J18.9'],
    });
  });

  it('follows the setting: uncertain pneumonia is coded inpatient, and the procedure is PCS', () => {
    const groups = groupCodes(deriveSuggestionGroups(fixtureAnalysis(SYNTHETIC_NOTE, INPATIENT).suggestions));
    expect(groups.diagnoses).toEqual(['I10', 'Z86.0100', 'Z80.3', 'J18.9']);
    expect(groups.procedures).toEqual(['0DJD8ZZ']);
    expect(groups['not-coded']).toEqual(['R07.9']);
  });

  it('leaves empty groups out and hides rejected codes', () => {
    const list = [suggestion({ code: 'I10', score: 0.4 }), suggestion({ code: 'E119', display: 'E11.9', score: 0.9 })];
    expect(groupCodes(deriveSuggestionGroups(list))).toEqual({ diagnoses: ['E11.9', 'I10'] });
    expect(groupCodes(deriveSuggestionGroups(list, ['icd10cm:E119']))).toEqual({ diagnoses: ['I10'] });
    expect(deriveSuggestionGroups([])).toEqual([]);
  });

  it.each([
    ['suggested', 'diagnosis', 'diagnoses'],
    ['suggested', 'procedure', 'procedures'],
    ['incomplete', 'diagnosis', 'incomplete'],
    ['conflict', 'diagnosis', 'conflicts'],
    ['not-coded', 'procedure', 'not-coded'],
  ] as const)('%s %s → %s', (status, kind, group) => {
    expect(groupOf({ status, kind })).toBe(group);
  });

  it('gives a second suggestion of the same code its own key; rejecting hides both', () => {
    const list = [suggestion({}), suggestion({ status: 'not-coded', notCoded: 'negated', mentionIds: ['m4'] })];
    expect(deriveSuggestionItems(list).map((i) => i.key)).toEqual(['icd10cm:I10', 'icd10cm:I10#2']);
    expect(deriveSuggestionGroups(list, ['icd10cm:I10'])).toEqual([]);
    expect(deriveRejectedItems(list, ['icd10cm:I10']).map((i) => i.key)).toEqual(['icd10cm:I10']);
  });

  it('lists rejected codes most recent first', () => {
    const list = [suggestion({ code: 'A', display: 'A' }), suggestion({ code: 'B', display: 'B' })];
    expect(deriveRejectedItems(list, ['icd10cm:A', 'icd10cm:B', 'icd10cm:GONE']).map((i) => i.suggestion.display)).toEqual(['B', 'A']);
  });

  it('has plain words for every not-coded reason', () => {
    const reasons: NotCodedReason[] = [
      'negated',
      'ruled-out',
      'uncertain-outpatient',
      'hypothetical',
      'other-experiencer',
      'integral-symptom',
      'history-no-code',
      'not-valid-on-date',
      'superseded-by-combination',
    ];
    for (const reason of reasons) expect(NOT_CODED_REASONS[reason]).toMatch(/^[A-Z].+\.$/);
  });
});

describe('keyboard order', () => {
  const groups = deriveSuggestionGroups(fixtureAnalysis(SYNTHETIC_NOTE, OUTPATIENT).suggestions);

  it('walks the groups as shown, skipping a collapsed Not coded group', () => {
    expect(deriveNavOrder(groups, false)).toEqual([
      'icd10cm:I10',
      'icd10cm:Z860100',
      'icd10cm:Z803',
      'hcpcs:G0121',
      'icd10cm:S72001',
      'icd10cm:E1165',
      'icd10cm:E109',
    ]);
    expect(deriveNavOrder(groups, true).slice(-2)).toEqual(['icd10cm:R079', 'icd10cm:J189']);
  });

  it('moves to the next or previous key and stops at the ends', () => {
    const order = ['a', 'b', 'c'];
    expect(deriveNextKey(order, undefined, 1)).toBe('a');
    expect(deriveNextKey(order, undefined, -1)).toBe('c');
    expect(deriveNextKey(order, 'a', 1)).toBe('b');
    expect(deriveNextKey(order, 'c', 1)).toBe('c');
    expect(deriveNextKey(order, 'a', -1)).toBe('a');
    expect(deriveNextKey(order, 'gone', 1)).toBe('a');
    expect(deriveNextKey([], 'a', 1)).toBeUndefined();
  });

  it('keeps the active key when it survives an update, else takes the one at its place', () => {
    expect(deriveKeptActive(['a', 'b', 'c'], ['c', 'b'], 'b')).toBe('b');
    expect(deriveKeptActive(['a', 'b', 'c'], ['a', 'c', 'd'], 'b')).toBe('c');
    expect(deriveKeptActive(['a', 'b', 'c'], ['a'], 'c')).toBe('a');
    expect(deriveKeptActive([], ['x', 'y'], undefined)).toBe('x');
    expect(deriveKeptActive(['a'], [], 'a')).toBeUndefined();
  });
});

describe('context overrides', () => {
  it('sets the label on every mention of the suggestion, keeping the other flips', () => {
    const overrides = deriveOverrides({ m1: 'negated' }, { mentionIds: ['m2', 'm3'] }, 'family');
    expect(overrides).toEqual({ m1: 'negated', m2: 'family', m3: 'family' });
    expect(isOverridden(overrides, { mentionIds: ['m2', 'm3'] })).toBe(true);
    expect(isOverridden(overrides, { mentionIds: ['m2', 'm9'] })).toBe(false);
    expect(isOverridden(overrides, { mentionIds: [] })).toBe(false);
  });

  it('changes what the fixtures suggest: flipping hypertension to family gives Z82.49', () => {
    const result = fixtureAnalysis(SYNTHETIC_NOTE, OUTPATIENT);
    const i10 = result.suggestions.find((s) => s.code === 'I10');
    if (!i10) throw new Error('I10 missing');
    const flipped = fixtureAnalysis(SYNTHETIC_NOTE, OUTPATIENT, deriveOverrides({}, i10, 'family'));
    expect(flipped.suggestions.find((s) => s.mentionIds.includes(i10.mentionIds[0] ?? ''))?.display).toBe('Z82.49');
  });
});

describe('evidence', () => {
  const s = suggestion({
    evidence: [
      { start: 40, end: 50, text: 'second' },
      { start: 10, end: 20, text: 'first' },
      { start: 10, end: 20, text: 'first again' },
      { start: 30, end: 25, text: 'backwards' },
    ],
  });

  it('highlights the clicked span first, then the others in text order, without repeats or bad spans', () => {
    expect(deriveEvidenceSpans(s, 0)).toEqual([
      { start: 40, end: 50 },
      { start: 10, end: 20 },
    ]);
    expect(deriveEvidenceSpans(s, 1)).toEqual([
      { start: 10, end: 20 },
      { start: 40, end: 50 },
    ]);
    expect(deriveEvidenceSpans(s, 9)).toEqual([
      { start: 10, end: 20 },
      { start: 40, end: 50 },
    ]);
  });

  it('shows snippets on one line, cut, with a count of the rest', () => {
    const long = suggestion({
      evidence: [
        { start: 0, end: 1, text: '  chest\n\tpain  ' },
        { start: 0, end: 1, text: 'x'.repeat(200) },
        { start: 0, end: 1, text: '   ' },
        { start: 0, end: 1, text: 'c' },
      ],
    });
    const { snippets, more } = deriveEvidenceSnippets(long, 10, 2);
    expect(snippets).toEqual([
      { index: 0, text: 'chest pain' },
      { index: 1, text: `${'x'.repeat(9)}…` },
    ]);
    expect(more).toBe(1);
  });
});

describe('worksheet entries from suggestions', () => {
  it('takes a billable suggestion as it is', () => {
    expect(deriveWorksheetEntry(suggestion({}))).toEqual({
      ok: true,
      entry: { system: 'icd10cm', code: 'I10', display: 'I10', title: 'Essential (primary) hypertension', from: 'suggestion' },
    });
  });

  it('refuses an item that names no code (a term listed for a query)', () => {
    const query = suggestion({
      code: '',
      display: '—',
      title: 'Urosepsis: no code',
      status: 'not-coded',
      notCoded: 'no-code-query',
      state: 'unknown',
    });
    expect(deriveWorksheetEntry(query)).toEqual({ ok: false, problem: 'no-code', display: '“Urosepsis: no code”' });
  });

  it('needs a chosen completion for an incomplete code', () => {
    const s72 = suggestion({
      code: 'S72001',
      display: 'S72.001',
      status: 'incomplete',
      state: 'header',
      choices: [{ code: 'S72001A', display: 'S72.001A', title: 'initial' }],
    });
    expect(deriveWorksheetEntry(s72)).toEqual({ ok: false, problem: 'choose', display: 'S72.001' });
    expect(deriveWorksheetEntry(s72, 'S72001A')).toEqual({
      ok: true,
      entry: { system: 'icd10cm', code: 'S72001A', display: 'S72.001A', title: 'initial', from: 'suggestion' },
    });
    expect(deriveWorksheetEntry({ ...s72, choices: [] })).toEqual({ ok: false, problem: 'no-completions', display: 'S72.001' });
  });

  it('refuses a code not valid on the date', () => {
    expect(deriveWorksheetEntry(suggestion({ state: 'invalid-on-date' }))).toEqual({ ok: false, problem: 'not-billable', display: 'I10' });
  });

  it('names Excludes1 partners with their titles when they are suggested', () => {
    const all = fixtureAnalysis(SYNTHETIC_NOTE, OUTPATIENT).suggestions;
    const e109 = all.find((s) => s.code === 'E109');
    if (!e109) throw new Error('E10.9 missing');
    expect(deriveConflicts(e109, all)).toEqual([
      { code: 'E1165', display: 'E11.65', title: 'Type 2 diabetes mellitus with hyperglycemia' },
    ]);
    expect(deriveConflicts(suggestion({ conflictsWith: ['Q999'] }), [])).toEqual([{ code: 'Q999', display: 'Q999', title: '' }]);
  });
});

describe('status line', () => {
  const view = { result: fixtureAnalysis(SYNTHETIC_NOTE, OUTPATIENT), source: { kind: 'page' as const, title: 'Note' } };
  const none = { ...view, result: { ...view.result, suggestions: [] } };

  it.each([
    ['idle', undefined, 'Reading the note…', true],
    ['working', undefined, 'Reading the note…', true],
    ['working', view, 'Updating the suggestions…', true],
    ['loading', undefined, 'Loading code sets… the note is analysed as soon as they are ready.', true],
    ['bad-date', view, 'Enter a valid date of service to see suggestions.', false],
    ['empty', undefined, '', false],
    ['done', view, '', false],
    ['done', none, 'No codable conditions or procedures were found in this text.', false],
  ] as const)('%s → %j', (phase, v, text, busy) => {
    const status = deriveAnalysisStatus(phase, v);
    expect([status.text, status.busy]).toEqual([text, busy]);
  });

  it('quotes the failure', () => {
    expect(deriveAnalysisStatus('failed', undefined, 'No reply').text).toBe('Analysis failed: No reply');
  });
});

describe('SuggestionsModel', () => {
  function deferred<T>() {
    let resolve!: (value: T) => void;
    const promise = new Promise<T>((r) => {
      resolve = r;
    });
    return { promise, resolve };
  }

  function models(client = createMockAnalysisClient().client) {
    const panel = new SidePanelModel(mockSearchClient(), { today: PANEL_TODAY });
    const model = new SuggestionsModel(client, panel, { pollMs: 10 });
    return { panel, model };
  }

  it('keeps the newest answer when an older, slower one arrives later', async () => {
    const { client } = createMockAnalysisClient();
    const pending: Array<{ settings: AnalysisSettings; answer: ReturnType<typeof deferred<AnalysisReply>> }> = [];
    const real = client.reanalyze.bind(client);
    client.reanalyze = (settings, overrides) => {
      const answer = deferred<AnalysisReply>();
      pending.push({ settings, answer });
      return answer.promise.then(() => real(settings, overrides));
    };
    const { panel, model } = models(client);
    const disconnect = model.connect();
    await vi.waitFor(() => expect(model.phase.value).toBe('done'));

    panel.setSetting('inpatient');
    panel.setSetting('outpatient');
    expect(pending.map((p) => p.settings.setting)).toEqual(['inpatient', 'outpatient']);
    pending[1]?.answer.resolve({ empty: true, reason: '' });
    await vi.waitFor(() => expect(model.phase.value).toBe('done'));
    pending[0]?.answer.resolve({ empty: true, reason: '' });
    await new Promise((r) => setTimeout(r, 20));
    // The outpatient answer stands: the procedure is HCPCS, not PCS.
    expect(model.groups.value.find((g) => g.id === 'procedures')?.items.map((i) => i.suggestion.display)).toEqual(['G0121']);
    disconnect();
  });

  it('stops listening and polling when disconnected', async () => {
    const mock = createMockAnalysisClient({ loadingReplies: 100 });
    const { model } = models(mock.client);
    const disconnect = model.connect();
    await vi.waitFor(() => expect(model.phase.value).toBe('loading'));
    expect(mock.listenerCount()).toBe(1);
    disconnect();
    const asked = mock.calls.current.length;
    await new Promise((r) => setTimeout(r, 40));
    expect(mock.calls.current.length).toBe(asked);
    expect(mock.listenerCount()).toBe(0);
  });

  it('never stores pasted text outside its own memory: the paste goes to analyzeText only', async () => {
    const mock = createMockAnalysisClient({ page: null });
    const { panel, model } = models(mock.client);
    const disconnect = model.connect();
    await vi.waitFor(() => expect(model.phase.value).toBe('empty'));
    model.setPasteText('Hypertension.');
    await model.analyzePaste();
    model.accept('icd10cm:I10');
    expect(panel.worksheet.value).toEqual([
      { system: 'icd10cm', code: 'I10', display: 'I10', title: 'Essential (primary) hypertension', from: 'suggestion' },
    ]);
    expect(mock.calls.analyzeText.map((c) => c.text)).toEqual(['Hypertension.']);
    expect(JSON.stringify(panel.worksheet.value)).not.toContain('Hypertension.');
    disconnect();
  });
});
