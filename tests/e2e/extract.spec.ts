// 读取制度全文 on 制度, in Chromium against the real backend, on a ledger under preset 003: the secretary
// pastes the regulation, sees each duty marked in the text and proposed as a sentence, accepts the sure ones,
// edits one in the rule form, rejects one, reads the sentences left for her, and stores the accepted rules
// as a new regulation of the year. Screenshots: tests/artifacts/extract-*.png.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
const year = new Date().getFullYear();
test.beforeAll(async () => {
  t = await startTestHost();
  const r = await t.backend.dispatch('rules.applyPreset', { presetId: '003', year });
  if (!r.ok) throw new Error(r.error.message);
});
test.afterAll(async () => t?.stop());

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name, exact: true });

test('paste a regulation, review its proposals, store the accepted ones', async ({ page }) => {
  const text = readFileSync(join(process.cwd(), 'tests', 'fixtures', 'regulations', 'seed-003.txt'), 'utf8');
  await page.goto(t.host.openUrl);
  await nav(page, '制度').click();
  // The year's rules arrive after the page: count them once they are there (the host's ledger has some).
  await expect(page.getByTestId('rule-table').locator('tbody tr').first()).toBeVisible();
  const before = await page.getByTestId('rule-table').locator('tbody tr').count();
  await page.getByRole('button', { name: '读取制度全文…' }).click();

  // Something that is no regulation is refused in Chinese.
  const review = page.getByRole('region', { name: '读取制度全文' });
  await review
    .getByLabel('制度全文')
    .fill('春天来了，花开了，小鸟在树上唱歌，孩子们在草地上奔跑，老师带着大家去公园散步。');
  await review.getByRole('button', { name: '读取', exact: true }).click();
  await expect(review.getByRole('alert')).toContainText('这不像一份制度');

  await review.getByLabel('制度全文').fill(text);
  await review.getByRole('button', { name: '读取', exact: true }).click();
  await expect(review.getByLabel('制度名称')).toHaveValue('领导干部深入基层联系学生工作方案');
  await expect(review.getByLabel('发文字号')).toHaveValue('委发〔2019〕19号');
  const proposals = review.getByRole('list', { name: '读出的要求' }).locator('> li');
  const n = await proposals.count();
  expect(n).toBeGreaterThan(6);
  // Each found duty is marked in the text; the monthly class observation reads as a sentence.
  await expect(review.getByTestId('found-mark').first()).toBeVisible();
  await expect(proposals.filter({ hasText: '每月听课不少于1次' })).toHaveCount(1);
  await page.screenshot({ path: join(ARTIFACTS, 'extract-review.png') });

  await review.getByRole('button', { name: /采纳全部有把握的/ }).click();
  const accepted = await review.locator('li[data-verdict="accepted"]').count();
  expect(accepted).toBeGreaterThan(3);

  // One proposal rejected, one edited in the same rule form as 制度.
  const monthly = proposals.filter({ hasText: '每月听课不少于1次' });
  await monthly.getByRole('button', { name: '修改' }).click();
  const form = page.getByRole('dialog', { name: '编辑要求' });
  await form.getByLabel('至少', { exact: true }).fill('2');
  await expect(form.getByTestId('rule-sentence')).toContainText('每月听课不少于2次');
  await page.screenshot({ path: join(ARTIFACTS, 'extract-edit.png') });
  await form.getByRole('button', { name: '保存' }).click();
  await expect(proposals.filter({ hasText: '每月听课不少于2次' })).toContainText('已修改');
  const first = proposals.first();
  await first.getByRole('button', { name: '不采纳' }).click();
  await expect(first).toHaveAttribute('data-verdict', 'rejected');

  const toStore = await review.locator('li[data-verdict="accepted"]').count();
  await review.getByRole('button', { name: new RegExp(`存入${year}年度（${toStore}条）`) }).click();
  await expect(page.getByTestId('notice')).toContainText(
    `已存入制度《领导干部深入基层联系学生工作方案》${toStore} 条要求`,
  );
  await expect(page.getByTestId('rule-table').locator('tbody tr')).toHaveCount(before + toStore);
  await expect(page.getByText('每月听课不少于2次').first()).toBeVisible();

  // The stored regulation keeps its text: each rule beside the words it came from, the sentence she
  // rejected listed among those left unwritten, and the whole text to open.
  const stored = page.locator('section.rule-group[data-regulation="领导干部深入基层联系学生工作方案"]');
  const monthlyRow = stored.locator('tbody tr').filter({ hasText: '每月听课不少于2次' });
  await expect(monthlyRow.getByTestId('rule-source')).toContainText('原文（四.3）');
  await expect(monthlyRow.getByTestId('rule-source')).toContainText('每个月要深入课堂听1次课');
  await expect(stored.getByTestId('rule-source')).toHaveCount(toStore);
  const unwritten = stored.getByTestId('unwritten-sentence');
  await expect(unwritten.filter({ hasText: '读出的要求未采纳' })).toHaveCount(1);
  await expect(stored.getByRole('heading', { name: /未写成要求的条文（\d+处）/ })).toBeVisible();
  await monthlyRow.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'extract-stored.png') });
  await stored.getByTestId('unwritten-sentences').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(ARTIFACTS, 'extract-unwritten.png') });
});
