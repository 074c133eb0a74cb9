/**
 * `reports/eval.json` is shared by every evaluation (NegEx, CodiEsp, MTSamples): each one replaces
 * only its own top-level section and keeps the others, so the stages can run separately.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export const DEFAULT_REPORT = resolve(import.meta.dirname, '../../reports/eval.json');

/** Read the report, or `{}` when it is missing or not a JSON object (a broken file is replaced, not fatal). */
export function readReport(file: string = DEFAULT_REPORT): Record<string, unknown> {
  if (!existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Set `report[section] = value`, keep every other section, write atomically; returns the merged report. */
export function mergeReportSection(section: string, value: unknown, file: string = DEFAULT_REPORT): Record<string, unknown> {
  const report = readReport(file);
  report[section] = value;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(report, null, 2)}\n`);
  renameSync(tmp, file);
  return report;
}
