// Start-up checks: a damaged file is explained and the latest good backup offered; a file another
// program holds locked is explained; both leave the file as it was.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openBackend } from '../../electron/services/backend';
import { DamagedLedgerError, openLedger } from '../../electron/services/db/open';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();
const run = promisify(execFile);

/** A ledger with 3000 cadres, a start backup, then one page of the name index overwritten. */
async function damagedLedger(withBackup: boolean): Promise<string> {
  const path = tempDbPath(dir);
  const b = await openBackend(path);
  const ins = b.db.sqlite.prepare("INSERT INTO cadres (name, created_at, updated_at) VALUES (?, 'x', 'x')");
  b.db.tx(() => {
    for (let i = 0; i < 3000; i++) ins.run(`干部${i}`);
  });
  if (withBackup) await b.backup('start', { force: true });
  const root = (
    b.db.sqlite.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'cadres_name'").get() as {
      rootpage: number;
    }
  ).rootpage;
  const pageSize = b.db.pragma<number>('page_size');
  b.close();
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xff), 0, pageSize, (root - 1) * pageSize);
  closeSync(fd);
  return path;
}

describe('a damaged ledger file', () => {
  it('is refused with a Chinese explanation that offers the latest good backup, and is not written', async () => {
    const path = await damagedLedger(true);
    const before = readFileSync(path);
    const err = await openLedger(path).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DamagedLedgerError);
    const e = err as DamagedLedgerError;
    expect(e.code).toBe('DB_CORRUPT');
    expect(e.message).toContain('已损坏（完整性检查未通过');
    expect(e.message).toContain('最近一次完好的备份是');
    expect(e.latestBackup).toMatchObject({ kind: 'start', ok: true, counts: { cadres: 3000 } });
    expect(e.message).toContain(e.latestBackup!.path);
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('says so when there is no backup to offer', async () => {
    const path = await damagedLedger(false);
    await expect(openLedger(path)).rejects.toMatchObject({
      code: 'DB_CORRUPT',
      latestBackup: null,
      message: expect.stringContaining('中没有可用的备份'),
    });
  });

  it('ledger restore puts the offered backup in its place and keeps the damaged file aside', async () => {
    const path = await damagedLedger(true);
    const e = (await openLedger(path).catch((x: unknown) => x)) as DamagedLedgerError;
    const r = await run(process.execPath, ['bin/ledger.mjs', 'restore', '--db', path, '--from', e.latestBackup!.path]);
    expect(r.stdout).toContain('已从');
    expect(r.stdout).toMatch(/恢复前的数据库已保留为：.*\.damaged\.sqlite/);
    const db = await openLedger(path);
    expect(db.pragma('quick_check')).toBe('ok');
    expect((db.sqlite.prepare('SELECT count(*) AS n FROM cadres').get() as { n: number }).n).toBe(3000);
    db.close();
  });
});

describe('a ledger file another program holds', () => {
  it('with a write lock (BEGIN EXCLUSIVE in a second connection) is explained, not waited on forever', async () => {
    const path = tempDbPath(dir);
    (await openLedger(path)).close();
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    try {
      const t0 = Date.now();
      await expect(openLedger(path, { lockTimeoutMs: 200 })).rejects.toMatchObject({
        code: 'DB_LOCKED',
        message: expect.stringContaining('正被另一个程序锁定'),
      });
      expect(Date.now() - t0).toBeLessThan(3000);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // Once the other program lets go, the file opens as usual.
    const db = await openLedger(path, { lockTimeoutMs: 200 });
    expect(db.pragma('busy_timeout')).toBe(5000);
    db.close();
  });

  it('with an exclusive lock on the whole file (locking_mode = EXCLUSIVE) is explained too', async () => {
    const path = tempDbPath(dir);
    (await openLedger(path)).close();
    const other = new Database(path);
    other.pragma('locking_mode = EXCLUSIVE');
    other.exec("INSERT INTO settings (key, value) VALUES ('x', '1')");
    try {
      await expect(openLedger(path, { lockTimeoutMs: 200 })).rejects.toMatchObject({
        code: 'DB_LOCKED',
        message: expect.stringContaining('请关闭它后再试'),
      });
    } finally {
      other.close();
    }
  });
});
