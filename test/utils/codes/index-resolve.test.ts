import { describe, expect, it } from 'vitest';
import { type IndexCodeLookup, resolveIndexCodes } from '../../../utils/codes/index-resolve';
import { parseIndexXml } from '../../../utils/codes/parse/index-xml';
import { parseOrderFile } from '../../../utils/codes/parse/order-file';
import type { IndexCode, IndexTerm } from '../../../utils/codes/types';
import { hasCodesetDir, readCodesetText } from '../../helpers/codeset-dir';

/** A target-year code list and conversion table (old code -> codes that replaced it), dotless. */
function lookup(codes: string[], replaced: Record<string, string[]> = {}): IndexCodeLookup & { asked: string[] } {
  const present = new Set(codes);
  const asked: string[] = [];
  return {
    asked,
    exists: (code) => {
      asked.push(code);
      return present.has(code);
    },
    replacedBy: (code) => replaced[code],
  };
}

const code = (c: string): IndexCode => ({ code: c, status: 'valid' });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

describe('resolveIndexCodes', () => {
  it('keeps codes that exist (billable or header), comparing without dot or trailing dash', () => {
    const codes = lookup(['E1165', 'C56', 'S671']);
    const { terms, stats } = resolveIndexCodes([{ title: 'A', codes: [code('E11.65'), code('C56.-'), code('S67.1-')] }], codes);
    expect(terms[0]?.codes).toEqual([
      { code: 'E11.65', status: 'valid' },
      { code: 'C56.-', status: 'valid' },
      { code: 'S67.1-', status: 'valid' },
    ]);
    expect(stats).toEqual({ valid: 3, mapped: 0, invalid: 0 });
    expect(codes.asked).toEqual(['E1165', 'C56', 'S671']);
  });

  it('maps a deleted code to the replacement codes that exist, dotless', () => {
    const { terms, stats } = resolveIndexCodes(
      [{ title: 'A', codes: [code('T52.8X1')] }],
      lookup(['T52811', 'T52891'], { T528X1: ['T52.811', 'T52891', 'T52999'] }),
    );
    expect(terms[0]?.codes).toEqual([{ code: 'T52.8X1', status: 'mapped', mappedTo: ['T52811', 'T52891'] }]);
    expect(stats).toEqual({ valid: 0, mapped: 1, invalid: 0 });
  });

  it('follows a chain of replacements to codes that exist', () => {
    const replaced = { A000: ['A001'], A001: ['A0011', 'A0012'], A0012: ['A000'] };
    const { terms } = resolveIndexCodes([{ title: 'A', codes: [code('A00.0')] }], lookup(['A0011'], replaced));
    expect(terms[0]?.codes?.[0]).toEqual({ code: 'A00.0', status: 'mapped', mappedTo: ['A0011'] });
  });

  it('marks a code invalid when it is gone and nothing that replaced it exists', () => {
    const { terms, stats } = resolveIndexCodes(
      [{ title: 'A', codes: [code('I16.2'), code('T81.48')] }],
      lookup(['I169'], { T8148: ['T81499'] }),
    );
    expect(terms[0]?.codes?.map((c) => c.status)).toEqual(['invalid', 'invalid']);
    expect(terms[0]?.codes?.[1]?.mappedTo).toBeUndefined();
    expect(stats).toEqual({ valid: 0, mapped: 0, invalid: 2 });
  });

  it('resolves manifestation codes and table cells, leaves empty cells null, and recurses', () => {
    const input: IndexTerm[] = [
      {
        title: 'Neoplasm',
        cells: [code('C80.1'), null, code('D09.9')],
        children: [{ title: 'heart', codes: [code('E85.4')], manif: [code('I43')], see: ['x'], nemod: ['y'] }],
      },
    ];
    const { terms, stats } = resolveIndexCodes(input, lookup(['C801', 'E854', 'I43']));
    expect(terms[0]?.cells).toEqual([{ code: 'C80.1', status: 'valid' }, null, { code: 'D09.9', status: 'invalid' }]);
    expect(terms[0]?.children?.[0]).toEqual({
      title: 'heart',
      codes: [{ code: 'E85.4', status: 'valid' }],
      manif: [{ code: 'I43', status: 'valid' }],
      see: ['x'],
      nemod: ['y'],
    });
    expect(stats).toEqual({ valid: 3, mapped: 0, invalid: 1 });
  });

  it('returns new terms and leaves the input alone', () => {
    const input = deepFreeze<IndexTerm[]>([{ title: 'A', codes: [code('A00.0')], children: [{ title: 'b', codes: [code('B00')] }] }]);
    const { terms } = resolveIndexCodes(input, lookup(['B00']));
    expect(terms[0]).not.toBe(input[0]);
    expect(terms[0]?.codes?.[0]?.status).toBe('invalid');
    expect(input[0]?.codes?.[0]?.status).toBe('valid');
    expect(terms[0]?.children?.[0]?.codes?.[0]?.status).toBe('valid');
  });

  it('gives every occurrence its own object even when the code repeats', () => {
    const { terms, stats } = resolveIndexCodes(
      [
        { title: 'A', codes: [code('T52.8X1')] },
        { title: 'B', codes: [code('T52.8X1')] },
      ],
      lookup(['T52811'], { T528X1: ['T52811'] }),
    );
    expect(stats.mapped).toBe(2);
    expect(terms[0]?.codes?.[0]?.mappedTo).not.toBe(terms[1]?.codes?.[0]?.mappedTo);
  });
});

describe.skipIf(!hasCodesetDir)('resolveIndexCodes on the FY2017 index against the FY2027 code list', () => {
  it('finds nearly every index code in FY2027', () => {
    const { records } = parseOrderFile(readCodesetText('icd10cm/fy2027/icd10cm_order_2027.reconstructed.txt.gz'), 'order-2027');
    const present = new Set(records.map((r) => r[0]));
    const index = parseIndexXml(readCodesetText('icd10cm/index/icd10cm_index_2017.xml.gz'), 'icd10cm_index_2017.xml.gz');
    const start = performance.now();
    const { stats } = resolveIndexCodes(index.terms, { exists: (c) => present.has(c), replacedBy: () => undefined });
    console.info(`resolveIndexCodes icd10cm_index_2017: ${(performance.now() - start).toFixed(0)} ms`, stats);
    expect(stats.valid + stats.mapped + stats.invalid).toBe(59412 + 130 + 15 + 746);
    // Codes the FY2017 index names are still there (billable, or headers since expanded) but for a few.
    expect(stats.invalid).toBeLessThan(50);
  });
});
