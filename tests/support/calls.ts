// Calling the backend as a door does, for integration tests: `ok` expects an answer and returns its value,
// `refused` expects a refusal and returns its Chinese message, `refusal` the whole error (code, issues).
// The backend is passed as a getter because tests open it in beforeAll, after these are bound.
import type { Dispatch } from '../../electron/services/dispatch';
import type { ErrorPayload } from '../../shared/errors';

interface Dispatching {
  dispatch: Dispatch;
}

export function calls(backend: () => Dispatching) {
  async function ok<T>(method: string, input: unknown): Promise<T> {
    const r = await backend().dispatch(method, input);
    if (!r.ok) throw new Error(`${method} refused: ${r.error.message}`);
    return r.value as T;
  }
  async function refusal(method: string, input: unknown): Promise<ErrorPayload> {
    const r = await backend().dispatch(method, input);
    if (r.ok) throw new Error(`${method} was accepted`);
    return r.error;
  }
  async function refused(method: string, input: unknown): Promise<string> {
    return (await refusal(method, input)).message;
  }
  return { ok, refused, refusal };
}
