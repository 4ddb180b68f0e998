// 公文: what leaves the program is what the preview shows, and every saved or printed 通知-shaped document
// carries its own 发文字号 from the register. Real renderer in Chromium, real backend, the PDFs read back with
// pdftotext. Screenshots go to tests/artifacts/documents-shown-*.png.
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARTIFACTS, startTestHost, type TestHost } from './support/host';

let t: TestHost;
test.beforeAll(async () => {
  t = await startTestHost();
  const r = await t.backend.dispatch('demo.generate', {});
  expect(r.ok).toBe(true);
});
test.afterAll(async () => t?.stop());
test.describe.configure({ mode: 'serial', timeout: 240_000 });

const pdfText = (path: string) => execFileSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
const squeeze = (s: string) => s.replace(/\s+/g, '');
const register = () =>
  t.backend.db.sqlite
    .prepare('SELECT prefix, year, seq, doc_type AS docType FROM document_register ORDER BY seq')
    .all() as {
    prefix: string;
    year: number;
    seq: number;
    docType: string;
  }[];
const someCadre = () =>
  (
    t.backend.db.sqlite
      .prepare('SELECT name FROM cadres WHERE id = (SELECT min(cadre_id) FROM record_cadres)')
      .get() as { name: string }
  ).name;

async function open(page: Page) {
  await page.addInitScript(() => {
    const blobs = new Map<string, Blob>();
    (window as unknown as { __blobs: Map<string, Blob> }).__blobs = blobs;
    const create = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (o: Blob | MediaSource) => {
      const u = create(o);
      if (o instanceof Blob) blobs.set(u, o);
      return u;
    };
  });
  await page.goto(t.host.openUrl);
  await page.getByRole('navigation', { name: '主导航' }).getByRole('button', { name: '公文', exact: true }).click();
  return page.getByTestId('documents-page');
}

/** 保存 → the downloaded file's text. */
async function saveText(page: Page, name: string): Promise<string> {
  const el = page.getByTestId('documents-page');
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    el.getByRole('button', { name: '保存', exact: true }).click(),
  ]);
  const path = join(ARTIFACTS, `documents-shown-${name}.pdf`);
  await download.saveAs(path);
  return pdfText(path);
}

/** The PDF the preview frame shows right now, as text. */
async function shownText(page: Page, name: string): Promise<string> {
  const src = await page.getByTestId('document-preview').getAttribute('src');
  // The page's CSP keeps fetch() off blob: URLs; the Blob behind the frame's URL is kept by the init script.
  const b64 = await page.evaluate(async (u) => {
    const blob = (window as unknown as { __blobs: Map<string, Blob> }).__blobs.get(u!)!;
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  }, src);
  const path = join(ARTIFACTS, `documents-shown-${name}.pdf`);
  writeFileSync(path, Buffer.from(b64, 'base64'));
  return pdfText(path);
}

test('after a 公示 preview, switching to 考核 clears it; 保存 saves the 考核 drafted, not the 公示', async ({
  page,
}) => {
  const el = await open(page);
  await el.locator('select').first().selectOption('公示');
  await el.getByRole('button', { name: '生成草稿' }).click();
  await el.getByRole('button', { name: '预览' }).click();
  await expect(page.getByTestId('document-preview')).toHaveAttribute('src', /^blob:/, { timeout: 60_000 });
  expect(squeeze(await shownText(page, 'gongshi-preview'))).toContain('公示');

  await el.locator('select').first().selectOption('考核');
  await expect(page.getByTestId('document-preview')).toHaveCount(0);
  await expect(el.getByRole('button', { name: '保存', exact: true })).toBeDisabled();
  await expect(el.getByRole('button', { name: '打印' })).toBeDisabled();

  const cadre = someCadre();
  await el.getByPlaceholder('姓名').fill(cadre);
  await el.getByRole('button', { name: '生成草稿' }).click();
  await expect(el.getByRole('button', { name: '保存', exact: true })).toBeEnabled({ timeout: 60_000 });
  // 保存 without 预览: the 考核 is made, shown, and the same bytes saved.
  const saved = squeeze(await saveText(page, 'kaohe'));
  expect(saved).toContain(cadre);
  expect(saved).toContain('考核');
  expect(saved).not.toContain('公示期');
  await expect(page.getByTestId('document-preview')).toHaveAttribute('src', /^blob:/);
  expect(squeeze(await shownText(page, 'kaohe-shown'))).toBe(saved);
  await page.screenshot({ path: join(ARTIFACTS, 'documents-shown-kaohe.png') });
  // A plain document has no 发文字号: nothing is reserved for it.
  expect(register()).toEqual([]);
});

