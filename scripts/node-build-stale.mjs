// Whether the doors built into out/node/ (scripts/build-node.mjs) are older than a source their build read.
// Kept apart from the build, and light: `ledger` (bin/ledger.mjs) asks it at every start, before `help`
// prints. Node's files are reached through require, not `import … from 'node:fs'`: an ESM import of node:fs
// makes Node build the module's whole namespace first, which loads its streams (a tenth of `ledger help`).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { readFileSync, statSync } = require('node:fs');
const { fileURLToPath } = require('node:url');

/** The repository's root, with a trailing separator: inputs are joined to it by concatenation. */
const root = fileURLToPath(new URL('..', import.meta.url));
export const MANIFEST = `${root}out/node/inputs.json`;

/** Whether this is a checkout with the doors' sources (an installed copy has only the build). */
export function hasSources() {
  return statSync(`${root}electron/doors/cli/main.ts`, { throwIfNoEntry: false }) !== undefined;
}

/**
 * Whether a source the last build read has changed since (or no build exists). A new file is always
 * reached through an edit of a file already read (its registration), so the inputs' times suffice.
 */
export function nodeBuildStale() {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(MANIFEST, 'utf8'));
  } catch {
    return true;
  }
  for (const f of manifest.inputs) {
    const s = statSync(root + f, { throwIfNoEntry: false });
    if (!s || s.mtimeMs > manifest.builtAt) return true;
  }
  return false;
}
