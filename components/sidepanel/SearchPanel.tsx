import { useEffect, useRef } from 'preact/hooks';
import { ProgressBar } from '../options/ProgressBar';
import { CodeDetail } from './CodeDetail';
import { ShortcutList } from './ShortcutList';
import {
  deriveLoadingView,
  deriveSearchMessage,
  ICD10CM_CHAPTERS,
  type NavKey,
  type SidePanelModel,
  SYSTEM_FILTERS,
  type SystemFilter,
  sidepanelMessages,
} from './model';
import { optionId, ResultList } from './ResultList';

const LIST_ID = 'search-results';
const NAV_KEYS: ReadonlySet<string> = new Set<NavKey>(['ArrowDown', 'ArrowUp', 'Home', 'End', 'PageDown', 'PageUp']);
/** Home/End/Page keys move the caret until the coder is in the list. */
const LIST_ONLY_KEYS: ReadonlySet<string> = new Set(['Home', 'End', 'PageDown', 'PageUp']);

export const SHORTCUTS: ReadonlyArray<[keys: string, what: string]> = [
  ['↓ ↑', 'Move through the results'],
  ['Enter', 'Add a billable code to the worksheet; open the codes below a header'],
  ['→', 'Open the code: notes, 7th character, codes below'],
  ['←', 'Close the codes below a header'],
  ['Esc', 'Clear the search; leave the code detail'],
  ['/', 'Back to the search box'],
];

/** The search box, its filters, and the results or the detail of one code. */
export function SearchPanel({ model }: { model: SidePanelModel }) {
  const input = useRef<HTMLInputElement>(null);
  const detailOpen = model.detail.value !== undefined;
  const wasOpen = useRef(detailOpen);

  // Focus the search box when the panel opens (DESIGN.md §8: keyboard first).
  useEffect(() => input.current?.focus(), []);

  // Leaving the detail returns to the search box.
  useEffect(() => {
    if (wasOpen.current && !detailOpen) input.current?.focus();
    wasOpen.current = detailOpen;
  }, [detailOpen]);

  // "/" anywhere but a field goes back to the search box (switching to the Search tab first).
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      model.focusSearch();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [model]);

  // Focus is asked for through the model, so it lands after the Search tab is shown.
  const searchFocus = model.searchFocus.value;
  useEffect(() => {
    if (searchFocus > 0) input.current?.focus();
  }, [searchFocus]);

  const rows = model.rows.value;
  const active = model.activeIndex.value;
  const phase = model.phase.value;
  const message = deriveSearchMessage(phase, model.response.value, model.error.value, model.answered.value);
  const loading =
    deriveLoadingView(model.codesets.value) ?? (phase === 'waiting' ? { label: sidepanelMessages.loadingCodesets } : undefined);
  const codesetError = model.codesets.value?.state === 'error' ? model.codesets.value.error : undefined;
  const interpretation = model.response.value?.interpretation;
  const system = model.system.value;
  const chapterApplies = system === 'all' || system === 'icd10cm';

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (NAV_KEYS.has(key)) {
      if (LIST_ONLY_KEYS.has(key) && active < 0) return;
      if (detailOpen) model.closeDetail();
      model.move(key as NavKey);
      event.preventDefault();
    } else if (key === 'Enter') {
      event.preventDefault();
      if (detailOpen) model.closeDetail();
      else model.enter();
    } else if (key === 'Escape') {
      event.preventDefault();
      if (detailOpen) model.closeDetail();
      else model.clear();
    } else if (key === 'ArrowRight' && active >= 0 && !detailOpen) {
      if (model.openActiveDetail()) event.preventDefault();
    } else if (key === 'ArrowLeft' && active >= 0 && !detailOpen) {
      if (model.collapseActive()) event.preventDefault();
    }
  };

  return (
    <div class="search-panel">
      <div class="search-box">
        <label htmlFor="search-input" class="search-label">
          Search codes and the Alphabetic Index
        </label>
        <input
          ref={input}
          id="search-input"
          type="text"
          role="combobox"
          enterKeyHint="search"
          autoComplete="off"
          spellcheck={false}
          aria-autocomplete="list"
          aria-controls={LIST_ID}
          aria-expanded={rows.length > 0 && !detailOpen}
          aria-activedescendant={active >= 0 && !detailOpen ? optionId(LIST_ID, active) : undefined}
          aria-describedby="search-message"
          placeholder="E11.65, diab hyperg, pneumonia, aspiration"
          value={model.query.value}
          onInput={(event) => model.setQuery(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
      </div>

      <fieldset class="filters">
        <legend class="sr-only">Filters</legend>
        <div class="field">
          <label htmlFor="filter-system">Code set</label>
          <select id="filter-system" value={system} onChange={(event) => model.setSystem(event.currentTarget.value as SystemFilter)}>
            {SYSTEM_FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label htmlFor="filter-chapter">ICD-10-CM chapter</label>
          <select
            id="filter-chapter"
            value={chapterApplies ? model.chapter.value : ''}
            disabled={!chapterApplies}
            onChange={(event) => model.setChapter(event.currentTarget.value)}
          >
            <option value="">All chapters</option>
            {ICD10CM_CHAPTERS.map((c) => (
              <option key={c.number} value={c.number}>
                {c.number}. {c.title} ({c.range})
              </option>
            ))}
          </select>
        </div>
        <div class="field checkbox">
          <input
            id="filter-billable"
            type="checkbox"
            checked={model.billableOnly.value}
            onChange={(event) => model.setBillableOnly(event.currentTarget.checked)}
          />
          <label htmlFor="filter-billable">Billable codes only</label>
        </div>
      </fieldset>

      {codesetError ? (
        <p role="alert" class="error">
          {codesetError}
        </p>
      ) : null}
      {loading ? <ProgressBar id="search-codeset-progress" view={loading} /> : null}
      {/* Kept in the page while the detail is open (the search box points at it), but empty then. */}
      <p id="search-message" role="status" class={`search-message tone-${message.tone}`} hidden={detailOpen}>
        {detailOpen ? '' : message.text}
      </p>
      {interpretation && !detailOpen && (interpretation.corrections.length > 0 || interpretation.expansions.length > 0) ? (
        <p class="interpretation">
          Read as:{' '}
          {[
            ...interpretation.corrections.map(([from, to]) => `${from} → ${to}`),
            ...interpretation.expansions.map(([abbreviation, phrase]) => `${abbreviation} = ${phrase}`),
          ].join('; ')}
        </p>
      ) : null}

      {detailOpen ? <CodeDetail model={model} /> : <ResultList model={model} listId={LIST_ID} />}

      <ShortcutList title="Keyboard shortcuts" shortcuts={SHORTCUTS} />
    </div>
  );
}
