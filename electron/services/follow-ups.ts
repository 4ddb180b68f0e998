// 督办: each problem raised is handed to a department and chased until it is closed. The deadline is
// counted in official working days (holidays and make-up workdays included); a deadline that falls in
// a year with no holiday schedule loaded is flagged, never silently counted as Monday–Friday.
import type { InferResult } from 'kysely';
import type { ParsedInput } from '../../shared/api/contract';
import { FOLLOW_UP_STATUSES, type FollowUp } from '../../shared/domain/follow-up';
import { LedgerError } from '../../shared/errors';
import { appendAudit } from './audit';
import type { WorkdayCalendar } from '../../shared/calendar/workdays';
import { workdayCalendar } from './calendar';
import type { ServiceContext } from './context';
import { mustExist, refuseIfPresent } from './rows';
import { assertYearOpen, isYearLocked } from './year-lock';

type Fields = Omit<FollowUp, 'id' | 'departmentName' | 'dueDate' | 'dueDateUncertain'> & { id?: number };

/** The due date: N working days from the day it was handed over (or raised); flagged across unknown years. */
export function followUpDeadline(
  cal: WorkdayCalendar,
  f: { assignedDate: string | null; raisedDate: string; limitDays: number | null },
): { dueDate: string | null; dueDateUncertain: boolean; unknownYears: number[] } {
  if (!f.limitDays) return { dueDate: null, dueDateUncertain: false, unknownYears: [] };
  const r = cal.addWorkdays(f.assignedDate ?? f.raisedDate, f.limitDays);
  return { dueDate: r.date, dueDateUncertain: r.unknownYears.length > 0, unknownYears: r.unknownYears };
}

