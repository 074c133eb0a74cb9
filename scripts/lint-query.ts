/**
 * `npm run lint-query -- query.txt [--note note.txt] [--json]`: the query linter (issue 6) from the
 * shell. Prints each finding as `file:line:column  severity  code  message` (or the lint result as
 * JSON) and exits 1 when there is any error, 0 otherwise, 2 on a usage or read error.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { lineColumn, lintQuery } from '../utils/cdi/linter';
import { cliMessages } from '../utils/cdi/messages';

export interface Io {
  readFile: (file: string) => string;
  out: (line: string) => void;
  err: (line: string) => void;
}

const nodeIo: Io = {
  readFile: (file) => readFileSync(file, 'utf8'),
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

/** Run the CLI; returns the exit code. */
export function run(argv: string[], io: Io = nodeIo): number {
  let values: { note?: string; json?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      options: { note: { type: 'string' }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
    }));
  } catch {
    io.err(cliMessages.usage);
    return 2;
  }
  const file = positionals[0];
  if (file === undefined || positionals.length > 1) {
    io.err(cliMessages.usage);
    return 2;
  }
  const read = (f: string): string | undefined => {
    try {
      return io.readFile(f);
    } catch (error) {
      io.err(cliMessages.cannotRead(f, error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  };
  const text = read(file);
  if (text === undefined) return 2;
  let note: string | undefined;
  if (values.note !== undefined) {
    note = read(values.note);
    if (note === undefined) return 2;
  }
  const result = lintQuery(text, note === undefined ? {} : { note });
  if (values.json) {
    io.out(JSON.stringify(result, null, 2));
  } else if (result.errors.length + result.warnings.length === 0) {
    io.out(cliMessages.clean(file));
  } else {
    for (const f of [...result.errors, ...result.warnings]) {
      const { line, column } = lineColumn(text, f.span?.start ?? 0);
      io.out(cliMessages.finding(file, line, column, f.severity, f.code, f.message));
    }
    io.out(cliMessages.summary(result.errors.length, result.warnings.length));
  }
  return result.ok ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exit(run(process.argv.slice(2)));
}
