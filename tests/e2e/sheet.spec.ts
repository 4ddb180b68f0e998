// Spreadsheet-grade grids (issue 15), in Chromium against the real backend: a range selected by mouse,
// Shift+click, Shift+arrows and Ctrl+A; copied as tab-separated text and as an HTML table; filled down
// (Ctrl+D, the fill handle) as one undoable change; Chinese typed through an input method straight into
// a selected cell (driven through Chromium's DevTools protocol, as an IME drives it); found and replaced
// (Ctrl+F, Ctrl+H) with a preview, as one undoable change; the first columns stay in view; the status bar
// counts and sums.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS } from './support/host';
import { cell, gridLedger, nav } from './support/ledger';

/**
 * The records as the grid orders them (newest first), so that row i on screen is RECORDS[i]. 计箅机学院 is
 * a misspelt unit name (箅 for 算), in three places and one 联系工作开展情况.
 */
const RECORDS = [
  { date: '2026-05-20', place: '机械学院会议室', object: '机械2501班', hours: 2, days: null, content: '' },
  { date: '2026-05-18', place: '东区3号楼', object: '东区3号楼', hours: null, days: 1, content: '' },
  { date: '2026-05-12', place: '计箅机学院教1-201', object: '机械2501班', hours: 1.5, days: null, content: '' },
  { date: '2026-04-28', place: '图书馆', object: '计算机2502班', hours: 2, days: 0.5, content: '' },
  { date: '2026-04-20', place: '计箅机学院实验楼', object: '计算机2502班', hours: 4, days: null, content: '' },
  { date: '2026-04-09', place: '体育馆', object: '东区3号楼', hours: null, days: 2, content: '与计箅机学院学生座谈' },
  { date: '2026-03-26', place: '行政楼', object: '机械2501班', hours: 1, days: null, content: '' },
  { date: '2026-03-05', place: '计箅机学院', object: '计算机2502班', hours: 3, days: 1, content: '' },
];

// 张三, 李四 and 王五 of 机械学院, a contact point each, and the records above, 张三's first.
const l = gridLedger(
  '机械学院',
  [
    ['张三', '处长'],
    ['李四', '处长'],
    ['王五', '处长'],
  ],
  async ({ ok }, { typeId, cadreIds: cadres }) => {
    await ok('vocabulary.addActivityType', { name: '听课' });
    await ok('vocabulary.addObjectCategory', { name: '班级', kind: 'unit' });
    await ok('vocabulary.addObjectCategory', { name: '宿舍', kind: 'unit' });
    const objects = new Map<string, number>();
    for (const [name, category] of [
      ['机械2501班', '班级'],
      ['计算机2502班', '班级'],
      ['东区3号楼', '宿舍'],
    ])
      objects.set(name!, (await ok<{ id: number }>('objects.create', { name, category })).id);
    for (const [i, c] of cadres.entries())
      await ok('assignments.create', {
        year: 2026,
        cadreId: c,
        objectId: [...objects.values()][i]!,
        slot: ['联系班级', '联系宿舍', '联系教授'][i],
      });
    for (const [i, r] of [...RECORDS].reverse().entries())
      await ok('records.create', {
        date: r.date,
        activityTypeId: typeId,
        cadreIds: [cadres[i % 3]!],
        objectIds: [objects.get(r.object)!],
        place: r.place,
        content: r.content,
        hours: r.hours,
        days: r.days,
      });
  },
);
const { ok, sql } = l;

/** Presses the mouse on one cell and releases it on another, moving over the cells between. */
async function drag(page: Page, from: ReturnType<typeof cell>, to: ReturnType<typeof cell>) {
  // The first test can reach here before the grid has drawn its rows: wait for both cells.
  await from.waitFor();
  await to.waitFor();
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
  await page.mouse.up();
}

/**
 * Types through an input method as Chromium receives it from one: each key arrives as "Process"
 * (keyCode 229) while the composition grows (w → wo), then the chosen candidate is committed.
 */
