// Backups every few hours while the app is in use: a scheduler with an injected timer, so that tests
// run hours in milliseconds. It never runs two backups at once and never throws into the timer.
export interface Timer {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimer: Timer = {
  setTimeout: (fn, ms) => {
    const h = setTimeout(fn, ms);
    // A pending backup must not keep a closing process alive.
    (h as { unref?: () => void }).unref?.();
    return h;
  },
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export const DEFAULT_BACKUP_INTERVAL_MS = 4 * 60 * 60 * 1000;

export interface BackupScheduler {
  start(): void;
  stop(): void;
  /** Runs one scheduled backup now (what the timer does); resolves when it is done. */
  tick(): Promise<void>;
  readonly running: boolean;
}

export function createBackupScheduler(opts: {
  run: () => Promise<unknown>;
  intervalMs?: number;
  timer?: Timer;
  onError?: (e: unknown) => void;
}): BackupScheduler {
  const timer = opts.timer ?? realTimer;
  const interval = opts.intervalMs ?? DEFAULT_BACKUP_INTERVAL_MS;
  let handle: unknown = null;
  let started = false;
  let busy: Promise<void> | null = null;

  const tick = (): Promise<void> => {
    if (busy) return busy;
    busy = opts
      .run()
      .then(
        () => undefined,
        (e: unknown) => (opts.onError ?? console.error)(e),
      )
      .finally(() => {
        busy = null;
      });
    return busy;
  };
  const arm = () => {
    handle = timer.setTimeout(() => {
      void tick().finally(() => {
        if (started) arm();
      });
    }, interval);
  };
  return {
    start() {
      if (started) return;
      started = true;
      arm();
    },
    stop() {
      started = false;
      if (handle !== null) timer.clearTimeout(handle);
      handle = null;
    },
    tick,
    get running() {
      return started;
    },
  };
}
