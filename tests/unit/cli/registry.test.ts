// The `ledger` registry: help lists every command from the registry alone, and each entry loads a command.
import { describe, expect, it } from 'vitest';
import { DOC_TYPES } from '../../../shared/api/documents';
import { runCli } from '../../../electron/doors/cli/commands';
import { commands } from '../../../electron/doors/cli/commands/index';
import type { CliIo } from '../../../electron/doors/cli/command';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const cli: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {} };
  return { cli, out, err };
}

describe('ledger help', () => {
  it('names every command with its usage and help, and loads none of them', async () => {
    const loaded: string[] = [];
    const saved = Object.entries(commands).map(([name, entry]) => [name, entry.load] as const);
    for (const [name, entry] of Object.entries(commands))
      entry.load = () => {
        loaded.push(name);
        return saved.find(([n]) => n === name)![1]();
      };
    try {
      const { cli, out } = io();
      expect(await runCli(['help'], cli)).toBe(0);
      const text = out.join('\n');
      for (const entry of Object.values(commands)) {
        expect(text).toContain(entry.usage);
        expect(text).toContain(entry.help);
      }
      expect(loaded).toEqual([]);
    } finally {
      for (const [name, load] of saved) commands[name]!.load = load;
    }
  });

  it('the doc command lists every document type the contract knows', () => {
    for (const t of DOC_TYPES) expect(commands.doc!.usage).toContain(t);
  });

  it('every entry loads a command', async () => {
    for (const [name, entry] of Object.entries(commands))
      expect(typeof (await entry.load()).run, name).toBe('function');
  });

  it('an unknown command is named in Chinese with the usage, exit code 1', async () => {
    const { cli, err } = io();
    expect(await runCli(['frobnicate'], cli)).toBe(1);
    expect(err.join('\n')).toContain('未知命令“frobnicate”');
    expect(err.join('\n')).toContain('用法：ledger <命令> [选项]');
  });
});
