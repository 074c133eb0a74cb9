import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CdiItem, CdiReady } from '../../../components/sidepanel/cdi-client';
import {
  CdiModel,
  type CdiModelSettings,
  cdiMessages,
  deriveCopyAllowed,
  deriveCsvName,
  deriveFindings,
  deriveNextStatuses,
  deriveQueryText,
  GAP_LABELS,
} from '../../../components/sidepanel/cdi-model';
import { createMockCdiClient, MOCK_CDI_NOTE, type MockCdiOptions } from '../../../components/sidepanel/mock-cdi-client';
import { SidePanelModel } from '../../../components/sidepanel/model';
import { logMessages } from '../../../utils/cdi/messages';
import type { Gap, LintFinding, LintResult, QueryLogEntry, QueryStatus } from '../../../utils/cdi/types';
import { cdiServiceMessages } from '../../../utils/cdi-service';
import { mockSearchClient, PANEL_TODAY } from '../../helpers/sidepanel';

const INPATIENT = { setting: 'inpatient' as const, dateOfService: PANEL_TODAY };
const LEADING = 'Please document acute kidney injury.';
/** The mock client's answer for a page that cannot be read. */
const NOT_ENABLED = 'Chartcode is not enabled on this site. Enable it, or paste the note.';

// The real engine's answer for the mock note, for the pure derivations.
const reply = (await createMockCdiClient().client.current(INPATIENT)) as CdiReady;
const aki = reply.view.items.find((i) => i.opportunity.id === 'aki-indicators') as CdiItem;

/** The AKI draft with a leading sentence put before the response options. */
const leadingEdit = (draft: string) => draft.replace('\n\nResponse options:', ` ${LEADING}\n\nResponse options:`);

const lintResult = (over: Partial<LintResult> = {}): LintResult => ({
  ok: true,
  errors: [],
  warnings: [],
  kind: 'multiple-choice',
  indicatorCount: 1,
  optionCount: 4,
  ...over,
});

const finding = (code: LintFinding['code'], severity: LintFinding['severity'], start?: number): LintFinding => ({
  code,
  severity,
  message: code,
  ...(start === undefined ? {} : { span: { start, end: start + 1 } }),
});

const logEntry = (status: QueryStatus): QueryLogEntry => ({
  id: 'q1',
  date: PANEL_TODAY,
  updated: PANEL_TODAY,
  ruleId: 'aki-indicators',
  templateId: 'aki',
  condition: 'Acute kidney injury',
  options: [],
  lintResult: { ok: true, errors: [], warnings: [] },
  status,
});

describe('the mock note', () => {
  it('raises the AKI opportunity, citing the creatinine line', () => {
    expect(aki.draft.indicators.map((i) => i.quote)).toEqual([expect.stringContaining('Creatinine 2.3')]);
  });
});

describe('query text', () => {
  it('is empty without a selected item', () => {
    expect(deriveQueryText(undefined, { 'aki-indicators': 'x' })).toBe('');
  });

  it('is the draft when the item was not edited', () => {
    expect(deriveQueryText(aki, { 'sepsis-indicators': 'other edit' })).toBe(aki.draft.text);
  });

  it('is the edit when there is one', () => {
    expect(deriveQueryText(aki, { 'aki-indicators': 'edited' })).toBe('edited');
  });
});

describe('copy allowed', () => {
  it('needs a lint result', () => {
    expect(deriveCopyAllowed(undefined, 'text')).toBe(false);
  });

  it('allows text the linter passed', () => {
    expect(deriveCopyAllowed({ text: 'text', result: lintResult() }, 'text')).toBe(true);
  });

  it('allows text with warnings only', () => {
    expect(deriveCopyAllowed({ text: 'text', result: lintResult({ warnings: [finding('no-question', 'warning')] }) }, 'text')).toBe(true);
  });

  it('refuses text other than the text linted', () => {
    expect(deriveCopyAllowed({ text: 'text', result: lintResult() }, 'text edited')).toBe(false);
  });

  it('refuses text with an error', () => {
    expect(
      deriveCopyAllowed({ text: 'text', result: lintResult({ ok: false, errors: [finding('leading-wording', 'error')] }) }, 'text'),
    ).toBe(false);
  });

  it('refuses blank text', () => {
    expect(deriveCopyAllowed({ text: '  \n', result: lintResult() }, '  \n')).toBe(false);
  });
});

