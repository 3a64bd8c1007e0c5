import { expect, test } from './page.ts';

test('the built file opens from disk and renders the app shell', async ({ signet }) => {
  expect(signet.url()).toMatch(/^file:\/\/.*\/dist\/index\.html$/);
  await expect(signet.getByRole('heading', { level: 1, name: 'Signet' })).toBeVisible();
});

test.describe('the misconduct guard itself', () => {
  test.fail();
  test('fails a test whose page tries to load something from the network', async ({ signet }) => {
    await signet.evaluate(() => {
      const image = document.createElement('img');
      image.src = 'https://example.com/pixel.png';
      document.body.append(image);
    });
    await signet.waitForTimeout(200);
  });
  test('fails a test whose page starts a worker from a URL its Trusted Types policy did not make', async ({
    signet,
  }) => {
    await signet.evaluate(() => {
      const source = URL.createObjectURL(new Blob(['postMessage(1)'], { type: 'text/javascript' }));
      try {
        new Worker(source);
      } catch {
        // Refused: the violation report is what fails the test.
      }
    });
    await signet.waitForTimeout(200);
  });
  test('fails a test whose page breaks its Content-Security-Policy', async ({ signet }) => {
    await signet.evaluate(() => {
      const style = document.createElement('style');
      style.textContent = 'body { outline: 1px solid red }';
      document.head.append(style);
    });
    await signet.waitForTimeout(200);
  });
});
