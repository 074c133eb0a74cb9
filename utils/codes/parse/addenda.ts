import { CodeSetError, messages } from '../errors';
import type { AddendaAction, AddendaRecord } from '../types';
import { splitLines, stripBom } from './lines';

const ACTIONS: ReadonlyArray<[prefix: string, action: AddendaAction]> = [
  ['Add:', 'add'],
  ['Delete:', 'delete'],
  ['Revise from:', 'revise-from'],
  ['Revise to:', 'revise-to'],
];

/**
 * CMS order addenda (`icd10cm_order_addenda_YYYY.txt`): the order-file layout with the action
 * (`Add:`, `Delete:`, `Revise from:`, `Revise to:`) in columns 1-13 instead of the order number:
 * col 14 flag, 16-22 code, 24-83 short title, 85- long title. A summary block ends the file.
 */
export function parseOrderAddenda(text: string, file: string): AddendaRecord[] {
  const lines = splitLines(stripBom(text));
  const records: AddendaRecord[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const action = ACTIONS.find(([prefix]) => line.startsWith(prefix))?.[1];
    if (!action) continue; // summary lines and blanks
    const flag = line[13];
    const code = line.slice(15, 22).trim();
    const short = line.slice(23, 83).trim();
    const long = line.slice(84).trim();
    if (flag !== '0' && flag !== '1') {
      throw new CodeSetError(file, i + 1, messages.badOrderLine(`flag in column 14 is "${flag ?? ''}", not 0 or 1`));
    }
    if (!/^[0-9A-Z]{3,7}$/.test(code)) throw new CodeSetError(file, i + 1, messages.badOrderLine(`"${code}" is not a code`));
    if (short === '' && long === '') throw new CodeSetError(file, i + 1, messages.badOrderLine('no title'));
    records.push([action, code, flag === '1' ? 1 : 0, long || short]);
  }
  if (records.length === 0) throw new CodeSetError(file, undefined, messages.badOrderLine('no Add/Delete/Revise lines'));
  return records;
}
