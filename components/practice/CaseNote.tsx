import { Fragment } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { phraseSpan } from '../../utils/practice/cases';
import type { PracticeCase } from '../../utils/practice/schema';
import { deriveHighlightSegments } from '../sidepanel/model';

/**
 * A case's note as written, with the given phrases of its key highlighted (first occurrence each)
 * and, when `highlight` names one of them, that one marked as the current phrase and scrolled into
 * view. Text only, never markup: the note is shown exactly as typed.
 */
export function CaseNote({
  practiceCase,
  phrases = [],
  highlight,
}: {
  practiceCase: PracticeCase;
  phrases?: readonly string[];
  highlight?: string | undefined;
}) {
  const ranges = [...phrases, ...(highlight && !phrases.includes(highlight) ? [highlight] : [])].flatMap((p) => {
    const span = phraseSpan(practiceCase, p);
    return span ? [[span.start, span.end] as const] : [];
  });
  const focus = highlight ? phraseSpan(practiceCase, highlight) : undefined;
  const current = useRef<HTMLElement | null>(null);

  useEffect(() => {
    current.current?.scrollIntoView?.({ block: 'nearest' });
  }, [highlight]);

  let at = 0;
  return (
    <section aria-labelledby="case-note-heading" class="case-note">
      <h2 id="case-note-heading" tabIndex={-1}>
        {practiceCase.title}
      </h2>
      <p class="muted">
        {practiceCase.setting === 'inpatient' ? 'Inpatient' : 'Outpatient'} · date of service {practiceCase.dateOfService} ·{' '}
        {practiceCase.difficulty}
      </p>
      {/* A long note scrolls in place; Chromium and Firefox make such a scroller keyboard-focusable themselves. */}
      <pre class="note-text" data-testid="note-text">
        {deriveHighlightSegments(practiceCase.note, ranges).map((segment, i) => {
          const start = at;
          at += segment.text.length;
          if (!segment.mark) return <Fragment key={i}>{segment.text}</Fragment>;
          const isCurrent = focus !== undefined && start < focus.end && at > focus.start;
          return isCurrent ? (
            <mark
              key={i}
              class="current"
              ref={(el) => {
                current.current = el;
              }}
            >
              {segment.text}
            </mark>
          ) : (
            <mark key={i}>{segment.text}</mark>
          );
        })}
      </pre>
    </section>
  );
}
