// ledger init: a new ledger file, optionally started from a regulation preset.
import { existsSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Command } from '../command';
import { ledgerPath, withLedger } from '../ledger';

export const run: Command = async (args, io) => {
  const { values } = parseArgs({ args, options: { db: { type: 'string' }, preset: { type: 'string' } } });
  const path = await ledgerPath(io, values.db);
  const existed = existsSync(path) && statSync(path).size > 0;
  if (values.preset) {
    // An unknown preset is refused before any file is made (presets are the program's files).
    const { loadPreset } = await import('../../../services/presets');
    const { presetsDir } = await import('../../../services/resources');
    loadPreset(presetsDir(), values.preset);
  }
  return withLedger(io, path, {}, async (ledger) => {
    const info = await ledger.send('system.info', {});
    io.out(`${existed ? '已打开现有' : '已新建'}台账数据库：${path}（数据结构版本 ${info.schemaVersion}）`);
    if (values.preset) {
      const preset = (await ledger.send('rules.presets', {})).find((p) => p.id === values.preset)!;
      if (preset.applied) io.out(`制度预设 ${preset.id}《${preset.name}》已在此台账中，未重复导入。`);
      else {
        await ledger.send('rules.applyPreset', { presetId: preset.id, year: new Date().getFullYear() });
        io.out(`已载入制度预设 ${preset.id}《${preset.name}》（${preset.code}）。`);
      }
    }
    return 0;
  });
};
