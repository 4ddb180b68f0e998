// Many documents rendered at once by worker threads, one per core: the 考核 packet's report, cadres' files and 一览表.
// Jobs go out longest first (estimated pages) to whichever worker is free, so the cores finish together whatever the
// mix of one 2,000-page report and hundreds of 5-page files. Each worker parses the fonts once and keeps them for
// every job it is given. Where no worker can start (a host built without the worker file), the jobs are rendered
// here, one after another: the same documents, only slower.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { DocumentFields } from '../../../shared/api/documents';
import type { ErrorPayload } from '../../../shared/errors';
import { LedgerError } from '../../../shared/errors';
import { CANCELLED_MESSAGE } from '../jobs/control';
import { FONT_ROLES, type FontRole, type FontSet, type FontSource } from './fonts';
import { renderFields } from './ledger';

export interface RenderJob {
  fields: DocumentFields;
  /** Estimated pages: the longest jobs are handed out first. */
  pages: number;
}

export interface Rendered {
  pdf: Buffer;
  pages: number;
}

/** Worker → pool. */
export type FromRenderWorker =
  { id: number; ok: true; pdf: Uint8Array; pages: number } | { id: number; ok: false; error: ErrorPayload };
/** Pool → worker (the worker's workerData is `{ sources }`). */
export interface ToRenderWorker {
  id: number;
  fields: DocumentFields;
}

/** The worker to start: the sources through tsx when they are here, else the file a build put beside this module. */
export function renderWorkerEntry(): string | null {
  const here = dirname(fileURLToPath(import.meta.url));
  const boot = join(here, 'render-boot.mjs');
  if (existsSync(join(here, 'render-worker.ts')) && existsSync(boot)) return boot;
  // Bundles put this module in a chunk (chunks/…) and the worker beside the entry points.
  for (const dir of [here, dirname(here)])
    for (const name of ['render-worker.mjs', 'render-worker.cjs', 'render-worker.js']) {
      const built = join(dir, name);
      if (existsSync(built)) return built;
    }
  return null;
}

/** How many workers a pool starts by default: one per core. */
export const defaultWorkers = (): number => Math.max(1, availableParallelism());

/** The order jobs are handed out: most pages first; equal estimates keep their order. */
export function longestFirst(jobs: readonly { pages: number }[]): number[] {
  return jobs
    .map((j, i) => [j.pages, i] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .map(([, i]) => i);
}

/**
 * Starts `count` workers ahead of their jobs (none when count ≤ 1 or no worker file): their start — loading the
 * engine, parsing the fonts — then overlaps the caller's own work (the packet's evaluation). Hand them to renderAll
 * (`started`); the caller ends them if it never gets that far.
 */
export function startWorkers(fonts: FontSet, count: number, entry: string | null = renderWorkerEntry()): Worker[] {
  if (count <= 1 || !entry) return [];
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

/**
 * Renders every job, calling `done(index, result)` as each finishes (in any order; `done` may write the file and
 * report progress, and a throw from it — a cancel — stops the pool). Resolves when all are done; rejects on the
 * first error, a cancel (`signal`) or a throw from `done`, ending every worker. Gives how many worker threads
 * rendered at least one document (0: all were rendered on this thread).
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
  },
): Promise<{ workers: number }> {
  const queue = longestFirst(jobs);
  const ready = (o.started ?? []).filter((w) => !ended.has(w));
  const size = Math.min(o.started ? ready.length : (o.workers ?? defaultWorkers()), jobs.length);
  for (const w of ready.slice(Math.max(0, size))) void w.terminate();
  const entry = size > 1 ? (o.started ? 'started' : o.entry === undefined ? renderWorkerEntry() : o.entry) : null;
  if (!entry) {
    for (const w of ready) void w.terminate();
    for (const i of queue) {
      if (o.signal?.aborted) throw new LedgerError('CANCELLED', CANCELLED_MESSAGE);
      await o.done(i, await renderFields(jobs[i]!.fields, o.fonts));
    }
    return { workers: 0 };
  }
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
    const renderLocally = async () => {
      if (local) return;
      local = true;
      while (!failed && (orphans.length || (alive === 0 && queue.length))) {
        const i = orphans.shift() ?? queue.shift()!;
        try {
          await finish(i, await renderFields(jobs[i]!.fields, o.fonts));
        } catch (e) {
          fail(e);
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
        if (current !== null) w.postMessage({ id: current, fields: jobs[current]!.fields } satisfies ToRenderWorker);
      };
      w.on('message', (m: FromRenderWorker) => {
        if (failed) return;
        if (!m.ok) return fail(new LedgerError(m.error.code, m.error.message, m.error.issues, m.error.issueTotal));
        const pdf = Buffer.from(m.pdf.buffer, m.pdf.byteOffset, m.pdf.byteLength);
        served.add(w);
        current = null;
        next();
        void finish(m.id, { pdf, pages: m.pages });
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
