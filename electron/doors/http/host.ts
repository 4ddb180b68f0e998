// The browser host: the built renderer plus the API contract over HTTP, on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Envelope } from '../../../shared/api/contract';
import type { Dispatch } from '../../services/dispatch';
import { contentType, staticFile } from '../static';
import { CONTENT_SECURITY_POLICY, checkHostAndOrigin, checkToken } from './security';

export interface BrowserHostOptions {
  dispatch: Dispatch;
  /** The built renderer (out/renderer); without it only the API is served. */
  rendererDir?: string;
  port?: number;
  /** For tests only; a random one is made per launch otherwise. */
  token?: string;
  /** The largest request body accepted, in bytes. */
  maxBody?: number;
}

export interface BrowserHost {
  url: string;
  /** The address to open: the token travels in the fragment, never to the server's logs. */
  openUrl: string;
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

function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startBrowserHost(opts: BrowserHostOptions): Promise<BrowserHost> {
  const token = opts.token ?? randomBytes(32).toString('hex');
  const maxBody = opts.maxBody ?? 64 * 1024 * 1024;
  let port = 0;

  const server = createServer(async (req, res) => {
    try {
      const gate = checkHostAndOrigin(req.headers, port);
      if (!gate.ok) return refuse(res, gate.status, gate.message);
      const url = req.url ?? '/';

      if (url.startsWith('/api/')) {
        if (req.method !== 'POST') return refuse(res, 405, '只接受 POST 请求。', 'INVALID_INPUT');
        const auth = checkToken(req.headers, token);
        if (!auth.ok) return refuse(res, auth.status, auth.message);
        const body = await readBody(req, maxBody);
        if (body === null) return refuse(res, 413, '请求内容过大。', 'INVALID_INPUT');
        let input: unknown;
        try {
          input = body.length ? JSON.parse(body.toString('utf8')) : {};
        } catch {
          return refuse(res, 400, '请求内容不是有效的 JSON。', 'INVALID_INPUT');
        }
        const method = decodeURIComponent(url.slice('/api/'.length).split('?')[0]!);
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
    openUrl: `${url}#token=${token}`,
    token,
    port,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
