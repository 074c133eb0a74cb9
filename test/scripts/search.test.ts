import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const compiled = existsSync(resolve(ROOT, 'public/codesets/catalog.json'));
const run = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/search.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe.skipIf(!compiled)('npm run search', () => {
  it('--batch prints one JSON line per query, best first', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'search-batch-')), 'queries.txt');
    writeFileSync(file, 'diab hyperg\n\npneumonia, aspiration\n<script>alert(1)</script>\n');
    const out = run(['--batch', file, '--date', '2026-11-01']);
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { query: string; results: Array<{ code: string; title: string; system: string }> });
    expect(lines.map((l) => l.query)).toEqual(['diab hyperg', 'pneumonia, aspiration', '<script>alert(1)</script>']);
    expect(lines[0]?.results[0]).toEqual({ code: 'E1165', title: 'Type 2 diabetes mellitus with hyperglycemia', system: 'icd10cm' });
    expect(lines[1]?.results[0]?.code).toBe('J690');
  });

  it('--system narrows to one code set, --json gives the whole response', () => {
    const out = run(['J1885', '--system', 'hcpcs', '--json']);
    expect(out.status).toBe(0);
    const response = JSON.parse(out.stdout) as { hits: Array<{ display: string; system: string }> };
    expect(response.hits[0]).toMatchObject({ display: 'J1885', system: 'hcpcs' });
    expect(response.hits.every((h) => h.system === 'hcpcs')).toBe(true);
  });

  it('refuses an unknown system with a clear message', () => {
    const out = run(['heart failure', '--system', 'snomed']);
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/--system takes icd10cm, icd10pcs, hcpcs or cpt/);
  });
});
