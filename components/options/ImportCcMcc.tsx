import { CC_MCC_FORMATS, type CcMccModel, ccMccUiMessages } from './cc-mcc-model';

/** Import a CMS CC/MCC list for the CDI specialist's impact view (never part of a query). */
export function ImportCcMcc({ model }: { model: CcMccModel }) {
  const current = model.current.value;
  const busy = model.busy.value;
  const message = model.message.value;
  return (
    <section aria-labelledby="cc-mcc-heading">
      <h2 id="cc-mcc-heading">Import a CC/MCC list (CDI impact)</h2>
      <p class="note">
        The CDI tab can show, for the specialist only, whether an answer to a query would be a CC or an MCC. Chartcode ships no list:
        import the MS-DRG CC and MCC lists of the fiscal year you code for (CMS IPPS Tables 6I and 6J, or a file of <code>code,cc_mcc</code>{' '}
        lines). Designations never appear in query text.
      </p>
      <p id="cc-mcc-current">{current && current.size > 0 ? ccMccUiMessages.current(current) : ccMccUiMessages.none}</p>
      <div class="field">
        <label htmlFor="cc-mcc-file">CC/MCC file (.csv, .tsv or .txt)</label>
        <input
          id="cc-mcc-file"
          type="file"
          accept=".csv,.tsv,.txt"
          disabled={busy}
          onChange={(event) => model.choose(event.currentTarget.files?.[0])}
        />
      </div>
      <fieldset class="field" disabled={busy}>
        <legend>The file holds</legend>
        {CC_MCC_FORMATS.map((f) => (
          <label key={f.id} class="radio">
            <input type="radio" name="cc-mcc-format" value={f.id} checked={model.format.value === f.id} onChange={() => model.setFormat(f.id)} /> {f.label}
          </label>
        ))}
      </fieldset>
      <div class="field-row">
        <button type="button" disabled={busy} onClick={() => void model.importFile()}>
          Import CC/MCC list
        </button>
        {current && current.size > 0 ? (
          <button type="button" class="secondary" disabled={busy} onClick={() => void model.clear()}>
            Remove the list
          </button>
        ) : null}
      </div>
      {message ? (
        <p id="cc-mcc-message" role={message.tone === 'error' ? 'alert' : 'status'} class={message.tone === 'error' ? 'error' : 'success'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
