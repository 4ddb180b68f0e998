// Incremental versus fresh: 统计考核 keeps its inputs and results between calls and patches them after an edit
// (a record moves in the index, only its cadres are evaluated again). Random edits — records created, moved to
// another day, type, cadre or object, deleted; 督办事项 and contact points added — each followed by the cached
// re-evaluation and a fresh one from a second connection that reloads everything; the rows must be identical.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import type { EvaluationResult } from '../../shared/api/evaluation';
import { prng } from '../crash/crash';
import { tempDbPath, tempDir } from '../support/tmp';

const ROUNDS = 240;
const SEED = 20261130;
const YEAR = 2026;
const AS_OF = '2026-09-15';

let a: Backend;
let fresh: Backend;

async function ok<T>(b: Backend, method: string, input: unknown): Promise<T> {
  const r = await b.dispatch(method, input);
  if (!r.ok) throw new Error(`${method} refused: ${r.error.message} ${JSON.stringify(input)}`);
  return r.value as T;
}

const rnd = prng(SEED);
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
const date = () => `${YEAR}-${String(1 + int(12)).padStart(2, '0')}-${String(1 + int(28)).padStart(2, '0')}`;

const ids = { types: [] as number[], cadres: [] as number[], objects: [] as number[], records: [] as number[] };
let unitIds: number[] = [];
let typeByName = new Map<string, number>();

function randomRecord() {
  const cadres = [pick(ids.cadres)];
  if (rnd() < 0.2) cadres.push(pick(ids.cadres.filter((c) => c !== cadres[0])));
  return {
    date: date(),
    activityTypeId: pick(ids.types),
    cadreIds: cadres,
    objectIds: rnd() < 0.85 ? [pick(ids.objects)] : [],
    hours: rnd() < 0.5 ? 1 + int(4) : null,
    startTime: rnd() < 0.3 ? '15:00' : null,
    endTime: null,
  };
}

/** Everything a figure is: who, which rule, which period, the numbers, the status and what it cites. */
function figures(r: EvaluationResult): string[] {
  return r.rows
    .map((x) =>
      JSON.stringify([
        x.cadreId,
        x.unitId,
        x.ruleId,
        x.period.start,
        x.period.end,
        x.required,
        x.achieved,
        x.status,
        [...x.evidence].sort((p, q) => p - q),
        x.missing,
        x.followUpId,
        x.notes,
      ]),
    )
    .sort();
}

beforeAll(async () => {
  const dir = tempDir('ledger-incremental-');
  const path = tempDbPath(dir);
  const now = () => new Date('2026-09-15T10:00:00+08:00');
  a = await openBackend(path, { now });
  await ok(a, 'rules.applyPreset', { presetId: '002', year: YEAR });
  const vocab = await ok<{ activityTypes: { id: number; name: string }[] }>(a, 'vocabulary.get', {});
  typeByName = new Map(vocab.activityTypes.map((t) => [t.name, t.id]));
  ids.types = vocab.activityTypes.map((t) => t.id);
  unitIds = [
    (await ok<{ id: number }>(a, 'units.create', { name: '学校', category: '学院' })).id,
    (await ok<{ id: number }>(a, 'units.create', { name: '机械学院', category: '学院' })).id,
    (await ok<{ id: number }>(a, 'units.create', { name: '理学院', category: '学院' })).id,
  ];
  const roles = ['校长', '党委书记', '分管教学', '院长', '学院书记'];
  for (let i = 0; i < 16; i++)
    ids.cadres.push(
      (
        await ok<{ id: number }>(a, 'cadres.create', {
          name: `干部${i}`,
          title: '职务',
          level: i < 6 ? '校级' : i % 2 ? '正处级' : '副处级',
          roles: rnd() < 0.5 ? [pick(roles)] : [],
          unitId: unitIds[i < 6 ? 0 : 1 + (i % 2)],
          partyMember: rnd() < 0.8,
        })
      ).id,
    );
  const categories = [
    '学院',
    '班级',
    '宿舍',
    '学生党支部',
    '高层次人才',
    '党外代表人士',
    '离退休老同志',
    '班子成员',
    '思政课堂',
    '管理部门',
  ];
  for (let i = 0; i < 30; i++)
    ids.objects.push(
      (
        await ok<{ id: number }>(a, 'objects.create', {
          name: i % 10 === 7 ? `干部${i % 16}` : `对象${i}`,
          category: categories[i % categories.length],
          unitId: pick(unitIds),
        })
      ).id,
    );
  for (let i = 0; i < 40; i++)
    await ok(a, 'assignments.create', {
      year: YEAR,
      cadreId: pick(ids.cadres),
      objectId: pick(ids.objects),
      slot: '',
    }).catch(() => undefined);
  for (let i = 0; i < 150; i++) ids.records.push((await ok<{ id: number }>(a, 'records.create', randomRecord())).id);
  fresh = await openBackend(path, { now, access: 'read' });
}, 300_000);

