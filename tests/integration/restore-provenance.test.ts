// A restore replaces the whole ledger, so the file must be this ledger's own backup and its trail must hold:
// another institution's ledger (ledger_meta.ledgerId differs) and a file whose audit chain is broken are
// refused with a Chinese message saying why, changing nothing — through the contract (the 数据安全 page)
// and through `ledger restore`. A secretary who really means it restores anyway by naming the reason
// (accept / --other-ledger / --broken-trail, the page's second dialog 仍要恢复), and the anchors log
// outside the file says so.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/doors/cli/commands';
import { anchorsPathFor } from '../../electron/services/audit-anchors';
import { openBackend, type Backend } from '../../electron/services/backend';
import { backupDirFor } from '../../electron/services/paths';
import type { BackupInfo, RestoreResult } from '../../shared/api/backup';
import { calls } from '../support/calls';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir('ledger-provenance-');
let b: Backend;
const { ok, refusal } = calls(() => b);
const units = () =>
  (b.db.sqlite.prepare('SELECT name FROM units ORDER BY id').all() as { name: string }[]).map((u) => u.name);
const beforeRestoreCopies = (path: string) =>
  existsSync(backupDirFor(path)) ? readdirSync(backupDirFor(path)).filter((f) => f.includes('before-restore')) : [];

/** A ledger of its own (its own ledgerId), with one unit and the institution named, and a backup of it. */
async function ledger(institution: string, unit: string): Promise<{ path: string; backup: string }> {
  const path = tempDbPath(dir);
  b = await openBackend(path);
  await ok('settings.set', { institution });
  await ok('units.create', { name: unit });
  const backup = (await ok<BackupInfo>('backups.create', {})).path;
  b.close();
  return { path, backup };
}

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('restoring a file that is not this ledger’s own sound backup', () => {
  it('another institution’s ledger is refused naming it, nothing changes; 仍要恢复 restores it and is recorded', async () => {
    const other = await ledger('乙大学', '乙大学化工学院');
    const own = await ledger('甲大学', '甲大学机械学院');
    b = await openBackend(own.path);
    const e = await refusal('backups.restore', { path: other.backup });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(
      /^没有恢复，台账未作任何改动：备份文件“.+”不是本台账的备份，而是另一个台账的数据（单位名称：乙大学），恢复会用它替换本单位的全部数据。如确认要用这个文件，请再次恢复并选择“仍要恢复”。$/,
    );
    expect(e.issues).toEqual([expect.objectContaining({ field: '仍要恢复', value: 'otherLedger' })]);
    expect(units()).toEqual(['甲大学机械学院']);
    expect(beforeRestoreCopies(own.path)).toEqual([]);
    // Accepting the other reason does not cover this one.
    expect((await refusal('backups.restore', { path: other.backup, accept: ['brokenTrail'] })).message).toContain(
      '另一个台账的数据',
    );

    const r = await ok<RestoreResult>('backups.restore', { path: other.backup, accept: ['otherLedger'] });
    expect(r.accepted).toEqual(['otherLedger']);
    expect(units()).toEqual(['乙大学化工学院']);
    expect(beforeRestoreCopies(own.path)).toHaveLength(1);
    const last = readFileSync(anchorsPathFor(own.path), 'utf8').trim().split('\n').at(-1)!;
    expect(last).toContain('仍要恢复：另一个台账的数据');
    b.close();
  });

  it('a backup whose audit chain was broken after it was taken is refused saying where; 仍要恢复 restores it', async () => {
    const own = await ledger('甲大学', '机械学院');
    // The backup edited outside the program: a unit's audit entry made to say something else.
    const s = new Database(own.backup);
    const entry = s.prepare("SELECT id FROM audit_log WHERE table_name = 'units' ORDER BY id LIMIT 1").get() as {
      id: number;
    };
    s.prepare('UPDATE audit_log SET after = replace(after, ?, ?) WHERE id = ?').run('机械学院', '土木学院', entry.id);
    s.close();
    b = await openBackend(own.path);
    await ok('units.create', { name: '化工学院' });
    const e = await refusal('backups.restore', { path: own.backup });
    expect(e.message).toContain(
      `的审计记录校验链断裂（共1处，第一处在第${entry.id}条：内容与校验值不符（记录被改动）），其中的数据可能在备份后被改动过`,
    );
    expect(e.issues?.map((i) => i.value)).toEqual(['brokenTrail']);
    expect(units()).toEqual(['机械学院', '化工学院']);
    const r = await ok<RestoreResult>('backups.restore', { path: own.backup, accept: ['brokenTrail'] });
    expect(r.accepted).toEqual(['brokenTrail']);
    expect(units()).toEqual(['机械学院']);
    b.close();
  });

  it('ledger restore refuses both the same way, names the flag, and restores with it', async () => {
    const other = await ledger('乙大学', '乙大学化工学院');
    const own = await ledger('甲大学', '甲大学机械学院');
    const refused = await cli(['restore', '--db', own.path, '--from', other.backup]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('不是本台账的备份，而是另一个台账的数据（单位名称：乙大学）');
    expect(refused.err).toContain('确认仍要恢复时，请在命令后加上 --other-ledger。');
    expect(beforeRestoreCopies(own.path)).toEqual([]);
    const done = await cli(['restore', '--db', own.path, '--from', other.backup, '--other-ledger']);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toContain('恢复前的数据库已保留为');
    b = await openBackend(own.path);
    expect(units()).toEqual(['乙大学化工学院']);
    b.close();
  });
});
