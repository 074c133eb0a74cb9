import { useEffect, useRef } from 'preact/hooks';
import type { ContextLabel, Suggestion } from '../../utils/coding/types';
import { ProgressBar } from '../options/ProgressBar';
import { HccBadge, StateBadge, SystemBadge } from './Badges';
import { deriveLoadingView, type SidePanelModel, sidepanelMessages } from './model';
import type { SiteAccessModel } from './site-access-model';
import { SiteOffer } from './SiteOffer';
import {
  CONTEXT_LABELS,
  CONTEXT_ORDER,
  deriveConflicts,
  deriveEvidenceSnippets,
  deriveItemName,
  isCodeless,
  isOverridden,
  NOT_CODED_REASONS,
  type SuggestionGroupView,
  type SuggestionItem,
  type SuggestionsModel,
  suggestionMessages,
} from './suggestions-model';

/** A DOM id for a suggestion key (`icd10cm:I10#2` → `suggestion-icd10cm_I10_2`). */
export const suggestionDomId = (key: string) => `suggestion-${key.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/**
 * The Suggestions tab: where the text came from, what is happening, the groups, rejected codes and
 * the paste box. Every piece of note text (evidence, page title, pasted text) is a text child or a
 * form value, never markup.
 */
export function SuggestionsPanel({ model, panel, site }: { model: SuggestionsModel; panel: SidePanelModel; site?: SiteAccessModel }) {
  const phase = model.phase.value;
  const view = model.view.value;
  const status = model.status.value;
  const active = model.activeKey.value;
  const focusSeq = model.itemFocus.value;

  // The keyboard moved the active suggestion (j / k, accept, reject, undo): focus follows it. Only on
  // a new request: showing the tab again must leave focus on the tab (tablist pattern).
  useEffect(() => {
    // Read the tab now, not at render: the coder may have switched tabs before this effect ran.
    const key = model.activeKey.peek();
    if (focusSeq === 0 || panel.tab.peek() !== 'suggestions' || key === undefined) return;
    const element = document.getElementById(suggestionDomId(key));
    element?.focus();
    element?.scrollIntoView?.({ block: 'nearest' });
  }, [focusSeq]);

  const loading =
    phase === 'loading' ? (deriveLoadingView(model.loadingStatus.value) ?? { label: sidepanelMessages.loadingCodesets }) : undefined;
  // Stable while a paste is analysed, so the box (and the caret in it) is not re-mounted.
  const pasteFirst = phase === 'empty' || model.sourceKind.value === 'paste';
  const showList = view !== undefined && phase !== 'bad-date';
  const rejected = model.rejectedItems.value;
  const lastRejected = rejected[0];

  return (
    <section class="suggestions" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">Suggestions</h2>
      {view ? (
        <p class="source-line">
          {view.source.kind === 'page' ? (
            <>
              {suggestionMessages.fromPage(view.source.title || 'untitled')}
              {view.source.origin ? <span class="muted"> ({view.source.origin})</span> : null}
            </>
          ) : (
            <>
              {suggestionMessages.fromPaste}{' '}
              <button type="button" class="link" onClick={() => void model.readPage()}>
                Analyse the page's note instead
              </button>
            </>
          )}
        </p>
      ) : null}

      {view?.result.settingHint && view.result.settingHint.setting !== panel.setting.value ? (
        <p class="notice setting-hint">
          {suggestionMessages.settingHint(view.result.settingHint.setting, view.result.settingHint.cues.join(', '))}{' '}
          <button type="button" class="link" onClick={() => view.result.settingHint && panel.setSetting(view.result.settingHint.setting)}>
            {suggestionMessages.useSetting(view.result.settingHint.setting)}
          </button>
        </p>
      ) : null}
      <p id="analysis-status" role="status" class={`analysis-status tone-${status.tone}`} hidden={status.text === ''}>
        {status.text}
      </p>
      {loading ? <ProgressBar id="analysis-codeset-progress" view={loading} /> : null}
      {phase === 'failed' ? (
        <button type="button" class="secondary" onClick={() => void model.refresh()}>
          Try again
        </button>
      ) : null}
      {phase === 'empty' ? <p class="empty-reason">{model.emptyReason.value}</p> : null}
      {phase === 'empty' && site ? <SiteOffer model={site} onEnabled={() => void model.readPage()} /> : null}
      {model.pageChanged.value ? (
        <p class="notice">
          {suggestionMessages.pageChanged}{' '}
          <button type="button" class="link" onClick={() => void model.readPage()}>
            Show the page's suggestions
          </button>
        </p>
      ) : null}
      {view && view.result.warnings.length > 0 ? (
        <ul class="warnings" aria-label="Analysis warnings">
          {view.result.warnings.map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      ) : null}

      {/* One place for the box, open when it is the source: never re-mounted, so the caret stays. */}
      <details class="paste-details" open={pasteFirst || undefined}>
        <summary>{pasteFirst ? 'Pasted note' : 'Paste a note instead'}</summary>
        <PasteBox model={model} />
      </details>

      {lastRejected ? (
        <p class="undo-bar">
          {isCodeless(lastRejected.suggestion) ? (
            <>Dismissed {deriveItemName(lastRejected.suggestion)}.</>
          ) : (
            <>
              Rejected <code>{lastRejected.suggestion.display}</code>.
            </>
          )}{' '}
          <button type="button" class="secondary small" onClick={() => model.undoReject(lastRejected.baseKey)}>
            Undo<span class="sr-only"> {undoWhat(lastRejected.suggestion)}</span>
          </button>
        </p>
      ) : null}

      {showList ? (
        <div class="suggestion-groups" aria-busy={status.busy}>
          {model.groups.value.map((group) => (
            <SuggestionGroup key={group.id} model={model} group={group} active={active} />
          ))}
        </div>
      ) : null}

      {rejected.length > 0 ? (
        <details class="rejected">
          <summary>Rejected ({rejected.length})</summary>
          <ul class="plain">
            {rejected.map((item) => (
              <li key={item.key}>
                <code>{item.suggestion.display}</code> {item.suggestion.title}{' '}
                <button type="button" class="secondary small" onClick={() => model.undoReject(item.baseKey)}>
                  Undo<span class="sr-only"> {undoWhat(item.suggestion)}</span>
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/** The Undo button's accessible name after "Undo": a code-less item was dismissed, a code rejected. */
const undoWhat = (s: Suggestion) => `${isCodeless(s) ? 'dismiss' : 'reject'} ${deriveItemName(s)}`;

function SuggestionGroup({ model, group, active }: { model: SuggestionsModel; group: SuggestionGroupView; active: string | undefined }) {
  const headingId = `group-${group.id}-heading`;
  const listId = `group-${group.id}-list`;
  const collapsible = group.id === 'not-coded';
  const open = !collapsible || model.notCodedOpen.value;
  return (
    <section class={`suggestion-group group-${group.id}`} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {collapsible ? (
          <button type="button" class="group-toggle" aria-expanded={open} aria-controls={listId} onClick={() => model.toggleNotCoded()}>
            <span aria-hidden="true">{open ? '▾ ' : '▸ '}</span>
            {group.label} ({group.items.length})
          </button>
        ) : (
          <>
            {group.label} ({group.items.length})
          </>
        )}
      </h3>
      {group.help && open ? <p class="help">{group.help}</p> : null}
      {open ? (
        <ul class="suggestion-list" id={listId} aria-labelledby={headingId}>
          {group.items.map((item) => (
            <SuggestionCard key={item.key} model={model} item={item} active={item.key === active} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function SuggestionCard({ model, item, active }: { model: SuggestionsModel; item: SuggestionItem; active: boolean }) {
  const s = item.suggestion;
  const id = suggestionDomId(item.key);
  const { snippets, more } = deriveEvidenceSnippets(s);
  const onSheet = model.onWorksheet.value;
  const accepted = onSheet.has(`${s.system}:${s.code}`) || (s.choices ?? []).some((c) => onSheet.has(`${s.system}:${c.code}`));
  const flipped = isOverridden(model.overrides.value, s);
  const conflicts = deriveConflicts(s, model.suggestions.value);
  const chosen = model.choices.value[item.key] ?? '';
  const choiceFocus = model.choiceFocus.value;
  const choiceRef = useRef<HTMLSelectElement>(null);

  // Accept without a completion: the completion select takes focus.
  useEffect(() => {
    if (choiceFocus?.key === item.key) choiceRef.current?.focus();
  }, [choiceFocus?.seq]);

  return (
    <li
      id={id}
      class={`suggestion status-${s.status}${active ? ' active' : ''}`}
      tabIndex={active ? 0 : -1}
      aria-labelledby={`${id}-code ${id}-title`}
      aria-describedby={`${id}-reason`}
      aria-current={active ? 'true' : undefined}
      // Focus anywhere in the row (a click, Tab into a control) makes it the active suggestion.
      onFocusCapture={() => {
        if (!active) model.setActive(item.key);
      }}
    >
      <div class="suggestion-head">
        <code class="suggestion-code" id={`${id}-code`}>
          {s.display}
        </code>
        <SystemBadge system={s.system} />
        {isCodeless(s) ? null : <StateBadge state={s.state} />}
        {s.hcc ? <HccBadge hcc={s.hcc} /> : null}
        {accepted ? <span class="badge on-sheet">On worksheet</span> : null}
        {flipped ? <span class="badge flipped">Context changed by you</span> : null}
      </div>
      <div class="suggestion-title" id={`${id}-title`}>
        {s.title}
      </div>
      {s.notCoded ? (
        <p class="not-coded-reason">
          <strong>Not coded: </strong>
          {NOT_CODED_REASONS[s.notCoded] ?? s.notCoded}
        </p>
      ) : null}
      <p class="suggestion-reason" id={`${id}-reason`}>
        {s.reason}
      </p>
      {conflicts.length > 0 ? (
        <p class="conflict-with">
          <strong>Excludes1 with: </strong>
          {conflicts.map((c, i) => (
            <span key={c.code}>
              {i > 0 ? '; ' : ''}
              <code>{c.display}</code>
              {c.title ? ` ${c.title}` : ''}
            </span>
          ))}
        </p>
      ) : null}
      {s.specificity ? (
        <p class="specificity">
          <strong>More specific: </strong>
          {s.specificity}
        </p>
      ) : null}
      {snippets.length > 0 ? (
        <div class="evidence">
          <span class="evidence-label">Evidence:</span>
          {snippets.map((snippet) => (
            <button
              key={snippet.index}
              type="button"
              class="evidence-snippet"
              title="Show in the note"
              onClick={() => void model.highlightEvidence(item.key, snippet.index)}
            >
              <span class="sr-only">Show in the note: </span>“{snippet.text}”
            </button>
          ))}
          {more > 0 ? <span class="muted"> + {more} more</span> : null}
        </div>
      ) : null}
      {s.choices && s.choices.length > 0 ? (
        <div class="field completion">
          <label htmlFor={`${id}-choice`}>Completion</label>
          <select
            ref={choiceRef}
            id={`${id}-choice`}
            aria-label={`Completion for ${s.display}`}
            value={chosen}
            onChange={(event) => model.choose(item.key, event.currentTarget.value)}
          >
            <option value="">Choose a completion…</option>
            {s.choices.map((c) => (
              <option key={c.code} value={c.code}>
                {c.display} — {c.title}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      {isCodeless(s) ? (
        <div class="suggestion-actions">
          <p class="query-needed">
            <strong>Query the provider: </strong>this term has no code to accept.
          </p>
          <button type="button" class="secondary" onClick={() => model.reject(item.key)}>
            Dismiss<span class="sr-only"> {s.title}</span>
          </button>
        </div>
      ) : (
        <div class="suggestion-actions">
          <div class="field context-field">
            <label htmlFor={`${id}-context`}>Context</label>
            <select
              id={`${id}-context`}
              aria-label={`Context of ${s.display}`}
              value={s.context}
              onChange={(event) => void model.flipContext(item.key, event.currentTarget.value as ContextLabel)}
            >
              {CONTEXT_ORDER.map((label) => (
                <option key={label} value={label}>
                  {CONTEXT_LABELS[label]}
                </option>
              ))}
            </select>
          </div>
          <button type="button" onClick={() => model.accept(item.key)}>
            Accept<span class="sr-only"> {s.display}</span>
          </button>
          <button type="button" class="secondary" onClick={() => model.reject(item.key)}>
            Reject<span class="sr-only"> {s.display}</span>
          </button>
        </div>
      )}
    </li>
  );
}

/** Text pasted when the page cannot be read: held in this panel's memory only. */
function PasteBox({ model }: { model: SuggestionsModel }) {
  const area = useRef<HTMLTextAreaElement>(null);
  const selection = model.pasteSelection.value;

  // Evidence of a pasted text is shown by selecting it in the box.
  useEffect(() => {
    const element = area.current;
    if (!selection || !element) return;
    const details = element.closest('details');
    if (details) details.open = true;
    element.focus();
    element.setSelectionRange(selection.start, selection.end);
  }, [selection?.seq]);

  return (
    <form
      class="paste-box"
      onSubmit={(event) => {
        event.preventDefault();
        void model.analyzePaste();
      }}
    >
      <label htmlFor="paste-text" class="paste-label">
        Paste the note text
      </label>
      <textarea
        ref={area}
        id="paste-text"
        rows={8}
        spellcheck={false}
        autoComplete="off"
        aria-describedby="paste-help"
        value={model.pasteText.value}
        onInput={(event) => model.setPasteText(event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
            event.preventDefault();
            void model.analyzePaste();
          }
        }}
      />
      <p id="paste-help" class="help">
        Kept in this panel's memory only: never saved, never sent over the network. Ctrl+Enter analyses.
      </p>
      <button type="submit">Analyze</button>
    </form>
  );
}
