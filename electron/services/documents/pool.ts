// Many documents rendered at once by worker threads, one per core (more than two cores; see defaultWorkers): the 考核
// packet's report, cadres' files and 一览表.
// Jobs go out longest first (estimated pages) to whichever worker is free, so the cores finish together whatever the
// mix of one 2,000-page report and hundreds of 5-page files. Each worker parses the fonts once and keeps them for
// every job it is given. Where no worker can start (a host built without the worker file), the jobs are rendered
// here, one after another: the same documents, only slower.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import type { DocumentFields } from '../../../shared/api/documents';
import type { ErrorPayload } from '../../../shared/errors';
import { LedgerError } from '../../../shared/errors';
import { CANCELLED_MESSAGE } from '../jobs/control';
import { FONT_ROLES, type FontRole, type FontSet, type FontSource } from './fonts';
import { concatPdfs } from './concat';
import { renderFields } from './ledger';
import { renderPartPages, splitPlain } from './parts';
import type { EncodedPages } from './page-codec';
import { pipeline } from './pipeline';
import { checkPlain, layoutPlainPart, type PlainPart } from './plain';

export interface RenderJob {
  fields: DocumentFields;
  /** Estimated pages: the longest jobs are handed out first. */
  pages: number;
}

export interface Rendered {
  pdf: Buffer;
  pages: number;
}

/** Worker → pool: a PDF, a part's page count once laid out, or the error. */
export type FromRenderWorker =
  | { id: number; ok: true; pdf: Uint8Array; pages: number }
  | { id: number; ok: true; laidOut: number }
  | { id: number; ok: false; error: ErrorPayload };
/**
 * Pool → worker (the worker's workerData is `{ sources }`): a document to render; a part to lay out; the first page
 * number of a part laid out, to number and write it; pages laid out here to write (pipeline.ts), `end` with the last.
 */
export type ToRenderWorker =
  | { id: number; fields: DocumentFields }
  | { id: number; part: PlainPart }
  | { id: number; start: number }
  | { id: number; pages: EncodedPages; title: string; end: boolean };

/** The worker to start (worker-entry.ts), or null when there is none. */
export const renderWorkerEntry = (): string | null =>
  workerEntry(import.meta.url, 'render-worker.ts', 'render-boot.mjs', 'render-worker');

/**
 * How many workers a pool starts by default: one per core where there are more than two cores, else none (the jobs
 * are rendered on the calling thread). Each worker parses the fonts, compiles the engine, collects its own heap and
 * breaks every recurring line again (layout.ts remembers lines per thread: in the 500-cadre 考核 packet each of two
 * workers broke 10,300–11,300 lines anew, one thread 10,445 in all), and V8's collector threads serve three heaps: on a
 * 2-core machine two workers took 19.6 s against one thread's 14.1 s, 15.2 s against 10.7–11.2 s (issue 13), and 45–70 %
 * more CPU (user + sys) in the runs measured for this. Not measured on more than two cores: there a worker per core is kept.
 */
export const defaultWorkers = (cores: number = availableParallelism()): number => (cores > 2 ? cores : 1);

/**
 * Whether a pool without workers lays the documents out here and has one worker write them (pipeline.ts) by default:
 * on two cores, where two workers each doing both lose (above). On one core the second thread has nothing to run on.
 */
export const defaultPipeline = (cores: number = availableParallelism()): boolean => cores === 2;

/** The order jobs are handed out: most pages first; equal estimates keep their order. */
export function longestFirst(jobs: readonly { pages: number }[]): number[] {
  return jobs
    .map((j, i) => [j.pages, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, i]) => i);
}

/**
 * Starts `count` workers ahead of their jobs (none when no worker file; one for a pipeline): their start — loading the
 * engine, parsing the fonts — then overlaps the caller's own work (the packet's evaluation). Hand them to renderAll
 * (`started`); the caller ends them if it never gets that far.
 */
export function startWorkers(fonts: FontSet, count: number, entry: string | null = renderWorkerEntry()): Worker[] {
  if (count < 1 || !entry) return [];
  const sources = sourcesOf(fonts);
  return Array.from({ length: count }, () => {
    const w = new Worker(entry, { workerData: { sources } });
    // Until renderAll listens: an early failure must neither crash the process nor go unnoticed.
    w.on('error', () => undefined);
    w.once('exit', () => ended.add(w));
    return w;
  });
}
const ended = new WeakSet<Worker>();

const sourcesOf = (fonts: FontSet): Record<FontRole, FontSource> =>
  Object.fromEntries(FONT_ROLES.map((r) => [r, fonts[r].source])) as Record<FontRole, FontSource>;

/** A part of a document cut into parts has at least this many estimated pages. */
const MIN_PART = 40;

/**
 * The jobs to cut into parts for `workers` workers, with their parts: a plain document longer than one worker's share
 * of the pages (all jobs' estimated pages ÷ the workers) is cut into parts of half that share (at least MIN_PART);
 * `partPages` (tests) sets both. A document within its share is left whole (see renderAll).
 */
