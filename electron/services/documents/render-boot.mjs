// Starts the document pool's worker from the TypeScript sources (development, tests, hosts run through tsx); built
// hosts start their bundled render-worker instead (pool.ts renderWorkerEntry).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./render-worker.ts', import.meta.url).href);
