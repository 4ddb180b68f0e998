// ledger demo: fills an empty ledger with a realistic university year under preset 002.
import { parseArgs } from 'node:util';
import { openBackend } from '../../../services/backend';
import { generateDemo } from '../../../services/demo/index';
import type { CommandSpec } from '../command';
import { dbPath } from '../db-path';

export const demo: CommandSpec = {
  usage: 'demo --db PATH [--year 2026] [--seed N]',
  help: '在空台账中生成演示数据（制度预设 002，一所大学一年的联系工作）',
  run: async (args, io) => {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, year: { type: 'string' }, seed: { type: 'string' } },
    });
    const year = values.year ? Number(values.year) : 2026;
    const seed = values.seed ? Number(values.seed) : 1;
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      io.err(`年度“${values.year}”无效，应为 2000–2100 之间的年份`);
      return 1;
    }
    if (!Number.isInteger(seed) || seed < 0) {
      io.err(`随机种子“${values.seed}”无效，应为非负整数`);
      return 1;
    }
    const path = dbPath(values, io);
    const backend = await openBackend(path);
    try {
      const r = await generateDemo(backend.ctx, { year, seed });
      if (r.presetApplied) io.out('已载入制度预设 002《河南理工大学领导干部联系师生实施办法（修订）》。');
      io.out(
        `已生成 ${year} 年度演示数据（种子 ${seed}）：单位 ${r.units}，干部 ${r.cadres}，联系对象 ${r.contactObjects}，` +
          `联系点 ${r.assignments}，联系记录 ${r.records}，督办事项 ${r.followUps}`,
      );
      return 0;
    } finally {
      backend.close();
    }
  },
};
