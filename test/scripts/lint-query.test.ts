import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Io, run } from '../../scripts/lint-query';
import { cliMessages } from '../../utils/cdi/messages';

const GOOD = `Clinical indicators found in the record:
- Creatinine 2.1 mg/dL (Labs: "Cr 2.1 (baseline 0.9)")

Question: Based on your clinical judgment, what diagnosis, if any, do the findings above represent?

[ ] Acute kidney injury
[ ] Chronic kidney disease without acute injury
[ ] Other (please specify)
[ ] Clinically undetermined`;

function io(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: Io = {
    readFile: (f) => {
      const text = files[f];
      if (text === undefined) throw new Error('ENOENT: no such file');
      return text;
    },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  return { value, out, err };
}

describe('lint-query CLI', () => {
  it('exits 0 and says so for a compliant query', () => {
    const t = io({ 'q.txt': GOOD });
    expect(run(['q.txt'], t.value)).toBe(0);
    expect(t.out).toEqual(['q.txt: no problems found']);
  });

  it('exits 1 on an error and prints file:line:column', () => {
    const t = io({ 'q.txt': `${GOOD}\nPlease document AKI.` });
    expect(run(['q.txt'], t.value)).toBe(1);
    expect(t.out).toEqual([
      'q.txt:10:1  error  leading-wording  Leading wording: "Please document". Present the indicators and let the provider choose; do not suggest the answer.',
      '1 error, 0 warnings (copying blocked)',
    ]);
  });

  it('checks indicators against --note', () => {
    const t = io({ 'q.txt': GOOD, 'n.txt': 'Labs: Cr 1.1.' });
    expect(run(['q.txt', '--note', 'n.txt'], t.value)).toBe(1);
    expect(t.out[0]).toBe('q.txt:2:31  error  indicator-not-in-note  Indicator not found in the note: "Cr 2.1 (baseline 0.9)".');
  });

  it('prints the lint result as JSON with --json', () => {
    const t = io({ 'q.txt': GOOD });
    expect(run(['q.txt', '--json'], t.value)).toBe(0);
    expect(JSON.parse(t.out.join('\n'))).toMatchObject({ ok: true, errors: [], kind: 'multiple-choice' });
  });

  it('exits 2 with the usage line or a read error', () => {
    const t = io({});
    expect(run([], t.value)).toBe(2);
    expect(run(['--bogus'], t.value)).toBe(2);
    expect(run(['missing.txt'], t.value)).toBe(2);
    expect(t.err).toEqual([cliMessages.usage, cliMessages.usage, 'cannot read missing.txt: ENOENT: no such file']);
    expect(cliMessages.usage).toBe('usage: npm run lint-query -- query.txt [--note note.txt] [--json]');
  });

  it('runs from the shell with the exit code of the lint', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chartcode-lint-'));
    writeFileSync(join(dir, 'good.txt'), GOOD);
    writeFileSync(join(dir, 'bad.txt'), `${GOOD}\nThis is an MCC.`);
    const script = resolve(import.meta.dirname, '../../scripts/lint-query.ts');
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    expect(spawnSync(tsx, [script, join(dir, 'good.txt')]).status).toBe(0);
    const bad = spawnSync(tsx, [script, join(dir, 'bad.txt')], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('financial-term');
  });
});
