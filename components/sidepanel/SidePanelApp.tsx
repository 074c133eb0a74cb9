import { useModel } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { todayIso } from '../../utils/codes/dates';
import { type AnalysisClient, UNAVAILABLE_ANALYSIS } from './analysis-client';
import { type CdiClient, UNAVAILABLE_CDI } from './cdi-client';
import { CdiModel } from './cdi-model';
import { CdiPanel } from './CdiPanel';
import type { SearchClient } from './client';
import { type CareSetting, type PanelTab, SidePanelModel, type SidePanelSettings } from './model';
import { SearchPanel } from './SearchPanel';
import { ShortcutList } from './ShortcutList';
import { NO_SITE_ACCESS, type SiteAccessClient, SiteAccessModel } from './site-access-model';
import { SuggestionsPanel } from './SuggestionsPanel';
import { derivePanelShortcuts, deriveShortcut, type FocusPlace } from './shortcuts';
import { SuggestionsModel } from './suggestions-model';
import { Worksheet } from './Worksheet';

// Practice lives on its own page (practice.html), linked from the options page (DESIGN.md §8).
const ALL_TABS: ReadonlyArray<{ id: PanelTab; label: string }> = [
  { id: 'suggestions', label: 'Suggestions' },
  { id: 'search', label: 'Search' },
  { id: 'worksheet', label: 'Worksheet' },
  { id: 'cdi', label: 'CDI' },
];

/** Without an analysis client (no note reading wired) the panel is search and worksheet only; CDI needs its client. */
export function deriveTabs(withAnalysis: boolean, withCdi: boolean): ReadonlyArray<{ id: PanelTab; label: string }> {
  return ALL_TABS.filter((t) => (t.id === 'suggestions' ? withAnalysis : t.id === 'cdi' ? withAnalysis && withCdi : true));
}

function focusPlace(target: EventTarget | null): FocusPlace {
  if (!(target instanceof Element)) return 'other';
  if (target.closest('input, textarea, select, [contenteditable="true"], [contenteditable=""]')) return 'field';
  if (target.classList.contains('suggestion')) return 'suggestion';
  return 'other';
}

/**
 * The side panel: date of service and setting always visible, then the tabs. With an `analysis`
 * client the Suggestions tab reads the note in the active tab (or pasted text).
 */
export function SidePanelApp({
  client,
  analysis,
  cdi,
  sites,
  settings = {},
}: {
  client: SearchClient;
  analysis?: AnalysisClient;
  cdi?: CdiClient;
  /** Enabling the active tab's site from the Suggestions tab's empty state. */
  sites?: SiteAccessClient;
  settings?: Partial<SidePanelSettings>;
}) {
  const today = settings.today ?? todayIso();
  const model = useModel(
    () => new SidePanelModel(client, { ...settings, today }, analysis ? (text: string) => analysis.copyToClipboard(text) : undefined),
  );
  const suggestions = useModel(() => new SuggestionsModel(analysis ?? UNAVAILABLE_ANALYSIS, model, { pollMs: settings.pollMs }));
  useEffect(() => model.connect(), [model]);
  useEffect(() => (analysis ? suggestions.connect() : undefined), [suggestions]);
  const cdiModel = useModel(() => new CdiModel(cdi ?? UNAVAILABLE_CDI, model, { today }));
  useEffect(() => (cdi && analysis ? cdiModel.connect() : undefined), [cdiModel]);
  const siteModel = useModel(() => new SiteAccessModel(sites ?? NO_SITE_ACCESS));
  const noNote = suggestions.phase.value === 'empty';
  // Each time the panel finds no note (first read, another tab, a site disabled): which site, enabled or not.
  useEffect(() => {
    if (noNote && sites) void siteModel.refresh();
  }, [noNote, suggestions.emptyReason.value, siteModel]);
  const tabs = deriveTabs(analysis !== undefined, cdi !== undefined);
  const tab = model.tab.value;
  const count = model.worksheet.value.length;
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);

  const selectTab = (index: number) => {
    const target = tabs[index];
    if (!target) return;
    model.setTab(target.id);
    tabRefs.current[index]?.focus();
  };

  // One listener for the panel's shortcuts (the search box's own keys stay in SearchPanel).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const action = deriveShortcut(event, focusPlace(event.target), model.tab.value, tabs.length);
      if (!action) return;
      event.preventDefault();
      switch (action.type) {
        case 'tab':
          selectTab(action.index);
          break;
        case 'next':
          suggestions.move(1);
          break;
        case 'previous':
          suggestions.move(-1);
          break;
        case 'accept':
          suggestions.accept(undefined, true);
          break;
        case 'reject':
          suggestions.reject();
          break;
        case 'undo':
          suggestions.undoReject();
          break;
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [model, suggestions, tabs]);

  const onTabKey = (event: KeyboardEvent, index: number) => {
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % tabs.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : undefined;
    if (next === undefined) return;
    event.preventDefault();
    selectTab(next);
  };

  const shortcuts = derivePanelShortcuts(
    tabs.map((t) => t.label),
    analysis !== undefined,
  );

  return (
    <div class="panel">
      <header class="context-bar">
        <h1>Chartcode</h1>
        <div class="context-fields">
          <div class="field">
            <label htmlFor="date-of-service">Date of service</label>
            <input
              id="date-of-service"
              type="date"
              required
              value={model.dateOfService.value}
              onChange={(event) => model.setDateOfService(event.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label htmlFor="care-setting">Setting</label>
            <select
              id="care-setting"
              value={model.setting.value}
              onChange={(event) => model.setSetting(event.currentTarget.value as CareSetting)}
            >
              <option value="outpatient">Outpatient</option>
              <option value="inpatient">Inpatient</option>
            </select>
          </div>
        </div>
      </header>

      <div role="tablist" aria-label="Side panel sections" class="tabs">
        {tabs.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-controls={`tabpanel-${t.id}`}
            aria-selected={tab === t.id}
            aria-keyshortcuts={String(i + 1)}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => model.setTab(t.id)}
            onKeyDown={(event) => onTabKey(event, i)}
          >
            {t.label}
            {t.id === 'worksheet' && count > 0 ? <span class="count"> ({count})</span> : null}
          </button>
        ))}
      </div>

      <div role="status" class="announcement">
        {model.announcement.value}
      </div>

      {analysis ? (
        <div role="tabpanel" id="tabpanel-suggestions" aria-labelledby="tab-suggestions" hidden={tab !== 'suggestions'}>
          <SuggestionsPanel model={suggestions} panel={model} site={sites ? siteModel : undefined} />
        </div>
      ) : null}
      <div role="tabpanel" id="tabpanel-search" aria-labelledby="tab-search" hidden={tab !== 'search'}>
        <SearchPanel model={model} />
      </div>
      <div role="tabpanel" id="tabpanel-worksheet" aria-labelledby="tab-worksheet" hidden={tab !== 'worksheet'}>
        <Worksheet model={model} />
      </div>
      {cdi && analysis ? (
        <div role="tabpanel" id="tabpanel-cdi" aria-labelledby="tab-cdi" hidden={tab !== 'cdi'}>
          <CdiPanel model={cdiModel} />
        </div>
      ) : null}

      <ShortcutList title="Shortcuts for every tab" shortcuts={shortcuts} className="panel-shortcuts" />
    </div>
  );
}
