import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type WebAssets, type WebFile, webFiles } from '../../functions/app/web-assets.js';
import { webBuildOptions } from '../web-pages.js';
import type { HandlerSource } from './handlers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The pages' files built from source on first request (esbuild, in memory, ~0.1 s each), for a
 * runtime whose functions run from source; a runtime on the CDK bundles serves the ones built there.
 */
export function webAssetsFromSource(): WebAssets {
  const cache = new Map<WebFile, Promise<string | undefined>>();
  const make = async (file: WebFile): Promise<string | undefined> => {
    const spec = webFiles[file];
    if ('source' in spec) return readFile(join(root, spec.source), 'utf8');
    const result = await build({
      ...webBuildOptions,
      entryPoints: [join(root, spec.entry)],
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0]?.text;
  };
  return {
    read(file) {
      let text = cache.get(file);
      if (!text) {
        text = make(file);
        // A failed build is not kept: the next request tries again (after the source is fixed).
        text.catch(() => cache.delete(file));
        cache.set(file, text);
      }
      return text;
    },
  };
}

/** From source the pages' scripts are built here; bundles carry the ones the CDK app built. */
export const webAssetsFor = (handlers: HandlerSource | undefined) =>
  (handlers ?? { kind: 'source' }).kind === 'source' ? { webAssets: webAssetsFromSource() } : {};
