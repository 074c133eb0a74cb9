import { useEffect } from 'preact/hooks';
import { HccBadge, StateBadge, SystemBadge } from './Badges';
import { Marked } from './Marked';
import { type ResultRow, type SidePanelModel, sidepanelMessages, sourceLabel } from './model';

/** The id of a row's option, for `aria-activedescendant` on the search box. */
export const optionId = (listId: string, index: number) => `${listId}-option-${index}`;

/**
 * The results as a listbox. Focus stays in the search box (combobox pattern): the active row is
 * announced through `aria-activedescendant`, so rows hold no focusable controls.
 */
export function ResultList({ model, listId }: { model: SidePanelModel; listId: string }) {
  const rows = model.rows.value;
  const active = model.activeIndex.value;

  // Keep the active row in view as the arrows move through a long list.
  useEffect(() => {
    if (active < 0) return;
    const element = document.getElementById(optionId(listId, active));
    element?.scrollIntoView?.({ block: 'nearest' });
  }, [active, listId]);

  return (
    <div role="listbox" id={listId} class="results" aria-label="Search results" aria-busy={model.phase.value === 'searching'}>
      {rows.map((row, i) => (
        <ResultOption
          key={row.key}
          row={row}
          id={optionId(listId, i)}
          active={i === active}
          onSelect={() => {
            model.setActive(row.key);
            void model.openDetail(row.system, row.code);
          }}
        />
      ))}
    </div>
  );
}

function ResultOption({ row, id, active, onSelect }: { row: ResultRow; id: string; active: boolean; onSelect: () => void }) {
  const hit = row.hit;
  // Text that is the title (a title match, or a code match the engine reports with its title) is marked in place.
  const titleMatched = hit !== undefined && hit.matched === hit.title;
  const codeMatched = hit?.source === 'code' && (hit.matched === row.display || hit.matched === row.code);
  const showMatched = hit && hit.matched !== '' && !titleMatched && !codeMatched;
  const open = row.children !== undefined;

  return (
    <div
      role="option"
      id={id}
      // Focusable for the pointer only: keys are handled by the search box (aria-activedescendant).
      tabIndex={-1}
      aria-selected={active}
      class={`result${active ? ' active' : ''}${row.depth > 0 ? ' child' : ''}`}
      style={{ marginInlineStart: `${Math.min(row.depth, 6) * 1.1}rem` }}
      onClick={onSelect}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ' || event.key === 'ArrowRight') {
          event.preventDefault();
          onSelect();
        }
      }}
    >
      <div class="result-head">
        {row.expandable ? (
          <span class="twisty" aria-hidden="true">
            {open ? '▾' : '▸'}
          </span>
        ) : null}
        <code class="result-code">{codeMatched && hit ? <Marked text={hit.matched} ranges={hit.highlights} /> : row.display}</code>
        <SystemBadge system={row.system} />
        <StateBadge state={row.state} />
        {hit?.hcc ? <HccBadge hcc={hit.hcc} /> : null}
      </div>
      <div class="result-title">{titleMatched && hit ? <Marked text={hit.title} ranges={hit.highlights} /> : row.title}</div>
      {showMatched && hit ? (
        <div class="matched">
          <span class="source">{sourceLabel(hit.source)}: </span>
          <Marked text={hit.matched} ranges={hit.highlights} />
          {hit.column ? <span class="column"> — {hit.column}</span> : null}
        </div>
      ) : null}
      {hit?.see && !hit.matched.includes(hit.see) ? <div class="see">see {hit.see}</div> : null}
      {row.children ? <ChildrenNote state={row.children} /> : null}
    </div>
  );
}

function ChildrenNote({ state }: { state: NonNullable<ResultRow['children']> }) {
  if (state.phase === 'loading') return <div class="children-note">{sidepanelMessages.loadingChildren}</div>;
  if (state.phase === 'waiting') return <div class="children-note">{sidepanelMessages.loadingCodesets}</div>;
  if (state.phase === 'failed') return <div class="children-note error-text">{state.error}</div>;
  if (state.children.length === 0) return <div class="children-note">{sidepanelMessages.noChildren}</div>;
  return <span class="sr-only">, {state.children.length} codes below shown</span>;
}
