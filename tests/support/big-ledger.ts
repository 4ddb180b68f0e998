// A large workbook's sheets for import tests and the import bench: the demo university's people and 联系点, its
// 联系记录 repeated until there are `n`, each round's content told apart (第k轮), no 督办事项.
import { demoSheets } from '../../electron/services/demo/index';
import type { Cell, LedgerSheets } from '../../electron/services/workbook/sheets';

export function demoWithRecords(n: number): LedgerSheets {
  const base = demoSheets(2026, 1);
  const records: Record<string, Cell>[] = [];
  for (let i = 0; records.length < n; i++) {
    const r = base.records[i % base.records.length]!;
    records.push({ ...r, content: `${String(r.content)}（第${Math.floor(i / base.records.length) + 1}轮）` });
  }
  return { ...base, records, followUps: [] };
}
