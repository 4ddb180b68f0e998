// 延期至 in Chromium against the real backend: the secretary enters an approved extension in the 督办 grid; a
// 延期至 not after the deadline is refused with the field named; the rule editor's preview judges the closing
// stage on the extended date within the extension the rule allows. Then the county's 第三条 and 第四条 written
// through the form: a notice 5 days before each 接待日, and the involved departments' heads taking part.
// Screenshots: tests/artifacts/extension-*.png, rules-before-duty.png, rules-involved.png.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
let ids: { ok: number; over: number } = { ok: 0, over: 0 };

async function ok<T>(method: string, input: unknown): Promise<T> {
  const r = await t.backend.dispatch(method, input);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

test.beforeAll(async () => {
  t = await startTestHost();
  await ok('vocabulary.add', { list: 'unitCategories', name: '职能部门' });
  await ok('vocabulary.addActivityType', { name: '来信' });
  await ok('vocabulary.addActivityType', { name: '通知接待' });
  await ok('vocabulary.addActivityType', { name: '接待日' });
  const unit = await ok<{ id: number }>('units.create', { name: '后勤处', category: '职能部门' });
  const reg = await ok<{ id: number }>('rules.createRegulation', { name: '来信办理办法' });
  // Handed over Monday 2 March 2026: closed within 15 days (the 17th), extended by at most 10 (the 27th).
  await ok('rules.create', {
    regulationId: reg.id,
    year: 2026,
    body: {
      kind: 'deadline',
      title: '来信办结',
      clause: '办法 第五条',
      who: { scope: 'institution' },
      events: ['来信'],
      within: 15,
      dayKind: 'calendarDays',
      on: 'close',
      extension: { max: 10, dayKind: 'calendarDays' },
    },
  });
  const item = (matter: string, closedDate: string) =>
    ok<{ id: number }>('followUps.create', {
      raisedDate: '2026-03-02',
      source: '来信',
      matter,
      departmentId: unit.id,
      limitDays: 10,
      assignedDate: '2026-03-02',
      closedDate,
    });
  ids = { ok: (await item('食堂排队时间过长', '2026-03-26')).id, over: (await item('路灯不亮', '2026-03-30')).id };
});
test.afterAll(async () => t?.stop());
test.describe.configure({ mode: 'serial' });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name, exact: true });
const row = (page: Page, matter: string) =>
  page.getByTestId('follow-up-grid').locator('.ag-row').filter({ hasText: matter }).filter({ visible: true });

async function typeDate(page: Page, matter: string, value: string) {
  const cell = row(page, matter).locator('.ag-cell[col-id="extendedDate"]').first();
  await cell.scrollIntoViewIfNeeded();
  await cell.dblclick();
  const input = page.getByTestId('follow-up-grid').locator('.ag-cell-inline-editing input').first();
  await expect(input).toBeVisible();
  await input.fill(value);
  await input.press('Enter');
}

const extended = (id: number) =>
  (
    t.backend.db.sqlite.prepare('SELECT extended_date AS d FROM follow_ups WHERE id = ?').get(id) as {
      d: string | null;
    }
  ).d;

test('延期至 is entered in the 督办 grid, refused when not after the deadline, and audited', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '督办').click();
  const grid = page.getByTestId('follow-up-grid');
  await expect(grid.getByRole('columnheader', { name: '延期至' })).toBeVisible();
  // 10 working days from 2 March 2026 is 16 March: a 延期至 on that day extends nothing.
  await typeDate(page, '食堂排队时间过长', '2026-03-16');
  await expect(page.getByText('「延期至」须晚于「截止日期」（2026-03-16）')).toBeVisible();
  expect(extended(ids.ok)).toBeNull();
  await typeDate(page, '食堂排队时间过长', '2026年3月27日');
  await expect(row(page, '食堂排队时间过长').locator('.ag-cell[col-id="extendedDate"]')).toHaveText('2026-03-27');
  await expect.poll(() => extended(ids.ok)).toBe('2026-03-27');
  await typeDate(page, '路灯不亮', '2026-03-31');
  await expect.poll(() => extended(ids.over)).toBe('2026-03-31');
  const audited = t.backend.db.sqlite
    .prepare("SELECT count(*) AS n FROM audit_log WHERE table_name = 'follow_ups' AND action = 'update'")
    .get() as { n: number };
  expect(audited.n).toBe(2);
  await page.screenshot({ path: join(ARTIFACTS, 'extension-grid.png') });
});

