// 制度 and 要求: a ledger's regulations and their rules, stored per year as JSON the rule schema validated,
// each carrying its source clause; and the semesters of the school calendar the rules' periods come from.
import type { ParsedInput } from '../../shared/api/contract';
import type { PresetSummary, Regulation, Semester, StoredRule } from '../../shared/api/rules';
import { createSchoolCalendar, type SchoolCalendar, type SemesterDef } from '../../shared/calendar/school';
import { LedgerError } from '../../shared/errors';
import { describeRule } from '../../shared/rules/describe';
import { readRule, type Rule } from '../../shared/rules/schema';
import { validateRule } from '../../shared/rules/validate';
import { appendAudit } from './audit';
import type { ServiceContext } from './context';
import type { Db } from './db/db';
import type { RulesTable } from './db/tables';
import { applyPreset, listPresets, loadPreset } from './presets';
import { presetsDir } from './resources';
import { assertYearOpen } from './year-lock';

/** Validates one rule as the user edited it (shared with the editor and the CLI): fields named in Chinese. */
export { validateRule };

type RuleRow = RulesTable & { id: number };

/** The enabled rules of a year, as the engine takes them: ids are the stored rows' ids as text. */
export function loadRules(db: Db, year: number, enabledOnly = true): { row: RuleRow; rule: Rule }[] {
  let q = db.q.selectFrom('rules').selectAll().where('year', '=', year);
  if (enabledOnly) q = q.where('enabled', '=', 1);
  return db
    .all(q.orderBy('regulation_id').orderBy('sort').orderBy('id'))
    .map((row) => ({ row: row as RuleRow, rule: { ...readRule(JSON.parse(row.body)), id: String(row.id) } }));
}

/** The school calendar: saved semesters, defaults for the rest. */
export function loadSchoolCalendar(db: Db): SchoolCalendar {
  return createSchoolCalendar({ semesters: storedSemesters(db) });
}

function storedSemesters(db: Db): SemesterDef[] {
  return db
    .all(db.q.selectFrom('semesters').selectAll().orderBy('academic_year').orderBy('term'))
    .map((s) => ({ academicYear: s.academic_year, term: s.term, start: s.start_date, end: s.end_date }));
}

/** Inserts one rule row (inside the caller's transaction), audited. */
export function insertRule(ctx: ServiceContext, regulationId: number, year: number, rule: Rule, sort: number): number {
  const { db } = ctx;
  const at = ctx.now().toISOString();
  const { lastInsertRowid } = db.run(
    db.q.insertInto('rules').values({
      regulation_id: regulationId,
      year,
      clause: rule.clause,
      title: rule.title,
      body: JSON.stringify(rule),
      enabled: 1,
      sort,
      department: rule.department ?? '',
      created_at: at,
      updated_at: at,
    }),
  );
  const id = Number(lastInsertRowid);
  appendAudit(ctx, {
    action: 'create',
    table: 'rules',
    rowId: id,
    after: { year, code: rule.id, clause: rule.clause },
  });
  return id;
}

