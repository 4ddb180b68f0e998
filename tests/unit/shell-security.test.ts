// Electron's security checklist (electronjs.org/docs/latest/tutorial/security), item by item,
// against the shell's options and handlers. The module is pure, so no Electron binary is needed.
import { readFileSync } from 'node:fs';
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
  it('19. fuses to flip at packaging are declared', () => {
    expect(FUSES).toMatchObject({
      RunAsNode: false,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      OnlyLoadAppFromAsar: true,
      EnableEmbeddedAsarIntegrityValidation: true,
    });
  });
  it('20. no Electron API is exposed to web content: the preload exposes only the contract methods', () => {
    expect(preloadSource).toContain("contextBridge.exposeInMainWorld(\n  'ledger',\n  buildRawApi(");
    expect(preloadSource).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*[,)]/);
    expect(preloadSource.match(/exposeInMainWorld/g)).toHaveLength(1);
  });
});
