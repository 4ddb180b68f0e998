// Issue 10: the 考核 packet is offered on 公文 (not only as an API method), with its progress while it runs. The real
// renderer in Chromium against the real backend: 公文 → 考核 → 生成考核材料包, the job's progress line (phase, n / N
// 个文件, 取消) shown while it runs, then the notice naming the folder, whose files are on disk and read back.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS } from './support/host';
import { gridLedger, nav } from './support/ledger';

// Forty cadres with a few 听课 records each, under preset 002: enough cadre files for the job to be seen running.
const CADRES = Array.from({ length: 40 }, (_, i) => [`考核${String(i + 1).padStart(2, '0')}`, '副院长'] as const);
const l = gridLedger('机械学院', CADRES, async (l, college) => {
  await l.ok('rules.applyPreset', { presetId: '002', year: 2026 });
  const type = (l.sql<{ id: number }>("SELECT id FROM activity_types WHERE name = '听课'")[0] ??
    (await l.ok<{ id: number }>('vocabulary.addActivityType', { name: '听课' }))) as { id: number };
  for (const [i, cadreId] of college.cadreIds.entries())
    for (const month of [3, 4, 5])
      await l.ok('records.create', {
        date: `2026-0${month}-${String(10 + (i % 15)).padStart(2, '0')}`,
        activityTypeId: type.id,
        cadreIds: [cadreId],
        place: '教学楼',
        content: '随堂听课',
      });
});

test('公文 → 考核 offers 生成考核材料包; its progress shows while it runs, then the folder with every file', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await page.goto(l.t.host.openUrl);
  await nav(page, '公文').click();
  const el = page.getByTestId('documents-page');
  await expect(el.getByTestId('packet-button')).toHaveCount(0);
  await el.locator('select').first().selectOption('考核');
  const button = el.getByTestId('packet-button');
  await expect(button).toHaveText('生成考核材料包');
  await button.click();
  // While it runs: the job's line with its phase, the file count and 取消; the button cannot start a second one.
  const progress = page.getByTestId('job-progress');
  await expect(progress).toBeVisible({ timeout: 30_000 });
  await expect(progress).toContainText('考核');
  await expect(button).toBeDisabled();
  await page.screenshot({ path: join(ARTIFACTS, 'packet-progress.png') });
  const notice = page.getByText(
    /已生成 2026 年度考核材料包：(\d+) 个 PDF 文件、共 (\d+) 页，另有台账和清单，保存在“(.+)”。/,
  );
  await expect(notice).toBeVisible({ timeout: 240_000 });
  await expect(progress).toHaveCount(0);
  await page.screenshot({ path: join(ARTIFACTS, 'packet-done.png') });
  const [, files, , dir] = /：(\d+) 个 PDF 文件、共 (\d+) 页，另有台账和清单，保存在“(.+)”。/.exec(
    (await notice.textContent())!,
  )!;
  expect(existsSync(dir!)).toBe(true);
  const all = (d: string): string[] =>
    readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? all(join(d, n)) : [join(d, n)]));
  const written = all(dir!);
  // What the notice says is there: its PDFs, the workbook and the list.
  expect(written.filter((f) => f.endsWith('.pdf')).length).toBe(Number(files));
  expect(
    written
      .filter((f) => !f.endsWith('.pdf'))
      .map((f) => f.slice(dir!.length + 1))
      .sort(),
  ).toEqual(['2026年度台账.xlsx', '清单.txt'].sort());
  // One file per cadre, each that cadre's 考核 read back from the PDF.
  for (const [name] of CADRES.slice(0, 3)) {
    const pdf = written.find((f) => f.endsWith('.pdf') && f.includes(name));
    expect(pdf, name).toBeDefined();
    const text = execFileSync('pdftotext', [pdf!, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain(name);
    expect(text).toContain('听课');
  }
});
