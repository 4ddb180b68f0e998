// A new secretary's first day, in Chromium against the real backend: units and cadres, 2026 contact
// points, five records typed with the keyboard alone, twenty rows pasted from a spreadsheet, the import
// template with a wrong date (refused, nothing imported), fixed and imported, a cadre found by pinyin
// initials, a problem handed to a department with its working-day deadline, a deletion undone.
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
test.beforeAll(async () => {
  t = await startTestHost();
  // The vocabulary a preset brings (活动类型) — as `ledger init --preset 002` would.
  for (const name of ['座谈', '听课', '走访', '调研']) await t.backend.dispatch('vocabulary.addActivityType', { name });
  for (const [name, kind] of [
    ['学院', 'unit'],
    ['班级', 'unit'],
    ['宿舍', 'unit'],
    ['教授', 'person'],
  ])
    await t.backend.dispatch('vocabulary.addObjectCategory', { name, kind });
  // 级别, 角色 and 单位类别 the institution uses (设置 → 词汇); the grids pick from them.
  for (const [list, names] of [
    ['levels', ['校级', '正处级', '副处级']],
    ['roles', ['党委书记', '校长']],
    ['unitCategories', ['学院', '职能部门']],
  ] as const)
    for (const name of names) await t.backend.dispatch('vocabulary.add', { list, name });
});
test.afterAll(async () => t?.stop());
test.describe.configure({ mode: 'serial' });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name });
const gridCell = (page: Page, testId: string, row: number, col: string) =>
  page
    .getByTestId(testId)
    .locator(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`)
    .filter({ visible: true })
    .first();
const count = (sql: string) => (t.backend.db.sqlite.prepare(sql).get() as { n: number }).n;

/** Types into a cell as a user would; a list cell (类别, 单位 …) is picked from its drop-down list. */
async function typeCell(page: Page, testId: string, row: number, col: string, value: string) {
  await gridCell(page, testId, row, col).dblclick();
  const grid = page.getByTestId(testId);
  const input = grid.locator(
    '.ag-cell-inline-editing input[type="text"], .ag-cell-inline-editing input:not([type]), .ag-popup-editor input',
  );
  const combo = grid.getByRole('combobox');
  await expect(input.or(combo).first()).toBeVisible();
  if (await combo.first().isVisible()) {
    await combo.first().click();
    await page.getByRole('option', { name: value, exact: true }).click();
    if (await combo.first().isVisible()) await page.keyboard.press('Enter');
  } else {
    await input.first().fill(value);
    await input.first().press('Enter');
  }
}

async function paste(page: Page, target: string, text: string) {
  await page.locator(target).evaluate((el, data) => {
    const dt = new DataTransfer();
    dt.setData('text/plain', data);
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

test('units and cadres are added in the grid', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '人员与单位').click();
  await page.getByRole('tab', { name: '单位' }).click();
  for (const [i, name] of ['机械学院', '学生工作部'].entries()) {
    await page.getByTestId('unit-grid-add').click();
    const editor = page.getByTestId('unit-grid').locator('.ag-cell-inline-editing input').first();
    await editor.fill(name);
    await editor.press('Enter');
    await expect(gridCell(page, 'unit-grid', i, 'name')).toHaveText(name);
  }
  await typeCell(page, 'unit-grid', 0, 'category', '学院');
  await page.screenshot({ path: join(ARTIFACTS, 'grid-units.png') });

  await page.getByRole('tab', { name: '干部' }).click();
  // Twenty cadres pasted at once from a spreadsheet into the cadre grid.
  await page.getByTestId('cadre-grid-add').click();
  await expect(page.getByTestId('cadre-grid').locator('.ag-cell-inline-editing input')).toBeVisible();
  await page.keyboard.press('Escape');
  const rows = [
    ['张三', '党委书记', '校级', '党委书记', '机械学院'],
    ['李四', '校长', '校级', '校长', '机械学院'],
    ...Array.from({ length: 18 }, (_, i) => [`干部${i + 1}`, '副处长', '副处级', '', '学生工作部']),
  ];
  await paste(page, '[data-testid="cadre-grid"] .grid-box', rows.map((r) => r.join('\t')).join('\r\n') + '\r\n');
  await expect(page.getByTestId('notice')).toContainText('已粘贴新增 20 行干部，没有改动已有的行');
  expect(count('SELECT count(*) AS n FROM cadres')).toBe(20);
  await expect(gridCell(page, 'cadre-grid', 1, 'unitId')).toHaveText('机械学院');
  await page.screenshot({ path: join(ARTIFACTS, 'grid-cadres.png') });

  await page.getByRole('tab', { name: '联系对象' }).click();
  for (const [i, [name, cat]] of [
    ['机械2501班', '班级'],
    ['东区3号楼', '宿舍'],
  ].entries()) {
    await page.getByTestId('object-grid-add').click();
    const editor = page.getByTestId('object-grid').locator('.ag-cell-inline-editing input').first();
    await editor.fill(name!);
    await editor.press('Enter');
    await typeCell(page, 'object-grid', i, 'category', cat!);
  }
  await expect(gridCell(page, 'object-grid', 1, 'category')).toHaveText('宿舍');
  await page.screenshot({ path: join(ARTIFACTS, 'grid-objects.png') });
});

test('a cadre is found by pinyin initials, the match highlighted', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '人员与单位').click();
  await page.getByTestId('cadre-search').fill('zs');
  const results = page.getByTestId('cadre-search-results');
  await expect(results).toContainText('张三');
  await expect(results.locator('mark').first()).toHaveText('张三');
  await page.getByTestId('cadre-search').fill('zhangs');
  await expect(results.locator('mark').first()).toHaveText('张三');
});

test('contact points are assigned for 2026', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '联系点').click();
  await page.getByTestId('assignment-year').fill('2026');
  await page.getByTestId('assignment-grid-add').click();
  await expect(page.locator('.ag-select-list, .ag-list, .ag-cell-inline-editing').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await typeCell(page, 'assignment-grid', 0, 'cadreId', '张三');
  await typeCell(page, 'assignment-grid', 0, 'objectId', '机械2501班');
  await expect(page.getByTestId('assignment-grid')).toContainText('2026年度共 1 个联系点');
  await typeCell(page, 'assignment-grid', 0, 'slot', '联系班级');
  await expect(gridCell(page, 'assignment-grid', 0, 'objectCategory')).toHaveText('班级');
  await page.screenshot({ path: join(ARTIFACTS, 'grid-assignments.png') });
  expect(t.backend.db.sqlite.prepare('SELECT year, slot FROM assignments').all()).toEqual([
    { year: 2026, slot: '联系班级' },
  ]);
});

test('five records typed with the keyboard alone', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await expect(page.getByTestId('record-count')).toHaveText('共 0 条');
  await page.keyboard.press('Alt+n');
  const form = page.getByRole('dialog');
  for (let i = 1; i <= 5; i++) {
    // 日期, 开始, 结束, 领导干部, 类型, 地点 …: Enter moves on; Ctrl+Enter saves and starts the next.
    await page.keyboard.type(`2026年3月${i}日`);
    await page.keyboard.press('Enter');
    await page.keyboard.type('15:00');
    await page.keyboard.press('Enter');
    await page.keyboard.type('17:00');
    await page.keyboard.press('Enter');
    if (i > 1) await page.keyboard.press('Control+a');
    await page.keyboard.type(i % 2 ? '张三' : '张三、李四');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab'); // 类型 stays 座谈
    await page.keyboard.type(`会议室${i}`);
    await page.keyboard.press('Enter');
    await page.keyboard.type('机械2501班');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1');
    await page.keyboard.press('Tab');
    await page.keyboard.type(`第${i}次座谈，听取学生意见`);
    await page.keyboard.press('Tab');
    await page.keyboard.type(i === 3 ? '宿舍热水供应时间太短' : '');
    await page.keyboard.press('Control+Enter');
    await expect(page.getByTestId('record-count')).toHaveText(`共 ${i} 条`);
  }
  await page.keyboard.press('Escape');
  await expect(form).toHaveCount(0);
  expect(count('SELECT count(*) AS n FROM records')).toBe(5);
  expect(count('SELECT count(*) AS n FROM record_cadres')).toBe(7);
  await expect(
    page.getByTestId('record-grid').locator('.ag-row[row-index="0"] .ag-cell[col-id="cadreIds"]'),
  ).toHaveText('张三');
});

test('twenty records pasted from a spreadsheet', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await expect(page.getByTestId('record-count')).toHaveText('共 5 条');
  await page.getByTestId('record-grid').locator('.ag-row[row-index="0"] .ag-cell[col-id="date"]').click();
  const lines = Array.from({ length: 20 }, (_, i) =>
    [
      `2026/4/${i + 1}`,
      '08:00',
      '09:40',
      i % 2 ? '李四' : '张三、李四',
      '听课',
      `教${i + 1}01`,
      '机械2501班',
      '2',
      '',
      '0',
      `听课${i + 1}`,
    ].join('\t'),
  );
  await paste(page, '[data-testid="record-grid"]', lines.join('\r\n'));
  await expect(page.getByTestId('notice')).toContainText('已粘贴新增 20 条联系记录');
  await expect(page.getByTestId('record-count')).toHaveText('共 25 条');

  // One bad cell refuses the whole paste and says where.
  await paste(
    page,
    '[data-testid="record-grid"]',
    ['2026/4/31\t\t\t张三\t听课', '2026/5/1\t\t\t王五\t听课'].join('\n'),
  );
  await expect(page.getByTestId('notice')).toContainText('第 1 行「日期」“2026/4/31”不是有效日期');
  await expect(page.getByTestId('notice')).toContainText('“王五”');
  expect(count('SELECT count(*) AS n FROM records')).toBe(25);
  await page.screenshot({ path: join(ARTIFACTS, 'grid-records.png') });
});

test('the import template with one wrong date is refused whole; fixed, it imports', async ({ page }) => {
  await page.goto(t.host.openUrl);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('workbook-template').click()]);
  const template = join(ARTIFACTS, 'template.xlsx');
  await download.saveAs(template);

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(template) as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('联系记录')!;
  const headers = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? '').trim());
  const put = (row: number, values: Record<string, string | number>) => {
    for (const [h, v] of Object.entries(values)) sheet.getRow(row).getCell(headers.indexOf(h)).value = v;
  };
  put(2, { 日期: '2026-05-06', 领导干部: '张三', 类型: '走访', 地点: '东区3号楼', 联系对象: '东区3号楼' });
  put(3, { 日期: '2026-05-32', 领导干部: '李四', 类型: '调研', 地点: '实验室' });
  const bad = join(ARTIFACTS, 'template-bad.xlsx');
  await wb.xlsx.writeFile(bad);

  const before = count('SELECT count(*) AS n FROM records');
  await page.getByTestId('workbook-file').setInputFiles(bad);
  const errors = page.getByTestId('import-errors');
  await expect(errors).toContainText('联系记录');
  await expect(errors.locator('tbody tr').first()).toContainText('3');
  await expect(errors).toContainText('2026-05-32');
  await page.screenshot({ path: join(ARTIFACTS, 'import-errors.png') });
  expect(count('SELECT count(*) AS n FROM records')).toBe(before);
  await page.getByRole('button', { name: '知道了' }).click();

  put(3, { 日期: '2026-05-30' });
  const good = join(ARTIFACTS, 'template-fixed.xlsx');
  await wb.xlsx.writeFile(good);
  await page.getByTestId('workbook-file').setInputFiles(good);
  await expect(page.getByTestId('notice')).toContainText('已导入');
  expect(count('SELECT count(*) AS n FROM records')).toBe(before + 2);
});

test('a problem is handed to a department and its working-day deadline shows', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await page.getByTestId('records-year').selectOption('2026');
  // The 3rd typed record (2026-03-03) carries 意见和建议.
  const row = page
    .getByTestId('record-grid')
    .locator('.ag-row', { hasText: '宿舍热水供应时间太短' })
    .locator('.ag-cell[col-id="place"]');
  await row.click();
  await page.getByTestId('record-to-follow-up').click();
  await expect(nav(page, '督办')).toHaveAttribute('aria-current', 'page');
  await expect(gridCell(page, 'follow-up-grid', 0, 'matter')).toHaveText('宿舍热水供应时间太短');
  await typeCell(page, 'follow-up-grid', 0, 'departmentId', '学生工作部');
  await typeCell(page, 'follow-up-grid', 0, 'limitDays', '5');
  await typeCell(page, 'follow-up-grid', 0, 'assignedDate', '2026-09-28');
  // 5 working days from Monday 28 September 2026: 29, 30 September, (National Day), 8, 9, 10 October.
  await expect(gridCell(page, 'follow-up-grid', 0, 'dueDate')).toHaveText('2026-10-10');
  await expect(gridCell(page, 'follow-up-grid', 0, 'status')).toHaveText('已交办');
  await page.screenshot({ path: join(ARTIFACTS, 'grid-follow-ups.png') });
});

test('a deleted record comes back with 撤销', async ({ page }) => {
  await page.goto(t.host.openUrl);
  const before = count('SELECT count(*) AS n FROM records');
  await page.getByTestId('record-grid').locator('.ag-row[row-index="0"] .ag-cell[col-id="place"]').click();
  await page.getByTestId('record-delete').click();
  await page.getByRole('button', { name: '确定' }).click();
  await expect(page.getByTestId('record-count')).toHaveText(`共 ${before - 1} 条`);
  await page.getByRole('button', { name: '撤销', exact: true }).click();
  await expect(page.getByTestId('record-count')).toHaveText(`共 ${before} 条`);
  expect(count('SELECT count(*) AS n FROM records')).toBe(before);
});
