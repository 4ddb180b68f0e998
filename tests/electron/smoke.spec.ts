// The real Electron app, where its binary is installed: the window opens on app:// with the roster,
// and the renderer has no Node. Elsewhere (CI, offline installs) it reports a skip with the reason.
import { _electron as electron, expect, test } from '@playwright/test';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

function electronBinary(): string | null {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown as string;
    return typeof p === 'string' && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test.describe('Electron smoke', () => {
  test.skip(
    !binary,
    '未安装 Electron 可执行文件（ELECTRON_SKIP_BINARY_DOWNLOAD=1），跳过 Electron 冒烟测试；浏览器端到端测试覆盖同一界面与后端。',
  );

  test('the window opens on app:// with the roster and no Node in the page', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-electron-'));
    const app = await electron.launch({ executablePath: binary!, args: ['.', '--db', join(dir, 'ledger.sqlite')] });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('button', { name: '人员与单位' })).toBeVisible();
      expect(page.url()).toBe('app://ledger/index.html');
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => typeof (window as { ledger?: { cadres?: unknown } }).ledger?.cadres)).toBe(
        'object',
      );
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
