// Tells whether the Electron binary is installed (it is not where ELECTRON_SKIP_BINARY_DOWNLOAD=1).
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

export function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
