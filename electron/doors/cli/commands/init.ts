// ledger init: a new ledger file, optionally started from a regulation preset.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openBackend } from '../../../services/backend';
import { applyPreset, loadPreset } from '../../../services/presets';
import { presetsDir } from '../../../services/resources';
import type { CommandSpec } from '../command';
import { dbPath } from '../db-path';

export const init: CommandSpec = {
  usage: 'init --db PATH [--preset ID]',
  help: '新建台账数据库（可选：从制度预设开始）',
  run: async (args, io) => {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, preset: { type: 'string' } } });
    const path = dbPath(values, io);
    const existed = existsSync(path) && statSync(path).size > 0;
    const preset = values.preset ? loadPreset(presetsDir(), values.preset) : null;
    const backend = await openBackend(path);
    try {
      const info = await backend.handlers['system.info']({});
      io.out(`${existed ? '已打开现有' : '已新建'}台账数据库：${path}（数据结构版本 ${info.schemaVersion}）`);
      if (preset) {
        const already = backend.db.first(
          backend.db.q.selectFrom('regulations').select('id').where('preset_id', '=', preset.id),
        );
        if (already) io.out(`制度预设 ${preset.id}《${preset.name}》已在此台账中，未重复导入。`);
        else {
          applyPreset(backend.ctx, preset);
          io.out(`已载入制度预设 ${preset.id}《${preset.name}》（${preset.code}）。`);
        }
      }
    } finally {
      backend.close();
    }
    return 0;
  },
};
