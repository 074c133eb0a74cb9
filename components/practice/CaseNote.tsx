import { phraseSpan } from '../../utils/practice/cases';
import type { PracticeCase } from '../../utils/practice/schema';
import { Marked } from '../sidepanel/Marked';

/**
 * A case's note as written, with the given phrases of its key highlighted (first occurrence each).
 * Text only, never markup: the note is shown exactly as typed.
 */
export function CaseNote({ practiceCase, phrases = [] }: { practiceCase: PracticeCase; phrases?: readonly string[] }) {
  const ranges = phrases.flatMap((p) => {
    const span = phraseSpan(practiceCase, p);
    return span ? [[span.start, span.end] as const] : [];
  });
  return (
    <section aria-labelledby="case-note-heading" class="case-note">
      <h2 id="case-note-heading">{practiceCase.title}</h2>
      <p class="muted">
        {practiceCase.setting === 'inpatient' ? 'Inpatient' : 'Outpatient'} · date of service {practiceCase.dateOfService} ·{' '}
        {practiceCase.difficulty}
      </p>
      <pre class="note-text">
        <Marked text={practiceCase.note} ranges={ranges} />
      </pre>
    </section>
  );
}
