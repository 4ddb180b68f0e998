// What a host holding a window opens: her ledger, and — while she looks at it — the demo ledger, a second
// file beside hers. The window talks to one of them at a time; demo.enter / demo.leave / demo.status are
// answered here, before any ledger sees them, so the demo's writes never reach her file: her ledger stays
// open (its lock held, its backups running) but receives no call while the demo is shown.
import { readdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { contract, type Envelope } from '../../shared/api/contract';
import type { DemoResult, DemoStatus } from '../../shared/api/demo';
import { summarize, toFieldIssues } from '../../shared/api/zod-zh';
import { LedgerError, isLedgerError } from '../../shared/errors';
import { openBackend, type Backend, type BackendOptions } from './backend';
import type { Dispatch } from './dispatch';
import { demoPathFor } from './paths';

export interface Workspace {
  /** Her own ledger: what backups, the audit check and the tests of her data look at. */
  readonly real: Backend;
  /** The ledger the window shows now (the demo's while she is in it). */
  current(): Backend;
  inDemo(): boolean;
  /** Every call of the window: to the ledger shown, the demo.* switch answered here. */
  dispatch: Dispatch;
  close(): void;
}

/** Everything of the demo ledger on disk: the file, its journal, lock, backups, attachments and audit head. */
export function removeDemoFiles(demoPath: string): void {
  const dir = dirname(demoPath);
  const name = basename(demoPath);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) if (e.startsWith(name)) rmSync(join(dir, e), { recursive: true, force: true });
}

export async function openWorkspace(realPath: string, opts: BackendOptions = {}): Promise<Workspace> {
  const real = await openBackend(realPath, opts);
  const demoPath = demoPathFor(realPath);
  let demo: Backend | null = null;
  /** Calls being answered by the demo ledger: leaving waits for them before it closes the file. */
  let inFlight = 0;
  let drained: (() => void) | null = null;
  let switching: Promise<unknown> | null = null;

  const current = () => demo ?? real;

  const enter = async (input: { year: number; seed: number }): Promise<DemoResult> => {
    if (demo) throw new LedgerError('CONFLICT', '已经在演示台账中。');
    // A fresh demo each time: whatever was tried in an earlier one is gone with it.
    removeDemoFiles(demoPath);
    const opened = await openBackend(demoPath, opts);
    try {
      const env = await opened.dispatch('demo.generate', input);
      if (!env.ok) throw LedgerError.fromPayload(env.error);
      demo = opened;
      return env.value as DemoResult;
    } catch (e) {
      opened.close();
      removeDemoFiles(demoPath);
      throw e;
    }
  };

  const leave = async (): Promise<DemoStatus> => {
    const shown = demo;
    if (!shown) return { active: false };
    demo = null; // new calls go to her ledger from here on
    if (inFlight > 0) await new Promise<void>((r) => (drained = r));
    shown.close();
    removeDemoFiles(demoPath);
    return { active: false };
  };

  const own: Record<string, (input: never) => Promise<unknown>> = {
    'demo.status': async (): Promise<DemoStatus> => ({ active: demo !== null }),
    'demo.enter': enter,
    'demo.leave': leave,
  };

  const dispatch: Dispatch = async (method, input) => {
    while (switching) await switching;
    if (typeof method === 'string' && method in own) {
      const spec = contract[method as 'demo.enter'];
      const parsed = spec.input.safeParse(input);
      if (!parsed.success) {
        const issues = toFieldIssues(spec.input, parsed.error);
        return {
          ok: false,
          error: new LedgerError('INVALID_INPUT', `${spec.title}：${summarize(issues)}`, issues).toPayload(),
        };
      }
      // The switch runs alone: calls that arrive meanwhile wait and then go to the ledger it leaves shown.
      const run = own[method]!(parsed.data as never);
      switching = run.catch(() => undefined);
      try {
        return { ok: true, value: await run } as Envelope;
      } catch (e) {
        const err = isLedgerError(e)
          ? e
          : new LedgerError('INTERNAL', `演示台账：${(e as Error)?.message ?? String(e)}`);
        return { ok: false, error: err.toPayload() };
      } finally {
        switching = null;
      }
    }
    const target = current();
    if (target === real) return real.dispatch(method, input);
    inFlight++;
    try {
      return await target.dispatch(method, input);
    } finally {
      if (--inFlight === 0 && drained) {
        const d = drained;
        drained = null;
        d();
      }
    }
  };

  return {
    real,
    current,
    inDemo: () => demo !== null,
    dispatch,
    close: () => {
      if (demo) {
        demo.close();
        demo = null;
        removeDemoFiles(demoPath);
      }
      real.close();
    },
  };
}
