// Backups: made with the online backup API, checked, rotated, listed with what each holds, and
// restored while the app holds the file open.
import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openBackend, startBackupRoutine, type Backend } from '../../electron/services/backend';
import { rotateBackups } from '../../electron/services/backup/backups';
import { backupFileName, parseBackupName } from '../../electron/services/backup/files';
import { emptySheets, writeWorkbook } from '../../electron/services/workbook/xlsx';
import { backupsToKeep } from '../../electron/services/backup/rotation';
import { createBackupScheduler, type Timer } from '../../electron/services/backup/scheduler';
import { backupDirFor } from '../../electron/services/paths';
import type { BackupInfo, RestoreResult } from '../../shared/api/backup';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();
const run = promisify(execFile);

async function call<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}
const count = (b: Backend, t: string) =>
  (b.db.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;

describe('making a backup', () => {
  it('backs up beside the database, checked, and the list reads the date and counts from the file', async () => {
    const b = await openBackend(tempDbPath(dir));
    await call(b, 'units.create', { name: '机械学院' });
    await call(b, 'cadres.create', { name: '赵敏' });
    const info = await call<BackupInfo>(b, 'backups.create', {});
    expect(info).toMatchObject({
      kind: 'manual',
      ok: true,
      problem: null,
      counts: { units: 1, cadres: 1, records: 0 },
    });
    expect(info.path.startsWith(backupDirFor(b.db.path))).toBe(true);
    // One self-contained file: no -wal beside it, integrity ok, nothing half-written left behind.
    expect(existsSync(`${info.path}-wal`)).toBe(false);
    expect(readdirSync(backupDirFor(b.db.path)).some((f) => f.includes('partial'))).toBe(false);
    const copy = new Database(info.path, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    const list = await call<BackupInfo[]>(b, 'backups.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ path: info.path, counts: { cadres: 1 }, lastChange: expect.any(String) });
    b.close();
  });

  it('backs up to a folder the user picks; a relative folder is refused and nothing is made', async () => {
    const b = await openBackend(tempDbPath(dir));
    const usb = join(dir, 'U盘', '台账备份');
    const info = await call<BackupInfo>(b, 'backups.create', { dir: usb });
    expect(info.path.startsWith(usb)).toBe(true);
    expect(await b.dispatch('backups.create', { dir: 'relative/folder' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('必须是完整路径') },
    });
    expect(existsSync('relative')).toBe(false);
    b.close();
  });

  it('the hosts’ routine backs up at start, then every few hours of use, and only when something changed', async () => {
    const b = await openBackend(tempDbPath(dir));
    const pending: { fn: () => void; ms: number }[] = [];
    const timer: Timer = { setTimeout: (fn, ms) => pending.push({ fn, ms }), clearTimeout: () => (pending.length = 0) };
    const routine = startBackupRoutine(b, { timer, intervalMs: 4 * 3600_000, verify: false });
    const kinds = () =>
      existsSync(backupDirFor(b.db.path)) ? readdirSync(backupDirFor(b.db.path)).map((f) => f.split('.').at(-2)) : [];
    // The start-up backup is made by a worker, in the background: the backend answers meanwhile.
    expect(b.jobs.running().map((j) => j.title)).toEqual(['启动时备份']);
    expect((await b.dispatch('units.list', {})).ok).toBe(true);
    await b.jobs.wait(b.jobs.running()[0]!.id);
    expect(kinds()).toEqual(['start']);
    expect(pending[0]!.ms).toBe(4 * 3600_000);
    await routine.tick(); // four hours, nothing changed: no new file
    expect(kinds()).toEqual(['start']);
    await call(b, 'units.create', { name: '土木学院' });
    await routine.tick();
    expect(kinds().sort()).toEqual(['auto', 'start']);
    routine.stop();
    expect(routine.running).toBe(false);
    b.close();
  }, 120_000);

  it('the scheduler re-arms after each run, survives a failing backup and never runs two at once', async () => {
    const pending: (() => void)[] = [];
    const timer: Timer = { setTimeout: (fn) => pending.push(fn), clearTimeout: () => undefined };
    let runs = 0;
    const errors: unknown[] = [];
    const s = createBackupScheduler({
      run: async () => {
        runs++;
        if (runs === 1) throw new Error('disk full');
      },
      timer,
      onError: (e) => errors.push(e),
    });
    s.start();
    pending.shift()!();
    await new Promise((r) => setTimeout(r, 10));
    expect(errors).toHaveLength(1);
    expect(pending).toHaveLength(1); // re-armed despite the failure
    await Promise.all([s.tick(), s.tick()]);
    expect(runs).toBe(2);
    s.stop();
  });
});

describe('rotation', () => {
  const now = new Date(2026, 5, 15, 18, 0); // 2026-06-15 18:00 local
  const at = (y: number, m: number, d: number, h = 9) => new Date(y, m - 1, d, h);

  it('keeps all of today, the newest of each of the last 30 days, the newest of each month for a year', () => {
    const files = [
      { name: 'today-1', at: at(2026, 6, 15, 8) },
      { name: 'today-2', at: at(2026, 6, 15, 12) },
      { name: 'yesterday-old', at: at(2026, 6, 14, 8) },
      { name: 'yesterday-new', at: at(2026, 6, 14, 17) },
      { name: 'day-29', at: at(2026, 5, 17) },
      { name: 'may-2-old', at: at(2026, 5, 2, 8) },
      { name: 'may-2-new', at: at(2026, 5, 2, 9) },
      { name: 'march-a', at: at(2026, 3, 3) },
      { name: 'march-b', at: at(2026, 3, 20) },
      { name: 'last-july', at: at(2025, 7, 1) },
      { name: 'two-years-ago', at: at(2024, 6, 1) },
    ];
    const keep = backupsToKeep(files, now);
    expect([...keep].sort()).toEqual(['day-29', 'last-july', 'march-b', 'today-1', 'today-2', 'yesterday-new'].sort());
  });

  it('one rotation for every kind: the newest of each kind stays whatever its age; files not ours are left', () => {
    const folder = join(dir, 'rotation');
    const base = 'ledger.sqlite';
    const names = {
      autoOld: backupFileName(base, 'auto', at(2026, 6, 14, 8)),
      autoNew: backupFileName(base, 'auto', at(2026, 6, 14, 17)),
      start: backupFileName(base, 'start', at(2024, 1, 1)),
      manualOld: backupFileName(base, 'manual', at(2024, 1, 1)),
      manualNew: backupFileName(base, 'manual', at(2024, 2, 1)),
      importOld: `${base}.before-import.20240101-000000.sqlite`, // as imports named them before
      importNew: backupFileName(base, 'before-import', at(2024, 3, 1)),
      restore: backupFileName(base, 'before-restore', at(2024, 1, 1)),
      migrationOld: `${base}.v1-before-v2.20240101-000000.sqlite`,
      migrationNew: `${base}.v2-before-v3.20240201-000000.sqlite`,
      foreign: 'someone-elses-file.txt',
      foreignDb: 'copy of ledger.sqlite',
    };
    mkdirSync(folder, { recursive: true });
    for (const n of Object.values(names)) writeFileSync(join(folder, n), '');
    const gone = rotateBackups(folder, now);
    expect(gone.sort()).toEqual([names.autoOld, names.manualOld, names.importOld, names.migrationOld].sort());
    expect(readdirSync(folder).sort()).toEqual(
      Object.values(names)
        .filter((n) => !gone.includes(n))
        .sort(),
    );
    expect(parseBackupName(names.importOld)).toMatchObject({ kind: 'before-import' });
  });
});

describe('the backup an import takes', () => {
  it('is listed as 导入前 (before-import) and rotated with the rest: one a day is kept, not one per import', async () => {
    let clock = new Date(2026, 5, 10, 9);
    const b = await openBackend(tempDbPath(dir), { now: () => clock });
    await call(b, 'units.create', { name: '机械学院' });
    const importUnit = async (name: string) => {
      const sheets = emptySheets();
      sheets.units.push({ name });
      const data = await writeWorkbook(sheets);
      return call<{ backupPath: string }>(b, 'workbook.import', {
        fileName: `${name}.xlsx`,
        dataBase64: data.toString('base64'),
      });
    };
    const first = await importUnit('土木学院');
    const listed = await call<BackupInfo[]>(b, 'backups.list', {});
    expect(listed.find((x) => x.path === first.backupPath)).toMatchObject({ kind: 'before-import' });
    clock = new Date(2026, 5, 10, 10);
    await importUnit('化工学院');
    clock = new Date(2026, 5, 12, 9); // two days later: of 10 June only the newest stays
    await importUnit('外语学院');
    const imports = (await call<BackupInfo[]>(b, 'backups.list', {})).filter((x) => x.kind === 'before-import');
    expect(imports.map((x) => x.at)).toEqual([
      new Date(2026, 5, 12, 9).toISOString(),
      new Date(2026, 5, 10, 10).toISOString(),
    ]);
    b.close();
  });
});

describe('restoring a backup while the app holds the file open', () => {
  it('swaps the file, keeps a copy of the current one first, and the same dispatch keeps working', async () => {
    const path = tempDbPath(dir);
    const b = await openBackend(path);
    const dispatch = b.dispatch; // what a host holds on to
    await call(b, 'units.create', { name: '机械学院' });
    const good = await call<BackupInfo>(b, 'backups.create', {});
    await call(b, 'units.create', { name: '误录的单位一' });
    await call(b, 'units.create', { name: '误录的单位二' });
    expect(count(b, 'units')).toBe(3);

    // A call that arrives while the restore runs waits for the new file, then sees it.
    const [restored, during] = await Promise.all([
      dispatch('backups.restore', { path: good.path }),
      dispatch('units.list', {}),
    ]);
    expect(restored).toMatchObject({ ok: true, value: { restoredFrom: good.path, backup: { counts: { units: 1 } } } });
    expect(during).toMatchObject({ ok: true, value: [{ name: '机械学院' }] });
    expect(count(b, 'units')).toBe(1);
    expect(b.db.pragma('journal_mode')).toBe('wal');
    expect((await dispatch('units.create', { name: '土木学院' })).ok).toBe(true);

    // The copy made before the restore holds the three units.
    const safety = (restored as { value: RestoreResult }).value.safetyCopy;
    expect(basename(safety)).toMatch(/\.before-restore\.sqlite$/);
    const copy = new Database(safety, { readonly: true });
    expect(copy.prepare('SELECT count(*) AS n FROM units').get()).toEqual({ n: 3 });
    copy.close();
    expect(existsSync(`${path}.restoring`)).toBe(false);
    b.close();
  });

  it('refuses a file that is not a sound ledger and leaves the current file as it was', async () => {
    const b = await openBackend(tempDbPath(dir));
    await call(b, 'units.create', { name: '机械学院' });
    const junk = join(dir, 'junk.sqlite');
    writeFileSync(junk, 'not a database'.repeat(500));
    const other = join(dir, 'other.sqlite');
    const o = new Database(other);
    o.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    o.close();
    for (const p of [junk, other, join(dir, 'missing.sqlite')]) {
      const r = await b.dispatch('backups.restore', { path: p });
      expect(r.ok, p).toBe(false);
    }
    expect(await b.dispatch('backups.restore', { path: b.db.path })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(count(b, 'units')).toBe(1);
    b.close();
  });

  it('ledger backup, restore --list and restore --from work from a terminal', async () => {
    const path = tempDbPath(dir);
    const b = await openBackend(path);
    await call(b, 'cadres.create', { name: '赵敏' });
    b.close();
    const made = await run(process.execPath, ['bin/ledger.mjs', 'backup', '--db', path]);
    expect(made.stdout).toContain('干部 1 名，完整性检查通过');
    const to = await run(process.execPath, ['bin/ledger.mjs', 'backup', '--db', path, '--to', join(dir, 'picked')]);
    expect(to.stdout).toContain(join(dir, 'picked'));
    const list = await run(process.execPath, ['bin/ledger.mjs', 'restore', '--db', path, '--list']);
    expect(list.stdout).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+手动.*干部 1/);
    const file = readdirSync(backupDirFor(path))[0]!;
    const b2 = await openBackend(path);
    await call(b2, 'cadres.create', { name: '钱七' });
    b2.close();
    const r = await run(process.execPath, [
      'bin/ledger.mjs',
      'restore',
      '--db',
      path,
      '--from',
      join(backupDirFor(path), file),
    ]);
    expect(r.stdout).toContain('恢复前的数据库已保留为');
    const b3 = await openBackend(path);
    expect(count(b3, 'cadres')).toBe(1);
    b3.close();
  });
});
