import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CodeSystem } from '../../../utils/codes/types';
import {
  addEntry,
  csvField,
  deriveWorksheetView,
  entryKey,
  entryKind,
  moveEntry,
  moveEntryTo,
  orderEntries,
  removeEntry,
  setEntryPoa,
  type WorksheetEntry,
  worksheetCsv,
  worksheetText,
} from '../../../utils/worksheet/worksheet';

const E1165: WorksheetEntry = { system: 'icd10cm', code: 'E1165', display: 'E11.65', title: 'Type 2 diabetes mellitus with hyperglycemia' };
const I10: WorksheetEntry = { system: 'icd10cm', code: 'I10', display: 'I10', title: 'Essential (primary) hypertension' };
const Z803: WorksheetEntry = { system: 'icd10cm', code: 'Z803', display: 'Z80.3', title: 'Family history of malignant neoplasm of breast' };
const PCS: WorksheetEntry = {
  system: 'icd10pcs',
  code: '0DJD8ZZ',
  display: '0DJD8ZZ',
  title: 'Inspection of Lower Intestinal Tract, Via Natural or Artificial Opening Endoscopic',
};
const HCPCS: WorksheetEntry = { system: 'hcpcs', code: 'G0121', display: 'G0121', title: 'Colorectal cancer screening; colonoscopy' };

const codes = (entries: readonly WorksheetEntry[]) => entries.map((e) => e.display);

describe('order', () => {
  it('adds at the end of its kind: diagnoses stay before procedures', () => {
    let sheet: readonly WorksheetEntry[] = [];
    for (const entry of [PCS, E1165, HCPCS, I10]) sheet = addEntry(sheet, entry);
    expect(codes(sheet)).toEqual(['E11.65', 'I10', '0DJD8ZZ', 'G0121']);
  });

  it('keeps one entry per code and returns the same array for a repeat', () => {
    const sheet = addEntry([], E1165);
    expect(addEntry(sheet, { ...E1165, title: 'other' })).toBe(sheet);
  });

  it('moves up and down within its kind, never across a procedure, and not past the ends', () => {
    const sheet = orderEntries([E1165, I10, Z803, PCS, HCPCS]);
    expect(codes(moveEntry(sheet, entryKey(Z803), -1))).toEqual(['E11.65', 'Z80.3', 'I10', '0DJD8ZZ', 'G0121']);
    expect(codes(moveEntry(sheet, entryKey(E1165), 1))).toEqual(['I10', 'E11.65', 'Z80.3', '0DJD8ZZ', 'G0121']);
    expect(moveEntry(sheet, entryKey(E1165), -1)).toBe(sheet);
    expect(moveEntry(sheet, entryKey(Z803), 1)).toBe(sheet); // the next one is a procedure
    expect(moveEntry(sheet, entryKey(PCS), -1)).toBe(sheet);
    expect(codes(moveEntry(sheet, entryKey(HCPCS), -1))).toEqual(['E11.65', 'I10', 'Z80.3', 'G0121', '0DJD8ZZ']);
    expect(moveEntry(sheet, 'icd10cm:NOPE', 1)).toBe(sheet);
  });

  it('drag and drop puts the code at the target place, within its kind only', () => {
    const sheet = orderEntries([E1165, I10, Z803, PCS]);
    expect(codes(moveEntryTo(sheet, entryKey(Z803), entryKey(E1165)))).toEqual(['Z80.3', 'E11.65', 'I10', '0DJD8ZZ']);
    expect(codes(moveEntryTo(sheet, entryKey(E1165), entryKey(Z803)))).toEqual(['I10', 'Z80.3', 'E11.65', '0DJD8ZZ']);
    expect(moveEntryTo(sheet, entryKey(PCS), entryKey(E1165))).toBe(sheet);
    expect(moveEntryTo(sheet, entryKey(I10), entryKey(I10))).toBe(sheet);
  });

  it('removes by key', () => {
    expect(codes(removeEntry([E1165, I10], entryKey(E1165)))).toEqual(['I10']);
  });

  const systems: CodeSystem[] = ['icd10cm', 'icd10pcs', 'hcpcs', 'cpt'];
  const sheetArb = fc
    .uniqueArray(fc.record({ system: fc.constantFrom(...systems), code: fc.stringMatching(/^[A-Z0-9]{3,7}$/) }), {
      maxLength: 12,
      selector: (e) => `${e.system}:${e.code}`,
    })
    .map((raw) => orderEntries(raw.map((e) => ({ ...e, display: e.code, title: `Title ${e.code}` }))));

  it('a move keeps every code once and diagnoses before procedures; down then up restores the order', () => {
    fc.assert(
      fc.property(sheetArb, fc.nat(), fc.constantFrom<-1 | 1>(-1, 1), (sheet, pick, delta) => {
        const entry = sheet[pick % Math.max(1, sheet.length)];
        if (!entry) return;
        const moved = moveEntry(sheet, entryKey(entry), delta);
        expect([...moved].map(entryKey).sort()).toEqual([...sheet].map(entryKey).sort());
        const kinds = moved.map((e) => entryKind(e.system));
        expect(kinds).toEqual([...kinds].sort()); // 'diagnosis' < 'procedure'
        if (moved !== sheet) expect(moveEntry(moved, entryKey(entry), delta === 1 ? -1 : 1)).toEqual(sheet);
      }),
    );
  });
});

