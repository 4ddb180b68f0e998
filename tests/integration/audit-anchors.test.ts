// The audit trail anchored outside the file (issue 11, item 3): a trail rewritten whole, or cut at its
// end, contradicts the head kept beside the ledger, the backups and the year lock; what the app itself
// does — a restore, an upgrade of an older ledger, a year lock — never does.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, verifyLedger, type AuditRow } from '../../electron/services/audit';
import { anchorDirFor, auditHead, describeHead } from '../../electron/services/audit-anchors';
import { writePacket } from '../../electron/services/documents';
import { documentFonts } from '../../electron/services/settings';
import { openBackend, type Backend } from '../../electron/services/backend';
import { backupDirFor } from '../../electron/services/paths';
import { migrations } from '../../migrations/index';
import type { BackupInfo } from '../../shared/api/backup';
import type { VerifyReport } from '../../shared/api/audit';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

function rehash(b: Backend): void {
  const rows = b.db.sqlite.prepare('SELECT * FROM audit_log ORDER BY id').all() as (AuditRow & { id: number })[];
  const set = b.db.sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?');
  let prev = GENESIS_HASH;
  for (const r of rows) {
    const hash = auditHash(prev, r);
    set.run(prev, hash, r.id);
    prev = hash;
  }
}

async function ledger(): Promise<Backend> {
  const b = await openBackend(tempDbPath(dir));
  await call(b, 'rules.applyPreset', { presetId: '002', year: 2025 });
  const unit = await call<{ id: number }>(b, 'units.create', { name: '机械学院', category: '学院' });
  await call(b, 'cadres.create', { name: '赵敏', title: '副校长', level: '校级', unitId: unit.id });
  return b;
}

describe('the head of the trail outside the file', () => {
  it('a rewritten trail (an entry edited, the chain hashed again) passes inside the file but not against its anchors', async () => {
    const b = await ledger();
    await call(b, 'backups.create', {});
    expect(verifyLedger(b.ctx).ok).toBe(true);
    b.db.sqlite.prepare("UPDATE audit_log SET operator = '别人' WHERE id = 3").run();
    rehash(b);
    const r = verifyLedger(b.ctx);
    expect(r.chainBreaks).toEqual([]);
    expect(r.ok).toBe(false);
    // Both the head kept beside the ledger and the backup say so, each in Chinese with where it is.
    expect(r.anchorBreaks.map((x) => x.message).join('\n')).toMatch(/审计日志第 \d+ 条与.*备份.*记载的校验值不同/);
    expect(r.anchorBreaks.some((x) => x.source === '台账旁保存的审计日志末条记录')).toBe(true);
    b.close();
  });

  it('the last write deleted with its entry: the trail ends early, and the head beside the ledger says so', async () => {
    const b = await ledger();
    const c = await call<{ id: number }>(b, 'cadres.create', { name: '钱伟', title: '处长', level: '正处级' });
    b.db.sqlite.prepare('DELETE FROM cadres WHERE id = ?').run(c.id);
    b.db.sqlite.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run();
    const r = verifyLedger(b.ctx);
    expect(r.chainBreaks).toEqual([]);
    expect(r.findings).toEqual([]);
    expect(r.anchorBreaks[0]!.message).toContain('最后的记录连同数据被删除了');
    // Reopening does not overwrite the evidence: the head file only ever moves forward.
    b.close();
    const again = await openBackend(b.path);
    expect(verifyLedger(again.ctx).ok).toBe(false);
    again.close();
  });

  it('a year lock keeps the head: even with the head file and every backup gone, a rewrite before it shows', async () => {
    const b = await ledger();
    const lock = await call<{ year: number }>(b, 'years.lock', { year: 2025, reason: '考核完成' });
    expect(lock.year).toBe(2025);
    const kept = b.db.sqlite.prepare('SELECT audit_head_id, audit_head_hash FROM year_locks').get() as {
      audit_head_id: number;
      audit_head_hash: string;
    };
    expect(kept.audit_head_id).toBeGreaterThan(0);
    expect(describeHead({ id: kept.audit_head_id, hash: kept.audit_head_hash })).toMatch(/^审计日志第 \d+ 条，校验值 /);
    b.db.sqlite
      .prepare("UPDATE audit_log SET after = replace(after, '赵敏', '赵明') WHERE table_name = 'cadres'")
      .run();
    rehash(b);
    rmSync(anchorDirFor(b.path), { recursive: true, force: true });
    rmSync(backupDirFor(b.path), { recursive: true, force: true });
    const r = verifyLedger(b.ctx);
    expect(r.anchorBreaks.map((x) => x.source)).toEqual(['2025年度锁定记录']);
    b.close();
  });

  it('a printed 考核 packet lists the head; deleting what was written before it contradicts the packet', async () => {
    process.env.LEDGER_SYSTEM_FONTS = '0';
    const b = await ledger();
    const head = auditHead(b.db);
    const out = join(dir, `packet-${Date.now()}`);
    await writePacket(b.ctx, { year: 2025, out, fonts: documentFonts(b.ctx) });
    const list = readFileSync(join(out, '清单.txt'), 'utf8');
    expect(list).toContain(`台账校验：审计日志第 ${head.id} 条`);
    expect(list).toContain(head.hash);
    expect(verifyLedger(b.ctx).ok).toBe(true);
    b.db.sqlite.prepare("DELETE FROM cadres WHERE name = '赵敏'").run();
    b.db.sqlite.prepare('DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)').run();
    const r = verifyLedger(b.ctx);
    expect(r.chainBreaks).toEqual([]);
    expect(r.anchorBreaks.some((x) => x.source.includes('考核材料包锚点（2025年度）'))).toBe(true);
    b.close();
  });
});

describe('what the app does never contradicts the anchors', () => {
  it('a restore to an older backup, then new writes: verify is clean, and backups of either branch agree', async () => {
    const b = await ledger();
    const early = await call<BackupInfo>(b, 'backups.create', {});
    await call(b, 'units.create', { name: '误录的单位' });
    await call(b, 'backups.create', {});
    await call(b, 'backups.restore', { path: early.path });
    await call(b, 'units.create', { name: '土木学院' });
    await call(b, 'backups.create', {});
    const r = await call<VerifyReport>(b, 'audit.verify', {});
    expect(r.anchorBreaks).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.anchorsChecked).toBeGreaterThanOrEqual(4);
    b.close();
  });

  it('a ledger from before the lists were kept whole is upgraded clean; a list changed outside it before the upgrade still shows', async () => {
    const upTo3 = migrations.filter((m) => m.version <= 3);
    const path = tempDbPath(dir);
    const old = await openBackend(path, { migrations: upTo3 });
    old.db.sqlite.prepare("INSERT INTO activity_types (name) VALUES ('调研'), ('座谈')").run();
    old.db.sqlite.prepare(`INSERT INTO settings (key, value) VALUES ('institution', '"河南理工大学"')`).run();
    await call(old, 'units.create', { name: '机械学院' });
    old.close();
    const b = await openBackend(path);
    const r = verifyLedger(b.ctx);
    expect(r.findings).toEqual([]);
    expect(r.ok).toBe(true);
    expect(b.db.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'migrate'").get()).toMatchObject({
      n: expect.any(Number),
    });
    // The trail now keeps activity types whole: a swap made outside the app shows.
    b.db.sqlite.prepare("UPDATE activity_types SET name = '下访' WHERE name = '调研'").run();
    expect(verifyLedger(b.ctx).findings.map((f) => f.table)).toEqual(['activity_types']);
    b.close();
  });
});
