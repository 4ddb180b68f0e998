// The shell's security options and decisions, item by item against Electron's security checklist.
// Pure on purpose: a test imports this module and checks every item without an Electron binary.
import type { WebPreferences } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../doors/http/security';

export const APP_SCHEME = 'app';
export const APP_HOST = 'ledger';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;
export { CONTENT_SECURITY_POLICY };

/** The privileges of app:// (registered before the app is ready). */
export const APP_SCHEME_PRIVILEGES = {
  standard: true,
  secure: true,
  supportFetchAPI: true,
  corsEnabled: false,
  stream: true,
} as const;

/** The window's web preferences, all but the preload path (added at run time). */
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
  // Middle-click would open links in new windows; nothing in the ledger needs it.
  disableBlinkFeatures: 'Auxclick',
} as const satisfies WebPreferences;

/**
 * Fuses flipped when the app is packaged: no way to run the binary as plain Node (ELECTRON_RUN_AS_NODE,
 * NODE_OPTIONS, --inspect), the app only from its app.asar, whose integrity Electron checks where it can
 * (macOS, Windows). Applied by `electronFuses` in electron-builder.json (electron-builder flips them
 * after packing, before signing); tests/unit/shell-security.test.ts holds the two to the same values.
 */
export const FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
} as const;

/** The oldest Electron major this shell accepts: a supported release line. */
export const MIN_ELECTRON_MAJOR = 37;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for pages of the app itself (app://ledger/…), or the dev server in development. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  const u = parse(url);
  if (!u) return false;
  if (u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST) return true;
  if (devServerUrl) {
    const dev = parse(devServerUrl);
    return !!dev && u.origin === dev.origin;
  }
  return false;
}

/** IPC is answered only for the app's own top frame. */
export function isTrustedSender(frameUrl: string | undefined, devServerUrl?: string): boolean {
  return typeof frameUrl === 'string' && isAppUrl(frameUrl, devServerUrl);
}

/** Navigation away from the app is refused; in-app navigation (same page, other route) is allowed. */
export function allowNavigation(url: string, devServerUrl?: string): boolean {
  return isAppUrl(url, devServerUrl);
}

/**
 * Links the user may open in the system browser. The ledger works offline and shows no external
 * links, so the list is empty: shell.openExternal is never fed a URL from web content.
 */
export const EXTERNAL_ALLOWLIST: readonly string[] = [];

export function isSafeExternalUrl(url: string): boolean {
  const u = parse(url);
  return !!u && u.protocol === 'https:' && EXTERNAL_ALLOWLIST.includes(u.origin);
}

/** New windows are never created from web content. */
export function windowOpenHandler(): { action: 'deny' } {
  return { action: 'deny' };
}

/** Every permission request (camera, geolocation, notifications …) is denied. */
export function permissionRequestHandler(
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void {
  callback(false);
}

export function permissionCheckHandler(): boolean {
  return false;
}

/** The headers app:// sends with every file. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
  };
}
