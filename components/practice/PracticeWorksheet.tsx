import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { practiceViewMessages } from '../../utils/practice/messages';
import { SystemBadge } from '../sidepanel/Badges';
import type { WorksheetEntry } from '../sidepanel/model';

export interface WorksheetActions {
  move(index: number, delta: number): void;
  remove(index: number): void;
}

/**
 * The student's codes in order: the first is the principal (inpatient) or first-listed (outpatient)
 * diagnosis. Each code moves up or down and can be removed; focus follows the moved code.
 */
export function PracticeWorksheet({
  id,
  entries,
  actions,
  firstLabel,
  scored = true,
  children,
}: {
  /** Prefix for element ids (the page has one worksheet per view). */
  id: string;
  entries: readonly WorksheetEntry[];
  actions: WorksheetActions;
  /** "principal diagnosis" or "first-listed diagnosis". */
  firstLabel: string;
  /** Whether the order will be scored (a case) or only compared (a page). */
  scored?: boolean;
  /** Below the list: the submit button, a compare button. */
  children?: ComponentChildren;
}) {
  const list = useRef<HTMLOListElement | null>(null);
  const pendingFocus = useRef<string | undefined>(undefined);

  // After a move or a removal, keep the keyboard where it was: on the moved code's button, or the next code.
  useEffect(() => {
    const target = pendingFocus.current;
    if (target === undefined) return;
    pendingFocus.current = undefined;
    // The list may re-render after the user has gone on ("/" to the search box and typing): focus is
    // moved only while it is still in the list, or lost with the removed button.
    const active = document.activeElement;
    if (active && active !== document.body && !list.current?.contains(active)) return;
    const el = list.current?.querySelector<HTMLButtonElement>(`[data-focus="${target}"]:not([disabled])`);
    (el ?? list.current?.querySelector<HTMLButtonElement>('button:not([disabled])'))?.focus();
  });

  const buttonKey = (entry: WorksheetEntry, what: string) => `${entry.system}:${entry.code}:${what}`;

  return (
    <section aria-labelledby={`${id}-heading`} class="card practice-worksheet">
      <h2 id={`${id}-heading`}>Your codes</h2>
      <p class="help">
        List the {firstLabel} first{scored ? '; the order is scored' : ''}. Up and Down change the order; press / to search.
      </p>
      {entries.length === 0 ? (
        <p class="muted">{practiceViewMessages.emptyWorksheet}</p>
      ) : (
        <ol class="worksheet-list" aria-label="Your codes in order" ref={list}>
          {entries.map((entry, i) => (
            <li key={`${entry.system}:${entry.code}`}>
              <div class="entry-line">
                <code class="entry-code">{entry.display}</code> {entry.system !== 'icd10cm' ? <SystemBadge system={entry.system} /> : null}
                {i === 0 ? <span class="badge first">{firstLabel}</span> : null}
                <span class="entry-title">{entry.title}</span>
              </div>
              <div class="entry-actions">
                <button
                  type="button"
                  class="secondary small"
                  data-focus={buttonKey(entry, 'up')}
                  aria-label={`Move ${entry.display} up`}
                  disabled={i === 0}
                  onClick={() => {
                    pendingFocus.current = buttonKey(entry, 'up');
                    actions.move(i, -1);
                  }}
                >
                  ↑ Up
                </button>
                <button
                  type="button"
                  class="secondary small"
                  data-focus={buttonKey(entry, 'down')}
                  aria-label={`Move ${entry.display} down`}
                  disabled={i === entries.length - 1}
                  onClick={() => {
                    pendingFocus.current = buttonKey(entry, 'down');
                    actions.move(i, 1);
                  }}
                >
                  ↓ Down
                </button>
                <button
                  type="button"
                  class="secondary small"
                  aria-label={`Remove ${entry.display}`}
                  onClick={() => {
                    const after = entries[i + 1] ?? entries[i - 1];
                    pendingFocus.current = after ? buttonKey(after, 'up') : undefined;
                    actions.remove(i);
                  }}
                >
                  Remove
                </button>
              </div>
            </li>
          ))}
        </ol>
      )}
      {children}
    </section>
  );
}
