// 领导干部: a cadre on the roster, with the roles (角色) the rules filter on and the term of office.
import { z } from '../api/zod-zh';
import { id, line, name, optionalTermDate } from './fields';

export const role = z
  .string({ error: '角色必须是文字' })
  .trim()
  .min(1, { error: '角色不能为空' })
  .max(40, { error: '角色不能超过40个字' });

const f = {
  name: name.describe('姓名'),
  title: line.describe('职务'),
  level: line.describe('级别'),
  roles: z.array(role).max(30, { error: '角色不能超过30个' }).describe('角色'),
  unitId: id.nullable().describe('所在单位'),
  partyMember: z.boolean({ error: '只能是“是”或“否”' }).describe('党员'),
  termStart: optionalTermDate.describe('任职开始'),
  termEnd: optionalTermDate.describe('任职结束'),
  note: line.describe('备注'),
};

export function termInOrder(c: { termStart?: string | null; termEnd?: string | null }): boolean {
  return !c.termStart || !c.termEnd || c.termStart <= c.termEnd;
}
export const TERM_ORDER_MESSAGE = '任职结束不能早于任职开始';

export const cadreInput = z
  .object({
    name: f.name,
    title: f.title.default(''),
    level: f.level.default(''),
    roles: f.roles.default([]),
    unitId: f.unitId.default(null),
    partyMember: f.partyMember.default(true),
    termStart: f.termStart.default(null),
    termEnd: f.termEnd.default(null),
    note: f.note.default(''),
  })
  .strict()
  .refine(termInOrder, { error: TERM_ORDER_MESSAGE, path: ['termEnd'] });

/** A change to some fields of one cadre; the term order is checked against the stored row. */
export const cadrePatch = z.object(f).partial().strict();

export const cadre = z.object({
  id,
  name: z.string(),
  title: z.string(),
  level: z.string(),
  roles: z.array(z.string()),
  unitId: id.nullable(),
  unitName: z.string().nullable(),
  partyMember: z.boolean(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  note: z.string(),
});

export type CadreInput = z.input<typeof cadreInput>;
export type CadrePatch = z.input<typeof cadrePatch>;
export type Cadre = z.infer<typeof cadre>;
