// 词汇: the institution's own words for activity types and contact-object categories.
import { z } from './zod-zh';
import { method } from './method';
import { id } from '../domain/fields';

const word = z
  .string({ error: '必须是文字' })
  .trim()
  .min(1, { error: '不能为空' })
  .max(40, { error: '不能超过40个字' });

export const vocabulary = z.object({
  activityTypes: z.array(z.object({ id, name: z.string() })),
  objectCategories: z.array(z.object({ id, name: z.string(), kind: z.enum(['unit', 'person']) })),
});
export type Vocabulary = z.infer<typeof vocabulary>;

export const vocabularyMethods = {
  'vocabulary.get': method('读取活动类型和对象类别', z.object({}).strict(), vocabulary),
  'vocabulary.addActivityType': method(
    '新增活动类型',
    z.object({ name: word.describe('类型') }).strict(),
    z.object({ id, name: z.string() }),
  ),
  'vocabulary.addObjectCategory': method(
    '新增对象类别',
    z
      .object({
        name: word.describe('类别'),
        kind: z.enum(['unit', 'person']).default('person').describe('单位或个人'),
      })
      .strict(),
    z.object({ id, name: z.string(), kind: z.enum(['unit', 'person']) }),
  ),
};
