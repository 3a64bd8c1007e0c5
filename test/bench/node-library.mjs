// The built library in this Node process: signUrls over canned URLs for at least `seconds`.
// node node-library.mjs RSA|ECDSA SHA1|SHA256 SECONDS KEY.pem → {"perSecond", "count", "seconds"}
import { readFileSync } from 'node:fs';
import { importPrivateKey, signUrls } from '../../dist/lib/core/index.js';

const [, hash, seconds, keyFile] = process.argv.slice(2);
const privateKey = await importPrivateKey(readFileSync(keyFile, 'utf8'));
const options = { keyPairId: 'K2JCJMDEHXQW5F', privateKey, dateLessThan: 2e9, hashAlgorithm: hash };

/** URLs, one after another, until `ms` have passed since the first was asked for. */
function* urlsFor(ms) {
  const deadline = performance.now() + ms;
  for (let i = 0; performance.now() < deadline; i++)
    yield `https://d111111abcdef8.cloudfront.net/videos/${i}.mp4`;
}

async function signFor(ms) {
  let signed = 0;
  for await (const result of signUrls(urlsFor(ms), options)) {
    if (!result.ok) throw result.error;
    signed++;
  }
  return signed;
}
await signFor(300);
const started = performance.now();
const count = await signFor(Number(seconds) * 1000);
const elapsed = (performance.now() - started) / 1000;
console.log(JSON.stringify({ perSecond: count / elapsed, count, seconds: elapsed }));
