// Builds `ledger.cadres.list(...)` from the contract's method names over any transport.
import { LedgerError } from '../errors';
import { methodNames, type Envelope, type LedgerApi } from './contract';

export type Transport = (method: string, input: unknown) => Promise<Envelope>;

/** Nested object of methods; each returns the transport's envelope as is (for the preload). */
export function buildRawApi(call: Transport): Record<string, Record<string, (input: unknown) => Promise<Envelope>>> {
  const api: Record<string, Record<string, (input: unknown) => Promise<Envelope>>> = {};
  for (const name of methodNames) {
    const [group, fn] = name.split('.') as [string, string];
    (api[group] ??= {})[fn] = (input: unknown) => call(name, input);
  }
  return api;
}

export function unwrap<T>(env: Envelope<T>): T {
  if (env.ok) return env.value;
  throw LedgerError.fromPayload(env.error);
}

/** The typed client: resolves with the value, rejects with a LedgerError carrying the Chinese message. */
export function buildApi(call: Transport): LedgerApi {
  const raw = buildRawApi(call);
  const api: Record<string, Record<string, (input: unknown) => Promise<unknown>>> = {};
  for (const [group, fns] of Object.entries(raw)) {
    api[group] = {};
    for (const [fn, f] of Object.entries(fns)) api[group][fn] = async (input) => unwrap(await f(input));
  }
  return api as unknown as LedgerApi;
}
