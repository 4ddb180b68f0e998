// Workbook import has bounds (issue 11, item 4): a zip bomb is refused before it is unpacked, a sheet of
// more rows than Excel has is refused before its rows are built, a file of many bad rows lists the first
// 200 problems and counts the rest, a huge cell is quoted short, a hidden sheet is named — and nothing
// is written. Memory and time of the same attacks: npx tsx tests/security/report.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { LIMITS } from '../../electron/services/workbook/xlsx-reader';
import type { ErrorPayload } from '../../shared/errors';
import { tempDbPath, tempDir } from '../support/tmp';
import { badRows, headerRow, workbook, zipBomb } from '../security/xlsx-attacks';

let b: Backend;
const file = (data: Buffer) => ({ fileName: '台账.xlsx', dataBase64: data.toString('base64') });
async function refused(data: Buffer): Promise<ErrorPayload & { issueTotal?: number }> {
  const r = await b.dispatch('workbook.import', file(data));
  if (r.ok) throw new Error('accepted');
  return r.error;
}
const auditCount = () => (b.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;

beforeAll(async () => {
  b = await openBackend(tempDbPath(tempDir()));
  await b.dispatch('vocabulary.addActivityType', { name: '座谈' });
});
afterAll(() => b.close());

describe('bounds of a workbook', () => {
  it('a zip bomb (a 40 KB file unpacking to 40 MB) is refused by its unpacked size, in Chinese', async () => {
    const bomb = zipBomb(40);
    expect(bomb.length).toBeLessThan(LIMITS.floor / LIMITS.ratio);
    const before = auditCount();
    const e = await refused(bomb);
    expect(e.message).toMatch(/解压后超过 32MB.*压缩炸弹.*台账没有任何改动/);
    expect(auditCount()).toBe(before);
  });

  it('a sheet of more rows than Excel has is refused before its rows are read', async () => {
    const rows = Buffer.alloc((LIMITS.rowsPerSheet + 10) * 6);
    for (let i = 0; i < LIMITS.rowsPerSheet + 10; i++) rows.write('<row/>', i * 6);
    const e = await refused(workbook([{ name: '联系记录', rows: Buffer.concat([Buffer.from(headerRow()), rows]) }]));
    expect(e.message).toContain('超过了 Excel 工作表的容量');
  });

  it('5,000 bad rows: the first 200 problems listed in order, all counted, cells quoted short', async () => {
    const e = await refused(badRows(5000));
    expect(e.issues).toHaveLength(200);
    expect(e.issueTotal).toBeGreaterThanOrEqual(5000);
    expect(e.message).toContain(`有 ${e.issueTotal} 处错误`);
    expect(e.message).toContain('下面列出前 200 处');
    expect(e.issues![0]!.row).toBe(2);
    expect(e.issues!.map((i) => i.row)).toEqual([...e.issues!.map((i) => i.row!)].sort((x, y) => x - y));
    expect(JSON.stringify(e).length).toBeLessThan(100_000);
  });

  it('a rejected 1 MB cell is quoted by its first characters, never echoed whole', async () => {
    const big = '长'.repeat(1_000_000);
    const data = workbook([
      {
        name: '联系记录',
        rows: `${headerRow()}<row r="2"><c r="A2" t="inlineStr"><is><t>${big}</t></is></c><c r="E2" t="inlineStr"><is><t>座谈</t></is></c></row>`,
      },
    ]);
    const e = await refused(data);
    expect(JSON.stringify(e).length).toBeLessThan(5_000);
    expect(e.issues!.find((i) => i.field === '日期')!.value).toMatch(/^长{60}…（共 1000000 字）$/);
  });

  it('a hidden sheet is imported with a word about it', async () => {
    const data = workbook([{ name: '联系记录', rows: headerRow(), hidden: true }]);
    const r = await b.dispatch('workbook.import', file(data));
    if (!r.ok) throw new Error(r.error.message);
    expect((r.value as { warnings: string[] }).warnings.join('\n')).toContain('工作表“联系记录”在 Excel 中是隐藏的');
  });
});
