// Where the workbook's words meet the ledger's controlled vocabularies. A value not on the ledger's list is
// refused with the list of allowed values, never added silently (workbook.md): a mistyped 听客 must not become
// a new activity type that no rule counts. One place, so that a mapping (同义词 → 本台账的词) can be added here.
import type { ServiceContext } from '../context';

export type VocabularyHit = { id: number } | { error: string };

export interface WorkbookVocabulary {
  /** 联系记录「类型」 and the type named in a 督办事项's 来源. */
  activityType(text: string): VocabularyHit;
  activityTypeName(id: number): string | undefined;
}

export function workbookVocabulary(ctx: ServiceContext): WorkbookVocabulary {
  const rows = ctx.db.sqlite.prepare('SELECT id, name FROM activity_types ORDER BY sort, id').all() as {
    id: number;
    name: string;
  }[];
  const byName = new Map(rows.map((t) => [t.name, t.id]));
  const byId = new Map(rows.map((t) => [t.id, t.name]));
  const allowed = rows.map((t) => t.name).join('、');
  return {
    activityType(text) {
      const id = byName.get(text);
      if (id !== undefined) return { id };
      if (!rows.length)
        return {
          error: `本台账还没有活动类型，“${text}”无法识别：请先在「制度」中载入制度预设（会带入其活动类型），或在「设置」中添加活动类型`,
        };
      return {
        error: `“${text}”不是本台账的活动类型，应为以下之一：${allowed}（如确需新的类型，请先在「设置」中添加）`,
      };
    },
    activityTypeName: (id) => byId.get(id),
  };
}
