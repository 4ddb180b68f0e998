// 干部 methods: the roster.
import { z } from './zod-zh';
import { method } from './method';
import { id } from '../domain/fields';
import { cadre, cadreInput, cadrePatch } from '../domain/cadre';

export const cadreMethods = {
  'cadres.list': method('列出干部', z.object({}).strict(), z.array(cadre)),
  'cadres.create': method('新增干部', cadreInput, cadre),
  'cadres.update': method('修改干部', z.object({ id: id.describe('干部编号'), patch: cadrePatch }).strict(), cadre),
  /** Returns the deleted row so that the UI can offer 撤销 (restore). */
  'cadres.delete': method('删除干部', z.object({ id: id.describe('干部编号') }).strict(), cadre),
  'cadres.restore': method('恢复已删除的干部', cadre.strict(), cadre),
  /** Finds cadres by name, pinyin initials ("zs") or full pinyin ("zhangs"), with the part that matched. */
  'cadres.search': method(
    '查找干部',
    z
      .object({
        q: z
          .string()
          .trim()
          .min(1, { error: '请输入要查找的姓名或拼音' })
          .max(40, { error: '不能超过40个字' })
          .describe('查找'),
        limit: z.number().int().min(1).max(200).default(20),
      })
      .strict(),
    z.array(z.object({ cadre, highlight: z.tuple([z.number().int(), z.number().int()]) })),
  ),
};