export function cutLong(jobs: readonly RenderJob[], workers: number, partPages?: number): Map<number, PlainPart[]> {
  const perWorker = jobs.reduce((a, j) => a + j.pages, 0) / Math.max(1, workers);
  const cutAbove = partPages ?? perWorker;
  const share = partPages ?? Math.max(MIN_PART, perWorker / 2);
  const cuts = new Map<number, PlainPart[]>();
  jobs.forEach((j, i) => {
    const parts = j.fields.layout === 'plain' && j.pages > cutAbove ? splitPlain(j.fields, share) : null;
    if (parts) cuts.set(i, parts);
  });
  return cuts;
}

/**
 * Renders every job, calling `done(index, result)` as each finishes (in any order; `done` may write the file and
 * report progress, and a throw from it — a cancel — stops the pool). Resolves when all are done; rejects on the
 * first error, a cancel (`signal`) or a throw from `done`, ending every worker. Gives how many worker threads
 * rendered at least one document (0: all were rendered on this thread).
 *
 * With workers, a plain document longer than one worker's share of the pages (the jobs' pages ÷ the workers, or
 * `partPages`) would keep its worker busy after the others have finished everything else: it is cut into parts of
 * half that share (parts.ts), laid out and written by several workers at once and joined into one PDF (concat.ts), so
 * the work is balanced by pages, not by files. A document within its share is not cut: the other workers' files fill
 * the same time, and a cut only adds work (each part subsets the fonts again; the join). Parts go out first and in
 * order, so a part waiting for the page count of the parts before it only ever waits for parts being laid out.
 */
