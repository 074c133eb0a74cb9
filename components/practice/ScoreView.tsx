import { guidelineLabel } from '../../utils/practice/guidelines';
import { practiceViewMessages } from '../../utils/practice/messages';
import { type KeyCodeResult, SCORING, type ScoreReport, type StudentCodeResult } from '../../utils/practice/scoring';
import { deriveScoreParts } from './model';

/** Show a phrase of the key in the note (the page highlights it); absent where there is no note beside. */
type ShowPhrase = ((phrase: string) => void) | undefined;

const VERDICT_LABEL: Readonly<Record<KeyCodeResult['verdict'], string>> = { exact: 'Exact', category: 'Category only', missing: 'Missing' };

function KeyRow({ result, onShowPhrase, shown }: { result: KeyCodeResult; onShowPhrase: ShowPhrase; shown: boolean }) {
  const label = result.verdict === 'missing' && !result.counted ? 'Optional' : VERDICT_LABEL[result.verdict];
  return (
    <li class={`key-result ${result.verdict}`}>
      <code>{result.code}</code> <span class="badge">{label}</span>
      {result.student && result.student !== result.code ? (
        <>
          {' '}
          (you: <code>{result.student}</code>)
        </>
      ) : null}
      <p>{result.explanation}</p>
      <details open>
        <summary>Why this code</summary>
        <p>
          Supported by: <q>{result.phrase}</q>
          {onShowPhrase ? (
            <>
              {' '}
              <button
                type="button"
                class="secondary small"
                aria-pressed={shown}
                aria-label={`Show the phrase for ${result.code} in the note`}
                onClick={() => onShowPhrase(result.phrase)}
              >
                Show in note
              </button>
            </>
          ) : null}
        </p>
        <p>{result.rationale}</p>
        <p class="muted">{result.guidelines.map(guidelineLabel).join('; ')}</p>
      </details>
    </li>
  );
}

function StudentRow({ result }: { result: StudentCodeResult }) {
  return (
    <li class={`student-result ${result.verdict}`}>
      <code>{result.display}</code> <span class="badge">{result.verdict}</span>
      <p>{result.explanation}</p>
      {result.flags
        .filter((f) => !result.explanation.includes(f))
        .map((f) => (
          <p key={f} class="warning">
            {f}
          </p>
        ))}
    </li>
  );
}

/** How the score is made: code points and sequencing, each with its share of 100. */
function ScoreBreakdown({ report }: { report: ScoreReport }) {
  const parts = deriveScoreParts(report);
  const n = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
  return (
    <div class="score-breakdown">
      <table>
        <caption>How the score is made</caption>
        <thead>
          <tr>
            <th scope="col">Part</th>
            <th scope="col" class="number">
              Earned
            </th>
            <th scope="col" class="number">
              Possible
            </th>
            <th scope="col" class="number">
              Points
            </th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Codes ({parts.codes.weight}%)</th>
            <td class="number">{n(parts.codes.earned)}</td>
            <td class="number">{n(parts.codes.possible)}</td>
            <td class="number">
              {n(parts.codes.points)} / {parts.codes.weight}
            </td>
          </tr>
          <tr>
            <th scope="row">Sequencing ({parts.sequencing.weight}%)</th>
            <td class="number">{n(parts.sequencing.earned)}</td>
            <td class="number">{n(parts.sequencing.possible)}</td>
            <td class="number">
              {n(parts.sequencing.points)} / {parts.sequencing.weight}
            </td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Score (rounded)
            </th>
            <td class="number">{parts.score} / 100</td>
          </tr>
        </tfoot>
      </table>
      <p class="help">{practiceViewMessages.partialCredit(SCORING.exact, SCORING.category)}</p>
    </div>
  );
}

/** A scored attempt: the score, sequencing, each key code with its support, and the codes that were not in the key. */
export function ScoreView({
  report,
  onShowPhrase,
  shownPhrase,
}: {
  report: ScoreReport;
  /** With a note beside the score: a "Show in note" button per key code. */
  onShowPhrase?: (phrase: string) => void;
  shownPhrase?: string | undefined;
}) {
  const others = report.studentResults.filter((r) => r.verdict === 'extra' || r.verdict === 'duplicate' || r.verdict === 'invalid');
  const flagged = report.studentResults.filter((r) => (r.verdict === 'exact' || r.verdict === 'category') && r.flags.length > 0);
  return (
    <section aria-labelledby="score-heading" class="score-view">
      <h2 id="score-heading" tabIndex={-1}>
        Score: {report.score}/100
      </h2>
      <p>{report.summary}</p>
      <ScoreBreakdown report={report} />
      <h3>Sequencing</h3>
      <p>{report.sequencing.explanation}</p>
      {report.sequencing.order.length > 0 ? (
        <ul aria-label="Order rules">
          {report.sequencing.order.map((o) => (
            <li key={`${o.code}-${o.after}`} class={o.kept ? 'kept' : 'broken'}>
              {o.explanation}
            </li>
          ))}
        </ul>
      ) : null}
      <h3>Answer key</h3>
      <ol aria-label="Answer key">
        {report.keyResults.map((r) => (
          <KeyRow key={r.code} result={r} onShowPhrase={onShowPhrase} shown={shownPhrase === r.phrase} />
        ))}
      </ol>
      {others.length + flagged.length > 0 ? (
        <>
          <h3>Your other codes</h3>
          <ul aria-label="Codes not in the key">
            {[...flagged, ...others].map((r, i) => (
              <StudentRow key={`${r.input}-${i}`} result={r} />
            ))}
          </ul>
        </>
      ) : null}
      {report.notes.length > 0 ? (
        <ul aria-label="Notes" class="muted">
          {report.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
