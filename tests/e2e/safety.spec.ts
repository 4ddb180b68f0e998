// 数据安全: a backup made on demand shows in the list with what it holds; the check finds nothing on an
// honest ledger and names the row a database tool changed behind the program's back; a year is locked.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
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
