// The 考核 packet for the 考核小组: the report, one PDF per cadre, the two 一览表 and the ledger workbook, in a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ServiceContext } from '../context';
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

export async function writePacket(
  ctx: ServiceContext,
  o: {
    year: number;
    out: string;
    fonts: FontSet;
    workbook?: (ctx: ServiceContext) => Promise<Buffer>;
    /** One of `count` processes writing the same packet: cadre i goes to shard i % count; shard 0 writes the rest. */
    shard?: { index: number; count: number };
  },
): Promise<PacketResult> {
  const dir = o.out;
  mkdirSync(join(dir, '干部'), { recursive: true });
  const files: PacketFile[] = [];
  const put = (name: string, pdf: Buffer, pages: number) => {
    const path = join(dir, name);
    writeFileSync(path, pdf);
    files.push({ path, pages });
  };
  const shard = o.shard ?? { index: 0, count: 1 };
  const lead = shard.index === 0;
  const report = evaluationReport(ctx, { type: '考核', year: o.year });
  if (lead) {
    const whole = await renderFields(report.fields, o.fonts);
    put(`${o.year}年度考核报告.pdf`, whole.pdf, whole.pages);
  }
  let n = 0;
  for (const p of report.cadrePages) {
    n++;
    if ((n - 1) % shard.count !== shard.index) continue;
    const [head, ...rest] = p.blocks;
    const title = head && head.kind === 'title' ? head.text : p.cadre.name;
    const r = await renderPlain({ title: `${o.year}年度联系群众工作考核表`, subtitle: title, blocks: rest }, o.fonts);
    put(join('干部', `${String(n).padStart(3, '0')}-${safe(p.cadre.name)}.pdf`), r.pdf, r.pages);
  }
  for (const part of lead ? ([1, 2] as const) : []) {
    const fields = draftDocument(ctx, { type: '一览表', year: o.year, part });
    const r = await renderFields(fields, o.fonts);
    put(`附${part}-${safe(fields.title)}.pdf`, r.pdf, r.pages);
  }
  let workbook = false;
  if (o.workbook && lead) {
    writeFileSync(join(dir, `${o.year}年度台账.xlsx`), await o.workbook(ctx));
    workbook = true;
  }
  const pages = files.reduce((a, f) => a + f.pages, 0);
  if (lead)
    writeFileSync(
      join(dir, '清单.txt'),
      [
        `${o.year}年度领导干部联系群众工作考核材料`,
        `统计截至：${report.asOf}`,
        ...files.map((f) => `${f.path.slice(dir.length + 1)}（${f.pages}页）`),
        ...(workbook ? [`${o.year}年度台账.xlsx`] : []),
      ].join('\n') + '\n',
    );
  return { dir, files, pages, workbook };
}
