import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** A hand-written fixture under test/fixtures/codesets, as text. */
export function fixture(name: string): string {
  return readFileSync(resolve(import.meta.dirname, '../fixtures/codesets', name), 'utf8');
}
