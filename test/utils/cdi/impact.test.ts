import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMPILED_DIR, readCompiledAssets } from '../../../scripts/codesets/compiled';
import { loadCases } from '../../../scripts/eval/cdi';
import { analyzeCdi } from '../../../utils/cdi/analyze';
import {
  ccMccFromRecords,
  CcMccImportError,
  hccLookupFromRecords,
  impactOf,
  mergeCcMcc,
  opportunityImpact,
  parseCcMccCsv,
  parseCcMccFile,
  parseCodeListCsv,
} from '../../../utils/cdi/impact';
import { lintQuery } from '../../../utils/cdi/linter';
import { ccMccMessages } from '../../../utils/cdi/messages';
import type { HccRecord } from '../../../utils/codes/types';

const HCC: HccRecord[] = [
  ['I5023', '85', 'V24', 'Congestive Heart Failure'],
  ['I5023', '224', 'V28', 'Acute on Chronic Heart Failure'],
  ['E43', '21', 'V24', 'Protein-Calorie Malnutrition'],
];

function importError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof CcMccImportError) return error.message;
    throw error;
  }
  throw new Error('expected a CcMccImportError');
}

describe('HCC lookup', () => {
  it('answers the V28 category only', () => {
    const hcc = hccLookupFromRecords(HCC);
    expect(hcc('I50.23')).toEqual({ hcc: '224', label: 'Acute on Chronic Heart Failure' });
    expect(hcc('E43')).toBeUndefined();
    expect(hccLookupFromRecords(HCC, 'V24')('E43')).toEqual({ hcc: '21', label: 'Protein-Calorie Malnutrition' });
  });
});

describe('parseCcMccCsv', () => {
  it('reads code,cc_mcc with or without a header, dotted or not', () => {
    const list = parseCcMccCsv('code,cc_mcc\nN17.9,CC\nJ9601,mcc\n\n# comment\n"E43","MCC"\n', 'cc-mcc-fy2026.csv');
    expect(list.size).toBe(3);
    expect(list.get('N179')).toBe('cc');
    expect(list.get('J96.01')).toBe('mcc');
    expect(list.source).toBe('cc-mcc-fy2026.csv');
    expect(list.records()).toEqual([
      ['N179', 'cc'],
      ['J9601', 'mcc'],
      ['E43', 'mcc'],
    ]);
  });

  it('names the line of a bad row', () => {
    expect(importError(() => parseCcMccCsv('N179,CC\nJ9601', 'x'))).toBe('line 2: expected two columns "code,cc_mcc"');
    expect(importError(() => parseCcMccCsv('N179,CC\nhello,CC', 'x'))).toBe(ccMccMessages.badCode(2, 'hello'));
    expect(importError(() => parseCcMccCsv('N179,maybe', 'x'))).toBe('line 1: "maybe" is neither CC nor MCC');
    expect(importError(() => parseCcMccCsv('N179,CC\nN17.9,MCC', 'x'))).toBe('line 2: N17.9 is already listed as CC');
    expect(importError(() => parseCcMccCsv('code,cc_mcc\n', 'x'))).toBe('The CC/MCC file is empty.');
  });

  it('round-trips through stored records', () => {
    const list = parseCcMccCsv('N179,CC\n', 'x');
    expect(ccMccFromRecords(list.records(), 'x').get('N179')).toBe('cc');
  });
});

describe('impact for the specialist', () => {
  const sources = { hcc: hccLookupFromRecords(HCC), ccMcc: parseCcMccCsv('I5023,CC\nN179,CC\n', 'x') };

  it('gives HCC and CC/MCC per code', () => {
    expect(impactOf(['I50.23', 'N179', 'Z0000'], sources)).toEqual([
      { code: 'I5023', hcc: { hcc: '224', label: 'Acute on Chronic Heart Failure' }, ccMcc: 'cc' },
      { code: 'N179', ccMcc: 'cc' },
      { code: 'Z0000' },
    ]);
  });

  it('gives no CC/MCC without an imported list', () => {
    expect(impactOf(['N179'], { hcc: sources.hcc })).toEqual([{ code: 'N179' }]);
  });

  it("lists each answer's codes for an opportunity", () => {
    const [o] = analyzeCdi({ text: 'Assessment: CHF exacerbation. Echo EF 30%. Lasix 40 mg IV BID.', setting: 'inpatient' }).opportunities;
    if (o === undefined) throw new Error('no opportunity');
    const rows = opportunityImpact(o, sources);
    expect(rows.find((r) => r.optionId === 'acute-on-chronic-systolic')).toEqual({
      optionId: 'acute-on-chronic-systolic',
      option: 'Acute on chronic systolic (HFrEF) heart failure',
      rows: [{ code: 'I5023', hcc: { hcc: '224', label: 'Acute on Chronic Heart Failure' }, ccMcc: 'cc' }],
    });
  });
});

