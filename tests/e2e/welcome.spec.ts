// First start in Chromium against the real backend: a new secretary of a county describes her institution
// (kind 县市区党委政府, name, 发文机关标志 suggested from the name), picks preset 004, and the 通知 the ledger
// drafts is addressed 各乡镇… and speaks of 联系群众 — nothing of a university. A ledger that has its
// regulation but no data yet offers demo data, never forced.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
test.beforeAll(async () => {
  t = await startTestHost();
});
test.afterAll(async () => t?.stop());
test.describe.configure({ mode: 'serial' });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name, exact: true });
const one = <T>(sql: string) => t.backend.db.sqlite.prepare(sql).get() as T;

test('a county starts under preset 004; its 通知 is addressed 各乡镇… and worded 联系群众', async ({ page }) => {
  await page.goto(t.host.openUrl);
  const start = page.getByTestId('first-start');
  await expect(start).toContainText('第1步');
  await start.getByLabel('单位类别').selectOption('县市区党委政府');
  await start.getByLabel('单位名称').fill('兰考县');
  await expect(start.getByLabel('发文机关标志')).toHaveValue('中共兰考县委员会文件');
  await expect(start.getByLabel('发文字号的机关代字')).toHaveValue('县委发');
  await expect(start).toContainText('联系群众');
  await page.screenshot({ path: join(ARTIFACTS, 'first-start-profile.png'), fullPage: true });
  await start.getByRole('button', { name: '下一步' }).click();
  await start.getByRole('radio', { name: '党员干部直接联系服务群众制度汇编' }).check();
  await page.screenshot({ path: join(ARTIFACTS, 'first-start-regulation.png'), fullPage: true });
  await start.getByRole('button', { name: '完成' }).click();
  await expect(page.getByTestId('notice')).toContainText(
    '已保存本单位信息，并按《党员干部直接联系服务群众制度汇编》载入',
  );
  await expect(start).toHaveCount(0);
  expect(one<{ value: string }>("SELECT value FROM settings WHERE key = 'institutionKind'").value).toBe(
    '"县市区党委政府"',
  );
  expect(one<{ preset_id: string }>('SELECT preset_id FROM regulations').preset_id).toBe('004');
  expect(one<{ n: number }>('SELECT count(*) AS n FROM rules').n).toBeGreaterThan(5);
  // The ledger is still empty, so the ways to begin show (demo offered, not forced).
  await expect(page.getByTestId('welcome')).toContainText('这是一个空台账');

  await nav(page, '公文').click();
  const docs = page.getByTestId('documents-page');
  await docs.locator('select').first().selectOption('通知');
  await docs.getByRole('button', { name: '生成草稿' }).click();
  await expect(docs.getByLabel('主送机关')).toHaveValue(/^各乡镇党委、人民政府/);
  await expect(docs.getByLabel('标题')).toHaveValue(/领导干部联系群众工作的通知$/);
  await expect(docs.getByLabel('发文机关标志')).toHaveValue('中共兰考县委员会文件');
  await expect(docs.getByLabel('发文字号')).toHaveValue(/^县委发〔\d{4}〕\d+号$/);
  await expect(docs.getByLabel('署名')).toHaveValue('中共兰考县委员会');
  const draft = await docs.innerText();
  expect(draft).not.toMatch(/师生|学院|大学|校领导/);
  await docs.getByRole('button', { name: '预览' }).click();
  await expect(page.getByTestId('document-preview')).toHaveAttribute('src', /^blob:/, { timeout: 60_000 });
  await page.screenshot({ path: join(ARTIFACTS, 'first-start-county-notice.png'), fullPage: true });
});

test('an empty ledger with its regulation offers demo data; taking it fills a living ledger', async ({ page }) => {
  // A university that finished the first start under preset 002 and has entered nothing yet.
  const u = await startTestHost();
  try {
    expect((await u.backend.dispatch('rules.applyPreset', { presetId: '002', year: 2026 })).ok).toBe(true);
    await page.goto(u.host.openUrl);
    await expect(page.getByTestId('welcome')).toContainText('这是一个空台账');
    await expect(page.getByTestId('first-start')).toHaveCount(0);
    await page.screenshot({ path: join(ARTIFACTS, 'welcome.png') });
    await page.getByTestId('welcome-demo').click();
    await expect(page.getByTestId('notice')).toContainText('已载入示例数据', { timeout: 60_000 });
    await expect(page.getByTestId('welcome')).toHaveCount(0);
    const n = (u.backend.db.sqlite.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
    expect(n).toBeGreaterThan(1000);
    await expect(page.getByTestId('record-count')).not.toHaveText('共 0 条');
    await page.screenshot({ path: join(ARTIFACTS, 'demo-ledger.png') });
    // Offered only on an empty ledger: a second load is refused.
    const again = await u.backend.dispatch('demo.generate', {});
    expect(again).toMatchObject({ ok: false });
  } finally {
    await u.stop();
  }
});
