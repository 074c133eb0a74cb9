import { useEffect, useRef } from 'preact/hooks';
import { practiceViewMessages, principalLabel } from '../../utils/practice/messages';
import type { PracticeCase } from '../../utils/practice/schema';
import { SearchPanel } from '../sidepanel/SearchPanel';
import { CaseNote } from './CaseNote';
import { EnginePanel } from './EnginePanel';
import type { PracticeModel } from './model';
import { NotCoded } from './NotCoded';
import { PracticeWorksheet } from './PracticeWorksheet';
import { ScoreView } from './ScoreView';

/** One case: the note beside the search and worksheet; after submitting, beside the score. */
export function CaseWorkspace({ model, practiceCase }: { model: PracticeModel; practiceCase: PracticeCase }) {
  const stage = model.stage.value;
  const report = model.report.value;
  const shown = model.shownPhrase.value;
  const top = useRef<HTMLDivElement | null>(null);

  // A new case, or the score arriving, starts reading at the top: focus the note's heading, then the score's.
  useEffect(() => {
    top.current?.querySelector<HTMLElement>(stage === 'scored' ? '#score-heading' : '#case-note-heading')?.focus();
  }, [practiceCase.id, stage === 'scored']);

  const keyPhrases = report ? practiceCase.answer.map((a) => a.phrase) : [];
  return (
    <div class="workspace" ref={top}>
      <div class="workspace-bar">
        <button type="button" class="secondary" onClick={() => model.closeCase()}>
          ← All cases
        </button>
        {report ? (
          <button type="button" class="secondary" onClick={() => model.codeAgain()}>
            Code this case again
          </button>
        ) : null}
      </div>
      <div class="columns">
        <div class="col note-col">
          <div class="card">
            <CaseNote practiceCase={practiceCase} phrases={keyPhrases} highlight={shown} />
            {report ? <p class="help">What this case teaches: {practiceCase.teaches}</p> : null}
          </div>
        </div>
        <div class="col work-col">
          {report && stage === 'scored' ? (
            <>
              <div class="card score-card">
                <ScoreView report={report} onShowPhrase={(p) => model.showPhrase(p)} shownPhrase={shown} />
                {model.ignored.value.length > 0 ? (
                  <p class="warning">{practiceViewMessages.notScoredSystem(model.ignored.value.join(', '))}</p>
                ) : null}
                {model.saveError.value ? (
                  <p role="alert" class="error">
                    {model.saveError.value}
                  </p>
                ) : (
                  <p class="help">{practiceViewMessages.saved}</p>
                )}
              </div>
              <EnginePanel state={model.engine.value} comparison={model.comparison.value} />
              <NotCoded practiceCase={practiceCase} onShowPhrase={(p) => model.showPhrase(p)} shownPhrase={shown} />
            </>
          ) : (
            <>
              <PracticeWorksheet
                id="case-worksheet"
                entries={model.coder.worksheet.value}
                firstLabel={principalLabel(practiceCase.setting)}
                actions={{ move: (i, d) => model.moveCode(i, d), remove: (i) => model.removeCode(i) }}
              >
                <div class="submit-row">
                  <button
                    type="button"
                    class="primary"
                    disabled={model.coder.worksheet.value.length === 0 || stage === 'scoring'}
                    onClick={() => void model.submit()}
                  >
                    {stage === 'scoring' ? 'Scoring…' : 'Submit for scoring'}
                  </button>
                  {model.coder.worksheet.value.length === 0 ? <span class="help">{practiceViewMessages.submitNeedsCodes}</span> : null}
                </div>
              </PracticeWorksheet>
              <section aria-labelledby="case-search-heading" class="card search-card">
                <h2 id="case-search-heading">Find codes</h2>
                <p role="status" class="announcement">
                  {model.coder.announcement.value}
                </p>
                <SearchPanel model={model.coder} />
              </section>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
