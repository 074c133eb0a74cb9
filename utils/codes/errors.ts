/**
 * Every user-facing error about code-set files, in one place (tests assert the wording).
 * A parse error always names the file and, where it has one, the 1-based line.
 */
export class CodeSetError extends Error {
  readonly file: string;
  readonly line: number | undefined;

  constructor(file: string, line: number | undefined, detail: string) {
    super(line === undefined ? `${file}: ${detail}` : `${file}, line ${line}: ${detail}`);
    this.name = 'CodeSetError';
    this.file = file;
    this.line = line;
  }
}

export const messages = {
  missingSource: (file: string, dir: string) =>
    `Missing code-set source file "${file}" in CODESET_DIR (${dir}). Set CODESET_DIR to the folder holding the official CMS/CDC files.`,
  badOrderLine: (why: string) => `not an order-file line (${why})`,
  badIndexAddenda: 'no Index addenda line (No Change / Add / Delete / Revise from / Revise to) in the text',
  badXml: (why: string) => `malformed XML (${why})`,
  unexpectedRoot: (found: string, expected: string) =>
    `expected a <${expected}> document, found <${found}>`,
  truncated: 'the file ends before its closing element (truncated?)',
  emptyFile: 'the file is empty',
  tooLarge: (bytes: number, cap: number) =>
    `is ${(bytes / 1e6).toFixed(1)} MB, over the ${(cap / 1e6).toFixed(0)} MB limit for imports`,
  zipBomb: (entry: string, ratio: number) =>
    `zip entry "${entry}" expands ${ratio.toFixed(0)}x; refused as a possible zip bomb`,
  zipNoKnownFile: 'the zip holds no file Chartcode knows how to import',
  badCpt: (code: string) => `"${code}" is not a CPT code (five characters: four digits then a digit, F, T or U)`,
  badHcpcs: (code: string) => `"${code}" is not a HCPCS Level II code or modifier`,
  badCsvHeader: (expected: string) => `missing the header row (${expected})`,
  // Tabular List XML
  missingRoot: (expected: string) => `no <${expected}> element (not a code-set XML document?)`,
  missingChild: (parent: string, child: string) => `a <${parent}> has no <${child}>`,
  missingAttribute: (element: string, attribute: string) => `a <${element}> has no ${attribute}="..." attribute`,
  badVersion: (found: string) => `<version> is "${found}", not a year`,
  duplicateNode: (id: string) => `"${id}" appears twice`,
  notIcd10cmCode: (code: string) => `"${code}" is not an ICD-10-CM code`,
  // Alphabetic Index family (index, external cause index, neoplasm and drug tables)
  unexpectedElement: (element: string, parent: string) => `unexpected <${element}> inside <${parent}>`,
  badTableColumn: (col: string, first: number, last: number) => `col="${col}" is not a table column (${first} to ${last})`,
  badCsvRow: (found: number, expected: number) => `has ${found} columns, expected ${expected}`,
  badSubtermLevel: (level: number) => `a level ${level} subterm has no level ${level - 1} entry above it`,
  badCsv: (why: string) => `malformed CSV (${why})`,
  emptySubstance: 'the Substance column is empty',
} as const;
