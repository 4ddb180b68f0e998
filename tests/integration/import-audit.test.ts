// An import audits every row it writes, with the row as it was written: verifying the ledger right
// after a large import finds nothing, and each row's audited state is exactly what the file holds.
import { describe, expect, it } from 'vitest';
import { canonicalJson, readRowState, verifyLedger } from '../../electron/services/audit';
import { openBackend } from '../../electron/services/backend';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();

describe('the audit trail of an import', () => {
  it('the demo university (written through the import) verifies clean, row by row', async () => {
    const b = await openBackend(tempDbPath(dir));
    const r = await b.dispatch('demo.generate', {});
    expect(r.ok).toBe(true);
    const report = verifyLedger(b.ctx);
    expect(report.chainBreaks).toEqual([]);
    expect(report.findings).toEqual([]);
    expect(report.rowsChecked).toBeGreaterThan(5000);
    // The state kept for a record with two cadres is what reading the file gives.
    const joint = b.db.sqlite
      .prepare('SELECT record_id AS id FROM record_cadres GROUP BY record_id HAVING count(*) > 1 LIMIT 1')
      .get() as { id: number };
    const kept = b.db.sqlite
      .prepare("SELECT row_state FROM audit_log WHERE table_name = 'records' AND row_id = ? ORDER BY id DESC LIMIT 1")
      .get(joint.id) as { row_state: string };
    expect(kept.row_state).toBe(canonicalJson(readRowState(b.db, 'records', joint.id)));
    b.close();
  });
});