export async function renderAll(
  jobs: readonly RenderJob[],
  o: {
    fonts: FontSet;
    workers?: number;
    signal?: AbortSignal;
    done: (index: number, r: Rendered) => void | Promise<void>;
    /** The worker file (tests); default renderWorkerEntry(). */
    entry?: string | null;
    /** Workers already started (startWorkers); used instead of starting new ones. */
    started?: Worker[];
    /** Estimated pages of a part of a long document (tests); default: a share of the whole (see above). */
    partPages?: number;
    /**
     * Without workers (one or none ready, or `workers` ≤ 1): lay the documents out here and have one worker write
     * them (pipeline.ts; `started` may hold it). Default: defaultPipeline() when neither `workers` nor `started` is given.
     */
    pipeline?: boolean;
  },
): Promise<{ workers: number }> {
  const ready = (o.started ?? []).filter((w) => !ended.has(w));
  const size = Math.min(o.started ? ready.length : (o.workers ?? defaultWorkers()), jobs.length);
  const piped = o.pipeline ?? (!o.started && o.workers === undefined && defaultPipeline());
  if (size <= 1 && piped && jobs.length > 1) {
    const file = o.entry === undefined ? renderWorkerEntry() : o.entry;
    const worker = ready[0] ?? (file ? new Worker(file, { workerData: { sources: sourcesOf(o.fonts) } }) : null);
    for (const w of ready.slice(1)) void w.terminate();
    if (worker) return pipeline(jobs, longestFirst(jobs), { ...o, worker }).finally(() => void worker.terminate());
  }
  for (const w of ready.slice(Math.max(0, size))) void w.terminate();
  const entry = size > 1 ? (o.started ? 'started' : o.entry === undefined ? renderWorkerEntry() : o.entry) : null;
  if (!entry) {
    for (const w of ready) void w.terminate();
    for (const i of longestFirst(jobs)) {
      if (o.signal?.aborted) throw new LedgerError('CANCELLED', CANCELLED_MESSAGE);
      await o.done(i, await renderFields(jobs[i]!.fields, o.fonts));
    }
    return { workers: 0 };
  }

  // What the workers are given: whole documents, and the parts of the long ones.
  const groups = new Map<number, Group>();
  const tasks: Task[] = [];
  const wholes: number[] = [];
  const cuts = cutLong(jobs, size, o.partPages);
  for (const i of longestFirst(jobs)) {
    const parts = cuts.get(i);
    if (!parts) {
      wholes.push(i);
      continue;
    }
    groups.set(i, { parts, counts: [], starts: [1], waiting: new Map(), pdfs: [], left: parts.length });
    parts.forEach((_, k) => tasks.push({ job: i, part: k }));
  }
  for (const i of wholes) tasks.push({ job: i });
  const queue = tasks.map((_, t) => t);

  const served = new Set<Worker>();
  const workers: Worker[] = [];
  const sources = sourcesOf(o.fonts);
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    let pending = jobs.length;
    /** Work of workers that could not start or died: finished here. */
    const orphans: number[] = [];
    let alive = 0;
    let local = false;
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      reject(e);
    };
    const finish = async (i: number, r: Rendered) => {
      try {
        await o.done(i, r);
        if (--pending === 0) resolve();
      } catch (e) {
        fail(e);
      }
    };
    /** Each part whose pages before it are all counted learns its first page number; a waiting worker goes on. */
    const advance = (g: Group) => {
      for (let k = 1; k < g.parts.length && g.counts[k - 1] !== undefined; k++)
        g.starts[k] = g.starts[k - 1]! + g.counts[k - 1]!;
      for (const [k, { worker, task }] of g.waiting)
        if (g.starts[k] !== undefined) {
          g.waiting.delete(k);
          worker.postMessage({ id: task, start: g.starts[k]! } satisfies ToRenderWorker);
        }
    };
    const partDone = async (t: number, r: Rendered) => {
      const { job, part } = tasks[t]!;
      const g = groups.get(job)!;
      g.pdfs[part!] = r.pdf;
      if (--g.left > 0) return;
      let pdf: Buffer;
      try {
        pdf = concatPdfs(g.pdfs);
      } catch (e) {
        return fail(e);
      }
      await finish(job, { pdf, pages: g.counts.reduce((a, n) => a + n, 0) });
    };
    /** A part's error: the whole document's own message where it has one (it names every character, not a part's). */
    const partFailed = (t: number, e: LedgerError) => {
      try {
        const f = jobs[tasks[t]!.job]!.fields;
        if (f.layout === 'plain') checkPlain(f, o.fonts);
      } catch (whole) {
        return fail(whole);
      }
      fail(e);
    };
    const runHere = async (t: number) => {
      const { job, part } = tasks[t]!;
      if (part === undefined) return finish(job, await renderFields(jobs[job]!.fields, o.fonts));
      const g = groups.get(job)!;
      g.waiting.delete(part);
      const pages = layoutPlainPart(g.parts[part]!, o.fonts);
      g.counts[part] = pages.length;
      // The parts before it that no worker has counted yet are laid out here to count them.
      for (let k = 0; k < part; k++) g.counts[k] ??= layoutPlainPart(g.parts[k]!, o.fonts).length;
      advance(g);
      await partDone(t, await renderPartPages(pages, g.parts[part]!.title, g.starts[part]!, o.fonts));
    };
    const renderLocally = async () => {
      if (local) return;
      local = true;
      while (!failed && (orphans.length || (alive === 0 && queue.length))) {
        const t = orphans.shift() ?? queue.shift()!;
        try {
          await runHere(t);
        } catch (e) {
          if (e instanceof LedgerError && tasks[t]!.part !== undefined) partFailed(t, e);
          else fail(e);
        }
      }
      local = false;
    };
    o.signal?.addEventListener('abort', () => fail(new LedgerError('CANCELLED', CANCELLED_MESSAGE)), {
      once: true,
    });
    for (let k = 0; k < size; k++) {
      let current: number | null = null;
      const w = o.started ? ready[k]! : new Worker(entry, { workerData: { sources } });
      workers.push(w);
      alive++;
      const next = () => {
        current = queue.shift() ?? null;
        if (current === null) return;
        const { job, part } = tasks[current]!;
        w.postMessage(
          (part === undefined
            ? { id: current, fields: jobs[job]!.fields }
            : { id: current, part: groups.get(job)!.parts[part]! }) satisfies ToRenderWorker,
        );
      };
      w.on('message', (m: FromRenderWorker) => {
        if (failed) return;
        if (!m.ok) {
          const e = new LedgerError(m.error.code, m.error.message, m.error.issues, m.error.issueTotal);
          return tasks[m.id]!.part !== undefined ? partFailed(m.id, e) : fail(e);
        }
        if ('laidOut' in m) {
          const { job, part } = tasks[m.id]!;
          const g = groups.get(job)!;
          g.counts[part!] = m.laidOut;
          g.waiting.set(part!, { worker: w, task: m.id });
          return advance(g);
        }
        const pdf = Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength);
        served.add(w);
        const t = m.id;
        current = null;
        next();
        void (tasks[t]!.part !== undefined
          ? partDone(t, { pdf, pages: m.pages })
          : finish(tasks[t]!.job, { pdf, pages: m.pages }));
      });
      const lost = () => {
        if (failed || !workers.includes(w)) return;
        workers.splice(workers.indexOf(w), 1);
        alive--;
        if (current !== null) orphans.push(current);
        current = null;
        if (alive === 0 || orphans.length) void renderLocally();
      };
      w.on('error', lost);
      w.on('exit', lost);
      next();
    }
  }).finally(() => {
    for (const w of workers.splice(0)) void w.terminate();
  });
  return { workers: served.size };
}

/** What a worker is given: a whole document (`part` undefined) or one part of a document cut in parts. */
interface Task {
  job: number;
  part?: number;
}

/** A document cut in parts, as its parts come back. */
interface Group {
  parts: PlainPart[];
  /** Pages of each part laid out so far. */
  counts: number[];
  /** First page number of each part, known once every part before it is counted. */
  starts: number[];
  /** Parts laid out whose worker waits for their first page number. */
  waiting: Map<number, { worker: Worker; task: number }>;
  pdfs: Buffer[];
  left: number;
}