export function ruleHandlers(ctx: ServiceContext) {
  const { db } = ctx;

  const regulations = (): Regulation[] =>
    db
      .all(db.q.selectFrom('regulations').selectAll().orderBy('id'))
      .map((r) => ({ id: r.id, code: r.code, name: r.name, presetId: r.preset_id, note: r.note }));

  const toStored = (row: RuleRow, reg: Regulation | undefined): StoredRule => {
    const body = readRule(JSON.parse(row.body));
    return {
      id: row.id,
      regulationId: row.regulation_id,
      regulationName: reg?.name ?? '',
      regulationCode: reg?.code ?? '',
      presetId: reg?.presetId ?? null,
      year: row.year,
      code: body.id,
      clause: row.clause,
      title: row.title,
      kind: body.kind,
      enabled: row.enabled === 1,
      sort: row.sort,
      department: row.department,
      description: describeRule(body),
      body,
    };
  };

  const get = (id: number): StoredRule => {
    const row = db.first(db.q.selectFrom('rules').selectAll().where('id', '=', id));
    if (!row) throw new LedgerError('NOT_FOUND', `编号为 ${id} 的要求不存在`);
    return toStored(
      row as RuleRow,
      regulations().find((r) => r.id === row.regulation_id),
    );
  };

  /** A rule needs a code; a new one gets the regulation's prefix and the next free number. */
  const withCode = (body: unknown, regulationId: number, year: number): unknown => {
    if (!body || typeof body !== 'object') return body;
    const b = body as Record<string, unknown>;
    if (typeof b.id === 'string' && b.id.trim()) return b;
    const reg = regulations().find((r) => r.id === regulationId);
    const prefix = reg?.presetId ?? `R${regulationId}`;
    const codes = new Set(
      db
        .all(db.q.selectFrom('rules').select('body').where('year', '=', year))
        .map((r) => (JSON.parse(r.body) as Rule).id),
    );
    let n = codes.size + 1;
    while (codes.has(`${prefix}-u${n}`)) n++;
    return { ...b, id: `${prefix}-u${n}` };
  };

  const write = (id: number, rule: Rule, action: string, patch: { enabled?: number } = {}): StoredRule => {
    const before = get(id);
    assertYearOpen(ctx, before.year, '制度要求');
    db.run(
      db.q
        .updateTable('rules')
        .set({
          clause: rule.clause,
          title: rule.title,
          body: JSON.stringify(rule),
          department: rule.department ?? '',
          updated_at: ctx.now().toISOString(),
          ...patch,
        })
        .where('id', '=', id),
    );
    const after = get(id);
    appendAudit(ctx, { action, table: 'rules', rowId: id, before: before.body, after: after.body });
    return after;
  };

  return {
    'rules.presets': (): PresetSummary[] => {
      const applied = new Set(regulations().map((r) => r.presetId));
      return listPresets(presetsDir()).map((p) => ({
        id: p.id,
        code: p.code,
        name: p.name,
        issuer: p.issuer,
        date: p.date,
        ruleCount: p.rules.length,
        applied: applied.has(p.id),
      }));
    },

    'rules.applyPreset': ({ presetId, year, copyAs }: ParsedInput<'rules.applyPreset'>) => {
      const preset = loadPreset(presetsDir(), presetId);
      if (copyAs && regulations().some((r) => r.name === copyAs))
        throw new LedgerError('CONFLICT', `「制度名称」已有名为《${copyAs}》的制度`);
      if (!copyAs && regulations().some((r) => r.presetId === presetId))
        throw new LedgerError('CONFLICT', `制度预设 ${presetId}《${preset.name}》已在此台账中，未重复载入。`);
      const regulationId = applyPreset(ctx, preset, year, copyAs);
      const n = db.first(
        db.q
          .selectFrom('rules')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('regulation_id', '=', regulationId),
      );
      return { regulationId, rules: Number(n?.n ?? 0) };
    },

    'rules.regulations': regulations,

    'rules.createRegulation': ({ name, code, note }: ParsedInput<'rules.createRegulation'>): Regulation =>
      db.tx(() => {
        if (regulations().some((r) => r.name === name))
          throw new LedgerError('CONFLICT', `「制度名称」已有名为《${name}》的制度`);
        const { lastInsertRowid } = db.run(
          db.q
            .insertInto('regulations')
            .values({ code, name, preset_id: null, note, created_at: ctx.now().toISOString() }),
        );
        const id = Number(lastInsertRowid);
        appendAudit(ctx, { action: 'create', table: 'regulations', rowId: id, after: { name, code, note } });
        return regulations().find((r) => r.id === id)!;
      }),

    'rules.get': ({ id }: ParsedInput<'rules.get'>): StoredRule => get(id),

    'rules.years': (): number[] =>
      db.all(db.q.selectFrom('rules').select('year').distinct().orderBy('year')).map((r) => r.year),

    'rules.list': ({ year, enabledOnly }: ParsedInput<'rules.list'>): StoredRule[] => {
      const regs = regulations();
      return loadRules(db, year, enabledOnly ?? false).map(({ row }) =>
        toStored(
          row,
          regs.find((r) => r.id === row.regulation_id),
        ),
      );
    },

    'rules.create': ({ regulationId, year, body }: ParsedInput<'rules.create'>): StoredRule =>
      db.tx(() => {
        if (!regulations().some((r) => r.id === regulationId))
          throw new LedgerError('NOT_FOUND', `编号为 ${regulationId} 的制度不存在`);
        assertYearOpen(ctx, year, '制度要求');
        const rule = validateRule(withCode(body, regulationId, year), '新增要求');
        const last = db.first(
          db.q
            .selectFrom('rules')
            .select((e) => e.fn.max('sort').as('s'))
            .where('regulation_id', '=', regulationId)
            .where('year', '=', year),
        );
        return get(insertRule(ctx, regulationId, year, rule, Number(last?.s ?? -1) + 1));
      }),

    'rules.update': ({ id, body }: ParsedInput<'rules.update'>): StoredRule =>
      db.tx(() => {
        const before = get(id);
        const merged = body && typeof body === 'object' ? { id: before.code, ...body } : body;
        return write(id, validateRule(merged, `修改要求“${before.title}”`), 'update');
      }),

    'rules.setEnabled': ({ id, enabled }: ParsedInput<'rules.setEnabled'>): StoredRule =>
      db.tx(() => {
        const before = get(id);
        if (before.enabled === enabled) return before;
        return write(id, before.body, enabled ? 'enable' : 'disable', { enabled: enabled ? 1 : 0 });
      }),

    'rules.delete': ({ id }: ParsedInput<'rules.delete'>): StoredRule =>
      db.tx(() => {
        const before = get(id);
        assertYearOpen(ctx, before.year, '制度要求');
        db.run(db.q.deleteFrom('rules').where('id', '=', id));
        appendAudit(ctx, { action: 'delete', table: 'rules', rowId: id, before: before.body });
        return before;
      }),

    'rules.copyYear': ({ from, to }: ParsedInput<'rules.copyYear'>) =>
      db.tx(() => {
        if (from === to) throw new LedgerError('INVALID_INPUT', '来源年度和目标年度不能相同');
        assertYearOpen(ctx, to, '制度要求');
        const source = loadRules(db, from, false);
        if (!source.length) throw new LedgerError('NOT_FOUND', `${from}年度没有要求可以复制`);
        const existing = db.first(
          db.q
            .selectFrom('rules')
            .select((e) => e.fn.countAll<number>().as('n'))
            .where('year', '=', to),
        );
        if (Number(existing?.n ?? 0) > 0)
          throw new LedgerError('CONFLICT', `${to}年度已有${existing!.n}条要求，请先删除后再复制，以免重复`);
        for (const { row } of source) {
          const rule = readRule(JSON.parse(row.body));
          const id = insertRule(ctx, row.regulation_id, to, rule, row.sort);
          if (!row.enabled) db.run(db.q.updateTable('rules').set({ enabled: 0 }).where('id', '=', id));
        }
        return { copied: source.length };
      }),

    'semesters.list': ({ academicYears }: ParsedInput<'semesters.list'>): Semester[] => {
      const stored = storedSemesters(db);
      const cal = createSchoolCalendar({ semesters: stored });
      const names = new Map(
        db
          .all(db.q.selectFrom('semesters').select(['academic_year', 'term', 'name']))
          .map((s) => [`${s.academic_year}#${s.term}`, s.name]),
      );
      let years = academicYears;
      if (!years || !years.length) {
        const current = cal.academicYearOf(ctx.now().toISOString().slice(0, 10));
        const y = Number(current.slice(0, 4));
        const set = new Set([`${y - 1}-${y}`, current, `${y + 1}-${y + 2}`, ...stored.map((s) => s.academicYear)]);
        years = [...set].sort();
      }
      return years.flatMap((ay) =>
        ([1, 2] as const).map((term) => {
          const s = cal.semester(ay, term);
          const key = `${ay}#${term}`;
          return {
            academicYear: ay,
            term,
            name: names.get(key) || `${ay}学年${term === 1 ? '第一' : '第二'}学期`,
            start: s.start,
            end: s.end,
            stored: names.has(key),
          };
        }),
      );
    },

    'semesters.save': (s: ParsedInput<'semesters.save'>): Semester =>
      db.tx(() => {
        const [y0, y1] = s.academicYear.split('-').map(Number);
        if (y1 !== y0! + 1) throw new LedgerError('INVALID_INPUT', '「学年」应为相连的两个年份，如“2025-2026”');
        if (s.end < s.start) throw new LedgerError('INVALID_INPUT', '「结束日期」不能早于「开始日期」');
        const name = s.name || `${s.academicYear}学年${s.term === 1 ? '第一' : '第二'}学期`;
        const before = db.first(
          db.q
            .selectFrom('semesters')
            .selectAll()
            .where('academic_year', '=', s.academicYear)
            .where('term', '=', s.term),
        );
        db.run(
          db.q
            .insertInto('semesters')
            .values({ academic_year: s.academicYear, term: s.term, name, start_date: s.start, end_date: s.end })
            .onConflict((c) =>
              c.columns(['academic_year', 'term']).doUpdateSet({ name, start_date: s.start, end_date: s.end }),
            ),
        );
        const row = db.first(
          db.q
            .selectFrom('semesters')
            .selectAll()
            .where('academic_year', '=', s.academicYear)
            .where('term', '=', s.term),
        )!;
        appendAudit(ctx, {
          action: before ? 'update' : 'create',
          table: 'semesters',
          rowId: row.id,
          before,
          after: row,
        });
        return { academicYear: s.academicYear, term: s.term, name, start: s.start, end: s.end, stored: true };
      }),
  };
}
