// `ledger rules extract` as a secretary runs it: a real process, a real ledger file, the regulation as a .txt
// or a .docx; bad files get a Chinese message and store nothing.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/doors/cli/commands';
import { openBackend } from '../../electron/services/backend';
import { tempDir } from '../support/tmp';

const run = promisify(execFile);
const dir = tempDir();
const fixtures = join(__dirname, '..', 'fixtures', 'regulations');
const ledger = (...args: string[]) =>
  run(process.execPath, ['bin/ledger.mjs', ...args], { timeout: 60_000 }).catch(
    (e: { stdout: string; stderr: string; code: number }) => ({ stdout: e.stdout, stderr: e.stderr, code: e.code }),
  );

/** The same command in this process (one real process above is enough to show the door works). */
async function inProcess(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { out: (l) => out.push(l), err: (l) => err.push(l), env: process.env });
  return { stdout: out.join('\n'), stderr: err.join('\n'), code };
}

async function ruleCount(db: string, year: number): Promise<number> {
  const b = await openBackend(db);
  try {
    const r = await b.dispatch('rules.list', { year });
    if (!r.ok) throw new Error(r.error.message);
    return (r.value as unknown[]).length;
  } finally {
    await b.close();
  }
}

describe('ledger rules extract', { timeout: 120_000 }, () => {
  it('prints each proposal with its clause, its words and how sure it is; --json gives the rules', async () => {
    const db = join(dir, 'a.db');
    await inProcess('init', '--db', db, '--preset', '003');
    const out = await ledger('rules', 'extract', join(fixtures, 'seed-003.txt'), '--db', db);
    expect(out.stdout).toContain('《领导干部深入基层联系学生工作方案》');
    expect(out.stdout).toContain('[四.3]');
    expect(out.stdout).toContain('原文');
    const json = JSON.parse(
      (await ledger('rules', 'extract', join(fixtures, 'seed-003.txt'), '--db', db, '--json')).stdout,
    );
    const monthly = json.proposals.find((p: { clause: string }) => p.clause === '四.3');
    expect(monthly.rule).toMatchObject({ kind: 'frequency', period: 'month', min: 1 });
    expect(monthly.text).toContain('每个月要深入课堂听 1 次课');
  });

  it('--apply stores the sure ones as a new regulation of the year, with their clauses', async () => {
    const db = join(dir, 'b.db');
    await inProcess('init', '--db', db, '--preset', '003');
    const before = await ruleCount(db, 2026);
    const out = await inProcess(
      'rules',
      'extract',
      join(fixtures, 'seed-003.txt'),
      '--db',
      db,
      '--apply',
      '--year',
      '2026',
    );
    expect(out.stdout).toMatch(/已存入制度《领导干部深入基层联系学生工作方案》\d+ 条要求（2026年度）/);
    const added = Number(/》(\d+) 条/.exec(out.stdout)![1]);
    expect(added).toBeGreaterThan(5);
    expect(await ruleCount(db, 2026)).toBe(before + added);
  });

  it('reads a .docx', async () => {
    const zip = new JSZip();
    const paras = [
      '领导干部联系点制度',
      '一、每位领导干部至少建立一个联系点。',
      '二、领导干部每年至少2次到联系点指导工作。',
    ];
    zip.file(
      'word/document.xml',
      `<?xml version="1.0"?><w:document xmlns:w="w"><w:body>${paras.map((p) => `<w:p><w:r><w:t>${p}</w:t></w:r></w:p>`).join('')}</w:body></w:document>`,
    );
    const file = join(dir, 'reg.docx');
    writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
    const json = JSON.parse((await inProcess('rules', 'extract', file, '--json')).stdout);
    expect(json.title).toBe('领导干部联系点制度');
    expect(json.proposals.map((p: { rule: { kind: string } }) => p.rule.kind)).toEqual(['quota', 'frequency']);
  });

  it('bad files: a clear Chinese message, nothing stored', async () => {
    const db = join(dir, 'c.db');
    await inProcess('init', '--db', db, '--preset', '003');
    const before = await ruleCount(db, 2026);
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '');
    const notDocx = join(dir, 'fake.docx');
    writeFileSync(notDocx, 'this is not a zip');
    const prose = join(dir, 'prose.txt');
    writeFileSync(prose, '春天来了，花开了，小鸟在树上唱歌，孩子们在草地上奔跑，老师带着大家去公园散步，天气很好。');
    const big = join(dir, 'big.txt');
    writeFileSync(big, '每月'.repeat(1_000_000));
    const cases: [string, RegExp][] = [
      [empty, /文件是空的/],
      [notDocx, /不是Word文档/],
      [prose, /不像一份制度/],
      [big, /超过5MB/],
    ];
    for (const [file, message] of cases) {
      const r = await inProcess('rules', 'extract', file, '--db', db, '--apply', '--year', '2026');
      expect(r.stderr).toMatch(message);
      expect(r.code).toBe(1);
    }
    expect(await ruleCount(db, 2026)).toBe(before);
  });
});
