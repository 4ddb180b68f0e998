// 联系对象 methods.
import { z } from './zod-zh';
import { method } from './method';
import { id } from '../domain/fields';
import { contactObject, contactObjectInput, contactObjectPatch } from '../domain/contact-object';

export const objectMethods = {
  'objects.list': method(
    '列出联系对象',
    z.object({ category: z.string().optional().describe('类别') }).strict(),
    z.array(contactObject),
  ),
  'objects.create': method('新增联系对象', contactObjectInput, contactObject),
  'objects.update': method(
    '修改联系对象',
    z.object({ id: id.describe('联系对象编号'), patch: contactObjectPatch }).strict(),
    contactObject,
  ),
  'objects.delete': method('删除联系对象', z.object({ id: id.describe('联系对象编号') }).strict(), contactObject),
  'objects.restore': method('恢复已删除的联系对象', contactObject.strict(), contactObject),
};
