// 接待日排班: a semester's reception days from a roster rule (002 第十一条 every Wednesday, 001 五.8 even-week
// Mondays 15:00–17:00), official holidays skipped, cadres in rotation; swaps; each duty linked to the record
// that documents it (a record of the rule's type by that cadre on that day).
import type { ParsedInput } from '../../shared/api/contract';
import type { RotaDuty } from '../../shared/api/rota';
import { weekday } from '../../shared/format/date';
import { LedgerError } from '../../shared/errors';
import { cadreMatches } from '../../shared/rules/evaluate';
import { patternDates } from '../../shared/rules/patterns';
import { readRule, type Rule } from '../../shared/rules/schema';
import { appendAudit } from './audit';
import { workdayCalendar } from './calendar';
import type { ServiceContext } from './context';
import { loadRoster } from './locked-roster';
import { loadSchoolCalendar } from './rules';
import { assertYearOpen } from './year-lock';

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const DEFAULT_TYPES = ['接待日'];

export function rotaHandlers(ctx: ServiceContext) {
  const { db } = ctx;

  const ruleBody = (ruleId: number | null): { rule: Rule | null; clause: string } => {
    if (ruleId === null) return { rule: null, clause: '' };
    const row = db.first(db.q.selectFrom('rules').select(['body', 'clause']).where('id', '=', ruleId));
    return row ? { rule: readRule(JSON.parse(row.body)), clause: row.clause } : { rule: null, clause: '' };
  };
  const typesOf = (rule: Rule | null): string[] =>
    rule && rule.kind === 'roster' ? rule.activityTypes : DEFAULT_TYPES;

  const findRecord = (date: string, cadreId: number, types: string[]): number | null => {
    const r = db.first(
      db.q
        .selectFrom('records as r')
        .innerJoin('record_cadres as rc', 'rc.record_id', 'r.id')
        .innerJoin('activity_types as t', 't.id', 'r.activity_type_id')
        .select('r.id')
        .where('r.date', '=', date)
        .where('rc.cadre_id', '=', cadreId)
        .where('t.name', 'in', types)
        .orderBy('r.id')
        .limit(1),
    );
    return r?.id ?? null;
  };

  const select = () =>
    db.q
      .selectFrom('rota_duties as d')
      .innerJoin('cadres as c', 'c.id', 'd.cadre_id')
      .selectAll('d')
      .select(['c.name as cadre_name', 'c.title as cadre_title']);

  type Row = Awaited<ReturnType<typeof db.all<ReturnType<typeof select>>>>[number];
  const clauses = new Map<number, { rule: Rule | null; clause: string }>();
  const toDuty = (r: Row): RotaDuty => {
    let rb = r.rule_id === null ? { rule: null, clause: '' } : clauses.get(r.rule_id);
    if (!rb) clauses.set(r.rule_id!, (rb = ruleBody(r.rule_id)));
    return {
      id: r.id,
      date: r.date,
      weekday: WEEKDAYS[weekday(r.date)]!,
      cadreId: r.cadre_id,
      cadreName: r.cadre_name,
      cadreTitle: r.cadre_title,
      ruleId: r.rule_id,
      clause: rb.clause,
      startTime: r.start_time,
      endTime: r.end_time,
      place: r.place,
      recordId: r.record_id,
      note: r.note,
    };
  };

  /** Brings each duty's record link up to date (records are entered after the day); audited when it moves. */
  const relink = (rows: Row[]): Row[] => {
    const changed: { id: number; before: number | null; after: number | null }[] = [];
    for (const r of rows) {
      const found = findRecord(r.date, r.cadre_id, typesOf(ruleBody(r.rule_id).rule));
      if (found !== r.record_id) {
        changed.push({ id: r.id, before: r.record_id, after: found });
        r.record_id = found;
      }
    }
    if (changed.length)
      db.tx(() => {
        for (const c of changed)
          db.run(db.q.updateTable('rota_duties').set({ record_id: c.after }).where('id', '=', c.id));
        appendAudit(ctx, { action: 'link', table: 'rota_duties', rowId: null, after: changed });
      });
    return rows;
  };

  const get = (id: number): RotaDuty => {
    const r = db.first(select().where('d.id', '=', id));
    if (!r) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的值班不存在`);
    return toDuty(relink([r])[0]!);
  };

  return {
    'rota.list': ({ from, to }: ParsedInput<'rota.list'>): RotaDuty[] => {
      clauses.clear();
      const rows = db.all(
        select().where('d.date', '>=', from).where('d.date', '<=', to).orderBy('d.date').orderBy('d.id'),
      );
      return relink(rows).map(toDuty);
    },

    'rota.generate': (input: ParsedInput<'rota.generate'>): RotaDuty[] =>
      db.tx(() => {
        clauses.clear();
        const { rule } = ruleBody(input.ruleId);
        if (!rule) throw new LedgerError('NOT_FOUND', `编号为 ${input.ruleId} 的要求不存在`);
        if (rule.kind !== 'roster')
          throw new LedgerError('INVALID_INPUT', `要求“${rule.title}”不是排班要求（接待日等），不能生成排班`);
        const sem = loadSchoolCalendar(db).semester(input.academicYear, input.term);
        for (let y = Number(sem.start.slice(0, 4)); y <= Number(sem.end.slice(0, 4)); y++)
          assertYearOpen(ctx, y, '接待日排班');
        const wd = workdayCalendar(db);
        // A reception day is a working day: a duty on a day off is moved or brought forward when the pattern
        // says so (onHoliday), else skipped; make-up working Saturdays are not added, the pattern decides.
        const dates = patternDates(rule.pattern, sem.start, sem.end, wd).filter((d) => wd.checkWorkday(d).workday);
        let cadreIds = input.cadreIds;
        if (!cadreIds.length) {
          const { cadres, units } = loadRoster(db);
          const unitCategory = new Map(units.map((u) => [u.id, u.category]));
          cadreIds = cadres
            .filter((c) => cadreMatches(rule.who.cadres, c, (u) => unitCategory.get(u)))
            .map((c) => Number(c.id));
        } else
          for (const id of cadreIds)
            if (!db.first(db.q.selectFrom('cadres').select('id').where('id', '=', id)))
              throw new LedgerError('NOT_FOUND', `「轮值干部」编号为 ${id} 的干部不存在`);
        if (!cadreIds.length)
          throw new LedgerError(
            'INVALID_INPUT',
            `没有符合“${rule.who.label ?? '适用对象'}”的干部可以轮值，请先在人员中录入`,
          );
        // N people per duty (two leaders each reception day): consecutive cadres of the rotation share a day.
        const perDuty = rule.perDuty;
        if (cadreIds.length < perDuty)
          throw new LedgerError(
            'INVALID_INPUT',
            `「轮值干部」每次值班需要${perDuty}人，但只有${cadreIds.length}人可以轮值`,
          );
        if (!dates.length)
          throw new LedgerError(
            'INVALID_INPUT',
            `${input.academicYear}学年第${input.term}学期没有符合排班规律的工作日`,
          );
        let removed = 0;
        if (input.replace)
          removed = db.run(
            db.q
              .deleteFrom('rota_duties')
              .where('rule_id', '=', input.ruleId)
              .where('date', '>=', sem.start)
              .where('date', '<=', sem.end),
          ).changes;
        const types = typesOf(rule);
        const startTime = input.startTime ?? rule.pattern.timeFrom ?? null;
        const endTime = input.endTime ?? rule.pattern.timeTo ?? null;
        dates.forEach((date, i) => {
          for (let k = 0; k < perDuty; k++) {
            const cadreId = cadreIds[(i * perDuty + k) % cadreIds.length]!;
            db.run(
              db.q.insertInto('rota_duties').values({
                date,
                cadre_id: cadreId,
                rule_id: input.ruleId,
                start_time: startTime,
                end_time: endTime,
                place: input.place,
                record_id: findRecord(date, cadreId, types),
                note: '',
              }),
            );
          }
        });
        appendAudit(ctx, {
          action: 'generate',
          table: 'rota_duties',
          rowId: null,
          after: {
            ruleId: input.ruleId,
            semester: `${input.academicYear}#${input.term}`,
            duties: dates.length * perDuty,
            removed,
            cadreIds,
          },
        });
        return db
          .all(
            select()
              .where('d.rule_id', '=', input.ruleId)
              .where('d.date', '>=', sem.start)
              .where('d.date', '<=', sem.end)
              .orderBy('d.date')
              .orderBy('d.id'),
          )
          .map(toDuty);
      }),

    'rota.swap': ({ a, b }: ParsedInput<'rota.swap'>): RotaDuty[] =>
      db.tx(() => {
        if (a === b) throw new LedgerError('INVALID_INPUT', '请选择两次不同的值班来对调');
        const da = get(a);
        const dbb = get(b);
        assertYearOpen(ctx, Number(da.date.slice(0, 4)), '接待日排班');
        assertYearOpen(ctx, Number(dbb.date.slice(0, 4)), '接待日排班');
        db.run(db.q.updateTable('rota_duties').set({ cadre_id: dbb.cadreId }).where('id', '=', a));
        db.run(db.q.updateTable('rota_duties').set({ cadre_id: da.cadreId }).where('id', '=', b));
        const after = [get(a), get(b)];
        appendAudit(ctx, { action: 'swap', table: 'rota_duties', rowId: a, before: [da, dbb], after });
        return after;
      }),

    'rota.update': ({ id, patch }: ParsedInput<'rota.update'>): RotaDuty =>
      db.tx(() => {
        const before = get(id);
        assertYearOpen(ctx, Number(before.date.slice(0, 4)), '接待日排班');
        if (
          patch.cadreId !== undefined &&
          !db.first(db.q.selectFrom('cadres').select('id').where('id', '=', patch.cadreId))
        )
          throw new LedgerError('NOT_FOUND', `「值班干部」编号为 ${patch.cadreId} 的干部不存在`);
        db.run(
          db.q
            .updateTable('rota_duties')
            .set({
              ...(patch.cadreId !== undefined ? { cadre_id: patch.cadreId } : {}),
              ...(patch.place !== undefined ? { place: patch.place } : {}),
              ...(patch.note !== undefined ? { note: patch.note } : {}),
            })
            .where('id', '=', id),
        );
        const after = get(id);
        appendAudit(ctx, { action: 'update', table: 'rota_duties', rowId: id, before, after });
        return after;
      }),

    'rota.clear': ({ from, to, ruleId }: ParsedInput<'rota.clear'>) =>
      db.tx(() => {
        for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++) assertYearOpen(ctx, y, '接待日排班');
        let q = db.q.deleteFrom('rota_duties').where('date', '>=', from).where('date', '<=', to);
        if (ruleId !== undefined) q = q.where('rule_id', '=', ruleId);
        const deleted = db.run(q).changes;
        appendAudit(ctx, { action: 'delete', table: 'rota_duties', rowId: null, after: { from, to, ruleId, deleted } });
        return { deleted };
      }),
  };
}
