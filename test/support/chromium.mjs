// Which Chromium the tests and the bench drive, and how: one place for the e2e tests, the
// conformance suite and `npm run bench`. Plain JavaScript, so the bench can run it on Node 20.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const INSTALL_HINT =
  'No Chromium found: install one with `sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.';

/**
 * Flags for a headless Chromium on a machine without internet: without the background
 * networking ones it tries to reach Google at start and fails noisily (TOOLCHAIN.md).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Chromium in the order the README promises: CHROMIUM_PATH, Debian's, then Playwright's own.
 * With none, it throws one line that says how to install one.
 * @returns {string}
 */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is ${fromEnv}, which does not exist. ${INSTALL_HINT}`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // Playwright throws when it has no browser of its own; that is the "none" case below.
  }
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(INSTALL_HINT);
}
