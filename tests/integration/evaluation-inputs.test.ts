// The evaluator's records as evaluation-inputs reads them (from the covering indexes a column at a time,
// the mostly empty columns only where set, links shared, order vouched; ids dense or far apart) against the
// plain reading — one query row per record, sorted by (date, id) in SQL, one list per link — on the demo
// university under each of the five presets: the records are the same, field for field, and every rule
// gives the same results from both, cell for cell (figures, statuses, evidence and its order, what is
// missing, notes of the engine).
import { afterAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/services/backend';
import { evaluationInput, ledgerData } from '../../electron/services/evaluation-inputs';
import { rulesForRange } from '../../electron/services/evaluation-rules';
import { buildIndex, evaluate, type EvalIndex } from '../../shared/rules/evaluate';
import { selectionRange } from '../../shared/rules/periods';
import type { EvalRecord, Selection } from '../../shared/rules/types';
import { calls } from '../support/calls';
import { tempDbPath, tempDir } from '../support/tmp';

const YEAR = 2026;
const PRESETS = ['000', '001', '002', '003', '004'];
const open: Backend[] = [];
afterAll(() => open.forEach((b) => b.close()));

/** The plain reading: one row per record, in the ledger's order by SQL, one list per link. */
function plainRecords(b: Backend): EvalRecord[] {
  const sq = b.db.sqlite;
  const rows = sq
    .prepare(
      `SELECT r.id, r.date, r.start_time, r.end_time, t.name AS type, r.hours, r.days, r.companions
         FROM records r JOIN activity_types t ON t.id = r.activity_type_id ORDER BY r.date, r.id`,
    )
    .all() as {
    id: number;
    date: string;
    start_time: string | null;
    end_time: string | null;
    type: string;
    hours: number | null;
    days: number | null;
    companions: number | null;
  }[];
  const cadres = sq.prepare('SELECT cadre_id FROM record_cadres WHERE record_id = ? ORDER BY cadre_id').pluck();
  const objects = sq.prepare('SELECT object_id FROM record_objects WHERE record_id = ? ORDER BY object_id').pluck();
  return rows.map((r) => ({
    id: String(r.id),
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    activityType: r.type,
    cadreIds: (cadres.all(r.id) as number[]).map(String),
    objectIds: (objects.all(r.id) as number[]).map(String),
    hours: r.hours,
    days: r.days,
    companions: r.companions,
  }));
}

const sortedLinks = (r: EvalRecord) => ({
  ...r,
  cadreIds: [...r.cadreIds].sort((a, b) => Number(a) - Number(b)),
  objectIds: [...r.objectIds].sort((a, b) => Number(a) - Number(b)),
});

describe('the evaluator reads the same records as the plain reading, and every rule gives the same results', () => {
  for (const preset of PRESETS)
    it(`preset ${preset} on the demo university`, async () => {
      const b = await openBackend(tempDbPath(tempDir()), { now: () => new Date(`${YEAR}-09-15T10:00:00+08:00`) });
      open.push(b);
      const { ok } = calls(() => b);
      // The demo university is written under preset 002 (its vocabulary); another preset's rules join them.
      await ok('demo.generate', { year: YEAR, seed: 11 });
      if (preset !== '002') await ok('rules.applyPreset', { presetId: preset, year: YEAR });
      // What the demo does not write: times, days and companions, a record of two cadres and two objects,
      // a record with no cadre's object, and a gap in the ids (a record deleted).
      const cadres = await ok<{ id: number }[]>('cadres.list', {});
      const objects = await ok<{ id: number }[]>('objects.list', {});
      const types = (await ok<{ activityTypes: { id: number }[] }>('vocabulary.get', {})).activityTypes;
      const made: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await ok<{ id: number }>('records.create', {
          date: `${YEAR}-0${3 + i}-1${i}`,
          startTime: i % 2 ? '09:00' : null,
          endTime: i % 2 ? '11:30' : null,
          activityTypeId: types[i % types.length]!.id,
          cadreIds: i % 3 ? [cadres[i]!.id, cadres[i + 7]!.id] : [cadres[i]!.id],
          objectIds: i === 4 ? [] : i % 2 ? [objects[i]!.id, objects[i + 3]!.id] : [objects[i]!.id],
          hours: i === 2 ? 1.25 : null,
          days: i === 3 ? 1.5 : null,
          companions: i === 5 ? 4 : null,
        });
        made.push(r.id);
      }
      await ok('records.delete', { id: made[2] });
      // Records spanning the turn of the year (three days from 30 December, of two cadres and two objects)
      // and one of the year before: read on their own day, counted in the year each rule's period says.
      for (const [date, days] of [
        [`${YEAR - 1}-12-30`, 3],
        [`${YEAR}-12-31`, 2],
        [`${YEAR - 1}-06-01`, null],
      ] as const)
        await ok('records.create', {
          date,
          activityTypeId: types[1]!.id,
          cadreIds: [cadres[3]!.id, cadres[1]!.id],
          objectIds: [objects[5]!.id, objects[1]!.id],
          days,
        });
      if (preset === '001') {
        // Ids far apart (a record written with its own id by another program): the reader's lookup of a
        // record by id is then a map instead of an array of places.
        const sq = b.db.sqlite;
        const at = `${YEAR}-05-20T08:00:00Z`;
        sq.prepare(
          `INSERT INTO records (id, date, activity_type_id, hours, created_at, updated_at) VALUES (10000000, ?, ?, 3, ?, ?)`,
        ).run(`${YEAR}-05-20`, types[0]!.id, at, at);
        sq.prepare('INSERT INTO record_cadres (record_id, cadre_id, position) VALUES (10000000, ?, 0)').run(
          cadres[2]!.id,
        );
        sq.prepare('INSERT INTO record_objects (record_id, object_id, position) VALUES (10000000, ?, 0)').run(
          objects[2]!.id,
        );
      }

      const { data, index } = ledgerData(b.db);
      const plain = plainRecords(b);
      expect(plain.length).toBeGreaterThan(500);
      expect(data.records.map(sortedLinks)).toEqual(plain);
      // The ids the index tells without making records (what a count of a cadre's records, or an institution's
      // task, reads): those of the plain records of the cadre (or anyone) and type, dated in the span and by asOf.
      const ix = index(`${YEAR}-09-15`);
      let told = 0;
      for (const cadre of [null, ...cadres.slice(0, 12).map((c) => String(c.id))])
        for (const name of [...new Set(plain.map((r) => r.activityType))].slice(0, 6)) {
          for (const [start, end] of [
            [`${YEAR - 1}-12-01`, `${YEAR}-12-31`],
            [`${YEAR}-03-10`, `${YEAR}-05-20`],
          ]) {
            const want = plain
              .filter((r) => r.activityType === name && (cadre === null || r.cadreIds.includes(cadre)))
              .filter((r) => r.date >= start! && r.date <= end! && r.date <= `${YEAR}-09-15`)
              .map((r) => r.id);
            expect(ix.recordIds!(cadre, name, start!, end!), `${cadre} ${name} ${start}`).toEqual(want);
            told += want.length;
          }
        }
      expect(told).toBeGreaterThan(50);

      for (const [selection, asOf] of [
        [{ year: YEAR }, `${YEAR}-09-15`],
        [{ year: YEAR }, `${YEAR}-12-31`],
        [{ academicYear: `${YEAR - 1}-${YEAR}` }, `${YEAR}-06-30`],
      ] as [Selection, string][]) {
        const entries = rulesForRange(b.db, selectionRange(selection, data.calendar.school)).entries;
        expect(entries.length).toBeGreaterThan(3);
        const own = entries.filter((e) => e.info.code.startsWith(preset));
        expect(own.length, `rules of preset ${preset}`).toBeGreaterThan(3);
        let rows = 0;
        for (const e of entries) {
          const got = evaluate(evaluationInput(data, [e.rule], asOf, selection), index(asOf));
          // No index handed over: the engine builds its own from the plain records and checks their order.
          const want = evaluate({ ...evaluationInput(data, [e.rule], asOf, selection), records: plain });
          expect(got, `${preset} ${e.info.code} ${JSON.stringify(selection)} ${asOf}`).toEqual(want);
          rows += got.length;
        }
        expect(rows).toBeGreaterThan(100);
      }
    });
});

