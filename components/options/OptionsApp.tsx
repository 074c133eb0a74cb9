import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { todayIso } from '../../utils/codes/dates';
import { CodeSetStatus } from './CodeSetStatus';
import { ImportCodeSets } from './ImportCodeSets';
import { ImportCpt } from './ImportCpt';
import { type OptionsClient, OptionsModel, type OptionsModelSettings } from './model';

/** The options page: code-set status, code-set import and CPT import. */
export function OptionsApp({ client, settings = {} }: { client: OptionsClient; settings?: OptionsModelSettings }) {
  const today = settings.today ?? todayIso();
  const model = useModel(() => new OptionsModel(client, { ...settings, today }));
  useEffect(() => model.connect(), [model]);

  return (
    <main>
      <h1>Chartcode options</h1>
      <p>
        Students: <a href="practice.html">open practice mode</a> (synthetic cases with answer keys, scored with explanations).
      </p>
      <CodeSetStatus model={model} />
      <ImportCodeSets model={model} today={today} />
      <ImportCpt model={model} />
    </main>
  );
}
