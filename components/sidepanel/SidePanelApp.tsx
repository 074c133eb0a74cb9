import { useModel } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { todayIso } from '../../utils/codes/dates';
import type { SearchClient } from './client';
import { type CareSetting, type PanelTab, SidePanelModel, type SidePanelSettings } from './model';
import { SearchPanel } from './SearchPanel';
import { Worksheet } from './Worksheet';

// Later issues add Suggestions, CDI and Practice here (DESIGN.md §8).
const TABS: ReadonlyArray<{ id: PanelTab; label: string }> = [
  { id: 'search', label: 'Search' },
  { id: 'worksheet', label: 'Worksheet' },
];

/** The side panel: date of service and setting always visible, then the tabs. */
export function SidePanelApp({ client, settings = {} }: { client: SearchClient; settings?: Partial<SidePanelSettings> }) {
  const today = settings.today ?? todayIso();
  const model = useModel(() => new SidePanelModel(client, { ...settings, today }));
  useEffect(() => model.connect(), [model]);
  const tab = model.tab.value;
  const count = model.worksheet.value.length;
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);

  const onTabKey = (event: KeyboardEvent, index: number) => {
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % TABS.length
        : event.key === 'ArrowLeft'
          ? (index - 1 + TABS.length) % TABS.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? TABS.length - 1
              : undefined;
    const target = next === undefined ? undefined : TABS[next];
    if (next === undefined || !target) return;
    event.preventDefault();
    model.setTab(target.id);
    tabRefs.current[next]?.focus();
  };

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
        {TABS.map((t, i) => (
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

      <div role="tabpanel" id="tabpanel-search" aria-labelledby="tab-search" hidden={tab !== 'search'}>
        <SearchPanel model={model} />
      </div>
      <div role="tabpanel" id="tabpanel-worksheet" aria-labelledby="tab-worksheet" hidden={tab !== 'worksheet'}>
        <Worksheet model={model} />
      </div>
    </div>
  );
}
