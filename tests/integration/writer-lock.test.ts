// One writer at a time (issue 11, item 1): a second program cannot open a ledger another one holds — not
// the ledger command, not a restore — and the lock goes away with the process, even when it is killed.
// A restore inside the holder waits for the calls being answered, so an acknowledged write is never
// left in no file. An empty or missing ledger with backups beside it is refused, not made anew (item 5).
import Database from 'better-sqlite3';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/doors/cli/commands';
import { openBackend, type Backend } from '../../electron/services/backend';
import { DamagedLedgerError, openLedger } from '../../electron/services/db/open';
import { backupDirFor } from '../../electron/services/paths';
import type { BackupInfo, RestoreResult } from '../../shared/api/backup';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (l) => (out += `${l}\n`), err: (l) => (err += `${l}\n`), env: {} });
  return { code, out, err };
}

/** Starts tests/support/hold-ledger.ts on the file and waits until it holds it. */
function holder(
  path: string,
): Promise<{ child: ChildProcessWithoutNullStreams; write(name: string): Promise<string> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/hold-ledger.ts', path]);
  let buffer = '';
  const waiters: ((line: string) => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    buffer += d.toString();
    let i;
    while ((i = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      waiters.shift()?.(line);
    }
  });
  const next = () => new Promise<string>((r) => waiters.push(r));
  return next().then((ready) => {
    expect(ready).toBe('ready');
    return {
      child,
      write: (name: string) => {
        const ack = next();
        child.stdin.write(`${name}\n`);
        return ack;
      },
    };
  });
}

describe('one writer at a time, across processes', () => {
  it('a second backend on the same file, even in the same process, is refused and names the holder', async () => {
    const path = tempDbPath(dir);
    const b = await openBackend(path);
    await expect(openBackend(path)).rejects.toMatchObject({
      code: 'DB_LOCKED',
      message: expect.stringContaining('同一时间只能有一个程序写入台账'),
    });
    b.close();
    // Closed: the file opens again at once.
    (await openBackend(path)).close();
  });

  it('ledger restore and ledger import are refused while another program holds the file; killing it frees the file', async () => {
    const path = tempDbPath(dir);
    const seed = await openBackend(path);
    await call(seed, 'units.create', { name: '机械学院' });
    const backup = await call<BackupInfo>(seed, 'backups.create', {});
    seed.close();

    const h = await holder(path);
    try {
      expect(await h.write('土木学院')).toMatch(/^unit \d+$/);
      const r = await cli('restore', '--db', path, '--from', backup.path);
      expect(r.code).toBe(1);
      expect(r.err).toContain('测试中的浏览器方式台账');
      expect(r.err).toContain(`进程 ${h.child.pid}`);
      expect(r.err).toContain('恢复备份在它的「数据安全」页');
      const xlsx = join(dir, 'any.xlsx');
      writeFileSync(xlsx, 'PK');
      expect((await cli('import', '--db', path, xlsx)).err).toContain('同一时间只能有一个程序写入台账');
      // Reading is allowed beside it: info, verify and a backup copy run on a read-only connection.
      const info = await cli('info', '--db', path);
      expect(info.code, info.err).toBe(0);
      expect(info.out).toContain('联系记录');
      expect((await cli('verify', '--db', path)).code).toBe(0);
      const copy = await cli('backup', '--db', path, '--to', join(dir, '读时备份'));
      expect(copy.code, copy.err).toBe(0);
      // The holder keeps writing, and its acknowledged write is in the file it writes to.
      expect(await h.write('化工学院')).toMatch(/^unit \d+$/);
    } finally {
      h.child.kill('SIGKILL');
      await new Promise((r) => h.child.once('exit', r));
    }
    // The OS released the lock with the process: the restore runs now, and keeps the current file.
    const r = await cli('restore', '--db', path, '--from', backup.path);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const safety = /恢复前的数据库已保留为：(.*)/.exec(r.out)![1]!;
    const copy = new Database(safety, { readonly: true });
    expect((copy.prepare('SELECT name FROM units ORDER BY id').all() as { name: string }[]).map((u) => u.name)).toEqual(
      ['机械学院', '土木学院', '化工学院'],
    );
    copy.close();
  }, 60_000);

  it('a restore inside the holder waits for the calls being answered: every acknowledged write is kept', async () => {
    const path = tempDbPath(dir);
    const b = await openBackend(path);
    await call(b, 'units.create', { name: '机械学院' });
    const good = await call<BackupInfo>(b, 'backups.create', {});
    // Twenty writes and the restore, all sent at once: each write lands before the safety copy or after
    // the swap, never in between.
    const writes = Array.from({ length: 20 }, (_, i) => b.dispatch('units.create', { name: `单位${i}` }));
    const restored = b.dispatch('backups.restore', { path: good.path });
    const later = Array.from({ length: 5 }, (_, i) => b.dispatch('units.create', { name: `恢复后${i}` }));
    const acked = (await Promise.all(writes)).filter((r) => r.ok).map((r) => (r.value as { name: string }).name);
    const r = await restored;
    expect(r.ok).toBe(true);
    const after = (await Promise.all(later)).filter((x) => x.ok).map((x) => (x.value as { name: string }).name);
    expect(acked).toHaveLength(20);
    expect(after).toHaveLength(5);
    const safety = new Database((r as { value: RestoreResult }).value.safetyCopy, { readonly: true });
    const inSafety = new Set((safety.prepare('SELECT name FROM units').all() as { name: string }[]).map((u) => u.name));
    safety.close();
    const live = new Set(
      (b.db.sqlite.prepare('SELECT name FROM units').all() as { name: string }[]).map((u) => u.name),
    );
    for (const name of acked) expect(inSafety.has(name) || live.has(name), name).toBe(true);
    for (const name of after) expect(live.has(name), name).toBe(true);
    b.close();
  });
});

