// Entry of the browser host (built into out/node/host.mjs by scripts/build-node.mjs): opens the ledger, serves the built renderer and the API on 127.0.0.1.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLedgerError, LedgerError } from '../../../shared/errors';
import { startBackupRoutine } from '../../services/backend';
import { setLockProgram } from '../../services/db/lock';
import { resolveDbPath } from '../../services/paths';
import { pageDispatch } from '../page-calls';
import { openWorkspace } from '../../services/workspace';
import { LAUNCH_MINUTES, startBrowserHost } from './host';

function portArg(argv: readonly string[]): number {
  const i = argv.indexOf('--port');
  return i >= 0 ? Number(argv[i + 1]) || 0 : Number(process.env.LEDGER_PORT) || 0;
}

/**
 * Opens a URL or a file with the system's program; says whether a desktop was there to do it. No
 * shell on any system (cmd /c start would read & and ^ in a path as commands): the target is one
 * argument of a program that opens it by its type.
 */
function openWithSystem(target: string): boolean {
  const [cmd, args] =
    process.platform === 'win32'
      ? ['rundll32.exe', ['url.dll,FileProtocolHandler', target]]
      : process.platform === 'darwin'
        ? ['open', [target]]
        : ['xdg-open', [target]];
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return false;
  try {
    spawn(cmd, args, { stdio: 'ignore', detached: true })
      .on('error', () => {})
      .unref();
    return true;
  } catch {
    return false;
  }
}

/** Built, this file is out/node/host.mjs and the renderer is out/renderer beside it. */
function rendererDir(): string {
  const beside = join(dirname(fileURLToPath(import.meta.url)), '..', 'renderer');
  return existsSync(join(beside, 'index.html')) ? beside : join(process.cwd(), 'out', 'renderer');
}

try {
  setLockProgram('浏览器方式的台账');
  const dbPath = resolveDbPath(process.argv);
  // Jobs run in worker threads: job-worker.mjs built beside this file, or the sources when run from them.
  // Her ledger, and the demo ledger beside it while she looks at the demo (never written into hers).
  const workspace = await openWorkspace(dbPath, {
    openPath: async (file) => {
      if (!openWithSystem(file)) throw new LedgerError('FORBIDDEN', '这台电脑没有图形桌面，无法用系统程序打开附件。');
    },
  });
  const backups = startBackupRoutine(workspace.real);
  const host = await startBrowserHost({
    // The page names no file the backend trusts (page-calls.ts), as in the Electron window.
    dispatch: pageDispatch(workspace.dispatch, () => workspace.current().db.path),
    rendererDir: rendererDir(),
    port: portArg(process.argv),
  });
  // The browser is started with a file that only this user can read, never with the address that logs
  // in: the command lines of xdg-open and of the browser are readable by every user of the machine.
  const opened = !process.argv.includes('--no-open') && openWithSystem(host.launchFile());
  process.stdout.write(
    `联系群众工作台账（浏览器方式）已启动。数据库：${dbPath}\n` +
      (opened
        ? `已在默认浏览器中打开。要在另一个浏览器中打开，请在这里按回车键，取得一个一次性的地址。\n`
        : `请在浏览器中打开下面的一次性地址（只能用一次，${LAUNCH_MINUTES} 分钟内有效；按回车键取得新的地址）：\n${host.openUrl}\n`) +
      '按 Ctrl+C 退出。\n',
  );
  // Enter prints a fresh one-time address (for a second browser, or when the first one expired).
  if (process.stdin.isTTY) {
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', () =>
      process.stdout.write(`一次性地址（只能用一次，${LAUNCH_MINUTES} 分钟内有效）：${host.openUrl}\n`),
    );
  }
  const stop = () => {
    void host.close().then(() => {
      backups.stop();
      workspace.close();
      process.exit(0);
    });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (e) {
  process.stderr.write(`${isLedgerError(e) ? e.message : String((e as Error)?.stack ?? e)}\n`);
  process.exit(1);
}
