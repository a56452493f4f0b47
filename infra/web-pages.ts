import { join } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { type WebFile, webFiles } from '../functions/app/web-assets.js';

/**
 * How the pages' scripts are built, in esbuild's terms: one self-contained script per page for the
 * browsers phones and tablets carry. The CDK app runs the same build into the queries function's
 * bundle folder (`web/`); the local runtime runs it in memory.
 */
export const webBuildOptions = {
  bundle: true,
  format: 'iife',
  platform: 'browser',
  target: 'es2020',
  minify: true,
  charset: 'utf8',
  legalComments: 'none',
} as const satisfies BuildOptions;

const cliFlags = Object.entries(webBuildOptions).map(([name, value]) =>
  value === true
    ? `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
    : `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}=${value}`,
);

/**
 * Shell commands that build every page file into `<outputDir>/web` (the CDK bundling's
 * afterBundling hook runs them with the repository as `inputDir`).
 */
export function webBuildCommands(inputDir: string, outputDir: string): string[] {
  const out = join(outputDir, 'web');
  return [
    `mkdir -p "${out}"`,
    ...(Object.entries(webFiles) as [WebFile, (typeof webFiles)[WebFile]][]).map(([file, spec]) =>
      'entry' in spec
        ? `"${join(inputDir, 'node_modules', '.bin', 'esbuild')}" "${join(inputDir, spec.entry)}" ${cliFlags.join(' ')} --log-level=warning --outfile="${join(out, file)}"`
        : `cp "${join(inputDir, spec.source)}" "${join(out, file)}"`,
    ),
  ];
}
