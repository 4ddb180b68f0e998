// `npm start`: the Electron app where its binary is installed; otherwise, said in one line, the same
// app in the default browser (the browser host on 127.0.0.1).
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode, nodeBuildStale } from './build-node.mjs';
import { electronBinary } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const bin = (name) => join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const marker = join(root, 'out', 'renderer', 'index.html');
  const sources = ['renderer', 'shared', 'electron'].map((d) => newestMtime(join(root, d)));
  if (existsSync(marker) && statSync(marker).mtimeMs >= Math.max(...sources)) return;
  const r = spawnSync(bin('electron-vite'), ['build'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function run(cmd, argv) {
  const child = spawn(cmd, argv, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

if (electronBinary()) {
  const native = spawnSync(process.execPath, [join(root, 'scripts', 'electron-native.mjs')], { stdio: 'inherit' });
  if (native.status !== 0) process.exit(native.status ?? 1);
  buildIfStale();
  run(bin('electron'), ['.', ...args]);
} else {
  console.log('未找到 Electron 可执行文件（安装时跳过了下载）：改为在浏览器中打开台账。');
  buildIfStale();
  if (nodeBuildStale()) await buildNode({ quiet: true });
  run(process.execPath, [join(root, 'out', 'node', 'host.mjs'), ...args]);
}
