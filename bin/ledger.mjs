#!/usr/bin/env node
// The `ledger` command: runs the CLI built into out/node/ (npm run build). Where the sources changed
// since (a developer's checkout), it is rebuilt first with esbuild, in about a second. Nothing else is
// loaded before the command's own code: the check is a small module (node-build-stale.mjs), the build
// only when it is stale.
import { hasSources, nodeBuildStale } from '../scripts/node-build-stale.mjs';

if (hasSources() && nodeBuildStale()) {
  const { buildNode } = await import('../scripts/build-node.mjs');
  await buildNode({ quiet: true });
}
await import('../out/node/cli.mjs');
