// A large workbook's sheets read by a worker thread (xlsx-worker.ts) while this thread checks and writes the rows
// already read: the reading (unzipping and scanning the sheet XML) is about a third of an import's work, and the two
// halves then run side by side on two cores. This thread keeps the one shared strings table (read here while the
// worker starts) and looks up the indices the worker posts (xlsx-rows.ts), so the worker holds none of the text.
// The visitor sees the same calls, in the same order, as from streamXlsxCells on this thread; the worker stays at
// most a few batches ahead (the rows in flight are bounded).
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import {
  CellRows,
  LIMITS,
  openBook,
  streamXlsxCells,
  WorkbookTooLarge,
  type RowBuilder,
  type SheetVisitor,
} from './xlsx-reader';
import { decodeRows, type RowBatch } from './xlsx-rows';

export interface XlsxWorkerData {
  buf: Uint8Array;
  batchRows: number;
  /** Batches the worker may post before this thread has taken them. */
  ahead: number;
  /** [batches posted, batches taken] (Int32 each). */
  flow: SharedArrayBuffer;
}

/** What to read, posted once the workbook has been measured (checkUnpackedSize). */
export interface ToXlsxWorker {
  rowCounts?: Map<string, number>;
  /** The sheets' read order (normalized names, first first; others after, in the workbook's order). */
  order?: { names: string[] };
}

export type FromXlsxWorker =
  | { t: 'sheet'; sheet: Parameters<SheetVisitor>[0] }
  | { t: 'rows'; batch: RowBatch }
  | { t: 'done' }
  | { t: 'error'; tooLarge: boolean; message: string };

/** From `from` bytes (packed) a workbook is read by a worker: below it, starting one costs more than it saves. */
export const READER_THREAD = { from: 1024 * 1024 };

/** The worker to start (worker-entry.ts), or null when there is none. */
export const readerWorkerEntry = (): string | null =>
  workerEntry(import.meta.url, 'xlsx-worker.ts', 'xlsx-boot.mjs', 'xlsx-worker');

let running = 0;
/** Reader threads started and not yet exited (tests: a failed or cancelled read leaves none behind). */
export const readerThreads = () => running;

/** A reader thread started before the workbook is measured (it starts while checkUnpackedSize runs). */
export interface ReaderThread {
  /** streamXlsxCells on the thread (see streamWorkbookCells); call once. */
  read(
    visit: SheetVisitor,
    rowCounts: Map<string, number> | undefined,
    order: { names: string[]; rank: (name: string) => number } | undefined,
  ): Promise<void>;
  /** Ends the thread unused (the workbook was refused before its rows); resolves once it has exited. */
  stop(): Promise<void>;
}

/** The default: a worker when the workbook is large, there is more than one core and the worker's file is there. */
const defaultEntry = (buf: Buffer) =>
  buf.length >= READER_THREAD.from && availableParallelism() > 1 ? readerWorkerEntry() : null;

/**
 * Starts the reader's worker for `buf` (null: `entry` is null, read on this thread instead). It waits for read(): what
 * it is to read, in what order. Its startup runs side by side with what this thread does meanwhile.
 */
export function startReader(buf: Buffer, entry: string | null = defaultEntry(buf)): ReaderThread | null {
  if (!entry) return null;
  const flow = new SharedArrayBuffer(8);
  const counter = new Int32Array(flow);
  // The file shared with the worker: read into shared memory already (workbookBytes), else copied there once.
  let shared: Uint8Array;
  if (buf.buffer instanceof SharedArrayBuffer) shared = new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
  else {
    shared = new Uint8Array(new SharedArrayBuffer(buf.length));
    shared.set(buf);
  }
  const data: XlsxWorkerData = { buf: shared, batchRows: 256, ahead: 8, flow };
  // A small young generation: the worker's garbage is short-lived, and its heap is memory the import adds (2 MB:
  // peak RSS of the 100k bench import 201–203 MB, at 8 MB 212–215).
  const worker = new Worker(entry, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 2 } });
  running++;
  let outcome: { error?: unknown } | null = null;
  let settle: (() => void) | null = null;
  let gone = false;
  const exited = new Promise<void>((resolve) => {
    worker.on('exit', (code) => {
      running--;
      gone = true;
      end(new Error(`读取工作簿的线程意外退出（${code}）`));
      resolve();
      settle?.();
    });
  });
  const end = (error?: unknown) => {
    if (outcome) return;
    outcome = error === undefined ? {} : { error };
    void worker.terminate();
  };
  worker.on('error', (e) => end(e));
  return {
    stop() {
      end();
      return exited;
    },
    read(visit, rowCounts, order) {
      return new Promise<void>((resolve, reject) => {
        settle = () => (outcome && 'error' in outcome ? reject(outcome.error) : resolve());
        if (gone) return settle();
        if (outcome) return;
        worker.postMessage({
          ...(rowCounts ? { rowCounts } : {}),
          ...(order ? { order: { names: order.names } } : {}),
        } satisfies ToXlsxWorker);
        // Read here while the worker starts: the only copy of the workbook's shared text.
        let table: string[] = [];
        try {
          table = openBook(buf).sharedStrings();
        } catch (e) {
          end(e);
        }
        const left = { left: LIMITS.rows };
        let rows: RowBuilder | null = null;
        const taken = () => {
          Atomics.add(counter, 1, 1);
          Atomics.notify(counter, 1);
        };
        worker.on('message', (m: FromXlsxWorker) => {
          if (outcome) return;
          try {
            if (m.t === 'sheet') rows = new CellRows(m.sheet.name, table, left, visit(m.sheet));
            else if (m.t === 'rows') {
              decodeRows(m.batch, rows!);
              // Taken, said after this turn of the event loop: a port drains its queue before others are heard,
              // and a worker refilled at once would keep it full (a job's cancel waited thousands of rows).
              setImmediate(taken);
            } else if (m.t === 'done') end();
            else end(m.tooLarge ? new WorkbookTooLarge(m.message) : new Error(m.message));
          } catch (e) {
            end(e);
          }
        });
      });
    },
  };
}

/**
 * streamXlsxCells, by a worker thread when the workbook is large, there is more than one core and the worker's file is
 * there (`entry`: tests); else on this thread. `order` ranks the sheets as streamXlsxCells's `rank` would (a name's
 * place in the list after normalizing, the others last). Settles once the worker has exited. What `visit` or a row
 * receiver throws stops the worker and comes through as it is; the reader's own failures come through with their
 * message (as a WorkbookTooLarge when they were one).
 */
export function streamWorkbookCells(
  buf: Buffer,
  visit: SheetVisitor,
  rowCounts: Map<string, number> | undefined,
  order: { names: string[]; rank: (name: string) => number } | undefined,
  entry: string | null = defaultEntry(buf),
): Promise<void> {
  const reader = startReader(buf, entry);
  return reader ? reader.read(visit, rowCounts, order) : streamXlsxCells(buf, visit, rowCounts, order?.rank);
}