describe('impact never reaches a query', () => {
  const drafts = loadCases().flatMap((c) => analyzeCdi({ text: c.note, setting: c.setting }).drafts);

  it('no draft names HCC, CC/MCC, DRG or money', () => {
    for (const { draft } of drafts) expect(draft.text).not.toMatch(/\b(?:HCC|MCC|CC|DRG|RAF|SOI|ROM)\b|\$|reimburs|payment/);
  });

  it('the linter rejects any draft into which impact text is pasted', () => {
    const impactText = fc.constantFrom(
      'HCC 224',
      'V28 HCC 85',
      'this is an MCC',
      'CC',
      'CC/MCC',
      'MS-DRG 291',
      'RAF 0.331',
      'SOI 3',
      'ROM 4',
      '$1,200',
    );
    fc.assert(
      fc.property(fc.integer({ min: 0, max: drafts.length - 1 }), impactText, fc.nat(), (i, pasted, at) => {
        const text = (drafts[i] as (typeof drafts)[number]).draft.text;
        const lines = text.split('\n');
        const k = at % lines.length;
        lines.splice(k, 0, `Note: ${pasted}.`);
        const result = lintQuery(lines.join('\n'));
        expect(result.errors.map((e) => e.code)).toContain('financial-term');
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe.skipIf(!existsSync(resolve(COMPILED_DIR, 'catalog.json')))('HCC V28 from the compiled asset', () => {
  const records = readCompiledAssets(undefined, ['hcc']).flatMap((a) => a.records as HccRecord[]);
  const hcc = hccLookupFromRecords(records);

  it('maps heart failure and respiratory failure codes to their V28 categories', () => {
    expect(hcc('I5023')).toEqual({ hcc: '224', label: 'Acute on Chronic Heart Failure' });
    expect(hcc('J9601')).toEqual({ hcc: '213', label: 'Cardio-Respiratory Failure and Shock' });
    expect(hcc('N179')).toBeUndefined();
  });
});

describe('CMS code lists (Tables 6I / 6J) and merging', () => {
  const MCC_TABLE = 'Table 6I.1 Complete MCC List\nDiagnosis Code\tDescription\nN17.0\tAcute kidney failure with tubular necrosis\nJ96.01\tAcute respiratory failure with hypoxia\n';

  it('reads a tab-separated MCC list, skipping its title and column header', () => {
    const list = parseCodeListCsv(MCC_TABLE, 'table-6i.txt', 'mcc');
    expect(list.records()).toEqual([
      ['N170', 'mcc'],
      ['J9601', 'mcc'],
    ]);
  });

  it('reads a comma-separated CC list whose descriptions contain commas', () => {
    const list = parseCodeListCsv('code,description\nN17.9,"Acute kidney failure, unspecified"\n', 'table-6j.csv', 'cc');
    expect(list.get('N179')).toBe('cc');
  });

  it('reads chapter 22 codes (U07.1, U09.9), which are ICD-10-CM codes, in both formats', () => {
    expect(parseCodeListCsv('Diagnosis Code\tDescription\nU07.1\tCOVID-19\n', 'table-6j.txt', 'cc').get('U071')).toBe('cc');
    expect(parseCcMccCsv('code,cc_mcc\nU09.9,CC\n', 'cc-mcc.csv').get('U099')).toBe('cc');
  });

  it('names the line of a non-code after the first code, and keeps nothing', () => {
    expect(() => parseCodeListCsv(`${MCC_TABLE}Totals\t2\n`, 'table-6i.txt', 'mcc')).toThrow('line 5: "Totals" is not an ICD-10-CM code');
    expect(() => parseCodeListCsv('Diagnosis Code\tDescription\n', 'empty.txt', 'mcc')).toThrow(ccMccMessages.empty);
  });

  it('names each imported file once in the merged source, and keeps the name short', () => {
    const mcc = parseCcMccFile('N17.0\tx\n', 'table-6i.txt', 'mcc');
    const twice = mergeCcMcc(mergeCcMcc(mcc, parseCcMccFile('N17.0\tx\n', 'table-6i.txt', 'mcc')), parseCcMccFile('N17.0\tx\n', 'table-6i.txt', 'mcc'));
    expect(twice.source).toBe('table-6i.txt');
    const long = mergeCcMcc(mcc, parseCcMccFile('N17.9\tx\n', 'x'.repeat(300), 'cc'));
    expect(long.source.length).toBe(200);
  });

  it('merges an MCC list and a CC list, and refuses a code designated both ways', () => {
    const mcc = parseCcMccFile(MCC_TABLE, 'table-6i.txt', 'mcc');
    const both = mergeCcMcc(mcc, parseCcMccFile('N17.9\tAcute kidney failure, unspecified\n', 'table-6j.txt', 'cc'));
    expect([both.get('N17.0'), both.get('N17.9'), both.size, both.source]).toEqual(['mcc', 'cc', 3, 'table-6i.txt; table-6j.txt']);
    expect(() => mergeCcMcc(mcc, parseCcMccFile('N17.0\tAcute kidney failure with tubular necrosis\n', 'wrong.txt', 'cc'))).toThrow(
      ccMccMessages.mergeConflict('N170', 'mcc', 'cc'),
    );
  });
});
