// Where the workbook's words meet the ledger's controlled vocabularies. A value not on the ledger's list is
// refused with the list of allowed values, never added silently (workbook.md): a mistyped 听客 must not become
// a new activity type that no rule counts, nor 正处级 a level no rule names. The user may map a value the
// file uses to one the list holds (正处级 → 处级); the app asks (workbook.unknownValues), the CLI takes --map.
import type { VocabularyMapping, UnknownValue } from '../../../shared/api/workbook';
import { VOCABULARY_LABELS, VOCABULARY_LISTS, type VocabularyList } from '../../../shared/domain/vocabulary';
import { LedgerError } from '../../../shared/errors';
import type { ServiceContext } from '../context';
import { listTerms } from '../vocabulary';
import { listOf, textOf } from './cells';
import type { Cell, LedgerSheets } from './sheets';

export type VocabularyHit = { id: number } | { error: string };
export type ValueHit = { name: string } | { error: string };

export interface WorkbookVocabulary {
  /** 联系记录「类型」 and the type named in a 督办事项's 来源. */
  activityType(text: string): VocabularyHit;
  activityTypeName(id: number): string | undefined;
  /** A 级别, 角色, 单位类别 or 对象类别 as the ledger names it; an empty value stays empty. */
  value(list: Exclude<VocabularyList, 'activityTypes'>, text: string): ValueHit;
}

/** Where a list's values sit in the workbook, for the message that asks to map them. */
const COLUMNS: Record<VocabularyList, string> = {
  levels: '「干部」表的“级别”',
  roles: '「干部」表的“角色”',
  activityTypes: '「联系记录」表的“类型”',
  objectCategories: '「联系对象」表的“类别”',
  unitCategories: '「单位」表的“类别”',
};

function unknownMessage(list: VocabularyList, text: string, allowed: string[]): string {
  const label = VOCABULARY_LABELS[list];
  if (!allowed.length)
    return list === 'activityTypes'
      ? `本台账还没有活动类型，“${text}”无法识别：请先在「制度」中载入制度预设（会带入其活动类型），或在「设置」中添加活动类型`
      : `本台账的${label}列表还是空的，“${text}”无法识别：请先在「设置 → 词汇」中添加${label}`;
  return `“${text}”不是本台账的${label}，应为以下之一：${allowed.join('、')}（可在导入时把它对应到其中之一，或先在「设置 → 词汇」中添加）`;
}

/** Checks the mappings against the lists: each maps a value to one the list holds. */
function mappingsByList(
  mappings: readonly VocabularyMapping[],
  lists: Map<VocabularyList, string[]>,
): Map<VocabularyList, Map<string, string>> {
  const out = new Map<VocabularyList, Map<string, string>>(VOCABULARY_LISTS.map((l) => [l, new Map()]));
  for (const m of mappings) {
    const allowed = lists.get(m.list)!;
    if (!allowed.includes(m.to))
      throw new LedgerError(
        'INVALID_INPUT',
        `「对应到」“${m.to}”不在本台账的${VOCABULARY_LABELS[m.list]}列表中，无法把“${m.from}”对应过去。可选：${allowed.join('、') || '（列表为空）'}`,
      );
    out.get(m.list)!.set(m.from, m.to);
  }
  return out;
}

export function workbookVocabulary(
  ctx: ServiceContext,
  mappings: readonly VocabularyMapping[] = [],
): WorkbookVocabulary {
  const types = listTerms(ctx.db, 'activityTypes');
  const lists = new Map<VocabularyList, string[]>(
    VOCABULARY_LISTS.map((l) => [
      l,
      l === 'activityTypes' ? types.map((t) => t.name) : listTerms(ctx.db, l).map((t) => t.name),
    ]),
  );
  const sets = new Map([...lists].map(([l, names]) => [l, new Set(names)]));
  const mapped = mappingsByList(mappings, lists);
  const byName = new Map(types.map((t) => [t.name, t.id]));
  const byId = new Map(types.map((t) => [t.id, t.name]));
  return {
    activityType(text) {
      const id = byName.get(mapped.get('activityTypes')!.get(text) ?? text);
      if (id !== undefined) return { id };
      return { error: unknownMessage('activityTypes', text, lists.get('activityTypes')!) };
    },
    activityTypeName: (id) => byId.get(id),
    value(list, text) {
      if (text === '') return { name: '' };
      const name = mapped.get(list)!.get(text) ?? text;
      if (sets.get(list)!.has(name)) return { name };
      return { error: unknownMessage(list, text, lists.get(list)!) };
    },
  };
}

/**
 * Every value the workbook uses that the ledger's lists lack, with how many rows use it: what the app asks
 * the user to map before importing. Values in rows the import would skip are included (cheap, harmless).
 */
export function unknownWorkbookValues(ctx: ServiceContext, sheets: LedgerSheets): UnknownValue[] {
  const lists = new Map(VOCABULARY_LISTS.map((l) => [l, listTerms(ctx.db, l).map((t) => t.name)]));
  const found = new Map<string, UnknownValue>();
  const see = (list: VocabularyList, raw: string) => {
    const value = raw.trim();
    if (!value || lists.get(list)!.includes(value)) return;
    const key = `${list}\u0000${value}`;
    const hit = found.get(key);
    if (hit) hit.rows++;
    else
      found.set(key, {
        list,
        label: VOCABULARY_LABELS[list],
        where: COLUMNS[list],
        value,
        rows: 1,
        allowed: lists.get(list)!,
      });
  };
  const rows = (s: unknown[]) => s as Record<string, Cell>[];
  for (const r of rows(sheets.units)) see('unitCategories', textOf(r.category));
  for (const r of rows(sheets.cadres)) {
    see('levels', textOf(r.level));
    for (const role of listOf(r.roles)) see('roles', role);
  }
  for (const r of rows(sheets.objects)) see('objectCategories', textOf(r.category));
  for (const r of rows(sheets.records)) see('activityTypes', textOf(r.type));
  return [...found.values()];
}
