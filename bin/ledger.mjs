#!/usr/bin/env node
// The `ledger` command: runs the TypeScript sources directly through tsx, no build step needed.
import { register } from 'tsx/esm/api';

register();
await import('../electron/doors/cli/main.ts');
