// ledger demo: fills an empty ledger with a realistic university year under preset 002.
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { withLedger } from '../ledger';

export const run: Command = async (args, io) => {
  const { values } = parseArgs({
    args,
    options: { db: { type: 'string' }, year: { type: 'string' }, seed: { type: 'string' } },
  });
  // Year and seed are checked by the contract (demo.generate), in the same words the app uses.
  const year = values.year ? Number(values.year) : 2026;
  const seed = values.seed ? Number(values.seed) : 1;
  return withLedger(io, values.db, {}, async (ledger) => {
    const r = await ledger.send('demo.generate', { year, seed });
    if (r.presetApplied) io.out('已载入制度预设 002《河南理工大学领导干部联系师生实施办法（修订）》。');
    io.out(
      `已生成 ${year} 年度演示数据（种子 ${seed}）：单位 ${r.units}，干部 ${r.cadres}，联系对象 ${r.contactObjects}，` +
        `联系点 ${r.assignments}，联系记录 ${r.records}，督办事项 ${r.followUps}`,
    );
    return 0;
  });
};
