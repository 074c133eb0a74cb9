import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mergeReportSection, readReport } from '../../../scripts/eval/report';

const tmpFile = () => join(mkdtempSync(join(tmpdir(), 'chartcode-eval-')), 'reports', 'eval.json');

describe('mergeReportSection', () => {
  it('creates the report (and its folder) when missing', () => {
    const file = tmpFile();
    mergeReportSection('negex', { accuracy: 0.9 }, file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ negex: { accuracy: 0.9 } });
  });

  it('replaces its own section and keeps the others', () => {
    const file = tmpFile();
    mergeReportSection('codiesp', { map: 0.5 }, file);
    mergeReportSection('negex', { accuracy: 0.8 }, file);
    mergeReportSection('negex', { accuracy: 0.9 }, file);
    expect(readReport(file)).toEqual({ codiesp: { map: 0.5 }, negex: { accuracy: 0.9 } });
  });

  it('replaces a report that is not a JSON object', () => {
    const file = tmpFile();
    mergeReportSection('x', 1, file);
    writeFileSync(file, '[1, 2');
    expect(readReport(file)).toEqual({});
    expect(mergeReportSection('negex', { n: 1 }, file)).toEqual({ negex: { n: 1 } });
  });
});
