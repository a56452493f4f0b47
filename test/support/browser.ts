import { existsSync, mkdirSync, mkdtempSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Browser tests need Debian's chromium: mandatory in CI (.ci/run installs it), skipped with a notice elsewhere. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI)
    throw new Error(`CI must run the browser tests, but ${CHROMIUM} is missing (.ci/run installs chromium)`);
  console.warn(`[skip] browser tests: ${CHROMIUM} is not installed (apt-get install chromium)`);
  return false;
}

/**
 * A fonts folder holding the Noto Sans SC the printer embeds, for fontconfig: Chinese in a
 * screenshot then reads as text instead of boxes on a machine without CJK system fonts.
 */
function chineseFontHome(): string {
  const home = mkdtempSync(join(tmpdir(), 'ccl-fonts-'));
  const font = join(
    dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-sc/package.json')),
    '400Regular',
    'NotoSansSC_400Regular.ttf',
  );
  mkdirSync(join(home, 'fonts'));
  symlinkSync(font, join(home, 'fonts', 'NotoSansSC-Regular.ttf'));
  return home;
}

/** Playwright gives each launch a fresh, empty profile of its own. */
export function launchChromium(options: { chineseFont?: boolean } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    ...(options.chineseFont ? { env: { ...process.env, XDG_DATA_HOME: chineseFontHome() } } : {}),
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
