// Every `ledger` command, by name. A new command is one file in this folder and one line here.
import type { CommandSpec } from '../command';
import { backup } from './backup';
import { doc } from './doc';
import { packet } from './packet';
import { info } from './info';
import { init } from './init';
import { presets } from './presets';
import { restore } from './restore';
import { verify } from './verify';
import { importCommand } from './import';
import { exportCommand } from './export';
import { demo } from './demo';
import { evaluate } from './evaluate';
import { rulesExtract } from './rules-extract';

export const commands: Record<string, CommandSpec> = {
  init,
  info,
  presets,
  backup,
  restore,
  verify,
  import: importCommand,
  export: exportCommand,
  demo,
  doc,
  packet,
  evaluate,
  'rules extract': rulesExtract,
};
