// Every `ledger` command, by name. A new command is one file in this folder and one line here.
import type { CommandSpec } from '../command';
import { info } from './info';
import { init } from './init';
import { presets } from './presets';

export const commands: Record<string, CommandSpec> = {
  init,
  info,
  presets,
};
