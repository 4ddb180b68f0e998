// A workbook's 联系记录 are checked and written a batch at a time as they are read, inside one transaction
// (issue 13: import memory). A bad row after several batches have been written must still leave the ledger as it
// was — every table, the schema (the plain indexes a bulk load drops and makes again), the audit trail's head and
// the file itself — and say in Chinese which row and which column is wrong. Into an empty ledger the batches before
// the bad row ARE written and then rolled back; into a ledger with data nothing is written (a first pass checks,
// before the backup).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditHead } from '../../electron/services/audit-anchors';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend, type Backend } from '../../electron/services/backend';
import { backupDirFor } from '../../electron/services/paths';
import type { LedgerSheets } from '../../electron/services/workbook/sheets';
import { writeWorkbook } from '../../electron/services/workbook/xlsx';
import { tempDbPath, tempDir } from '../support/tmp';
import { demoWithRecords } from '../support/big-ledger';

const RECORDS = 7000;
/** Excel row of the bad 日期: after several batches (RECORD_BATCH rows each) have gone in. */
const BAD_ROW = 6_600;

/** The demo's people and 联系点 with RECORDS 联系记录 (its records repeated, each round's content told apart). */
function ledgerSheets(records: number, badRow?: number): LedgerSheets {
  const sheets = demoWithRecords(records);
  const rows = sheets.records;
  // Row numbers in the sheet start at 2 (row 1 is the header).
  if (badRow) rows[badRow - 2] = { ...rows[badRow - 2]!, date: '2026-02-30' };
  return sheets;
}

/** Everything a user or `ledger verify` could see of the ledger, as one digest per part. */
function snapshot(b: Backend) {
  const sq = b.db.sqlite;
  const tables = sq
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const content = Object.fromEntries(
    tables.map((t) => {
      const rows = sq
        .prepare(`SELECT * FROM "${t.replace(/"/g, '""')}"`)
        .raw()
        .all();
      return [t, `${rows.length} rows ${createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16)}`];
    }),
  );
  const schema = sq.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
  // The file itself, once the write-ahead log is folded in: a rolled-back import leaves no page of it.
  sq.pragma('wal_checkpoint(TRUNCATE)');
  const file = createHash('sha256').update(readFileSync(b.db.path)).digest('hex');
  return { content, schema, head: auditHead(b.db), file };
}

const backups = (b: Backend) => {
  const dir = backupDirFor(b.db.path);
  return existsSync(dir) ? readdirSync(dir).length : 0;
};

async function refusedImport(b: Backend, data: Buffer) {
  const r = await b.dispatch('workbook.import', { fileName: '大台账.xlsx', dataBase64: data.toString('base64') });
  if (r.ok) throw new Error('the bad workbook was imported');
  return r.error;
}

