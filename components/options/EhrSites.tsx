import { useEffect, useRef } from 'preact/hooks';
import { type SitesModel, sitesMessages } from './sites-model';

/** The id of this section: the side panel links here (options.html#ehr-sites). */
export const EHR_SITES_ANCHOR = 'ehr-sites';

/**
 * The EHR sites the user enabled, "Stop reading" for each, and a form to add one by its address.
 * Origins and messages are text children, never markup.
 */
export function EhrSites({ model }: { model: SitesModel }) {
  const origins = model.origins.value;
  const pending = model.pending.value;
  const message = model.message.value;
  const inputRef = useRef<HTMLInputElement>(null);
  const focusSeq = model.inputFocus.value;

  useEffect(() => {
    if (focusSeq > 0) inputRef.current?.focus();
  }, [focusSeq]);

  return (
    <section id={EHR_SITES_ANCHOR} aria-labelledby="ehr-sites-heading">
      <h2 id="ehr-sites-heading">EHR sites</h2>
      <p class="note">
        Chartcode reads the note only on the sites listed here. Adding a site asks the browser for access to it (for every port of that
        host); the note's text stays in the browser. “Stop reading” gives the access back.
      </p>
      {model.listError.value ? (
        <p class="error" role="alert">
          {model.listError.value}
        </p>
      ) : null}
      {origins === undefined ? null : origins.length === 0 ? (
        <p id="ehr-sites-none">{sitesMessages.none}</p>
      ) : (
        <ul class="site-list" aria-label="Sites Chartcode reads">
          {origins.map((origin) => (
            <li key={origin}>
              <span class="site-origin">{origin}</span>{' '}
              <button type="button" class="secondary small" disabled={pending !== undefined} onClick={() => void model.remove(origin)}>
                Stop reading<span class="sr-only"> {origin}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        class="site-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          // Inside the submit (a user gesture): the model asks for the permission before anything else.
          void model.add();
        }}
      >
        <div class="field">
          <label htmlFor="ehr-site-address">Address of an EHR page</label>
          <input
            id="ehr-site-address"
            ref={inputRef}
            type="url"
            inputMode="url"
            autoComplete="off"
            spellcheck={false}
            placeholder="https://ehr.example.org"
            aria-describedby="ehr-site-hint"
            aria-invalid={model.inputInvalid.value || undefined}
            value={model.input.value}
            onInput={(event) => model.setInput(event.currentTarget.value)}
          />
          <p id="ehr-site-hint" class="help">
            Paste the address of the page with the note; only its site (scheme, host and port) is kept, never the rest of the address.
          </p>
        </div>
        <button type="submit" disabled={pending !== undefined}>
          Enable
        </button>
      </form>
      {message ? (
        <p id="ehr-sites-message" role={message.tone === 'error' ? 'alert' : 'status'} class={message.tone === 'error' ? 'error' : 'success'}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}
