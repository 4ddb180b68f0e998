// Starts the workbook reader's worker from the TypeScript sources (development, tests, hosts run through tsx); built
// hosts start their bundled xlsx-worker instead (xlsx-thread.ts readerWorkerEntry).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./xlsx-worker.ts', import.meta.url).href);
