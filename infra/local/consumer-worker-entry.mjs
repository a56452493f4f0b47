// The consumers' thread starts here: a worker thread does not inherit tsx's loader, so it registers
// it before importing the TypeScript entry (a no-op cost when the entry is already compiled).
import { register } from 'tsx/esm/api';

register();
await import('./consumer-worker.ts');
