// The browser host's gate: loopback Host, same-origin Origin, and the per-launch session on every call.
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

/** The session cookie's name: one per port, so that two ledgers open at once keep their own sessions. */
export const sessionCookieName = (port: number) => `ledger-session-${port}`;

/**
 * The session cookie: bound to the host that set it (127.0.0.1, no Domain), never readable by script
 * (HttpOnly), never sent with a request another site starts (SameSite=Strict), gone when the browser closes.
 */
export function sessionCookie(port: number, secret: string): string {
  return `${sessionCookieName(port)}=${secret}; Path=/; HttpOnly; SameSite=Strict`;
}

/** The page asks for data with this header: a form or an <img> elsewhere cannot send it. */
export const REQUEST_HEADER = 'x-ledger-request';

function cookieValue(headers: IncomingHttpHeaders, name: string): string | null {
  for (const part of (headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return null;
}

function same(given: string, secret: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A call is let in with the session cookie (the page, which also sends REQUEST_HEADER) or with the
 * secret in TOKEN_HEADER (a program the host itself started, e.g. the tests). The secret is never
 * printed, put in an address or on a command line.
 */
export function checkSession(headers: IncomingHttpHeaders, port: number, secret: string): GateResult {
  const given = headers[TOKEN_HEADER];
  if (typeof given === 'string' && given.length > 0)
    return same(given, secret)
      ? { ok: true }
      : { ok: false, status: 401, message: '拒绝访问：访问令牌不正确。请使用程序启动时打开的页面。' };
  const cookie = cookieValue(headers, sessionCookieName(port));
  if (cookie === null)
    return {
      ok: false,
      status: 401,
      message: '拒绝访问：没有登录。请使用程序启动时打开的页面，或在启动程序的窗口中按回车键取得新的地址。',
    };
  if (!same(cookie, secret))
    return {
      ok: false,
      status: 401,
      message: '拒绝访问：登录已失效（程序已重新启动）。请使用程序这次启动时打开的页面。',
    };
  if (headers[REQUEST_HEADER] !== '1')
    return { ok: false, status: 403, message: '拒绝访问：这个请求不是本程序的页面发出的。' };
  return { ok: true };
}
