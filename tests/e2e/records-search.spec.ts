// 台账 search, in Chromium against the real backend: a secretary looks for the records about 热水 in 内容,
// for one cadre by pinyin, and sorts by 类型 — the counts and rows come from the text index.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
const ok = async <T>(method: string, input: unknown): Promise<T> => {
  const r = await t.backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
};

test.beforeAll(async () => {
  t = await startTestHost();
  const types: Record<string, number> = {};
  for (const name of ['座谈', '走访', '听课'])
    types[name] = (await ok<{ id: number }>('vocabulary.addActivityType', { name })).id;
  const zhang = (await ok<{ id: number }>('cadres.create', { name: '张三', title: '党委书记' })).id;
  const li = (await ok<{ id: number }>('cadres.create', { name: '李四', title: '校长' })).id;
  const contents = ['走访学生宿舍，了解热水供应', '听取食堂意见', '座谈：图书馆自习座位', '宿舍热水器维修回访'];
  const records = Array.from({ length: 40 }, (_, i) => ({
    date: `2026-0${1 + (i % 9)}-${String(1 + (i % 27)).padStart(2, '0')}`,
    activityTypeId: Object.values(types)[i % 3]!,
    cadreIds: [i % 2 ? zhang : li],
    place: i % 4 === 1 ? '学生第一食堂' : '学生公寓',
    content: `${contents[i % 4]}（第${i + 1}次）`,
  }));
  await ok('records.createMany', { records });
});
test.afterAll(async () => t?.stop());
test.describe.configure({ mode: 'serial' });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name });

test('内容 热水 and a cadre by pinyin narrow the grid; sorting by 类型 groups the records', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '台账').click();
  await page.getByTestId('records-year').selectOption('2026');
  const count = page.getByTestId('record-count');
  await expect(count).toHaveText('共 40 条');

  // 张三 by the initials of his name.
  await page.getByTestId('records-cadre-filter').fill('zs');
  await expect(count).toHaveText('共 20 条');

  // Among his records, the column filter of 联系工作开展情况 (内容): what she types is searched in the index.
  const header = page.locator('.ag-header-cell[col-id="content"]');
  await header.hover();
  await header.locator('.ag-header-cell-filter-button, .ag-header-cell-menu-button').first().click();
  await page.locator('.ag-filter input[type="text"], .ag-filter input:not([type])').first().fill('热水');
  await expect(count).toHaveText('共 10 条');
  await page.keyboard.press('Escape');
  const grid = page.getByTestId('record-grid');
  const contents = grid.locator('.ag-row .ag-cell[col-id="content"]');
  await expect(contents.first()).toContainText('热水');
  for (const text of await contents.allInnerTexts()) expect(text).toContain('热水');
  const cadres = grid.locator('.ag-row .ag-cell[col-id="cadreIds"]');
  for (const text of await cadres.allInnerTexts()) expect(text).toContain('张三');
  await page.screenshot({ path: join(ARTIFACTS, 'records-search.png') });

  // The cadre box emptied: the 内容 filter is kept (热水 among everyone's records), then cleared.
  await page.getByTestId('records-cadre-filter').fill('');
  await expect(count).toHaveText('共 20 条');
  await header.hover();
  await header.locator('.ag-header-cell-filter-button, .ag-header-cell-menu-button').first().click();
  await page.locator('.ag-filter input[type="text"], .ag-filter input:not([type])').first().fill('');
  await page.keyboard.press('Escape');
  // Sorted by 类型 (every record of the year).
  await expect(count).toHaveText('共 40 条');
  await page.locator('.ag-header-cell[col-id="activityType"] .ag-header-cell-label').click();
  // Types in name order (as SQLite orders text: by code point), newest first within a type.
  const rowsShown = grid.locator('.ag-row');
  await expect(rowsShown.first().locator('.ag-cell[col-id="activityType"]')).toHaveText('听课');
  const shown: { type: string; date: string }[] = [];
  for (const row of await rowsShown.all()) {
    const type = await row.locator('.ag-cell[col-id="activityType"]').innerText();
    const date = await row.locator('.ag-cell[col-id="date"]').innerText();
    if (type && date) shown.push({ type, date });
  }
  expect(shown.length).toBeGreaterThan(10);
  const expected = [...shown].sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : a.date < b.date ? 1 : -1));
  expect(shown.map((r) => r.type)).toEqual(expected.map((r) => r.type));
  await page.screenshot({ path: join(ARTIFACTS, 'records-sorted-by-type.png') });
});
