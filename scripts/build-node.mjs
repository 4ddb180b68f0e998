// Builds the two Node doors — the `ledger` CLI and the browser host — with esbuild into out/node/, as
// electron-vite builds the shell: no TypeScript is compiled at start. Packages stay in node_modules;
// what a command needs is split into chunks loaded when it runs, so `ledger help` loads almost nothing.
//   node scripts/build-node.mjs          build
//   import { buildNode, nodeBuildStale }  (bin/ledger.mjs and scripts/start.mjs rebuild when sources changed)
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MANIFEST, nodeBuildStale } from './node-build-stale.mjs';

export { nodeBuildStale };

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const OUT = join(root, 'out', 'node');

/**
 * Packages left in node_modules: the native SQLite binding, what documents load with createRequire, and
 * exceljs (loaded only to read or write a workbook; bundled, its old Buffer() calls would warn on every
 * use, as Node keeps that warning quiet only inside node_modules). The rest is bundled: Node resolving and
 * reading zod's and Kysely's hundreds of files one by one costs more than the same code in a few chunks.
 */
const EXTERNAL = ['better-sqlite3', 'pdfmake', 'pdfkit', 'fontkit', 'exceljs', 'esbuild'];

const ENTRIES = {
  cli: 'electron/doors/cli/main.ts',
  host: 'electron/doors/http/main.ts',
  // Long work (import, export, packet, backups, the audit check) runs here, in a worker thread beside the
  // host (electron/services/jobs/threads.ts finds it beside host.mjs).
  'job-worker': 'electron/services/jobs/worker.ts',
  // The document pool's worker threads (the 考核 packet's PDFs); electron/services/documents/pool.ts finds it here.
  'render-worker': 'electron/services/documents/render-worker.ts',
  // A large workbook's reader, beside the import that checks and writes its rows (electron/services/workbook/xlsx-thread.ts).
  'xlsx-worker': 'electron/services/workbook/xlsx-worker.ts',
};

/** The packages (not node: built-ins) an output loads before its code runs, following static imports. */
function staticPackages(meta, output) {
  const seen = new Set();
  const packages = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imp of meta.outputs[file]?.imports ?? []) {
      if (imp.kind !== 'import-statement') continue;
      if (imp.external) {
        if (!imp.path.startsWith('node:')) packages.add(imp.path);
      } else walk(imp.path);
    }
  };
  walk(output);
  return [...packages];
}

/**
 * How the Node doors are bundled; also used by benchmarks that run a script the way the doors run
 * (tests/bench/import.ts: the peak memory of an import in a fresh process, without tsx).
 */
export const NODE_BUNDLE = {
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS packages (exceljs) require Node's built-ins: give every chunk a real require.
  banner: {
    js: "import { createRequire as __ledgerRequire } from 'node:module'; const require = __ledgerRequire(import.meta.url);",
  },
};

export async function buildNode({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  const startedAt = Date.now();
  const result = await build({
    ...NODE_BUNDLE,
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: OUT,
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: quiet ? 'error' : 'warning',
  });
  const meta = result.metafile;
  const cliOut = relative(root, join(OUT, 'cli.mjs'));
  // `ledger help` must not pay for zod, Kysely or the database: the registry loads commands lazily, and a
  // command file that slipped a heavy import into the registry's path fails the build here, by name.
  const eager = staticPackages(meta, cliOut);
  if (eager.length)
    throw new Error(
      `out/node/cli.mjs would load ${eager.join(', ')} before any command runs; import them inside the command's ` +
        'file (loaded by its registry entry), not in electron/doors/cli/commands/index.ts or commands.ts.',
    );
  // Each file lands whole (written beside, then renamed) so that a ledger started meanwhile never reads
  // half a file; chunk names carry their content's hash, so concurrent builds write the same bytes.
  const written = new Set();
  const put = (path, contents) => {
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, contents);
    renameSync(tmp, path);
    written.add(path);
  };
  const entries = result.outputFiles.filter((f) => !f.path.includes(`${join(OUT, 'chunks')}`));
  for (const f of result.outputFiles) if (!entries.includes(f)) put(f.path, f.contents);
  for (const f of entries) put(f.path, f.contents);
  put(
    MANIFEST,
    JSON.stringify({
      builtAt: startedAt,
      inputs: Object.keys(meta.inputs).filter((f) => !f.startsWith('node_modules')),
    }),
  );
  // Chunks of older builds go (a ledger still running an older build could miss a chunk it has not loaded
  // yet — only while developing, when the sources change under a running command).
  const chunks = join(OUT, 'chunks');
  for (const f of readdirSync(chunks)) {
    const p = join(chunks, f);
    if (!written.has(p) && !f.endsWith('.tmp')) rmSync(p, { force: true });
  }
  if (!quiet)
    console.log(`built ${relative(root, OUT)}/ (cli.mjs, host.mjs, ${readdirSync(chunks).length} chunk files)`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildNode().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
