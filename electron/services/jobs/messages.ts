// The messages between the backend and a job's worker (a worker thread, or Electron's utilityProcess).
import type { Envelope } from '../../../shared/api/contract';

export type Task =
  | { kind: 'method'; method: string; input: unknown }
  /** What the hosts start themselves: the start-up and timed backups, the start-up audit check. */
  | { kind: 'backup'; backupKind: 'start' | 'auto' }
  | { kind: 'verify' };

export type ToWorker =
  { type: 'start'; dbPath: string; task: Task; clockOffsetMs: number } | { type: 'cancel' } | { type: 'write-granted' };

export type FromWorker =
  | { type: 'progress'; done: number; total: number | null; phase?: string; unit?: string }
  | { type: 'want-write' }
  | { type: 'write-done' }
  | { type: 'result'; envelope: Envelope };

/** One worker, whatever runs it: what the manager needs to talk to it and to stop it. */
export interface WorkerPort {
  post(message: ToWorker): void;
  onMessage(handler: (message: FromWorker) => void): void;
  /** Called once when the worker is gone, however it ended (with the error that ended it, if any). */
  onExit(handler: (code: number, error?: string) => void): void;
  kill(): void;
}

export type SpawnWorker = () => WorkerPort;
