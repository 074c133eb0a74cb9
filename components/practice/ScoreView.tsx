import { guidelineLabel } from '../../utils/practice/guidelines';
import type { KeyCodeResult, ScoreReport, StudentCodeResult } from '../../utils/practice/scoring';

const VERDICT_LABEL: Readonly<Record<KeyCodeResult['verdict'], string>> = { exact: 'Exact', category: 'Category only', missing: 'Missing' };

function KeyRow({ result }: { result: KeyCodeResult }) {
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
      <details>
        <summary>Why this code</summary>
        <p>
          Supported by: <q>{result.phrase}</q>
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

/** A scored attempt: the score, sequencing, each key code with its support, and the codes that were not in the key. */
export function ScoreView({ report }: { report: ScoreReport }) {
  const others = report.studentResults.filter((r) => r.verdict === 'extra' || r.verdict === 'duplicate' || r.verdict === 'invalid');
  const flagged = report.studentResults.filter((r) => (r.verdict === 'exact' || r.verdict === 'category') && r.flags.length > 0);
  return (
    <section aria-labelledby="score-heading" class="score-view">
      <h2 id="score-heading">Score: {report.score}/100</h2>
      <p>{report.summary}</p>
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
          <KeyRow key={r.code} result={r} />
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