describe('a bad row after several batches', () => {
  it('refused with its row and 日期 named; the ledger (tables, schema, audit head, file) is as it was', async () => {
    const dir = tempDir();
    const b = await openBackend(tempDbPath(dir));
    try {
      expect((await b.dispatch('rules.applyPreset', { presetId: '002', year: 2026 })).ok).toBe(true);
      const triggers = `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
        AND tbl_name IN ('records', 'record_cadres', 'record_objects') ORDER BY 1`;
      const fresh = b.db.sqlite.prepare(triggers).raw().all() as [string, string][];
      expect(fresh.map((t) => t[0])).toEqual(
        expect.arrayContaining([
          'records_day_counts_insert',
          'records_search_insert',
          'record_cadres_search_insert',
          'record_objects_search_insert',
        ]),
      );
      const bad = await writeWorkbook(ledgerSheets(RECORDS, BAD_ROW));

      // An empty ledger: the first batches are written, then all of it rolled back.
      const before = snapshot(b);
      expect(before.content.records).toMatch(/^0 rows/);
      let e = await refusedImport(b, bad);
      expect(e.message).toContain(`「联系记录」第${BAD_ROW}行“日期”`);
      expect(e.message).toContain('没有导入任何内容（台账未改动）');
      expect(e.issues).toHaveLength(1);
      expect(e.issues![0]).toMatchObject({ sheet: '联系记录', row: BAD_ROW, field: '日期', value: '2026-02-30' });
      expect(snapshot(b)).toEqual(before);

      // A ledger with data: refused the same way, nothing written and no backup made for it.
      const good = await writeWorkbook(ledgerSheets(3000));
      const ok = await b.dispatch('workbook.import', { fileName: '台账.xlsx', dataBase64: good.toString('base64') });
      expect(ok.ok).toBe(true);
      const held = snapshot(b);
      expect(held.content.records).toMatch(/^3000 rows/);
      const backupsBefore = backups(b);
      e = await refusedImport(b, bad);
      expect(e.issues![0]).toMatchObject({ sheet: '联系记录', row: BAD_ROW, field: '日期' });
      expect(snapshot(b)).toEqual(held);
      expect(backups(b)).toBe(backupsBefore);

      // The same rows without the bad one go in whole, and the trail verifies row by row.
      const fixed = await writeWorkbook(ledgerSheets(RECORDS));
      const r = await b.dispatch('workbook.import', { fileName: '大台账.xlsx', dataBase64: fixed.toString('base64') });
      expect(r.ok).toBe(true);
      expect(b.db.sqlite.prepare('SELECT count(*) FROM records').pluck().get()).toBe(RECORDS);
      expect(backups(b)).toBe(backupsBefore + 1); // this one was backed up first
      // The grid's per-day counts (records_day_counts) are those of the records after two bulk loads (indexes
      // dropped and made again, the per-row triggers set aside and their effect applied once; the second into a
      // ledger already counting 3,000), every record is queued for the text index (or already in it), and the
      // triggers on records and their links are the fresh ledger's, SQL and all.
      const rows = (sql: string) => b.db.sqlite.prepare(sql).raw().all();
      expect(rows('SELECT date, activity_type_id, n FROM records_day_counts WHERE n > 0 ORDER BY 1, 2')).toEqual(
        rows('SELECT date, activity_type_id, count(*) FROM records GROUP BY 1, 2 ORDER BY 1, 2'),
      );
      expect(rows('SELECT count(*) FROM records_day_counts WHERE n < 0')).toEqual([[0]]);
      expect(
        rows(`SELECT count(*) FROM records WHERE id NOT IN (SELECT record_id FROM records_search_pending)
                AND id NOT IN (SELECT rowid FROM records_search)`),
      ).toEqual([[0]]);
      expect(rows(triggers)).toEqual(fresh);
      const report = verifyLedger(b.ctx);
      expect(report.chainBreaks).toEqual([]);
      expect(report.findings).toEqual([]);
      expect(report.rowsUnverifiable).toBe(0);
    } finally {
      b.close();
    }
  }, 120_000);

  it("a trigger whose SQL is not its migration's is left to fire row by row in a bulk load", async () => {
    const dir = tempDir();
    const b = await openBackend(tempDbPath(dir));
    try {
      expect((await b.dispatch('rules.applyPreset', { presetId: '002', year: 2026 })).ok).toBe(true);
      // Another program (or a later migration) made the day counts count each record twice: the import must not
      // put the migration's effect in its place.
      b.db.sqlite.exec(`DROP TRIGGER records_day_counts_insert;
        CREATE TRIGGER records_day_counts_insert AFTER INSERT ON records BEGIN
          INSERT INTO records_day_counts (date, activity_type_id, n) VALUES (new.date, new.activity_type_id, 2)
            ON CONFLICT (date, activity_type_id) DO UPDATE SET n = n + 2; END`);
      const data = await writeWorkbook(ledgerSheets(1500));
      const r = await b.dispatch('workbook.import', { fileName: '台账.xlsx', dataBase64: data.toString('base64') });
      expect(r.ok).toBe(true);
      const rows = (sql: string) => b.db.sqlite.prepare(sql).raw().all() as unknown[][];
      expect(rows('SELECT date, activity_type_id, n FROM records_day_counts WHERE n > 0 ORDER BY 1, 2')).toEqual(
        rows('SELECT date, activity_type_id, 2 * count(*) FROM records GROUP BY 1, 2 ORDER BY 1, 2'),
      );
      expect(rows("SELECT sql FROM sqlite_master WHERE name = 'records_day_counts_insert'")[0]![0]).toContain('n + 2');
    } finally {
      b.close();
    }
  }, 60_000);

  it.each([
    ['record_cadres', 'record_objects'],
    ['record_objects', 'record_cadres'],
  ])(
    'the text-index queue triggers on %s, set aside in a bulk load, still queue each linked record',
    async (link, other) => {
      const dir = tempDir();
      const b = await openBackend(tempDbPath(dir));
      try {
        expect((await b.dispatch('rules.applyPreset', { presetId: '002', year: 2026 })).ok).toBe(true);
        // The records' own queue trigger and the other link table's are changed to queue nothing (so they fire as they
        // are): every record in the queue was then put there by this link table's trigger, or by its set statement.
        b.db.sqlite.exec(`DROP TRIGGER records_search_insert;
        CREATE TRIGGER records_search_insert AFTER INSERT ON records BEGIN SELECT 1; END;
        DROP TRIGGER ${other}_search_insert;
        CREATE TRIGGER ${other}_search_insert AFTER INSERT ON ${other} BEGIN SELECT 1; END`);
        const data = await writeWorkbook(ledgerSheets(1500));
        const r = await b.dispatch('workbook.import', { fileName: '台账.xlsx', dataBase64: data.toString('base64') });
        expect(r.ok).toBe(true);
        const one = (sql: string) => b.db.sqlite.prepare(sql).pluck().get();
        const linked = one(`SELECT count(DISTINCT record_id) FROM ${link}`);
        expect(linked).toBeGreaterThan(1000);
        expect(one('SELECT count(*) FROM records_search_pending')).toBe(linked);
        expect(
          one(`SELECT count(*) FROM records_search_pending WHERE record_id NOT IN (SELECT record_id FROM ${link})`),
        ).toBe(0);
        expect(one(`SELECT sql FROM sqlite_master WHERE name = '${link}_search_insert'`)).toContain(
          'records_search_pending',
        );
      } finally {
        b.close();
      }
    },
    60_000,
  );
});
