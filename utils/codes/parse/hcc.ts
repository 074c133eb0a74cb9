import { ICD10CM_CODE } from '../code-format';
import Papa from 'papaparse';
import { CodeSetError, messages } from '../errors';
import type { HccRecord } from '../types';
import { stripBom } from './lines';

/** The CMS-HCC models Chartcode shows; the map file holds more (ESRD, RxHCC) which are skipped. */
const MODELS: Record<string, HccRecord[2]> = {
  'CMS-HCC Model V28': 'V28',
  'CMS-HCC Model V24': 'V24',
};

/** `ra_dx_to_cc_YYYY.csv`: `diagnosis_code,cc,model_name`. */
export function parseHccMap(text: string, file: string): Array<[code: string, hcc: string, model: HccRecord[2]]> {
  const rows = Papa.parse<string[]>(stripBom(text), { skipEmptyLines: true }).data;
  const header = rows[0]?.map((h) => h.trim());
  if (header?.[0] !== 'diagnosis_code' || header[1] !== 'cc' || header[2] !== 'model_name') {
    throw new CodeSetError(file, 1, messages.badCsvHeader('diagnosis_code,cc,model_name'));
  }
  const out: Array<[string, string, HccRecord[2]]> = [];
  for (let i = 1; i < rows.length; i++) {
    const [code, cc, model] = (rows[i] as string[]).map((c) => c.trim());
    const short = MODELS[model ?? ''];
    if (!short) continue;
    if (!code || !ICD10CM_CODE.test(code) || !cc || !/^\d+$/.test(cc)) {
      throw new CodeSetError(file, i + 1, `not a diagnosis,HCC row: "${(rows[i] as string[]).join(',')}"`);
    }
    out.push([code, cc, short]);
  }
  return out;
}

/** `ra_labels_YYYY.csv`: `cc,label,model_domain,model_version,...` (cc as `HCC38`) → CMS-HCC V28/V24 labels. */
export function parseHccLabels(text: string, file: string): Array<[hcc: string, model: HccRecord[2], label: string]> {
  const rows = Papa.parse<string[]>(stripBom(text), { skipEmptyLines: true }).data;
  const header = rows[0]?.map((h) => h.trim());
  if (header?.[0] !== 'cc' || header[1] !== 'label' || header[2] !== 'model_domain' || header[3] !== 'model_version') {
    throw new CodeSetError(file, 1, messages.badCsvHeader('cc,label,model_domain,model_version,...'));
  }
  const out: Array<[string, HccRecord[2], string]> = [];
  for (let i = 1; i < rows.length; i++) {
    const [cc, label, domain, version] = (rows[i] as string[]).map((c) => c.trim());
    if (domain !== 'CMS-HCC' || (version !== 'V28' && version !== 'V24') || !cc || !label) continue;
    out.push([cc.replace(/^HCC/i, ''), version, label]);
  }
  return out;
}
