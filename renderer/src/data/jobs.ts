// Long work as a job (jobs.start, then jobs.status until it ends): the page sees done / total, the phase
// and the time left, and may cancel. Resolves with the method's own result; rejects with the Chinese
// message of a failure, or a LedgerError with code CANCELLED when the user cancelled it.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Input, Output } from '../../../shared/api/contract';
import type { JobMethod, JobStatus } from '../../../shared/api/jobs';
import { LedgerError, type ErrorPayload } from '../../../shared/errors';
import { api } from '../api';

const POLL_MS = 300;

export async function runJob<M extends JobMethod>(
  method: M,
  input: Input<M>,
  onStatus: (s: JobStatus) => void,
): Promise<Output<M>> {
  let s = await api.jobs.start({ method, input });
  onStatus(s);
  while (s.state === 'running') {
    await new Promise((r) => setTimeout(r, POLL_MS));
    s = await api.jobs.status({ id: s.id });
    onStatus(s);
  }
  if (s.state === 'done') return s.result as Output<M>;
  throw LedgerError.fromPayload((s.error ?? { code: 'INTERNAL', message: '后台任务没有完成。' }) as ErrorPayload);
}

/** One job at a time per button: its live status (null when idle), run, and cancel. */
export function useJob() {
  const [status, setStatus] = useState<JobStatus | null>(null);
  const current = useRef<string | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );
  const run = useCallback(async <M extends JobMethod>(method: M, input: Input<M>): Promise<Output<M>> => {
    try {
      return await runJob(method, input, (s) => {
        current.current = s.id;
        if (mounted.current) setStatus(s);
      });
    } finally {
      current.current = null;
      if (mounted.current) setStatus(null);
    }
  }, []);
  const cancel = useCallback(() => {
    if (current.current) void api.jobs.cancel({ id: current.current }).then((s) => mounted.current && setStatus(s));
  }, []);
  return { status, run, cancel };
}

export const isCancelled = (e: unknown) => e instanceof LedgerError && e.code === 'CANCELLED';
