// The ceiling under the library in Node: crypto.subtle.sign alone, over the same policies,
// 64 in flight, with no URL checks, policy building or encoding. Prints signs/s as JSON.
import { generateKeyPairSync } from 'node:crypto';

const [type = 'RSA', hash = 'SHA1', count = '20000'] = process.argv.slice(2);
const pair =
  type === 'RSA'
    ? generateKeyPairSync('rsa', { modulusLength: 2048 })
    : generateKeyPairSync('ec', { namedCurve: 'P-256' });
const algorithm =
  type === 'RSA'
    ? { name: 'RSASSA-PKCS1-v1_5', hash: hash === 'SHA1' ? 'SHA-1' : 'SHA-256' }
    : { name: 'ECDSA', namedCurve: 'P-256' };
const key = await crypto.subtle.importKey(
  'pkcs8',
  pair.privateKey.export({ type: 'pkcs8', format: 'der' }),
  algorithm,
  false,
  ['sign'],
);
const params = type === 'RSA' ? 'RSASSA-PKCS1-v1_5' : { name: 'ECDSA', hash: 'SHA-256' };
const encoder = new TextEncoder();
const policies = Array.from({ length: Number(count) }, (_, i) =>
  encoder.encode(
    `{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/videos/${i}.mp4","Condition":{"DateLessThan":{"AWS:EpochTime":2000000000}}}]}`,
  ),
);

async function run(list) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < list.length) await crypto.subtle.sign(params, key, list[next++]);
    }),
  );
}
await run(policies.slice(0, 500));
const started = performance.now();
await run(policies);
console.log(
  JSON.stringify({ perSecond: policies.length / ((performance.now() - started) / 1000) }),
);
