// 数据安全: a backup made on demand shows in the list with what it holds; the check finds nothing on an
// honest ledger and names the row a database tool changed behind the program's back; a year is locked;
// another institution's ledger found among the backups is refused with the reason, and restored only after
// a second, separate choice 仍要恢复.
import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { openBackend } from '../../electron/services/backend';
import { backupFileName } from '../../electron/services/backup/files';
import { backupDirFor } from '../../electron/services/paths';
import type { BackupInfo } from '../../shared/api/backup';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
test.beforeAll(async () => {
  t = await startTestHost();
  expect((await t.backend.dispatch('demo.generate', {})).ok).toBe(true);
});
test.afterAll(async () => t?.stop());

test('back up now, verify the ledger, see a forged record, lock the year', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '数据安全' }).click();
  await page.getByTestId('backup-now').click();
  await expect(page.getByTestId('notice')).toContainText('已备份');
  const records = (t.backend.db.sqlite.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  await expect(page.getByTestId('backup-list').locator('tbody tr').first()).toContainText(String(records));

  await page.getByTestId('verify-now').click();
  await expect(page.getByTestId('notice')).toContainText('核查通过');

  // Someone edits a record with a database tool, outside the program.
  t.backend.db.sqlite.prepare("UPDATE records SET place = '伪造地点' WHERE id = 7").run();
  await page.getByTestId('verify-now').click();
  await expect(page.getByTestId('verify-report')).toContainText('联系记录（records）编号 7');

  await page.getByTestId('lock-year').click();
  await expect(page.getByTestId('notice')).toContainText('已锁定');
  await page.screenshot({ path: join(ARTIFACTS, 'safety.png') });
  const edit = await t.backend.dispatch('records.update', { id: 8, patch: { place: '新地点' } });
  expect(edit).toMatchObject({ ok: false, error: { message: expect.stringContaining('已锁定') } });
});

test('another institution’s ledger among the backups is refused saying so; 仍要恢复 restores it', async ({ page }) => {
  // A backup of another ledger (乙县人民医院's), put into this ledger's backup folder.
  const otherPath = join(mkdtempSync(join(tmpdir(), 'ledger-e2e-other-')), 'other.sqlite');
  const other = await openBackend(otherPath);
  expect((await other.dispatch('settings.set', { institution: '乙县人民医院' })).ok).toBe(true);
  expect((await other.dispatch('units.create', { name: '乙县医院内科' })).ok).toBe(true);
  const made = await other.dispatch('backups.create', {});
  other.close();
  mkdirSync(backupDirFor(t.dbPath), { recursive: true });
  const name = backupFileName(basename(t.dbPath), 'manual', new Date('2020-01-02T03:04:05Z'));
  copyFileSync((made as { value: BackupInfo }).value.path, join(backupDirFor(t.dbPath), name));
  const units = () =>
    (t.backend.db.sqlite.prepare('SELECT name FROM units').all() as { name: string }[]).map((u) => u.name);
  const before = units();

  await page.goto(t.host.openUrl);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '数据安全' }).click();
  const row = page.getByTestId('backup-list').locator('tbody tr', { hasText: '2020' });
  await row.getByRole('button', { name: '恢复' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('仍要恢复？');
  await expect(dialog).toContainText('不是本台账的备份，而是另一个台账的数据（单位名称：乙县人民医院）');
  await expect(page.getByTestId('notice')).toContainText('没有恢复，台账未作任何改动。');
  await page.screenshot({ path: join(ARTIFACTS, 'safety-restore-anyway.png') });
  expect(units()).toEqual(before);

  // Cancelling leaves it so; choosing 仍要恢复 restores it.
  await dialog.getByRole('button', { name: '取消' }).click();
  expect(units()).toEqual(before);
  await row.getByRole('button', { name: '恢复' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '确定' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '仍要恢复' }).click();
  await expect(page.getByTestId('notice')).toContainText('已恢复');
  expect(units()).toEqual(['乙县医院内科']);
});
