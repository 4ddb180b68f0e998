// ledger presets: the regulation presets shipped with the program; `presets show ID` prints one.
// They are files of the program, not of a ledger, so no ledger is opened to read them.
import { parseArgs } from 'node:util';
import { describeRule } from '../../../../shared/rules/describe';
import type { Command } from '../command';

export const run: Command = async (args, io) => {
  const { loadPreset, listPresets, presetRules } = await import('../../../services/presets');
  const { presetsDir } = await import('../../../services/resources');
  if (args[0] !== 'show') {
    for (const p of listPresets(presetsDir())) io.out(`${p.id}  ${p.code}  《${p.name}》  ${p.rules.length}条要求`);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: args.slice(1),
    allowPositionals: true,
    options: { json: { type: 'boolean' } },
  });
  const id = positionals[0];
  if (!id) {
    io.err('请给出预设编号，如：ledger presets show 002');
    return 1;
  }
  const p = loadPreset(presetsDir(), id);
  const rules = presetRules(p);
  if (values.json) {
    io.out(JSON.stringify({ ...p, rules }, null, 2));
    return 0;
  }
  io.out(`${p.id}  ${p.code}《${p.name}》`);
  io.out(`发布：${p.issuer} ${p.date}`);
  io.out(`活动类型：${p.vocabulary.activityTypes.join('、')}`);
  io.out(`联系对象类别：${p.vocabulary.objectCategories.map((c) => c.name).join('、')}`);
  io.out(`要求（${rules.length}条）：`);
  for (const r of rules) io.out(`  ${r.id.padEnd(10)} ${describeRule(r)}`);
  return 0;
};
