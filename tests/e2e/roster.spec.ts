// A secretary opens the ledger for the first time, adds a cadre in the grid, reloads: it is still there.
import { expect, test, type Page } from '@playwright/test';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
test.beforeAll(async () => {
  t = await startTestHost();
});
test.afterAll(async () => {
  await t?.stop();
});

const grid = (page: Page) => page.getByTestId('cadre-grid');
const cell = (page: Page, row: number, col: string) =>
  grid(page).locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`).filter({ visible: true }).first();

async function typeInto(page: Page, row: number, col: string, value: string) {
  await cell(page, row, col).dblclick();
  const input = grid(page).locator('.ag-cell-inline-editing input').first();
  await input.fill(value);
  await input.press('Enter');
}

test('add a cadre in the grid, reload, it is still there', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await page.getByRole('button', { name: '人员与单位' }).click();
  // The token left the address bar once read.
  expect(page.url()).not.toContain('token=');

  await page.getByTestId('cadre-grid-add').click();
  const editor = grid(page).locator('.ag-cell-inline-editing input').first();
  await editor.fill('张三');
  await editor.press('Enter');
  await expect(page.getByTestId('cadre-grid')).toContainText('共 1 人');

  await typeInto(page, 0, 'title', '党委书记');
  await expect(cell(page, 0, 'title')).toHaveText('党委书记');
  await typeInto(page, 0, 'termStart', '2024年3月5日');
  await expect(cell(page, 0, 'termStart')).toHaveText('2024-03-05');

  // A wrong date is refused in place, with a Chinese message naming the field.
  await typeInto(page, 0, 'termEnd', '2024-13-40');
  await expect(page.getByTestId('notice')).toContainText('「任职结束」“2024-13-40”不是有效日期');
  await expect(cell(page, 0, 'termEnd')).toHaveText('');

  await page.reload();
  await page.getByRole('button', { name: '人员与单位' }).click();
  await expect(cell(page, 0, 'name')).toHaveText('张三');
  await expect(cell(page, 0, 'title')).toHaveText('党委书记');
  await expect(cell(page, 0, 'termStart')).toHaveText('2024-03-05');
  await page.screenshot({ path: `${ARTIFACTS}/roster-cadres.png`, fullPage: true });

  // And it is in the file, not only on the screen.
  const rows = t.backend.db.sqlite.prepare('SELECT name, title, term_start FROM cadres').all();
  expect(rows).toEqual([{ name: '张三', title: '党委书记', term_start: '2024-03-05' }]);
});

test('delete a cadre after confirming, then undo', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await page.getByRole('button', { name: '人员与单位' }).click();
  await expect(cell(page, 0, 'name')).toHaveText('张三');
  await cell(page, 0, 'title').click();
  await page.getByTestId('cadre-grid-delete').click();
  await expect(page.getByRole('dialog')).toContainText('确定要删除干部“张三”吗');
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('cadre-grid')).toContainText('共 0 人');
  await page.getByRole('button', { name: '撤销', exact: true }).click();
  await expect(cell(page, 0, 'name')).toHaveText('张三');
  await expect(cell(page, 0, 'title')).toHaveText('党委书记');
});
