// The `ledger` command as a user runs it: a real process, a real file.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { latestVersion } from '../../migrations/index';
import { tempDir } from '../support/tmp';

const run = promisify(execFile);
const dir = tempDir();
const ledger = (...args: string[]) => run(process.execPath, ['bin/ledger.mjs', ...args], { timeout: 30_000 });

describe('ledger init and info', () => {
  it('init makes a new file from preset 002, info prints its version, counts and integrity', async () => {
    const db = join(dir, 'x.db');
    const init = await ledger('init', '--db', db, '--preset', '002');
    expect(init.stdout).toContain(`已新建台账数据库：${db}（数据结构版本 ${latestVersion}）`);
    expect(init.stdout).toContain('已载入制度预设 002《河南理工大学领导干部联系师生实施办法（修订）》');

    const info = await ledger('info', '--db', db);
    expect(info.stdout).toContain(`数据结构版本：${latestVersion}（本程序支持到 ${latestVersion}）`);
    expect(info.stdout).toContain('完整性检查：通过（ok）');
    expect(info.stdout).toMatch(/制度\s+1/);

    const json = JSON.parse((await ledger('info', '--db', db, '--json')).stdout);
    expect(json).toMatchObject({
      schemaVersion: latestVersion,
      integrity: 'ok',
      counts: { cadres: 0, regulations: 1 },
    });
    expect(json.counts.activity_types).toBeGreaterThan(5);
  });

  it('LEDGER_DB stands in for --db', async () => {
    const db = join(dir, 'env.db');
    await run(process.execPath, ['bin/ledger.mjs', 'init'], {
      env: { ...process.env, LEDGER_DB: db },
      timeout: 30_000,
    });
    const info = await ledger('info', '--db', db);
    expect(info.stdout).toContain(`数据库：${db}`);
  });

  it('an unknown preset, a missing file and an unknown command fail with a Chinese message and exit code 1', async () => {
    await expect(ledger('init', '--db', join(dir, 'y.db'), '--preset', '999')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('没有编号为“999”的制度预设。可用的有：000、001、002、003、004'),
    });
    await expect(ledger('info', '--db', join(dir, 'missing.db'))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('找不到数据库文件'),
    });
    await expect(ledger('frobnicate')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('未知命令“frobnicate”'),
    });
  });
});

describe('the CLI goes through the contract', () => {
  it('input the contract refuses is refused with its Chinese message, and nothing is written', async () => {
    const db = join(dir, 'contract.db');
    await ledger('init', '--db', db);
    await expect(ledger('evaluate', '--db', db, '--year', '2026', '--as-of', '2026-02-30')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('「截至日期」不是有效日期'),
    });
    await expect(ledger('demo', '--db', db, '--year', '1999')).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('生成演示数据：「年度」年份不能早于2000年'),
    });
    const info = JSON.parse((await ledger('info', '--db', db, '--json')).stdout);
    expect(info.counts.records).toBe(0);
  }, 90_000);
});
