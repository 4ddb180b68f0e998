// 单位: a college, department, town, village, enterprise … that cadres belong to or contact.
import { z } from '../api/zod-zh';
import { id, line, name } from './fields';

const f = {
  name: name.describe('名称'),
  category: line.describe('类别'),
  parentId: id.nullable().describe('上级单位'),
  note: line.describe('备注'),
};

export const unitInput = z.object({
  name: f.name,
  category: f.category.default(''),
  parentId: f.parentId.default(null),
  note: f.note.default(''),
});

/** A change to some fields of one unit: absent fields stay as they are. */
export const unitPatch = z.object(f).partial();

export const unit = z.object({
  id,
  name: z.string(),
  category: z.string(),
  parentId: id.nullable(),
  parentName: z.string().nullable(),
  note: z.string(),
});

export type UnitInput = z.input<typeof unitInput>;
export type UnitPatch = z.input<typeof unitPatch>;
export type Unit = z.infer<typeof unit>;
