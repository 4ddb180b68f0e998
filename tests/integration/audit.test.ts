// The audit trail as the 考核小组 relies on it: who changed what, and every change made outside the
// app found by table and id.
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../electron/services/audit';
import { openBackend } from '../../electron/services/backend';
import { TAMPER_CASES, runTamperCases, seedLedger } from '../security/tamper';
import { tempDbPath, tempDir } from '../support/tmp';
import { addVocabulary } from '../support/vocabulary';

const dir = tempDir();

describe('verifying the ledger', () => {
  it('a ledger written only through the app verifies clean', async () => {
    const { b } = await seedLedger(tempDbPath(dir));
    const r = verifyLedger(b.ctx);
    expect(r).toMatchObject({ ok: true, chainBreaks: [], findings: [], rowsUnverifiable: 0 });
    expect(r.rowsChecked).toBeGreaterThanOrEqual(5);
    b.close();
  });

  it('every tamper case is detected, by table and id', async () => {
    const r = await runTamperCases(dir);
    expect(r.results.filter((x) => !x.detected || !x.clean)).toEqual([]);
    expect(r.detected).toBe(TAMPER_CASES.length);
    // Each case writes a fresh ledger with a backup: a minute and more when the machine is busy.
  }, 180_000);

  it('names the table, the id and the fields of a record changed outside the app', async () => {
    const { b, ids } = await seedLedger(tempDbPath(dir));
    b.db.sqlite.prepare("UPDATE records SET content = '（改）', place = '别处' WHERE id = ?").run(ids.recordId);
    const r = await b.dispatch('audit.verify', {});
    expect(r.ok && r.value).toMatchObject({
      ok: false,
      chainBreaks: [],
      findings: [
        {
          kind: 'changed',
          table: 'records',
          rowId: ids.recordId,
          fields: ['content', 'place'],
          message: expect.stringContaining(`联系记录（records）编号 ${ids.recordId}`),
        },
      ],
    });
    b.close();
  });

  it('a change made through the app after a change outside it does not hide the first: the trail says both', async () => {
    const { b, ids } = await seedLedger(tempDbPath(dir));
    b.db.sqlite.prepare("UPDATE cadres SET title = '校长' WHERE id = ?").run(ids.cadreId);
    expect(verifyLedger(b.ctx).findings).toHaveLength(1);
    // The app's update writes a new state: verify is clean again, but history keeps the before as read.
    const r = await b.dispatch('cadres.update', { id: ids.cadreId, patch: { note: '分管教学' } });
    expect(r.ok).toBe(true);
    expect(verifyLedger(b.ctx).ok).toBe(true);
    const h = await b.dispatch('audit.history', { table: 'cadres', rowId: ids.cadreId });
    expect(h.ok && h.value).toMatchObject([
      { action: 'update', before: { title: '校长' }, after: { title: '校长', note: '分管教学' } },
      { action: 'create', before: null, after: { title: '副校长' } },
    ]);
    b.close();
  });

  it('history lists one row’s entries newest first with who and when; the operator comes from settings', async () => {
    const b = await openBackend(tempDbPath(dir), { now: () => new Date('2026-03-05T08:00:00Z') });
    b.db.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('operator', '\"李秘书\"')").run();
    await addVocabulary(b.dispatch, { unitCategories: ['部门'] });
    const u = await b.dispatch('units.create', { name: '宣传部', category: '部门' });
    if (!u.ok) throw new Error(u.error.message);
    const id = (u.value as { id: number }).id;
    await b.dispatch('units.update', { id, patch: { note: '改名前' } });
    await b.dispatch('units.delete', { id });
    const h = await b.dispatch('audit.history', { table: 'units', rowId: id });
    expect(h.ok && h.value).toMatchObject([
      {
        action: 'delete',
        operator: '李秘书',
        at: '2026-03-05T08:00:00.000Z',
        before: { name: '宣传部', note: '改名前' },
        after: null,
      },
      { action: 'update', before: { note: '' }, after: { note: '改名前' } },
      { action: 'create' },
    ]);
    expect(h.ok && (h.value as { osUser: string }[])[0]!.osUser).toBeTypeOf('string');
    // Deleted through the app: not a finding.
    expect(verifyLedger(b.ctx).ok).toBe(true);
    b.close();
  });

  it('ledger verify prints the findings and exits 2; a clean ledger exits 0', async () => {
    const { execFile } = await import('node:child_process');
    const { promisify } = await import('node:util');
    const run = promisify(execFile);
    const path = tempDbPath(dir);
    const { b, ids } = await seedLedger(path);
    b.close();
    const ok = await run(process.execPath, ['bin/ledger.mjs', 'verify', '--db', path]);
    expect(ok.stdout).toContain('校验通过。');
    const raw = (await import('better-sqlite3')).default;
    const db = new raw(path);
    db.prepare('DELETE FROM record_cadres WHERE record_id = ?').run(ids.recordId);
    db.close();
    await expect(run(process.execPath, ['bin/ledger.mjs', 'verify', '--db', path])).rejects.toMatchObject({
      code: 2,
      stdout: expect.stringContaining(`联系记录（records）编号 ${ids.recordId}：与审计日志第`),
    });
  });
});
