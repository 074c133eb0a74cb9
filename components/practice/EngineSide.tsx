import type { EngineComparison } from '../../utils/practice/compare';
import { DISTRACTOR_LABELS } from '../../utils/practice/messages';

const COVERAGE_LABEL = { exact: 'you have it', category: 'you have its category', absent: 'not in your list' } as const;
const KEY_LABEL = { exact: 'in the key', category: 'its category is in the key', absent: 'not in the key' } as const;

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
              <span class="badge">
                {r.status === 'not-coded' ? `not coded: ${r.notCoded ? DISTRACTOR_LABELS[r.notCoded] : r.context}` : r.status}
              </span>
              <span class="muted"> · {COVERAGE_LABEL[r.student]}</span>
              {r.key ? <span class="muted"> · {KEY_LABEL[r.key]}</span> : null}
              <p class="muted">{r.reason}</p>
            </li>
          ))}
        </ul>
      )}
      {comparison.studentOnly.length > 0 ? <p>Only in your list: {comparison.studentOnly.join(', ')}</p> : null}
      {comparison.keyOnly && comparison.keyOnly.length > 0 ? (
        <p>In the key but not suggested by the engine: {comparison.keyOnly.join(', ')}</p>
      ) : null}
    </section>
  );
}
