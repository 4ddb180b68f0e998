// The browser host lets in only the page it served: loopback Host, same Origin, the launch token.
// Every request here goes to 127.0.0.1.
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
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

function send(
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: host.port, path, method: opts.method ?? 'POST', headers: opts.headers, timeout: 5000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
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

  it('refuses a call without the token', async () => {
    const { 'X-Ledger-Token': _, ...headers } = good();
    const r = await send('/api/cadres.create', { headers, body: JSON.stringify({ name: '入侵者' }) });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body).error.message).toContain('缺少访问令牌');
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

  it('refuses a body that is not JSON, and a call by GET', async () => {
    expect((await send('/api/cadres.list', { headers: good(), body: '{not json' })).status).toBe(400);
    expect((await send('/api/cadres.list', { method: 'GET', headers: good() })).status).toBe(405);
  });
});
