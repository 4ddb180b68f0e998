// Exposes exactly the contract's methods as window.ledger; each returns the backend's envelope.
import { contextBridge, ipcRenderer } from 'electron';
import { buildRawApi } from '../../shared/api/client';
import type { Envelope } from '../../shared/api/contract';

contextBridge.exposeInMainWorld(
  'ledger',
  buildRawApi((method, input) => ipcRenderer.invoke('ledger:call', method, input) as Promise<Envelope>),
);
