import { useEffect, useRef } from 'preact/hooks';
import { practiceViewMessages } from '../../utils/practice/messages';
import { meanScore, type PracticeModel } from './model';
import { SuggestedNext } from './SuggestedNext';

/** A score as a text bar: the number is the content, the bar is decoration. */
function ScoreBar({ score }: { score: number }) {
  return (
    <span class="score-bar">
      <span class="bar" aria-hidden="true">
        <span class="fill" style={{ width: `${Math.max(0, Math.min(100, score))}%` }} />
      </span>
      <span class="bar-value">{score}</span>
    </span>
  );
}

/** Attempts kept on this device: by chapter over time, the weakest chapters next, CSV export, reset. */
export function ProgressView({ model }: { model: PracticeModel }) {
  const attempts = model.attempts.value;
  const rows = model.chapterRows.value;
  const confirming = model.confirmingReset.value;
  const confirmButton = useRef<HTMLButtonElement | null>(null);
  const resetButton = useRef<HTMLButtonElement | null>(null);
  const wasConfirming = useRef(confirming);

  // The confirmation takes the focus; cancelling gives it back to "Reset progress…".
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) resetButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  return (
    <div class="progress-view">
      <section aria-labelledby="progress-heading" class="card">
        <h2 id="progress-heading">Your progress</h2>
        <p>
          {attempts.length === 0
            ? practiceViewMessages.noAttempts
            : practiceViewMessages.attemptsSummary(attempts.length, meanScore(attempts))}
        </p>
        {model.progressNotice.value ? <p class="warning">{model.progressNotice.value}</p> : null}
        <p class="help">Kept in this browser only (scores and codes, never a note). Export a CSV to keep a copy.</p>
        <div class="button-row">
          <button type="button" onClick={() => model.exportCsv()} disabled={attempts.length === 0}>
            Export CSV
          </button>
          <button
            type="button"
            class="secondary danger"
            ref={resetButton}
            onClick={() => model.askReset()}
            disabled={attempts.length === 0 || confirming}
          >
            Reset progress…
          </button>
        </div>
        {confirming ? (
          <div
            role="alertdialog"
            aria-labelledby="reset-question"
            class="confirm"
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                event.preventDefault();
                model.cancelReset();
              }
            }}
          >
            <p id="reset-question">{practiceViewMessages.resetAsk(attempts.length)}</p>
            <div class="button-row">
              <button type="button" class="danger" ref={confirmButton} onClick={() => void model.confirmReset()}>
                Delete all attempts
              </button>
              <button type="button" class="secondary" onClick={() => model.cancelReset()}>
                Cancel
              </button>
            </div>
          </div>
        ) : null}
      </section>

      {rows.length > 0 ? (
        <section aria-labelledby="chapters-heading" class="card">
          <h2 id="chapters-heading">Scores by chapter</h2>
          <div class="table-scroll">
            <table>
              <caption class="sr-only">Scores by chapter, oldest to latest</caption>
              <thead>
                <tr>
                  <th scope="col">Chapter</th>
                  <th scope="col" class="number">
                    Attempts
                  </th>
                  <th scope="col">Recent average</th>
                  <th scope="col" class="number">
                    Best
                  </th>
                  <th scope="col">Scores over time</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.chapter}>
                    <th scope="row">{r.title}</th>
                    <td class="number">{r.attempts}</td>
                    <td>
                      <ScoreBar score={r.recentMean} />
                    </td>
                    <td class="number">{r.best}</td>
                    <td class="trend">{r.trend}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <SuggestedNext model={model} />

      {attempts.length > 0 ? (
        <section aria-labelledby="attempts-heading" class="card">
          <h2 id="attempts-heading">Attempts</h2>
          <div class="table-scroll">
            <table>
              <caption class="sr-only">Attempts, latest first</caption>
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Case</th>
                  <th scope="col" class="number">
                    Score
                  </th>
                  <th scope="col">Your codes</th>
                </tr>
              </thead>
              <tbody>
                {model.attemptRows.value.map((a) => (
                  <tr key={a.key}>
                    <td>
                      <time dateTime={a.at}>{a.when}</time>
                    </td>
                    <td>
                      <button type="button" class="link" onClick={() => model.openCase(a.caseId)}>
                        {a.title}
                      </button>
                    </td>
                    <td class="number">{a.score}</td>
                    <td>
                      <code>{a.codes}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}
    </div>
  );
}
