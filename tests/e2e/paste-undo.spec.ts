// Keystrokes that must not destroy (issue 10), in Chromium against the real backend: rows pasted into
// 人员与单位 over existing cadres are added, never written over them; overwriting is chosen, shown
// (old → new, the records that follow) and undone; Ctrl+Z and the 撤销记录 panel undo the ledger's newest
// changes in order; Esc in the record form asks before typed text is thrown away.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS } from './support/host';
import { cell, gridLedger, nav } from './support/ledger';

// 张三, 李四 and 王五 of 计算机学院, two records each.
const l = gridLedger(
  '计算机学院',
  [
    ['张三', '院长'],
    ['李四', '副院长'],
    ['王五', '党委书记'],
  ],
  async ({ ok }, { typeId, cadreIds }) => {
    for (const [i, id] of cadreIds.entries())
      for (const date of ['2026-03-05', '2026-04-09'])
        await ok('records.create', {
          date,
          activityTypeId: typeId,
          cadreIds: [id],
          place: `${['张三', '李四', '王五'][i]}的联系点`,
        });
  },
);
const { ok, sql } = l;
/** Whose records are whose: the names joined in the file, not what the screen says. */
const owners = () =>
  sql<{ name: string; n: number }>(
    `SELECT c.name, count(*) AS n FROM record_cadres rc JOIN cadres c ON c.id = rc.cadre_id GROUP BY c.id ORDER BY c.id`,
  );
const cadres = () => sql<{ name: string; title: string }>('SELECT name, title FROM cadres ORDER BY id');

async function clipboard(page: Page, text: string) {
  await page.evaluate((s) => navigator.clipboard.writeText(s), text);
}

const PASTED = '钱七\t教授\r\n孙八\t讲师\r\n周九\t研究员\r\n';

test('three rows pasted over the first cadre are added; 张三, 李四 and 王五 keep their records', async ({ page }) => {
  await page.goto(l.t.host.openUrl);
  await nav(page, '人员与单位').click();
  await expect(cell(page, 'cadre-grid', 2, 'name')).toHaveText('王五');
  await cell(page, 'cadre-grid', 0, 'name').click();
  await clipboard(page, PASTED);
  await page.keyboard.press('Control+V');
  await expect(page.getByTestId('notice')).toContainText('已粘贴新增 3 行干部，没有改动已有的行');
  await expect(page.getByTestId('cadre-grid')).toContainText('共 6 人');
  expect(cadres()).toEqual([
    { name: '张三', title: '院长' },
    { name: '李四', title: '副院长' },
    { name: '王五', title: '党委书记' },
    { name: '钱七', title: '教授' },
    { name: '孙八', title: '讲师' },
    { name: '周九', title: '研究员' },
  ]);
  expect(owners()).toEqual([
    { name: '张三', n: 2 },
    { name: '李四', n: 2 },
    { name: '王五', n: 2 },
  ]);
  // The paste was one change: one Ctrl+Z takes all three rows away.
  await cell(page, 'cadre-grid', 0, 'title').click();
  await page.keyboard.press('Control+Z');
  await expect(page.getByTestId('notice')).toContainText('已撤销“粘贴新增 3 行干部”');
  await expect(page.getByTestId('cadre-grid')).toContainText('共 3 人');
  expect(cadres().map((c) => c.name)).toEqual(['张三', '李四', '王五']);
});

