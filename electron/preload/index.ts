// The page's one way into the shell: window.ledger.invoke(method, input), answered by the backend's
// dispatch with the contract's envelope. Nothing else of Electron or Node is exposed: no ipcRenderer, no
// file, no path, no shell. The method must be a name of the contract; the main process checks the sender
// and the input again (a page that calls ipc by another way still meets the contract's validation).
import { contextBridge, ipcRenderer } from 'electron';
import { isMethodName, type Envelope } from '../../shared/api/contract';

const invoke = (method: unknown, input: unknown): Promise<Envelope> =>
  typeof method === 'string' && isMethodName(method)
    ? (ipcRenderer.invoke('ledger:call', method, input) as Promise<Envelope>)
    : Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: '没有这个操作。' } });

contextBridge.exposeInMainWorld('ledger', Object.freeze({ invoke }));
