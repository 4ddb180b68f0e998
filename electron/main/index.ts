// The Electron shell: one window, the app:// protocol, the security handlers and the IPC binding.
// Everything else is a service that knows nothing of Electron.
import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startBackupRoutine } from '../services/backend';
import { restoreOverDamaged } from '../services/backup/backups';
import type { BackupScheduler } from '../services/backup/scheduler';
import { setLockProgram } from '../services/db/lock';
import { DamagedLedgerError } from '../services/db/open';
import { useSqliteBinding } from '../services/db/sqlite';
import { resolveDbPath } from '../services/paths';
import { openWorkspace, type Workspace } from '../services/workspace';
import { LedgerError } from '../../shared/errors';
import type { RestoreAccept } from '../../shared/api/backup';
import { pageDispatch } from '../doors/page-calls';
import { contentType, staticFile } from '../doors/static';
import { menuTemplate } from './menu';
import { utilitySpawner } from './utility';
import { electronNativeBinding } from './native';
import {
  APP_ENTRY,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  allowNavigation,
  isSafeExternalUrl,
  isTrustedSender,
  permissionCheckHandler,
  permissionRequestHandler,
  responseHeaders,
  WEB_PREFERENCES,
  windowOpenHandler,
} from './security';

const devServerUrl = process.env.ELECTRON_RENDERER_URL;
const rendererDir = join(__dirname, '../renderer');
let mainWindow: BrowserWindow | null = null;
/** Her ledger, and the demo ledger while she looks at it. */
let workspace: Workspace | null = null;
let backups: BackupScheduler | null = null;

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: APP_SCHEME_PRIVILEGES }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (e) => fatal(e));
}

function fatal(e: unknown): void {
  const message = e instanceof LedgerError ? e.message : `启动失败：${(e as Error)?.message ?? String(e)}`;
  dialog.showErrorBox('联系群众工作台账', message);
  app.exit(1);
}

// Every web contents, including any the app did not make itself, gets the same guards.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (!allowNavigation(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!allowNavigation(url, devServerUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isSafeExternalUrl(url)) void shell.openExternal(url);
    return windowOpenHandler();
  });
});

async function start(): Promise<void> {
  session.defaultSession.setPermissionRequestHandler(permissionRequestHandler);
  session.defaultSession.setPermissionCheckHandler(permissionCheckHandler);

  protocol.handle(APP_SCHEME, async (request) => {
    const file = staticFile(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString()).catch(() => null);
    if (!res || !res.ok) return new Response('Not found', { status: 404 });
    return new Response(res.body, { headers: responseHeaders(contentType(file)) });
  });

  const dbPath = resolveDbPath(process.argv);
  // Every connection (the ledger, its lock, backups) loads the addon built for Electron's ABI.
  const sqliteBinding = electronNativeBinding(app.getAppPath(), process.versions.electron);
  useSqliteBinding(sqliteBinding);
  setLockProgram('台账桌面程序');
  const openOptions = {
    // Long work (import, export, packet, backups, the audit check) in a utilityProcess of its own.
    spawnWorker: utilitySpawner(join(__dirname, 'job-worker.cjs'), sqliteBinding),
    // Attachments open in the system's viewer; the path is the ledger's own file, never a URL from a page.
    openPath: async (file: string) => {
      const problem = await shell.openPath(file);
      if (problem) throw new LedgerError('INTERNAL', `无法打开附件：${problem}`);
    },
  };
  try {
    workspace = await openWorkspace(dbPath, openOptions);
  } catch (e) {
    // A damaged file: offer the latest good backup (the damaged file is kept aside, never deleted).
    if (!(e instanceof DamagedLedgerError && e.latestBackup)) return fatal(e);
    const choice = dialog.showMessageBoxSync({
      type: 'error',
      title: '联系群众工作台账',
      message: '数据库文件已损坏',
      detail: e.message,
      buttons: ['从这个备份恢复', '退出'],
      defaultId: 0,
      cancelId: 1,
    });
    if (choice !== 0) return fatal(e);
    try {
      try {
        restoreOverDamaged(dbPath, e.latestBackup.path);
      } catch (refused) {
        // Another ledger's file, or a broken trail: said, and restored only on a second, explicit choice.
        const needs = (refused instanceof LedgerError ? (refused.issues ?? []) : []).filter(
          (i) => i.path[0] === 'accept',
        );
        if (!needs.length) throw refused;
        const again = dialog.showMessageBoxSync({
          type: 'warning',
          title: '联系群众工作台账',
          message: '这个备份可能不可信',
          detail: (refused as LedgerError).message,
          buttons: ['仍要恢复', '退出'],
          defaultId: 1,
          cancelId: 1,
        });
        if (again !== 0) return fatal(refused);
        restoreOverDamaged(
          dbPath,
          e.latestBackup.path,
          undefined,
          needs.map((i) => i.value as RestoreAccept),
        );
      }
      workspace = await openWorkspace(dbPath, openOptions);
    } catch (e2) {
      return fatal(e2);
    }
  }
  // Backups are of her ledger only; the demo is thrown away when she leaves it.
  backups = startBackupRoutine(workspace.real);

  ipcMain.handle('ledger:call', async (event, method: unknown, input: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url, devServerUrl))
      return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝访问：请求不是来自本程序的页面。' } };
    return pageDispatch(workspace!.dispatch, () => workspace!.current().db.path)(method, input);
  });

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        dev: !!devServerUrl,
        onAbout: () =>
          void dialog.showMessageBox({
            title: '关于',
            message: `联系群众工作台账 ${app.getVersion()}`,
            detail: '领导干部联系群众工作台账：人员、联系点、联系记录、督办、考核与公文。',
          }),
      }),
    ),
  );
  createWindow();
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 1000,
    minHeight: 640,
    title: '联系群众工作台账',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: join(__dirname, '../preload/index.cjs') },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(devServerUrl ?? APP_ENTRY);
}

app.on('window-all-closed', () => {
  backups?.stop();
  workspace?.close();
  workspace = null;
  app.quit();
});
