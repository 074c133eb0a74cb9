import type { PracticeModel } from './model';

/** The weakest chapters (or those never tried), each with a case to open. */
export function SuggestedNext({ model }: { model: PracticeModel }) {
  const next = model.next.value;
  if (next.length === 0) return null;
  return (
    <section aria-labelledby="suggested-heading" class="card suggested">
      <h2 id="suggested-heading">Suggested next</h2>
      <ul class="plain">
        {next.map((s) => {
          const c = s.nextCaseId ? model.library.value.find((x) => x.id === s.nextCaseId) : undefined;
          return (
            <li key={s.chapter}>
              {/* The reason names the chapter: "Neoplasms: average 45 over your last 3 attempts." */}
              <span class="suggest-reason">{s.reason}</span>
              {c ? (
                <div>
                  <button type="button" class="link" onClick={() => model.openCase(c.id)}>
                    Try: {c.title}
                  </button>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
