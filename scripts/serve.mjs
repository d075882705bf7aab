// A small static file server for the app and the tests. Serves the project root on 127.0.0.1,
// and answers only to a localhost name in the Host header (see `allowedHost`).
//   node scripts/serve.mjs            serves on PORT (default 8080) and prints the URL
//   import { startServer } from ...   starts one on a free port, for tests; close() stops it
import http from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/** Resolves a request path inside root, or null if it would leave it. */
function resolvePath(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  const file = path.resolve(root, '.' + (decoded.endsWith('/') ? decoded + 'index.html' : decoded));
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/** The names a local server answers to, besides `*.localhost` (RFC 6761 keeps those local). */
const LOCAL_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

/** A Host header: a name or IPv4 address, or an IPv6 address in brackets; then maybe a port. */
const HOST_HEADER = /^(?<name>[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/;

/**
 * Whether a request's Host header names this server: a localhost name or one of `hosts`, with or
 * without a port. Anything else, or no Host at all (HTTP/1.0), may be a page on another site that
 * rebound its name to this machine (DNS rebinding) to read what is served here, so it is refused.
 */
function allowedHost(host, hosts) {
  const name = HOST_HEADER.exec(String(host ?? '').toLowerCase())?.groups.name;
  if (!name) return false;
  return LOCAL_HOSTS.includes(name) || /^([a-z0-9-]+\.)+localhost$/.test(name) || hosts.includes(name);
}

/**
 * Creates (does not start) a server for `root`. `headers` are added to every response,
 * e.g. a Content-Security-Policy for a test. `hosts` are names or addresses it answers to besides
 * the localhost ones (the LAN address, were it to listen on one).
 */
export function createServer({ root = ROOT, headers = {}, hosts = [] } = {}) {
  const extra = hosts.map((h) => String(h).toLowerCase());
  return http.createServer(async (req, res) => {
    if (!allowedHost(req.headers.host, extra)) {
      res.writeHead(421, {
        'Content-Type': 'text/plain; charset=utf-8',
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        Connection: 'close',
      });
      res.end(`421 Misdirected Request: this server answers only to localhost, 127.0.0.1 and [::1]${
        extra.length ? ` (and ${extra.join(', ')})` : ''
      }: the Host header of this request names none of them, and a page on another site could use such a name to read this server (DNS rebinding). Open the address that the server printed.\n`);
      return;
    }
    const file = resolvePath(root, req.url || '/');
    try {
      if (!file || !(await stat(file)).isFile()) throw new Error('not found');
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream',
        'Cache-Control': 'no-store',
        ...headers,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
    }
  });
}

/**
 * Starts a server on 127.0.0.1 (port 0: any free port); `hosts` as for createServer. Resolves to
 * { url, close }.
 */
export function startServer({ root = ROOT, port = 0, headers = {}, hosts = [] } = {}) {
  const server = createServer({ root, headers, hosts });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}/`,
        close: () => new Promise((done) => {
          server.closeAllConnections();
          server.close(() => done());
        }),
      });
    });
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const port = Number(process.env.PORT || 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not ${JSON.stringify(process.env.PORT)}`);
    process.exit(1);
  }
  startServer({ port })
    .then(({ url }) => console.log(`regularization-explorer is serving at ${url}  (Ctrl+C stops it)`))
    .catch((e) => {
      console.error(`could not serve on port ${port}: ${e.message}`);
      process.exit(1);
    });
}
