// 制度 → the rule editor in Chromium against the real backend, on the demo university (preset 002): a rule of a
// kind the presets never use (间隔) written through the Chinese form, its sentence and its preview on the ledger
// with names; bad input refused with the field named and nothing saved; a rule copied, switched off, deleted; a
// rule naming a role no cadre has shown with a warning. Screenshots go to tests/artifacts/regulations-*.png.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
const year = new Date().getFullYear();
test.beforeAll(async () => {
  t = await startTestHost();
  const r = await t.backend.dispatch('demo.generate', { year, seed: 1 });
  if (!r.ok) throw new Error(r.error.message);
});
test.afterAll(async () => t?.stop());
test.describe.configure({ mode: 'serial' });

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name, exact: true });

async function ruleCount(): Promise<number> {
  const r = await t.backend.dispatch('rules.list', { year });
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as unknown[]).length;
}

/** Ticks a chip of a picker (级别, 活动类型 …) inside a section of the form. */
async function pick(page: Page, group: string, value: string, nth = 0) {
  await page
    .getByRole('dialog')
    .getByRole('group', { name: group, exact: true })
    .nth(nth)
    .locator('label.chip', { hasText: new RegExp(`^${value}$`) })
    .click();
}

test('a new 间隔 rule through the form: its sentence, its preview with names, saved as that sentence', async ({
  page,
}) => {
  await page.goto(t.host.openUrl);
  await nav(page, '制度').click();
  await expect(page.locator('tr[data-code="002-16a"]')).toBeVisible();
  const before = await ruleCount();
  await page.getByRole('button', { name: '新增要求', exact: true }).click();
  const form = page.getByRole('dialog', { name: '新增要求' });
  await form.getByLabel('要求的类型').selectOption('interval');
  await form.getByLabel('名称', { exact: true }).fill('校领导下基层间隔');
  await form.getByLabel('条款', { exact: true }).fill('补充 第一条');
  await form.getByLabel('称谓（制度里怎么称呼）').fill('校领导');
  await pick(page, '级别（任一）', '校级');
  await pick(page, '活动类型（任一）', '调研');
  await pick(page, '活动类型（任一）', '走访');
  await form.getByLabel('相邻两次最长间隔').fill('30');
  await expect(form.getByTestId('rule-sentence')).toHaveText(
    '每位校领导调研或走访，相邻两次间隔不超过30日（补充 第一条）',
  );
  const preview = form.getByTestId('rule-preview');
  await expect(preview).toContainText('达标');
  await expect(preview.locator('tbody tr').first()).toBeVisible();
  // Every 校级 cadre of the demo is a row, named.
  const cadres = await t.backend.dispatch('cadres.list', {});
  const leaders = cadres.ok
    ? (cadres.value as { name: string; level: string }[]).filter((c) => c.level === '校级')
    : [];
  expect(leaders.length).toBeGreaterThan(0);
  await expect(preview).toContainText(leaders[0]!.name);
  await page.screenshot({ path: join(ARTIFACTS, 'regulations-editor-interval.png') });
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  await expect(
    page.locator('tr', { hasText: '每位校领导调研或走访，相邻两次间隔不超过30日（补充 第一条）' }),
  ).toBeVisible();
  expect(await ruleCount()).toBe(before + 1);
  await page.screenshot({ path: join(ARTIFACTS, 'regulations-page.png'), fullPage: false });
});

/** Each 校级 cadre's 听课 records per month of this year up to today, counted in the ledger file itself. */
function lectureCounts(): Map<string, Map<number, number>> {
  const rows = t.backend.db.sqlite
    .prepare(
      `SELECT c.name AS name, CAST(substr(r.date, 6, 2) AS INTEGER) AS month, COUNT(DISTINCT r.id) AS n
         FROM cadres c
         LEFT JOIN record_cadres rc ON rc.cadre_id = c.id
         LEFT JOIN records r ON r.id = rc.record_id AND substr(r.date, 1, 4) = ? AND r.date <= ?
              AND r.activity_type_id = (SELECT id FROM activity_types WHERE name = '听课')
        WHERE c.level = '校级'
        GROUP BY c.id, month`,
    )
    .all(String(year), today()) as { name: string; month: number | null; n: number }[];
  const out = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const m = out.get(r.name) ?? new Map<number, number>();
    if (r.month !== null) m.set(r.month, r.n);
    out.set(r.name, m);
  }
  return out;
}
const lastDayOfMonth = () => new Date(Date.now() + 86_400_000).getDate() === 1;
const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

