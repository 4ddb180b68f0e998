// The typed client of the backend: window.ledger under Electron, the same contract over HTTP in the
// browser host. Pages use this and nothing else to reach data.
import { buildApi, type Transport } from '../../shared/api/client';
import type { Envelope, LedgerApi } from '../../shared/api/contract';

/** What the Electron preload exposes: one bridge, answered with the contract's envelope. */
interface RawLedger {
  invoke(method: string, input: unknown): Promise<Envelope>;
}

declare global {
  interface Window {
    ledger?: RawLedger;
  }
}

/**
 * The browser host logs the page in with an HttpOnly session cookie (set when the one-time launch address
 * is opened): no secret is kept where script could read it. An address of the former kind (#token=…) is
 * cleared from the address bar.
 */
function forgetOldToken(): void {
  if (/(?:^|[#&])token=/.test(window.location.hash))
    history.replaceState(null, '', window.location.pathname + window.location.search);
  sessionStorage.removeItem('ledger-token');
}

function ipcTransport(raw: RawLedger): Transport {
  return (method, input) => raw.invoke(method, input);
}

function httpTransport(): Transport {
  return async (method, input) => {
    let res: Response;
    try {
      res = await fetch(`/api/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Ledger-Request': '1' },
        credentials: 'same-origin',
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

if (!window.ledger) forgetOldToken();
export const api: LedgerApi = buildApi(window.ledger ? ipcTransport(window.ledger) : httpTransport());
