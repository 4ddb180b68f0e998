// 词汇: the institution's own lists — 级别, 角色, 活动类型, 对象类别, 单位类别. Values are picked from them,
// never made up on the way in; a rename carries every use along (roster, units, objects, records, rules of
// every year), each changed row audited, so that data and rules keep meaning the same thing.
import type { ParsedInput } from '../../shared/api/contract';
import type {
  RenameResult,
  RuleWarning,
  Vocabulary,
  VocabularyListState,
  VocabularyTerm,
} from '../../shared/api/vocabulary';
import {
  VOCABULARY_LABELS,
  VOCABULARY_LISTS,
  renameInRule,
  ruleVocabularyRefs,
  type VocabularyList,
  type VocabularySeed,
} from '../../shared/domain/vocabulary';
import { LedgerError } from '../../shared/errors';
import { cadreMatches } from '../../shared/rules/evaluate';
import { readRule, type Rule } from '../../shared/rules/schema';
import { appendAudit, auditWriter } from './audit';
import { loadRoster } from './locked-roster';
import { labelChange } from './changes';
import type { ServiceContext } from './context';
import type { Db } from './db/db';
import { assertNameKept } from './year-lock';

type TermList = 'levels' | 'roles' | 'unitCategories';
const isTermList = (l: VocabularyList): l is TermList => l === 'levels' || l === 'roles' || l === 'unitCategories';

/** The values of one list, in the institution's order. */
export function listTerms(db: Db, list: VocabularyList): (VocabularyTerm & { kind?: 'unit' | 'person' })[] {
  if (list === 'activityTypes')
    return db.all(db.q.selectFrom('activity_types').select(['id', 'name']).orderBy('sort').orderBy('id'));
  if (list === 'objectCategories')
    return db.all(db.q.selectFrom('object_categories').select(['id', 'name', 'kind']).orderBy('sort').orderBy('id'));
  return db.all(
    db.q.selectFrom('vocabulary_terms').select(['id', 'name']).where('list', '=', list).orderBy('sort').orderBy('id'),
  );
}

export function listValues(db: Db, list: VocabularyList): Set<string> {
  return new Set(listTerms(db, list).map((t) => t.name));
}

/** The message for a value the list does not hold: names the field and every allowed value. */
export function notListedMessage(list: VocabularyList, value: string, allowed: Iterable<string>): string {
  const label = VOCABULARY_LABELS[list];
  const all = [...allowed];
  return all.length
    ? `“${value}”不在本单位的${label}列表中。可选：${all.join('、')}。如确需新的${label}，请先在“设置 → 词汇”中添加`
    : `本单位的${label}列表还是空的，“${value}”无从选择。请先在“设置 → 词汇”中添加${label}`;
}

/**
 * Refuses a value the list does not hold (an empty value passes: 级别 and 类别 may be left blank), naming
 * the field as the form shows it.
 */
export function assertListed(db: Db, list: VocabularyList, values: readonly string[], field: string): void {
  const wanted = values.filter((v) => v !== '');
  if (!wanted.length) return;
  const allowed = listValues(db, list);
  const bad = wanted.find((v) => !allowed.has(v));
  if (bad === undefined) return;
  const message = notListedMessage(list, bad, allowed);
  throw new LedgerError('INVALID_INPUT', `「${field}」${message}`, [{ path: [field], field, message, value: bad }]);
}

/**
 * Adds the values a list lacks, after the ones it has, in the order given (starting a regulation from a
 * preset, the demo's own lists). Returns how many were added; each addition is audited.
 */
export function seedVocabulary(ctx: ServiceContext, seed: Partial<VocabularySeed>): number {
  const { db } = ctx;
  let added = 0;
  return db.tx(() => {
    for (const list of VOCABULARY_LISTS) {
      const wanted = seed[list];
      if (!wanted?.length) continue;
      const have = listValues(db, list);
      for (const w of wanted) {
        const name = typeof w === 'string' ? w : w.name;
        if (!name.trim() || have.has(name)) continue;
        have.add(name);
        insertTerm(ctx, list, name, typeof w === 'string' ? undefined : w.kind);
        added++;
      }
    }
    return added;
  });
}

