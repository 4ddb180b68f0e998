// The documents of a packet on two cores (pool.ts defaultPipeline): this thread lays each one out while one worker
// thread writes the PDF of the one before. Laying out (line breaking, tables, paging) and writing (drawing, fonts'
// subsets, deflating) are each about half the work, and the two threads share nothing but the pages posted: no line is
// broken twice and no font subset twice, as they are when two workers each do both (pool.ts defaultWorkers). A long
// document (the 考核 report) is laid out in parts (parts.ts), each posted as it is laid out, so the worker starts on
// it early; the worker adds them to one open PDF, the bytes one thread writes for the whole document.
import type { Worker } from 'node:worker_threads';
import type { DocumentFields } from '../../../shared/api/documents';
import { LedgerError } from '../../../shared/errors';
import { CANCELLED_MESSAGE, breathe } from '../jobs/control';
import type { FontSet } from './fonts';
import { layoutFields } from './ledger';
import type { Page } from './model';
import { encodePages } from './page-codec';
import { numberPages } from './pagenumbers';
import { splitPlain } from './parts';
import { renderPages } from './pdf';
import { checkPlain, layoutPlainPart } from './plain';
import type { FromRenderWorker, RenderJob, Rendered, ToRenderWorker } from './pool';

/** Estimated pages of a part of a long document: the worker's first part is ready after a few dozen pages. */
const PART_PAGES = 50;
/** Pages laid out but not yet written, at most (about): this thread waits beyond it rather than pile them up. */
const AHEAD = 600;

/**
 * Lays out the jobs here in the order given and has `worker` write them, calling `done(index, result)` as each PDF
 * comes back (a throw from it — a cancel — stops the pipeline). Should the worker fail to start or die, what it had
 * not written is written here. Gives how many worker threads wrote at least one document (0 or 1).
 */
export async function pipeline(
  jobs: readonly RenderJob[],
  order: readonly number[],
  o: {
    fonts: FontSet;
    worker: Worker;
    signal?: AbortSignal;
    done: (index: number, r: Rendered) => void | Promise<void>;
    /** Estimated pages of a part of a long document (tests); default PART_PAGES. */
    partPages?: number;
  },
): Promise<{ workers: number }> {
  const { fonts, worker } = o;
  if (!jobs.length) return { workers: 0 };
  /**
   * Pages posted, by document, until its PDF is back. Should the worker be lost, a document whose pages all went is
   * laid out and written here again (the pages are not kept: kept, they would outlive the collector's young space).
   */
  const posted = new Map<number, { pages: number; ended: boolean }>();
  let ahead = 0;
  let pending = jobs.length;
  let failure: { e: unknown } | null = null;
  let lost = false;
  let served = false;
  let wake: (() => void) | null = null;
  const rouse = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  let settle!: { resolve: () => void; reject: (e: unknown) => void };
  const finished = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
  finished.catch(() => undefined);
  const fail = (e: unknown) => {
    if (failure) return;
    failure = { e };
    settle.reject(e);
    rouse();
  };
  const finish = async (i: number, r: Rendered) => {
    ahead -= posted.get(i)?.pages ?? 0;
    posted.delete(i);
    rouse();
    try {
      await o.done(i, r);
      if (--pending === 0) settle.resolve();
    } catch (e) {
      fail(e);
    }
  };
  const writeHere = async (i: number) => {
    try {
      const f = jobs[i]!.fields;
      const pages = layoutFields(f, fonts);
      await finish(i, { pdf: await renderPages(pages, fonts, { title: f.title }), pages: pages.length });
    } catch (e) {
      fail(e);
    }
  };
  const post = (i: number, pages: Page[], end: boolean) => {
    let p = posted.get(i);
    if (!p) posted.set(i, (p = { pages: 0, ended: false }));
    p.pages += pages.length;
    p.ended = end;
    ahead += pages.length;
    if (lost) {
      if (end) void writeHere(i);
      return;
    }
    const encoded = encodePages(pages);
    worker.postMessage({ id: i, pages: encoded, title: jobs[i]!.fields.title, end } satisfies ToRenderWorker, [
      encoded.nums.buffer as ArrayBuffer,
    ]);
  };
  const onLost = () => {
    if (lost || failure) return;
    lost = true;
    for (const [i, p] of posted) if (p.ended) void writeHere(i);
  };
  worker.on('message', (m: FromRenderWorker) => {
    if (failure || lost) return;
    if (!m.ok) return fail(new LedgerError(m.error.code, m.error.message, m.error.issues, m.error.issueTotal));
    if (!('pdf' in m)) return;
    served = true;
    void finish(m.id, { pdf: Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength), pages: m.pages });
  });
  worker.on('error', onLost);
  worker.on('exit', onLost);
  o.signal?.addEventListener('abort', () => fail(new LedgerError('CANCELLED', CANCELLED_MESSAGE)), { once: true });

  for (const i of order) {
    if (failure) break;
    const f: DocumentFields = jobs[i]!.fields;
    const parts = f.layout === 'plain' ? splitPlain(f, o.partPages ?? PART_PAGES) : null;
    try {
      if (!parts) post(i, layoutFields(f, fonts), true);
      else
        for (let k = 0, first = 1; k < parts.length && !failure; k++) {
          const pages = layoutPlainPart(parts[k]!, fonts);
          numberPages(pages, fonts, undefined, first);
          first += pages.length;
          post(i, pages, k === parts.length - 1);
          await breathe();
        }
    } catch (e) {
      // A part's error: the whole document's own message (it names every character the fonts lack, not a part's).
      if (parts && e instanceof LedgerError && f.layout === 'plain')
        try {
          checkPlain(f, fonts);
        } catch (whole) {
          fail(whole);
        }
      fail(e);
      break;
    }
    // The worker's PDFs are taken in (files written, progress told) between documents.
    await breathe();
    while (ahead > AHEAD && !failure) await new Promise<void>((r) => (wake = r));
  }
  await finished;
  return { workers: served ? 1 : 0 };
}
