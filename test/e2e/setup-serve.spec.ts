/**
 * Issue 14, item 3: the Set up view tells users about `signet serve` with the command for their
 * key. The command it shows, run as shown (with the folder and public key file in place), starts a
 * server that lets through a URL the page signed and refuses the same URL unsigned.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../cli/serve-process.ts';
import { DISTRIBUTION, KEY_PAIR_ID, openView, pasteKey, visiblePanel } from './helpers.ts';
import { expect, test } from './page.ts';

test('the Set up view shows a signet serve command for the key that accepts what the page signs', async ({
  signet,
}) => {
  await pasteKey(signet, 'rsa-2048-pkcs8.pem');
  await openView(signet, 'Set up CloudFront');
  const setup = visiblePanel(signet);
  await setup.getByLabel('Key pair ID', { exact: true }).fill(KEY_PAIR_ID);
  const command = (await setup.locator('#setup-serve').textContent()) ?? '';
  const publicKey = (await setup.locator('#setup-public-key').textContent()) ?? '';
  expect(command).toBe(
    `npx -p cloudfront-signet signet serve ./site --trusted-key ${KEY_PAIR_ID}=public_key.pem --domain d111111abcdef8.cloudfront.net`,
  );

  await openView(signet, 'Sign a URL');
  const sign = visiblePanel(signet);
  await sign.getByLabel('URL to sign').fill(`${DISTRIBUTION}/hello.txt`);
  const signedUrl = (await sign.locator('#signed-url').textContent()) ?? '';
  expect(signedUrl).toContain('Signature=');

  const folder = mkdtempSync(join(tmpdir(), 'signet-setup-serve-'));
  mkdirSync(join(folder, 'site'));
  writeFileSync(join(folder, 'site/hello.txt'), 'hello from the folder');
  writeFileSync(join(folder, 'public_key.pem'), publicKey);
  // What the user runs, with this test's folder in place of ./site and public_key.pem.
  const args = command
    .replace('npx -p cloudfront-signet signet serve ', '')
    .split(' ')
    .map((word) =>
      word === './site'
        ? join(folder, 'site')
        : word.replace('public_key.pem', join(folder, 'public_key.pem')),
    );
  const server = await startServe(args);
  try {
    const query = signedUrl.slice(signedUrl.indexOf('?'));
    const allowed = await fetch(`${server.base}/hello.txt${query}`);
    expect(allowed.status).toBe(200);
    expect(await allowed.text()).toBe('hello from the folder');
    const refused = await fetch(`${server.base}/hello.txt`);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>MissingKey</Code>');
  } finally {
    await server.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});
