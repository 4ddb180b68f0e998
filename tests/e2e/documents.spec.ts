// 公文: the secretary picks a document, lets the ledger draft it, adjusts it and previews the PDF.
import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
test.beforeAll(async () => {
  t = await startTestHost();
  const r = await t.backend.dispatch('demo.generate', {});
  expect(r.ok).toBe(true);
});
test.afterAll(async () => t?.stop());

const nav = (page: import('@playwright/test').Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name, exact: true });

const someCadre = () =>
  (
    t.backend.db.sqlite
      .prepare('SELECT name FROM cadres WHERE id = (SELECT min(cadre_id) FROM record_cadres)')
      .get() as { name: string }
  ).name;

for (const type of ['通知', '公示', '记录表', '考核']) {
  test(`a ${type} is drafted from the ledger and previewed as a PDF`, async ({ page }) => {
    await page.goto(t.host.openUrl);
    await nav(page, '公文').click();
    const pageEl = page.getByTestId('documents-page');
    await pageEl.locator('select').first().selectOption(type);
    if (type === '记录表' || type === '考核') await pageEl.getByPlaceholder('姓名').fill(someCadre());
    await pageEl.getByRole('button', { name: '生成草稿' }).click();
    await pageEl.getByRole('button', { name: '预览' }).click();
    const preview = page.getByTestId('document-preview');
    await expect(preview).toHaveAttribute('src', /^blob:/, { timeout: 60_000 });
    await page.screenshot({ path: join(ARTIFACTS, `documents-${type}.png`) });
  });
}

test('保存为Word downloads the drafted 通知 as an editable .docx', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '公文').click();
  const pageEl = page.getByTestId('documents-page');
  await pageEl.locator('select').first().selectOption('通知');
  await pageEl.getByRole('button', { name: '生成草稿' }).click();
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await pageEl.getByRole('button', { name: '保存为Word' }).click();
  const d = await download;
  expect(d.suggestedFilename()).toMatch(/通知\.docx$/);
  const path = join(ARTIFACTS, 'documents-通知.docx');
  await d.saveAs(path);
  const head = (await import('node:fs')).readFileSync(path).subarray(0, 2).toString('latin1');
  expect(head).toBe('PK'); // a zip container, as every .docx is
  await expect(page.getByText(/已保存可编辑的 Word 文件/)).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'documents-docx.png') });
});

test('人员与单位 names a cadre whose name the document font lacks a character of', async ({ page }) => {
  const r = await t.backend.dispatch('cadres.create', {
    name: '王喆',
    title: '副校长',
    level: '',
    roles: [],
    unitId: null,
    partyMember: true,
    termStart: null,
    termEnd: null,
    note: '',
  });
  expect(r.ok).toBe(true);
  await page.goto(t.host.openUrl);
  await nav(page, '人员与单位').click();
  const notice = page.getByTestId('name-glyphs');
  await expect(notice).toContainText('王喆（喆）');
  await expect(notice).toContainText('公文会改用');
  await page.screenshot({ path: join(ARTIFACTS, 'roster-name-glyphs.png') });
  if (r.ok) await t.backend.dispatch('cadres.delete', { id: (r.value as { id: number }).id });
});

test('settings show which font each role uses', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '设置').click();
  await page.getByRole('tab', { name: '公文字体' }).click();
  await expect(page.getByTestId('font-fangsong')).toContainText('Fandol');
  await page.screenshot({ path: join(ARTIFACTS, 'settings.png') });
});
