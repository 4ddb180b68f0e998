#!/usr/bin/env node
// The `ledger` command: runs the CLI built into out/node/ (npm run build). Where the sources changed
// since (a developer's checkout), it is rebuilt first with esbuild, in about a second.
import { existsSync } from 'node:fs';

const cli = new URL('../out/node/cli.mjs', import.meta.url);
const sources = new URL('../electron/doors/cli/main.ts', import.meta.url);
if (existsSync(sources)) {
  const { buildNode, nodeBuildStale } = await import('../scripts/build-node.mjs');
  if (nodeBuildStale()) await buildNode({ quiet: true });
}
await import(cli.href);
