// The static server (scripts/serve.mjs) without a browser: it answers only to localhost names, so
// that a web page cannot read what it serves by DNS rebinding (issue #13), and it serves nothing
// outside its root, however the path is spelled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { startServer } from '../../scripts/serve.mjs';

const SECRET = 'the secret next to the root';
const env = {};

// A root with one page, and beside it a file that must never be served.
before(async () => {
  env.dir = await mkdtemp(path.join(os.tmpdir(), 'serve-test-'));
  env.root = path.join(env.dir, 'site');
  await mkdir(path.join(env.root, 'sub'), { recursive: true });
  await writeFile(path.join(env.root, 'index.html'), '<!doctype html><title>root</title>');
  await writeFile(path.join(env.root, 'sub', 'page.txt'), 'inside');
  await writeFile(path.join(env.dir, 'secret.txt'), SECRET);
  env.server = await startServer({ root: env.root, hosts: ['192.168.1.20'] });
  env.port = Number(new URL(env.server.url).port);
});

after(async () => {
  await env.server?.close();
  if (env.dir) await rm(env.dir, { recursive: true, force: true });
});

/** GET `target` with this Host header (`null`: none at all); resolves to { status, body, type }. */
function get(target, host) {
  return new Promise((resolve, reject) => {
    const headers = host === null ? {} : { Host: host };
    const req = http.request(
      { host: '127.0.0.1', port: env.port, path: target, headers, setHost: false, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => { body += chunk; });
        res.on('end', () => resolve({ status: res.statusCode, body, type: res.headers['content-type'] }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Sends `request` as raw bytes (an HTTP/1.0 request, which needs no Host) and resolves to the
 * response's status (0 if none came within 5 s) and its text.
 */
function raw(request) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(env.port, '127.0.0.1', () => socket.write(request));
    let reply = '';
    socket.setEncoding('utf8');
    socket.setTimeout(5000, () => socket.destroy());
    socket.on('data', (chunk) => { reply += chunk; });
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(reply)?.[1] ?? 0), reply }));
    socket.on('error', reject);
  });
}

test('answers to localhost names, with or without the port', async () => {
  const port = env.port;
  for (const host of [
    `localhost:${port}`,
    'localhost',
    `127.0.0.1:${port}`,
    '127.0.0.1',
    `[::1]:${port}`,
    '[::1]',
    `app.localhost:${port}`,
    `LocalHost:${port}`,
    `192.168.1.20:${port}`,
  ]) {
    const { status, body } = await get('/', host);
    assert.equal(status, 200, `Host: ${host}`);
    assert.match(body, /<title>root<\/title>/, `Host: ${host}`);
  }
});

test('refuses any other Host with 421 and says why', async () => {
  const port = env.port;
  for (const host of [
    'evil.example',
    `evil.example:${port}`,
    `localhost.evil.example:${port}`,
    `127.0.0.1.evil.example:${port}`,
    `evillocalhost:${port}`,
    `evil.example@localhost:${port}`,
    `localhost:${port}@evil.example`,
    `localhost:notaport`,
    `[::1]evil:${port}`,
    `192.168.1.21:${port}`,
    `.localhost:${port}`,
    `a..localhost:${port}`,
    `localhost.:${port}`,
    '',
  ]) {
    const { status, body, type } = await get('/', host);
    assert.equal(status, 421, `Host: ${JSON.stringify(host)}`);
    assert.match(type, /^text\/plain/, `Host: ${JSON.stringify(host)}`);
    assert.match(body, /answers only to localhost.*DNS rebinding/, `Host: ${JSON.stringify(host)}: ${body}`);
    assert.doesNotMatch(body, /<title>/, `Host: ${JSON.stringify(host)}`);
  }
});

test('refuses a request with no Host header (HTTP/1.0 and HTTP/1.1)', async () => {
  const old = await raw('GET / HTTP/1.0\r\n\r\n');
  assert.equal(old.status, 421, old.reply);
  assert.doesNotMatch(old.reply, /<title>/);
  const current = await get('/', null);
  assert.ok(current.status >= 400 && current.status < 500, `status ${current.status}`);
  assert.doesNotMatch(current.body, /<title>/);
});

test('serves nothing outside its root, however the path is spelled', async () => {
  const host = `localhost:${env.port}`;
  for (const target of [
    '/../secret.txt',
    '/../../secret.txt',
    '/sub/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/..%2fsecret.txt',
    '/sub/%2e%2e/%2e%2e/secret.txt',
    '/%252e%252e/secret.txt',
    '/..%5csecret.txt',
    '/..\\secret.txt',
    '//../secret.txt',
    '/.%2e/secret.txt',
    'http://localhost/../../secret.txt',
    '/secret.txt%00.html',
    '/%E0%A4%A',
  ]) {
    const { status, body } = await get(target, host);
    assert.equal(status, 404, `GET ${target}`);
    assert.ok(!body.includes(SECRET), `GET ${target} leaked the file beside the root`);
  }
  // A path that climbs and comes back down stays inside, and is served.
  assert.equal((await get('/sub/../sub/page.txt', host)).body, 'inside');
  assert.equal((await get('/sub/%2e%2e/index.html', host)).status, 200);
});
