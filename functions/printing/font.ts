import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The font's name beside a bundle (the CDK app copies it there: `extraFiles` of the printer function). */
export const BUNDLED_FONT = join('fonts', 'NotoSansSC-Regular.ttf');
/** The same file inside its npm package (the local runtime and tests run from source). */
export const PACKAGED_FONT = join(
  'node_modules',
  '@expo-google-fonts',
  'noto-sans-sc',
  '400Regular',
  'NotoSansSC_400Regular.ttf',
);

export interface FontLocations {
  /** An explicit path (`PRINTER_FONT_PATH`): used as it is, or refused if missing. */
  readonly configured?: string;
  /** The folder of the running module: `index.mjs` in a bundle, `functions/printing/` from source. */
  readonly moduleDir: string;
  /** Where the process was started (npm scripts run from the repository root). */
  readonly cwd: string;
}

const ancestors = (dir: string): string[] => {
  const found: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    found.push(at);
    if (at === parse(at).root) return found;
  }
};

/**
 * Where the CJK font is: the configured path, else beside the bundle, else in the npm package found
 * from the module's folder or the working directory upwards (as Node resolves packages). One
 * answer or one error that names every place looked at.
 */
export function resolveFontPath(
  where: FontLocations,
  exists: (path: string) => boolean = existsSync,
): string {
  if (where.configured) {
    if (exists(where.configured)) return where.configured;
    throw new Error(`PRINTER_FONT_PATH names ${where.configured}, which does not exist`);
  }
  const candidates = [
    join(where.moduleDir, BUNDLED_FONT),
    ...[...new Set([...ancestors(where.moduleDir), ...ancestors(where.cwd)])].map((dir) =>
      join(dir, PACKAGED_FONT),
    ),
  ];
  const found = candidates.find(exists);
  if (found) return found;
  throw new Error(
    `no CJK font for the printer: looked for ${BUNDLED_FONT} beside the bundle and ${PACKAGED_FONT} ` +
      `(npm ci installs @expo-google-fonts/noto-sans-sc) in: ${candidates.join(', ')}`,
  );
}

let cached: { readonly path: string; readonly bytes: Buffer } | undefined;

/** The font's bytes, read once per process (about 10 MB; pdfkit embeds only the glyphs a PDF uses). */
export function loadFont(configured: string | undefined = process.env.PRINTER_FONT_PATH): Buffer {
  if (cached && (!configured || cached.path === configured)) return cached.bytes;
  const path = resolveFontPath({
    configured,
    moduleDir: dirname(fileURLToPath(import.meta.url)),
    cwd: process.cwd(),
  });
  cached = { path, bytes: readFileSync(path) };
  return cached.bytes;
}
