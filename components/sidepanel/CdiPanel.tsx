import { displayCode } from '../../utils/codes/code-format';
import { ProgressBar } from '../options/ProgressBar';
import { type CdiModel, cdiMessages, deriveNextStatuses, GAP_LABELS, QUERY_STATUS_LABELS } from './cdi-model';
import type { CdiItem } from './cdi-client';
import { deriveLoadingView, sidepanelMessages } from './model';

/**
 * The CDI tab: the opportunities found in the note, the selected one's cited indicators and criteria,
 * the query editor with live lint (copy blocked on errors), the impact view for the specialist, and
 * the opt-in query log. Note text (quotes, the query) is only ever a text child or a form value.
 */
export function CdiPanel({ model }: { model: CdiModel }) {
  const phase = model.phase.value;
  const ready = model.ready.value;
  const items = model.items.value;
  const selected = model.selected.value;
  const loading = phase === 'loading' ? (deriveLoadingView(model.loadingStatus.value) ?? { label: sidepanelMessages.loadingCodesets }) : undefined;

  const status =
    phase === 'working'
      ? cdiMessages.reading
      : phase === 'loading'
        ? cdiMessages.waitingForCodesets
        : phase === 'bad-date'
          ? cdiMessages.badDate
          : phase === 'failed'
            ? cdiMessages.failed(model.error.value ?? '')
            : phase === 'empty'
              ? model.emptyReason.value
              : phase === 'done'
                ? items.length === 0
                  ? cdiMessages.none(ready?.view.indicatorCount ?? 0)
                  : cdiMessages.count(items.length)
                : '';

  return (
    <section class="cdi" aria-labelledby="cdi-heading">
      <h2 id="cdi-heading">Clinical documentation review</h2>
      {ready ? (
        <p class="source-line">
          {ready.source.kind === 'page' ? cdiMessages.fromPage(ready.source.title || 'untitled') : cdiMessages.fromPaste}
          {ready.source.origin ? <span class="muted"> ({ready.source.origin})</span> : null}{' '}
          <button type="button" class="link" onClick={() => void model.review()}>
            Review again
          </button>
        </p>
      ) : null}
      <p id="cdi-status" role="status" class={`analysis-status tone-${phase === 'failed' ? 'error' : 'info'}`} hidden={status === ''}>
        {status}
      </p>
      {model.stale.value ? <p class="help">{cdiMessages.pageChanged}</p> : null}
      {loading ? <ProgressBar id="cdi-codeset-progress" view={loading} /> : null}
      {phase === 'failed' ? (
        <button type="button" class="secondary" onClick={() => void model.review()}>
          Try again
        </button>
      ) : null}

      {items.length > 0 ? (
        <ul class="cdi-opportunities" aria-label="Documentation opportunities">
          {items.map((item) => (
            <OpportunityRow key={item.opportunity.id} item={item} selected={item.opportunity.id === selected?.opportunity.id} onSelect={() => model.select(item.opportunity.id)} />
          ))}
        </ul>
      ) : null}

      {selected ? <OpportunityDetail model={model} item={selected} /> : null}

      <QueryLog model={model} />
    </section>
  );
}

function OpportunityRow({ item, selected, onSelect }: { item: CdiItem; selected: boolean; onSelect: () => void }) {
  const { opportunity } = item;
  return (
    <li class={`cdi-opportunity${selected ? ' selected' : ''}`}>
      <button type="button" class="cdi-opportunity-button" aria-pressed={selected} onClick={onSelect}>
        <span class="cdi-title">{opportunity.title}</span>
        <span class="cdi-gap">{GAP_LABELS[opportunity.gap]}</span>
        <span class="cdi-indicator-count muted">
          {item.draft.indicators.length} indicator{item.draft.indicators.length === 1 ? '' : 's'} cited
        </span>
      </button>
    </li>
  );
}