function nextSort(db: Db, list: VocabularyList): number {
  const sql =
    list === 'activityTypes'
      ? 'SELECT coalesce(max(sort), -1) + 1 AS n FROM activity_types'
      : list === 'objectCategories'
        ? 'SELECT coalesce(max(sort), -1) + 1 AS n FROM object_categories'
        : 'SELECT coalesce(max(sort), -1) + 1 AS n FROM vocabulary_terms WHERE list = ?';
  const st = db.prepare(sql);
  return (isTermList(list) ? (st.get(list) as { n: number }) : (st.get() as { n: number })).n;
}

function insertTerm(
  ctx: ServiceContext,
  list: VocabularyList,
  name: string,
  kind?: 'unit' | 'person',
): VocabularyTerm & { kind?: 'unit' | 'person' } {
  const { db } = ctx;
  const sort = nextSort(db, list);
  let id: number;
  let table: string;
  if (list === 'activityTypes') {
    table = 'activity_types';
    id = Number(db.run(db.q.insertInto('activity_types').values({ name, note: '', sort })).lastInsertRowid);
  } else if (list === 'objectCategories') {
    table = 'object_categories';
    id = Number(
      db.run(db.q.insertInto('object_categories').values({ name, kind: kind ?? 'person', sort })).lastInsertRowid,
    );
  } else {
    table = 'vocabulary_terms';
    id = Number(db.run(db.q.insertInto('vocabulary_terms').values({ list, name, sort, note: '' })).lastInsertRowid);
  }
  const row = { id, name, ...(list === 'objectCategories' ? { kind: kind ?? 'person' } : {}) };
  appendAudit(ctx, { action: 'create', table, rowId: id, after: { list, ...row } });
  return row;
}

// ———————————————————————————————————— uses ————————————————————————————————————

interface StoredRuleBody {
  id: number;
  year: number;
  body: string;
}

function ruleBodies(db: Db, year?: number): StoredRuleBody[] {
  let q = db.q.selectFrom('rules').select(['id', 'year', 'body']);
  if (year !== undefined) q = q.where('year', '=', year);
  return db.all(q.orderBy('id'));
}

function parseBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** How many cadres, units, objects or records carry each value of a list. */
function dataUses(db: Db, list: VocabularyList): Map<string, number> {
  const sql: Record<VocabularyList, string> = {
    levels: 'SELECT level AS name, count(*) AS n FROM cadres GROUP BY level',
    roles: 'SELECT role AS name, count(*) AS n FROM cadre_roles GROUP BY role',
    unitCategories: 'SELECT category AS name, count(*) AS n FROM units GROUP BY category',
    objectCategories: 'SELECT category AS name, count(*) AS n FROM contact_objects GROUP BY category',
    activityTypes:
      'SELECT t.name AS name, count(r.id) AS n FROM activity_types t JOIN records r ON r.activity_type_id = t.id GROUP BY t.id',
  };
  return new Map((db.prepare(sql[list]).all() as { name: string; n: number }[]).map((r) => [r.name, r.n]));
}

