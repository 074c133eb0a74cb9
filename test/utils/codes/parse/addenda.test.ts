import { describe, expect, it } from 'vitest';
import { parseOrderAddenda } from '../../../../utils/codes/parse/addenda';
import { fixture } from '../../../helpers/fixtures';
import { hasCodesetDir, readCodesetText } from '../../../helpers/codeset-dir';

describe('parseOrderAddenda', () => {
  it('reads every action with flag, code and long title, ignoring the summary', () => {
    expect(parseOrderAddenda(fixture('addenda-mini.txt'), 'a.txt')).toEqual([
      ['delete', 'E1165', 1, 'Type 2 diabetes mellitus with hyperglycemia'],
      ['add', 'E1165', 0, 'Type 2 diabetes mellitus with hyperglycemia'],
      ['add', 'E11650', 1, 'Type 2 diabetes mellitus with hyperglycemia, new'],
      ['revise-from', 'E119', 1, 'Type 2 diabetes mellitus without complications'],
      ['revise-to', 'E119', 1, 'Type 2 diabetes mellitus without complication'],
    ]);
  });

  it('names file and line for a bad flag', () => {
    expect(() => parseOrderAddenda(fixture('addenda-bad-flag.txt'), 'bad.txt')).toThrow(/^bad\.txt, line 3: .*flag in column 14 is "x"/);
  });

  it('refuses a file with no actions', () => {
    expect(() => parseOrderAddenda('just a summary\r\n', 'x.txt')).toThrow(/no Add\/Delete\/Revise lines/);
  });
});

describe.skipIf(!hasCodesetDir)('official FY2027 addenda', () => {
  it('has the counts its own summary states (253 adds, 36 deletes, 4 revisions)', () => {
    const records = parseOrderAddenda(readCodesetText('icd10cm/fy2027/icd10cm_order_addenda_2027.txt'), 'addenda');
    const count = (a: string) => records.filter((r) => r[0] === a).length;
    expect([count('add'), count('delete'), count('revise-from'), count('revise-to')]).toEqual([253, 36, 4, 4]);
  });
});
