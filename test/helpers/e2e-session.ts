/**
 * The start most end-to-end tests share: the synthetic EHR pages served on 127.0.0.1, Chromium with the
 * built extension, code sets active, and the EHR site enabled as a user would (options page, permission).
 */
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
