/**
 * The official CDC Alphabetic Index addenda at build time (Node only): each release's zip of PDFs,
 * its `icd10cm-index-addenda-*.pdf` turned into laid-out text by `pdftotext -layout` (Debian
 * poppler-utils; scripts/setup.sh and .ci/run install it), parsed by the pure parser in
 * utils/codes/parse/index-addenda.ts.
 *
 * Why pdftotext and not an npm PDF library: the parser needs the printed lines as they stand (the
 * action column, then the "- - " level dashes and the entry), which `-layout` keeps exactly; a
 * library (pdf.js, unpdf) gives positioned text runs that would have to be put back into lines,
 * and node_modules here is shared with the main checkout, so a new dependency could not be tried
 * without changing it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { CodeSetError } from '../../utils/codes/errors';
import { type IndexAddendaFile, parseIndexAddendaText } from '../../utils/codes/parse/index-addenda';
import type { SourceFile } from '../../utils/codes/types';
import { INDEX_ADDENDA, readSource } from './sources';

/** The Index to Diseases addenda in a release zip (not the eindex, neoplasm or drug ones). */
const INDEX_ADDENDA_PDF = /(^|\/)icd-?10-?cm-index-addenda[^/]*\.pdf$/i;

export function pdfToText(pdf: Uint8Array, file: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'chartcode-addenda-'));
  try {
    const path = join(dir, 'addenda.pdf');
    writeFileSync(path, pdf);
    return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CodeSetError(
      file,
      undefined,
      missing
        ? 'pdftotext is needed to read the Index addenda PDFs: install Debian poppler-utils (npm run setup does)'
        : `pdftotext failed (${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Every Index addenda release, oldest first, parsed, with the zips as sources. */
export function readIndexAddenda(dir: string): { files: IndexAddendaFile[]; sources: SourceFile[] } {
  const files: IndexAddendaFile[] = [];
  const sources: SourceFile[] = [];
  for (const key of INDEX_ADDENDA) {
    const src = readSource(dir, key);
    const members = unzipSync(src.bytes, { filter: (f) => INDEX_ADDENDA_PDF.test(f.name) });
    const names = Object.keys(members);
    if (names.length !== 1) {
      throw new CodeSetError(src.source.file, undefined, `expected one icd10cm-index-addenda PDF in the zip, found ${names.length}`);
    }
    const name = names[0] as string;
    const label = `${src.source.file}:${name.split('/').pop()}`;
    files.push({ file: label, lines: parseIndexAddendaText(pdfToText(members[name] as Uint8Array, label), label) });
    sources.push(src.source);
  }
  return { files, sources };
}
