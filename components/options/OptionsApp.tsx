import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { todayIso } from '../../utils/codes/dates';
import { type CcMccClient, CcMccModel } from './cc-mcc-model';
import { CodeSetStatus } from './CodeSetStatus';
import { ImportCcMcc } from './ImportCcMcc';
import { ImportCodeSets } from './ImportCodeSets';
import { ImportCpt } from './ImportCpt';
import { type OptionsClient, OptionsModel, type OptionsModelSettings } from './model';

/** The options page: code-set status, code-set import, CPT import, and the CC/MCC list for CDI. */
export function OptionsApp({ client, ccMcc, settings = {} }: { client: OptionsClient; ccMcc?: CcMccClient; settings?: OptionsModelSettings }) {
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
      {ccMcc ? <CcMccSection client={ccMcc} /> : null}
    </main>
  );
}

function CcMccSection({ client }: { client: CcMccClient }) {
  const model = useModel(() => new CcMccModel(client));
  useEffect(() => {
    void model.load();
  }, [model]);
  return <ImportCcMcc model={model} />;
}