export function followUpHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  const select = () =>
    db.q
      .selectFrom('follow_ups as f')
      .leftJoin('units as u', 'u.id', 'f.department_id')
      .selectAll('f')
      .select('u.name as department_name');

  const deadline = (f: Pick<Fields, 'assignedDate' | 'raisedDate' | 'limitDays'>) => {
    const { dueDate, dueDateUncertain } = followUpDeadline(workdayCalendar(db), f);
    return { dueDate, dueDateUncertain };
  };

  const toFollowUp = (r: InferResult<ReturnType<typeof select>>[number]): FollowUp => {
    const f = {
      id: r.id,
      raisedDate: r.raised_date,
      recordId: r.record_id,
      source: r.source,
      matter: r.matter,
      raiser: r.raiser,
      departmentId: r.department_id,
      departmentName: r.department_name,
      limitDays: r.limit_days,
      assignedDate: r.assigned_date,
      feedbackDate: r.feedback_date,
      closedDate: r.closed_date,
      extendedDate: r.extended_date,
      status: r.status,
      result: r.result,
    };
    return { ...f, ...deadline(f) };
  };

  const get = (id: number): FollowUp => {
    const r = db.first(select().where('f.id', '=', id));
    if (!r) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的督办事项不存在`);
    return toFollowUp(r);
  };

  /** The status follows the dates a secretary fills in, unless she sets it herself. */
  const check = (f: Fields) => {
    if (f.recordId !== null) mustExist(db, 'records', f.recordId, '来源记录', '联系记录');
    if (f.departmentId !== null) mustExist(db, 'units', f.departmentId, '承办部门', '单位');
    const order: [string | null, string][] = [
      [f.raisedDate, '提出日期'],
      [f.assignedDate, '交办日期'],
      [f.feedbackDate, '反馈日期'],
      [f.closedDate, '办结日期'],
    ];
    const filled = order.filter(([d]) => d) as [string, string][];
    for (let i = 1; i < filled.length; i++)
      if (filled[i]![0] < filled[i - 1]![0])
        throw new LedgerError('INVALID_INPUT', `「${filled[i]![1]}」不能早于「${filled[i - 1]![1]}」`);
    const needs: Record<FollowUp['status'], [keyof Fields, string][]> = {
      待交办: [],
      已交办: [
        ['departmentId', '承办部门'],
        ['assignedDate', '交办日期'],
      ],
      已反馈: [
        ['departmentId', '承办部门'],
        ['assignedDate', '交办日期'],
        ['feedbackDate', '反馈日期'],
      ],
      已办结: [
        ['departmentId', '承办部门'],
        ['assignedDate', '交办日期'],
        ['closedDate', '办结日期'],
      ],
    };
    // An extension moves the deadline out: it cannot fall before the item was handed over, nor on or before
    // the deadline it extends.
    if (f.extendedDate !== null) {
      const start = f.assignedDate ?? f.raisedDate;
      if (f.extendedDate < start)
        throw new LedgerError(
          'INVALID_INPUT',
          `「延期至」不能早于「${f.assignedDate ? '交办日期' : '提出日期'}」（${start}）`,
        );
      const { dueDate } = deadline(f);
      if (dueDate && f.extendedDate <= dueDate)
        throw new LedgerError('INVALID_INPUT', `「延期至」须晚于「截止日期」（${dueDate}）`);
    }
    const missing = needs[f.status].filter(([k]) => f[k] === null).map(([, l]) => `「${l}」`);
    if (missing.length) throw new LedgerError('INVALID_INPUT', `状态为“${f.status}”时须填写${missing.join('、')}`);
  };

  const columns = (f: Fields) => ({
    raised_date: f.raisedDate,
    record_id: f.recordId,
    source: f.source,
    matter: f.matter,
    raiser: f.raiser,
    department_id: f.departmentId,
    limit_days: f.limitDays,
    assigned_date: f.assignedDate,
    due_date: deadline(f).dueDate,
    feedback_date: f.feedbackDate,
    closed_date: f.closedDate,
    extended_date: f.extendedDate,
    status: f.status,
    result: f.result,
  });

  /** Filling in a later date moves the status on (交办日期 → 已交办 …) when the user left it behind. */
  const advance = (f: Fields): Fields => {
    const implied = f.closedDate
      ? '已办结'
      : f.feedbackDate
        ? '已反馈'
        : f.assignedDate && f.departmentId
          ? '已交办'
          : '待交办';
    return FOLLOW_UP_STATUSES.indexOf(implied) > FOLLOW_UP_STATUSES.indexOf(f.status) ? { ...f, status: implied } : f;
  };

  const yearOf = (d: string) => Number(d.slice(0, 4));
  const DATE_FIELDS = ['raisedDate', 'assignedDate', 'feedbackDate', 'closedDate', 'extendedDate'] as const;
  /** What the secretary may still do to an item raised in a locked year: carry it on to its close. */
  const CARRY_ON: readonly (keyof Fields)[] = ['departmentId', 'assignedDate', 'feedbackDate', 'closedDate', 'result'];
  const LABELS: Partial<Record<keyof Fields, string>> = {
    raisedDate: '提出日期',
    recordId: '来源记录',
    source: '来源',
    matter: '事项',
    raiser: '反映人',
    departmentId: '承办部门',
    limitDays: '办理时限',
    assignedDate: '交办日期',
    feedbackDate: '反馈日期',
    closedDate: '办结日期',
    extendedDate: '延期至',
    status: '状态',
    result: '办理结果',
  };
  const empty = (v: unknown) => v === null || v === undefined || v === '';

  /**
   * 督办事项 of a locked year are part of its figures (deadlines met or missed): such an item may be
   * carried on — a department, a date or a result filled in where none was, the status moved forward —
   * but nothing filled in may change, the status may not go back, and no date may fall in a locked year.
   */
  const assertMayChange = (before: FollowUp, next: Fields) => {
    for (const k of DATE_FIELDS) {
      const d = next[k];
      if (d && d !== before[k]) assertYearOpen(ctx, yearOf(d), `督办事项的「${LABELS[k]}」（${d}）`);
    }
    const year = yearOf(before.raisedDate);
    if (!isYearLocked(ctx, year)) return;
    const changed = (Object.keys(LABELS) as (keyof Fields)[]).filter((k) => (next[k] ?? null) !== (before[k] ?? null));
    const refused = changed.filter((k) => k !== 'status' && !(CARRY_ON.includes(k) && empty(before[k])));
    const back = FOLLOW_UP_STATUSES.indexOf(next.status) < FOLLOW_UP_STATUSES.indexOf(before.status);
    if (refused.length || back)
      throw new LedgerError(
        'FORBIDDEN',
        `督办事项“${before.matter.slice(0, 30)}”提出于已锁定的${year}年度，只能继续办理（补填承办部门、交办/反馈/办结日期和结果），` +
          `不能${back ? `把状态从“${before.status}”退回“${next.status}”` : `修改已填写的${refused.map((k) => `「${LABELS[k]}」`).join('、')}`}。` +
          '如需修改，请先解锁该年度并填写理由。',
      );
  };

  const insert = (f: Fields): FollowUp => {
    check(f);
    const at = ctx.now().toISOString();
    const { lastInsertRowid } = db.run(
      db.q
        .insertInto('follow_ups')
        .values({ ...(f.id !== undefined ? { id: f.id } : {}), ...columns(f), created_at: at, updated_at: at }),
    );
    return get(Number(lastInsertRowid));
  };

  return {
    'followUps.list': ({ status }: ParsedInput<'followUps.list'>): FollowUp[] => {
      let q = select().orderBy('f.raised_date', 'desc').orderBy('f.id', 'desc');
      if (status) q = q.where('f.status', '=', status);
      return db.all(q).map(toFollowUp);
    },

    'followUps.create': (input: ParsedInput<'followUps.create'>): FollowUp =>
      db.tx(() => {
        assertYearOpen(ctx, yearOf(input.raisedDate), '督办事项');
        const created = insert(advance(input));
        appendAudit(ctx, { action: 'create', table: 'follow_ups', rowId: created.id, after: created });
        return created;
      }),

    'followUps.update': ({ id, patch }: ParsedInput<'followUps.update'>): FollowUp =>
      db.tx(() => {
        const before = get(id);
        const next = patch.status ? { ...before, ...patch } : advance({ ...before, ...patch });
        check(next);
        assertMayChange(before, next);
        db.run(
          db.q
            .updateTable('follow_ups')
            .set({ ...columns(next), updated_at: ctx.now().toISOString() })
            .where('id', '=', id),
        );
        const after = get(id);
        appendAudit(ctx, { action: 'update', table: 'follow_ups', rowId: id, before, after });
        return after;
      }),

    'followUps.delete': ({ id }: ParsedInput<'followUps.delete'>): FollowUp =>
      db.tx(() => {
        const before = get(id);
        assertYearOpen(ctx, yearOf(before.raisedDate), '督办事项');
        db.run(db.q.deleteFrom('follow_ups').where('id', '=', id));
        appendAudit(ctx, { action: 'delete', table: 'follow_ups', rowId: id, before });
        return before;
      }),

    'followUps.restore': (f: ParsedInput<'followUps.restore'>): FollowUp =>
      db.tx(() => {
        refuseIfPresent(db, 'follow_ups', f.id, '督办事项');
        assertYearOpen(ctx, yearOf(f.raisedDate), '督办事项');
        const restored = insert(f);
        appendAudit(ctx, { action: 'restore', table: 'follow_ups', rowId: f.id, after: restored });
        return restored;
      }),
  };
}
