import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodeSetError } from '../../../../utils/codes/errors';
import { decodeDrugCsv, parseDrugCsv } from '../../../../utils/codes/parse/drug-csv';
import type { IndexTerm } from '../../../../utils/codes/types';
import { CODESET_DIR, hasCodesetDir } from '../../../helpers/codeset-dir';

const FIXTURE = 'drug-mini.csv';
const fixtureText = readFileSync(resolve(import.meta.dirname, '../../../fixtures/codesets', FIXTURE), 'utf8');

const HEADER =
  'Substance,Poisoning Accidental (unintentional),Poisoning Intentional self-harm,Poisoning Assault,Poisoning Undetermined,Adverse effect,Underdosing,';

function path(terms: readonly IndexTerm[], ...titles: string[]): IndexTerm {
  let level = terms;
  let found: IndexTerm | undefined;
  for (const title of titles) {
    found = level.find((t) => t.title === title);
    if (!found) throw new Error(`no term "${title}" among ${level.map((t) => t.title).join(' | ')}`);
    level = found.children ?? [];
  }
  return found as IndexTerm;
}

const cellCodes = (term: IndexTerm) => term.cells?.map((c) => c?.code ?? null);

function countTerms(terms: readonly IndexTerm[]): number {
  return terms.reduce((n, t) => n + 1 + countTerms(t.children ?? []), 0);
}

function parseError(csv: string, file = 'bad-drug.csv'): CodeSetError {
  try {
    parseDrugCsv(csv, file);
  } catch (error) {
    expect(error).toBeInstanceOf(CodeSetError);
    return error as CodeSetError;
  }
  throw new Error('expected a CodeSetError');
}

/** The fixture as the CDC ships it: Windows-1252, the en dash as byte 0x96. */
function asWindows1252(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => (ch === '\u2013' ? 0x96 : ch.charCodeAt(0)));
}

