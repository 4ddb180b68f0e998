// The institution's lists in the UI: 设置 → 词汇 shows each list with its uses and renames a value with
// every use following; the roster picks 级别 and 角色 from the lists and refuses a typed value the list
// lacks; an Excel file with a value off the list is not imported until the user maps it.
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
test.beforeAll(async () => {
  t = await startTestHost();
  // A county ledger under preset 004, with one town leader on the roster.
  await t.backend.dispatch('rules.applyPreset', { presetId: '004', year: 2026 });
  const town = await t.backend.dispatch('units.create', { name: '城关镇', category: '镇' });
  if (!town.ok) throw new Error(town.error.message);
  await t.backend.dispatch('cadres.create', {
    name: '王建国',
    title: '城关镇党委书记',
    level: '镇级',
    roles: ['支部书记'],
    unitId: (town.value as { id: number }).id,
  });
});
test.afterAll(async () => t?.stop());
test.describe.configure({ mode: 'serial' });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name });
const cell = (page: Page, row: number, col: string) =>
  page
    .getByTestId('cadre-grid')
    .locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`)
    .filter({ visible: true })
    .first();
const q = (sql: string) => t.backend.db.sqlite.prepare(sql).get() as Record<string, unknown>;

test('设置 → 词汇: 镇级 renamed 乡镇级, the cadre and the rules follow', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '设置').click();
  await page.getByRole('tab', { name: '词汇' }).click();
  const levels = page.getByTestId('vocab-levels');
  await expect(levels.getByRole('row', { name: /镇级/ })).toContainText('1位干部、8条要求');
  await page.screenshot({ path: join(ARTIFACTS, 'settings-vocabulary.png'), fullPage: true });
  await levels.getByRole('button', { name: '改名镇级' }).click();
  await page.getByLabel('新名称').fill('乡镇级');
  await page.screenshot({ path: join(ARTIFACTS, 'settings-vocabulary-rename.png') });
  await page.getByRole('button', { name: '改名', exact: true }).click();
  await expect(page.getByTestId('notice')).toContainText('已把级别“镇级”改名为“乡镇级”：1位干部、8条要求随之更改');
  await expect(levels.getByRole('row', { name: /乡镇级/ })).toContainText('1位干部、8条要求');
  expect(q("SELECT level FROM cadres WHERE name = '王建国'").level).toBe('乡镇级');
  expect(q('SELECT count(*) AS n FROM rules WHERE body LIKE \'%"镇级"%\'').n).toBe(0);
});

test('the roster picks 级别 from the list; a typed level the list lacks is refused in place', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '人员与单位').click();
  await cell(page, 0, 'level').dblclick();
  const combo = page.getByTestId('cadre-grid').getByRole('combobox');
  await combo.click();
  await expect(page.getByRole('option', { name: '县级', exact: true })).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'roster-level-picker.png') });
  await page.getByRole('option', { name: '县直', exact: true }).click();
  await expect(cell(page, 0, 'level')).toHaveText('县直');
  expect(q("SELECT level FROM cadres WHERE name = '王建国'").level).toBe('县直');

  // 角色: a checklist of the listed roles.
  await cell(page, 0, 'roles').dblclick();
  const checklist = page.getByRole('group', { name: '选择角色' });
  await expect(checklist).toBeVisible();
  await checklist.getByLabel('包村干部').check();
  await page.screenshot({ path: join(ARTIFACTS, 'roster-roles-checklist.png') });
  await page.keyboard.press('Enter');
  await expect(cell(page, 0, 'roles')).toHaveText('支部书记、包村干部');
  await expect.poll(() => t.backend.db.sqlite.prepare('SELECT count(*) AS n FROM cadre_roles').get()).toEqual({ n: 2 });
});

test('a pasted 级别 the list lacks is refused with the allowed values named', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '人员与单位').click();
  await cell(page, 0, 'name').click();
  await page.locator('[data-testid="cadre-grid"] .grid-box').evaluate((el) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', '李四\t副县长\t正处级\r\n');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await expect(page.getByTestId('notice').or(page.getByRole('dialog')).first()).toContainText(
    '“正处级”不在本单位的级别列表中',
  );
  await page.screenshot({ path: join(ARTIFACTS, 'roster-level-refused.png') });
  expect(q("SELECT count(*) AS n FROM cadres WHERE level = '正处级'").n).toBe(0);
});

test('an Excel file with 级别 正处 is imported only after 正处 is mapped to a listed level', async ({ page }) => {
  const tpl = await t.backend.dispatch('workbook.template', {});
  if (!tpl.ok) throw new Error(tpl.error.message);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from((tpl.value as { dataBase64: string }).dataBase64, 'base64') as unknown as ArrayBuffer);
  wb.getWorksheet('干部')!.addRow(['赵县长', '县长', '正处', '包村干部', null, '是']);
  const file = join(ARTIFACTS, 'vocabulary-import.xlsx');
  await wb.xlsx.writeFile(file);

  await page.goto(t.host.openUrl);
  await page.getByTestId('workbook-file').setInputFiles(file);
  const dialog = page.getByRole('dialog', { name: /个值不在本单位的列表中/ });
  await expect(dialog).toContainText('「干部」表的“级别”');
  await expect(dialog.getByRole('button', { name: '按所选对应后导入' })).toBeDisabled();
  await dialog.getByLabel('“正处”对应到').selectOption('县级');
  await page.screenshot({ path: join(ARTIFACTS, 'import-mapping.png') });
  await dialog.getByRole('button', { name: '按所选对应后导入' }).click();
  await expect(page.getByTestId('notice')).toContainText('已导入“vocabulary-import.xlsx”');
  expect(q("SELECT level FROM cadres WHERE name = '赵县长'").level).toBe('县级');
  expect(q("SELECT count(*) AS n FROM vocabulary_terms WHERE name = '正处'").n).toBe(0);
});
