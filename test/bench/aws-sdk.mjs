// @aws-sdk/cloudfront-signer as its users call it: getSignedUrl with the private key's PEM text
// (its API takes text, and parses it on every call), one URL after another on one core, for at
// least `seconds`. RSA only: it cannot sign with ECDSA.
// node aws-sdk.mjs SHA1|SHA256 SECONDS KEY.pem → {"perSecond", "count", "seconds"}
import { readFileSync } from 'node:fs';
import { getSignedUrl } from '@aws-sdk/cloudfront-signer';

const [hash, seconds, keyFile] = process.argv.slice(2);
const privateKey = readFileSync(keyFile, 'utf8');
const sign = (i) =>
  getSignedUrl({
    url: `https://d111111abcdef8.cloudfront.net/videos/${i}.mp4`,
    keyPairId: 'K2JCJMDEHXQW5F',
    privateKey,
    dateLessThan: new Date(2e12),
    algorithm: hash,
  });

function signFor(ms) {
  const deadline = performance.now() + ms;
  let count = 0;
  while (performance.now() < deadline) sign(count++);
  return count;
}
signFor(300);
const started = performance.now();
const count = signFor(Number(seconds) * 1000);
const elapsed = (performance.now() - started) / 1000;
console.log(JSON.stringify({ perSecond: count / elapsed, count, seconds: elapsed }));
