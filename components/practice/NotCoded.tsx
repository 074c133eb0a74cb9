import { guidelineLabel } from '../../utils/practice/guidelines';
import { DISTRACTOR_LABELS } from '../../utils/practice/messages';
import type { PracticeCase } from '../../utils/practice/schema';

/**
 * The mentions of the note the key does not code (negated, ruled out, uncertain, history, integral
 * symptoms...), each with why: shown after scoring, beside the key.
 */
export function NotCoded({
  practiceCase,
  onShowPhrase,
  shownPhrase,
}: {
  practiceCase: PracticeCase;
  onShowPhrase?: (phrase: string) => void;
  shownPhrase?: string | undefined;
}) {
  return (
    <section aria-labelledby="not-coded-heading" class="card not-coded">
      <h2 id="not-coded-heading">Mentioned but not coded</h2>
      <ul aria-label="Mentions not coded">
        {practiceCase.distractors.map((d) => (
          <li key={d.phrase}>
            <q>{d.phrase}</q> <span class="badge">{DISTRACTOR_LABELS[d.kind]}</span>
            {d.code ? (
              <span class="muted">
                {' '}
                · not <code>{d.code}</code>
              </span>
            ) : null}
            {onShowPhrase ? (
              <>
                {' '}
                <button
                  type="button"
                  class="secondary small"
                  aria-pressed={shownPhrase === d.phrase}
                  aria-label={`Show "${d.phrase}" in the note`}
                  onClick={() => onShowPhrase(d.phrase)}
                >
                  Show in note
                </button>
              </>
            ) : null}
            <p>{d.explanation}</p>
            <p class="muted">{d.guidelines.map(guidelineLabel).join('; ')}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
