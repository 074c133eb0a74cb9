import { describe, expect, it } from 'vitest';
import { parseConversionRows } from '../../../../utils/codes/parse/conversion';
import { parseHccLabels, parseHccMap } from '../../../../utils/codes/parse/hcc';
import { parsePoaExempt } from '../../../../utils/codes/parse/poa';
import { fixture } from '../../../helpers/fixtures';

describe('parseHccMap / parseHccLabels', () => {
  it('keeps only the V28 and V24 CMS-HCC models', () => {
    expect(parseHccMap(fixture('hcc-map-mini.csv'), 'm.csv')).toEqual([
      ['E1165', '37', 'V28'],
      ['E1165', '18', 'V24'],
      ['I509', '226', 'V28'],
    ]);
    expect(parseHccLabels(fixture('hcc-labels-mini.csv'), 'l.csv')).toEqual([
      ['37', 'V28', 'Diabetes with Chronic Complications'],
      ['18', 'V24', 'Diabetes with Chronic Complications'],
    ]);
  });

  it('names file and line of a bad row', () => {
    expect(() => parseHccMap('diagnosis_code,cc,model_name\nE1165,x,CMS-HCC Model V28\n', 'm.csv')).toThrow(/^m\.csv, line 2:/);
  });
});

describe('parsePoaExempt', () => {
  it('drops dots and quotes', () => {
    expect(parsePoaExempt(fixture('poa-mini.txt'), 'p.txt')).toEqual([
      ['B900', 'Sequelae of central nervous system tuberculosis'],
      ['Q999', 'Chromosomal abnormality, unspecified'],
      ['QA00101', 'SCN2A-related neurodevelopmental disorder'],
    ]);
  });

  it('refuses a file without its header', () => {
    expect(() => parsePoaExempt('B90.0\tx\n', 'p.txt')).toThrow(/^p\.txt, line 1: missing the header row/);
  });
});

describe('parseConversionRows', () => {
  const rows = [
    ['The National Center for Health Statistics ...', null, null],
    ['Current code assignment', 'Effective', 'Previous Code(s) Assignment'],
    ['E11.A', 2025, 'E11.9'],
    ['C56.3', 2021, 'C56.1 and C56.2'],
    ['C50.A0', 2025, 'C50.919, C50.929'],
    ['X50.0XXA', 2016, 'Y93.01-Y93.9'],
    ['W44.D0XA', 2023, 'Codes in Categories T15-T19'],
    ['Y07.010', '2023-04-01T00:00:00.000Z', 'Y07.01'],
    ['Z11.52', '2021-01-01T00:00:00.000Z', 'Z11.59'],
    ['Y35.009A', 2019, 'None'],
  ];

  it('reads lists, skips ranges, categories and None, and turns dates into fiscal years', () => {
    expect(parseConversionRows(rows, 'c.xlsx')).toEqual([
      ['E11A', ['E119'], 2025],
      ['C563', ['C561', 'C562'], 2021],
      ['C50A0', ['C50919', 'C50929'], 2025],
      ['X500XXA', [], 2016],
      ['W44D0XA', [], 2023],
      ['Y07010', ['Y0701'], 2023],
      ['Z1152', ['Z1159'], 2021],
      ['Y35009A', [], 2019],
    ]);
  });

  it('names the row of a bad code', () => {
    expect(() => parseConversionRows([rows[1] as unknown[], ['not a code', 2020, 'A00']], 'c.xlsx')).toThrow(/^c\.xlsx, line 2:/);
  });
});
