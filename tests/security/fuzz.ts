// Fuzzing the dispatcher: random and malformed calls (wrong types, missing fields, 1 MB strings,
// unknown methods, __proto__ keys, NaN and Infinity, deep nesting, arrays for objects). Each must come
// back as an envelope; a refused call must change nothing; an accepted one must have been valid.
import { contract, methodNames } from '../../shared/api/contract';
import type { Backend } from '../../electron/services/backend';
import { prng } from '../crash/crash';

export interface FuzzResult {
  sent: number;
  rejected: number;
  accepted: number;
  /** dispatch threw, answered something that is not an envelope, or answered INTERNAL. */
  crashes: number;
  failures: string[];
}

/** Methods whose valid calls only touch rows (or make a backup beside the temporary file). */
const VALID_OK = /^(system|units|cadres|objects|assignments|vocabulary|years|audit)\.|^backups\.(list|create)$/;
const FIELDS = [
  'id',
  'name',
  'title',
  'patch',
  'year',
  'reason',
  'unitId',
  'parentId',
  'category',
  'note',
  'roles',
  'level',
  'partyMember',
  'termStart',
  'termEnd',
  'cadreId',
  'objectId',
  'slot',
  'date',
  'table',
  'rowId',
  'limit',
  'dir',
  'path',
  'kind',
  'startDate',
  'endDate',
  'grade',
];
const PATH_KEYS = new Set(['dir', 'path', 'file', 'folder', 'to', 'out', 'from']);

export function runFuzz(b: Backend, opts: { calls: number; seed: number }): Promise<FuzzResult> {
  const r = prng(opts.seed);
  const int = (n: number) => Math.floor(r() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const MB = '台'.repeat((1024 * 1024) / 3) + 'x'.repeat(1024 * 1024 - Math.floor((1024 * 1024) / 3));

  const str = (): string =>
    pick([
      () => '',
      () => ' ',
      () => '张三',
      () => 'x'.repeat(int(300)),
      () => MB,
      () => '\u0000\ud800',
      () => "'; DROP TABLE records; --",
      () => '2026-02-30',
      () => '2026-03-05',
      () => '__proto__',
      () => String.fromCharCode(...Array.from({ length: int(20) }, () => int(0xffff))),
    ])();
  const num = (): number =>
    pick([NaN, Infinity, -Infinity, -0, 0, 1, 2, 3, -1, 1.5, 2026, 1e308, 2 ** 53 + 1, int(10) + 1]);
  const deep = (depth: number, arrays: boolean): unknown => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
    return v;
  };
  const polluted = (): unknown =>
    JSON.parse(
      pick([
        '{"__proto__": {"polluted": 1}}',
        '{"constructor": {"prototype": {"polluted": 1}}}',
        '{"name": "x", "__proto__": {"isAdmin": true}}',
        '{"patch": {"__proto__": {"polluted": 1}}, "id": 1}',
      ]),
    );
  const value = (depth = 0): unknown => {
    const k = int(depth > 2 ? 6 : 10);
    if (k === 0) return str();
    if (k === 1) return num();
    if (k === 2) return pick([true, false, null, undefined]);
    if (k === 3) return int(5) + 1;
    if (k === 4) return str().slice(0, 30);
    if (k === 5) return pick([[], [1, 2], ['a'], {}]);
    if (k === 6) return Array.from({ length: int(4) }, () => value(depth + 1));
    if (k === 7) return object(depth + 1);
    if (k === 8) return deep(pick([10, 1000, 5000]), r() < 0.5);
    return polluted();
  };
  const object = (depth = 0): Record<string, unknown> => {
    const o: Record<string, unknown> = {};
    for (let i = int(5); i > 0; i--) o[pick(FIELDS)] = value(depth);
    return o;
  };
  /** Object-shaped inputs only for methods safe to accept; never an absolute path anywhere. */
  const input = (method: unknown): unknown => {
    const safe = typeof method === 'string' && VALID_OK.test(method);
    if (!safe || r() < 0.3)
      return pick([
        () => str(),
        () => num(),
        () => null,
        () => undefined,
        () => [object()],
        () => deep(3000, true),
        () => true,
      ])();
    const o = r() < 0.2 ? (polluted() as Record<string, unknown>) : object();
    for (const key of Object.keys(o)) if (PATH_KEYS.has(key) && typeof o[key] === 'string') o[key] = `rel/${int(9)}`;
    return o;
  };
  const methodName = (): unknown =>
    pick([
      () => pick(methodNames),
      () => pick(methodNames),
      () => pick(methodNames),
      () =>
        pick(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'units.create.x', '', 'UNITS.CREATE', 'units']),
      () => str().slice(0, 200),
      () => pick([null, undefined, 1, NaN, {}, [], ['units.create']]),
    ])();

  const tables = (
    b.db.sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as {
      name: string;
    }[]
  ).map((t) => t.name);
  const state = () => {
    const counts = b.db.sqlite
      .prepare(`SELECT ${tables.map((t) => `(SELECT count(*) FROM "${t}")`).join(" || ',' || ")} AS s`)
      .get() as { s: string };
    const head = b.db.sqlite
      .prepare("SELECT ifnull(max(id), 0) AS n, ifnull(max(hash), '') AS h FROM audit_log")
      .get() as {
      n: number;
      h: string;
    };
    return `${counts.s}|${head.n}|${head.h}`;
  };

  const result: FuzzResult = { sent: 0, rejected: 0, accepted: 0, crashes: 0, failures: [] };
  const fail = (i: number, m: unknown, why: string) => {
    if (result.failures.length < 20) result.failures.push(`call ${i} (${String(m).slice(0, 40)}): ${why}`);
  };
  return (async () => {
    for (let i = 0; i < opts.calls; i++) {
      const m = methodName();
      const inp = input(m);
      const before = state();
      result.sent++;
      let env: unknown;
      try {
        env = await b.dispatch(m, inp);
      } catch (e) {
        result.crashes++;
        fail(i, m, `dispatch threw ${(e as Error).message}`);
        continue;
      }
      const e = env as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
      if (!e || typeof e.ok !== 'boolean') {
        result.crashes++;
        fail(i, m, 'not an envelope');
        continue;
      }
      if (
        ({} as Record<string, unknown>).polluted !== undefined ||
        ({} as Record<string, unknown>).isAdmin !== undefined
      ) {
        result.crashes++;
        fail(i, m, 'Object.prototype polluted');
      }
      if (e.ok) {
        result.accepted++;
        const spec = contract[m as keyof typeof contract];
        if (!spec || !spec.input.safeParse(inp).success) fail(i, m, 'accepted an invalid call');
      } else {
        result.rejected++;
        if (e.error?.code === 'INTERNAL') {
          result.crashes++;
          fail(i, m, `INTERNAL: ${String(e.error.message).slice(0, 200)}`);
        }
        if (typeof e.error?.message !== 'string' || !e.error.message) fail(i, m, 'refusal without a message');
        if (state() !== before) fail(i, m, 'a refused call changed the database');
      }
    }
    return result;
  })();
}
