// 联系点 methods: the contact points of one year.
import { z } from './zod-zh';
import { method } from './method';
import { id, year } from '../domain/fields';
import { assignment, assignmentInput, assignmentPatch } from '../domain/assignment';

export const assignmentMethods = {
  'assignments.list': method('列出联系点', z.object({ year: year.describe('年度') }).strict(), z.array(assignment)),
  'assignments.create': method('新增联系点', assignmentInput, assignment),
  'assignments.update': method(
    '修改联系点',
    z.object({ id: id.describe('联系点编号'), patch: assignmentPatch }).strict(),
    assignment,
  ),
  'assignments.delete': method('删除联系点', z.object({ id: id.describe('联系点编号') }).strict(), assignment),
  'assignments.restore': method('恢复已删除的联系点', assignment.strict(), assignment),
};