describe('findings', () => {
  it('are none without a result', () => {
    expect(deriveFindings(undefined)).toEqual([]);
  });

  it('lists errors before warnings, each in text order, findings without a place last', () => {
    const result = lintResult({
      ok: false,
      errors: [finding('no-indicators', 'error'), finding('leading-wording', 'error', 40), finding('financial-term', 'error', 10)],
      warnings: [finding('no-question', 'warning', 5), finding('single-option', 'warning', 2)],
    });
    expect(deriveFindings(result).map((f) => f.code)).toEqual([
      'financial-term',
      'leading-wording',
      'no-indicators',
      'single-option',
      'no-question',
    ]);
  });
});

describe('log statuses', () => {
  it.each([
    ['drafted', ['drafted', 'sent', 'answered', 'agreed']],
    ['sent', ['sent', 'answered', 'agreed']],
    ['answered', ['answered', 'agreed']],
    ['agreed', ['agreed']],
  ] as const)('%s may stay or move to %j', (status, next) => {
    expect(deriveNextStatuses(logEntry(status))).toEqual(next);
  });
});

describe('labels and names', () => {
  it('names the CSV after the day', () => {
    expect(deriveCsvName('2026-11-02')).toBe('chartcode-query-log-2026-11-02.csv');
  });

  it('has words for every gap', () => {
    const gaps: Gap[] = [
      'indicators-without-diagnosis',
      'diagnosis-without-indicators',
      'unspecified-diagnosis',
      'conflicting-documentation',
    ];
    for (const gap of gaps) expect(GAP_LABELS[gap]).toMatch(/^[A-Z]/);
  });

  it.each([
    [1, '1 documentation opportunity'],
    [2, '2 documentation opportunities'],
  ])('counts %i opportunities', (n, text) => {
    expect(cdiMessages.count(n)).toBe(text);
  });
});

// ---------------------------------------------------------------------------------------------
// The model, with the mock client (the real engine) and a real panel model

