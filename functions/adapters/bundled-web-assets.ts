import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WebAssets, WebFile } from '../app/web-assets.js';

/**
 * The pages' files from a folder (beside the queries function's bundle, where the CDK app puts
 * them), read once each. A folder without them (running from source) has none: the local runtime
 * hands in its own builder instead.
 */
export function webAssetsIn(folder: string): WebAssets {
  const cache = new Map<WebFile, Promise<string | undefined>>();
  return {
    read(file) {
      let text = cache.get(file);
      if (!text) {
        text = readFile(join(folder, file), 'utf8').catch(() => undefined);
        cache.set(file, text);
      }
      return text;
    },
  };
}
