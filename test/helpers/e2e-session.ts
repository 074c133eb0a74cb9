/**
 * The start most end-to-end tests share: the synthetic EHR pages served on 127.0.0.1, Chromium with the
 * built extension, code sets active, and the EHR site enabled as a user would (options page, permission).
 */
import { afterAll, beforeAll } from 'vitest';
import { enableSite, type ExtensionSession, launchExtension, openExtensionPage, waitForCodesets } from '../../scripts/lib/chromium';
import { type EhrServer, startEhrServer } from '../../scripts/lib/ehr-server';

export interface EhrSession {
  server: EhrServer;
  session: ExtensionSession;
  close(): Promise<void>;
}

export async function startWithEhrSite(): Promise<EhrSession> {
  const server = await startEhrServer();
  const session = await launchExtension();
  const ext = await openExtensionPage(session, 'options.html');
  await waitForCodesets(ext);
  await enableSite(session, ext, server.origin);
  await ext.close();
  return {
    server,
    session,
    close: async () => {
      await session.close();
      await server.close();
    },
  };
}

/**
 * `startWithEhrSite` for one describe block: started before its tests, closed after them. Read
 * `server` and `session` inside the tests (they exist once the block has started).
 */
export function useEhrSite(): { readonly server: EhrServer; readonly session: ExtensionSession } {
  let started: EhrSession | undefined;
  beforeAll(async () => {
    started = await startWithEhrSite();
  });
  afterAll(async () => {
    await started?.close();
  });
  const get = (): EhrSession => {
    if (!started) throw new Error('the EHR session has not started (use it inside a test)');
    return started;
  };
  return {
    get server() {
      return get().server;
    },
    get session() {
      return get().session;
    },
  };
}
