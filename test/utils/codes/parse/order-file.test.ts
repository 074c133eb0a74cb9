import { describe, expect, it } from 'vitest';
import { CodeSetError } from '../../../../utils/codes/errors';
import { parseOrderFile, parseOrderLine } from '../../../../utils/codes/parse/order-file';
import { fixture } from '../../../helpers/fixtures';
import { hasCodesetDir, readCodesetText } from '../../../helpers/codeset-dir';

describe('parseOrderFile on a hand-written fixture', () => {
  const result = parseOrderFile(fixture('order-mini.txt'), 'order-mini.txt');

  it('reads codes and headers with their flag', () => {
    expect(result.records).toHaveLength(12);
    expect(result.billable).toBe(6);
    expect(result.headers).toBe(6);
    expect(result.records[0]).toEqual(['E11', 0, '', 'Type 2 diabetes mellitus']);
  });

  it('keeps the short title only when it differs from the long one', () => {
    const s72001a = result.records.find((r) => r[0] === 'S72001A');
    expect(s72001a).toEqual([
      'S72001A',
      1,
      'Fracture of unsp part of neck of right femur, init',
      'Fracture of unspecified part of neck of right femur, initial encounter for closed fracture',
    ]);
  });

  it('accepts codes with a letter in second place (QA0.0101, FY2026)', () => {
    expect(result.records.some((r) => r[0] === 'QA00101')).toBe(true);
  });
});

describe('parseOrderFile rejects bad input, naming file and line', () => {
  it.each([
    ['order-bad-line.txt', 4, /too short/],
    ['order-bad-flag.txt', 6, /flag in column 15 is "2"/],
    ['order-duplicate.txt', 13, /appears twice/],
  ])('%s', (file, line, why) => {
    const run = () => parseOrderFile(fixture(file), file);
    expect(run).toThrow(CodeSetError);
    expect(run).toThrow(new RegExp(`^${file.replace('.', '\\.')}, line ${line}: `));
    expect(run).toThrow(why);
  });

  it('an empty file', () => {
    expect(() => parseOrderFile('\r\n  \r\n', 'empty.txt')).toThrow('empty.txt: the file is empty');
  });

  it('a truncated last line', () => {
    const text = fixture('order-mini.txt');
    // Cut inside the last line's short title: the long title is missing.
    const truncated = text.slice(0, text.length - 80);
    expect(() => parseOrderFile(truncated, 'cut.txt')).toThrow(/^cut\.txt, line 12: .*truncated line/);
  });

  it('explains why a line is not an order line', () => {
    expect(parseOrderLine('hello')).toBe('too short');
    expect(parseOrderLine('0000a E11     0 Title')).toMatch(/order number/);
    expect(parseOrderLine('00001 e1!     0 Title')).toMatch(/not a code/);
  });
});

describe.skipIf(!hasCodesetDir)('official order files', () => {
  it.each([
    ['icd10cm/fy2027/icd10cm_order_2027.reconstructed.txt.gz', 74_879, 23_524],
    ['icd10cm/fy2026/icd10cm_order_2026.txt.gz', 74_719, 23_467],
    ['icd10cm/fy2025/icd10cm_order_2025.txt.gz', 74_260, 23_324],
    ['icd10pcs/fy2026/icd10pcs_order_2026.txt.gz', 79_115, 914],
  ])('%s: %i billable codes and %i headers', (path, billable, headers) => {
    const result = parseOrderFile(readCodesetText(path), path);
    expect(result.billable).toBe(billable);
    expect(result.headers).toBe(headers);
  });
});