describe('parseDrugCsv on the fixture', () => {
  const { columns, terms } = parseDrugCsv(fixtureText, FIXTURE);

  it('reads the six column headings after the title row', () => {
    expect(columns).toEqual([
      'Poisoning Accidental (unintentional)',
      'Poisoning Intentional self-harm',
      'Poisoning Assault',
      'Poisoning Undetermined',
      'Adverse effect',
      'Underdosing',
    ]);
  });

  it('rebuilds the dash levels into children, skipping the repeated header', () => {
    expect(terms.map((t) => t.title)).toEqual([
      '2,4-D',
      'Acetaldehyde',
      'Activated charcoal',
      'Adrenalin',
      'Adrenergic NEC',
      'Benzin(e)',
      'Copper NEC',
      'DHE',
      'Dinitro cresol',
    ]);
    expect(countTerms(terms)).toBe(19);
    expect(path(terms, 'Adrenergic NEC').children?.map((t) => t.title)).toEqual(['blocking agent NEC', 'specified NEC']);
    expect(cellCodes(path(terms, 'Adrenergic NEC', 'blocking agent NEC', 'beta, heart'))).toEqual([
      'T44.7X1',
      'T44.7X2',
      'T44.7X3',
      'T44.7X4',
      'T44.7X5',
      'T44.7X6',
    ]);
    expect(cellCodes(path(terms, 'Copper NEC', 'sulfate', 'cupric', 'medicinal', 'ear'))?.[0]).toBe('T49.6X1');
    expect(path(terms, 'Copper NEC', 'sulfate').children?.map((t) => t.title)).toEqual(['cupric', 'cuprous']);
  });

  it('reads "--" cells as null and a row with no cells as a heading without cells', () => {
    expect(cellCodes(path(terms, 'Acetaldehyde', 'liquid'))).toEqual(['T65.891', 'T65.892', 'T65.893', 'T65.894', null, null]);
    expect(path(terms, 'Copper NEC', 'sulfate', 'cupric', 'medicinal').cells).toBeUndefined();
    expect(path(terms, 'Acetaldehyde').cells?.[0]).toEqual({ code: 'T52.8X1', status: 'valid' });
  });

  it('splits parenthesised modifiers like the XML <nemod>, quoted commas included', () => {
    expect(path(terms, '2,4-D').nemod).toEqual(['dichlorophen-oxyacetic acid']);
    expect(path(terms, 'Copper NEC').nemod).toEqual(['dust', 'fumes', 'nonmedicinal']);
    expect(path(terms, 'Dinitro cresol').nemod).toEqual(['-ortho-', 'pesticide', 'spray']);
    expect(path(terms, 'Benzin(e)').nemod).toBeUndefined();
  });

  it('reads -see and -see also cross-references', () => {
    expect(path(terms, 'Adrenalin')).toEqual({ title: 'Adrenalin', see: ['Adrenaline'] });
    expect(path(terms, 'Activated charcoal').seeAlso).toEqual(['Charcoal, medicinal']);
    expect(path(terms, 'Activated charcoal').cells).toHaveLength(6);
    expect(path(terms, 'Benzin(e)').see).toEqual(['Ligroin']);
  });

  it('reads the source\'s "-45" (ASCII hyphen) as the DHE subterm 45', () => {
    expect(cellCodes(path(terms, 'DHE', '45'))?.[0]).toBe('T46.5X1');
  });

  it('gives the same result whichever way the Windows-1252 bytes were decoded', () => {
    const bytes = asWindows1252(fixtureText);
    const expected = JSON.stringify(terms);
    expect(JSON.stringify(parseDrugCsv(decodeDrugCsv(bytes), FIXTURE).terms)).toBe(expected);
    // ISO-8859-1 gives U+0096, lossy UTF-8 gives U+FFFD.
    expect(JSON.stringify(parseDrugCsv(new TextDecoder('utf-8').decode(bytes), FIXTURE).terms)).toBe(expected);
    expect(JSON.stringify(parseDrugCsv(Array.from(bytes, (b) => String.fromCharCode(b)).join(''), FIXTURE).terms)).toBe(expected);
  });

  it('decodes UTF-8 bytes as UTF-8 and anything else as Windows-1252', () => {
    expect(decodeDrugCsv(new TextEncoder().encode('– liquid'))).toBe('– liquid');
    expect(decodeDrugCsv(Uint8Array.of(0x96, 0x20, 0x6c))).toBe('– l');
    expect(decodeDrugCsv(Uint8Array.of(0x80, 0x93, 0x94, 0xe9, 0x9f))).toBe('€“”éŸ');
  });

  it('accepts a file without the title row, with LF line ends and a BOM', () => {
    const csv = `\ufeff${HEADER}\nAcetal,T52.8X1,T52.8X2,T52.8X3,T52.8X4,--,--,\n– liquid,T65.891,T65.892,T65.893,T65.894,--,--\n`;
    const { terms: parsed } = parseDrugCsv(csv, 'x.csv');
    expect(parsed).toHaveLength(1);
    expect(path(parsed, 'Acetal', 'liquid').cells).toHaveLength(6);
  });
});

