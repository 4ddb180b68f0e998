// ledger info: schema version, row counts and integrity of a ledger file.
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { withLedger } from '../ledger';

const TABLE_LABELS: Record<string, string> = {
  units: '单位',
  cadres: '干部',
  contact_objects: '联系对象',
  assignments: '联系点',
  activity_types: '活动类型',
  records: '联系记录',
  follow_ups: '督办事项',
  regulations: '制度',
  rules: '要求',
  attachments: '附件',
  document_register: '发文登记',
  audit_log: '审计日志',
};

export const run: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' } } });
  return withLedger(io, values.db, { mustExist: true, readOnly: true }, async (ledger) => {
    const i = await ledger.send('system.info', {});
    if (values.json) {
      io.out(JSON.stringify(i, null, 2));
      return 0;
    }
    io.out(`数据库：${i.dbPath}`);
    io.out(`数据结构版本：${i.schemaVersion}（本程序支持到 ${i.appSchemaVersion}）`);
    io.out(`完整性检查：${i.integrity === 'ok' ? '通过（ok）' : i.integrity}`);
    for (const [table, n] of Object.entries(i.counts)) io.out(`${(TABLE_LABELS[table] ?? table).padEnd(6, '　')}${n}`);
    return i.integrity === 'ok' ? 0 : 2;
  });
};