// The ledger's index makes its lists (a cadre's records, of a type; a type's; an object's; all) from the
// records kept as columns when first asked for; an edit moves a record in the lists already made and
// the others are made later with it. Lists made before a run of edits and lists made after must both be
// what an index over a fresh plain reading gives.
describe('the ledger index after edits: lists made before and after them equal a fresh reading', () => {
  it('records created, moved to another day, type, cadre and object, and deleted', async () => {
    const b = await openBackend(tempDbPath(tempDir()), { now: () => new Date(`${YEAR}-09-15T10:00:00+08:00`) });
    open.push(b);
    const { ok } = calls(() => b);
    await ok('demo.generate', { year: YEAR, seed: 5 });
    const asOf = `${YEAR}-09-15`;
    const cadres = (await ok<{ id: number }[]>('cadres.list', {})).map((c) => String(c.id));
    const objects = (await ok<{ id: number }[]>('objects.list', {})).map((o) => String(o.id));
    const types = (await ok<{ activityTypes: { id: number; name: string }[] }>('vocabulary.get', {})).activityTypes;
    // Records no 督办事项 came from (editing such a record reloads everything: the item takes its kind from it).
    const ids = b.db.sqlite
      .prepare(
        'SELECT id FROM records WHERE id NOT IN (SELECT record_id FROM follow_ups WHERE record_id IS NOT NULL) ORDER BY id LIMIT 400',
      )
      .pluck()
      .all() as number[];

    const ids_ = (l: readonly EvalRecord[] | undefined) => (l ?? []).map((r) => r.id);
    const lists = (ix: EvalIndex, half: 0 | 1) => {
      const out: Record<string, string[]> = {};
      cadres.forEach((c, i) => {
        if (i % 2 !== half) return;
        out[`cadre ${c}`] = ids_(ix.byCadre.get(c));
        for (const t of types) out[`cadre ${c} ${t.name}`] = ids_(ix.typedByCadre.get(c)?.get(t.name));
      });
      types.forEach((t, i) => i % 2 === half && (out[`type ${t.name}`] = ids_(ix.byType().get(t.name))));
      objects.forEach((o, i) => i % 2 === half && (out[`object ${o}`] = ids_(ix.byObject().get(o))));
      return out;
    };
    const fresh = (half: 0 | 1) => {
      const { data } = ledgerData(b.db);
      const ix = buildIndex({ ...data, records: plainRecords(b), asOf });
      // The engine's own index fills typedByCadre as the evaluator does (a cadre's records split by type).
      for (const c of cadres) {
        const m = new Map<string, EvalRecord[]>();
        for (const r of ix.byCadre.get(c) ?? []) m.set(r.activityType, [...(m.get(r.activityType) ?? []), r]);
        ix.typedByCadre.set(c, m);
      }
      return lists(ix, half);
    };

    // Half of the lists made before the edits (and kept, patched), half only after.
    const before = ledgerData(b.db).index(asOf);
    lists(before, 0);
    expect(before.all.length).toBeGreaterThan(1000);
    for (let i = 0; i < 40; i++) {
      const id = ids[i * 9]!;
      const k = i % 5;
      if (k === 0) await ok('records.update', { id, patch: { date: `${YEAR}-0${1 + (i % 9)}-2${i % 8}` } });
      else if (k === 1) await ok('records.update', { id, patch: { activityTypeId: types[i % types.length]!.id } });
      else if (k === 2)
        await ok('records.update', { id, patch: { cadreIds: [Number(cadres[i]!), Number(cadres[i + 40]!)] } });
      else if (k === 3) await ok('records.update', { id, patch: { objectIds: [Number(objects[i * 3]!)] } });
      else await ok('records.delete', { id });
      if (i % 10 === 9)
        await ok('records.create', {
          date: `${YEAR}-0${1 + (i % 8)}-0${1 + (i % 9)}`,
          activityTypeId: types[i % types.length]!.id,
          cadreIds: [Number(cadres[i + 1]!)],
          objectIds: [Number(objects[i]!)],
        });
      // The ledger follows each edit as 统计考核 does (patched in place, not reloaded).
      if (i % 3 === 0) ledgerData(b.db);
    }
    const view = ledgerData(b.db);
    const after = view.index(asOf);
    expect(after).toBe(before);
    const made = lists(after, 0);
    const want = fresh(0);
    expect(Object.keys(made).length).toBeGreaterThan(100);
    expect(made).toEqual(want);
    expect(lists(after, 1)).toEqual(fresh(1));
    const plain = plainRecords(b);
    expect(after.all.map((r) => r.id)).toEqual(plain.filter((r) => r.date <= asOf).map((r) => r.id));
    expect(view.data.records.map(sortedLinks)).toEqual(plain);
    // Every rule after the edits, from the patched index (ids told from the columns where no edit belongs to a
    // list, the lists elsewhere) and from the plain records: the same results.
    const selection = { year: YEAR };
    const entries = rulesForRange(b.db, selectionRange(selection, view.data.calendar.school)).entries;
    expect(entries.length).toBeGreaterThan(10);
    for (const e of entries) {
      const input = evaluationInput(view.data, [e.rule], asOf, selection);
      expect(evaluate(input, after), e.info.code).toEqual(evaluate({ ...input, records: plain }));
    }
  });
});
