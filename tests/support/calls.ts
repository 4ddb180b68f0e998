// Calling the backend as a door does, for integration tests: `ok` expects an answer and returns its value,
// `refused` expects a refusal and returns its Chinese message, `refusal` the whole error (code, issues).
// The backend is passed as a getter because tests open it in beforeAll, after these are bound.
import type { Dispatch } from '../../electron/services/dispatch';
import type { ErrorPayload } from '../../shared/errors';

interface Dispatching {
  dispatch: Dispatch;
}

/** `ok` on a backend given at the call, for tests that open several ledgers. */
export async function okOn<T>(b: Dispatching, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message}`);
  return r.value as T;
}

/** `refusal` on a backend given at the call. */
export async function refusalOn(b: Dispatching, method: string, input: unknown): Promise<ErrorPayload> {
  const r = await b.dispatch(method, input);
  if (r.ok) throw new Error(`${method} was accepted`);
  return r.error;
}

export function calls(backend: () => Dispatching) {
  return {
    ok: <T>(method: string, input: unknown) => okOn<T>(backend(), method, input),
    refusal: (method: string, input: unknown) => refusalOn(backend(), method, input),
    refused: async (method: string, input: unknown) => (await refusalOn(backend(), method, input)).message,
  };
}
