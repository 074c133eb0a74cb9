/**
 * `npm start`, the main job: open Chromium with the built extension, let it load every bundled code
 * set into IndexedDB, and look up the embedded default codes through the extension's own background.
 * With no display (CI, a server) it runs headless, saves a screenshot of the options page and prints
 * the answers. Pass codes to look up others: `npm start -- E11.65 I50.23 --date 2026-11-01`.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { launchExtension, openExtensionPage, sendFromPage, type StatusReply } from './lib/chromium';
import type { LookupResult } from '../utils/codes/catalog';
import { todayIso } from '../utils/codes/dates';

/** The embedded default: codes that show each state the model knows. */
const DEFAULT_CODES = ['E11.65', 'S72.001', 'S72.001A', 'J44.1', 'I50.9', 'D69.1', 'C78.31', 'Z99.999'];

function parseArgs(argv: string[]): { codes: string[]; date: string; headed: boolean } {
  const codes: string[] = [];
  let date = todayIso();
  let headed = Boolean(process.env.DISPLAY) && !process.env.CI;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--date') date = argv[++i] ?? date;
    else if (arg === '--headless') headed = false;
    else codes.push(arg);
  }
  return { codes: codes.length ? codes : DEFAULT_CODES, date, headed };
}

function describe(result: LookupResult): string {
  const lines = [`${result.display.padEnd(9)} ${result.state.toUpperCase().padEnd(16)} ${result.title ?? ''}`, `          ${result.reason}`];
  if (result.seventh.length) lines.push(`          7th characters: ${result.seventh.map((s) => `${s.char} ${s.meaning}`).join('; ')}`);
  else if (result.children.length) lines.push(`          children: ${result.children.map((c) => c.display).join(', ')}`);
  const notes = result.notes.filter((n) => ['excludes1', 'useAdditionalCode', 'codeFirst'].includes(n.type));
  for (const note of notes.slice(0, 4)) lines.push(`          ${note.type} (from ${note.from}, FY${note.year} notes): ${note.text}`);
  if (result.hcc.length) lines.push(`          HCC: ${result.hcc.map((h) => `${h.model} ${h.hcc} ${h.label}`).join('; ')}`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { codes, date, headed } = parseArgs(process.argv.slice(2));
  const session = await launchExtension(undefined, { headless: !headed });
  try {
    const page = await openExtensionPage(session, 'options.html');
    const t0 = performance.now();
    let last = '';
    for (;;) {
      const status = await sendFromPage<StatusReply>(page, 'codesets/status');
      if (status.state === 'error') throw new Error(status.error);
      if (status.state === 'ready') break;
      const line = status.progress ? `Loading code sets into IndexedDB: ${status.progress.done}/${status.progress.total} chunks` : 'Starting...';
      if (line !== last) process.stdout.write(`\r${line}`);
      last = line;
      await page.waitForTimeout(250);
    }
    console.log(`\rCode sets ready in IndexedDB after ${((performance.now() - t0) / 1000).toFixed(1)} s.${' '.repeat(30)}`);
    console.log(`\nLookups for date of service ${date}, answered by the extension's background:\n`);
    for (const code of codes) {
      const result = await sendFromPage<LookupResult>(page, 'codes/lookup', { system: 'icd10cm', code, dateOfService: date });
      console.log(describe(result));
    }
    const shots = resolve(import.meta.dirname, '../reports/screenshots');
    mkdirSync(shots, { recursive: true });
    await page.reload();
    await page.waitForTimeout(1000);
    await page.screenshot({ path: resolve(shots, 'options.png'), fullPage: true });
    console.log(`\nOptions page screenshot: ${resolve(shots, 'options.png')}`);
    const remote = session.requests.filter((r) => /^(https?|wss?):/.test(r.url()));
    console.log(`Network requests from the extension: ${remote.length}`);
    if (headed) {
      console.log('\nChromium stays open with the extension; press Ctrl-C to quit.');
      await new Promise(() => {});
    }
  } finally {
    if (!headed) await session.close();
  }
}

main().catch((err: unknown) => {
  console.error(`\nnpm start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
