/**
 * A static file server on 127.0.0.1 for end-to-end tests and `npm start`: the project's fixtures at
 * `/`, and the shared corpus at `/corpus/` when ../shared exists. Nothing else is reachable.
 */
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

export const repoRoot = path.resolve(import.meta.dirname, '..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');
export const corpusDir = path.resolve(repoRoot, '..', 'shared', 'corpus', 'pages');

export interface Server {
  origin: string;
  url(p: string): string;
  close(): Promise<void>;
}

/** Serves `mounts` (URL prefix → folder) on 127.0.0.1 at a free port. */
export async function serve(
  mounts: Record<string, string> = { '/': fixturesDir, '/corpus/': corpusDir },
  port = 0,
): Promise<Server> {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const prefix = prefixes.find((p) => url.pathname.startsWith(p));
    const base = prefix ? mounts[prefix] : undefined;
    if (!prefix || !base) return void res.writeHead(404).end();
    const rel = decodeURIComponent(url.pathname.slice(prefix.length));
    const file = path.resolve(base, rel || 'index.html');
    if (
      !file.startsWith(path.resolve(base)) ||
      !fs.existsSync(file) ||
      fs.statSync(file).isDirectory()
    )
      return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const headers: Record<string, string> = {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    };
    // A fixture may ask for response headers (e.g. a strict CSP) in a sibling file.
    const extra = `${file}.headers.json`;
    if (fs.existsSync(extra)) Object.assign(headers, JSON.parse(fs.readFileSync(extra, 'utf8')));
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (p) => new URL(p, origin).href,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
