import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { COMPILED_DIR, readCompiledAssets } from '../../../scripts/codesets/compiled';
import type { IndexTerm } from '../../../utils/codes/types';
import { HistoryIndex } from '../../../utils/coding/history';

const compiled = existsSync(resolve(COMPILED_DIR, 'catalog.json'));

describe.skipIf(!compiled)('HistoryIndex on the FY2027 Index (History, personal / family)', () => {
  let history: HistoryIndex;
  beforeAll(() => {
    const index = readCompiledAssets(undefined, ['index']).find((a) => a.header.kind === 'index')?.records as IndexTerm[];
    history = new HistoryIndex(index);
  });

  it('reads "without …" in an entry as its default, not as words the note must write: a past stroke is Z86.73', () => {
    expect(history.codeFor('personal', ['stroke'], false)?.code).toBe('Z8673');
    expect(history.codeFor('personal', ['cerebral infarction'], false)?.code).toBe('Z8673');
  });

  it('gives no "without residual deficits" entry to a stroke named with its residual deficits (those are sequelae, I69.-)', () => {
    expect(history.codeFor('personal', ['stroke', 'with residual deficits'], false)?.code).not.toBe('Z8673');
  });

  it('still needs every specific word before the "without"', () => {
    expect(history.codeFor('personal', ['infarction'], false)?.code).not.toBe('Z8673');
  });
});
