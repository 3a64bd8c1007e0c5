// Signs a batch of canned URLs with the built library in this Node process; prints signs/s as JSON.
// Run in its own process so each measurement starts cold and alone: node node-library.mjs RSA SHA1 20000
import { generateKeyPairSync } from 'node:crypto';
import { importPrivateKey, signUrls } from '../../dist/lib/core/index.js';

const [type = 'RSA', hash = 'SHA1', count = '20000'] = process.argv.slice(2);
const pair =
  type === 'RSA'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKey = await importPrivateKey(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
const urls = Array.from(
  { length: Number(count) },
  (_, i) => `https://d111111abcdef8.cloudfront.net/videos/${i}.mp4`,
);
const options = {
  keyPairId: 'K2JCJMDEHXQW5F',
  privateKey,
  dateLessThan: 2000000000,
  hashAlgorithm: hash,
};

// Warm up the JIT and the thread pool, then time the whole batch.
for await (const _ of signUrls(urls.slice(0, 500), options));
const started = performance.now();
let signed = 0;
for await (const result of signUrls(urls, options)) if (result.ok) signed++;
const seconds = (performance.now() - started) / 1000;
if (signed !== urls.length) throw new Error(`only ${signed} of ${urls.length} signed`);
console.log(JSON.stringify({ perSecond: signed / seconds }));