describe('CdiModel', () => {
  const stops: Array<() => void> = [];
  afterEach(() => {
    for (const stop of stops.splice(0)) stop();
    vi.useRealTimers();
  });

  function models(options: MockCdiOptions = {}, settings: CdiModelSettings = {}) {
    const mock = createMockCdiClient({ today: PANEL_TODAY, ...options });
    const panel = new SidePanelModel(mockSearchClient(), { today: PANEL_TODAY });
    panel.setSetting('inpatient');
    const model = new CdiModel(mock.client, panel, { lintDelayMs: 0, pollMs: 10, today: PANEL_TODAY, ...settings });
    return { ...mock, panel, model };
  }

  function connect(model: CdiModel) {
    stops.push(model.connect());
  }

  /** Connected, on the CDI tab, with the note reviewed. */
  async function reviewed(options: MockCdiOptions = {}, settings: CdiModelSettings = {}) {
    const all = models(options, settings);
    connect(all.model);
    all.panel.setTab('cdi');
    await vi.waitFor(() => expect(all.model.phase.value).toBe('done'));
    return all;
  }

  /** Reviewed, with the AKI opportunity selected. */
  async function onAki(options: MockCdiOptions = {}, settings: CdiModelSettings = {}) {
    const all = await reviewed(options, settings);
    all.model.select('aki-indicators');
    const item = all.model.selected.value;
    if (!item) throw new Error('no AKI opportunity');
    return { ...all, item };
  }

  describe('reviewing', () => {
    it('reviews nothing on connect while another tab is shown', async () => {
      const { model, calls } = models();
      connect(model);
      await new Promise((r) => setTimeout(r, 20));
      expect([model.phase.value, calls.current.length]).toEqual(['idle', 0]);
    });

    it('reviews the note when the CDI tab is shown, with the panel setting and date', async () => {
      const { calls } = await reviewed();
      expect(calls.current).toEqual([INPATIENT]);
    });

    it('selects the first opportunity', async () => {
      const { model } = await reviewed();
      expect(model.selectedId.value).toBe(model.items.value[0]?.opportunity.id);
    });

    it('offers the AKI opportunity with its creatinine quote', async () => {
      const { model } = await reviewed();
      const found = model.items.value.find((i) => i.opportunity.id === 'aki-indicators');
      expect(found?.draft.indicators.map((i) => i.quote)).toEqual([expect.stringContaining('Creatinine 2.3')]);
    });

    it('shows the draft with the lint that came with it, and allows copying it', async () => {
      const { model, item } = await onAki();
      expect([model.queryText.value, model.lint.value?.result, model.copyAllowed.value]).toEqual([item.draft.text, item.lint, true]);
    });

    it('asks for a valid date of service instead of reviewing', async () => {
      const { model, panel, calls } = await reviewed();
      panel.setDateOfService('2026-02-30');
      await vi.waitFor(() => expect(model.phase.value).toBe('bad-date'));
      expect(calls.current).toHaveLength(1);
    });

    it('waits while code sets load, then reviews', async () => {
      vi.useFakeTimers();
      const { model, panel, calls } = models({ loadingReplies: 2 }, { pollMs: 500 });
      connect(model);
      panel.setTab('cdi');
      await vi.advanceTimersByTimeAsync(0);
      expect([model.phase.value, model.loadingStatus.value?.state]).toEqual(['loading', 'loading']);
      await vi.advanceTimersByTimeAsync(500);
      expect([model.phase.value, calls.current.length]).toEqual(['loading', 2]);
      await vi.advanceTimersByTimeAsync(500);
      expect([model.phase.value, calls.current.length, model.loadingStatus.value, model.items.value.length > 0]).toEqual([
        'done',
        3,
        undefined,
        true,
      ]);
    });

    it('stops polling when disconnected', async () => {
      const { model, panel, calls } = models({ loadingReplies: 100 });
      const disconnect = model.connect();
      panel.setTab('cdi');
      await vi.waitFor(() => expect(model.phase.value).toBe('loading'));
      disconnect();
      const asked = calls.current.length;
      await new Promise((r) => setTimeout(r, 40));
      expect(calls.current.length).toBe(asked);
    });

    it('says why when there is no note', async () => {
      const { model, panel } = models({ note: null });
      connect(model);
      panel.setTab('cdi');
      await vi.waitFor(() => expect(model.phase.value).toBe('empty'));
      expect([model.emptyReason.value, model.items.value, model.selected.value]).toEqual([NOT_ENABLED, [], undefined]);
    });

    it('reviews again when the setting changes on the CDI tab', async () => {
      const { panel, calls } = await reviewed();
      panel.setSetting('outpatient');
      await vi.waitFor(() => expect(calls.current.map((c) => c.setting)).toEqual(['inpatient', 'outpatient']));
    });

    it('reviews again when the date of service changes on the CDI tab', async () => {
      const { panel, calls } = await reviewed();
      panel.setDateOfService('2026-10-01');
      await vi.waitFor(() => expect(calls.current.map((c) => c.dateOfService)).toEqual([PANEL_TODAY, '2026-10-01']));
    });

    it('does not review on a setting change while another tab is shown', async () => {
      const { panel, calls } = await reviewed();
      panel.setTab('search');
      panel.setSetting('outpatient');
      await new Promise((r) => setTimeout(r, 20));
      expect(calls.current).toHaveLength(1);
    });

    it('reviews at once when the page changes on the CDI tab', async () => {
      const { model, setNote } = await reviewed();
      setNote('PROGRESS NOTE\nASSESSMENT AND PLAN:\n1. Doing well.');
      await vi.waitFor(() => expect(model.items.value).toEqual([]));
      expect(model.stale.value).toBe(false);
    });

    it('marks the review stale when the page changes on another tab, and reviews on the next visit', async () => {
      const { model, panel, calls, setNote } = await reviewed();
      panel.setTab('search');
      setNote('PROGRESS NOTE\nASSESSMENT AND PLAN:\n1. Doing well.');
      expect([model.stale.value, calls.current.length, model.items.value.length > 0]).toEqual([true, 1, true]);
      panel.setTab('cdi');
      await vi.waitFor(() => expect(model.items.value).toEqual([]));
      expect([model.stale.value, calls.current.length]).toEqual([false, 2]);
    });
  });

  describe('the query editor', () => {
    it('lints an edit only after the pause', async () => {
      vi.useFakeTimers();
      const { model, calls, item } = await onAki({}, { lintDelayMs: 250 });
      model.edit(leadingEdit(item.draft.text));
      await vi.advanceTimersByTimeAsync(249);
      expect(calls.lint).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(calls.lint).toEqual([leadingEdit(item.draft.text)]);
    });

    it('lints one time for a burst of keystrokes', async () => {
      vi.useFakeTimers();
      const { model, calls, item } = await onAki({}, { lintDelayMs: 250 });
      model.edit(`${item.draft.text} a`);
      await vi.advanceTimersByTimeAsync(100);
      model.edit(`${item.draft.text} ab`);
      await vi.advanceTimersByTimeAsync(250);
      expect(calls.lint).toEqual([`${item.draft.text} ab`]);
    });

    it('finds leading wording in an edit', async () => {
      const { model, item } = await onAki();
      model.edit(leadingEdit(item.draft.text));
      await vi.waitFor(() => expect(model.linting.value).toBe(false));
      expect(model.findings.value.map((f) => [f.code, f.severity])).toEqual([['leading-wording', 'error']]);
    });

    it('blocks copying an edit with an error, and says so', async () => {
      const { model, panel, calls, item } = await onAki();
      model.edit(leadingEdit(item.draft.text));
      expect([await model.copy(), calls.copied, panel.announcement.value]).toEqual([false, [], cdiMessages.copyBlocked(1)]);
    });

    it('copies the untouched draft exactly', async () => {
      const { model, panel, calls, item } = await onAki();
      expect([await model.copy(), calls.copied, panel.announcement.value]).toEqual([true, [item.draft.text], cdiMessages.copied]);
    });

    it('lints before copying when the pause has not ended', async () => {
      vi.useFakeTimers();
      const { model, calls, item } = await onAki({}, { lintDelayMs: 250 });
      model.edit(leadingEdit(item.draft.text));
      expect([await model.copy(), calls.copied]).toEqual([false, []]);
    });

    it('says why when the clipboard refuses', async () => {
      const { model, panel } = await onAki({ clipboardError: 'Document is not focused.' });
      expect([await model.copy(), panel.announcement.value]).toEqual([false, cdiMessages.copyFailed('Document is not focused.')]);
    });

    it('blocks copying, and says why, when the linter cannot run', async () => {
      const mock = createMockCdiClient({ today: PANEL_TODAY });
      mock.client.lint = async () => Promise.reject(new Error('No reply'));
      const panel = new SidePanelModel(mockSearchClient(), { today: PANEL_TODAY });
      const model = new CdiModel(mock.client, panel, { lintDelayMs: 0 });
      connect(model);
      panel.setTab('cdi');
      await vi.waitFor(() => expect(model.phase.value).toBe('done'));
      model.edit(`${model.queryText.value} Thank you.`);
      expect([await model.copy(), mock.calls.copied, panel.announcement.value]).toEqual([false, [], cdiMessages.lintFailed('No reply')]);
    });

    it('restores the draft, which copies again', async () => {
      const { model, panel, calls, item } = await onAki();
      model.edit(leadingEdit(item.draft.text));
      await vi.waitFor(() => expect(model.copyAllowed.value).toBe(false));
      model.resetDraft();
      expect([model.queryText.value, model.edited.value, panel.announcement.value]).toEqual([
        item.draft.text,
        false,
        cdiMessages.draftReset,
      ]);
      expect([await model.copy(), calls.copied]).toEqual([true, [item.draft.text]]);
    });

    it('keeps the draft copyable when it is restored before the pause ends', async () => {
      vi.useFakeTimers();
      const { model, item } = await onAki({}, { lintDelayMs: 250 });
      model.edit(leadingEdit(item.draft.text));
      model.resetDraft();
      await vi.advanceTimersByTimeAsync(300);
      expect([model.lint.value?.text, model.linting.value, model.copyAllowed.value]).toEqual([item.draft.text, false, true]);
    });

    it('keeps the lint of the opportunity shown when another is selected before the pause ends', async () => {
      vi.useFakeTimers();
      const { model, item } = await onAki({}, { lintDelayMs: 250 });
      const other = model.items.value.find((i) => i.opportunity.id !== item.opportunity.id);
      if (!other) throw new Error('the mock note has one opportunity only');
      model.edit(leadingEdit(item.draft.text));
      model.select(other.opportunity.id);
      await vi.advanceTimersByTimeAsync(300);
      expect([model.lint.value?.text, model.copyAllowed.value]).toEqual([other.draft.text, true]);
    });

    it('keeps an edit when the setting changes', async () => {
      const { model, panel, calls, item } = await onAki();
      model.edit(`${item.draft.text} Thank you.`);
      panel.setSetting('outpatient');
      await vi.waitFor(() => expect(calls.current).toHaveLength(2));
      await vi.waitFor(() => expect(model.phase.value).toBe('done'));
      expect([model.selectedId.value, model.queryText.value]).toEqual(['aki-indicators', `${item.draft.text} Thank you.`]);
    });
  });

  it('drops the edits when another note is reviewed, even under the same title (a second pasted note)', async () => {
    const { model, item, setNote } = await onAki();
    model.edit(`${item.draft.text} Thank you.`);
    await vi.waitFor(() => expect(model.linting.value).toBe(false));
    setNote(MOCK_CDI_NOTE.replace('Creatinine 2.3 mg/dL', 'Creatinine 2.9 mg/dL'));
    await vi.waitFor(() => expect(model.queryText.value).toContain('2.9'));
    expect([model.selectedId.value, model.edited.value, model.queryText.value.includes('Thank you.')]).toEqual(['aki-indicators', false, false]);
  });

  describe('the query log', () => {
    it('loads the log on connect', async () => {
      const { model } = models({ logEnabled: true });
      connect(model);
      await vi.waitFor(() => expect(model.log.value).toEqual({ enabled: true, entries: [] }));
    });

    it('refuses to add while off, with the reason, and keeps nothing', async () => {
      const { model, client } = await onAki();
      await model.addToLog();
      expect([model.logError.value, model.log.value.entries, (await client.log()).entries]).toEqual([cdiServiceMessages.logOff, [], []]);
    });

    it('announces a failed change', async () => {
      const { model, panel } = await onAki();
      await model.addToLog();
      expect(panel.announcement.value).toBe(cdiMessages.logFailed(cdiServiceMessages.logOff));
    });

    it('turns on', async () => {
      const { model, panel } = await onAki();
      await model.setLogEnabled(true);
      expect([model.log.value.enabled, panel.announcement.value]).toEqual([true, cdiMessages.logOn]);
    });

    it('adds the selected query as drafted', async () => {
      const { model } = await onAki();
      await model.setLogEnabled(true);
      await model.addToLog();
      expect(model.log.value.entries.map((e) => [e.ruleId, e.status, e.lintResult.ok])).toEqual([['aki-indicators', 'drafted', true]]);
    });

    it('logs the lint of the edit, even before the pause ends', async () => {
      vi.useFakeTimers();
      const { model, item } = await onAki({ logEnabled: true }, { lintDelayMs: 250 });
      model.edit(leadingEdit(item.draft.text));
      await model.addToLog();
      expect(model.log.value.entries.map((e) => e.lintResult)).toEqual([{ ok: false, errors: ['leading-wording'], warnings: [] }]);
    });

    it('logs nothing when the edit cannot be linted', async () => {
      const all = await onAki({ logEnabled: true });
      all.client.lint = async () => Promise.reject(new Error('No reply'));
      all.model.edit(leadingEdit(all.item.draft.text));
      await all.model.addToLog();
      expect([all.model.logError.value, (await all.client.log()).entries]).toEqual(['No reply', []]);
    });

    it('moves a query forward', async () => {
      const { model, panel } = await onAki({ logEnabled: true });
      await model.addToLog();
      const entry = model.log.value.entries[0] as QueryLogEntry;
      await model.setStatus(entry.id, 'sent');
      expect([model.log.value.entries[0]?.status, panel.announcement.value]).toEqual([
        'sent',
        cdiMessages.statusSet(entry.condition, 'sent'),
      ]);
    });

    it('refuses to move a query back', async () => {
      const { model } = await onAki({ logEnabled: true });
      await model.addToLog();
      const id = model.log.value.entries[0]?.id ?? '';
      await model.setStatus(id, 'answered');
      await model.setStatus(id, 'sent');
      expect([model.log.value.entries[0]?.status, model.logError.value]).toEqual([
        'answered',
        logMessages.badStatusOrder('answered', 'sent'),
      ]);
    });

    it('clears', async () => {
      const { model, panel } = await onAki({ logEnabled: true });
      await model.addToLog();
      await model.clearLog();
      expect([model.log.value.entries, panel.announcement.value]).toEqual([[], cdiMessages.logCleared]);
    });

    describe('CSV export', () => {
      async function exported() {
        const all = await onAki({ logEnabled: true });
        all.model.edit(leadingEdit(all.item.draft.text));
        await all.model.addToLog();
        await all.model.exportCsv();
        const saved = all.calls.saved[0];
        if (!saved) throw new Error('nothing saved');
        return { ...all, saved, entry: all.model.log.value.entries[0] as QueryLogEntry };
      }

      it('saves a dated CSV file', async () => {
        const { saved } = await exported();
        expect([saved.name, saved.type]).toEqual([`chartcode-query-log-${PANEL_TODAY}.csv`, 'text/csv']);
      });

      it('announces the count', async () => {
        const { panel } = await exported();
        expect(panel.announcement.value).toBe(cdiMessages.exported(1));
      });

      it('holds the condition', async () => {
        const { saved, entry } = await exported();
        expect(saved.text).toContain(entry.condition);
      });

      it.each(['ceftriaxone', '2.3', 'baseline', 'lisinopril', 'Please document', 'Clinical indicators found'])(
        'never holds note or query text: %s',
        async (text) => {
          const { saved } = await exported();
          expect(MOCK_CDI_NOTE.includes(text) || leadingEdit(aki.draft.text).includes(text)).toBe(true);
          expect(saved.text).not.toContain(text);
        },
      );
    });
  });
});
