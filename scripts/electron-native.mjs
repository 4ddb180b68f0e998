// Builds better-sqlite3 for Electron's ABI into .electron-native/<version>/, leaving the Node build
// in node_modules for the tests and the CLI. Skipped, in one line, where Electron is not installed.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

if (!electronBinary()) {
  console.log('未安装 Electron 可执行文件：跳过为 Electron 编译 better-sqlite3（测试和命令行使用 Node 版本）。');
  process.exit(0);
}

const version = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
const target = join(root, '.electron-native', version, 'better_sqlite3.node');
if (existsSync(target)) process.exit(0);

console.log(`正在为 Electron ${version} 编译 better-sqlite3（只需一次）…`);
const work = mkdtempSync(join(tmpdir(), 'ledger-native-'));
try {
  cpSync(join(root, 'node_modules/better-sqlite3'), join(work, 'better-sqlite3'), { recursive: true });
  rmSync(join(work, 'better-sqlite3', 'build'), { recursive: true, force: true });
  const env = { ...process.env };
  // An npm `nodedir` setting would silently build against Node's headers instead of Electron's.
  for (const k of Object.keys(env)) if (k.toLowerCase() === 'npm_config_nodedir') delete env[k];
  const nodeGyp = join(
    dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
    'node-gyp.js',
  );
  const gyp = existsSync(nodeGyp) ? nodeGyp : join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  execFileSync(
    process.execPath,
    [
      gyp,
      'rebuild',
      '--release',
      `--target=${version}`,
      '--runtime=electron',
      '--dist-url=https://electronjs.org/headers',
    ],
    { cwd: join(work, 'better-sqlite3'), stdio: 'inherit', env },
  );
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join(work, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`已完成：${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
