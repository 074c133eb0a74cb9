import { SystemBadge } from './Badges';
import type { SidePanelModel } from './model';

/** The codes picked so far, in the order added (sequencing, POA and export come with the worksheet issue). */
export function Worksheet({ model }: { model: SidePanelModel }) {
  const entries = model.worksheet.value;
  return (
    <section aria-labelledby="worksheet-heading" class="worksheet">
      <h2 id="worksheet-heading">Worksheet</h2>
      {entries.length === 0 ? (
        <p class="muted">No codes yet. Search, then press Enter on a billable code to add it.</p>
      ) : (
        <ol class="worksheet-list" aria-label="Codes on the worksheet">
          {entries.map((entry) => (
            <li key={`${entry.system}:${entry.code}`}>
              <code class="entry-code">{entry.display}</code> <SystemBadge system={entry.system} />{' '}
              <span class="entry-title">{entry.title}</span>
              <button
                type="button"
                class="secondary small"
                aria-label={`Remove ${entry.display}`}
                onClick={() => model.removeFromWorksheet(entry)}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