test('the rule preview judges the close on the extended date, at most the extension the rule allows', async ({
  page,
}) => {
  await page.goto(t.host.openUrl);
  await nav(page, '制度').click();
  await page.getByRole('button', { name: '编辑', exact: true }).first().click();
  const form = page.getByRole('dialog', { name: '编辑要求' });
  await expect(form.getByTestId('rule-sentence')).toHaveText(
    '来信应在15日内办结，经批准可延期，延期不超过10日（办法 第五条）',
  );
  const preview = form.getByTestId('rule-preview');
  const line = (matter: string) => preview.locator('tr').filter({ hasText: matter });
  await expect(line('食堂排队时间过长')).toContainText('延期至2026年3月27日');
  await expect(line('食堂排队时间过长')).toContainText('达标');
  await expect(line('路灯不亮')).toContainText('超过制度允许的最长延期');
  await expect(line('路灯不亮')).toContainText('未达标');
  await page.screenshot({ path: join(ARTIFACTS, 'extension-preview.png') });
  await form.getByRole('button', { name: '取消' }).click();
});

/** Ticks a chip of a picker inside a section of the form. */
async function pick(page: Page, group: string, value: string) {
  await page
    .getByRole('dialog')
    .getByRole('group', { name: group, exact: true })
    .first()
    .locator('label.chip', { hasText: new RegExp(`^${value}$`) })
    .click();
}

/** 制度 → 新增要求, with the kind, name, clause and how the regulation calls its people filled in. */
async function newRule(page: Page, r: { kind: string; name: string; clause: string; who: string }) {
  await page.goto(t.host.openUrl);
  await nav(page, '制度').click();
  await page.getByRole('button', { name: '新增要求', exact: true }).click();
  const form = page.getByRole('dialog', { name: '新增要求' });
  await form.getByLabel('要求的类型').selectOption(r.kind);
  await form.getByLabel('名称', { exact: true }).fill(r.name);
  await form.getByLabel('条款', { exact: true }).fill(r.clause);
  await form.getByLabel('称谓（制度里怎么称呼）').fill(r.who);
  return form;
}

test('“接待日的5日前通知” through the form: a task done ahead of each duty day; a contradiction refused by field', async ({
  page,
}) => {
  const form = await newRule(page, { kind: 'task', name: '接待日前通知县领导', clause: '第三条', who: '县信访局' });
  await pick(page, '完成的活动类型', '通知接待');
  await form.getByLabel('什么时候完成').selectOption('before');
  await form.getByLabel('周期', { exact: true }).selectOption('month');
  await form.getByLabel('遇节假日').selectOption('next');
  await expect(form.getByTestId('rule-sentence')).toHaveText(
    '县信访局于每月15日（遇节假日顺延至下一个工作日）值班日前至少5日通知接待（第三条）',
  );
  await form.getByLabel('至多提前').fill('3');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByTestId('rule-errors')).toContainText('「至多提前」不能小于“至少提前”（5）');
  await form.getByLabel('至多提前').fill('');
  await page.screenshot({ path: join(ARTIFACTS, 'rules-before-duty.png') });
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  const list = await ok<{ description: string; body: { before?: unknown } }[]>('rules.list', { year: 2026 });
  const saved = list.find((r) => r.description.includes('通知接待'))!;
  expect(saved.description).toBe('县信访局于每月15日（遇节假日顺延至下一个工作日）值班日前至少5日通知接待（第三条）');
  expect(saved.body.before).toEqual({
    pattern: { daysOfMonth: [15], onHoliday: 'next' },
    min: 5,
    dayKind: 'calendarDays',
  });
});

test('“涉及的部门负责人一同参加” through the form: a roster whose duty days need the involved departments’ heads', async ({
  page,
}) => {
  const form = await newRule(page, { kind: 'roster', name: '领导接待日', clause: '第四条', who: '县领导' });
  await pick(page, '值班的活动类型', '接待日');
  await pick(page, '星期', '星期三'); // the new rota's default weekday, taken off
  await form.getByLabel('每月几日').fill('15');
  await form.getByLabel('遇节假日').selectOption('next');
  await form.getByLabel('涉及的承办单位负责人一同参加').check();
  await expect(form.getByTestId('rule-sentence')).toHaveText(
    '县领导每月15日（遇节假日顺延至下一个工作日）轮流接待日，涉及的承办单位负责人一同参加（第四条）',
  );
  await page.screenshot({ path: join(ARTIFACTS, 'rules-involved.png') });
  await form.getByRole('button', { name: '取消' }).click();
});
