// What a service sees of the job it runs in (ctx.job): a way to say how far it is, the user's cancel, and
// the moment it may write. Absent when a method runs on the calling thread (the CLI, tests): services
// then do the same work without reporting.
import { LedgerError } from '../../../shared/errors';

export interface JobControl {
  /** done of total (null while unknown); phase in Chinese (读取文件, 检查, 写入 …); unit: 行, 页, 条. */
  progress(done: number, total: number | null, phase?: string, unit?: string): void;
  readonly signal: AbortSignal;
  /**
   * Runs a write phase: waits until the backend has paused its own writes, then fn; the backend's
   * writes resume when fn settles. Everything the job writes goes inside one such phase.
   */
  writing<T>(fn: () => Promise<T> | T): Promise<T>;
}

export const CANCELLED_MESSAGE = '已取消，没有保存任何改动。';

/** Throws the cancellation when the user asked for it; call between batches of work. */
export function throwIfCancelled(job: JobControl | undefined): void {
  if (job?.signal.aborted) throw new LedgerError('CANCELLED', CANCELLED_MESSAGE);
}

/** Lets the worker's event loop take the cancel message in during a long synchronous stretch. */
export function breathe(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
