// 督办 methods.
import { z } from './zod-zh';
import { method } from './method';
import { id } from '../domain/fields';
import { FOLLOW_UP_STATUSES, followUp, followUpInput, followUpPatch } from '../domain/follow-up';

export const followUpMethods = {
  'followUps.list': method(
    '列出督办事项',
    z.object({ status: z.enum(FOLLOW_UP_STATUSES).optional().describe('状态') }).strict(),
    z.array(followUp),
  ),
  'followUps.create': method('新增督办事项', followUpInput, followUp),
  'followUps.update': method(
    '修改督办事项',
    z.object({ id: id.describe('督办事项编号'), patch: followUpPatch }).strict(),
    followUp,
  ),
  'followUps.delete': method('删除督办事项', z.object({ id: id.describe('督办事项编号') }).strict(), followUp),
  'followUps.restore': method('恢复已删除的督办事项', followUp.strict(), followUp),
};
