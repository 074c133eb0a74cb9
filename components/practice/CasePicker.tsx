import type { CaseFilter } from '../../utils/practice/cases';
import { practiceViewMessages } from '../../utils/practice/messages';
import { DIFFICULTIES, SETTINGS } from '../../utils/practice/schema';
import { DIFFICULTY_LABELS, type PracticeModel, SETTING_LABELS } from './model';
import { SuggestedNext } from './SuggestedNext';

/** Choose a case: filter by chapter, setting and difficulty; the list shows titles and best scores. */
export function CasePicker({ model }: { model: PracticeModel }) {
  const filter = model.filter.value;
  const rows = model.caseRows.value;
  const total = model.library.value.length;
  const set = (key: keyof CaseFilter) => (event: Event) => model.setFilter({ [key]: (event.currentTarget as HTMLSelectElement).value });

  return (
    <div class="picker-layout">
      <section aria-labelledby="picker-heading" class="card picker">
        <h2 id="picker-heading">Choose a case</h2>
        <fieldset class="case-filters">
          <legend class="sr-only">Filter the cases</legend>
          <div class="field">
            <label htmlFor="filter-case-chapter">Chapter</label>
            <select id="filter-case-chapter" value={filter.chapter ?? ''} onChange={set('chapter')}>
              <option value="">All chapters</option>
              {model.chapterOptions.value.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label htmlFor="filter-case-setting">Setting</label>
            <select id="filter-case-setting" value={filter.setting ?? ''} onChange={set('setting')}>
              <option value="">Inpatient and outpatient</option>
              {SETTINGS.map((s) => (
                <option key={s} value={s}>
                  {SETTING_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label htmlFor="filter-case-difficulty">Difficulty</label>
            <select id="filter-case-difficulty" value={filter.difficulty ?? ''} onChange={set('difficulty')}>
              <option value="">All levels</option>
              {DIFFICULTIES.map((d) => (
                <option key={d} value={d}>
                  {DIFFICULTY_LABELS[d]}
                </option>
              ))}
            </select>
          </div>
          <button type="button" class="secondary" onClick={() => model.clearFilters()} disabled={Object.keys(filter).length === 0}>
            Clear filters
          </button>
        </fieldset>
        <p role="status" class="case-count">
          {rows.length === 0 ? practiceViewMessages.noCasesMatch : practiceViewMessages.caseCount(rows.length, total)}
        </p>
        <ul class="case-list" aria-label="Cases">
          {rows.map((row) => (
            <li key={row.id} class="case-row">
              <button type="button" class="case-open" onClick={() => model.openCase(row.id)}>
                {row.title}
              </button>
              <div class="case-meta">
                <span>{row.meta}</span>
                <span class="muted"> · {row.chapters}</span>
                {row.best !== undefined ? (
                  <span class="badge best">
                    best {row.best}/100 ({row.attempts} {row.attempts === 1 ? 'try' : 'tries'})
                  </span>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      </section>
      <aside class="picker-aside" aria-label="What to practise next">
        <SuggestedNext model={model} />
      </aside>
    </div>
  );
}