describe('an empty or missing ledger file beside its backups', () => {
  async function ledgerWithBackup(): Promise<{ path: string; backup: BackupInfo }> {
    const path = tempDbPath(dir);
    const b = await openBackend(path);
    await call(b, 'cadres.create', { name: '赵敏' });
    const backup = await call<BackupInfo>(b, 'backups.create', {});
    b.close();
    return { path, backup };
  }

  it('a 0-byte file is refused, the latest good backup offered, and the file left as it was', async () => {
    const { path, backup } = await ledgerWithBackup();
    for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
    writeFileSync(path, '');
    const e = (await openLedger(path).catch((x: unknown) => x)) as DamagedLedgerError;
    expect(e).toBeInstanceOf(DamagedLedgerError);
    expect(e.message).toContain('是空的（0 字节）');
    expect(e.message).toContain('最近一次完好的备份是');
    expect(e.latestBackup).toMatchObject({ path: backup.path, counts: { cadres: 1 } });
    expect(readdirSync(dir).filter((f) => f.startsWith(`${path.split('/').pop()}-`))).toEqual([]);
    // The offered restore brings the ledger back.
    const r = await cli('restore', '--db', path, '--from', e.latestBackup!.path);
    expect(r.code).toBe(0);
    const b = await openBackend(path);
    expect(await call(b, 'cadres.list', {})).toMatchObject([{ name: '赵敏' }]);
    b.close();
  });

  it('a missing file is refused too when backups are there; with no backups a new ledger is made', async () => {
    const { path } = await ledgerWithBackup();
    for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
    await expect(openBackend(path)).rejects.toMatchObject({
      code: 'DB_CORRUPT',
      message: expect.stringContaining('找不到数据库文件'),
    });
    expect(existsSync(path)).toBe(false);
    // A fresh file with no backup folder, or a 0-byte one with no backups, is simply a new ledger.
    const fresh = tempDbPath(dir);
    writeFileSync(fresh, '');
    const b = await openBackend(fresh);
    expect(await call(b, 'cadres.list', {})).toEqual([]);
    b.close();
  });

  it('a file of another program where backups exist offers the backup instead of a bare refusal', async () => {
    const { path, backup } = await ledgerWithBackup();
    for (const ext of ['', '-wal', '-shm']) rmSync(path + ext, { force: true });
    const other = new Database(path);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    other.close();
    const e = (await openLedger(path).catch((x: unknown) => x)) as DamagedLedgerError;
    expect(e).toBeInstanceOf(DamagedLedgerError);
    expect(e.message).toContain('是其他程序的数据库');
    expect(e.latestBackup?.path).toBe(backup.path);
    expect(existsSync(backupDirFor(path))).toBe(true);
  });
});
