// An import audits every row it writes in batch entries (BATCH_ROWS rows each, each row named with the
// digest of its state as written): verifying the ledger right after a large import finds nothing, a row
// changed, added or deleted outside the app afterwards is named by table and id, a batch entry changed
// breaks the chain, and ledgers whose trail holds one entry per row (imports before batches, every edit
// in the app) verify as before beside them.
import { describe, expect, it } from 'vitest';
import { BATCH_ROWS, appendAudit, readRowState, rowDigest, verifyLedger } from '../../electron/services/audit';
import { openBackend } from '../../electron/services/backend';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();

async function demo() {
  const b = await openBackend(tempDbPath(dir));
  const r = await b.dispatch('demo.generate', {});
  expect(r.ok).toBe(true);
  return b;
}

type Batch = { id: number; after: string; row_state: string };
const batchesOf = (b: Awaited<ReturnType<typeof openBackend>>, table: string) =>
  (
    b.db.sqlite
      .prepare(
        "SELECT id, after, row_state FROM audit_log WHERE table_name = ? AND row_id IS NULL AND action = 'import' ORDER BY id",
      )
      .all(table) as Batch[]
  ).map((e) => ({
    id: e.id,
    after: JSON.parse(e.after),
    rows: (JSON.parse(e.row_state) as { batch: [number, string][] }).batch,
  }));

describe('the audit trail of an import', () => {
  it('the demo university (written through the import) verifies clean, every row named once in a batch', async () => {
    const fresh = await openBackend(tempDbPath(dir));
    const indexes = (x: typeof fresh) =>
      x.db.sqlite.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name").all();
    const before = indexes(fresh);
    fresh.close();
    const b = await demo();
    // Its 3,855 records are a bulk load (the plain indexes of records and their links made after the rows):
    // the ledger has every index it had, as it was defined, and is sound.
    expect(b.db.sqlite.prepare('SELECT count(*) FROM records').pluck().get()).toBeGreaterThan(1000);
    expect(indexes(b)).toEqual(before);
    expect(b.db.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    const report = verifyLedger(b.ctx);
    expect(report.chainBreaks).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.rowsUnverifiable).toBe(0);
    expect(report.rowsChecked).toBeGreaterThan(5000);
    const records = b.db.sqlite.prepare('SELECT id FROM records ORDER BY id').pluck().all() as number[];
    const batches = batchesOf(b, 'records');
    expect(batches.length).toBe(Math.ceil(records.length / BATCH_ROWS));
    expect(batches.every((x) => x.rows.length <= BATCH_ROWS && x.after.rows === x.rows.length)).toBe(true);
    expect(batches.flatMap((x) => x.rows.map(([id]) => id))).toEqual(records);
    // The digest kept for a record with two cadres is that of what reading the file gives.
    const joint = b.db.sqlite
      .prepare('SELECT record_id AS id FROM record_cadres GROUP BY record_id HAVING count(*) > 1 LIMIT 1')
      .get() as { id: number };
    const kept = batches.flatMap((x) => x.rows).find(([id]) => id === joint.id)!;
    expect(kept[1]).toBe(rowDigest(readRowState(b.db, 'records', joint.id)!));
    // Her row's history still says it was imported.
    const h = await b.dispatch('audit.history', { table: 'records', rowId: joint.id });
    expect(h.ok && (h.value as { action: string }[]).map((e) => e.action)).toEqual(['import']);
    b.close();
  });

  it('one row changed, one deleted, one cadre link added outside the app inside a batch: verify names each', async () => {
    const b = await demo();
    const [first, second] = batchesOf(b, 'records');
    const changed = first!.rows[500]![0];
    const deleted = second!.rows[7]![0];
    const linked = second!.rows[100]![0];
    const sq = b.db.sqlite;
    sq.prepare("UPDATE records SET content = content || '（改）' WHERE id = ?").run(changed);
    sq.prepare('DELETE FROM record_cadres WHERE record_id = ?').run(deleted);
    sq.prepare('DELETE FROM record_objects WHERE record_id = ?').run(deleted);
    sq.prepare('DELETE FROM records WHERE id = ?').run(deleted);
    sq.prepare(
      "INSERT INTO record_cadres (record_id, cadre_id, title, position) SELECT ?, max(id), '', 9 FROM cadres",
    ).run(linked);
    const r = verifyLedger(b.ctx);
    expect(r.chainBreaks).toEqual([]);
    const found = r.findings.map((f) => [f.kind, f.table, f.rowId, f.auditId]).sort();
    expect(found).toEqual(
      [
        ['changed', 'records', changed, first!.id],
        ['changed', 'records', linked, second!.id],
        ['deleted', 'records', deleted, second!.id],
      ].sort(),
    );
    expect(r.findings.find((f) => f.rowId === changed)!.message).toContain(
      `联系记录（records）编号 ${changed}：与审计日志第 ${first!.id} 条`,
    );
    b.close();
  });

  it('a batch entry edited to match a tampered row breaks the chain at that entry', async () => {
    const b = await demo();
    const [batch] = batchesOf(b, 'cadres');
    const [cadre] = batch!.rows[3]!;
    const sq = b.db.sqlite;
    sq.prepare("UPDATE cadres SET title = '校长' WHERE id = ?").run(cadre);
    const rows = batch!.rows.map(([id, d]) =>
      id === cadre ? [id, rowDigest(readRowState(b.db, 'cadres', id)!)] : [id, d],
    );
    sq.prepare('UPDATE audit_log SET row_state = ? WHERE id = ?').run(JSON.stringify({ batch: rows }), batch!.id);
    const r = verifyLedger(b.ctx);
    expect(r.findings).toEqual([]);
    expect(r.chainBreaks).toEqual([
      expect.objectContaining({ id: batch!.id, table: 'cadres', reason: expect.stringContaining('被改动') }),
    ]);
    b.close();
  });

  it('per-row entries (older imports, edits in the app) and batch entries verify side by side; the newest wins', async () => {
    const b = await demo();
    // An entry of the form every import wrote before batches, for a row: its state under the chain.
    const [batch] = batchesOf(b, 'contact_objects');
    const [objectId] = batch!.rows[0]!;
    appendAuditInTx(b, objectId);
    // An edit in the app after the import: its own entry is now the row's latest.
    const [recordId] = batchesOf(b, 'records')[0]!.rows[10]!;
    const edit = await b.dispatch('records.update', { id: recordId, patch: { place: '图书馆' } });
    expect(edit.ok).toBe(true);
    expect(verifyLedger(b.ctx)).toMatchObject({ ok: true, chainBreaks: [], findings: [], rowsUnverifiable: 0 });
    // Tampered after the edit: named with its fields, from the per-row entry.
    b.db.sqlite.prepare("UPDATE records SET place = '别处' WHERE id = ?").run(recordId);
    b.db.sqlite.prepare("UPDATE contact_objects SET grade = '2099级' WHERE id = ?").run(objectId);
    const r = verifyLedger(b.ctx);
    expect(r.findings.map((f) => [f.table, f.rowId, f.fields]).sort()).toEqual(
      [
        ['contact_objects', objectId, ['grade']],
        ['records', recordId, ['place']],
      ].sort(),
    );
    b.close();
  });
});

function appendAuditInTx(b: Awaited<ReturnType<typeof openBackend>>, objectId: number) {
  b.db.tx(() =>
    appendAudit(b.ctx, {
      action: 'import',
      table: 'contact_objects',
      rowId: objectId,
      after: { id: objectId },
      state: readRowState(b.db, 'contact_objects', objectId),
    }),
  );
}