describe('parseDrugCsv errors name the file and line', () => {
  it('rejects an empty file', () => {
    expect(parseError('\r\n').message).toBe('bad-drug.csv: the file is empty');
  });

  it('rejects a file without the header row', () => {
    const error = parseError('ICD-10-CM TABLE of DRUGS and CHEMICALS,,,,,,,\r\nAcetal,T52.8X1,T52.8X2,T52.8X3,T52.8X4,--,--,\r\n');
    expect(error.line).toBe(2);
    expect(error.message).toMatch(/^bad-drug\.csv, line 2: missing the header row \(Substance, Poisoning Accidental/);
  });

  it('rejects a row with the wrong number of columns', () => {
    const error = parseError(`${HEADER}\r\nAcetal,T52.8X1,T52.8X2,T52.8X3,T52.8X4,--,--,\r\nAcetone,T52.4X1,T52.4X2\r\n`);
    expect(error.message).toBe('bad-drug.csv, line 3: has 3 columns, expected 7');
  });

  it('rejects a row with text beyond the code columns', () => {
    const error = parseError(`${HEADER}\r\nAcetal,T52.8X1,T52.8X2,T52.8X3,T52.8X4,--,--,extra\r\n`);
    expect(error.message).toBe('bad-drug.csv, line 2: has 8 columns, expected 7');
  });

  it('rejects a subterm without a parent level', () => {
    const error = parseError(
      `${HEADER}\r\nAcetal,T52.8X1,T52.8X2,T52.8X3,T52.8X4,--,--,\r\n– – liquid,T65.891,T65.892,T65.893,T65.894,--,--,\r\n`,
    );
    expect(error.message).toBe('bad-drug.csv, line 3: a level 2 subterm has no level 1 entry above it');
  });

  it('rejects a cell that is not a code', () => {
    const error = parseError(`${HEADER}\r\nAcetal,T52.8X1,T52.8X2,T52.8X3,T52.8X4,n/a,--,\r\n`);
    expect(error.message).toBe('bad-drug.csv, line 2: "n/a" is not an ICD-10-CM code');
  });

  it('rejects a row without a substance', () => {
    const error = parseError(
      `${HEADER}\r\nAcetal,T52.8X1,T52.8X2,T52.8X3,T52.8X4,--,--,\r\n – ,T65.891,T65.892,T65.893,T65.894,--,--,\r\n`,
    );
    expect(error.message).toBe('bad-drug.csv, line 3: the Substance column is empty');
  });

  it('rejects a code with a space inside', () => {
    const error = parseError(`${HEADER}\r\nAcetal,T52.8X1,T52 8X2,T52.8X3,T52.8X4,--,--,\r\n`);
    expect(error.message).toBe('bad-drug.csv, line 2: "T52 8X2" is not an ICD-10-CM code');
  });

  it('counts lines, not rows, when a quoted field holds a line break', () => {
    const error = parseError(`${HEADER}\r\n"Acetal\r\n(vapor)",T52.8X1,T52.8X2,T52.8X3,T52.8X4,--,--,\r\nAcetone,T52.4X1\r\n`);
    expect(error.message).toBe('bad-drug.csv, line 4: has 2 columns, expected 7');
  });

  it('rejects broken quoting', () => {
    const error = parseError(`${HEADER}\r\n"Acetal,T52.8X1,T52.8X2,T52.8X3,T52.8X4,--,--,\r\n`);
    expect(error.message).toMatch(/^bad-drug\.csv, line 2: malformed CSV \(/);
  });
});

describe.skipIf(!hasCodesetDir)('parseDrugCsv on the official April 2025 CSV', () => {
  const FILE = 'icd10cm-drug-April-2025.csv';

  it('reads every substance into the hierarchy', () => {
    const bytes = readFileSync(resolve(CODESET_DIR, 'icd10cm/index', FILE));
    const text = decodeDrugCsv(bytes);
    const start = performance.now();
    const { columns, terms } = parseDrugCsv(text, FILE);
    console.info(`parseDrugCsv ${FILE}: ${(performance.now() - start).toFixed(0)} ms`);
    expect(columns).toHaveLength(6);
    // The README's 7,404 is every line after the title and header rows; two of those lines (1185
    // and 1234) repeat the header at the source's page breaks, leaving 7,402 substances.
    expect(countTerms(terms)).toBe(7402);
    expect(terms).toHaveLength(5153);
    expect(cellCodes(path(terms, 'Acetaldehyde', 'liquid'))).toEqual(['T65.891', 'T65.892', 'T65.893', 'T65.894', null, null]);
    expect(cellCodes(path(terms, 'Copper NEC', 'sulfate', 'cupric', 'medicinal', 'ear'))?.[0]).toBe('T49.6X1');
    expect(path(terms, 'Adrenalin').see).toEqual(['Adrenaline']);
    expect(cellCodes(path(terms, 'DHE', '45'))?.[0]).toBe('T46.5X1');
  });
});
