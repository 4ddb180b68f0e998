// Jobs under the desktop shell run in Electron's utilityProcess: a process of its own, so that neither an
// import of half a million rows nor the integrity check of a large backup can hold up the window.
import { utilityProcess } from 'electron';
import type { FromWorker, SpawnWorker, ToWorker } from '../services/jobs/messages';

export function utilitySpawner(entry: string, sqliteBinding: string | undefined): SpawnWorker {
  return () => {
    const child = utilityProcess.fork(entry, [], {
      serviceName: '联系群众工作台账·后台任务',
      stdio: 'ignore',
      // The worker loads better-sqlite3 built for Electron's ABI, as the shell does.
      env: { ...process.env, ...(sqliteBinding ? { LEDGER_SQLITE_BINDING: sqliteBinding } : {}) },
    });
    // Messages posted before the process is up are held, then sent in order.
    let ready = false;
    const queue: ToWorker[] = [];
    child.once('spawn', () => {
      ready = true;
      for (const m of queue.splice(0)) child.postMessage(m);
    });
    let exited = false;
    return {
      post: (m) => (ready ? child.postMessage(m) : queue.push(m)),
      onMessage: (h) => child.on('message', (m: FromWorker) => h(m)),
      onExit: (h) =>
        child.once('exit', (code) => {
          if (exited) return;
          exited = true;
          h(code);
        }),
      kill: () => void child.kill(),
    };
  };
}
