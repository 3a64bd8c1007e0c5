// @aws-sdk/cloudfront-signer on the same canned URLs (RSA only: it cannot sign with ECDSA).
import { generateKeyPairSync } from 'node:crypto';
import { getSignedUrl } from '@aws-sdk/cloudfront-signer';

const [hash = 'SHA1', count = '2000'] = process.argv.slice(2);
const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
  type: 'pkcs8',
  format: 'pem',
});
const urls = Array.from(
  { length: Number(count) },
  (_, i) => `https://d111111abcdef8.cloudfront.net/videos/${i}.mp4`,
);
const sign = (url) =>
  getSignedUrl({
    url,
    keyPairId: 'K2JCJMDEHXQW5F',
    privateKey,
    dateLessThan: new Date(2e12),
    algorithm: hash,
  });
for (const url of urls.slice(0, 100)) sign(url);
const started = performance.now();
for (const url of urls) sign(url);
console.log(JSON.stringify({ perSecond: urls.length / ((performance.now() - started) / 1000) }));