test('“每位校领导每月听课不少于2次” written through the form: each 校领导 this month in the preview, a level nobody holds warned of, then evaluated on 统计考核 and edited', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const level = await t.backend.dispatch('vocabulary.add', { list: 'levels', name: '正科级' });
  expect(level.ok).toBe(true);
  await page.goto(t.host.openUrl);
  await nav(page, '制度').click();
  await page.getByRole('button', { name: '新增要求', exact: true }).click();
  const form = page.getByRole('dialog', { name: '新增要求' });
  await expect(form.getByLabel('要求的类型')).toHaveValue('frequency');
  await form.getByLabel('名称', { exact: true }).fill('校领导每月听课');
  await form.getByLabel('条款', { exact: true }).fill('补充 第四条');
  await form.getByLabel('称谓（制度里怎么称呼）').fill('校领导');
  await pick(page, '级别（任一）', '校级');
  await pick(page, '活动类型（任一）', '听课');
  await form.getByLabel('至少', { exact: true }).fill('2');
  await expect(form.getByLabel('周期', { exact: true })).toHaveValue('month');
  await expect(form.getByTestId('rule-sentence')).toHaveText('每位校领导每月听课不少于2次（补充 第四条）');

  // The preview: every 校领导 with the 听课 records of this month the ledger holds for them.
  const preview = form.getByTestId('rule-preview');
  const month = new Date().getMonth() + 1;
  await expect(preview).toContainText(`${year}年${month}月`);
  const counts = lectureCounts();
  expect(counts.size).toBeGreaterThan(0);
  await expect(preview.locator('tbody tr')).toHaveCount(counts.size);
  for (const [name, byMonth] of counts) {
    const n = byMonth.get(month) ?? 0;
    const row = preview.locator('tbody tr', { hasText: name });
    await expect(row.locator('td').nth(1)).toHaveText(`${n}/2次`);
    if (n >= 2) await expect(row.locator('td').nth(2)).toHaveText('达标');
  }
  const met = [...counts.values()].filter((m) => (m.get(month) ?? 0) >= 2).length;
  await expect(preview.locator('.preview-counts .st-met')).toHaveText(`达标 ${met}`);

  // A level on the list that nobody on the roster holds: warned of while writing, gone when taken off.
  await pick(page, '级别（任一）', '正科级');
  await expect(preview.locator('.preview-warning')).toHaveText(
    '⚠ 名册中没有级别为“正科级”的干部，适用对象中的这一项对不上任何人',
  );
  await page.screenshot({ path: join(ARTIFACTS, 'regulations-editor-lectures.png') });
  await pick(page, '级别（任一）', '正科级');
  await expect(preview.locator('.preview-warning')).toHaveCount(0);
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form).toBeHidden();
  const row = page.locator('tr', { hasText: '每位校领导每月听课不少于2次（补充 第四条）' });
  await expect(row).toBeVisible();
  const code = (await row.getAttribute('data-code'))!;

  // 统计考核 evaluates it with the rest: one result per 校领导 per month, met where the month had two, missed
  // where a month that is over had fewer (the evaluator counts a month over on its last day).
  await nav(page, '统计考核').click();
  const byRule = page.getByTestId('by-rule');
  // A line per requirement: its name and clause, the sentence on hover.
  const line = byRule.locator('tr[title="每位校领导每月听课不少于2次（补充 第四条）"]');
  await expect(line).toBeVisible({ timeout: 30_000 });
  await expect(line.locator('td').nth(0)).toHaveText('校领导每月听课');
  await expect(line.locator('td').nth(1)).toHaveText('补充 第四条');
  let metAll = 0;
  let missedAll = 0;
  for (const byMonth of counts.values())
    for (let m = 1; m <= month; m++)
      if ((byMonth.get(m) ?? 0) >= 2) metAll++;
      else if (m < month || lastDayOfMonth()) missedAll++;
  await expect(line.locator('td.status-met')).toHaveText(String(metAll));
  await expect(line.locator('td.status-missed')).toHaveText(String(missedAll));
  // The year's twelve months for each of them: those not yet over are 进行中 or 预警.
  const cells = await line.locator('td.num').allTextContents();
  expect(cells.slice(0, 4).reduce((a, x) => a + Number(x), 0)).toBe(counts.size * 12);
  await line.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'regulations-evaluated.png') });

  // A value the institution's list does not hold (say the rule was written before a type was struck off): the
  // form shows it marked and the preview warns; taking it off and raising the minimum is saved as the sentence.
  const stored = await t.backend.dispatch('rules.list', { year });
  const mine = (stored.ok ? (stored.value as { id: number; code: string; body: object }[]) : []).find(
    (r) => r.code === code,
  )!;
  const upd = await t.backend.dispatch('rules.update', {
    id: mine.id,
    body: { ...mine.body, counts: { activityTypes: ['听课', '下乡'] } },
  });
  expect(upd.ok).toBe(true);
  await nav(page, '制度').click();
  const mineRow = page.locator(`tr[data-code="${code}"]`);
  await expect(mineRow).toContainText('每位校领导每月听课或下乡不少于2次（补充 第四条）');
  await mineRow.getByRole('button', { name: '编辑' }).click();
  const edit = page.getByRole('dialog', { name: '编辑要求' });
  const odd = edit.locator('label.chip.unknown');
  await expect(odd).toHaveText('下乡（不在列表中）');
  await expect(edit.getByTestId('rule-preview').locator('.preview-warning')).toHaveText(
    '⚠ 要求中的活动类型“下乡”不在本单位的活动类型列表中，这一条件永远不会满足',
  );
  await page.screenshot({ path: join(ARTIFACTS, 'regulations-editor-unknown.png') });
  await odd.click();
  await edit.getByLabel('至少', { exact: true }).fill('3');
  await expect(edit.getByTestId('rule-sentence')).toHaveText('每位校领导每月听课不少于3次（补充 第四条）');
  await edit.getByRole('button', { name: '保存' }).click();
  await expect(edit).toBeHidden();
  await expect(mineRow).toContainText('每位校领导每月听课不少于3次（补充 第四条）');
});

