import { useModel } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { todayIso } from '../../utils/codes/dates';
import { type CcMccClient, CcMccModel } from './cc-mcc-model';
import { CodeSetStatus } from './CodeSetStatus';
import { EHR_SITES_ANCHOR, EhrSites } from './EhrSites';
import { ImportCcMcc } from './ImportCcMcc';
import { ImportCodeSets } from './ImportCodeSets';
import { ImportCpt } from './ImportCpt';
import { type OptionsClient, OptionsModel, type OptionsModelSettings } from './model';
import { type SitesClient, SitesModel } from './sites-model';

/** The options page: the EHR sites read, code-set status, code-set import, CPT import, and the CC/MCC list for CDI. */
export function OptionsApp({
  client,
  ccMcc,
  sites,
  settings = {},
}: {
  client: OptionsClient;
  ccMcc?: CcMccClient;
  sites?: SitesClient;
  settings?: OptionsModelSettings;
}) {
  const today = settings.today ?? todayIso();
  const model = useModel(() => new OptionsModel(client, { ...settings, today }));
  useEffect(() => model.connect(), [model]);

  return (
    <main>
      <h1>Chartcode options</h1>
      <p>
        Students: <a href="practice.html">open practice mode</a> (synthetic cases with answer keys, scored with explanations).
      </p>
      {sites ? <SitesSection client={sites} /> : null}
      <CodeSetStatus model={model} />
      <ImportCodeSets model={model} today={today} />
      <ImportCpt model={model} />
      {ccMcc ? <CcMccSection client={ccMcc} /> : null}
    </main>
  );
}

function SitesSection({ client }: { client: SitesClient }) {
  const model = useModel(() => new SitesModel(client));
  useEffect(() => {
    void model.load();
  }, [model]);
  // Opened from the side panel's link (options.html#ehr-sites): the section is drawn after the first
  // render, so the browser's own jump to the anchor missed it.
  useEffect(() => {
    if (location.hash === `#${EHR_SITES_ANCHOR}`) document.getElementById('ehr-site-address')?.focus();
  }, []);
  return <EhrSites model={model} />;
}

function CcMccSection({ client }: { client: CcMccClient }) {
  const model = useModel(() => new CcMccModel(client));
  useEffect(() => {
    void model.load();
  }, [model]);
  return <ImportCcMcc model={model} />;
}
