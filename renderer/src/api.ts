// The typed client of the backend: window.ledger under Electron, the same contract over HTTP in the
// browser host. Pages use this and nothing else to reach data.
import { buildApi, type Transport } from '../../shared/api/client';
import type { Envelope, LedgerApi } from '../../shared/api/contract';

type RawLedger = Record<string, Record<string, (input: unknown) => Promise<Envelope>>>;

declare global {
  interface Window {
    ledger?: RawLedger;
  }
}

const TOKEN_KEY = 'ledger-token';

/** The browser host hands the token in the URL fragment; keep it for reloads, then hide it. */
function browserToken(): string {
  const m = /(?:^|[#&])token=([0-9a-f]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function ipcTransport(raw: RawLedger): Transport {
  return (method, input) => {
    const [group, fn] = method.split('.') as [string, string];
    return raw[group]![fn]!(input);
  };
}

function httpTransport(token: string): Transport {
  return async (method, input) => {
    let res: Response;
    try {
      res = await fetch(`/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Ledger-Token': token },
        body: JSON.stringify(input ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'INTERNAL', message: '无法连接到台账服务，请确认程序仍在运行。' } };
    }
    try {
      return (await res.json()) as Envelope;
    } catch {
      return {
        ok: false,
        error: { code: 'INTERNAL', message: `台账服务返回了无法识别的内容（HTTP ${res.status}）。` },
      };
    }
  };
}

export const api: LedgerApi = buildApi(window.ledger ? ipcTransport(window.ledger) : httpTransport(browserToken()));
