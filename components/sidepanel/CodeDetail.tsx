import { useCallback, useEffect, useRef } from 'preact/hooks';
import type { LookupResult } from '../../utils/codes/catalog';
import { displayCode } from '../../utils/codes/code-format';
import { HccBadge, StateBadge, SystemBadge } from './Badges';
import { deriveAncestorTrail, deriveNoteGroups, deriveNotesYear, type SidePanelModel, sidepanelMessages } from './model';
import { SeventhBuilder } from './SeventhBuilder';

/** One code on the date of service: state, place in the tabular, inherited notes, 7th character, codes below. */
export function CodeDetail({ model }: { model: SidePanelModel }) {
  const detail = model.detail.value;
  const heading = useRef<HTMLHeadingElement | null>(null);
  // A callback ref: with Preact 11 an object ref on this heading was still null when the effect below ran.
  const setHeading = useCallback((element: HTMLHeadingElement | null) => {
    heading.current = element;
  }, []);
  const system = detail?.system;
  const code = detail?.code;

  // Opening a code (from the list, a link or Back) moves focus to its heading.
  useEffect(() => {
    if (code !== undefined) heading.current?.focus();
  }, [system, code]);

  if (!detail) return null;
  const display = displayCode(detail.system, detail.code);
  const lookup = detail.phase === 'done' ? detail.lookup : undefined;

  return (
    <section
      class="detail"
      aria-labelledby="detail-heading"
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.preventDefault();
          model.back();
        }
      }}
    >
      <div class="detail-nav">
        <button type="button" class="secondary" onClick={() => model.back()}>
          ← {model.detailHistory.value.length > 0 ? 'Back' : 'Back to results'}
        </button>
      </div>
      {lookup && lookup.ancestors.length > 0 ? <AncestorTrail model={model} lookup={lookup} /> : null}
      <h2 id="detail-heading" tabIndex={-1} ref={setHeading}>
        <code class="heading-code">{lookup?.display ?? display}</code> {lookup?.title ?? ''}
      </h2>
      {detail.phase === 'loading' ? <p class="muted">Opening {display}…</p> : null}
      {detail.phase === 'waiting' ? <p class="muted">{sidepanelMessages.loadingCodesets}</p> : null}
      {detail.phase === 'failed' ? (
        <p role="alert" class="error">
          {detail.error}
        </p>
      ) : null}
      {lookup ? <LookupBody model={model} lookup={lookup} /> : null}
    </section>
  );
}

function AncestorTrail({ model, lookup }: { model: SidePanelModel; lookup: LookupResult }) {
  return (
    <nav aria-label="Place in the Tabular List" class="trail">
      <ol>
        {deriveAncestorTrail(lookup.ancestors).map((a) => (
          <li key={a.id}>
            {a.code ? (
              <button type="button" class="link" onClick={() => void model.openDetail(lookup.system, a.code ?? a.id)} title={a.title}>
                {a.label}
              </button>
            ) : (
              <span title={a.title}>{a.label}</span>
            )}{' '}
            <span class="trail-title">{a.title}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

function LookupBody({ model, lookup }: { model: SidePanelModel; lookup: LookupResult }) {
  const groups = deriveNoteGroups(lookup.notes);
  const notesYear = deriveNotesYear(lookup);

  return (
    <>
      <p class="detail-state">
        <StateBadge state={lookup.state} /> <SystemBadge system={lookup.system} />
        {lookup.fiscalYear !== undefined ? <span class="muted"> FY{lookup.fiscalYear} code set</span> : null}
        {lookup.poaExempt ? <span class="badge poa">POA exempt</span> : null}
      </p>
      <p class="reason">{lookup.reason}</p>
      {lookup.state === 'billable' ? (
        <button type="button" onClick={() => model.addLookup(lookup)}>
          Add {lookup.display} to worksheet
        </button>
      ) : null}
      {lookup.replacedBy.length > 0 ? (
        <p>
          Replaced by:{' '}
          {lookup.replacedBy.map((r, i) => (
            <span key={r.code}>
              {i > 0 ? ', ' : ''}
              <button type="button" class="link" onClick={() => void model.openDetail(lookup.system, r.code)}>
                {r.display}
              </button>
            </span>
          ))}
        </p>
      ) : null}

      {lookup.seventh.length > 0 ? <SeventhBuilder model={model} lookup={lookup} /> : null}

      {lookup.hcc.length > 0 ? (
        <section aria-labelledby="detail-hcc" class="detail-block">
          <h3 id="detail-hcc">HCC</h3>
          <ul class="plain">
            {lookup.hcc.map((h) => (
              <li key={`${h.model}-${h.hcc}`}>
                <HccBadge hcc={h.hcc} /> {h.model}: {h.label}
              </li>
            ))}
          </ul>
          <p class="help">For the coder's review only; never part of a query.</p>
        </section>
      ) : null}

      {groups.length > 0 ? (
        <section aria-labelledby="detail-notes" class="detail-block">
          <h3 id="detail-notes">Notes</h3>
          {notesYear ? <p class="help">{notesYear}</p> : null}
          {groups.map((group) => (
            <div key={group.type} class={`note-group note-${group.type}`}>
              <h4>{group.label}</h4>
              <ul>
                {group.notes.map((note) => (
                  <li key={note.key}>
                    {note.text}{' '}
                    <span class="from">
                      (from {note.from}
                      {note.year !== lookup.notesYear ? `, FY${note.year}` : ''})
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}

      {lookup.children.length > 0 ? (
        <section aria-labelledby="detail-children" class="detail-block">
          <h3 id="detail-children">Codes below</h3>
          <ul class="children">
            {lookup.children.map((child) => (
              <li key={child.code}>
                <button type="button" class="link code" onClick={() => void model.openDetail(lookup.system, child.code)}>
                  {child.display}
                </button>{' '}
                <StateBadge state={child.billable ? 'billable' : 'header'} /> <span>{child.title}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
