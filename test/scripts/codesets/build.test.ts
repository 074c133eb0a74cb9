import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildAllAssets } from '../../../scripts/codesets/build';
import { SOURCES } from '../../../scripts/codesets/sources';
import { CODESET_DIR, hasCodesetDir, readCodesetText } from '../../helpers/codeset-dir';

const ROOT = resolve(import.meta.dirname, '../../..');

describe('code-set build with missing or broken sources', () => {
  it('names every missing file and CODESET_DIR', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'codesets-empty-'));
    const failure = buildAllAssets(empty);
    await expect(failure).rejects.toThrow(
      /Missing code-set source file "icd10cm\/fy2025\/icd10cm_order_2025\.txt\.gz", ".*hcc\/ra_labels_2026\.csv"/,
    );
    await expect(failure).rejects.toThrow(new RegExp(`CODESET_DIR \\(${empty.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)`));
  });

  it.skipIf(!hasCodesetDir)('the CLI exits 1 naming the one file that is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'codesets-partial-'));
    for (const rel of Object.values(SOURCES)) {
      if (rel === SOURCES.tabular) continue;
      mkdirSync(resolve(dir, rel, '..'), { recursive: true });
      cpSync(resolve(CODESET_DIR, rel), resolve(dir, rel));
    }
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/compile-codesets.ts'], {
      cwd: ROOT,
      env: { ...process.env, CODESET_DIR: dir },
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Missing code-set source file "icd10cm/tabular/icd10cm_tabular_2021.xml.gz"');
    expect(run.stderr).toContain(`CODESET_DIR (${dir})`);
  });

  it.skipIf(!hasCodesetDir)('a truncated official file fails naming file and line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'codesets-truncated-'));
    for (const rel of Object.values(SOURCES)) {
      mkdirSync(resolve(dir, rel, '..'), { recursive: true });
      cpSync(resolve(CODESET_DIR, rel), resolve(dir, rel));
    }
    // The real FY2027 order file cut inside line 500's short title, as an interrupted download would.
    const lines = readCodesetText(SOURCES.cmOrder2027).split('\r\n');
    const text = `${lines.slice(0, 499).join('\r\n')}\r\n${(lines[499] as string).slice(0, 30)}`;
    writeFileSync(resolve(dir, SOURCES.cmOrder2027), gzipSync(text));
    await expect(buildAllAssets(dir)).rejects.toThrow(/^icd10cm_order_2027\.reconstructed\.txt\.gz, line 500: not an order-file line/);
  });
});

describe.skipIf(!hasCodesetDir)('the FY2017 Index brought forward by the official FY2022-FY2026 Index addenda', () => {
  it('reads every release in order and places all but a few of its changes', async () => {
    const { readIndexAddenda } = await import('../../../scripts/codesets/index-addenda');
    const { applyIndexAddenda } = await import('../../../utils/codes/parse/index-addenda');
    const { parseIndexXml } = await import('../../../utils/codes/parse/index-xml');
    const addenda = readIndexAddenda(CODESET_DIR);
    expect(addenda.files.map((f) => f.file.split(':')[0])).toEqual([
      'icd10cm-addenda-FY2022.zip',
      'icd10cm-addenda-FY2023.zip',
      'icd10cm-addenda-April-2023.zip',
      'icd10cm-addenda-FY2024.zip',
      'icd10cm-addenda-April-2024.zip',
      'icd10cm-addenda-FY2025.zip',
      'icd10cm-addenda-April-2025.zip',
      'icd10cm-addenda-FY2026.zip',
    ]);
    const index = parseIndexXml(readCodesetText(SOURCES.index), 'index');
    const { terms, stats } = applyIndexAddenda(index.terms, addenda.files, { restoreMissing: true });
    const at = (...titles: string[]) => titles.reduce<{ children?: typeof terms; codes?: Array<{ code: string }> } | undefined>((t, title) => (t?.children ?? []).find((c) => (c as { title: string }).title === title), { children: terms });
    expect(at('Disease, diseased', "Parkinson's")?.codes?.map((c) => c.code)).toEqual(['G20.A1']);
    expect(at('Disease, diseased', "Parkinson's", 'with dyskinesia', 'without mention of', 'fluctuations')?.codes?.map((c) => c.code)).toEqual(['G20.B1']);
    expect(at('Coma', 'nontraumatic, due to underlying condition')?.codes?.map((c) => c.code)).toEqual(['R40.2A']);
    expect(stats.add).toBeGreaterThan(2500);
    expect(stats.revise).toBeGreaterThan(1400);
    // What cannot be placed is mostly deletes of entries FY2018-FY2021 added (their addenda are not here).
    expect(stats.unplaced).toBeLessThan(100);
  }, 60_000);
});
