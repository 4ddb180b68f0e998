// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), item by item,
// against the shell's options and handlers. The module is pure, so no Electron binary is needed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  EXTERNAL_ALLOWLIST,
  FUSES,
  MIN_ELECTRON_MAJOR,
  WEB_PREFERENCES,
  allowNavigation,
  isSafeExternalUrl,
  isTrustedSender,
  permissionCheckHandler,
  permissionRequestHandler,
  responseHeaders,
  windowOpenHandler,
} from '../../electron/main/security';
import { pageCallRefusal } from '../../electron/doors/page-calls';
import { backupDirFor } from '../../electron/services/paths';

const mainSource = readFileSync('electron/main/index.ts', 'utf8');
const preloadSource = readFileSync('electron/preload/index.ts', 'utf8');

describe('Electron security checklist', () => {
  it('1. only secure content: the window loads app://, never http: or file:', () => {
    expect(APP_ENTRY).toBe('app://ledger/index.html');
    expect(APP_SCHEME_PRIVILEGES.secure).toBe(true);
    expect(mainSource).toContain('loadURL(devServerUrl ?? APP_ENTRY)');
  });
  it('2. no Node.js integration for web content', () => {
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false);
    expect(WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false);
  });
  it('3. context isolation on', () => expect(WEB_PREFERENCES.contextIsolation).toBe(true));
  it('4. process sandbox on', () => expect(WEB_PREFERENCES.sandbox).toBe(true));
  it('5. permission requests are denied', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      let granted: boolean | undefined;
      permissionRequestHandler(null, p, (g) => (granted = g));
      expect(granted, p).toBe(false);
    }
    expect(permissionCheckHandler()).toBe(false);
    expect(mainSource).toContain('setPermissionRequestHandler(permissionRequestHandler)');
    expect(mainSource).toContain('setPermissionCheckHandler(permissionCheckHandler)');
  });
  it('6. webSecurity is not disabled', () => expect(WEB_PREFERENCES.webSecurity).toBe(true));
  it('7. a Content Security Policy without eval or inline script is sent with every file', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(responseHeaders('text/html')['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });
  it('8. allowRunningInsecureContent is off', () => expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false));
  it('9. experimental features are off', () => expect(WEB_PREFERENCES.experimentalFeatures).toBe(false));
  it('10. no enableBlinkFeatures', () => expect('enableBlinkFeatures' in WEB_PREFERENCES).toBe(false));
  it('11. <webview> is disabled (so no allowpopups)', () => {
    expect(WEB_PREFERENCES.webviewTag).toBe(false);
  });
  it('12. any attempt to attach a <webview> is prevented', () => {
    expect(mainSource).toMatch(/will-attach-webview', \(event\) => event\.preventDefault\(\)/);
  });
  it('13. navigation is limited to the app itself', () => {
    expect(allowNavigation('app://ledger/index.html')).toBe(true);
    expect(allowNavigation('https://example.com/')).toBe(false);
    expect(allowNavigation('file:///etc/passwd')).toBe(false);
    expect(allowNavigation('app://other/index.html')).toBe(false);
    expect(allowNavigation('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(mainSource).toContain("contents.on('will-navigate'");
    expect(mainSource).toContain("contents.on('will-redirect'");
    expect(WEB_PREFERENCES.navigateOnDragDrop).toBe(false);
  });
  it('14. new windows are denied', () => {
    expect(windowOpenHandler()).toEqual({ action: 'deny' });
    expect(mainSource).toContain('setWindowOpenHandler');
  });
  it('15. shell.openExternal is never fed untrusted URLs', () => {
    expect(EXTERNAL_ALLOWLIST).toEqual([]);
    for (const u of [
      'https://example.com',
      'file:///C:/Windows/system32/calc.exe',
      'smb://host/share',
      'javascript:alert(1)',
    ])
      expect(isSafeExternalUrl(u)).toBe(false);
    expect(mainSource.match(/openExternal\(/g)).toHaveLength(1);
    expect(mainSource).toContain('if (isSafeExternalUrl(url)) void shell.openExternal(url)');
  });
  it('16. a current Electron', () => {
    const version = JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version as string;
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(MIN_ELECTRON_MAJOR);
  });
  it('17. the sender of every IPC message is checked', () => {
    expect(isTrustedSender('app://ledger/index.html')).toBe(true);
    expect(isTrustedSender('https://evil.example/')).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    expect(mainSource).toContain('isTrustedSender(event.senderFrame?.url, devServerUrl)');
    expect(mainSource.match(/ipcMain\.handle\(/g)).toHaveLength(1);
  });
  it('18. a custom protocol instead of file://', () => {
    expect(APP_SCHEME_PRIVILEGES.standard).toBe(true);
    expect(mainSource).toContain('protocol.handle(APP_SCHEME');
    expect(mainSource).not.toMatch(/loadFile\(|file:\/\//);
  });
  it('19. the fuses are flipped by the packaging config, to the values the shell declares', () => {
    expect(FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
    });
    // electron-builder reads electron-builder.json and flips `electronFuses` after packing, before signing.
    const config = JSON.parse(readFileSync('electron-builder.json', 'utf8')) as {
      asar?: unknown;
      electronFuses?: Record<string, boolean>;
    };
    const camel = (k: string) => k[0]!.toLowerCase() + k.slice(1);
    expect(config.electronFuses).toEqual(Object.fromEntries(Object.entries(FUSES).map(([k, v]) => [camel(k), v])));
    // OnlyLoadAppFromAsar and the integrity check need the app packed into an asar with its hash kept.
    expect(config.asar).toBe(true);
    expect(JSON.stringify(config)).not.toContain('disableIntegrity');
  });
  it('20. the page gets one bridge, invoke(method, input), for the contract’s methods only', () => {
    expect(preloadSource).toContain("contextBridge.exposeInMainWorld('ledger', Object.freeze({ invoke }));");
    expect(preloadSource.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(preloadSource).toContain("typeof method === 'string' && isMethodName(method)");
    // Nothing but the one channel: no ipcRenderer, no send/on, no shell, no file or path helpers.
    expect(preloadSource.match(/ipcRenderer\.\w+/g)).toEqual(['ipcRenderer.invoke']);
    const code = preloadSource.replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\b(shell|webUtils|require|process|fs)\b\./);
    expect(mainSource.match(/ipcMain\.(handle|on)\(/g)).toEqual(['ipcMain.handle(']);
  });
  it('21. a backup the page names is restored only from the ledger’s own backup folder', () => {
    const db = '/home/secretary/台账/ledger.sqlite';
    const own = join(backupDirFor(db), 'ledger.2026-11-30_09-00-00.manual.sqlite');
    expect(pageCallRefusal('backups.restore', { path: own }, db)).toBeNull();
    for (const path of [
      '/tmp/other-institution.sqlite',
      join(backupDirFor(db), '..', 'ledger.sqlite'),
      join(backupDirFor(db), 'sub', 'x.sqlite'),
      `${backupDirFor(db)}/../../../../etc/passwd`,
      join(backupDirFor(db), 'notes.txt'),
    ]) {
      const r = pageCallRefusal('backups.restore', { path }, db);
      expect(r, path).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(r && !r.ok && r.error.message).toContain('只能从本台账的备份文件夹里选择备份来恢复');
    }
    expect(pageCallRefusal('units.list', {}, db)).toBeNull();
    // Both doors that answer a page go through it: the Electron window's IPC and the browser host.
    expect(mainSource).toContain('pageDispatch(workspace!.dispatch');
    expect(readFileSync('electron/doors/http/main.ts', 'utf8')).toContain('dispatch: pageDispatch(workspace.dispatch');
  });
  it('22. nothing under electron/ outside the thin shell imports Electron', () => {
    const files = (readdirSync('electron', { recursive: true }) as string[]).filter((f) =>
      /\.(ts|tsx|mts|cts|mjs|cjs)$/.test(f),
    );
    expect(files.length).toBeGreaterThan(50);
    const importers = files.filter((f) =>
      /(from\s+['"]electron(\/[\w/]+)?['"]|require\(\s*['"]electron['"]\s*\)|import\(\s*['"]electron['"]\s*\))/.test(
        readFileSync(join('electron', f), 'utf8'),
      ),
    );
    expect(
      importers.every((f) => /^(main|preload)[\\/]/.test(f)),
      importers.join(', '),
    ).toBe(true);
    expect(importers).toContain(join('preload', 'index.ts'));
  });
});