test('overwriting is chosen (Ctrl+Shift+V), shown with the records that follow, cancelled, then confirmed and undone', async ({
  page,
}) => {
  await page.goto(l.t.host.openUrl);
  await nav(page, '人员与单位').click();
  await cell(page, 'cadre-grid', 0, 'name').click();
  await clipboard(page, PASTED);
  await page.keyboard.press('Control+Shift+V');
  const preview = page.getByTestId('overwrite-preview');
  await expect(preview).toContainText('覆盖 3 行已有的干部（6 处）');
  await expect(preview).toContainText('随之改变：2 条联系记录');
  await expect(preview.locator('tbody tr').first()).toContainText('张三');
  await expect(preview.locator('td.old').first()).toHaveText('张三');
  await expect(preview.locator('td.new').first()).toHaveText('钱七');
  await page.screenshot({ path: join(ARTIFACTS, 'paste-overwrite-preview.png') });
  // 取消 has the focus: Enter cancels, nothing changes.
  await page.keyboard.press('Enter');
  await expect(preview).toHaveCount(0);
  expect(cadres().map((c) => c.name)).toEqual(['张三', '李四', '王五']);

  await cell(page, 'cadre-grid', 0, 'name').click();
  await page.keyboard.press('Control+Shift+V');
  await page.getByTestId('overwrite-confirm').click();
  await expect(page.getByTestId('notice')).toContainText('已覆盖粘贴 3 行干部');
  await expect(cell(page, 'cadre-grid', 0, 'name')).toHaveText('钱七');
  // The records followed the row: they are 钱七's now, as the preview said — and one undo gives them back.
  expect(owners().map((o) => o.name)).toEqual(['钱七', '孙八', '周九']);
  await page.getByTestId('notice').getByRole('button', { name: '撤销' }).click();
  await expect(cell(page, 'cadre-grid', 0, 'name')).toHaveText('张三');
  expect(cadres()).toEqual([
    { name: '张三', title: '院长' },
    { name: '李四', title: '副院长' },
    { name: '王五', title: '党委书记' },
  ]);
  expect(owners()).toEqual([
    { name: '张三', n: 2 },
    { name: '李四', n: 2 },
    { name: '王五', n: 2 },
  ]);
  const verify = await ok<{ ok: boolean }>('audit.verify', {});
  expect(verify.ok).toBe(true);
});

test('the 撤销记录 panel lists what each change was and undoes back to one, newest first', async ({ page }) => {
  await page.goto(l.t.host.openUrl);
  await nav(page, '人员与单位').click();
  for (const [row, title] of [
    [0, '校长'],
    [1, '书记'],
  ] as const) {
    await cell(page, 'cadre-grid', row, 'title').dblclick();
    const input = page.getByTestId('cadre-grid').locator('.ag-cell-inline-editing input');
    await input.fill(title);
    await input.press('Enter');
    await expect(cell(page, 'cadre-grid', row, 'title')).toHaveText(title);
  }
  await page.getByTestId('undo-history-toggle').click();
  const items = page.getByTestId('undo-history-item');
  await expect(items.nth(0)).toContainText('修改干部“李四”：职务');
  await expect(items.nth(1)).toContainText('修改干部“张三”：职务');
  await page.screenshot({ path: join(ARTIFACTS, 'undo-history.png') });
  await items.nth(1).getByTestId('undo-history-undo').click();
  await expect(page.getByTestId('notice')).toContainText('已撤销 2 项修改');
  await expect(cell(page, 'cadre-grid', 0, 'title')).toHaveText('院长');
  await expect(cell(page, 'cadre-grid', 1, 'title')).toHaveText('副院长');
  await expect(items.nth(0)).toContainText('已于');
});

test('the 台账 grid: Ctrl+Z undoes an edit; Esc in the record form asks before typing is thrown away', async ({
  page,
}) => {
  await page.goto(l.t.host.openUrl);
  await expect(page.getByTestId('record-count')).toHaveText('共 6 条');
  const place = cell(page, 'record-grid', 0, 'place');
  // The count can show before the row's cells are painted: read the place once it is there.
  await expect(place).not.toHaveText('');
  const before = await place.textContent();
  await place.dblclick();
  const input = page.getByTestId('record-grid').locator('.ag-cell-inline-editing input');
  await input.fill('图书馆');
  await input.press('Enter');
  await expect(place).toHaveText('图书馆');
  await place.click();
  await page.keyboard.press('Control+Z');
  await expect(place).toHaveText(before!);
  await expect(page.getByTestId('notice')).toContainText('已撤销“修改联系记录');

  await page.getByTestId('record-add').click();
  const form = page.getByRole('dialog');
  await form.getByLabel('地点').fill('三号教学楼');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('record-form-leave')).toContainText('已填写的内容还没有保存');
  await page.screenshot({ path: join(ARTIFACTS, 'record-form-esc.png') });
  await page.getByTestId('record-form-keep').click();
  await expect(form.getByLabel('地点')).toHaveValue('三号教学楼');
  await page.keyboard.press('Escape');
  await page.getByTestId('record-form-discard').click();
  await expect(form).toHaveCount(0);
  // An untouched form closes with Esc at once.
  await page.getByTestId('record-add').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});
