import Papa from 'papaparse';
import { CodeSetError, messages } from '../errors';
import type { CodeRecord, HcpcsModifierRecord } from '../types';
import { stripBom } from './lines';

const HEADER = ['HCPCS_CODE', 'SHORT_DESCRIPTION', 'LONG_DESCRIPTION'];
const LEVEL2_CODE = /^[A-V][0-9]{4}$/;
const MODIFIER = /^[0-9A-Z]{2}$/;

export interface HcpcsResult {
  codes: CodeRecord[];
  modifiers: HcpcsModifierRecord[];
}

/**
 * HCPCS Level II as a CSV `HCPCS_CODE,SHORT_DESCRIPTION,LONG_DESCRIPTION` (derived from the CMS
 * alpha-numeric file). Five-character codes are Level II codes (all billable), two-character ones
 * are modifiers. CPT-shaped codes are refused: CPT comes only from the user's licensed import.
 */
export function parseHcpcsCsv(text: string, file: string): HcpcsResult {
  const parsed = Papa.parse<string[]>(stripBom(text), { skipEmptyLines: true });
  const rows = parsed.data;
  const header = rows[0]?.map((h) => h.trim().toUpperCase());
  if (!header || HEADER.some((h, i) => header[i] !== h)) {
    throw new CodeSetError(file, 1, messages.badCsvHeader(HEADER.join(',')));
  }
  const codes: CodeRecord[] = [];
  const modifiers: HcpcsModifierRecord[] = [];
  for (let i = 1; i < rows.length; i++) {
    const row = rows[i] as string[];
    const code = (row[0] ?? '').trim().toUpperCase();
    const short = (row[1] ?? '').trim();
    const long = (row[2] ?? '').trim() || short;
    if (LEVEL2_CODE.test(code)) codes.push([code, 1, short === long ? '' : short, long]);
    else if (MODIFIER.test(code)) modifiers.push({ code, short, long });
    else throw new CodeSetError(file, i + 1, messages.badHcpcs(code));
  }
  if (codes.length === 0) throw new CodeSetError(file, undefined, messages.emptyFile);
  return { codes, modifiers };
}