afterAll(() => {
  fresh?.close();
  a?.close();
});

describe('incremental versus fresh', () => {
  it(`${ROUNDS} random edits (seed ${SEED}): the cached re-evaluation equals a fresh one after every edit`, async () => {
    const selection = { year: YEAR };
    // Warm the caches: from here on the writer's evaluations are incremental.
    await ok(a, 'evaluation.run', { selection, asOf: AS_OF });
    const done: Record<string, number> = {};
    for (let round = 0; round < ROUNDS; round++) {
      const k = rnd();
      let what: string;
      if (k < 0.3 || ids.records.length < 20) {
        what = 'create';
        ids.records.push((await ok<{ id: number }>(a, 'records.create', randomRecord())).id);
      } else if (k < 0.75) {
        what = 'update';
        const id = pick(ids.records);
        const r = randomRecord();
        const field = int(5);
        const patch =
          field === 0
            ? { date: r.date }
            : field === 1
              ? { activityTypeId: r.activityTypeId }
              : field === 2
                ? { cadreIds: r.cadreIds }
                : field === 3
                  ? { objectIds: r.objectIds }
                  : { hours: r.hours };
        await ok(a, 'records.update', { id, patch });
      } else if (k < 0.88) {
        what = 'delete';
        const i = int(ids.records.length);
        await ok(a, 'records.delete', { id: ids.records[i] });
        ids.records.splice(i, 1);
      } else if (k < 0.96) {
        // A 督办 item from a record: its kind is the record's type, so editing that record later matters too.
        what = 'followUp';
        const recordId = pick(ids.records);
        await ok(a, 'followUps.create', {
          raisedDate: date(),
          recordId,
          source: '转督办',
          matter: `事项${round}`,
          ...(rnd() < 0.5 ? { feedbackDate: null } : {}),
        });
        if (rnd() < 0.5)
          await ok(a, 'records.update', {
            id: recordId,
            patch: { activityTypeId: typeByName.get(pick(['接待日', '座谈', '调研']))! },
          });
      } else {
        what = 'assignment';
        await ok(a, 'assignments.create', {
          year: YEAR,
          cadreId: pick(ids.cadres),
          objectId: pick(ids.objects),
          slot: `第${round}轮`,
        });
      }
      done[what] = (done[what] ?? 0) + 1;
      const cached = await ok<EvaluationResult>(a, 'evaluation.run', { selection, asOf: AS_OF });
      const anew = await ok<EvaluationResult>(fresh, 'evaluation.run', { selection, asOf: AS_OF });
      const x = figures(cached);
      const y = figures(anew);
      if (x.length !== y.length || x.some((v, i) => v !== y[i]))
        expect({ round, what, cached: x.filter((v) => !y.includes(v)) }).toEqual({
          round,
          what,
          cached: [],
        });
    }
    // The edits were of every kind, and many.
    expect(Object.keys(done).sort()).toEqual(['assignment', 'create', 'delete', 'followUp', 'update']);
  }, 600_000);
});
