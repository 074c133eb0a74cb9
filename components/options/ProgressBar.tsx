import type { ProgressView } from './model';

/** A labelled <progress>; without a value it is indeterminate. */
export function ProgressBar({ id, view }: { id: string; view: ProgressView }) {
  return (
    <div class="progress">
      <label htmlFor={id}>{view.label}</label>
      {view.value === undefined ? (
        <progress id={id} aria-valuetext={view.label} />
      ) : (
        <progress id={id} value={view.value} max={view.max} aria-valuetext={view.label} />
      )}
    </div>
  );
}
