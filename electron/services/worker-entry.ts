// Where a worker thread's code is, for the modules that start one (jobs, the packet's render worker, the workbook
// reader): the TypeScript source through its tsx boot file when the sources are here (tests, `npm run dev`), else the
// file a build put beside the entry points.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `moduleUrl` is the caller's import.meta.url; `source` and `boot` are file names beside it, `built` the bundled
 * worker's name without extension. Bundles put the caller in a chunk (chunks/…) and the worker beside the entry
 * points, so the folder above is looked in too. Null when there is none.
 */
export function workerEntry(moduleUrl: string, source: string, boot: string, built: string): string | null {
  const here = dirname(fileURLToPath(moduleUrl));
  const bootFile = join(here, boot);
  if (existsSync(join(here, source)) && existsSync(bootFile)) return bootFile;
  for (const dir of [here, dirname(here)])
    for (const ext of ['mjs', 'cjs', 'js']) {
      const file = join(dir, `${built}.${ext}`);
      if (existsSync(file)) return file;
    }
  return null;
}
