// better-sqlite3 built for Electron's ABI lives apart from the Node build the tests use.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The Electron build made by scripts/electron-native.mjs, if there is one for this Electron. */
export function electronNativeBinding(appRoot: string, electronVersion: string): string | undefined {
  const file = join(appRoot, '.electron-native', electronVersion, 'better_sqlite3.node');
  return existsSync(file) ? file : undefined;
}
