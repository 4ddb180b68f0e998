// Starts the job worker from the TypeScript sources (development, tests, the browser host run through tsx);
// built hosts start their bundled worker instead.
import { register } from 'tsx/esm/api';

register();
await import(new URL('./worker.ts', import.meta.url).href);
