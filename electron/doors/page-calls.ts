// What the page (the renderer, in the Electron window or the browser) may name. The page is web content:
// if it were ever made to run foreign script, every path it sends would be the attacker's. So the doors
// that answer the page trust no file it names where the backend would act on that file's content: a
// backup is restored only from the ledger's own backup folder, the list 数据安全 shows (a file elsewhere
// is restored from a terminal with `ledger restore --from`, which the secretary types herself).
// Attachments are opened by id, the path made by the backend; the page never names one.
import { basename, dirname, resolve } from 'node:path';
import type { Envelope } from '../../shared/api/contract';
import type { Dispatch } from '../services/dispatch';
import { backupDirFor } from '../services/paths';

/** The refusal of a page's call that names a file outside what it may name, or null when the call may go. */
export function pageCallRefusal(method: unknown, input: unknown, dbPath: string): Envelope | null {
  if (method !== 'backups.restore') return null;
  const path = (input as { path?: unknown } | null)?.path;
  if (typeof path !== 'string') return null; // the contract refuses it with its own message
  const file = resolve(path);
  if (dirname(file) === resolve(backupDirFor(dbPath)) && basename(file).endsWith('.sqlite')) return null;
  return {
    ok: false,
    error: {
      code: 'FORBIDDEN',
      message:
        '在程序窗口中只能从本台账的备份文件夹里选择备份来恢复（即“数据安全”中列出的备份）。' +
        '要用其他位置的文件恢复，请在终端中运行 ledger restore --from 该文件。',
    },
  };
}

/** The dispatch a page's door answers with: the rule above first, then the ledger's own dispatch. */
export function pageDispatch(dispatch: Dispatch, dbPath: () => string): Dispatch {
  return (method, input) => {
    const refusal = pageCallRefusal(method, input, dbPath());
    return refusal ? Promise.resolve(refusal) : dispatch(method, input);
  };
}
