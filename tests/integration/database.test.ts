// Opening ledger files: safe settings, schema v1, backups before migrating, and refusals in Chinese.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { latestVersion, migrations } from '../../migrations/index';
import type { Migration } from '../../migrations/context';
import { openLedger } from '../../electron/services/db/open';
import { backupDirFor } from '../../electron/services/paths';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir();

describe('a new ledger file', () => {
  it('is created with WAL, synchronous=FULL, foreign keys on and the latest schema', async () => {
    const path = tempDbPath(dir);
    const db = await openLedger(path);
    expect(db.pragma('journal_mode')).toBe('wal');
    expect(db.pragma('synchronous')).toBe(2); // FULL
    expect(db.pragma('foreign_keys')).toBe(1);
    expect(db.pragma('busy_timeout')).toBe(5000);
    expect(db.pragma('user_version')).toBe(latestVersion);
    const tables = db.sqlite
      .prepare("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all()
      .map((r) => (r as { name: string }).name);
    for (const t of [
      'units',
      'cadres',
      'cadre_roles',
      'contact_objects',
      'assignments',
      'activity_types',
      'object_categories',
      'records',
      'record_cadres',
      'record_objects',
      'attachments',
      'follow_ups',
      'regulations',
      'rules',
      'semesters',
      'calendar_days',
      'calendar_years',
      'rota_duties',
      'settings',
      'document_register',
      'year_locks',
      'audit_log',
    ])
      expect(tables).toContain(t);
    db.close();
  });

  it('keeps the 002 第三十二条 fields of a record and several cadres and objects per record', async () => {
    const db = await openLedger(tempDbPath(dir));
    const cols = (t: string) =>
      db.sqlite
        .prepare(`PRAGMA table_info(${t})`)
        .all()
        .map((c) => (c as { name: string }).name);
    expect(cols('records')).toEqual(
      expect.arrayContaining([
        'date',
        'start_time',
        'place',
        'content',
        'opinions',
        'implementation',
        'hours',
        'days',
        'companions',
      ]),
    );
    expect(cols('record_cadres')).toEqual(expect.arrayContaining(['record_id', 'cadre_id', 'title']));
    expect(cols('record_objects')).toEqual(expect.arrayContaining(['record_id', 'object_id']));
    db.close();
  });

  it('enforces foreign keys: a record cannot name a cadre who does not exist', async () => {
    const db = await openLedger(tempDbPath(dir));
    const at = '2026-01-01T00:00:00Z';
    db.sqlite.prepare("INSERT INTO activity_types (name) VALUES ('调研')").run();
    db.sqlite
      .prepare('INSERT INTO records (date, activity_type_id, created_at, updated_at) VALUES (?, 1, ?, ?)')
      .run('2026-03-01', at, at);
    expect(() => db.sqlite.prepare('INSERT INTO record_cadres (record_id, cadre_id) VALUES (1, 999)').run()).toThrow(
      /FOREIGN KEY/,
    );
    db.close();
  });
});

describe('an existing ledger file', () => {
  // One version past the shipped schema, whatever that is.
  const next = latestVersion + 1;
  const extra: Migration = {
    version: next,
    name: 'test-extra-column',
    up: ({ exec }) => exec('ALTER TABLE units ADD COLUMN test_extra TEXT'),
  };

  it('is backed up with the online backup API before it is migrated, and the backup is a good copy', async () => {
    const path = tempDbPath(dir);
    const v1 = await openLedger(path);
    v1.sqlite.prepare("INSERT INTO units (name, created_at, updated_at) VALUES ('机械学院', 'x', 'x')").run();
    v1.close();

    const v2 = await openLedger(path, { migrations: [...migrations, extra] });
    expect(v2.pragma('user_version')).toBe(next);
    v2.close();

    const backups = readdirSync(backupDirFor(path));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(new RegExp(`\\.v${latestVersion}-before-v${next}\\..*\\.sqlite$`));
    const copy = new Database(`${backupDirFor(path)}/${backups[0]}`, { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(copy.prepare('SELECT name FROM units').all()).toEqual([{ name: '机械学院' }]);
    copy.close();
  });

  it('is refused when a newer version of the program made it, and is left untouched', async () => {
    const path = tempDbPath(dir);
    (await openLedger(path, { migrations: [...migrations, extra] })).close();
    await expect(openLedger(path)).rejects.toMatchObject({
      code: 'DB_NEWER',
      message: expect.stringContaining(`更新版本的程序创建（数据结构版本 ${next}，本程序只支持到 ${latestVersion}）`),
    });
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(next);
    raw.close();
  });

  it('is refused when it is some other program’s database', async () => {
    const path = tempDbPath(dir);
    const other = new Database(path);
    other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY)');
    other.close();
    await expect(openLedger(path)).rejects.toMatchObject({
      code: 'DB_CORRUPT',
      message: expect.stringContaining('不是联系群众工作台账'),
    });
  });

  it('is refused, in Chinese, when it is not a database at all', async () => {
    const path = tempDbPath(dir);
    writeFileSync(path, 'this is a spreadsheet, not a database'.repeat(200));
    await expect(openLedger(path)).rejects.toMatchObject({
      code: 'DB_CORRUPT',
      message: expect.stringContaining('不是台账数据库，或已经损坏'),
    });
  });

  it('a migration landed out of numeric order (a lower number added later) is still applied', async () => {
    const path = tempDbPath(dir);
    const later: Migration = {
      version: next + 1,
      name: 'later',
      up: ({ exec }) => exec('CREATE TABLE later_t (id INTEGER)'),
    };
    const earlier: Migration = {
      version: next,
      name: 'earlier',
      up: ({ exec }) => exec('CREATE TABLE earlier_t (id INTEGER)'),
    };
    (await openLedger(path, { migrations: [...migrations, later] })).close();
    const db = await openLedger(path, { migrations: [...migrations, earlier, later] });
    expect(db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'earlier_t'").get()).toEqual({
      n: 1,
    });
    expect(db.pragma('user_version')).toBe(next + 1);
    expect(
      (db.sqlite.prepare('SELECT name FROM schema_migrations ORDER BY version').all() as { name: string }[]).map(
        (r) => r.name,
      ),
    ).toEqual([...migrations.map((m) => m.name), 'earlier', 'later']);
    db.close();
  });

  it('a failing migration leaves the file at its old version with nothing half-applied', async () => {
    const path = tempDbPath(dir);
    (await openLedger(path)).close();
    const broken: Migration = {
      version: next,
      name: 'broken',
      up: ({ exec }) => {
        exec('CREATE TABLE half (id INTEGER)');
        exec('THIS IS NOT SQL');
      },
    };
    await expect(openLedger(path, { migrations: [...migrations, broken] })).rejects.toBeTruthy();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(latestVersion);
    expect(raw.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'half'").get()).toEqual({ n: 0 });
    raw.close();
    expect(existsSync(backupDirFor(path))).toBe(true);
  });
});
