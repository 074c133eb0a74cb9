import { CodeSetError, messages } from '../errors';
import type { CodeRecord } from '../types';
import { splitLines, stripBom } from './lines';

/**
 * CMS order file (ICD-10-CM and ICD-10-PCS share the layout, see icd10OrderFiles.pdf):
 * cols 1-5 order number, 7-13 code (no dot), 15 flag (1 = valid for HIPAA, 0 = header),
 * 17-76 short title, 78- long title. Fixed width, ASCII.
 */
export interface OrderFileResult {
  records: CodeRecord[];
  billable: number;
  headers: number;
}

export function parseOrderFile(text: string, file: string): OrderFileResult {
  const lines = splitLines(stripBom(text));
  if (lines.length === 0 || lines.every((l) => l.trim() === '')) {
    throw new CodeSetError(file, undefined, messages.emptyFile);
  }
  const records: CodeRecord[] = [];
  const seen = new Set<string>();
  let billable = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const parsed = parseOrderLine(line);
    if (typeof parsed === 'string') throw new CodeSetError(file, i + 1, messages.badOrderLine(parsed));
    if (seen.has(parsed[0])) throw new CodeSetError(file, i + 1, messages.badOrderLine(`code ${parsed[0]} appears twice`));
    seen.add(parsed[0]);
    if (parsed[1] === 1) billable++;
    records.push(parsed);
  }
  return { records, billable, headers: records.length - billable };
}

/** One order-file line to a record, or a string saying why it is not one. */
export function parseOrderLine(line: string): CodeRecord | string {
  if (line.length < 17) return 'too short';
  const order = line.slice(0, 5);
  if (!/^\d{5}$/.test(order)) return 'columns 1-5 are not an order number';
  const code = line.slice(6, 13).trim();
  if (!/^[0-9A-Z]{3,7}$/.test(code)) return `"${code}" is not a code`;
  const flag = line[14];
  if (flag !== '0' && flag !== '1') return `flag in column 15 is "${flag ?? ''}", not 0 or 1`;
  const short = line.slice(16, 76).trimEnd();
  const long = line.slice(77).trimEnd();
  if (short === '') return 'no title';
  // Every CMS order line carries the long title from column 78; a shorter line was cut off.
  if (long === '') return 'no long title from column 78 (truncated line?)';
  return [code, flag === '1' ? 1 : 0, short === long ? '' : short, long];
}