test('bad input is refused with the field named in Chinese, and nothing is saved', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '制度').click();
  const before = await ruleCount();
  await page.getByRole('button', { name: '新增要求', exact: true }).click();
  const form = page.getByRole('dialog', { name: '新增要求' });
  await form.getByLabel('名称', { exact: true }).fill('听课');
  await form.getByLabel('条款', { exact: true }).fill('补充 第二条');
  await pick(page, '活动类型（任一）', '听课');
  // min > max
  await form.getByLabel('至少', { exact: true }).fill('3');
  await form.getByLabel('至多', { exact: true }).fill('2');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByTestId('rule-errors')).toContainText('「至多」不能小于“至少”（3）');
  await expect(form.locator('[data-path="max"] .field-error')).toHaveText('「至多」不能小于“至少”（3）');
  await page.screenshot({ path: join(ARTIFACTS, 'regulations-editor-refused.png') });
  await form.getByLabel('至多', { exact: true }).fill('');
  // a period the kind cannot have: 任期内 for a duty done collectively
  await form.getByLabel('周期', { exact: true }).selectOption('termOfOffice');
  await form.getByLabel('由适用对象集体完成（任一人的记录都计入，只出一个结果）').check();
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByTestId('rule-errors')).toContainText('「周期」频次要求由单位或集体完成时不能以“任期内”为周期');
  // a deadline of 0 days
  await form.getByLabel('要求的类型').selectOption('deadline');
  await pick(page, '督办事项的类别（来源）', '来信');
  await form.getByLabel('期限', { exact: true }).fill('0');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByTestId('rule-errors')).toContainText('「期限」至少为1');
  // a reply stage longer than the close
  await form.getByLabel('期限', { exact: true }).fill('5');
  await form.getByLabel('首次答复另有期限').check();
  await form.getByLabel('首次答复期限').fill('10');
  await form.getByRole('button', { name: '保存' }).click();
  await expect(form.getByTestId('rule-errors')).toContainText('「答复期限」不能长于办结期限（5）');
  await form.getByRole('button', { name: '取消' }).click();
  expect(await ruleCount()).toBe(before);
});

