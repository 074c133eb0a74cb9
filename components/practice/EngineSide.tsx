import type { EngineComparison } from '../../utils/practice/compare';

const COVERAGE_LABEL = { exact: 'you have it', category: 'you have its category', absent: 'not in your list' } as const;

/** The engine's suggestions beside the student's codes, labelled as suggestions, not an answer key. */
export function EngineSide({ comparison }: { comparison: EngineComparison }) {
  return (
    <section aria-labelledby="engine-heading" class="engine-side">
      <h2 id="engine-heading">{comparison.label}</h2>
      {comparison.rows.length === 0 ? (
        <p class="muted">The engine has no suggestions for this note.</p>
      ) : (
        <ul aria-label="Engine suggestions">
          {comparison.rows.map((r) => (
            <li key={r.code} class={r.status}>
              <code>{r.code}</code> {r.title}{' '}
              <span class="badge">{r.status === 'not-coded' ? `not coded: ${r.notCoded ?? r.context}` : r.status}</span>
              <span class="muted"> · {COVERAGE_LABEL[r.student]}</span>
              <p class="muted">{r.reason}</p>
            </li>
          ))}
        </ul>
      )}
      {comparison.studentOnly.length > 0 ? <p>Only in your list: {comparison.studentOnly.join(', ')}</p> : null}
    </section>
  );
}
