import type { LookupResult } from '../../utils/codes/catalog';
import { StateBadge } from './Badges';
import { deriveSeventhChoices, deriveSeventhCode, type SidePanelModel } from './model';

/**
 * The 7th character: one radio per character the code set allows for this code on the date, each
 * with its meaning and the full code it makes (placeholder X included); the chosen code is looked up
 * so its state and title come from the code set, not from string building.
 */
export function SeventhBuilder({ model, lookup }: { model: SidePanelModel; lookup: LookupResult }) {
  const choices = deriveSeventhChoices(lookup);
  const chosen = model.seventh.value;
  const built = model.built.value;
  const preview = deriveSeventhCode(lookup.system, lookup.code, chosen ?? '_');
  const result = built.phase !== 'none' && built.char === chosen ? built : undefined;
  const ready = result?.phase === 'done' ? result.lookup : undefined;

  return (
    <section aria-labelledby="seventh-heading" class="detail-block seventh">
      <h3 id="seventh-heading">7th character</h3>
      <fieldset>
        <legend class="sr-only">Choose the 7th character for {lookup.display}</legend>
        {choices.map((choice) => (
          <label key={choice.char} class={`choice${chosen === choice.char ? ' chosen' : ''}`}>
            <input
              type="radio"
              name="seventh"
              value={choice.char}
              checked={chosen === choice.char}
              onChange={() => model.chooseSeventh(choice.char)}
            />
            <code class="char">{choice.char}</code> <span class="meaning">{choice.meaning}</span> <code class="full">{choice.display}</code>
          </label>
        ))}
      </fieldset>
      <div class="built" role="status">
        <span>Code: </span>
        <code class="built-code" data-testid="built-code">
          {preview.display}
        </code>{' '}
        {chosen === undefined ? <span class="muted">choose a 7th character</span> : null}
        {result?.phase === 'loading' ? <span class="muted">checking…</span> : null}
        {ready ? (
          <>
            <StateBadge state={ready.state} /> <span class="built-title">{ready.title ?? ''}</span>
          </>
        ) : null}
        {result?.phase === 'failed' ? <span class="error-text">{result.error}</span> : null}
      </div>
      <button type="button" disabled={ready?.state !== 'billable'} onClick={() => ready && model.addLookup(ready)}>
        Add {chosen === undefined ? 'code' : preview.display} to worksheet
      </button>
    </section>
  );
}
