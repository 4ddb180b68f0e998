// The doors that answer the program's window (Electron IPC, the browser host) take no path the page names:
// through pageDispatch on a real ledger file, a backup folder, a 考核 packet folder or a font file at /etc or
// ../ is refused in Chinese and nothing is written there, in the ledger, its settings or its audit trail. The
// window's own ways still work: a backup into the ledger's backup folder, a font copied into the ledger's font
// folder and chosen from settings.fontFiles. A terminal (the backend's own dispatch, as `ledger` uses) keeps
// its paths.
import { copyFileSync, existsSync, mkdirSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pageDispatch } from '../../electron/doors/page-calls';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { Dispatch } from '../../electron/services/dispatch';
import { backupDirFor, fontDirFor } from '../../electron/services/paths';
import { bundledFontsDir } from '../../electron/services/settings';
import type { BackupInfo } from '../../shared/api/backup';
import type { FontFiles, SettingsState } from '../../shared/api/settings';
import { tempDbPath, tempDir } from '../support/tmp';

const dir = tempDir('ledger-pagepaths-');
let b: Backend;
let page: Dispatch;
let dbPath: string;
const outside = join(dir, 'outside');

const auditCount = () => (b.db.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
const settingsRows = () => JSON.stringify(b.db.sqlite.prepare('SELECT key, value FROM settings ORDER BY key').all());
const backups = () => (existsSync(backupDirFor(dbPath)) ? readdirSync(backupDirFor(dbPath)).sort() : []);

async function refusedFromPage(method: string, input: unknown): Promise<{ message: string; issues?: unknown[] }> {
  const before = { audit: auditCount(), settings: settingsRows(), backups: backups(), outside: readdirSync(outside) };
  const r = await page(method, input);
  if (r.ok) throw new Error(`${method} went through from a page: ${JSON.stringify(input)}`);
  expect(r.error.code).toBe('FORBIDDEN');
  expect(r.error.message).toContain('未作任何改动');
  expect({ audit: auditCount(), settings: settingsRows(), backups: backups(), outside: readdirSync(outside) }).toEqual(
    before,
  );
  return r.error;
}

beforeAll(async () => {
  dbPath = tempDbPath(dir);
  mkdirSync(outside);
  b = await openBackend(dbPath);
  page = pageDispatch(b.dispatch, () => dbPath);
  expect((await b.dispatch('units.create', { name: '机械学院' })).ok).toBe(true);
  return () => b.close();
});

describe('a page names no path the backend trusts', () => {
  it('a backup folder or a 考核 packet folder at /etc, ../ or elsewhere: refused, nothing written', async () => {
    for (const d of [outside, '/etc', `${dir}/../..`, '../../etc'])
      expect((await refusedFromPage('backups.create', { dir: d })).message).toContain(
        '程序窗口中的备份保存在本台账旁的备份文件夹中',
      );
    expect((await refusedFromPage('backups.list', { dir: '/etc' })).message).toContain('只列出本台账备份文件夹');
    for (const d of [outside, '/etc/cron.d', '../..'])
      expect((await refusedFromPage('documents.packet', { year: 2026, dir: d })).message).toContain(
        '考核材料包保存在本台账旁的考核材料文件夹中',
      );
    await refusedFromPage('jobs.start', { method: 'documents.packet', input: { year: 2026, dir: outside } });
    await refusedFromPage('jobs.start', { method: 'backups.create', input: { dir: outside } });
  });

  it('without a folder the window’s backup goes into the ledger’s own folder and lists there', async () => {
    const made = await page('backups.create', {});
    expect(made.ok).toBe(true);
    const info = (made as { value: BackupInfo }).value;
    expect(info.path.startsWith(backupDirFor(dbPath))).toBe(true);
    const listed = await page('backups.list', {});
    expect((listed as { value: BackupInfo[] }).value.map((x) => x.path)).toContain(info.path);
  });

  it('a font file the list does not offer (/etc/passwd, ../, a link in the font folder): refused naming the role', async () => {
    const linked = join(fontDirFor(dbPath), '伪装.ttf');
    mkdirSync(fontDirFor(dbPath), { recursive: true });
    symlinkSync('/etc/passwd', linked);
    const offered = (await page('settings.fontFiles', {})) as { ok: true; value: FontFiles };
    expect(offered.value.folder).toBe(fontDirFor(dbPath));
    expect(offered.value.files.map((f) => f.path)).not.toContain(linked);
    for (const p of [
      '/etc/passwd',
      '../../../../etc/passwd',
      linked,
      join(bundledFontsDir(), 'FandolKai-Regular.otf'),
    ]) {
      const e = await refusedFromPage('settings.set', { fonts: { fangsong: p } });
      expect(e.message).toContain('字体文件只能从“设置 → 公文字体”列出的文件中选择');
      expect(e.issues).toEqual([
        { path: ['fonts', 'fangsong'], field: '仿宋字体', message: '不是“公文字体”中列出的字体文件' },
      ]);
    }
  });

  it('a font copied into the ledger’s font folder is offered, chosen from the page and used; saving again keeps it', async () => {
    const mine = join(fontDirFor(dbPath), '我的仿宋.otf');
    copyFileSync(join(bundledFontsDir(), 'FandolFang-Regular.otf'), mine);
    const offered = ((await page('settings.fontFiles', {})) as { ok: true; value: FontFiles }).value;
    expect(offered.files.filter((f) => f.place === 'ledger').map((f) => f.name)).toEqual(['我的仿宋.otf']);
    const set = await page('settings.set', { fonts: { fangsong: mine } });
    expect(set.ok).toBe(true);
    const state = (set as { value: SettingsState }).value;
    expect(state.fonts.find((f) => f.role === 'fangsong')).toMatchObject({ path: mine, origin: 'override' });
    // 保存设置 on 本单位 sends every value, the chosen font among them: kept, not refused.
    const again = await page('settings.set', { ...state.values, institution: '甲大学' });
    expect(again.ok, JSON.stringify(again)).toBe(true);
    expect((again as { value: SettingsState }).value.values).toMatchObject({
      institution: '甲大学',
      fonts: { fangsong: mine },
    });
  });

  it('a terminal keeps its paths: the backend’s own dispatch backs up into the folder it is given', async () => {
    const made = await b.dispatch('backups.create', { dir: outside });
    expect(made.ok).toBe(true);
    expect(readdirSync(outside)).toHaveLength(1);
  });
});
