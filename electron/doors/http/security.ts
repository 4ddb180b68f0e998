// The browser host's gate: loopback Host, same-origin Origin, and the per-launch token on every call.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const TOKEN_HEADER = 'x-ledger-token';

/** The Content-Security-Policy both hosts send: no inline or eval'd script, nothing from elsewhere. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // AG Grid and React write style attributes and <style> tags at run time.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((h) => `http://${h}`);
}

export type GateResult = { ok: true } | { ok: false; status: number; message: string };

/** Host and Origin checks, for every request (defeats DNS rebinding and cross-site requests). */
export function checkHostAndOrigin(headers: IncomingHttpHeaders, port: number): GateResult {
  const host = headers.host ?? '';
  if (!allowedHosts(port).includes(host.toLowerCase()))
    return { ok: false, status: 403, message: `拒绝访问：主机名“${host.slice(0, 80)}”不是本机地址。` };
  const origin = headers.origin;
  if (origin !== undefined && !allowedOrigins(port).includes(origin.toLowerCase()))
    return { ok: false, status: 403, message: `拒绝访问：来源“${origin.slice(0, 80)}”不是本程序的页面。` };
  return { ok: true };
}

export function checkToken(headers: IncomingHttpHeaders, token: string): GateResult {
  const given = headers[TOKEN_HEADER];
  if (typeof given !== 'string' || given.length === 0)
    return { ok: false, status: 401, message: '拒绝访问：缺少访问令牌。请使用程序启动时显示的地址打开。' };
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (a.length !== b.length || !timingSafeEqual(a, b))
    return { ok: false, status: 401, message: '拒绝访问：访问令牌不正确。请使用程序启动时显示的地址打开。' };
  return { ok: true };
}
