// A new user opens an empty ledger: the ways to begin are shown, and demo data is offered — never forced.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
test.beforeAll(async () => {
  t = await startTestHost();
});
test.afterAll(async () => t?.stop());

test('an empty ledger offers demo data; taking it fills a living ledger', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await expect(page.getByTestId('welcome')).toContainText('这是一个空台账');
  await page.screenshot({ path: join(ARTIFACTS, 'welcome.png') });
  await page.getByTestId('welcome-demo').click();
  await expect(page.getByTestId('notice')).toContainText('已载入示例数据', { timeout: 60_000 });
  await expect(page.getByTestId('welcome')).toHaveCount(0);
  const n = (t.backend.db.sqlite.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
  expect(n).toBeGreaterThan(1000);
  await expect(page.getByTestId('record-count')).not.toHaveText('共 0 条');
  await page.screenshot({ path: join(ARTIFACTS, 'demo-ledger.png') });
  // Offered only on an empty ledger: a second load is refused.
  const again = await t.backend.dispatch('demo.generate', {});
  expect(again).toMatchObject({ ok: false });
});
