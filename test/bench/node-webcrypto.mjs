// The ceiling under the library in Node: crypto.subtle.sign alone over canned policies, 64 in
// flight, with no URL checks, policy building or encoding, for at least `seconds`.
// node node-webcrypto.mjs RSA|ECDSA SHA1|SHA256 SECONDS KEY.pem → {"perSecond", "count", "seconds"}
import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';

const [type, hash, seconds, keyFile] = process.argv.slice(2);
const algorithm =
  type === 'RSA'
    ? { name: 'RSASSA-PKCS1-v1_5', hash: hash === 'SHA1' ? 'SHA-1' : 'SHA-256' }
    : { name: 'ECDSA', namedCurve: 'P-256' };
const key = await crypto.subtle.importKey(
  'pkcs8',
  createPrivateKey(readFileSync(keyFile)).export({ type: 'pkcs8', format: 'der' }),
  algorithm,
  false,
  ['sign'],
);
const params =
  type === 'RSA'
    ? 'RSASSA-PKCS1-v1_5'
    : { name: 'ECDSA', hash: hash === 'SHA1' ? 'SHA-1' : 'SHA-256' };
const encoder = new TextEncoder();
const policy = (i) =>
  encoder.encode(
    `{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/videos/${i}.mp4","Condition":{"DateLessThan":{"AWS:EpochTime":2000000000}}}]}`,
  );

/** Signs policies, 64 at a time in flight, until `ms` have passed; returns how many. */
async function signFor(ms) {
  const deadline = performance.now() + ms;
  let count = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (performance.now() < deadline) await crypto.subtle.sign(params, key, policy(count++));
    }),
  );
  return count;
}
await signFor(300);
const started = performance.now();
const count = await signFor(Number(seconds) * 1000);
const elapsed = (performance.now() - started) / 1000;
console.log(JSON.stringify({ perSecond: count / elapsed, count, seconds: elapsed }));