/** Rules (any year) naming each value, per list. */
function ruleUses(db: Db): Map<VocabularyList, Map<string, number>> {
  const out = new Map<VocabularyList, Map<string, number>>(VOCABULARY_LISTS.map((l) => [l, new Map()]));
  for (const r of ruleBodies(db)) {
    const seen = new Set<string>();
    for (const ref of ruleVocabularyRefs(parseBody(r.body))) {
      const key = `${ref.list}\u0000${ref.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const m = out.get(ref.list)!;
      m.set(ref.value, (m.get(ref.value) ?? 0) + 1);
    }
  }
  return out;
}

// ———————————————————————————————————— rename ————————————————————————————————————

function findTerm(db: Db, list: VocabularyList, name: string) {
  return listTerms(db, list).find((t) => t.name === name);
}

function rename(ctx: ServiceContext, input: ParsedInput<'vocabulary.rename'>): RenameResult {
  const { db } = ctx;
  const { list, from, to } = input;
  const label = VOCABULARY_LABELS[list];
  if (from === to) throw new LedgerError('INVALID_INPUT', `「新名称」与原名称相同，没有改动`);
  return db.tx(() => {
    const old = findTerm(db, list, from);
    if (!old) {
      const all = [...listValues(db, list)];
      throw new LedgerError(
        'NOT_FOUND',
        `「原名称」本单位的${label}列表中没有“${from}”。${all.length ? `现有：${all.join('、')}` : '列表是空的'}`,
      );
    }
    const target = findTerm(db, list, to);
    if (target && !input.merge)
      throw new LedgerError(
        'CONFLICT',
        `「新名称」${label}列表中已有“${to}”。如要把“${from}”并入“${to}”（凡用“${from}”的都改为“${to}”），请选择合并`,
      );
    // A value the records of a locked year carry keeps its name there (and a type or category its count).
    assertNameKept(
      ctx,
      {
        ...(list === 'activityTypes' ? { table: 'activity_types' as const, id: old.id } : { list, value: from }),
        noun: label,
        name: from,
      },
      to,
      target ? '合并' : '改名',
    );
    const audit = auditWriter(ctx);
    const at = ctx.now().toISOString();
    const result: RenameResult = {
      list,
      from,
      to,
      merged: !!target,
      cadres: 0,
      units: 0,
      objects: 0,
      records: 0,
      rules: 0,
    };

    // The list itself.
    if (list === 'activityTypes') {
      if (target) {
        const ids = db.all(db.q.selectFrom('records').select('id').where('activity_type_id', '=', old.id));
        for (const { id } of ids) {
          db.run(db.q.updateTable('records').set({ activity_type_id: target.id, updated_at: at }).where('id', '=', id));
          audit({
            action: 'update',
            table: 'records',
            rowId: id,
            before: { activityTypeId: old.id, activityType: from },
            after: { activityTypeId: target.id, activityType: to },
          });
        }
        result.records = ids.length;
        db.run(db.q.deleteFrom('activity_types').where('id', '=', old.id));
      } else {
        db.run(db.q.updateTable('activity_types').set({ name: to }).where('id', '=', old.id));
        // Records point at the type by id: every one of them now reads the new name.
        result.records = dataUses(db, 'activityTypes').get(to) ?? 0;
      }
    } else if (list === 'objectCategories') {
      if (target) db.run(db.q.deleteFrom('object_categories').where('id', '=', old.id));
      else db.run(db.q.updateTable('object_categories').set({ name: to }).where('id', '=', old.id));
    } else {
      if (target) db.run(db.q.deleteFrom('vocabulary_terms').where('id', '=', old.id));
      else db.run(db.q.updateTable('vocabulary_terms').set({ name: to }).where('id', '=', old.id));
    }

    // The rows that carry the value by name.
    if (list === 'levels') {
      const ids = db.all(db.q.selectFrom('cadres').select('id').where('level', '=', from));
      for (const { id } of ids) {
        db.run(db.q.updateTable('cadres').set({ level: to, updated_at: at }).where('id', '=', id));
        audit({ action: 'update', table: 'cadres', rowId: id, before: { level: from }, after: { level: to } });
      }
      result.cadres = ids.length;
    } else if (list === 'roles') {
      const ids = db.all(db.q.selectFrom('cadre_roles').select('cadre_id').where('role', '=', from));
      for (const { cadre_id: id } of ids) {
        const before = (
          db.prepare('SELECT role FROM cadre_roles WHERE cadre_id = ? ORDER BY rowid').all(id) as { role: string }[]
        ).map((r) => r.role);
        const after = [...new Set(before.map((r) => (r === from ? to : r)))];
        db.run(db.q.deleteFrom('cadre_roles').where('cadre_id', '=', id));
        for (const role of after) db.run(db.q.insertInto('cadre_roles').values({ cadre_id: id, role }));
        db.run(db.q.updateTable('cadres').set({ updated_at: at }).where('id', '=', id));
        audit({ action: 'update', table: 'cadres', rowId: id, before: { roles: before }, after: { roles: after } });
      }
      result.cadres = ids.length;
    } else if (list === 'unitCategories') {
      const ids = db.all(db.q.selectFrom('units').select('id').where('category', '=', from));
      for (const { id } of ids) {
        db.run(db.q.updateTable('units').set({ category: to, updated_at: at }).where('id', '=', id));
        audit({ action: 'update', table: 'units', rowId: id, before: { category: from }, after: { category: to } });
      }
      result.units = ids.length;
    } else if (list === 'objectCategories') {
      const rows = db.all(
        db.q.selectFrom('contact_objects').select(['id', 'name', 'unit_id']).where('category', '=', from),
      );
      for (const o of rows) {
        const clash = db.first(
          db.q
            .selectFrom('contact_objects')
            .select('id')
            .where('name', '=', o.name)
            .where('category', '=', to)
            .where((e) => (o.unit_id === null ? e('unit_id', 'is', null) : e('unit_id', '=', o.unit_id))),
        );
        if (clash)
          throw new LedgerError(
            'CONFLICT',
            `联系对象“${o.name}”在“${from}”和“${to}”下各有一个，合并后会重名。请先删除或改名其中一个，再合并`,
          );
        db.run(db.q.updateTable('contact_objects').set({ category: to, updated_at: at }).where('id', '=', o.id));
        audit({
          action: 'update',
          table: 'contact_objects',
          rowId: o.id,
          before: { category: from },
          after: { category: to },
        });
      }
      result.objects = rows.length;
    }

    // Rules of every year, locked ones included: a locked year's rules would otherwise name a value that
    // no longer exists and match nothing, which changes its figures; the rename keeps their meaning.
    for (const r of ruleBodies(db)) {
      const body = parseBody(r.body);
      if (!body) continue;
      const next = renameInRule(body, list, from, to);
      if (!next.changed) continue;
      db.run(
        db.q
          .updateTable('rules')
          .set({ body: JSON.stringify(next.body), updated_at: at })
          .where('id', '=', r.id),
      );
      audit({ action: 'update', table: 'rules', rowId: r.id, before: { [list]: from }, after: { [list]: to } });
      result.rules++;
    }

    labelChange(ctx, target ? `把${label}“${from}”并入“${to}”` : `把${label}“${from}”改名为“${to}”`);
    audit({
      action: target ? 'merge' : 'rename',
      table: 'vocabulary',
      rowId: target ? target.id : old.id,
      before: { list, name: from },
      after: { ...result },
    });
    return result;
  });
}

// ———————————————————————————————————— rule checks ————————————————————————————————————

/** Describes a cadre filter the way the warning names it: 级别：处级；角色：学院书记、院长. */
function filterText(f: Rule['who']['cadres']): string {
  const parts: string[] = [];
  if (f.levels?.length) parts.push(`级别：${f.levels.join('、')}`);
  if (f.roles?.length) parts.push(`角色：${f.roles.join('、')}`);
  const x = f.except;
  if (x?.levels?.length) parts.push(`不含级别：${x.levels.join('、')}`);
  if (x?.roles?.length) parts.push(`不含角色：${x.roles.join('、')}`);
  if (x?.unitCategories?.length) parts.push(`不含单位类别：${x.unitCategories.join('、')}`);
  if (x?.unitIds?.length) parts.push(`不含${x.unitIds.length}个指定单位`);
  if (f.unitCategories?.length) parts.push(`所在单位类别：${f.unitCategories.join('、')}`);
  if (f.partyMember !== undefined) parts.push(f.partyMember ? '党员' : '非党员');
  return parts.join('；') || '全体干部';
}

/** One of ruleWarnings' findings, without the stored rule it belongs to (a rule being written has none yet). */
export type RuleBodyWarning = Omit<RuleWarning, 'ruleId' | 'code' | 'clause' | 'title'>;

/**
 * A checker of rule bodies against the institution's lists and roster as they stand (read once): a value no list
 * holds; a cadre-filter value no cadre carries; a rule that applies to no cadre (or, for a unit duty, to no
 * unit). An empty roster gives no roster warnings (nothing has been entered yet). The 制度 page checks the stored
 * rules with it, the rule editor's preview the rule being written.
 */
export function ruleChecker(db: Db): (body: Rule) => RuleBodyWarning[] {
  const lists = new Map(VOCABULARY_LISTS.map((l) => [l, listValues(db, l)]));
  const { cadres, units } = loadRoster(db);
  const unitCategory = new Map(units.map((u) => [u.id, u.category]));
  const categoryOf = (unitId: string) => unitCategory.get(unitId);
  const carried = {
    levels: new Set(cadres.map((c) => c.level)),
    roles: new Set(cadres.flatMap((c) => c.roles)),
    unitCategories: new Set(cadres.map((c) => (c.unitId && categoryOf(c.unitId)) || '')),
  };
  return (body) => {
    const out: RuleBodyWarning[] = [];
    const named = new Set<string>();
    for (const ref of ruleVocabularyRefs(body)) {
      const key = `${ref.list}\u0000${ref.value}`;
      if (named.has(key)) continue;
      named.add(key);
      if (!lists.get(ref.list)!.has(ref.value))
        out.push({
          problem: 'unknownValue',
          list: ref.list,
          value: ref.value,
          message: `要求中的${VOCABULARY_LABELS[ref.list]}“${ref.value}”不在本单位的${VOCABULARY_LABELS[ref.list]}列表中，这一条件永远不会满足`,
        });
    }
    const who = body.who ?? { scope: 'cadre', cadres: {} };
    if (who.scope === 'unit') {
      const cats = who.unitCategories ?? [];
      if (units.length && !units.some((u) => !cats.length || cats.includes(u.category)))
        out.push({
          problem: 'noUnit',
          message: `没有一个单位属于“${cats.join('、')}”，这条要求不会考核任何单位`,
        });
      return out;
    }
    if (who.scope !== 'cadre' || !cadres.length) return out;
    const f = who.cadres ?? {};
    for (const [list, values] of [
      ['levels', f.levels],
      ['roles', f.roles],
      ['unitCategories', f.unitCategories],
    ] as const) {
      for (const v of values ?? [])
        if (lists.get(list)!.has(v) && !carried[list].has(v))
          out.push({
            problem: 'noCadre',
            list,
            value: v,
            message: `名册中没有${list === 'unitCategories' ? '所在单位类别为' : `${VOCABULARY_LABELS[list]}为`}“${v}”的干部，适用对象中的这一项对不上任何人`,
          });
    }
    const matching = cadres.filter((c) => cadreMatches(f, c, categoryOf));
    if (!matching.length)
      out.push({
        problem: 'noCadre',
        message: `名册中没有一位干部符合适用对象（${filterText(f)}），这条要求不会考核任何人`,
      });
    return out;
  };
}

/** What is wrong between a year's enabled rules and the institution's lists and roster (see ruleChecker). */
export function ruleWarnings(db: Db, year: number): RuleWarning[] {
  const rows = db.all(
    db.q
      .selectFrom('rules')
      .select(['id', 'clause', 'title', 'body'])
      .where('year', '=', year)
      .where('enabled', '=', 1)
      .orderBy('regulation_id')
      .orderBy('sort')
      .orderBy('id'),
  );
  const check = ruleChecker(db);
  const out: RuleWarning[] = [];
  for (const row of rows) {
    const raw = parseBody(row.body);
    // Read as the engine reads it: the first model's spellings (excludeRoles) become today's.
    const body = raw ? readRule(raw) : null;
    if (!body) continue;
    const base = { ruleId: row.id, code: String(body.id ?? ''), clause: row.clause, title: row.title };
    for (const w of check(body)) out.push({ ...base, ...w });
  }
  return out;
}

// ———————————————————————————————————— handlers ————————————————————————————————————

export function vocabularyHandlers(ctx: ServiceContext) {
  const { db } = ctx;
  const add = (list: VocabularyList, name: string, kind?: 'unit' | 'person') =>
    db.tx(() => {
      if (listValues(db, list).has(name))
        throw new LedgerError('CONFLICT', `「名称」${VOCABULARY_LABELS[list]}列表中已有“${name}”`);
      labelChange(ctx, `新增${VOCABULARY_LABELS[list]}“${name}”`);
      return insertTerm(ctx, list, name, kind);
    });
  return {
    'vocabulary.get': (): Vocabulary => ({
      levels: listTerms(db, 'levels'),
      roles: listTerms(db, 'roles'),
      activityTypes: listTerms(db, 'activityTypes'),
      objectCategories: listTerms(db, 'objectCategories') as Vocabulary['objectCategories'],
      unitCategories: listTerms(db, 'unitCategories'),
    }),

    'vocabulary.lists': (): VocabularyListState[] => {
      const inRules = ruleUses(db);
      return VOCABULARY_LISTS.map((list) => {
        const uses = dataUses(db, list);
        return {
          list,
          label: VOCABULARY_LABELS[list],
          terms: listTerms(db, list).map((t) => ({
            ...t,
            uses: uses.get(t.name) ?? 0,
            ruleUses: inRules.get(list)!.get(t.name) ?? 0,
          })),
        };
      });
    },

    'vocabulary.add': ({ list, name, kind }: ParsedInput<'vocabulary.add'>) => {
      if (kind && list !== 'objectCategories')
        throw new LedgerError('INVALID_INPUT', '「单位或个人」只有对象类别才需要填写');
      return add(list, name, list === 'objectCategories' ? (kind ?? 'person') : undefined);
    },

    'vocabulary.rename': (input: ParsedInput<'vocabulary.rename'>): RenameResult => rename(ctx, input),

    'vocabulary.remove': ({ list, name }: ParsedInput<'vocabulary.remove'>): VocabularyTerm =>
      db.tx(() => {
        const label = VOCABULARY_LABELS[list];
        const t = findTerm(db, list, name);
        if (!t) throw new LedgerError('NOT_FOUND', `「名称」${label}列表中没有“${name}”`);
        const uses = dataUses(db, list).get(name) ?? 0;
        const rules = ruleUses(db).get(list)!.get(name) ?? 0;
        if (uses || rules) {
          const what = {
            levels: '位干部',
            roles: '位干部',
            unitCategories: '个单位',
            objectCategories: '个联系对象',
            activityTypes: '条联系记录',
          }[list];
          const parts = [uses ? `${uses}${what}` : '', rules ? `${rules}条要求` : ''].filter(Boolean);
          throw new LedgerError(
            'IN_USE',
            `${label}“${name}”还有${parts.join('和')}在用，不能删除。可以把它改名，或合并到另一个${label}`,
          );
        }
        const table =
          list === 'activityTypes'
            ? 'activity_types'
            : list === 'objectCategories'
              ? 'object_categories'
              : 'vocabulary_terms';
        db.run(db.q.deleteFrom(table).where('id', '=', t.id));
        labelChange(ctx, `删除${label}“${name}”`);
        appendAudit(ctx, { action: 'delete', table, rowId: t.id, before: { list, name } });
        return { id: t.id, name: t.name };
      }),

    'vocabulary.checkRules': ({ year }: ParsedInput<'vocabulary.checkRules'>): RuleWarning[] => ruleWarnings(db, year),

    'vocabulary.addActivityType': ({ name }: ParsedInput<'vocabulary.addActivityType'>) =>
      add('activityTypes', name) as { id: number; name: string },

    'vocabulary.addObjectCategory': ({ name, kind }: ParsedInput<'vocabulary.addObjectCategory'>) =>
      add('objectCategories', name, kind) as { id: number; name: string; kind: 'unit' | 'person' },
  };
}
