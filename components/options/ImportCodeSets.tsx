import { deriveImportProgress, describeRecognised, fiscalYearChoices, type OptionsModel, type PickedFile } from './model';
import { ProgressBar } from './ProgressBar';

/** Import official CMS/CDC release files or zips; shows what was recognised, progress, then the outcome. */
export function ImportCodeSets({ model, today }: { model: OptionsModel; today: string }) {
  const task = model.importTask.value;
  const running = task.phase === 'running';
  const recognised = model.recognised.value;
  const error = task.phase === 'failed' ? task.error : model.recogniseError.value;
  const years = fiscalYearChoices(today);

  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">Import code set</h2>
      <p>
        Choose the official release files (for example <code>icd10cm_order_2027.txt</code>, the tabular or index XML, the HCPCS CSV) or the
        zip they come in. They are read in this browser and stored on this machine; nothing is sent anywhere.
      </p>
      <div class="field">
        <label htmlFor="codeset-files">Code-set files (.txt, .xml, .csv, .gz or .zip)</label>
        <input
          id="codeset-files"
          type="file"
          multiple
          accept=".txt,.zip,.xml,.csv,.gz"
          disabled={running}
          onChange={(event) => {
            const picked: PickedFile[] = Array.from(event.currentTarget.files ?? []);
            void model.chooseFiles(picked);
          }}
        />
      </div>
      <div class="field">
        <label htmlFor="codeset-year">Fiscal year</label>
        <select
          id="codeset-year"
          aria-describedby="codeset-year-help"
          disabled={running}
          value={model.fiscalYear.value === undefined ? '' : String(model.fiscalYear.value)}
          onChange={(event) => {
            const value = event.currentTarget.value;
            void model.chooseFiscalYear(value === '' ? undefined : Number(value));
          }}
        >
          <option value="">From the file names</option>
          {years.map((year) => (
            <option key={year} value={String(year)}>
              FY{year} ({year - 1}-10-01 to {year}-09-30)
            </option>
          ))}
        </select>
        <p id="codeset-year-help" class="help">
          Used for files whose names carry no year, and as the year the tabular list and index files serve.
        </p>
      </div>
      {recognised && recognised.length > 0 ? (
        <div>
          <h3 id="recognised-heading">Recognised files</h3>
          <ul aria-labelledby="recognised-heading">
            {recognised.map((file, i) => (
              <li key={`${i}:${file.container ?? ''}/${file.name}`} class={file.kind === 'unknown' ? 'muted' : undefined}>
                {describeRecognised(file)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="button" onClick={() => void model.runImport()} disabled={running || model.files.value.length === 0}>
        Import
      </button>
      {running ? <ProgressBar id="codeset-import-progress" view={deriveImportProgress(task.progress)} /> : null}
      <div role="alert" class="alert-region">
        {error ? <p class="error">{error}</p> : null}
      </div>
      <div role="status" class="status-region">
        {task.phase === 'done' ? (
          <div class="success">
            <p>
              Imported {task.result.assets.length} code set{task.result.assets.length === 1 ? '' : 's'}:
            </p>
            <ul>
              {task.result.assets.map((asset) => (
                <li key={asset.id}>
                  <code>{asset.id}</code>: {asset.count.toLocaleString('en-US')} records
                </li>
              ))}
            </ul>
            {task.result.skipped.length > 0 ? <p>Skipped (not code-set files): {task.result.skipped.join(', ')}</p> : null}
            {task.notice ? <p class="warning">{task.notice}</p> : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
