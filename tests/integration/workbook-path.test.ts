// The workbook import's second door (issue 13, import memory): the path of an .xlsx on this computer, read by the
// backend itself (the CLI's `ledger import 台账.xlsx`), beside the file's bytes in base64. The same file imports
// the same rows either way; a path that does not exist, is a folder, is not an .xlsx or holds no workbook, and an
// input naming both doors or neither, are refused in Chinese naming the file — and nothing in the ledger changes.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditHead } from '../../electron/services/audit-anchors';
import { openBackend, type Backend } from '../../electron/services/backend';
import { demoSheets } from '../../electron/services/demo/index';
import { writeWorkbook } from '../../electron/services/workbook/xlsx';
import type { ImportResult } from '../../shared/api/workbook';
import type { ErrorPayload } from '../../shared/errors';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();
let b: Backend;
let good: string;

/** What a user or `ledger verify` could see: every table's rows (as one digest each) and the audit trail's head. */
function snapshot(x: Backend) {
  const sq = x.db.sqlite;
  const tables = sq
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const rows = Object.fromEntries(
    tables.map((t) => {
      const all = sq
        .prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`)
        .raw()
        .all();
      return [t, `${all.length} ${createHash('sha256').update(JSON.stringify(all)).digest('hex').slice(0, 16)}`];
    }),
  );
  return { rows, head: auditHead(x.db) };
}

async function refused(input: Record<string, unknown>): Promise<ErrorPayload> {
  const r = await b.dispatch('workbook.import', input);
  if (r.ok) throw new Error('accepted');
  return r.error;
}

beforeAll(async () => {
  b = await openBackend(tempDbPath(dir));
  expect((await b.dispatch('rules.applyPreset', { presetId: '002', year: 2026 })).ok).toBe(true);
  const demo = demoSheets(2026, 1);
  good = join(dir, '台账.xlsx');
  writeFileSync(good, await writeWorkbook({ ...demo, records: demo.records.slice(0, 300), followUps: [] }));
});
afterAll(() => b.close());

describe('a workbook given by its path', () => {
  it('imports the same rows as the same file given in base64', async () => {
    const other = await openBackend(tempDbPath(dir));
    try {
      expect((await other.dispatch('rules.applyPreset', { presetId: '002', year: 2026 })).ok).toBe(true);
      const byPath = await b.dispatch('workbook.import', { fileName: '台账.xlsx', path: good });
      const byBytes = await other.dispatch('workbook.import', {
        fileName: '台账.xlsx',
        dataBase64: readFileSync(good).toString('base64'),
      });
      expect(byPath.ok && byBytes.ok).toBe(true);
      if (!byPath.ok || !byBytes.ok) return;
      const sheets = (r: { value: unknown }) => (r.value as ImportResult).sheets;
      expect(sheets(byPath).find((s) => s.sheet === '联系记录')?.imported).toBe(300);
      expect(sheets(byPath)).toEqual(sheets(byBytes));
      // The same content in both ledgers (ids and texts), not only the same counts.
      const content = (x: Backend) =>
        x.db.sqlite.prepare('SELECT id, date, content, place FROM records ORDER BY id').raw().all();
      expect(content(b)).toEqual(content(other));
    } finally {
      other.close();
    }
  });

  it('a path that does not exist, a folder, a file that is not an .xlsx: refused in Chinese, nothing changed', async () => {
    const before = snapshot(b);
    const missing = join(dir, '没有这个文件.xlsx');
    let e = await refused({ fileName: '没有这个文件.xlsx', path: missing });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe(`文件“没有这个文件.xlsx”无法导入：找不到文件“${missing}”。台账没有任何改动。`);

    const folder = join(dir, '文件夹.xlsx');
    mkdirSync(folder);
    e = await refused({ fileName: '文件夹.xlsx', path: folder });
    expect(e.message).toContain(`“${folder}”不是文件`);

    const text = join(dir, '名单.csv');
    writeFileSync(text, '姓名,单位\n张三,办公室\n');
    e = await refused({ fileName: '名单.csv', path: text });
    expect(e.message).toBe(`文件“名单.csv”无法导入：“${text}”不是 Excel 工作簿（.xlsx）文件。台账没有任何改动。`);

    const old = join(dir, '旧台账.xls');
    writeFileSync(old, Buffer.from('d0cf11e0a1b11ae1', 'hex'));
    e = await refused({ fileName: '旧台账.xls', path: old });
    expect(e.message).toContain('旧版 Excel（.xls）文件');

    // Named .xlsx, but not a workbook inside: the reader's own check, as for bytes given in base64.
    const fake = join(dir, '假的.xlsx');
    writeFileSync(fake, '这不是工作簿');
    e = await refused({ fileName: '假的.xlsx', path: fake });
    expect(e.message).toBe('文件“假的.xlsx”无法导入：它不是 Excel 工作簿（.xlsx）文件。台账没有任何改动。');

    const empty = join(dir, '空的.xlsx');
    writeFileSync(empty, '');
    e = await refused({ fileName: '空的.xlsx', path: empty });
    expect(e.message).toContain('文件是空的');

    expect(snapshot(b)).toEqual(before);
  });

  it('both doors at once, or neither: refused by the contract in Chinese, nothing changed', async () => {
    const before = snapshot(b);
    let e = await refused({ fileName: '台账.xlsx', path: good, dataBase64: 'UEsDBA==' });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toContain('文件内容和文件路径只能给一个');
    e = await refused({ fileName: '台账.xlsx' });
    expect(e.message).toContain('请给出文件内容或文件路径');
    // The check before an import (values the lists lack) has the same two doors and the same refusals.
    const u = await b.dispatch('workbook.unknownValues', { fileName: '台账.xlsx', path: join(dir, '无.xlsx') });
    expect(u.ok).toBe(false);
    if (!u.ok) expect(u.error.message).toContain('找不到文件');
    expect(snapshot(b)).toEqual(before);
  });
});
