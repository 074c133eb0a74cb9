/**
 * The built extension in real headless Chromium: code sets load into IndexedDB on install, an
 * interrupted load resumes on the next start, lookups answer through the typed protocol, and no
 * extension context makes a network request.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ExtensionSession,
  launchExtension,
  newProfileDir,
  openExtensionPage,
  sendFromPage,
  type StatusReply,
  waitForCodesets,
} from '../../scripts/lib/chromium';

const SCREENSHOTS = resolve(import.meta.dirname, '../../reports/screenshots');

interface Lookup {
  state: string;
  display: string;
  title?: string;
  seventh: Array<{ char: string }>;
  notes: Array<{ type: string; from: string }>;
}

describe('code sets in real Chromium', () => {
  let session: ExtensionSession;

  beforeAll(async () => {
    session = await launchExtension();
  });
  afterAll(async () => {
    await session?.close();
  });

  it('loads every bundled code set into IndexedDB and reports counts', async () => {
    const page = await openExtensionPage(session, 'options.html');
    const status = await waitForCodesets(page);
    const byId = new Map(status.versions.map((v) => [v.assetId, v]));
    expect(byId.get('icd10cm-codes-2027')?.stats).toEqual({ billable: 74_879, headers: 23_524 });
    expect(byId.get('icd10cm-codes-2026')?.stats).toEqual({ billable: 74_719, headers: 23_467 });
    expect(byId.get('icd10pcs-codes-2026')?.stats.billable).toBe(79_115);
    expect(byId.get('hcpcs-codes-2026')?.count).toBe(8_623);
    expect(status.versions.every((v) => v.origin === 'bundled')).toBe(true);
  });

  it('answers lookups through the background', async () => {
    const page = await openExtensionPage(session, 'options.html');
    await waitForCodesets(page);
    const e1165 = await sendFromPage<Lookup>(page, 'codes/lookup', { system: 'icd10cm', code: 'e1165', dateOfService: '2026-11-01' });
    expect(e1165).toMatchObject({ state: 'billable', display: 'E11.65', title: 'Type 2 diabetes mellitus with hyperglycemia' });
    expect(e1165.notes.some((n) => n.from === 'E11' && n.type === 'useAdditionalCode')).toBe(true);
    const s72001 = await sendFromPage<Lookup>(page, 'codes/lookup', { system: 'icd10cm', code: 'S72.001', dateOfService: '2026-11-01' });
    expect(s72001.state).toBe('header');
    expect(s72001.seventh.map((s) => s.char)).toEqual(expect.arrayContaining(['A', 'D', 'R', 'S']));
    const added = await sendFromPage<Lookup>(page, 'codes/lookup', { system: 'icd10cm', code: 'C78.31', dateOfService: '2026-09-30' });
    expect(added.state).toBe('invalid-on-date');
  });

  it('rejects malformed and unknown messages with a clear error', async () => {
    const page = await openExtensionPage(session, 'options.html');
    await expect(
      sendFromPage(page, 'codes/lookup', { system: 'icd10cm', code: 'x'.repeat(500), dateOfService: '2026-11-01' }),
    ).rejects.toThrow(/Invalid payload/);
    await expect(sendFromPage(page, 'no/such-type', {})).rejects.toThrow(/Unknown message type/);
  });

  it('shows the options page with versions and counts', async () => {
    const page = await openExtensionPage(session, 'options.html');
    await waitForCodesets(page);
    await page
      .getByText('icd10cm-codes-2027', { exact: false })
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => {});
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: resolve(SCREENSHOTS, 'options.png'), fullPage: true });
    expect(await page.locator('body').textContent()).toContain('74,879');
  });

  it('made no network request from any extension context', () => {
    const remote = session.requests.filter((r) => /^(https?|wss?):/.test(r.url()));
    expect(remote.map((r) => r.url())).toEqual([]);
  });
});

describe('an interrupted load in real Chromium', () => {
  it('keeps nothing half-active and resumes on the next start', async () => {
    const profileDir = newProfileDir();
    const first = await launchExtension(profileDir);
    const page = await openExtensionPage(first, 'options.html');
    // Stop the browser part-way through the first load.
    let status: StatusReply | undefined;
    for (let i = 0; i < 600; i++) {
      status = await sendFromPage<StatusReply>(page, 'codesets/status');
      if ((status.progress?.done ?? 0) > 20 || status.state === 'ready') break;
      await page.waitForTimeout(25);
    }
    expect(status?.state).toBe('loading');
    const doneBeforeKill = status?.progress?.done ?? 0;
    expect(doneBeforeKill).toBeGreaterThan(0);
    await first.close();

    const second = await launchExtension(profileDir);
    try {
      const again = await openExtensionPage(second, 'options.html');
      const firstStatus = await sendFromPage<StatusReply>(again, 'codesets/status');
      // Resumed, not restarted: the chunks written before the kill count as done.
      if (firstStatus.state === 'loading' && firstStatus.progress) expect(firstStatus.progress.done).toBeGreaterThan(0);
      const ready = await waitForCodesets(again);
      expect(ready.versions.find((v) => v.assetId === 'icd10cm-codes-2027')?.stats.billable).toBe(74_879);
      const lookup = await sendFromPage<Lookup>(again, 'codes/lookup', { system: 'icd10cm', code: 'E11.65', dateOfService: '2026-11-01' });
      expect(lookup.state).toBe('billable');
    } finally {
      await second.close();
    }
  });
});
