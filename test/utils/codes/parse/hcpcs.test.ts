import { describe, expect, it } from 'vitest';
import { parseHcpcsCsv } from '../../../../utils/codes/parse/hcpcs';
import { fixture } from '../../../helpers/fixtures';
import { hasCodesetDir, readCodesetText } from '../../../helpers/codeset-dir';

describe('parseHcpcsCsv', () => {
  it('splits Level II codes from two-character modifiers and keeps quoted commas', () => {
    const { codes, modifiers } = parseHcpcsCsv(fixture('hcpcs-mini.csv'), 'h.csv');
    expect(codes.map((c) => c[0])).toEqual(['A0021', 'J1885']);
    expect(codes[0]?.[3]).toBe('Ambulance service, outside state per mile, transport (medicaid only)');
    expect(modifiers).toEqual([
      { code: 'GA', short: 'Waiver of liability on file', long: expect.stringMatching(/^Waiver of liability statement/) },
    ]);
  });

  it('refuses a CPT-shaped row, naming the line', () => {
    expect(() => parseHcpcsCsv(fixture('hcpcs-cpt-row.csv'), 'h.csv')).toThrow(/^h\.csv, line 3: "99213" is not a HCPCS Level II code/);
  });

  it('refuses a file without the header row', () => {
    expect(() => parseHcpcsCsv('A0021,x,y\n', 'h.csv')).toThrow(/^h\.csv, line 1: missing the header row/);
  });
});

describe.skipIf(!hasCodesetDir)('official HCPCS 2026 file', () => {
  it('has 8,623 Level II codes and 383 modifiers', () => {
    const { codes, modifiers } = parseHcpcsCsv(readCodesetText('hcpcs/hcpcs_level2_2026_jan.csv.gz'), 'hcpcs');
    expect(codes).toHaveLength(8_623);
    expect(modifiers).toHaveLength(383);
  });
});
