// Malformed workbooks against the import (another engineer's service, reached through the dispatcher):
// truncated, bit-flipped, wrong-type, empty, random and oversized files. Each must be refused whole,
// with a message, leaving the ledger as it was.
import type { Backend } from '../../electron/services/backend';
import { prng } from '../crash/crash';

export interface WorkbookFuzzResult {
  tried: number;
  rejected: number;
  /** Accepted files (a bit flip can land where it does no harm): the import must then be whole. */
  accepted: number;
  failures: string[];
}

export async function runWorkbookFuzz(b: Backend, opts: { seed: number; cases: number }): Promise<WorkbookFuzzResult> {
  const r = prng(opts.seed);
  const int = (n: number) => Math.floor(r() * n);
  const exported = await b.dispatch('workbook.template', {});
  if (!exported.ok) throw new Error(`workbook.template: ${exported.error.message}`);
  const good = Buffer.from((exported.value as { dataBase64: string }).dataBase64, 'base64');

  const files: { name: string; data: Buffer; mustReject: boolean }[] = [
    { name: 'empty.xlsx', data: Buffer.alloc(0), mustReject: true },
    { name: 'text.xlsx', data: Buffer.from('姓名,职务\n张三,校长\n'), mustReject: true },
    { name: 'pdf.xlsx', data: Buffer.from('%PDF-1.7\n' + 'x'.repeat(2000)), mustReject: true },
    {
      name: 'sqlite.xlsx',
      data: Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096)]),
      mustReject: true,
    },
    { name: 'zip-of-nothing.xlsx', data: Buffer.from('504b0506' + '00'.repeat(18), 'hex'), mustReject: true },
    {
      name: 'oversized.xlsx',
      data: Buffer.concat([good.subarray(0, 30), Buffer.alloc(40 * 1024 * 1024, 7)]),
      mustReject: true,
    },
  ];
  for (let i = 0; files.length < opts.cases; i++) {
    const k = i % 3;
    if (k === 0)
      files.push({ name: `truncated-${i}.xlsx`, data: good.subarray(0, 1 + int(good.length - 2)), mustReject: true });
    else if (k === 1) {
      const data = Buffer.from(good);
      for (let j = 0; j < 1 + int(20); j++) data[int(data.length)] = int(256);
      files.push({ name: `flipped-${i}.xlsx`, data, mustReject: false });
    } else
      files.push({
        name: `random-${i}.xlsx`,
        data: Buffer.from(Array.from({ length: 1 + int(5000) }, () => int(256))),
        mustReject: true,
      });
  }

  const state = () =>
    JSON.stringify(
      b.db.sqlite
        .prepare(
          'SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM cadres), (SELECT count(*) FROM records), (SELECT count(*) FROM contact_objects), (SELECT count(*) FROM assignments), (SELECT count(*) FROM follow_ups), (SELECT count(*) FROM activity_types), (SELECT ifnull(max(id), 0) FROM audit_log)',
        )
        .raw()
        .get(),
    );
  const result: WorkbookFuzzResult = { tried: 0, rejected: 0, accepted: 0, failures: [] };
  for (const f of files) {
    result.tried++;
    const before = state();
    let env;
    try {
      env = await b.dispatch('workbook.import', { fileName: f.name, dataBase64: f.data.toString('base64') });
    } catch (e) {
      result.failures.push(`${f.name}: dispatch threw ${(e as Error).message}`);
      continue;
    }
    if (env.ok) {
      result.accepted++;
      if (f.mustReject) result.failures.push(`${f.name}: accepted`);
      continue;
    }
    result.rejected++;
    if (env.error.code === 'INTERNAL') result.failures.push(`${f.name}: INTERNAL ${env.error.message.slice(0, 200)}`);
    if (!/[\u4e00-\u9fff]/.test(env.error.message))
      result.failures.push(`${f.name}: message not in Chinese: ${env.error.message}`);
    if (state() !== before) result.failures.push(`${f.name}: refused but the ledger changed`);
  }
  return result;
}
