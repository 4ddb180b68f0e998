// A worker thread of the document pool (pool.ts): parses the fonts it is given once, then renders each document it
// is sent and posts the PDF back. Nothing here touches the ledger: the pool's owner reads it and writes the files.
import { parentPort, workerData } from 'node:worker_threads';
import { LedgerError } from '../../../shared/errors';
import { loadFonts, type FontRole, type FontSource } from './fonts';
import { renderFields } from './ledger';
import type { FromRenderWorker, ToRenderWorker } from './pool';

const port = parentPort;
if (!port) throw new Error('render-worker started outside a worker thread');
const fonts = loadFonts((workerData as { sources: Record<FontRole, FontSource> }).sources);

port.on('message', (m: ToRenderWorker) => {
  renderFields(m.fields, fonts).then(
    (r) => port.postMessage({ id: m.id, ok: true, pdf: r.pdf, pages: r.pages } satisfies FromRenderWorker),
    (e: unknown) => {
      const err =
        e instanceof LedgerError
          ? e
          : new LedgerError('INTERNAL', `生成公文出错：${e instanceof Error ? e.message : String(e)}`);
      port.postMessage({ id: m.id, ok: false, error: err.toPayload() } satisfies FromRenderWorker);
    },
  );
});
