// `ledger demo`, `ledger export` and `ledger import` as a user runs them: real processes, real files.
import ExcelJS from 'exceljs';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../support/tmp';

const run = promisify(execFile);
const dir = tempDir('ledger-cli-workbook-');
const ledger = (...args: string[]) => run(process.execPath, ['bin/ledger.mjs', ...args], { timeout: 60_000 });

describe('ledger demo / export / import', () => {
  it(
    'demo fills an empty file; export writes it out; import reads it into another; again skips everything',
    { timeout: 120_000 },
    async () => {
      const a = join(dir, 'a.db');
      const b = join(dir, 'b.db');
      const xlsx = join(dir, '台账.xlsx');
      const demo = await ledger('demo', '--db', a, '--year', '2026', '--seed', '2');
      expect(demo.stdout).toContain('已载入制度预设 002');
      expect(demo.stdout).toMatch(
        /已生成 2026 年度演示数据（种子 2）：单位 41，干部 280，联系对象 \d+，联系点 \d+，联系记录 \d+，督办事项 \d+/,
      );

      await expect(ledger('demo', '--db', a)).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('不能生成演示数据'),
      });

      const exp = await ledger('export', '--db', a, xlsx);
      expect(exp.stdout).toContain(`已导出到 ${xlsx}：单位 41，干部 280`);

      // The second office starts from the same regulation (its activity types), then takes the workbook.
      await ledger('init', '--db', b, '--preset', '002');
      const imp = await ledger('import', '--db', b, xlsx);
      expect(imp.stdout).toContain('已导入“台账.xlsx”');
      expect(imp.stdout).toContain('干部：导入 280 行');
      const again = await ledger('import', '--db', b, xlsx);
      expect(again.stdout).toContain('干部：导入 0 行，已存在而跳过 280 行');

      const ia = JSON.parse((await ledger('info', '--db', a, '--json')).stdout);
      const ib = JSON.parse((await ledger('info', '--db', b, '--json')).stdout);
      for (const t of ['units', 'cadres', 'contact_objects', 'assignments', 'records', 'follow_ups'])
        expect(ib.counts[t], t).toBe(ia.counts[t]);
    },
  );

  it(
    'a workbook with errors: exit code 1, every error on its own line, nothing written',
    { timeout: 120_000 },
    async () => {
      const tpl = join(dir, 'template.xlsx');
      await ledger('export', tpl, '--template');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(tpl) as unknown as ArrayBuffer);
      wb.getWorksheet('干部')!.addRow(['赵敏', '党委书记', '校级', null, null, '是']);
      const rec = wb.getWorksheet('联系记录')!;
      rec.addRow(['2026-02-30', null, null, '赵敏', '座谈', null, null, null, null, null, '座谈', null, null]);
      rec.addRow(['2026-03-05', null, null, '钱七', '座谈', null, null, null, null, null, '座谈', null, null]);
      const bad = join(dir, 'bad.xlsx');
      writeFileSync(bad, Buffer.from(await wb.xlsx.writeBuffer()));
      const db = join(dir, 'c.db');
      await ledger('init', '--db', db, '--preset', '002');
      const err = await ledger('import', '--db', db, bad).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(err?.code).toBe(1);
      expect(err?.stderr).toContain('有 2 处错误，没有导入任何内容');
      expect(err?.stderr).toContain('「联系记录」第2行 日期“2026-02-30”：不是有效日期（格式如 2026-03-05）');
      expect(err?.stderr).toContain('「联系记录」第3行 领导干部“钱七”：找不到名为“钱七”的干部');
      const info = JSON.parse((await ledger('info', '--db', db, '--json')).stdout);
      expect(info.counts.cadres).toBe(0);

      await expect(ledger('import', '--db', db, join(dir, 'missing.xlsx'))).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining('找不到文件'),
      });
    },
  );
});
