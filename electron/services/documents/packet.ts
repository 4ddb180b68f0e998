// The 考核 packet for the 考核小组: the report, one PDF per cadre, the two 一览表 and the ledger workbook, in a folder.
// Written into a working folder that becomes the packet's folder only when everything is written: a cancel or a
// failure leaves nothing behind. Progress is reported per file when it runs as a job.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlainBlockFields } from '../../../shared/api/documents';
import { auditHead, describeHead, recordAnchor } from '../audit-anchors';
import type { ServiceContext } from '../context';
import { breathe, throwIfCancelled } from '../jobs/control';
import type { FontSet } from './fonts';
import { evaluationReport, renderFields, draftDocument } from './ledger';
import { renderPlain } from './plain';

export interface PacketFile {
  path: string;
  pages: number;
}

export interface PacketResult {
  dir: string;
  files: PacketFile[];
  pages: number;
  workbook: boolean;
}

const safe = (s: string) => s.replace(/[\\/:*?"<>|\s]/g, '');

/** A cadre's page of the report, in pages to come: a title block plus its tables' rows, about 18 rows a page. */
export function estimatePages(blocks: readonly PlainBlockFields[]): number {
  let rows = 4;
  for (const b of blocks) rows += b.kind === 'table' ? b.rows.length + 2 : b.kind === 'list' ? b.items.length : 1;
  return Math.max(1, rows / 18);
}

/**
 * Which of `count` workers writes each cadre's file, balanced by pages rather than by files: worker 0 also writes the
 * report (as many pages as all cadres' files together, plus its summary) and the 一览表, so the others take the
 * cadres first, each cadre going to the worker with the fewest pages so far (largest cadres first).
 */
export function planShards(pages: readonly number[], count: number, leadPages: number): number[] {
  const load = Array.from({ length: count }, (_, i) => (i === 0 ? leadPages : 0));
  const out = new Array<number>(pages.length).fill(0);
  const order = pages.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [p, i] of order) {
    let k = 0;
    for (let j = 1; j < count; j++) if (load[j]! < load[k]!) k = j;
    out[i] = k;
    load[k]! += p;
  }
  return out;
}

export async function writePacket(
  ctx: ServiceContext,
  o: {
    year: number;
    out: string;
    fonts: FontSet;
    workbook?: (ctx: ServiceContext) => Promise<Buffer>;
    /** One of `count` workers writing the same packet into `out` (see planShards); worker 0 writes the rest. */
    shard?: { index: number; count: number };
  },
): Promise<PacketResult> {
  const job = ctx.job;
  const shard = o.shard ?? { index: 0, count: 1 };
  const lead = shard.index === 0;
  // Workers sharing a packet write into its folder directly; a single writer works in a folder of its own.
  const work = o.shard ? o.out : `${o.out}.正在生成`;
  if (!o.shard) rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, '干部'), { recursive: true });
  try {
    const files: PacketFile[] = [];
    const put = (name: string, pdf: Buffer, pages: number) => {
      writeFileSync(join(work, name), pdf);
      files.push({ path: join(o.out, name), pages });
    };
    job?.progress(0, null, '统计', '个文件');
    const report = evaluationReport(ctx, { type: '考核', year: o.year });
    const estimates = report.cadrePages.map((p) => estimatePages(p.blocks));
    const owner = planShards(
      estimates,
      shard.count,
      estimates.reduce((a, b) => a + b, 2),
    );
    const mine = report.cadrePages.flatMap((p, i) => (owner[i] === shard.index ? [i] : []));
    const total = mine.length + (lead ? 3 + (o.workbook ? 1 : 0) : 0);
    let done = 0;
    const step = async () => {
      job?.progress(++done, total, '生成', '个文件');
      throwIfCancelled(job);
      if (job) await breathe();
    };
    throwIfCancelled(job);
    if (lead) {
      const whole = await renderFields(report.fields, o.fonts);
      put(`${o.year}年度考核报告.pdf`, whole.pdf, whole.pages);
      await step();
    }
    for (const i of mine) {
      const p = report.cadrePages[i]!;
      const [head, ...rest] = p.blocks;
      const title = head && head.kind === 'title' ? head.text : p.cadre.name;
      const r = await renderPlain({ title: `${o.year}年度联系群众工作考核表`, subtitle: title, blocks: rest }, o.fonts);
      put(join('干部', `${String(i + 1).padStart(3, '0')}-${safe(p.cadre.name)}.pdf`), r.pdf, r.pages);
      await step();
    }
    for (const part of lead ? ([1, 2] as const) : []) {
      const fields = draftDocument(ctx, { type: '一览表', year: o.year, part });
      const r = await renderFields(fields, o.fonts);
      put(`附${part}-${safe(fields.title)}.pdf`, r.pdf, r.pages);
      await step();
    }
    let workbook = false;
    if (o.workbook && lead) {
      writeFileSync(join(work, `${o.year}年度台账.xlsx`), await o.workbook(ctx));
      workbook = true;
      await step();
    }
    const pages = files.reduce((a, f) => a + f.pages, 0);
    // The head of the audit trail as the packet was made, printed in its list and kept in the anchors log:
    // a later rewrite of the trail contradicts the packet the 考核小组 holds.
    const head = auditHead(ctx.db);
    if (lead) recordAnchor(ctx.db.path, 'packet', head, `${o.year}年度`, ctx.now());
    if (lead)
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
    if (work !== o.out) moveInto(work, o.out);
    return { dir: o.out, files, pages, workbook };
  } catch (e) {
    if (work !== o.out) rmSync(work, { recursive: true, force: true });
    throw e;
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
