/** Serves files on 127.0.0.1 for tests: tests/fixtures and chosen node_modules packages. */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

export const repoRoot = resolve(import.meta.dirname, '../..');

export interface StaticServer {
  /** `http://127.0.0.1:PORT` with no trailing slash. */
  readonly origin: string;
  url(path: string): string;
  close(): Promise<void>;
}

/**
 * Serves `/fixtures/...` from tests/fixtures and `/node_modules/...` from the
 * repo's node_modules. `host` lets a test serve a second origin for iframes.
 */
export async function startStaticServer(host = '127.0.0.1'): Promise<StaticServer> {
  const roots: Record<string, string> = {
    fixtures: join(repoRoot, 'tests/fixtures'),
    node_modules: join(repoRoot, 'node_modules'),
  };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const [, top, ...rest] = path.split('/');
    const root = top ? roots[top] : undefined;
    const file = root ? normalize(join(root, ...rest)) : undefined;
    if (!root || !file || !file.startsWith(root)) {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      if (!statSync(file).isFile()) throw new Error('not a file');
    } catch {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': types[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((ok) => server.listen(0, host, ok));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    url: (p) => `${origin}${p.startsWith('/') ? p : `/${p}`}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