test('a staged deadline and a rota with two leaders read as the regulation reads', async ({ page }) => {
  await page.goto(t.host.openUrl);
  await nav(page, '制度').click();
  await page.getByRole('button', { name: '新增要求', exact: true }).click();
  const form = page.getByRole('dialog', { name: '新增要求' });
  await form.getByLabel('要求的类型').selectOption('deadline');
  await form.getByLabel('名称', { exact: true }).fill('来信办理');
  await form.getByLabel('条款', { exact: true }).fill('补充 第三条');
  await pick(page, '督办事项的类别（来源）', '来信');
  await form.getByLabel('期限', { exact: true }).fill('15');
  await form.getByLabel('首次答复另有期限').check();
  await form.getByLabel('首次答复期限').fill('3');
  await form.getByLabel('可以延期').check();
  await form.getByLabel('最多延期').fill('15');
  await expect(form.getByTestId('rule-sentence')).toHaveText(
    '来信应在3个工作日内首次答复、15个工作日内办结，经批准可延期，延期不超过15个工作日（补充 第三条）',
  );
  await page.screenshot({ path: join(ARTIFACTS, 'regulations-editor-deadline.png') });
  await form.getByLabel('要求的类型').selectOption('roster');
  await form.getByLabel('由谁承担').selectOption('cadre');
  await form.getByLabel('称谓（制度里怎么称呼）').fill('校领导');
  await pick(page, '值班的活动类型', '接待日');
  await form.getByLabel('每次值班人数').fill('2');
  await pick(page, '星期', '星期三');
  await pick(page, '星期', '星期四');
  await form.getByLabel('遇节假日').selectOption('next');
  await expect(form.getByTestId('rule-sentence')).toHaveText(
    '校领导每周星期四（遇节假日顺延至下一个工作日）轮流（每次2人）接待日（补充 第三条）',
  );
  await page.screenshot({ path: join(ARTIFACTS, 'regulations-editor-roster.png') });
  await form.getByRole('button', { name: '取消' }).click();
});

test('copy, switch off and delete a rule; a rule naming a role no cadre has is shown with a warning', async ({
  page,
}) => {
  await page.goto(t.host.openUrl);
  await nav(page, '制度').click();
  const before = await ruleCount();
  const row = page.locator('tr[data-code="002-16a"]');
  await row.getByRole('button', { name: '复制' }).click();
  const form = page.getByRole('dialog', { name: '复制要求' });
  await expect(form.getByLabel('名称', { exact: true })).toHaveValue('领导干部每学年听课不少于4次（副本）');
  await form.getByLabel('角色（任一）').first().waitFor();
  // A role the roster does not carry: the rule applies to nobody.
  const roles = await t.backend.dispatch('vocabulary.add', { list: 'roles', name: '分管审计' });
  expect(roles.ok).toBe(true);
  await form.getByRole('button', { name: '取消' }).click();
  await page.reload();
  await nav(page, '制度').click();
  await row.getByRole('button', { name: '复制' }).click();
  await pick(page, '角色（任一）', '分管审计');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();
  expect(await ruleCount()).toBe(before + 1);
  // The copy keeps the regulation's word for them (领导干部); its filter now names a role nobody has.
  const warned = page.locator('tr', { has: page.getByTestId('rule-warning').filter({ hasText: '分管审计' }) });
  await expect(warned).toHaveCount(1);
  const copy = page.locator(`tr[data-code="${await warned.getAttribute('data-code')}"]`);
  await expect(copy).toContainText('每位领导干部每学年听课不少于4次（002 第十六条）');
  await expect(copy.getByTestId('rule-warning').first()).toContainText('名册中没有角色为“分管审计”的干部');
  await expect(page.getByTestId('rule-warning-summary')).toBeVisible();
  await copy.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'regulations-warning.png') });

  // The box follows the stored rule: it turns off once the change is saved.
  await copy.getByRole('checkbox').click();
  await expect(copy.getByRole('checkbox')).not.toBeChecked();
  await expect(copy).toHaveClass(/rule-disabled/);
  // A rule switched off is not evaluated, so it is not checked either.
  await expect(copy.getByTestId('rule-warning')).toHaveCount(0);
  await copy.getByRole('button', { name: '删除' }).click();
  await page.getByRole('dialog', { name: '删除要求' }).getByRole('button', { name: '确定' }).click();
  await expect(copy).toHaveCount(0);
  expect(await ruleCount()).toBe(before);
});
