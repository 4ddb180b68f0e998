// First start in Chromium against the real backend: a new secretary of a county describes her institution
// (kind 县市区党委政府, name, 发文机关标志 suggested from the name), picks preset 004, and the 通知 the ledger
// drafts is addressed 各乡镇… and speaks of 联系群众 — nothing of a university. A ledger that has its
// regulation but no data yet offers the demo ledger — a separate file, left with one click, hers untouched.
import { expect, test, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { demoPathFor } from '../../electron/services/paths';
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

test('the demo ledger is a separate file: shown with a band, left with one click, her ledger untouched', async ({
  page,
}) => {
  // Generating the demo university takes a while on a loaded machine.
  test.setTimeout(240_000);
  // A university that finished the first start under preset 002 and has entered nothing yet.
  const u = await startTestHost();
  try {
    expect((await u.backend.dispatch('rules.applyPreset', { presetId: '002', year: 2026 })).ok).toBe(true);
    const real = (sql: string) => (u.backend.db.sqlite.prepare(sql).get() as { n: number }).n;
    const auditHead = real('SELECT ifnull(max(id), 0) AS n FROM audit_log');
    const rulesBefore = real('SELECT count(*) AS n FROM rules');
    await page.goto(u.host.openUrl);
    await expect(page.getByTestId('welcome')).toContainText('这是一个空台账');
    await expect(page.getByTestId('welcome')).toContainText('不进入您的台账');
    await expect(page.getByTestId('demo-banner')).toHaveCount(0);
    await page.screenshot({ path: join(ARTIFACTS, 'welcome.png') });

    await page.getByTestId('welcome-demo').click();
    const banner = page.getByTestId('demo-banner');
    await expect(banner).toContainText('演示台账', { timeout: 120_000 });
    await expect(banner).toContainText('不会影响您的台账');
    await expect(page.getByTestId('record-count')).not.toHaveText('共 0 条', { timeout: 30_000 });
    await expect(page.getByTestId('welcome')).toHaveCount(0);
    await page.screenshot({ path: join(ARTIFACTS, 'demo-ledger.png') });
    // The window now talks to the demo file beside hers; hers has received nothing.
    const demoFile = demoPathFor(u.dbPath);
    expect(existsSync(demoFile)).toBe(true);
    expect(u.workspace!.current().path).toBe(demoFile);
    expect(real('SELECT count(*) AS n FROM records')).toBe(0);
    expect(real('SELECT count(*) AS n FROM cadres')).toBe(0);

    // Something done in the demo (through the window's own door) stays in the demo.
    const deleted = await page.evaluate(async () => {
      const call = async (m: string, input: unknown) =>
        (await (
          await fetch(`/api/${m}`, {
            method: 'POST',
            // The page's own session (an HttpOnly cookie) and the header the page's calls carry.
            headers: { 'Content-Type': 'application/json', 'X-Ledger-Request': '1' },
            credentials: 'same-origin',
            body: JSON.stringify(input),
          })
        ).json()) as { ok: boolean; value: { id: number }[] };
      const year = new Date().getFullYear();
      const rules = await call('rules.list', { year });
      return (await call('rules.delete', { id: rules.value[0]!.id })).ok;
    });
    expect(deleted).toBe(true);

    await banner.getByRole('button', { name: '退出演示，回到我的台账' }).click();
    await expect(page.getByTestId('demo-banner')).toHaveCount(0, { timeout: 30_000 });
    await expect(page.getByTestId('welcome')).toContainText('这是一个空台账');
    await expect(page.getByTestId('record-count')).toHaveText('共 0 条');
    await page.screenshot({ path: join(ARTIFACTS, 'demo-left.png') });
    // Her ledger is as it was: no row, no audit entry, every rule; the demo file is gone.
    expect(real('SELECT count(*) AS n FROM records')).toBe(0);
    expect(real('SELECT count(*) AS n FROM cadres')).toBe(0);
    expect(real('SELECT count(*) AS n FROM rules')).toBe(rulesBefore);
    expect(real('SELECT ifnull(max(id), 0) AS n FROM audit_log')).toBe(auditHead);
    expect(existsSync(demoFile)).toBe(false);
    expect(u.workspace!.current()).toBe(u.backend);
  } finally {
    await u.stop();
  }
});
