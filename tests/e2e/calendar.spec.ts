// 设置 → 节假日 and 校历 in Chromium against the real backend: a 督办 deadline running into 2027 shows
// “（待核）”; a pasted notice for the wrong year is refused naming the line; 2027's schedule read from an
// .ics file is shown for checking, saved, and the deadline moves past 元旦 and is no longer 待核. 校历: a
// semester's dates set by hand are kept.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
let itemId = 0;
test.beforeAll(async () => {
  t = await startTestHost();
  // Raised on Monday 2026-12-28 with 5 working days: the count runs into 2027, which has no schedule.
  const r = await t.backend.dispatch('followUps.create', {
    raisedDate: '2026-12-28',
    matter: '东区路灯不亮',
    limitDays: 5,
  });
  if (!r.ok) throw new Error(r.error.message);
  itemId = (r.value as { id: number }).id;
});
test.afterAll(async () => t?.stop());
test.describe.configure({ mode: 'serial' });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name });
const due = (page: Page) =>
  page
    .getByTestId('follow-up-grid')
    .locator('.ag-row[row-index="0"] .ag-cell[col-id="dueDate"]')
    .filter({ visible: true })
    .first();
const dueInDb = () =>
  (t.backend.db.sqlite.prepare('SELECT due_date AS d FROM follow_ups WHERE id = ?').get(itemId) as { d: string }).d;

test('2027 without a schedule: the deadline is 待核, 设置 → 节假日 counts it', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '督办').click();
  await expect(due(page)).toHaveText('2027-01-04（待核）');
  await nav(page, '设置').click();
  await page.getByRole('tab', { name: '节假日' }).click();
  const y2027 = page.getByTestId('holiday-years').getByRole('row', { name: '2027年' });
  await expect(y2027).toContainText('没有安排');
  await expect(y2027).toContainText('1件');
  await expect(page.getByTestId('holiday-year-title')).toContainText('2027年节假日安排');
  await page.screenshot({ path: join(ARTIFACTS, 'settings-holidays-none.png'), fullPage: true });
});

test('a notice pasted for the wrong year is refused naming the line; nothing is saved', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '设置').click();
  await page.getByRole('tab', { name: '节假日' }).click();
  await page.getByRole('button', { name: '粘贴国务院办公厅通知…' }).click();
  await page
    .getByLabel('通知正文')
    .fill('一、元旦：2026年1月1日至3日放假调休，共3天。1月4日（周日）上班。\n二、春节：2月15日至23日放假调休，共9天。');
  await page.getByRole('button', { name: '读取通知' }).click();
  await expect(page.getByTestId('holiday-problems')).toContainText('第1行');
  await expect(page.getByTestId('holiday-problems')).toContainText('不在2027年内');
  await page.screenshot({ path: join(ARTIFACTS, 'settings-holidays-refused.png'), fullPage: true });
  expect((t.backend.db.sqlite.prepare('SELECT count(*) AS n FROM calendar_years').get() as { n: number }).n).toBe(0);
});

test("2027's holidays from an .ics file: checked, saved, the deadline skips 元旦 and is no longer 待核", async ({
  page,
}) => {
  await page.goto(t.host.openUrl);
  await nav(page, '设置').click();
  await page.getByRole('tab', { name: '节假日' }).click();
  await page.getByTestId('holiday-ics').setInputFiles(join('tests', 'fixtures', 'holidays', '2027-sample.ics'));
  const days = page.getByTestId('holiday-days');
  await expect(days.locator('tbody tr')).toHaveCount(35);
  await expect(page.getByTestId('holiday-year-title')).toContainText('待保存：2027-sample.ics');
  await expect(days.locator('tbody tr').first().getByLabel('第1天日期')).toHaveValue('2027-01-01');
  await page.screenshot({ path: join(ARTIFACTS, 'settings-holidays-draft.png'), fullPage: true });
  await page.getByTestId('holiday-save').click();
  await expect(page.getByTestId('notice')).toContainText(
    '已保存2027年节假日安排（2027-sample.ics）：放假29天，调休上班6天；重新计算督办期限1件，其中1件不再“待核”',
  );
  const y2027 = page.getByTestId('holiday-years').getByRole('row', { name: '2027年' });
  await expect(y2027).toContainText('自行录入');
  await expect(y2027).not.toContainText('件');
  await page.screenshot({ path: join(ARTIFACTS, 'settings-holidays-saved.png'), fullPage: true });
  expect(dueInDb()).toBe('2027-01-05');
  await nav(page, '督办').click();
  // 12-28 Mon + 5 working days: 29, 30, 31, (元旦 1–3), 4, 5.
  await expect(due(page)).toHaveText('2027-01-05');
  await page.screenshot({ path: join(ARTIFACTS, 'follow-ups-after-holidays.png') });
});

test('设置 → 校历: a semester set by hand is kept, the other stays on its default', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '设置').click();
  await page.getByRole('tab', { name: '校历' }).click();
  await page.getByLabel('学年').selectOption('2026-2027');
  const second = page.getByTestId('semesters').getByRole('row', { name: '第二学期' });
  await expect(second).toContainText('默认日期');
  await page.getByLabel('第二学期开始日期').fill('2027-02-22');
  await page.getByRole('button', { name: '保存第二学期' }).click();
  await expect(page.getByTestId('notice')).toContainText('已保存2026-2027学年第二学期：2027-02-22 至 2027-07-10');
  await expect(second).toContainText('已设置');
  await expect(page.getByTestId('semesters').getByRole('row', { name: '第一学期' })).toContainText('默认日期');
  await page.screenshot({ path: join(ARTIFACTS, 'settings-semesters.png'), fullPage: true });
});
