/**
 * `npm start`, the main job: serve the synthetic demo EHR page on 127.0.0.1, open Chromium with the
 * built extension, let it load the code sets, enable the demo site as a user would, read the
 * discharge summary and print the suggestions the side panel shows. With a display Chromium stays
 * open on the page (click the toolbar button for the side panel); without one it runs headless and
 * saves screenshots of the page (evidence highlighted) and of the side panel.
 * Options: --setting inpatient|outpatient (default inpatient), --date YYYY-MM-DD (default today), --headless.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { todayIso } from '../utils/codes/dates';
import type { AnalysisTabReply } from '../utils/messaging';
import { enableSite, launchExtension, openExtensionPage, sendFromPage, type StatusReply, tabIdOf } from './lib/chromium';
import { startEhrServer } from './lib/ehr-server';
import { formatAnalysis } from './lib/print-analysis';


function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const setting = arg('setting') === 'outpatient' ? 'outpatient' : 'inpatient';
  const dateOfService = arg('date') ?? todayIso();
  const headed = Boolean(process.env.DISPLAY) && !process.env.CI && !process.argv.includes('--headless');
  const server = await startEhrServer();
  const session = await launchExtension(undefined, { headless: !headed });
  try {
    const ext = await openExtensionPage(session, 'options.html');
    const t0 = performance.now();
    let last = '';
    for (;;) {
      const status = await sendFromPage<StatusReply>(ext, 'codesets/status');
      if (status.state === 'error') throw new Error(status.error);
      if (status.state === 'ready') break;
      const line = status.progress ? `Loading code sets into IndexedDB: ${status.progress.done}/${status.progress.total} chunks` : 'Starting...';
      if (line !== last) process.stdout.write(`\r${line}`);
      last = line;
      await ext.waitForTimeout(250);
    }
    console.log(`\rCode sets ready in IndexedDB after ${((performance.now() - t0) / 1000).toFixed(1)} s.${' '.repeat(30)}`);

    await enableSite(session, ext, server.origin);
    const page = await session.context.newPage();
    const url = server.url('demo/discharge-summary.html');
    await page.goto(url);
    const tabId = await tabIdOf(ext, page);
    let reply: AnalysisTabReply | { loading: true } | undefined;
    for (let i = 0; i < 150; i++) {
      reply = await sendFromPage<AnalysisTabReply | { loading: true }>(ext, 'analysis/tab', { tabId, setting, dateOfService });
      if ('result' in reply) break;
      await ext.waitForTimeout(200);
    }
    if (!reply || !('result' in reply)) throw new Error('The demo note was not read or analysed in time.');
    const { result, source } = reply;
    console.log(`\nDemo EHR page ${url}\n“${source.title}” read by the extension; ${setting}, date of service ${dateOfService}; ${result.mentions.length} mentions, analysed in ${result.tookMs.toFixed(0)} ms.`);
    console.log(formatAnalysis(result, { verbose: false }));

    const top = result.suggestions.find((s) => s.status === 'suggested');
    if (top) await sendFromPage(ext, 'ehr/highlight', { tabId, hash: source.hash, spans: top.evidence.map(({ start, end }) => ({ start, end })) });
    const shots = resolve(import.meta.dirname, '../reports/screenshots');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: resolve(shots, 'demo-page.png') });
    const panel = await openExtensionPage(session, 'sidepanel.html');
    await panel.setViewportSize({ width: 420, height: 900 });
    // The panel shows the same setting as the printout (a coder sets it once per encounter).
    await panel.locator('#care-setting').selectOption(setting);
    await panel.locator('#tabpanel-suggestions li.suggestion').first().waitFor({ timeout: 60_000 });
    await panel.waitForTimeout(500);
    await panel.screenshot({ path: resolve(shots, 'sidepanel.png') });
    console.log(`\nScreenshots: ${resolve(shots, 'demo-page.png')} (evidence of ${top?.display ?? '—'} highlighted), ${resolve(shots, 'sidepanel.png')}`);
    const remote = session.requests.filter((r) => /^(https?|wss?):/.test(r.url()) && !r.url().startsWith(server.origin) && !r.url().startsWith(server.otherOrigin));
    console.log(`Network requests from the extension: ${remote.length}`);
    if (headed) {
      await page.bringToFront();
      console.log('\nChromium stays open on the demo page; click the Chartcode toolbar button for the side panel. Ctrl-C quits.');
      await new Promise(() => {});
    }
  } finally {
    if (!headed) {
      await session.close();
      await server.close();
    }
  }
}

main().catch((err: unknown) => {
  console.error(`\nnpm start failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
