// A worker thread that reads a workbook's sheets (xlsx-reader.ts scanSheets) while the thread that started it checks
// and writes the rows already read (xlsx-thread.ts). It only reads the file it is given, and posts the sheets and
// their rows in batches (xlsx-rows.ts: shared strings as indices — the table stays with the other thread); it never
// touches the ledger, and stops when the reading is done or fails.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { normalizeHeader } from './sheets';
import { openBook, scanSheets, WorkbookTooLarge } from './xlsx-reader';
import { RowEncoder } from './xlsx-rows';
import type { FromXlsxWorker, ToXlsxWorker, XlsxWorkerData } from './xlsx-thread';

if (!parentPort) throw new Error('xlsx-worker started outside a worker thread');
const port: MessagePort = parentPort;
const { buf, batchRows, ahead, flow } = workerData as XlsxWorkerData;
const counter = new Int32Array(flow);

/** Posts the rows encoded so far, once the reading thread has taken all but `ahead` of the batches posted before. */
const post = () => {
  if (!rows.rows) return;
  while (Atomics.load(counter, 0) - Atomics.load(counter, 1) >= ahead)
    Atomics.wait(counter, 1, Atomics.load(counter, 1), 1000);
  Atomics.add(counter, 0, 1);
  const batch = rows.take();
  port.postMessage({ t: 'rows', batch } satisfies FromXlsxWorker, [batch.nums.buffer as ArrayBuffer]);
};
const rows = new RowEncoder(batchRows, post);

async function read({ rowCounts, order }: ToXlsxWorker): Promise<void> {
  const rank = order
    ? (name: string) => {
        const i = order.names.indexOf(normalizeHeader(name));
        return i < 0 ? order.names.length : i;
      }
    : undefined;
  const file = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const book = openBook(file, rowCounts, rank);
  await scanSheets(
    file,
    book,
    rowCounts,
    (sheet) => {
      post();
      port.postMessage({ t: 'sheet', sheet } satisfies FromXlsxWorker);
      return () => {};
    },
    () => rows,
    // Smaller pieces than on the import's thread: the text in hand is most of what this thread holds.
    64 * 1024,
  );
  post();
}

// Started before the workbook is measured: it reads once told what to read.
port.once('message', (what: ToXlsxWorker) =>
  read(what).then(
    () => port.postMessage({ t: 'done' } satisfies FromXlsxWorker),
    (e: unknown) =>
      port.postMessage({
        t: 'error',
        tooLarge: e instanceof WorkbookTooLarge,
        message: e instanceof Error ? e.message : String(e),
      } satisfies FromXlsxWorker),
  ),
);