async function imeType(page: Page, keys: string, committed: string) {
  const cdp = await page.context().newCDPSession(page);
  for (let i = 1; i <= keys.length; i++) {
    const k = keys[i - 1]!;
    const code = `Key${k.toUpperCase()}`;
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'rawKeyDown',
      key: 'Process',
      code,
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    });
    await cdp.send('Input.imeSetComposition', { text: keys.slice(0, i), selectionStart: i, selectionEnd: i });
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyUp',
      key: k,
      code,
      windowsVirtualKeyCode: k.toUpperCase().charCodeAt(0),
    });
  }
  // The candidate is chosen with the space bar: the input method commits the word.
  await cdp.send('Input.dispatchKeyEvent', {
    type: 'rawKeyDown',
    key: 'Process',
    code: 'Space',
    windowsVirtualKeyCode: 229,
    nativeVirtualKeyCode: 229,
  });
  await cdp.send('Input.insertText', { text: committed });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ' ', code: 'Space', windowsVirtualKeyCode: 32 });
  await cdp.detach();
}

test('a 3×4 range dragged with the mouse is copied as tab-separated text and as an HTML table', async ({ page }) => {
  await page.goto(l.t.host.openUrl);
  await expect(page.getByTestId('record-count')).toHaveText('共 8 条');
  await drag(page, cell(page, 'record-grid', 0, 'place'), cell(page, 'record-grid', 2, 'days'));
  await expect(page.getByTestId('record-grid-selection')).toContainText('已选 3 行 × 4 列');
  await page.keyboard.press('Control+C');
  await expect(page.getByTestId('notice')).toContainText('已复制 3 行 × 4 列');
  // The message line never covers the status bar: the page makes room for it while it shows.
  const bar = (await page.getByTestId('record-grid-status').boundingBox())!;
  const line = (await page.getByTestId('notice').boundingBox())!;
  expect(bar.y + bar.height).toBeLessThanOrEqual(line.y);
  const expected = RECORDS.slice(0, 3)
    .map((r) => [r.place, r.object, r.hours ?? '', r.days ?? ''].join('\t'))
    .join('\r\n');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${expected}\r\n`);
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return (await item!.getType('text/html')).text();
  });
  expect(html).toContain('<tr><td>机械学院会议室</td><td>机械2501班</td><td>2</td><td></td></tr>');
  await page.screenshot({ path: join(ARTIFACTS, 'sheet-range-1400.png') });

  // With the header, on request.
  await page.getByTestId('record-grid-copy-header').click();
  const withHeader = await page.evaluate(() => navigator.clipboard.readText());
  expect(withHeader.split('\r\n')[0]).toBe('地点\t联系对象\t学时\t天数');
  expect(withHeader.split('\r\n')[1]).toBe('机械学院会议室\t机械2501班\t2\t');
});

test('Shift+arrows, Shift+click and Ctrl+A select; the status bar counts rows and sums 学时 and 天数', async ({
  page,
}) => {
  await page.goto(l.t.host.openUrl);
  await cell(page, 'record-grid', 0, 'hours').click();
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Shift+ArrowRight');
  const status = page.getByTestId('record-grid-selection');
  // 学时 2 + 1.5 + 2 = 5.5 over four rows (one empty); 天数 1 + 0.5 = 1.5.
  await expect(status).toHaveText('已选 4 行 × 2 列 · 计数 5 · 学时求和 5.5 · 天数求和 1.5');
  await cell(page, 'record-grid', 7, 'hours').click({ modifiers: ['Shift'] });
  await expect(status).toHaveText('已选 8 行 × 1 列 · 计数 6 · 学时求和 13.5');
  await page.keyboard.press('Control+A');
  await expect(status).toContainText('已选 8 行 × 14 列');
  await expect(status).toHaveText('已选 8 行 × 14 列 · 计数 59 · 学时求和 13.5 · 天数求和 4.5');
  await expect(page.getByTestId('record-grid-status')).toContainText('共 8 行');
  await page.keyboard.press('Escape');
  await expect(status).toHaveCount(0);
});

test('Ctrl+D fills 地点 down 5 rows as one change; one Ctrl+Z puts all five back', async ({ page }) => {
  await page.goto(l.t.host.openUrl);
  await cell(page, 'record-grid', 0, 'place').click();
  await cell(page, 'record-grid', 5, 'place').click({ modifiers: ['Shift'] });
  await page.keyboard.press('Control+D');
  await expect(page.getByTestId('notice')).toContainText('已向下填充「地点」，改动 5 行');
  const places = () =>
    sql<{ place: string }>('SELECT place FROM records ORDER BY date DESC, id DESC').map((r) => r.place);
  expect(places()).toEqual([...Array(6).fill('机械学院会议室'), ...RECORDS.slice(6).map((r) => r.place)]);
  await expect(cell(page, 'record-grid', 5, 'place')).toHaveText('机械学院会议室');
  const [change] = await ok<{ label: string; rows: number }[]>('changes.list', { limit: 1 });
  expect(change!.label).toBe('向下填充「地点」到 5 条联系记录');
  await page.keyboard.press('Control+Z');
  await expect(cell(page, 'record-grid', 5, 'place')).toHaveText('体育馆');
  expect(places()).toEqual(RECORDS.map((r) => r.place));
});

test('the fill handle dragged down 2 rows fills them as one change; clearing a required cell is refused, naming the row', async ({
  page,
}) => {
  await page.goto(l.t.host.openUrl);
  await nav(page, '联系点').click();
  await cell(page, 'assignment-grid', 0, 'slot').click();
  const handle = page.getByTestId('assignment-grid-box-fill-handle');
  await expect(handle).toBeVisible();
  const h = (await handle.boundingBox())!;
  const target = (await cell(page, 'assignment-grid', 2, 'slot').boundingBox())!;
  await page.mouse.move(h.x + h.width / 2, h.y + h.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x + 20, target.y + target.height / 2, { steps: 10 });
  await page.mouse.up();
  await expect(page.getByTestId('notice')).toContainText('已向下填充「联系类型」，改动 2 行');
  const slots = () => sql<{ slot: string }>('SELECT slot FROM assignments ORDER BY id').map((r) => r.slot);
  expect(slots()).toEqual(['联系班级', '联系班级', '联系班级']);
  await page.getByTestId('notice').getByRole('button', { name: '撤销' }).click();
  await expect(cell(page, 'assignment-grid', 2, 'slot')).toHaveText('联系教授');
  expect(slots()).toEqual(['联系班级', '联系宿舍', '联系教授']);

  // 干部 cannot be emptied: the refusal names the row and nothing is written.
  await cell(page, 'assignment-grid', 1, 'cadreId').click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('notice')).toContainText('第 2 行（李四 — 计算机2502班）');
  expect(sql('SELECT count(*) AS n FROM assignments WHERE cadre_id IS NULL')).toEqual([{ n: 0 }]);
  await expect(cell(page, 'assignment-grid', 1, 'cadreId')).toHaveText('李四');
});

test('Ctrl+F finds a unit name in any column; 全部替换 shows every cell old → new, saves one change, one Ctrl+Z undoes it', async ({
  page,
}) => {
  await page.goto(l.t.host.openUrl);
  await cell(page, 'record-grid', 0, 'date').click();
  await page.keyboard.press('Control+F');
  const find = page.getByTestId('record-grid-find');
  await find.getByLabel('查找内容').fill('计箅机学院');
  await page.keyboard.press('Enter');
  // Reading row by row: 地点 of row 3 first, then row 5, then 联系工作开展情况 of row 6, then row 8.
  await expect(page.getByTestId('record-grid-find-status')).toHaveText('第 1 / 4 处');
  await expect(cell(page, 'record-grid', 2, 'place')).toHaveClass(/ag-cell-focus/);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('record-grid-find-status')).toHaveText('第 3 / 4 处');
  await expect(cell(page, 'record-grid', 5, 'content')).toHaveClass(/ag-cell-focus/);
  await page.keyboard.press('Shift+Enter');
  await expect(cell(page, 'record-grid', 4, 'place')).toHaveClass(/ag-cell-focus/);
  await expect(page.getByTestId('record-grid').locator('.ag-cell.sheet-found').filter({ visible: true })).toHaveCount(
    4,
  );

  await find.getByRole('button', { name: '替换…' }).click();
  await find.getByLabel('替换为').fill('计算机学院');
  await find.getByRole('button', { name: '全部替换…' }).click();
  const preview = page.getByTestId('overwrite-preview');
  await expect(preview.getByRole('heading')).toHaveText('把“计箅机学院”替换为“计算机学院”：4 条联系记录，4 处？');
  await expect(preview.locator('td.old')).toHaveText([
    '计箅机学院教1-201',
    '计箅机学院实验楼',
    '与计箅机学院学生座谈',
    '计箅机学院',
  ]);
  await expect(preview.locator('td.new')).toHaveText([
    '计算机学院教1-201',
    '计算机学院实验楼',
    '与计算机学院学生座谈',
    '计算机学院',
  ]);
  await page.screenshot({ path: join(ARTIFACTS, 'sheet-replace-preview.png') });
  // Nothing is saved before it is confirmed.
  const misspelt = () =>
    sql<{ n: number }>("SELECT count(*) AS n FROM records WHERE place LIKE '%计箅机%' OR content LIKE '%计箅机%'")[0]!
      .n;
  expect(misspelt()).toBe(4);
  await preview.getByRole('button', { name: '确认替换' }).click();
  await expect(page.getByTestId('notice')).toContainText('已把“计箅机学院”替换为“计算机学院”');
  expect(misspelt()).toBe(0);
  expect(sql("SELECT place FROM records WHERE date IN ('2026-05-12', '2026-03-05') ORDER BY date")).toEqual([
    { place: '计算机学院' },
    { place: '计算机学院教1-201' },
  ]);
  await expect(cell(page, 'record-grid', 7, 'place')).toHaveText('计算机学院');
  const [change] = await ok<{ label: string }[]>('changes.list', { limit: 1 });
  expect(change!.label).toBe('把“计箅机学院”替换为“计算机学院”：4 条联系记录，4 处');
  await expect(page.getByTestId('record-grid-find-status')).toHaveText('');

  // One Ctrl+Z in the grid puts every cell back.
  await find.getByRole('button', { name: '关闭查找' }).click();
  await expect(find).toHaveCount(0);
  await page.keyboard.press('Control+Z');
  await expect(cell(page, 'record-grid', 7, 'place')).toHaveText('计箅机学院');
  expect(misspelt()).toBe(4);
  expect(sql('SELECT place FROM records ORDER BY date DESC').map((r) => (r as { place: string }).place)).toEqual(
    RECORDS.map((r) => r.place),
  );
});

test('the column filter and the sort of 台账 stay when the 领导干部 box or the year changes', async ({ page }) => {
  await page.goto(l.t.host.openUrl);
  const count = page.getByTestId('record-count');
  await expect(count).toHaveText('共 8 条');
  // 地点 contains 计箅机学院: three records (王五's, and two of 张三's).
  const header = page.locator('.ag-header-cell[col-id="place"]');
  await header.hover();
  await header.locator('.ag-header-cell-filter-button, .ag-header-cell-menu-button').first().click();
  await page.locator('.ag-filter input[type="text"], .ag-filter input:not([type])').first().fill('计箅机学院');
  await expect(count).toHaveText('共 3 条');
  await page.keyboard.press('Escape');
  // Sorted by 地点 (ascending, as SQLite orders text).
  await header.locator('.ag-header-cell-label').click();
  const places = page.getByTestId('record-grid').locator('.ag-row .ag-cell[col-id="place"]');
  await expect(places).toHaveText(['计箅机学院', '计箅机学院实验楼', '计箅机学院教1-201']);

  // 张三 by the initials of his name: the filter and the sort still hold.
  await page.getByTestId('records-cadre-filter').fill('zs');
  await expect(count).toHaveText('共 2 条');
  await expect(places).toHaveText(['计箅机学院', '计箅机学院实验楼']);
  await expect(header).toHaveClass(/ag-header-cell-filtered/);
  await page.getByTestId('records-cadre-filter').fill('');
  await expect(count).toHaveText('共 3 条');
  // Another year and back.
  await page.getByTestId('records-year').selectOption('2025');
  await expect(count).toHaveText('共 0 条');
  await page.getByTestId('records-year').selectOption('2026');
  await expect(count).toHaveText('共 3 条');
  await expect(places).toHaveText(['计箅机学院', '计箅机学院实验楼', '计箅机学院教1-201']);
  await page.screenshot({ path: join(ARTIFACTS, 'sheet-filter-kept.png') });
});

test('find tells what the filters hide: 张三 holds 2 of the 4, 显示全部 lifts the filters; the same in 人员与单位', async ({
  page,
}) => {
  await page.goto(l.t.host.openUrl);
  await page.getByTestId('records-cadre-filter').fill('zs');
  await expect(page.getByTestId('record-count')).toHaveText('共 3 条');
  await cell(page, 'record-grid', 0, 'date').click();
  await page.keyboard.press('Control+F');
  const find = page.getByTestId('record-grid-find');
  await find.getByLabel('查找内容').fill('计箅机学院');
  await page.keyboard.press('Enter');
  // 张三's two (实验楼, 计箅机学院); 王五's 教1-201 and 座谈 are outside the cadre filter.
  const status = page.getByTestId('record-grid-find-status');
  await expect(status).toHaveText('第 1 / 2 处；筛选外还有 2 处');
  await expect(cell(page, 'record-grid', 1, 'place')).toHaveClass(/ag-cell-focus/);
  await page.screenshot({ path: join(ARTIFACTS, 'sheet-find-outside.png') });
  await find.getByTestId('record-grid-find-all').click();
  await expect(page.getByTestId('records-cadre-filter')).toHaveValue('');
  await expect(page.getByTestId('record-count')).toHaveText('共 8 条');
  await expect(status).toHaveText('第 1 / 4 处');
  await expect(cell(page, 'record-grid', 2, 'place')).toHaveClass(/ag-cell-focus/);
  await expect(find.getByTestId('record-grid-find-all')).toHaveCount(0);

  // 人员与单位: the 姓名 column filtered to 张三; 李四 is found outside it.
  await nav(page, '人员与单位').click();
  const header = page.getByTestId('cadre-grid').locator('.ag-header-cell[col-id="name"]');
  await header.hover();
  await header.locator('.ag-header-cell-filter-button, .ag-header-cell-menu-button').first().click();
  await page.locator('.ag-filter input[type="text"], .ag-filter input:not([type])').first().fill('张三');
  await page.keyboard.press('Escape');
  await expect(cell(page, 'cadre-grid', 1, 'name')).toHaveCount(0);
  await cell(page, 'cadre-grid', 0, 'title').click();
  await page.keyboard.press('Control+F');
  const roster = page.getByTestId('cadre-grid-box-find');
  await roster.getByLabel('查找内容').fill('李四');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('cadre-grid-box-find-status')).toHaveText('筛选内找不到“李四”；筛选外有 1 处');
  await roster.getByTestId('cadre-grid-box-find-all').click();
  await expect(page.getByTestId('cadre-grid-box-find-status')).toHaveText('第 1 / 1 处');
  await expect(cell(page, 'cadre-grid', 1, 'name')).toHaveClass(/ag-cell-focus/);
  await expect(header).not.toHaveClass(/ag-header-cell-filtered/);
});

test('the record form finds and replaces in its own fields: shown field by field, 撤销替换, saved as one change', async ({
  page,
}) => {
  await page.goto(l.t.host.openUrl);
  await cell(page, 'record-grid', 5, 'date').click();
  await page.getByRole('button', { name: '详情·附件' }).click();
  const form = page.getByRole('dialog');
  await form.getByLabel('意见和建议').fill('希望计箅机学院开放实验室');
  await page.keyboard.press('Control+F');
  const find = page.getByTestId('record-form-find');
  await find.getByLabel('查找内容').fill('计箅机学院');
  await page.keyboard.press('Enter');
  const status = page.getByTestId('record-form-find-status');
  await expect(status).toHaveText('第 1 / 2 处（联系工作开展情况）');
  await expect(form.getByLabel('联系工作开展情况')).toHaveClass(/form-found/);
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('第 2 / 2 处（意见和建议）');
  await expect(form.getByLabel('意见和建议')).toHaveClass(/form-found/);
  await expect(form.getByLabel('联系工作开展情况')).not.toHaveClass(/form-found/);

  await page.keyboard.press('Control+H');
  await find.getByLabel('替换为').fill('计算机学院');
  await find.getByRole('button', { name: '全部替换' }).click();
  await expect(status).toHaveText('已替换 2 处（联系工作开展情况 1、意见和建议 1），保存后生效');
  await expect(form.getByLabel('联系工作开展情况')).toHaveValue('与计算机学院学生座谈');
  await expect(form.getByLabel('意见和建议')).toHaveValue('希望计算机学院开放实验室');
  await page.screenshot({ path: join(ARTIFACTS, 'record-form-replace.png') });
  // Nothing is written before 保存; 撤销替换 puts the fields back.
  const saved = () =>
    sql<{ content: string; opinions: string }>("SELECT content, opinions FROM records WHERE date = '2026-04-09'")[0];
  expect(saved()).toEqual({ content: '与计箅机学院学生座谈', opinions: '' });
  await find.getByRole('button', { name: '撤销替换' }).click();
  await expect(form.getByLabel('联系工作开展情况')).toHaveValue('与计箅机学院学生座谈');
  await expect(form.getByLabel('意见和建议')).toHaveValue('希望计箅机学院开放实验室');

  // 替换 one at a time: the first, then the second; Esc closes the bar, not the form.
  await find.getByLabel('查找内容').press('Enter');
  await expect(status).toHaveText('第 1 / 2 处（联系工作开展情况）');
  await find.getByRole('button', { name: '替换', exact: true }).click();
  await expect(form.getByLabel('联系工作开展情况')).toHaveValue('与计算机学院学生座谈');
  await expect(status).toHaveText('第 1 / 1 处（意见和建议）');
  await find.getByRole('button', { name: '替换', exact: true }).click();
  await expect(form.getByLabel('意见和建议')).toHaveValue('希望计算机学院开放实验室');
  await expect(status).toHaveText('已替换；表单中没有别的“计箅机学院”了');
  await find.getByLabel('查找内容').press('Escape');
  await expect(find).toHaveCount(0);
  await expect(form).toBeVisible();
  await page.getByTestId('record-form-save').click();
  await expect(form).toHaveCount(0);
  expect(saved()).toEqual({ content: '与计算机学院学生座谈', opinions: '希望计算机学院开放实验室' });
  // One change in the history: Ctrl+Z in the grid puts the record back as it was.
  await cell(page, 'record-grid', 5, 'content').click();
  await page.keyboard.press('Control+Z');
  await expect(cell(page, 'record-grid', 5, 'content')).toHaveText('与计箅机学院学生座谈');
  expect(saved()).toEqual({ content: '与计箅机学院学生座谈', opinions: '' });
});

test('pinyin typed into a selected cell through an input method arrives whole: roster, contact points, records', async ({
  page,
}) => {
  await page.goto(l.t.host.openUrl);
  // 人员与单位: "wo" → 我 into 职务 of 张三, not yet editing.
  await nav(page, '人员与单位').click();
  await cell(page, 'cadre-grid', 0, 'title').click();
  await expect(page.getByTestId('cadre-grid').locator('.ag-cell-inline-editing')).toHaveCount(0);
  await imeType(page, 'wo', '我');
  await expect(page.getByTestId('cadre-grid').locator('.ag-cell-inline-editing input')).toHaveValue('我');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'cadre-grid', 0, 'title')).toHaveText('我');
  // The cell shows what was typed at once; the save reaches the file a moment later (a lost save still fails).
  await expect.poll(() => sql("SELECT title FROM cadres WHERE name = '张三'")).toEqual([{ title: '我' }]);

  // 联系点: a longer word, "lianxi" → 联系, into 联系类型.
  await nav(page, '联系点').click();
  await cell(page, 'assignment-grid', 1, 'slot').click();
  await imeType(page, 'lianxi', '联系');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'assignment-grid', 1, 'slot')).toHaveText('联系');
  await expect
    .poll(() => sql('SELECT slot FROM assignments ORDER BY id'))
    .toEqual([{ slot: '联系班级' }, { slot: '联系' }, { slot: '联系教授' }]);

  // 台账: "tushuguan" → 图书馆 into 地点; then one more letter typed without an input method.
  await nav(page, '台账').click();
  await cell(page, 'record-grid', 1, 'place').click();
  await imeType(page, 'tushuguan', '图书馆');
  await page.screenshot({ path: join(ARTIFACTS, 'sheet-ime-editing.png') });
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await expect(cell(page, 'record-grid', 1, 'place')).toHaveText('图书馆2');
  await expect.poll(() => sql("SELECT place FROM records WHERE date = '2026-05-18'")).toEqual([{ place: '图书馆2' }]);
});

test('the first columns stay in view while the grid scrolls right; screenshots at 1366×768 and 1920×1080', async ({
  page,
}) => {
  for (const [w, h] of [
    [1366, 768],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.goto(l.t.host.openUrl);
    await nav(page, '台账').click();
    await drag(page, cell(page, 'record-grid', 1, 'hours'), cell(page, 'record-grid', 4, 'days'));
    await expect(page.getByTestId('record-grid-selection')).toHaveText(
      '已选 4 行 × 2 列 · 计数 5 · 学时求和 7.5 · 天数求和 1.5',
    );
    await page.screenshot({ path: join(ARTIFACTS, `sheet-records-${w}x${h}.png`) });
    await nav(page, '人员与单位').click();
    await drag(page, cell(page, 'cadre-grid', 0, 'title'), cell(page, 'cadre-grid', 2, 'level'));
    await expect(page.getByTestId('cadre-grid-box-selection')).toHaveText('已选 3 行 × 2 列 · 计数 3');
    await page.screenshot({ path: join(ARTIFACTS, `sheet-roster-${w}x${h}.png`) });
  }
  await page.setViewportSize({ width: 1366, height: 768 });
  await nav(page, '台账').click();
  // The horizontal scroll bar, dragged all the way right.
  const scrollbar = page.getByTestId('record-grid').locator('.ag-body-horizontal-scroll-viewport');
  await scrollbar.evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
    el.dispatchEvent(new Event('scroll'));
  });
  await expect(cell(page, 'record-grid', 0, 'date')).toHaveText('2026-05-20');
  // The grid redraws its rows as it scrolls: measured once the cell stands still.
  await expect
    .poll(async () => {
      const date = await cell(page, 'record-grid', 0, 'date').boundingBox();
      const grid = await page.getByTestId('record-grid').boundingBox();
      return date && grid ? date.x - grid.x : Infinity;
    })
    .toBeLessThan(5);
  await expect(cell(page, 'record-grid', 0, 'implementation')).toBeInViewport();
  await page.screenshot({ path: join(ARTIFACTS, 'sheet-records-scrolled-1366x768.png') });
});
