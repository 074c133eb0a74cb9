import { useModel } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { todayIso } from '../../utils/codes/dates';
import type { PracticeCase } from '../../utils/practice/schema';
import type { SearchClient } from '../sidepanel/client';
import { CasePicker } from './CasePicker';
import { CaseWorkspace } from './CaseWorkspace';
import type { PracticeClient } from './client';
import type { SaveFile } from './download';
import { PRACTICE_TABS, PracticeModel, type PracticeSettings } from './model';
import { PagePractice } from './PagePractice';
import { ProgressView } from './ProgressView';
import type { ProgressStore } from './storage';

export interface PracticeAppProps {
  search: SearchClient;
  practice: PracticeClient;
  store: ProgressStore;
  saveFile: SaveFile;
  settings?: Partial<PracticeSettings>;
  now?: () => Date;
  cases?: readonly PracticeCase[];
}

/** The practice page: cases, practice on the current page, progress. */
export function PracticeApp({ search, practice, store, saveFile, settings = {}, now, cases }: PracticeAppProps) {
  const today = settings.today ?? todayIso();
  const model = useModel(
    () =>
      new PracticeModel(
        { search, practice, store, saveFile, ...(now ? { now } : {}), ...(cases ? { cases } : {}) },
        { ...settings, today },
      ),
  );
  useEffect(() => model.connect(), [model]);
  const tab = model.tab.value;
  const current = model.current.value;
  const tabRefs = useRef<Array<HTMLButtonElement | null>>([]);
  const count = model.attempts.value.length;
  /** Set when a tab was chosen (arrows or click): the new section's search box must not take the focus from it. */
  const keepTabFocus = useRef(false);

  // Runs after the new section's own effects (a search panel focuses its box on mount).
  useEffect(() => {
    if (!keepTabFocus.current) return;
    keepTabFocus.current = false;
    tabRefs.current[PRACTICE_TABS.findIndex((t) => t.id === tab)]?.focus();
  }, [tab]);

  const onTabKey = (event: KeyboardEvent, index: number) => {
    const n = PRACTICE_TABS.length;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % n
        : event.key === 'ArrowLeft'
          ? (index - 1 + n) % n
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? n - 1
              : undefined;
    const target = next === undefined ? undefined : PRACTICE_TABS[next];
    if (next === undefined || !target) return;
    event.preventDefault();
    keepTabFocus.current = true;
    model.setTab(target.id);
    tabRefs.current[next]?.focus();
  };

  return (
    <main class="practice">
      <header class="page-header">
        <h1>Chartcode practice</h1>
        <p class="muted">Synthetic cases written for coding students. Everything runs and stays in this browser.</p>
      </header>

      <div role="tablist" aria-label="Practice sections" class="tabs">
        {PRACTICE_TABS.map((t, i) => (
          <button
            key={t.id}
            ref={(el) => {
              tabRefs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`practice-tab-${t.id}`}
            aria-controls={`practice-panel-${t.id}`}
            aria-selected={tab === t.id}
            tabIndex={tab === t.id ? 0 : -1}
            onClick={() => {
              keepTabFocus.current = true;
              model.setTab(t.id);
            }}
            onKeyDown={(event) => onTabKey(event, i)}
          >
            {t.label}
            {t.id === 'progress' && count > 0 ? <span class="count"> ({count})</span> : null}
          </button>
        ))}
      </div>

      <p role="status" class="announcement page-announcement">
        {model.announcement.value}
      </p>

      {/* Only the open section is rendered: each holds a search panel, whose element ids are fixed. */}
      <div role="tabpanel" id={`practice-panel-${tab}`} aria-labelledby={`practice-tab-${tab}`} class="practice-panel">
        {tab === 'cases' ? current ? <CaseWorkspace model={model} practiceCase={current} /> : <CasePicker model={model} /> : null}
        {tab === 'page' ? <PagePractice model={model} /> : null}
        {tab === 'progress' ? <ProgressView model={model} /> : null}
      </div>
    </main>
  );
}
