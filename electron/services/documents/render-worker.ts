// A worker thread of the document pool (pool.ts): parses the fonts it is given once, then renders each document it
// is sent and posts the PDF back. A part of a long document (parts.ts) comes in two steps: it is laid out and its page
// count posted; its pages are numbered and written when the pool sends where they start (the pages of the parts
// before it). A document laid out by the pool's owner (pipeline.ts) comes as its pages, in one or more parts, added to
// one open PDF. Nothing here touches the ledger: the pool's owner reads it and writes the files.
import { parentPort, workerData } from 'node:worker_threads';
import { LedgerError } from '../../../shared/errors';
import { loadFonts, type FontRole, type FontSource } from './fonts';
import { renderFields } from './ledger';
import type { Page } from './model';
import { decodePages } from './page-codec';
import { renderPartPages } from './parts';
import { openPdf, type PdfWriter } from './pdf';
import { layoutPlainPart } from './plain';
import type { FromRenderWorker, ToRenderWorker } from './pool';

const port = parentPort;
if (!port) throw new Error('render-worker started outside a worker thread');
const fonts = loadFonts((workerData as { sources: Record<FontRole, FontSource> }).sources);
/** Parts laid out, waiting for their first page number. */
const laidOut = new Map<number, { pages: Page[]; title: string }>();

const failed = (id: number, e: unknown) => {
  const err =
    e instanceof LedgerError
      ? e
      : new LedgerError('INTERNAL', `生成公文出错：${e instanceof Error ? e.message : String(e)}`);
  port.postMessage({ id, ok: false, error: err.toPayload() } satisfies FromRenderWorker);
};
const rendered = (id: number, work: () => Promise<{ pdf: Buffer; pages: number }>) =>
  work().then(
    (r) => port.postMessage({ id, ok: true, pdf: r.pdf, pages: r.pages } satisfies FromRenderWorker),
    (e: unknown) => failed(id, e),
  );

/** Documents whose pages come in parts (pipeline.ts), open until their last part. */
const open = new Map<number, { pdf: PdfWriter; pages: number }>();

port.on('message', (m: ToRenderWorker) => {
  if ('fields' in m) void rendered(m.id, () => renderFields(m.fields, fonts));
  else if ('pages' in m) {
    try {
      let doc = open.get(m.id);
      if (!doc) open.set(m.id, (doc = { pdf: openPdf(fonts, { title: m.title }), pages: 0 }));
      const laid = decodePages(m.pages);
      doc.pdf.add(laid);
      doc.pages += laid.length;
      if (!m.end) return;
      open.delete(m.id);
      const { pdf, pages } = doc;
      void rendered(m.id, async () => ({ pdf: await pdf.end(), pages }));
    } catch (e) {
      open.delete(m.id);
      failed(m.id, e);
    }
  } else if ('part' in m) {
    try {
      const pages = layoutPlainPart(m.part, fonts);
      laidOut.set(m.id, { pages, title: m.part.title });
      port.postMessage({ id: m.id, ok: true, laidOut: pages.length } satisfies FromRenderWorker);
    } catch (e) {
      failed(m.id, e);
    }
  } else {
    const part = laidOut.get(m.id);
    laidOut.delete(m.id);
    if (!part) return failed(m.id, new Error('未排版的部分'));
    void rendered(m.id, () => renderPartPages(part.pages, part.title, m.start, fonts));
  }
});
