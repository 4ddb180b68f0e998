// ledger presets: the regulation presets shipped with the program.
import { listPresets } from '../../../services/presets';
import { presetsDir } from '../../../services/resources';
import type { CommandSpec } from '../command';

export const presets: CommandSpec = {
  usage: 'presets',
  help: '列出制度预设',
  run: async (_args, io) => {
    for (const p of listPresets(presetsDir())) io.out(`${p.id}  ${p.code}  《${p.name}》`);
    return 0;
  },
};
