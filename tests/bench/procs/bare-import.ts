// The bare pipeline under an import: the streaming workbook reader's rows inserted as they come by raw
// prepared INSERTs (no validation, no names resolved, no audit) into one plain table per sheet, in one
// transaction, WAL and synchronous=FULL like the ledger.
import Database from 'better-sqlite3';
import { plainCell } from '../../../electron/services/workbook/cells';
import { SHEET_OF, type Cell } from '../../../electron/services/workbook/sheets';
import { checkUnpackedSize, streamXlsxCells } from '../../../electron/services/workbook/xlsx-reader';

const sqlValue = (c: Cell | undefined): string | number | null =>
  c === undefined || c === null
    ? null
    : c instanceof Date
      ? c.toISOString().slice(0, 10)
      : typeof c === 'boolean'
        ? c
          ? 1
          : 0
        : c;

export async function bareImport(file: Buffer, path: string): Promise<number> {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  const tables = Object.values(SHEET_OF).map((spec, t) => {
    const cols = spec.columns.map((_, i) => `c${i + 1}`);
    db.exec(`CREATE TABLE s${t} (id INTEGER PRIMARY KEY, ${cols.map((c) => `${c} TEXT`).join(', ')})`);
    return {
      name: spec.name,
      insert: db.prepare(`INSERT INTO s${t} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`),
      width: cols.length,
    };
  });
  let n = 0;
  // The same bounds as the product's reader (sizes and rows measured first): they are part of a safe read.
  const unpacked = await checkUnpackedSize(file);
  db.exec('BEGIN');
  await streamXlsxCells(
    file,
    ({ name }) => {
      const table = tables.find((x) => x.name === name);
      let header = true;
      return (_rowNo, cells) => {
        if (!table) return;
        if (header) return void (header = false);
        const values: (string | number | null)[] = [];
        for (let c = 1; c <= table.width; c++) values.push(sqlValue(plainCell(cells[c])));
        table.insert.run(...values);
        n++;
      };
    },
    unpacked.rows,
  );
  db.exec('COMMIT');
  db.close();
  return n;
}
