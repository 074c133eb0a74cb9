import { CodeSetError, messages } from '../errors';
import type { PoaExemptRecord } from '../types';
import { splitLines, stripBom } from './lines';
import { ICD10CM_CODE, normalizeCode } from '../code-format';

/** CMS POA-exempt list: tab-delimited `Order, POAexemptCode, Description` with a header row. */
export function parsePoaExempt(text: string, file: string): PoaExemptRecord[] {
  const lines = splitLines(stripBom(text));
  const header = lines[0]?.split('\t').map((h) => h.trim());
  if (!header || !/^Order/i.test(header[0] ?? '') || !/POAexemptCode/i.test(header[1] ?? '')) {
    throw new CodeSetError(file, 1, messages.badCsvHeader('Order<TAB>POAexemptCode<TAB>Description'));
  }
  const out: PoaExemptRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') continue;
    const cols = line.split('\t');
    const code = normalizeCode(cols[1] ?? '');
    if (cols.length < 3 || !ICD10CM_CODE.test(code)) {
      throw new CodeSetError(file, i + 1, `not an Order<TAB>code<TAB>description row`);
    }
    out.push([code, (cols[2] ?? '').trim().replace(/^"(.*)"$/, '$1')]);
  }
  return out;
}
