// 单位 methods.
import { z } from './zod-zh';
import { method } from './method';
import { id } from '../domain/fields';
import { unit, unitInput, unitPatch } from '../domain/unit';

export const unitMethods = {
  'units.list': method('列出单位', z.object({}).strict(), z.array(unit)),
  'units.create': method('新增单位', unitInput.strict(), unit),
  'units.update': method(
    '修改单位',
    z.object({ id: id.describe('单位编号'), patch: unitPatch.strict() }).strict(),
    unit,
  ),
  /** Returns the deleted row so that the UI can offer 撤销 (restore). */
  'units.delete': method('删除单位', z.object({ id: id.describe('单位编号') }).strict(), unit),
  'units.restore': method('恢复已删除的单位', unit.strict(), unit),
};