function OpportunityDetail({ model, item }: { model: CdiModel; item: CdiItem }) {
  const text = model.queryText.value;
  const findings = model.findings.value;
  const lint = model.lint.value;
  const current = lint !== undefined && lint.text === text;
  const errors = current ? lint.result.errors.length : 0;
  const warnings = current ? lint.result.warnings.length : 0;
  const lintStatus = model.lintError.value
    ? cdiMessages.lintFailed(model.lintError.value)
    : model.linting.value || !current
      ? cdiMessages.linting
      : errors + warnings === 0
        ? cdiMessages.lintClean
        : cdiMessages.lintSummary(errors, warnings);

  return (
    <article class="cdi-detail" aria-labelledby="cdi-detail-heading">
      <h3 id="cdi-detail-heading">{item.opportunity.title}</h3>
      <p class="cdi-gap">{GAP_LABELS[item.opportunity.gap]}</p>

      <h4>Indicators cited from the note</h4>
      <ul class="cdi-indicators">
        {item.draft.indicators.map((indicator) => (
          <li key={indicator.indicatorId}>
            <span class="cdi-summary">{indicator.summary}</span> <span class="muted">({indicator.section})</span>
            <q class="cdi-quote">{indicator.quote}</q>
          </li>
        ))}
        {item.draft.documented.map((doc) => (
          <li key={`${doc.section}:${doc.quote}`}>
            <span class="cdi-summary">Documented</span> <span class="muted">({doc.section})</span>
            <q class="cdi-quote">{doc.quote}</q>
          </li>
        ))}
      </ul>

      <details class="cdi-criteria">
        <summary>Criteria and sources ({item.opportunity.criteria.length})</summary>
        <ul>
          {item.opportunity.criteria.map((c) => (
            <li key={c.literal}>
              {c.literal} <span class="muted">— {c.source}</span>
            </li>
          ))}
        </ul>
      </details>

      <label htmlFor="cdi-query" class="cdi-editor-label">
        Query to the provider (edit freely; the linter checks every change)
      </label>
      <textarea
        id="cdi-query"
        class="cdi-editor"
        rows={16}
        spellcheck
        value={text}
        aria-describedby="cdi-lint-status"
        onInput={(event) => model.edit(event.currentTarget.value)}
        onBlur={() => void model.lintNow()}
      />
      <p id="cdi-lint-status" class={`cdi-lint-status ${errors > 0 || model.lintError.value ? 'tone-error' : warnings > 0 ? 'tone-warn' : 'tone-ok'}`} aria-live="polite">
        {lintStatus}
      </p>
      {findings.length > 0 ? (
        <ul class="cdi-findings" aria-label="Linter findings">
          {findings.map((f, i) => (
            <li key={`${f.code}-${i}`} class={`cdi-finding severity-${f.severity}`}>
              <span class="cdi-severity">{f.severity === 'error' ? 'Error' : 'Warning'}</span> {f.message}
            </li>
          ))}
        </ul>
      ) : null}
      <div class="cdi-actions">
        <button type="button" class="primary" aria-disabled={!model.copyAllowed.value} onClick={() => void model.copy()}>
          Copy query
        </button>
        <button type="button" class="secondary" disabled={!model.edited.value} onClick={() => model.resetDraft()}>
          Restore the draft
        </button>
        {model.log.value.enabled ? (
          <button type="button" class="secondary" onClick={() => void model.addToLog()}>
            Add to query log
          </button>
        ) : null}
      </div>

      <Impact item={item} ccMccSource={model.ready.value?.view.ccMccSource} />
    </article>
  );
}

function Impact({ item, ccMccSource }: { item: CdiItem; ccMccSource: string | undefined }) {
  const rows = item.impact.filter((o) => o.rows.some((r) => r.hcc || r.ccMcc));
  return (
    <details class="cdi-impact">
      <summary>Impact, for the CDI specialist only (never part of a query)</summary>
      {rows.length === 0 ? (
        <p class="muted">No answer to this query maps to a CMS-HCC V28 category{ccMccSource ? ' or a CC/MCC' : ''}.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">If the provider answers</th>
              <th scope="col">Code</th>
              <th scope="col">HCC V28</th>
              {ccMccSource ? <th scope="col">CC/MCC</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.flatMap((o) =>
              o.rows.map((r, i) => (
                <tr key={`${o.optionId}-${r.code}`}>
                  <td>{i === 0 ? o.option : ''}</td>
                  <td class="mono">{displayCode('icd10cm', r.code)}</td>
                  <td>{r.hcc ? `HCC ${r.hcc.hcc} ${r.hcc.label}` : '—'}</td>
                  {ccMccSource ? <td>{r.ccMcc ? r.ccMcc.toUpperCase() : '—'}</td> : null}
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
      <p class="help">{ccMccSource ? `CC/MCC from ${ccMccSource}.` : 'Import a CMS CC/MCC list on the options page to see CC/MCC here.'}</p>
    </details>
  );
}

function QueryLog({ model }: { model: CdiModel }) {
  const { enabled, entries } = model.log.value;
  return (
    <section class="cdi-log" aria-labelledby="cdi-log-heading">
      <h3 id="cdi-log-heading">Query log</h3>
      <label class="checkbox">
        <input type="checkbox" checked={enabled} onChange={(event) => void model.setLogEnabled(event.currentTarget.checked)} /> Keep a local query log
        (condition, options, lint result and status; never note or query text)
      </label>
      {model.logError.value ? <p class="error-text">{model.logError.value}</p> : null}
      {entries.length > 0 ? (
        <>
          <table class="cdi-log-table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Condition</th>
                <th scope="col">Lint</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.date}</td>
                  <td>{entry.condition}</td>
                  <td>{entry.lintResult.ok ? 'passed' : `${entry.lintResult.errors.length} error(s)`}</td>
                  <td>
                    <select
                      aria-label={`Status of the ${entry.condition} query of ${entry.date}`}
                      value={entry.status}
                      onChange={(event) => void model.setStatus(entry.id, event.currentTarget.value as typeof entry.status)}
                    >
                      {deriveNextStatuses(entry).map((s) => (
                        <option key={s} value={s}>
                          {QUERY_STATUS_LABELS[s]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="cdi-actions">
            <button type="button" class="secondary" onClick={() => void model.exportCsv()}>
              Export CSV
            </button>
            <button type="button" class="secondary" onClick={() => void model.clearLog()}>
              Clear the log
            </button>
          </div>
        </>
      ) : enabled ? (
        <p class="muted">No query logged yet.</p>
      ) : null}
    </section>
  );
}
