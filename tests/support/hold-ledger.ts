// A second process that holds a ledger open the way a host does (the browser host, the desktop shell):
// opens the backend, says "ready", and then writes a unit whenever asked on stdin, acknowledging each.
import { createInterface } from 'node:readline';
import { openBackend } from '../../electron/services/backend';
import { setLockProgram } from '../../electron/services/db/lock';

const path = process.argv[2];
if (!path) throw new Error('usage: hold-ledger.ts DB');
setLockProgram('测试中的浏览器方式台账');
const b = await openBackend(path);
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const r = await b.dispatch('units.create', { name: line.trim() });
  process.stdout.write(r.ok ? `unit ${(r.value as { id: number }).id}\n` : `error ${r.error.message}\n`);
}
b.close();
