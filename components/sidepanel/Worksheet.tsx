import { useEffect, useRef } from 'preact/hooks';
import { deriveWorksheetView, isPoaIndicator, orderEntries, POA_INDICATORS, type WorksheetRow } from '../../utils/worksheet/worksheet';
import { SystemBadge } from './Badges';
import type { SidePanelModel } from './model';

/** A DOM id for a worksheet entry key (`icd10cm:E1165` → `entry-icd10cm_E1165`). */
export const entryDomId = (key: string) => `entry-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * The codes picked so far, sequenced: diagnoses (principal / first-listed first), then procedures.
 * Reorder with Alt+↑ / Alt+↓, the arrow buttons, or by dragging; POA per diagnosis for inpatient;
 * copy as text or CSV. Kept in memory only.
 */
export function Worksheet({ model }: { model: SidePanelModel }) {
  const entries = model.worksheet.value;
  const setting = model.setting.value;
  const view = deriveWorksheetView(orderEntries(entries), setting);
  const focus = model.worksheetFocus.value;
  const dragging = useRef<{ key: string; kind: WorksheetRow['kind'] } | undefined>(undefined);

  // A moved row is rendered in its new place: focus goes with it so Alt+arrows can repeat.
  useEffect(() => {
    if (focus) document.getElementById(entryDomId(focus.key))?.focus();
  }, [focus?.seq]);

  const rowProps = { model, dragging };
  return (
    <section aria-labelledby="worksheet-heading" class="worksheet">
      <h2 id="worksheet-heading">Worksheet</h2>
      {entries.length === 0 ? (
        <p class="muted">No codes yet. Accept suggestions, or search and press Enter on a billable code to add it.</p>
      ) : (
        <>
          {view.diagnoses.length > 0 ? (
            <>
              <h3 id="worksheet-diagnoses">Diagnoses</h3>
              <ol class="worksheet-list" aria-labelledby="worksheet-diagnoses">
                {view.diagnoses.map((row) => (
                  <EntryRow key={row.key} row={row} {...rowProps} />
                ))}
              </ol>
            </>
          ) : null}
          {view.procedures.length > 0 ? (
            <>
              <h3 id="worksheet-procedures">Procedures</h3>
              <ol class="worksheet-list" aria-labelledby="worksheet-procedures">
                {view.procedures.map((row) => (
                  <EntryRow key={row.key} row={row} {...rowProps} />
                ))}
              </ol>
            </>
          ) : null}
          {view.missingPoa > 0 ? (
            <p class="notice">{view.missingPoa === 1 ? '1 diagnosis needs' : `${view.missingPoa} diagnoses need`} a POA indicator.</p>
          ) : null}
          {model.canCopy.value ? (
            <div class="worksheet-export">
              <button type="button" onClick={() => void model.copyWorksheet('text')}>
                Copy as text
              </button>
              <button type="button" onClick={() => void model.copyWorksheet('csv')}>
                Copy as CSV
              </button>
            </div>
          ) : null}
        </>
      )}
      <p class="help">Alt+↑ / Alt+↓ move a code. The worksheet is kept in memory while the panel is open; nothing is saved.</p>
    </section>
  );
}

function EntryRow({
  row,
  model,
  dragging,
}: {
  row: WorksheetRow;
  model: SidePanelModel;
  dragging: { current: { key: string; kind: WorksheetRow['kind'] } | undefined };
}) {
  const { entry } = row;
  return (
    <li
      id={entryDomId(row.key)}
      class={`worksheet-entry${row.poaMissing ? ' poa-missing' : ''}`}
      // Focusable from script only: after a move the row itself holds focus.
      tabIndex={-1}
      draggable
      onKeyDown={(event) => {
        if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
        // Alt+↓ opens a select's list in some browsers: leave it to the select.
        if ((event.target as HTMLElement | null)?.tagName === 'SELECT') return;
        event.preventDefault();
        model.moveInWorksheet(row.key, event.key === 'ArrowUp' ? -1 : 1);
      }}
      onDragStart={(event) => {
        dragging.current = { key: row.key, kind: row.kind };
        if (event.dataTransfer) {
          event.dataTransfer.effectAllowed = 'move';
          // Firefox starts a drag only with data; the code is all it carries.
          event.dataTransfer.setData('text/plain', entry.display);
        }
      }}
      onDragOver={(event) => {
        // Dropping is allowed among codes of the same kind only (a procedure never precedes a diagnosis).
        if (dragging.current?.kind === row.kind) event.preventDefault();
      }}
      onDrop={(event) => {
        event.preventDefault();
        const from = dragging.current;
        dragging.current = undefined;
        if (from && from.key !== row.key) model.moveInWorksheetTo(from.key, row.key);
      }}
      onDragEnd={() => {
        dragging.current = undefined;
      }}
    >
      <span class="entry-main">
        <code class="entry-code">{entry.display}</code> <SystemBadge system={entry.system} /> <span class="entry-title">{entry.title}</span>
        {row.role ? <span class="badge role">{row.role}</span> : null}
      </span>
      <span class="entry-actions">
        {row.poaApplies ? (
          <select
            class={`poa${row.poaMissing ? ' missing' : ''}`}
            aria-label={`POA for ${entry.display}`}
            value={entry.poa ?? ''}
            onChange={(event) => {
              const value = event.currentTarget.value;
              model.setPoa(row.key, isPoaIndicator(value) ? value : undefined);
            }}
          >
            <option value="">POA?</option>
            {POA_INDICATORS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        ) : null}
        {row.poaApplies && entry.poaBy === 'exempt-list' ? <span class="help"> (POA-exempt list)</span> : null}
        <button
          type="button"
          class="secondary small"
          aria-label={`Move ${entry.display} up`}
          disabled={!row.canMoveUp}
          onClick={() => model.moveInWorksheet(row.key, -1)}
        >
          ↑
        </button>
        <button
          type="button"
          class="secondary small"
          aria-label={`Move ${entry.display} down`}
          disabled={!row.canMoveDown}
          onClick={() => model.moveInWorksheet(row.key, 1)}
        >
          ↓
        </button>
        <button
          type="button"
          class="secondary small"
          aria-label={`Remove ${entry.display}`}
          onClick={() => model.removeFromWorksheet(entry)}
        >
          Remove
        </button>
      </span>
    </li>
  );
}
