import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const INSTALL_HINT =
  'No Chromium found: install one with `sudo apt-get install -y chromium`, or set CHROMIUM_PATH to a Chromium or Chrome binary.';

/** Chromium in the order the README promises: CHROMIUM_PATH, Debian's, then Playwright's own. */
export function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    stop(`CHROMIUM_PATH is ${fromEnv}, which does not exist. ${INSTALL_HINT}`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  let bundled = '';
  try {
    bundled = chromium.executablePath();
  } catch {
    // Playwright throws when it has no browser of its own; that is the "none" case below.
  }
  if (bundled && existsSync(bundled)) return bundled;
  stop(INSTALL_HINT);
}

function stop(line: string): never {
  console.error(line);
  process.exit(1);
}
