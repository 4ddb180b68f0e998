// The browser host lets in only the page it served: loopback Host, same Origin, the session it handed over
// through a one-time address (an HttpOnly, SameSite=Strict cookie), never a secret in an address or on a command line.
// Every request here goes to 127.0.0.1.
import { request } from 'node:http';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { startBrowserHost, type BrowserHost } from '../../electron/doors/http/host';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();
let backend: Backend;
let host: BrowserHost;

beforeAll(async () => {
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>台账</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  backend = await openBackend(tempDbPath(dir));
  host = await startBrowserHost({ dispatch: backend.dispatch, rendererDir });
});
afterAll(async () => {
  await host.close();
  backend.close();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

type SendOptions = { method?: string; headers?: Record<string, string>; body?: string; chunked?: boolean };
const send = (path: string, opts: SendOptions = {}) => sendTo(host.port, path, opts);

function sendTo(port: number, path: string, opts: SendOptions = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers = { ...opts.headers, ...(opts.chunked ? { 'Transfer-Encoding': 'chunked' } : {}) };
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'POST', headers, timeout: 5000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    if (opts.chunked && opts.body) {
      // In pieces, so that the limit is passed while reading.
      for (let i = 0; i < opts.body.length; i += 512) req.write(opts.body.slice(i, i + 512));
      req.end();
    } else req.end(opts.body);
  });
}

const good = () => ({
  Host: `127.0.0.1:${host.port}`,
  Origin: `http://127.0.0.1:${host.port}`,
  'X-Ledger-Token': host.token,
  'Content-Type': 'application/json',
});

describe('the browser host', () => {
  it('listens on 127.0.0.1 alone', () => {
    const addr = host.server.address();
    expect(addr).toMatchObject({ address: '127.0.0.1', family: 'IPv4' });
  });

  it('answers a call with the right token, Host and Origin', async () => {
    const r = await send('/api/cadres.list', { headers: good(), body: '{}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ ok: true, value: [] });
  });

  it('refuses a call without the token or the session', async () => {
    const { 'X-Ledger-Token': _, ...headers } = good();
    const r = await send('/api/cadres.create', { headers, body: JSON.stringify({ name: '入侵者' }) });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.message).toContain('没有登录');
    expect(backend.db.sqlite.prepare('SELECT count(*) AS n FROM cadres').get()).toEqual({ n: 0 });
  });

  it('refuses a call with a wrong token', async () => {
    const r = await send('/api/cadres.list', { headers: { ...good(), 'X-Ledger-Token': 'f'.repeat(64) }, body: '{}' });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.message).toContain('访问令牌不正确');
  });

  it('refuses a call from a foreign Origin, even with the token', async () => {
    const r = await send('/api/cadres.create', {
      headers: { ...good(), Origin: 'http://evil.example' },
      body: JSON.stringify({ name: '入侵者' }),
    });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error.message).toContain('来源“http://evil.example”不是本程序的页面');
    expect(backend.db.sqlite.prepare('SELECT count(*) AS n FROM cadres').get()).toEqual({ n: 0 });
  });

  it('refuses a foreign Host header (DNS rebinding), for pages and calls alike', async () => {
    const page = await send('/', { method: 'GET', headers: { Host: `evil.example:${host.port}` } });
    expect(page.status).toBe(403);
    const call = await send('/api/cadres.list', {
      headers: { ...good(), Host: `evil.example:${host.port}` },
      body: '{}',
    });
    expect(call.status).toBe(403);
  });

  it('serves the renderer with a strict Content-Security-Policy and never a file outside it', async () => {
    const page = await send('/', { method: 'GET', headers: { Host: `127.0.0.1:${host.port}` } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>台账</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt']) {
      const r = await send(path, { method: 'GET', headers: { Host: `127.0.0.1:${host.port}` } });
      expect(r.body).not.toContain('outside the renderer');
    }
  });

  it('logs a browser in through a one-time address exchanged for an HttpOnly, SameSite=Strict cookie', async () => {
    const open = host.openUrl;
    expect(open).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/open/[0-9a-f]+$`));
    expect(open).not.toContain(host.token);
    expect(host.openUrl).not.toBe(open); // a fresh address at each read
    const path = new URL(open).pathname;
    const first = await send(path, { method: 'GET', headers: { Host: `127.0.0.1:${host.port}` } });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Domain=/i);
    const session = cookie.split(';')[0]!;
    // The page's own call: the cookie and the page's header.
    const { 'X-Ledger-Token': _, ...page } = good();
    const call = await send('/api/cadres.list', {
      headers: { ...page, Cookie: session, 'X-Ledger-Request': '1' },
      body: '{}',
    });
    expect(call.status).toBe(200);
    // A form or image on another page cannot add the header; the cookie alone does not let it in.
    const forged = await send('/api/cadres.create', {
      headers: { ...page, Cookie: session },
      body: '{"name":"入侵者"}',
    });
    expect(forged.status).toBe(403);
    // The address works once: a second visit without the cookie is told so in Chinese, on a page.
    const again = await send(path, { method: 'GET', headers: { Host: `127.0.0.1:${host.port}` } });
    expect(again.status).toBe(403);
    expect(again.headers['content-type']).toContain('text/html');
    expect(again.body).toContain('这个地址已经用过或已经过期');
    expect(again.headers['set-cookie']).toBeUndefined();
    const wrongCookie = await send('/api/cadres.list', {
      headers: { ...page, Cookie: session.replace(/=.*/, `=${'0'.repeat(64)}`), 'X-Ledger-Request': '1' },
      body: '{}',
    });
    expect(wrongCookie.status).toBe(401);
    expect(backend.db.sqlite.prepare('SELECT count(*) AS n FROM cadres').get()).toEqual({ n: 0 });
  });

  it('starts the browser with a file only this user reads, which holds a one-time address and no secret', () => {
    const file = host.launchFile();
    expect(statSync(file).mode & 0o077).toBe(0);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/\/open\/[0-9a-f]+/);
    expect(html).not.toContain(host.token);
  });

  it('answers a body over the limit with 413 and a Chinese message, not a reset connection', async () => {
    const small = await startBrowserHost({ dispatch: backend.dispatch, maxBody: 1024 });
    try {
      const headers = {
        ...good(),
        Host: `127.0.0.1:${small.port}`,
        Origin: `http://127.0.0.1:${small.port}`,
        'X-Ledger-Token': small.token,
      };
      const big = JSON.stringify({ name: 'x'.repeat(5000) });
      const r = await sendTo(small.port, '/api/cadres.create', { headers, body: big });
      expect(r.status).toBe(413);
      expect(JSON.parse(r.body).error.message).toContain('请求内容过大');
      // Chunked, with no length announced: cut off while reading, still answered.
      const chunked = await sendTo(small.port, '/api/cadres.create', { headers, body: big, chunked: true });
      expect(chunked.status).toBe(413);
    } finally {
      await small.close();
    }
  });

  it('answers a bad percent-encoding in the method with 400, not 500', async () => {
    const r = await send('/api/cadres.li%E0%A4%A', { headers: good(), body: '{}' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).error.message).toContain('百分号编码');
  });

  it('refuses a body that is not JSON, and a call by GET', async () => {
    expect((await send('/api/cadres.list', { headers: good(), body: '{not json' })).status).toBe(400);
    expect((await send('/api/cadres.list', { method: 'GET', headers: good() })).status).toBe(405);
  });
});
