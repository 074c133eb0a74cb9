import { deriveLoadProgress, deriveVersionRows, type OptionsModel } from './model';
import { ProgressBar } from './ProgressBar';

/** The active code-set versions, the background's load progress and its errors. */
export function CodeSetStatus({ model }: { model: OptionsModel }) {
  const status = model.status.value;
  const rows = deriveVersionRows(status?.versions ?? []);
  const progress = deriveLoadProgress(status);
  const error = model.statusError.value ?? (status?.state === 'error' ? status.error : undefined);

  return (
    <section aria-labelledby="codesets-heading">
      <h2 id="codesets-heading">Code sets</h2>
      <div role="alert" class="alert-region">
        {error ? <p class="error">{error}</p> : null}
      </div>
      {progress ? <ProgressBar id="codeset-load-progress" view={progress} /> : null}
      {status === undefined ? (
        error ? null : (
          <p>Reading the code-set status…</p>
        )
      ) : rows.length === 0 ? (
        <p>No code sets are active yet.</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption>Active code-set versions</caption>
            <thead>
              <tr>
                <th scope="col">System</th>
                <th scope="col">Content</th>
                <th scope="col">Year</th>
                <th scope="col" class="number">
                  Records
                </th>
                <th scope="col">Details</th>
                <th scope="col">Source files</th>
                <th scope="col">Origin</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.system}</th>
                  <td>
                    {row.kind}
                    {row.contentNote ? <span class="content-note"> ({row.contentNote})</span> : null}
                  </td>
                  <td>{row.year}</td>
                  <td class="number">{row.count}</td>
                  <td>{row.stats}</td>
                  <td class="sources">{row.sources}</td>
                  <td>{row.origin === 'imported' ? 'imported' : 'bundled'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
