// The 考核 packet for the 考核小组: the report, one PDF per cadre, the two 一览表 and the ledger workbook, in a folder.
// Written into a working folder that becomes the packet's folder only when everything is written: a cancel or a
// failure leaves nothing behind. Progress is reported per file when it runs as a job. The PDFs are rendered by a
// pool of worker threads, one per core where there are more than two (pool.ts defaultWorkers), the longest first, the
// report in parts written at once and joined (pool.ts); on two cores this thread lays them out and one worker writes
// them (pipeline.ts). This thread reads the ledger and writes files.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DocumentFields } from '../../../shared/api/documents';
import { auditHead, describeHead, recordAnchor } from '../audit-anchors';
import type { ServiceContext } from '../context';
import { breathe, throwIfCancelled } from '../jobs/control';
import type { FontSet } from './fonts';
import { evaluationReport, draftDocument } from './ledger';
import { estimatePages } from './parts';
import { defaultPipeline, defaultWorkers, renderAll, startWorkers, type RenderJob } from './pool';

export interface PacketFile {
  path: string;
  pages: number;
}

export interface PacketResult {
  dir: string;
  files: PacketFile[];
  pages: number;
  workbook: boolean;
  /** Worker threads that rendered PDFs (0: all rendered on the calling thread). */
  workers: number;
  /** The PDFs were laid out on the calling thread and written by a worker (pipeline.ts). */
  pipeline: boolean;
}

const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]/g, '');

export { estimatePages };

/** A document's pages to come, for handing out the longest first (a 公文 in the notice layout: a couple of pages). */
const estimateFields = (f: DocumentFields): number => (f.layout === 'plain' ? estimatePages(f.blocks) : 2);

export async function writePacket(
  ctx: ServiceContext,
  o: {
    year: number;
    out: string;
    fonts: FontSet;
    workbook?: (ctx: ServiceContext) => Promise<Buffer>;
    /**
     * Worker threads rendering the PDFs (default: pool.ts defaultWorkers); 1 renders them here, one after another,
     * unless `pipeline`.
     */
    workers?: number;
    /**
     * With no more than one worker: the documents are laid out here and one worker writes them (pipeline.ts). Default:
     * pool.ts defaultPipeline() (two cores) when `workers` is not given.
     */
    pipeline?: boolean;
    /** Estimated pages of a part of the report when workers write it in parts (tests; default: pool.ts's share). */
    partPages?: number;
  },
): Promise<PacketResult> {
  const job = ctx.job;
  const work = `${o.out}.正在生成`;
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, '干部'), { recursive: true });
  // The workers start now, loading the engine and fonts while this thread evaluates the year.
  const workers = o.workers ?? defaultWorkers();
  const piped = workers <= 1 && (o.pipeline ?? (o.workers === undefined && defaultPipeline()));
  const started = startWorkers(o.fonts, piped ? 1 : workers > 1 ? workers : 0);
  try {
    job?.progress(0, null, '统计', '个文件');
    const report = evaluationReport(ctx, { type: '考核', year: o.year });
    throwIfCancelled(job);
    // Every PDF of the packet as a job for the pool, in the order the list names them.
    const jobs: (RenderJob & { name: string })[] = [
      { name: `${o.year}年度考核报告.pdf`, fields: report.fields, pages: estimateFields(report.fields) },
    ];
    report.cadrePages.forEach((p, i) => {
      const [head, ...rest] = p.blocks;
      const subtitle = head && head.kind === 'title' ? head.text : p.cadre.name;
      const fields: DocumentFields = {
        layout: 'plain',
        type: '考核',
        title: `${o.year}年度联系群众工作考核表`,
        subtitle,
        blocks: rest,
        ...(report.fields.keep ? { keep: report.fields.keep } : {}),
      };
      jobs.push({
        name: join('干部', `${String(i + 1).padStart(3, '0')}-${safe(p.cadre.name)}.pdf`),
        fields,
        pages: estimateFields(fields),
      });
    });
    for (const part of [1, 2] as const) {
      const fields = draftDocument(ctx, { type: '一览表', year: o.year, part });
      jobs.push({ name: `附${part}-${safe(fields.title)}.pdf`, fields, pages: estimateFields(fields) });
    }
    const total = jobs.length + (o.workbook ? 1 : 0);
    let done = 0;
    const step = async () => {
      job?.progress(++done, total, '生成', '个文件');
      throwIfCancelled(job);
      if (job) await breathe();
    };
    const pages: number[] = [];
    const pool = await renderAll(jobs, {
      fonts: o.fonts,
      started,
      pipeline: piped,
      ...(job ? { signal: job.signal } : {}),
      ...(o.partPages ? { partPages: o.partPages } : {}),
      done: async (i, r) => {
        writeFileSync(join(work, jobs[i]!.name), r.pdf);
        pages[i] = r.pages;
        await step();
      },
    });
    const files: PacketFile[] = jobs.map((j, i) => ({ path: join(o.out, j.name), pages: pages[i]! }));
    let workbook = false;
    if (o.workbook) {
      writeFileSync(join(work, `${o.year}年度台账.xlsx`), await o.workbook(ctx));
      workbook = true;
      await step();
    }
    const pageCount = files.reduce((a, f) => a + f.pages, 0);
    // The head of the audit trail as the packet was made, printed in its list and kept in the anchors log:
    // a later rewrite of the trail contradicts the packet the 考核小组 holds.
    const head = auditHead(ctx.db);
    recordAnchor(ctx.db.path, 'packet', head, `${o.year}年度`, ctx.now());
    writeFileSync(
      join(work, '清单.txt'),
      [
        `${o.year}年度领导干部联系群众工作考核材料`,
        `统计截至：${report.asOf}`,
        ...files.map((f) => `${f.path.slice(o.out.length + 1)}（${f.pages}页）`),
        ...(workbook ? [`${o.year}年度台账.xlsx`] : []),
        `台账校验：${describeHead(head)}（完整校验值 ${head.hash}）`,
      ].join('\n') + '\n',
    );
    moveInto(work, o.out);
    return {
      dir: o.out,
      files,
      pages: pageCount,
      workbook,
      workers: pool.workers,
      pipeline: piped && pool.workers > 0,
    };
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  } finally {
    for (const w of started) void w.terminate();
  }
}

/** The finished packet takes the folder's name; into a folder that already holds files, its entries move one by one. */
function moveInto(from: string, to: string): void {
  if (!existsSync(to)) return renameSync(from, to);
  if (readdirSync(to).length === 0) {
    rmSync(to, { recursive: true });
    return renameSync(from, to);
  }
  for (const name of readdirSync(from)) {
    rmSync(join(to, name), { recursive: true, force: true });
    renameSync(join(from, name), join(to, name));
  }
  rmSync(from, { recursive: true, force: true });
}
