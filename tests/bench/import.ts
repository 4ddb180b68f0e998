// Workbook import benchmark: a 100,000-record ledger workbook (and the cadres and objects it names),
// imported by our import (read, validate every row with the domain schemas, resolve names, write in one
// transaction with one audit entry per row), against the bare pipeline underneath — exceljs's streaming
// reader plus raw better-sqlite3 prepared inserts in one transaction (WAL, synchronous=FULL) — and against
// the raw inserts alone. Prints medians and ratios; asserts nothing.
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { openBackend } from '../../electron/services/backend';
import { demoSheets } from '../../electron/services/demo/index';
import { applyPreset, loadPreset } from '../../electron/services/presets';
import { presetsDir } from '../../electron/services/resources';
import { planImport, writePlan } from '../../electron/services/workbook/import';
import { importWorkbook } from '../../electron/services/workbook/index';
import { readWorkbook } from '../../electron/services/workbook/read';
import { plainCell } from '../../electron/services/workbook/cells';
import { SHEET_OF, type Cell, type LedgerSheets } from '../../electron/services/workbook/sheets';
import { writeWorkbook } from '../../electron/services/workbook/xlsx';
import { readXlsxCells } from '../../electron/services/workbook/xlsx-reader';

/** The import takes only the ledger's own activity types: a new ledger gets them from the demo's preset. */
const withTypes = (b: Awaited<ReturnType<typeof openBackend>>) => applyPreset(b.ctx, loadPreset(presetsDir(), '002'));

const RECORDS = Number(process.env.BENCH_RECORDS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} rows/s`;

/** The demo university, its records repeated over the year until there are RECORDS of them. */
function bigLedger(): LedgerSheets {
  const base = demoSheets(2026, 1);
  const records: Record<string, Cell>[] = [];
  for (let i = 0; records.length < RECORDS; i++) {
    const r = base.records[i % base.records.length]!;
    records.push({ ...r, content: `${String(r.content)}（第${Math.floor(i / base.records.length) + 1}轮）` });
  }
  return { ...base, records, followUps: [] };
}

function rawDb(path: string) {
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
  return { db, tables };
}

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

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-bench-'));
  try {
    let t = performance.now();
    const sheets = bigLedger();
    const file = await writeWorkbook(sheets);
    const otherRows = sheets.units.length + sheets.cadres.length + sheets.objects.length + sheets.assignments.length;
    console.log(
      `workbook: ${sheets.records.length.toLocaleString('en-US')} 联系记录 + ${otherRows} other rows ` +
        `(单位 ${sheets.units.length}, 干部 ${sheets.cadres.length}, 联系对象 ${sheets.objects.length}, 联系点 ${sheets.assignments.length}), ` +
        `${(file.length / 1e6).toFixed(1)} MB, written in ${secs(performance.now() - t)}`,
    );
    const totalRows = sheets.records.length + otherRows;

    // (a) ours
    const ours: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const b = await openBackend(join(dir, `ours-${i}.sqlite`));
      withTypes(b);
      t = performance.now();
      const r = await importWorkbook(b.ctx, file, 'bench.xlsx');
      ours.push(performance.now() - t);
      const n = r.sheets.find((s) => s.sheet === '联系记录')!.imported;
      if (n !== sheets.records.length) throw new Error(`imported ${n} records, expected ${sheets.records.length}`);
      b.close();
    }

    // (a′) ours without the audit trail (diagnosis only: the shipped import always audits every row)
    const noAudit: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const b = await openBackend(join(dir, `noaudit-${i}.sqlite`));
      withTypes(b);
      t = performance.now();
      const read = await readWorkbook(file, 'bench.xlsx');
      const plan = planImport(b.ctx, read.sheets, read.rowNumbers);
      b.db.tx(() => writePlan(b.ctx, plan, () => {}));
      noAudit.push(performance.now() - t);
      b.close();
    }

    // (b) bare: exceljs streaming reader + raw prepared inserts, one transaction
    const bare: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { db, tables } = rawDb(join(dir, `bare-${i}.sqlite`));
      t = performance.now();
      const rows: [number, (string | number | null)[]][] = [];
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
        sharedStrings: 'cache',
        styles: 'cache',
        hyperlinks: 'ignore',
        worksheets: 'emit',
        entries: 'ignore',
      });
      for await (const ws of reader) {
        const table = tables.findIndex((x) => x.name === (ws as unknown as { name: string }).name);
        for await (const row of ws) {
          if (table < 0 || row.number === 1) continue;
          const v = row.values as unknown[];
          const cells: (string | number | null)[] = [];
          for (let c = 1; c <= tables[table]!.width; c++) cells.push(sqlValue(plainCell(v[c])));
          rows.push([table, cells]);
        }
      }
      db.transaction(() => {
        for (const [table, cells] of rows) tables[table]!.insert.run(...cells);
      })();
      bare.push(performance.now() - t);
      db.close();
    }

    // (c) raw inserts alone, the rows already in memory
    const prepared: [number, (string | number | null)[]][] = [];
    Object.entries(SHEET_OF).forEach(([key, spec], table) => {
      for (const r of sheets[key as keyof LedgerSheets] as Record<string, Cell>[])
        prepared.push([table, spec.columns.map((c) => sqlValue(r[c.key]))]);
    });
    const raw: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const { db, tables } = rawDb(join(dir, `raw-${i}.sqlite`));
      t = performance.now();
      db.transaction(() => {
        for (const [table, cells] of prepared) tables[table]!.insert.run(...cells);
      })();
      raw.push(performance.now() - t);
      db.close();
    }

    // For the record: reading alone, exceljs's streaming reader vs ours.
    t = performance.now();
    await readXlsxCells(file);
    const ourRead = performance.now() - t;

    const [a, b, c, a2] = [median(ours), median(bare), median(raw), median(noAudit)];
    console.log(`runs: ${RUNS}, medians over all rows (${totalRows.toLocaleString('en-US')}):`);
    console.log(
      `  (a) our import            ${secs(a).padStart(9)}  ${rate(totalRows, a)}   [${ours.map((x) => secs(x)).join(', ')}]`,
    );
    console.log(
      `  (a′) ours, audit trail off ${secs(a2).padStart(9)}  ${rate(totalRows, a2)}   [${noAudit.map((x) => secs(x)).join(', ')}]`,
    );
    console.log(
      `  (b) bare: exceljs stream + raw inserts ${secs(b).padStart(9)}  ${rate(totalRows, b)}   [${bare.map((x) => secs(x)).join(', ')}]`,
    );
    console.log(
      `  (c) raw inserts alone     ${secs(c).padStart(9)}  ${rate(totalRows, c)}   [${raw.map((x) => secs(x)).join(', ')}]`,
    );
    console.log(`  ours/bare (speed) = ${((b / a) * 100).toFixed(0)} %   (goal ≥ 50 %)`);
    console.log(`  ours/raw  (speed) = ${((c / a) * 100).toFixed(0)} %`);
    console.log(
      `  without the audit trail: ours/bare = ${((b / a2) * 100).toFixed(0)} %, ours/raw = ${((c / a2) * 100).toFixed(0)} %`,
    );
    console.log(`  reading alone: our xlsx reader ${secs(ourRead)} (one run)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
