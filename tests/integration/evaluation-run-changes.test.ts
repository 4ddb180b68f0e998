// evaluation.run for a caller holding an earlier answer (`since` = its version): the changes, sent as a door
// sends them (JSON), applied to what the caller held, must give exactly the full answer — every field of every
// row, in the same order — of this backend and of a second connection that evaluates everything afresh. Random
// steps on the demo university (a real SQLite file): records created, moved, retyped, reassigned, deleted;
// rules edited, switched off and on, added; a cadre renamed or added; the as-of date moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { EvaluationChanges, EvaluationResult } from '../../shared/api/evaluation';
import { applyChanges } from '../../shared/api/evaluation-diff';
import type { StoredRule } from '../../shared/api/rules';
import { prng } from '../crash/crash';
import { tempDbPath, tempDir } from '../support/tmp';

const YEAR = 2026;
const STEPS = 40;
const SEED = 20261201;
const NOW = () => new Date(`${YEAR}-06-30T08:00:00Z`);

let b: Backend;
/** A second connection: the writer's changes make it reload everything, so it evaluates afresh every time. */
let fresh: Backend;

async function ok<T>(method: string, body: unknown, on: Backend = b): Promise<T> {
  const r = await on.dispatch(method, body);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message} ${JSON.stringify(body)}`);
  return r.value as T;
}

/** As a door sends it: the answer as JSON, and its size. */
async function overTheWire<T>(method: string, body: unknown): Promise<{ value: T; bytes: number }> {
  const text = JSON.stringify(await b.dispatch(method, body));
  const env = JSON.parse(text) as { ok: boolean; value: T; error?: { message: string } };
  if (!env.ok) throw new Error(`${method} refused: ${env.error?.message}`);
  return { value: env.value, bytes: text.length };
}

/** Everything but the time it took. */
const sansTiming = ({ timing: _, ...rest }: EvaluationResult) => rest;
/** Everything but the version (another connection numbers its own) and the time it took. */
const comparable = ({ version: _, timing: __, ...rest }: EvaluationResult) => rest;

const rnd = prng(SEED);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const day = () => `${YEAR}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;

beforeAll(async () => {
  const path = tempDbPath(tempDir('ledger-run-changes-'));
  b = await openBackend(path, { now: NOW });
  await ok('demo.generate', { year: YEAR, seed: 5 });
  fresh = await openBackend(path, { now: NOW, access: 'read' });
}, 120_000);
afterAll(() => {
  fresh?.close();
  b?.close();
});

