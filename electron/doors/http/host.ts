// The browser host: the built renderer plus the API contract over HTTP, on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Envelope } from '../../../shared/api/contract';
import type { Dispatch } from '../../services/dispatch';
import { contentType, staticFile } from '../static';
import { CONTENT_SECURITY_POLICY, checkHostAndOrigin, checkSession, sessionCookie } from './security';

export interface BrowserHostOptions {
  dispatch: Dispatch;
  /** The built renderer (out/renderer); without it only the API is served. */
  rendererDir?: string;
  port?: number;
  /** The session secret, for tests only; a random one is made per launch otherwise. */
  token?: string;
  /** The largest request body accepted, in bytes. */
  maxBody?: number;
}

export interface BrowserHost {
  url: string;
  /**
   * A one-time address that logs a browser in (a fresh one at each read): it works once, within
   * LAUNCH_MINUTES, and is exchanged for the session cookie. The session secret itself is in no address.
   */
  readonly openUrl: string;
  /**
   * A file (readable by this user only) that sends the browser to a fresh one-time address: what the
   * system's browser is started with, so that no secret is on any command line (/proc/<pid>/cmdline).
   */
  launchFile(): string;
  /** The session secret, for a program the host started itself (TOKEN_HEADER); never printed. */
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

const COMMON_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function sendJson(res: ServerResponse, status: number, body: Envelope): void {
  res.writeHead(status, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  res.end(JSON.stringify(body));
}

function refuse(
  res: ServerResponse,
  status: number,
  message: string,
  code: 'FORBIDDEN' | 'INVALID_INPUT' | 'UNKNOWN_METHOD' = 'FORBIDDEN',
): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

/** How long a one-time launch address stays good. */
export const LAUNCH_MINUTES = 10;

/** A page for the person at the browser, in Chinese (never JSON). */
function sendPage(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(
    `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>联系群众工作台账</title><p>${text}</p></html>`,
  );
}

/**
 * Reads the body up to the limit; past it, stops reading and answers 413 itself (then closes the
 * connection), so that the caller gets a reply rather than a reset connection.
 */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      if (size > limit) return;
      size += c.length;
      if (size > limit) {
        tooLarge(res, limit);
        resolve(null);
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function tooLarge(res: ServerResponse, limit: number): void {
  res.shouldKeepAlive = false;
  res.writeHead(413, {
    ...COMMON_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'close',
  });
  const mb = Math.round(limit / 1024 / 1024);
  const body: Envelope = {
    ok: false,
    error: { code: 'INVALID_INPUT', message: `请求内容过大（超过 ${mb} MB），没有处理。文件太大时请拆分后再导入。` },
  };
  res.end(JSON.stringify(body), () => res.socket?.destroySoon());
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const maxBody = opts.maxBody ?? 64 * 1024 * 1024;
  let port = 0;
  /** One-time launch codes → when they stop working. */
  const launches = new Map<string, number>();
  const launchDir = { path: null as string | null };
  const mintLaunch = () => {
    const now = Date.now();
    for (const [c, until] of launches) if (until < now) launches.delete(c);
    const code = randomBytes(24).toString('hex');
    launches.set(code, now + LAUNCH_MINUTES * 60_000);
    return `http://127.0.0.1:${port}/open/${code}`;
  };

  const server = createServer(async (req, res) => {
    try {
      const gate = checkHostAndOrigin(req.headers, port);
      if (!gate.ok) return refuse(res, gate.status, gate.message);
      const url = req.url ?? '/';

      // A one-time launch address: exchanged for the session cookie, then the page itself.
      const launch = /^\/open\/([0-9a-f]{1,100})$/.exec(url.split('?')[0]!);
      if (launch) {
        const code = launch[1]!;
        const until = launches.get(code);
        launches.delete(code);
        const signedIn = checkSession({ ...req.headers, 'x-ledger-request': '1' }, port, token).ok;
        if ((until !== undefined && until >= Date.now()) || signedIn) {
          res.writeHead(303, {
            ...COMMON_HEADERS,
            Location: '/',
            'Cache-Control': 'no-store',
            ...(signedIn ? {} : { 'Set-Cookie': sessionCookie(port, token) }),
          });
          return res.end();
        }
        return sendPage(
          res,
          403,
          '这个地址已经用过或已经过期，不能再用来打开台账。请在启动程序的窗口中按回车键，取得一个新的地址。',
        );
      }

      if (url.startsWith('/api/')) {
        if (req.method !== 'POST') return refuse(res, 405, '只接受 POST 请求。', 'INVALID_INPUT');
        const auth = checkSession(req.headers, port, token);
        if (!auth.ok) return refuse(res, auth.status, auth.message);
        const declared = Number(req.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBody) return tooLarge(res, maxBody);
        const body = await readBody(req, res, maxBody);
        if (body === null) return;
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          return refuse(res, 400, '请求内容不是有效的 JSON。', 'INVALID_INPUT');
        }
        let method: string;
        try {
          method = decodeURIComponent(url.slice('/api/'.length).split('?')[0]!);
        } catch {
          return refuse(res, 400, '请求地址无效（百分号编码有误）。', 'INVALID_INPUT');
        }
        return sendJson(res, 200, await opts.dispatch(method, input));
      }

      if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(res, 405, '不支持的请求方法。', 'INVALID_INPUT');
      if (!opts.rendererDir) return refuse(res, 404, '界面文件未构建，请先运行 npm run build。', 'INVALID_INPUT');
      let file = staticFile(opts.rendererDir, url);
      if (file === null) return refuse(res, 404, '找不到该文件。', 'INVALID_INPUT');
      if (!existsSync(file) || !statSync(file).isFile()) file = join(opts.rendererDir, 'index.html');
      if (!existsSync(file)) return refuse(res, 404, '界面文件未构建，请先运行 npm run build。', 'INVALID_INPUT');
      res.writeHead(200, {
        ...COMMON_HEADERS,
        'Content-Type': contentType(file),
        'Cache-Control': file.endsWith('.html') ? 'no-store' : 'public, max-age=3600',
      });
      if (req.method === 'HEAD') return res.end();
      createReadStream(file).pipe(res);
    } catch (e) {
      refuse(res, 500, `服务器内部错误：${(e as Error).message}`, 'INVALID_INPUT');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Loopback only: nothing on the network can reach the ledger.
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    get openUrl() {
      return mintLaunch();
    },
    launchFile() {
      // mkdtemp makes the folder readable by this user alone; the file is too.
      launchDir.path ??= mkdtempSync(join(tmpdir(), 'ledger-open-'));
      const file = join(launchDir.path, `open-${randomBytes(6).toString('hex')}.html`);
      const to = mintLaunch();
      writeFileSync(
        file,
        `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${to}">` +
          `<title>联系群众工作台账</title><p>正在打开台账……</p></html>`,
        { mode: 0o600 },
      );
      return file;
    },
    token,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        if (launchDir.path) rmSync(launchDir.path, { recursive: true, force: true });
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
