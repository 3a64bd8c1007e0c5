import { expect, test } from './page.ts';

test('without WebCrypto (not a secure context) the page says what to do instead of failing silently', async ({
  signet,
}) => {
  await signet.addInitScript(() => {
    // What a plain-http page on a LAN address gets: no crypto.subtle.
    Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined });
  });
  await signet.reload();
  await expect(signet.getByRole('heading', { level: 1 })).toHaveText('Signet cannot sign here');
  await expect(signet.getByRole('alert')).toContainText('Open the file straight from disk');
  await expect(signet.getByRole('alert')).toContainText('https://');
  await expect(signet.getByLabel('Or paste the private key (PEM)')).toHaveCount(0);
});