describe('evaluation.run since a version', () => {
  it('nothing changed: no rows are sent again; a version this process never made gets every row', async () => {
    const input = { selection: { year: YEAR }, asOf: `${YEAR}-06-30` };
    const full = (await overTheWire<EvaluationResult>('evaluation.run', input)).value;
    expect(full.partial).toBe(false);
    expect(full.rows.length).toBeGreaterThan(1000);
    const again = (await overTheWire<EvaluationChanges>('evaluation.run', { ...input, since: full.version })).value;
    expect(again).toMatchObject({ partial: true, version: full.version, changes: [], cadres: null });
    expect(again.totals).toEqual(full.totals);
    const stranger = (await overTheWire<EvaluationResult>('evaluation.run', { ...input, since: 'other-run.3' })).value;
    expect(stranger.partial).toBe(false);
    expect(stranger.rows).toEqual(full.rows);
  });

  it(`${STEPS} random steps (seed ${SEED}): the answer held + the changes = the full answer, field for field`, async () => {
    const cadres = (await ok<{ id: number; name: string }[]>('cadres.list', {})).map((c) => c.id);
    const types = (await ok<{ activityTypes: { id: number }[] }>('vocabulary.get', {})).activityTypes.map((t) => t.id);
    const objects = (await ok<{ id: number }[]>('objects.list', {})).map((o) => o.id);
    const records = (
      await ok<{ rows: { id: number }[] }>('records.page', {
        offset: 0,
        limit: 400,
        sort: [{ field: 'date', dir: 'desc' }],
      })
    ).rows.map((r) => r.id);
    const [regulation] = await ok<{ id: number }[]>('rules.regulations', {});
    let asOf = `${YEAR}-06-30`;
    const input = () => ({ selection: { year: YEAR }, asOf });
    const first = await overTheWire<EvaluationResult>('evaluation.run', input());
    let held = first.value;
    /** A caller that asks only every third step: its `since` names a version several steps back. */
    let lagging = held;
    let lagged = 0;

    const steps: [string, number, () => Promise<unknown>][] = [
      [
        'record created',
        5,
        async () =>
          records.push(
            (
              await ok<{ id: number }>('records.create', {
                date: day(),
                activityTypeId: pick(types),
                cadreIds: [...new Set([pick(cadres), pick(cadres)])],
                objectIds: rnd() < 0.8 ? [pick(objects)] : [],
                place: '会议室',
                content: '座谈',
                hours: rnd() < 0.4 ? 1 + int(3) : null,
              })
            ).id,
          ),
      ],
      ['record moved', 4, () => ok('records.update', { id: pick(records), patch: { date: day() } })],
      ['record retyped', 3, () => ok('records.update', { id: pick(records), patch: { activityTypeId: pick(types) } })],
      ['record reassigned', 3, () => ok('records.update', { id: pick(records), patch: { cadreIds: [pick(cadres)] } })],
      ['record deleted', 3, () => ok('records.delete', { id: records.splice(int(records.length), 1)[0] })],
      [
        'rule edited',
        1,
        async () => {
          const rules = (await ok<StoredRule[]>('rules.list', { year: YEAR, enabledOnly: true })).filter(
            (r) => typeof (r.body as { min?: unknown }).min === 'number',
          );
          const r = pick(rules);
          const body = r.body as { min: number };
          return ok('rules.update', { id: r.id, body: { ...body, min: body.min + 1 } });
        },
      ],
      [
        'rule switched off or on',
        1,
        async () => {
          const rules = await ok<StoredRule[]>('rules.list', { year: YEAR });
          const off = rules.filter((r) => !r.enabled);
          if (off.length && rnd() < 0.5) return ok('rules.setEnabled', { id: pick(off).id, enabled: true });
          return ok('rules.setEnabled', { id: pick(rules.filter((r) => r.enabled)).id, enabled: false });
        },
      ],
      [
        'rule added',
        1,
        async () => {
          const src = pick(await ok<StoredRule[]>('rules.list', { year: YEAR, enabledOnly: true })).body as {
            id: string;
            title: string;
          };
          return ok('rules.create', {
            regulationId: regulation!.id,
            year: YEAR,
            body: { ...src, id: `${src.id}-copy${int(1e6)}`, title: `${src.title}（副本）` },
          });
        },
      ],
      ['cadre renamed', 1, () => ok('cadres.update', { id: pick(cadres), patch: { name: `干部${int(1e6)}` } })],
      [
        'cadre added',
        1,
        async () =>
          cadres.push(
            (
              await ok<{ id: number }>('cadres.create', {
                name: `新干部${int(1e6)}`,
                title: '副院长',
                level: '副处级',
                roles: [],
                unitId: null,
                partyMember: true,
              })
            ).id,
          ),
      ],
      ['as-of moved', 2, async () => (asOf = day())],
    ];
    const weights = steps.reduce((n, s) => n + s[1], 0);
    const done = new Map<string, { steps: number; partial: number }>();
    let partialBytes = 0;
    let recordSteps = 0;
    for (let step = 0; step < STEPS; step++) {
      let k = int(weights);
      const [what, , act] = steps.find((s) => (k -= s[1]) < 0)!;
      await act();
      const got = await overTheWire<EvaluationResult | EvaluationChanges>('evaluation.run', {
        ...input(),
        since: held.version,
      });
      const full = await ok<EvaluationResult>('evaluation.run', input());
      const d = done.get(what) ?? { steps: 0, partial: 0 };
      done.set(what, d);
      d.steps++;
      if (got.value.partial) {
        d.partial++;
        held = applyChanges(held, got.value);
        if (what.startsWith('record')) {
          partialBytes += got.bytes;
          recordSteps++;
        }
      } else held = got.value;
      // The same as this backend's full answer: every field of every row, in the same order.
      expect(sansTiming(held), `step ${step}: ${what}`).toEqual(sansTiming(full));
      if (step % 3 === 2) {
        const late = await overTheWire<EvaluationResult | EvaluationChanges>('evaluation.run', {
          ...input(),
          since: lagging.version,
        });
        if (late.value.partial) lagged++;
        lagging = late.value.partial ? applyChanges(lagging, late.value) : late.value;
        expect(sansTiming(lagging), `step ${step}: ${what} (three steps late)`).toEqual(sansTiming(full));
      }
      // The same as a fresh evaluation (another connection, everything read from the file again).
      const anew = await ok<EvaluationResult>('evaluation.run', input(), fresh);
      expect(comparable(held), `step ${step}: ${what} (fresh)`).toEqual(comparable(anew));
    }
    // Every kind of step was taken, and after each edit of records only the changes were sent, in a small part
    // of the bytes of every row; after the other changes too, where the backend still held the version.
    expect([...done.keys()].sort()).toEqual(steps.map((s) => s[0]).sort());
    for (const [what, d] of done) if (what.startsWith('record')) expect(d.partial, what).toBe(d.steps);
    expect(partialBytes / recordSteps).toBeLessThan(first.bytes / 20);
    expect(lagged).toBeGreaterThan(0);
    expect(done.get('as-of moved')!.partial + done.get('rule edited')!.partial).toBeGreaterThan(0);
  }, 600_000);
});
