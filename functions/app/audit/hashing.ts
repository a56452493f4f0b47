import { createHash } from 'node:crypto';
import { type CommitBody, canonicalJson } from '../../../events/index.js';

/** `hash = sha256(prevHash + canonical JSON of the commit)`: each commit seals its stream's past. */
export function commitHash(prevHash: string, body: CommitBody | string): string {
  const json = typeof body === 'string' ? body : canonicalJson(body);
  return createHash('sha256').update(prevHash).update(json).digest('hex');
}
