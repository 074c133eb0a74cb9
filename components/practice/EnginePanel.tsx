import type { EngineComparison } from '../../utils/practice/compare';
import { ENGINE_LABEL } from '../../utils/practice/compare';
import { practiceViewMessages } from '../../utils/practice/messages';
import { EngineSide } from './EngineSide';
import type { EngineState } from './model';

/** The engine's suggestions for the case, as they arrive; "unavailable" when the engine cannot answer. */
export function EnginePanel({ state, comparison }: { state: EngineState; comparison: EngineComparison | undefined }) {
  if (state.phase === 'idle') return null;
  if (state.phase === 'done' && comparison) {
    return (
      <div class="card engine-card">
        <EngineSide comparison={comparison} />
        <p class="help">{practiceViewMessages.engineNotAKey}</p>
      </div>
    );
  }
  return (
    <section aria-labelledby="engine-heading" class="card engine-card">
      <h2 id="engine-heading">{ENGINE_LABEL}</h2>
      <p role="status" class="muted">
        {state.phase === 'loading'
          ? practiceViewMessages.engineLoading
          : state.phase === 'unavailable' && state.reason
            ? practiceViewMessages.engineUnavailableWhy(state.reason)
            : practiceViewMessages.engineUnavailable}
      </p>
    </section>
  );
}
