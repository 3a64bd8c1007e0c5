import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './test/support/chromium.mjs';

/** Without a Chromium the tests stop with one line that says how to get one, not a stack trace. */
function chromiumOrStop(): string {
  try {
    return findChromium();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

export default defineConfig({
  testDir: 'test/e2e',
  // Not test-results/ itself: Playwright empties its outputDir, and Vitest's report lives there.
  outputDir: 'test-results/e2e-artifacts',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  // The axe walk through every view takes about 20 s on an idle 2-core machine; CI machines are
  // shared, so a slow run must not read as a failure (the 30 s default did once).
  timeout: 90_000,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: {
    browserName: 'chromium',
    serviceWorkers: 'block',
    launchOptions: { executablePath: chromiumOrStop(), args: CHROMIUM_ARGS },
  },
});
