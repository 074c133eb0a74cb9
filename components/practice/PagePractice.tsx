import { ENGINE_LABEL } from '../../utils/practice/compare';
import { practiceViewMessages, principalLabel } from '../../utils/practice/messages';
import type { CareSetting } from '../sidepanel/model';
import { SearchPanel } from '../sidepanel/SearchPanel';
import { EngineSide } from './EngineSide';
import type { PracticeModel } from './model';
import { PracticeWorksheet } from './PracticeWorksheet';

/**
 * "Practice on this page": code the note of an EHR tab, then line the worksheet up with the engine's
 * suggestions for that note. There is no key and no score, and nothing of the page is stored.
 */
export function PagePractice({ model }: { model: PracticeModel }) {
  const coder = model.pageCoder;
  const page = model.page.value;
  const comparison = model.pageComparison.value;
  return (
    <div class="page-practice">
      <section aria-labelledby="page-heading" class="card">
        <h2 id="page-heading">Practice on this page</h2>
        <p>{practiceViewMessages.pageIntro}</p>
        <div class="context-fields">
          <div class="field">
            <label htmlFor="page-date-of-service">Date of service</label>
            <input
              id="page-date-of-service"
              type="date"
              required
              value={coder.dateOfService.value}
              onChange={(event) => coder.setDateOfService(event.currentTarget.value)}
            />
          </div>
          <div class="field">
            <label htmlFor="page-setting">Setting</label>
            <select
              id="page-setting"
              value={coder.setting.value}
              onChange={(event) => coder.setSetting(event.currentTarget.value as CareSetting)}
            >
              <option value="outpatient">Outpatient</option>
              <option value="inpatient">Inpatient</option>
            </select>
          </div>
        </div>
      </section>
      <div class="columns">
        <div class="col">
          <PracticeWorksheet
            id="page-worksheet"
            entries={coder.worksheet.value}
            firstLabel={principalLabel(coder.setting.value)}
            scored={false}
            actions={{ move: (i, d) => model.moveCode(i, d, 'page'), remove: (i) => model.removeCode(i, 'page') }}
          >
            <div class="submit-row">
              <button type="button" class="primary" disabled={page.phase === 'loading'} onClick={() => void model.comparePage()}>
                Compare with Chartcode’s suggestions
              </button>
            </div>
          </PracticeWorksheet>
          <section aria-labelledby="page-search-heading" class="card search-card">
            <h2 id="page-search-heading">Find codes</h2>
            <p role="status" class="announcement">
              {coder.announcement.value}
            </p>
            <SearchPanel model={coder} />
          </section>
        </div>
        <div class="col">
          {page.phase === 'done' && comparison ? (
            <div class="card engine-card">
              <EngineSide comparison={comparison} />
              <p class="help">{practiceViewMessages.pageSource(page.origin)}</p>
              <p class="help">{practiceViewMessages.pageNotAKey}</p>
            </div>
          ) : (
            <section aria-labelledby="engine-heading" class="card engine-card">
              <h2 id="engine-heading">{ENGINE_LABEL}</h2>
              <p role="status" class={page.phase === 'failed' ? 'warning' : 'muted'}>
                {page.phase === 'idle' ? practiceViewMessages.pageIdle : null}
                {page.phase === 'loading' ? practiceViewMessages.pageLoading : null}
                {page.phase === 'failed' ? practiceViewMessages.engineUnavailableWhy(page.reason) : null}
              </p>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
