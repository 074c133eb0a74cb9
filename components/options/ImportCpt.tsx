import { deriveImportProgress, type OptionsModel } from './model';
import { ProgressBar } from './ProgressBar';

/** Import a licensed CPT table: preview, pick the code and descriptor columns, then import. */
export function ImportCpt({ model }: { model: OptionsModel }) {
  const task = model.cptTask.value;
  const running = task.phase === 'running';
  const preview = model.cptPreview.value;
  const file = model.cptFile.value;
  const codeColumn = model.codeColumn.value;
  const descriptorColumn = model.descriptorColumn.value;
  const hasHeader = model.hasHeader.value;
  const columns = Array.from({ length: preview?.columnCount ?? 0 }, (_, i) => i);
  const sampleRow = preview?.rows[hasHeader ? 1 : 0];
  const columnLabel = (col: number) => {
    const heading = hasHeader ? preview?.rows[0]?.[col]?.trim() : undefined;
    const sample = sampleRow?.[col]?.trim();
    return `Column ${col + 1}${heading ? ` “${heading}”` : ''}${sample ? `, e.g. ${sample.slice(0, 40)}` : ''}`;
  };

  return (
    <section aria-labelledby="cpt-heading">
      <h2 id="cpt-heading">Import CPT (licensed)</h2>
      <p class="note">
        CPT® is a registered trademark of the American Medical Association, which holds the copyright in the codes and their descriptors.
        Chartcode ships none. Import only a file you are licensed to use: it stays in this browser on this machine and is never sent
        anywhere.
      </p>
      <div class="field">
        <label htmlFor="cpt-file">CPT file (tab- or comma-separated: .csv, .tsv or .txt)</label>
        <input
          id="cpt-file"
          type="file"
          accept=".csv,.tsv,.txt"
          disabled={running}
          onChange={(event) => void model.chooseCptFile(event.currentTarget.files?.[0])}
        />
      </div>
      {preview && file ? (
        <>
          <div class="table-scroll">
            <table class="preview">
              <caption>
                First rows of {file.name} ({preview.delimiter === '\t' ? 'tab' : 'comma'}-separated)
              </caption>
              <thead>
                <tr>
                  {columns.map((col) => (
                    <th key={col} scope="col" class={col === codeColumn || col === descriptorColumn ? 'picked' : undefined}>
                      Column {col + 1}
                      {col === codeColumn ? ' (code)' : col === descriptorColumn ? ' (descriptor)' : ''}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row, r) => (
                  <tr key={r} class={r === 0 && hasHeader ? 'header-row' : undefined}>
                    {columns.map((col) => (
                      <td key={col}>{row[col] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div class="field-row">
            <ColumnSelect
              id="cpt-code-column"
              label="Code column"
              columns={columns}
              columnLabel={columnLabel}
              value={codeColumn}
              disabled={running}
              onChange={(col) => {
                model.codeColumn.value = col;
              }}
            />
            <ColumnSelect
              id="cpt-descriptor-column"
              label="Descriptor column"
              columns={columns}
              columnLabel={columnLabel}
              value={descriptorColumn}
              disabled={running}
              onChange={(col) => {
                model.descriptorColumn.value = col;
              }}
            />
          </div>
          <div class="field checkbox">
            <input
              id="cpt-has-header"
              type="checkbox"
              disabled={running}
              checked={hasHeader}
              onChange={(event) => {
                model.hasHeader.value = event.currentTarget.checked;
              }}
            />
            <label htmlFor="cpt-has-header">First row is a header</label>
          </div>
          <div class="field">
            <label htmlFor="cpt-year">Year the codes apply to (calendar year)</label>
            <input
              id="cpt-year"
              type="number"
              min={2000}
              max={2100}
              step={1}
              disabled={running}
              value={String(model.cptYear.value)}
              onInput={(event) => {
                model.cptYear.value = Number(event.currentTarget.value);
              }}
            />
          </div>
        </>
      ) : null}
      <button type="button" onClick={() => void model.runCptImport()} disabled={running || !preview}>
        Import CPT
      </button>
      {running ? <ProgressBar id="cpt-import-progress" view={deriveImportProgress(task.progress)} /> : null}
      <div role="alert" class="alert-region">
        {task.phase === 'failed' ? <p class="error">{task.error}</p> : null}
      </div>
      <div role="status" class="status-region">
        {task.phase === 'done' ? (
          <div class="success">
            {task.result.assets.map((asset) => (
              <p key={asset.id}>
                Imported <code>{asset.id}</code>: {asset.count.toLocaleString('en-US')} codes.
              </p>
            ))}
            {task.notice ? <p class="warning">{task.notice}</p> : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}

interface ColumnSelectProps {
  id: string;
  label: string;
  columns: number[];
  columnLabel: (column: number) => string;
  value: number;
  disabled: boolean;
  onChange: (column: number) => void;
}

/** One labelled picker over the preview's columns (code, descriptor). */
function ColumnSelect({ id, label, columns, columnLabel, value, disabled, onChange }: ColumnSelectProps) {
  return (
    <div class="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} disabled={disabled} value={String(value)} onChange={(event) => onChange(Number(event.currentTarget.value))}>
        {columns.map((col) => (
          <option key={col} value={String(col)}>
            {columnLabel(col)}
          </option>
        ))}
      </select>
    </div>
  );
}