test('each saved or printed 通知/公示 gets its own reserved 发文字号; saving the same document again keeps it', async ({
  page,
}) => {
  const el = await open(page);
  const year = new Date().getFullYear();
  await el.locator('select').first().selectOption('通知');
  await el.getByRole('button', { name: '生成草稿' }).click();
  await expect(el.getByTestId('doc-number')).toHaveValue(`校党发〔${year}〕1号`, { timeout: 60_000 });
  await expect(el.getByText('发文字号（尚未登记，保存或打印时自动取号）')).toBeVisible();
  expect(register()).toEqual([]); // a draft only shows the next free number

  // The title edited after the preview: 保存 saves the edited text, not the older preview.
  await el.getByRole('button', { name: '预览' }).click();
  await expect(page.getByTestId('document-preview')).toHaveAttribute('src', /^blob:/, { timeout: 60_000 });
  const title = el.getByLabel('标题', { exact: true });
  await title.fill(`${await title.inputValue()}（修订）`);
  await expect(page.getByTestId('preview-stale')).toBeVisible();
  await page.screenshot({ path: join(ARTIFACTS, 'documents-shown-stale.png') });
  const first = squeeze(await saveText(page, 'tongzhi-1'));
  expect(first).toContain('（修订）');
  expect(first).toContain(`校党发〔${year}〕1号`);
  await expect(el.getByText('发文字号（已登记）')).toBeVisible();
  await expect(page.getByTestId('preview-stale')).toHaveCount(0);
  expect(register()).toEqual([{ prefix: '校党发', year, seq: 1, docType: '通知' }]);

  // Saved again unchanged: the same document, the same number, nothing new in the register.
  const again = squeeze(await saveText(page, 'tongzhi-1-again'));
  expect(again).toBe(first);
  expect(register()).toHaveLength(1);

  // A 公示 drafted now shows the next free number; 打印 reserves it and prints what the frame then shows.
  await el.locator('select').first().selectOption('公示');
  await el.getByRole('button', { name: '生成草稿' }).click();
  await expect(el.getByTestId('doc-number')).toHaveValue(`校党发〔${year}〕2号`, { timeout: 60_000 });
  await el.getByRole('button', { name: '打印' }).click();
  await expect(el.getByText('发文字号（已登记）')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('document-preview')).toHaveAttribute('src', /^blob:/);
  const printed = squeeze(await shownText(page, 'gongshi-printed'));
  expect(printed).toContain(`校党发〔${year}〕2号`);
  expect(printed).not.toContain(`校党发〔${year}〕1号`);
  expect(register().map((r) => [r.seq, r.docType])).toEqual([
    [1, '通知'],
    [2, '公示'],
  ]);

  // Another 通知 drafted: never the first one's number.
  await el.locator('select').first().selectOption('通知');
  await el.getByRole('button', { name: '生成草稿' }).click();
  await expect(el.getByTestId('doc-number')).toHaveValue(`校党发〔${year}〕3号`, { timeout: 60_000 });
  const third = squeeze(await saveText(page, 'tongzhi-3'));
  expect(third).toContain(`校党发〔${year}〕3号`);
  expect(third).not.toContain(`校党发〔${year}〕1号`);
  expect(register().map((r) => r.seq)).toEqual([1, 2, 3]);
  await page.screenshot({ path: join(ARTIFACTS, 'documents-shown-numbered.png') });
});
