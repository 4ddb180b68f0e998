// Where the shipped resources are: beside the sources in development, beside the app when packaged.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Finds the resources/ folder by walking up from this module (works from sources and from out/). */
export function resourcesDir(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(from);
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, 'resources');
    if (existsSync(join(candidate, 'presets'))) return candidate;
    dir = dirname(dir);
  }
  return join(process.cwd(), 'resources');
}

export function presetsDir(root: string = resourcesDir()): string {
  return join(root, 'presets');
}
