// The crash test: a writer process killed with SIGKILL at a random moment, the file reopened as the
// app opens it, and every acknowledged write looked for. Shared by run.ts and the security report.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyLedger } from '../../electron/services/audit';
import { createContext } from '../../electron/services/context';
import { openLedger } from '../../electron/services/db/open';
import { runCli } from '../../electron/doors/cli/commands';
import { emptySheets, writeWorkbook } from '../../electron/services/workbook/xlsx';

export interface CrashResult {
  rounds: number;
  survived: number;
  acknowledged: number;
  lost: number;
  partial: number;
  failures: string[];
  /** With `race`: restores and imports tried while the writer held the file, and how many went through. */
  raced?: { tried: number; through: number };
}

const writer = fileURLToPath(new URL('./writer.ts', import.meta.url));

/** Runs the writer until a random moment after its first acknowledged write, then SIGKILLs it. */
function runWriter(db: string, killAfterMs: number, whileWriting?: () => Promise<void>): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, db], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed && out.includes('ready\n')) {
        armed = true;
        // What races the writer runs now, and the kill comes when both it and the delay are done.
        const raced = whileWriting ? whileWriting() : Promise.resolve();
        const delay = new Promise((r) => setTimeout(r, killAfterMs));
        void Promise.all([raced, delay]).then(() => child.kill('SIGKILL'));
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited by itself: ${err.slice(0, 2000)}`));
      // A line cut by the kill is not an acknowledgement.
      else resolve(out.split('\n').slice(0, -1));
    });
  });
}

/** A small seeded PRNG (mulberry32), so that a failing round can be run again. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runCrashTest(opts: {
  rounds: number;
  seed?: number;
  log?: (line: string) => void;
  /**
   * The variant of issue 11: while the writer writes, a restore (`ledger restore --from`) and a workbook
   * import (`ledger import`) from this process race it; each must be refused (the writer holds the file),
   * and no acknowledged write may be lost.
   */
  race?: boolean;
}): Promise<CrashResult> {
  const log = opts.log ?? (() => undefined);
  const random = prng(opts.seed ?? 6);
  const dir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  const db = join(dir, 'crash.sqlite');
  const units = new Set<number>();
  const txs: { unit: number; cadres: number[]; rec: number }[] = [];
  const result: CrashResult = { rounds: 0, survived: 0, acknowledged: 0, lost: 0, partial: 0, failures: [] };
  const backup = join(dir, 'backup.sqlite');
  const workbook = join(dir, 'import.xlsx');
  const raceProblems: string[] = [];
  const race = async () => {
    const attempt = async (args: string[]) => {
      const err: string[] = [];
      const code = await runCli(args, { out: () => undefined, err: (l) => err.push(l), env: {} }).catch(
        (e: Error) => (err.push(e.message), 1),
      );
      return { code, err: err.join('\n'), what: args[0]! };
    };
    const tries = [attempt(['import', '--db', db, workbook])];
    if (existsSync(backup)) tries.push(attempt(['restore', '--db', db, '--from', backup]));
    for (const t of await Promise.all(tries)) {
      result.raced!.tried++;
      if (t.code === 0) {
        result.raced!.through++;
        raceProblems.push(`${t.what} went through while the writer held the file`);
      } else if (!t.err.includes('同一时间只能有一个程序写入台账'))
        raceProblems.push(`${t.what} refused for another reason: ${t.err.slice(0, 200)}`);
    }
  };
  if (opts.race) {
    result.raced = { tried: 0, through: 0 };
    const sheets = emptySheets();
    sheets.units.push({ name: '导入的单位' });
    writeFileSync(workbook, await writeWorkbook(sheets));
  }
  try {
    for (let round = 1; round <= opts.rounds; round++) {
      result.rounds++;
      raceProblems.length = 0;
      const lines = await runWriter(db, Math.floor(random() * 400), opts.race ? race : undefined);
      for (const l of lines) {
        const [kind, a, b, c] = l.split(' ');
        if (kind === 'unit') units.add(Number(a));
        if (kind === 'tx') txs.push({ unit: Number(a), cadres: b!.split(',').map(Number), rec: Number(c) });
      }
      result.acknowledged = units.size + txs.length;

      const problems: string[] = [];
      const ledger = await openLedger(db);
      try {
        const s = ledger.sqlite;
        const integrity = s.pragma('integrity_check', { simple: true });
        if (integrity !== 'ok') problems.push(`integrity_check: ${String(integrity)}`);
        const has = (t: string, id: number) => !!s.prepare(`SELECT 1 FROM ${t} WHERE id = ?`).get(id);
        let lost = 0;
        for (const u of units) if (!has('units', u)) lost++;
        for (const t of txs)
          if (!has('units', t.unit) || !has('records', t.rec) || t.cadres.some((c) => !has('cadres', c))) lost++;
        result.lost = lost;
        if (lost) problems.push(`${lost} acknowledged writes missing`);
        // Every transaction in the file, acknowledged or cut off by the kill, is whole.
        const batches = s.prepare("SELECT id FROM units WHERE note = 'tx'").all() as { id: number }[];
        let partial = 0;
        for (const { id } of batches) {
          const cadres = (s.prepare('SELECT count(*) AS n FROM cadres WHERE unit_id = ?').get(id) as { n: number }).n;
          const rec = s.prepare('SELECT id FROM records WHERE content = ?').get(`tx:${id}`) as
            { id: number } | undefined;
          const links = rec
            ? (s.prepare('SELECT count(*) AS n FROM record_cadres WHERE record_id = ?').get(rec.id) as { n: number }).n
            : 0;
          if (cadres !== 3 || !rec || links !== 3) partial++;
        }
        result.partial = partial;
        if (partial) problems.push(`${partial} partial transactions visible`);
        const v = verifyLedger(createContext(ledger));
        if (!v.ok) problems.push(`verify: ${v.chainBreaks.length} chain breaks, ${v.findings.length} row findings`);
        problems.push(...raceProblems);
      } finally {
        ledger.close();
      }
      // The next round's restore races with a copy of the file as it now is (closed, so whole).
      if (opts.race) copyFileSync(db, backup);
      if (problems.length === 0) result.survived++;
      else result.failures.push(`round ${round}: ${problems.join('; ')}`);
      log(
        `round ${round}/${opts.rounds}: ${problems.length ? 'FAILED ' + problems.join('; ') : 'ok'} ` +
          `(${lines.length - 1} acks this round, ${result.acknowledged} in all)`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}