describe('POA', () => {
  it('is set on diagnoses only, and cleared with undefined', () => {
    const withPoa = setEntryPoa([E1165, PCS], entryKey(E1165), 'Y');
    expect(withPoa[0]).toEqual({ ...E1165, poa: 'Y', poaBy: 'coder' });
    expect(setEntryPoa(withPoa, entryKey(PCS), 'Y')[1]).toEqual(PCS);
    expect(setEntryPoa(withPoa, entryKey(E1165), undefined)[0]).toEqual(E1165);
  });

  it('applies to inpatient diagnoses only; missing indicators are counted', () => {
    const sheet = [E1165, { ...Z803, poa: '1' as const, poaBy: 'exempt-list' as const }, PCS];
    const inpatient = deriveWorksheetView(sheet, 'inpatient');
    expect(inpatient.diagnoses.map((r) => [r.entry.display, r.sequence, r.role, r.poaApplies, r.poaMissing])).toEqual([
      ['E11.65', 1, 'Principal diagnosis', true, true],
      ['Z80.3', 2, '', true, false],
    ]);
    expect(inpatient.procedures.map((r) => [r.entry.display, r.sequence, r.role, r.poaApplies])).toEqual([
      ['0DJD8ZZ', 1, 'Principal procedure', false],
    ]);
    expect(inpatient.missingPoa).toBe(1);

    const outpatient = deriveWorksheetView(sheet, 'outpatient');
    expect(outpatient.diagnoses.map((r) => [r.role, r.poaApplies])).toEqual([
      ['First-listed diagnosis', false],
      ['', false],
    ]);
    expect(outpatient.procedures[0]?.role).toBe('');
    expect(outpatient.missingPoa).toBe(0);
  });

  it('says which rows can move', () => {
    const view = deriveWorksheetView([E1165, I10, PCS], 'outpatient');
    expect(view.diagnoses.map((r) => [r.canMoveUp, r.canMoveDown])).toEqual([
      [false, true],
      [true, false],
    ]);
    expect(view.procedures.map((r) => [r.canMoveUp, r.canMoveDown])).toEqual([[false, false]]);
  });
});

describe('export', () => {
  const sheet: WorksheetEntry[] = [{ ...E1165, poa: 'Y', poaBy: 'coder' }, I10, { ...Z803, poa: '1', poaBy: 'exempt-list' }, PCS];

  it('as text, inpatient: principal first, POA per diagnosis', () => {
    expect(worksheetText(sheet, { setting: 'inpatient', dateOfService: '2026-11-22' })).toBe(
      [
        'Worksheet: inpatient, date of service 2026-11-22',
        'Diagnoses',
        '1. E11.65 Type 2 diabetes mellitus with hyperglycemia (principal diagnosis) — POA Y',
        '2. I10 Essential (primary) hypertension — POA not set',
        '3. Z80.3 Family history of malignant neoplasm of breast — POA 1 (exempt)',
        'Procedures',
        '1. 0DJD8ZZ Inspection of Lower Intestinal Tract, Via Natural or Artificial Opening Endoscopic (principal procedure)',
      ].join('\n'),
    );
  });

  it('as text, outpatient: first-listed, no POA; an empty worksheet says so', () => {
    expect(worksheetText([I10, HCPCS], { setting: 'outpatient', dateOfService: '2026-11-22' })).toBe(
      [
        'Worksheet: outpatient, date of service 2026-11-22',
        'Diagnoses',
        '1. I10 Essential (primary) hypertension (first-listed diagnosis)',
        'Procedures',
        '1. G0121 Colorectal cancer screening; colonoscopy',
      ].join('\n'),
    );
    expect(worksheetText([], { setting: 'outpatient', dateOfService: '2026-11-22' })).toBe(
      'Worksheet: outpatient, date of service 2026-11-22\n(no codes)',
    );
  });

  it('as CSV: header, diagnoses then procedures, CRLF, fields quoted when needed', () => {
    expect(worksheetCsv(sheet, 'inpatient')).toBe(
      [
        'Sequence,Type,Code,Code set,Title,POA',
        '1,Diagnosis,E11.65,ICD-10-CM,Type 2 diabetes mellitus with hyperglycemia,Y',
        '2,Diagnosis,I10,ICD-10-CM,Essential (primary) hypertension,',
        '3,Diagnosis,Z80.3,ICD-10-CM,Family history of malignant neoplasm of breast,1',
        '1,Procedure,0DJD8ZZ,ICD-10-PCS,"Inspection of Lower Intestinal Tract, Via Natural or Artificial Opening Endoscopic",',
        '',
      ].join('\r\n'),
    );
    expect(worksheetCsv(sheet, 'outpatient').split('\r\n')[1]).toBe(
      '1,Diagnosis,E11.65,ICD-10-CM,Type 2 diabetes mellitus with hyperglycemia,',
    );
    expect(worksheetCsv([], 'outpatient')).toBe('Sequence,Type,Code,Code set,Title,POA\r\n');
  });

  it('keeps titles on one line in text and quoted in CSV; formulas are defused', () => {
    const odd: WorksheetEntry = { system: 'cpt', code: '99999', display: '99999', title: '=HYPERLINK("x")\nsecond "line"' };
    expect(worksheetText([odd], { setting: 'outpatient', dateOfService: '2026-11-22' }).split('\n')[2]).toBe(
      '1. 99999 =HYPERLINK("x") second "line"',
    );
    expect(worksheetCsv([odd], 'outpatient').split('\r\n').slice(1).join('\r\n')).toBe(
      `1,Procedure,99999,CPT,"'=HYPERLINK(""x"")\nsecond ""line""",\r\n`,
    );
  });

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['', ''],
  ])('csvField(%j) is %j', (value, expected) => {
    expect(csvField(value)).toBe(expected);
  });

  it('leaves numbers alone', () => {
    expect(csvField(-1)).toBe('-1');
  });
});
