/**
 * Debian's Chromium for the browser tests (installed by .ci/run with apt-get), driven by
 * playwright-core. Without it a browser suite skips, saying why — except under CI, where a
 * missing browser is an error, never a silent skip.
 */
import { existsSync } from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const haveChromium = existsSync(chromiumPath);

if (!haveChromium && process.env.CI) {
  throw new Error(
    `CI must run the browser tests, but ${chromiumPath} does not exist (apt-get install chromium)`,
  );
}

/**
 * Launch flags: headless as root, and no background networking — this machine's closed network
 * refuses Chromium's own connections (updates, sync, QUIC), which would otherwise be console noise.
 */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A suite title that says why it is skipped without Chromium (and says so on stderr once). */
export function chromiumSuite(title: string): string {
  if (haveChromium) return title;
  const skipped = `${title} (SKIPPED: ${chromiumPath} not found; apt-get install chromium)`;
  console.warn(skipped);
  return skipped;
}
