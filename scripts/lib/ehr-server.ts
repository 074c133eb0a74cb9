/**
 * A tiny static server for the synthetic EHR pages (test/fixtures/ehr), on 127.0.0.1, on two ports:
 * a page from one port framing a page from the other is cross-origin. `%OTHER_ORIGIN%` in an HTML
 * file becomes the other port's origin. Nothing but files under the fixture folder is served.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

export const EHR_FIXTURES = resolve(import.meta.dirname, '../../test/fixtures/ehr');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

export interface EhrServer {
  /** http://127.0.0.1:<port> of the first server. */
  origin: string;
  /** The second server: another origin for cross-origin frames. */
  otherOrigin: string;
  url(path: string): string;
  otherUrl(path: string): string;
  /** Paths requested, in order, per origin. */
  served: Array<{ origin: string; path: string }>;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port));
  });
}

export async function startEhrServer(root = EHR_FIXTURES): Promise<EhrServer> {
  const servers: Server[] = [];
  const served: EhrServer['served'] = [];
  const origins: string[] = [];
  for (let i = 0; i < 2; i++) {
    const index = i;
    const server = createServer((req, res) => {
      void (async () => {
        const origin = origins[index] ?? '';
        const other = origins[1 - index] ?? '';
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
        served.push({ origin, path });
        const file = resolve(root, `.${path.endsWith('/') ? `${path}index.html` : path}`);
        if (file !== root && !file.startsWith(root + sep)) {
          res.writeHead(403).end();
          return;
        }
        try {
          let body: Buffer | string = await readFile(file);
          const type = TYPES[extname(file)] ?? 'application/octet-stream';
          if (type.startsWith('text/html')) body = body.toString('utf8').replaceAll('%OTHER_ORIGIN%', other).replaceAll('%ORIGIN%', origin);
          res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
          res.end(body);
        } catch {
          res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        }
      })();
    });
    const port = await listen(server);
    servers.push(server);
    origins.push(`http://127.0.0.1:${port}`);
  }
  const [origin = '', otherOrigin = ''] = origins;
  return {
    origin,
    otherOrigin,
    url: (path) => `${origin}/${path.replace(/^\//, '')}`,
    otherUrl: (path) => `${otherOrigin}/${path.replace(/^\//, '')}`,
    served,
    close: () =>
      Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((done) => {
              s.closeAllConnections?.();
              s.close(() => done());
            }),
        ),
      ).then(() => undefined),
  };
}
