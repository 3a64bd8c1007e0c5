/** Key import in every form a CloudFront key arrives in, the refusals, and generateKeyPair. */

import {
  evaluateRequest,
  generateKeyPair,
  importPrivateKey,
  importPublicKey,
  type KeyType,
  type SigningKey,
  signUrl,
} from '../../../src/core/index.ts';
import { type ConformanceCase, D, KEY_PAIR_ID, NOW } from '../case.ts';
import { equal, ok, refused } from '../check.ts';
import { derKeys, keys, PASSPHRASE, vectorKey } from '../fixtures.ts';

const EXPIRES = NOW / 1000 + 3600;

function expectKey(
  key: SigningKey,
  expected: Pick<SigningKey, 'type' | 'format' | 'description'>,
  publicPem: string,
  what: string,
): void {
  equal(key.type, expected.type, `${what}: type`);
  equal(key.format, expected.format, `${what}: format`);
  equal(key.description, expected.description, `${what}: description`);
  equal(
    key.publicKey.pem,
    publicPem,
    `${what}: public key PEM (as openssl pkey -pubout writes it)`,
  );
  equal(key.cryptoKeys.SHA256.extractable, false, `${what}: the CryptoKey is non-extractable`);
  equal(key.warnings.length, 0, `${what}: warnings`);
}

/** A key is only proven by what it signs: a SHA-256 URL that the emulated CloudFront allows. */
async function signsAllowedUrl(key: SigningKey, publicKey: string, what: string): Promise<void> {
  const { url } = await signUrl({
    url: `${D}/key.jpg`,
    keyPairId: KEY_PAIR_ID,
    privateKey: key,
    dateLessThan: EXPIRES,
    hashAlgorithm: 'SHA256',
    now: NOW,
  });
  const verdict = await evaluateRequest({
    url,
    now: NOW,
    trustedKeys: { [KEY_PAIR_ID]: publicKey },
  });
  ok(verdict.allowed, `${what}: its signed URL is allowed (${verdict.reason})`);
}

const RSA_2048 = { type: 'RSA', description: 'RSA 2048-bit' } as const;
const P256 = { type: 'ECDSA', description: 'ECDSA P-256' } as const;

/** UTF-16LE with a byte order mark, as Windows Notepad saves "Unicode". */
function utf16le(text: string): Uint8Array {
  const bytes = new Uint8Array(2 + text.length * 2);
  bytes.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    bytes[2 + i * 2] = code & 0xff;
    bytes[3 + i * 2] = code >> 8;
  }
  return bytes;
}

function generated(type: KeyType): ConformanceCase {
  return {
    name: `key: generateKeyPair('${type}') gives PEM files and a signing key that round-trip through evaluateRequest`,
    async run() {
      const pair = await generateKeyPair(type);
      ok(pair.privateKeyPem.startsWith('-----BEGIN PRIVATE KEY-----\n'), 'private key PEM');
      ok(pair.publicKeyPem.startsWith('-----BEGIN PUBLIC KEY-----\n'), 'public key PEM');
      equal(pair.signingKey.type, type, 'type');
      equal(pair.signingKey.publicKey.pem, pair.publicKeyPem, 'the signing key’s public PEM');
      equal(pair.signingKey.cryptoKeys.SHA256.extractable, false, 'non-extractable');
      const again = await importPrivateKey(pair.privateKeyPem);
      equal(
        again.publicKey.fingerprint,
        pair.signingKey.publicKey.fingerprint,
        'the private PEM re-imported',
      );
      await signsAllowedUrl(pair.signingKey, pair.publicKeyPem, 'generated key');
    },
  };
}

export const keyCases: readonly ConformanceCase[] = [
  {
    name: 'key: imports PKCS#1 (BEGIN RSA PRIVATE KEY) with the public key openssl derives',
    async run() {
      const key = await importPrivateKey(keys.rsa2048Pkcs1);
      expectKey(key, { ...RSA_2048, format: 'PKCS#1' }, keys.rsa2048Public, 'PKCS#1');
      equal(key.modulusBits, 2048, 'modulus bits');
      await signsAllowedUrl(key, keys.rsa2048Public, 'PKCS#1');
    },
  },
  {
    name: 'key: imports PKCS#8 as PEM, DER bytes and a DER ArrayBuffer, as one key',
    async run() {
      const pem = await importPrivateKey(keys.rsa2048Pkcs8);
      expectKey(pem, { ...RSA_2048, format: 'PKCS#8' }, keys.rsa2048Public, 'PKCS#8 PEM');
      const der = await importPrivateKey(derKeys.rsa2048Pkcs8());
      expectKey(der, { ...RSA_2048, format: 'PKCS#8' }, keys.rsa2048Public, 'PKCS#8 DER');
      const buffer = await importPrivateKey(derKeys.rsa2048Pkcs8().buffer);
      equal(buffer.publicKey.fingerprint, pem.publicKey.fingerprint, 'PKCS#8 DER ArrayBuffer');
      const ec = await importPrivateKey(derKeys.p256Pkcs8());
      expectKey(ec, { ...P256, format: 'PKCS#8' }, keys.p256Public, 'P-256 PKCS#8 DER');
    },
  },
  {
    name: 'key: imports SEC1 (BEGIN EC PRIVATE KEY) as PEM and as DER bytes',
    async run() {
      const pem = await importPrivateKey(keys.p256Sec1);
      expectKey(pem, { ...P256, format: 'SEC1' }, keys.p256Public, 'SEC1 PEM');
      equal(pem.namedCurve, 'P-256', 'curve');
      const der = await importPrivateKey(derKeys.p256Sec1());
      expectKey(der, { ...P256, format: 'SEC1' }, keys.p256Public, 'SEC1 DER');
      await signsAllowedUrl(der, keys.p256Public, 'SEC1');
    },
  },
  {
    name: 'key: derives the public point of a SEC1 key saved without one (openssl ec -no_public)',
    async run() {
      const key = await importPrivateKey(keys.p256Sec1NoPublic);
      expectKey(key, { ...P256, format: 'SEC1' }, keys.p256Public, 'SEC1 without public point');
      await signsAllowedUrl(key, keys.p256Public, 'SEC1 without public point');
    },
  },
  {
    name: 'key: reads a SEC1 key whose public point is compressed, giving the uncompressed SPKI',
    async run() {
      const key = await importPrivateKey(keys.p256Sec1Compressed);
      expectKey(key, { ...P256, format: 'SEC1' }, keys.p256Public, 'compressed SEC1');
    },
  },
  {
    name: 'key: decrypts encrypted PKCS#8 (PBKDF2-HMAC-SHA-256, AES-256-CBC) with its passphrase only',
    async run() {
      const key = await importPrivateKey(keys.rsa2048Encrypted, { passphrase: PASSPHRASE });
      expectKey(key, { ...RSA_2048, format: 'encrypted PKCS#8' }, keys.rsa2048Public, 'encrypted');
      await refused(importPrivateKey(keys.rsa2048Encrypted), 'ERR_KEY_PASSPHRASE_REQUIRED', 'none');
      await refused(
        importPrivateKey(keys.rsa2048Encrypted, { passphrase: 'wrong horse' }),
        'ERR_KEY_PASSPHRASE_WRONG',
        'a wrong passphrase',
      );
    },
  },
  {
    name: 'key: decrypts encrypted PKCS#8 with PBKDF2-HMAC-SHA-1 and AES-192-CBC (the core’s own AES)',
    needs: ['PBKDF2-SHA1'],
    async run() {
      const key = await importPrivateKey(keys.p256Pbes2Sha1Aes192, { passphrase: PASSPHRASE });
      expectKey(key, { ...P256, format: 'encrypted PKCS#8' }, keys.p256Public, 'AES-192');
      await refused(
        importPrivateKey(keys.p256Pbes2Sha1Aes192, { passphrase: 'wrong horse' }),
        'ERR_KEY_PASSPHRASE_WRONG',
        'a wrong passphrase',
      );
    },
  },
  {
    name: 'key: repairs PEM mangled by environment variables, .env files, mail and Notepad',
    async run() {
      const pem = keys.rsa2048Pkcs1;
      const lines = pem.trimEnd().split('\n');
      const mangled: Record<string, string | Uint8Array> = {
        'literal \\n, as from an environment variable': pem.replace(/\n/g, '\\n'),
        'double quotes around \\n escapes, as in a .env file': `"${pem.trimEnd().replace(/\n/g, '\\n')}"`,
        'CRLF line ends': pem.replace(/\n/g, '\r\n'),
        'the body on one line': `${lines[0]}\n${lines.slice(1, -1).join('')}\n${lines.at(-1)}\n`,
        'newlines turned into spaces': pem.replace(/\n/g, ' '),
        'text around the armour': `Here is the key:\n\n${pem}\nDelete this mail.\n`,
        'a byte order mark': `\ufeff${pem}`,
        'UTF-8 bytes': new TextEncoder().encode(pem),
        'UTF-16LE bytes with a byte order mark': utf16le(`\ufeff${pem}`),
      };
      const expected = (await importPrivateKey(pem)).publicKey.fingerprint;
      for (const [how, input] of Object.entries(mangled)) {
        const key = await importPrivateKey(input);
        equal(key.publicKey.fingerprint, expected, how);
      }
    },
  },
  {
    name: 'key: reads public keys as SPKI PEM and DER, PKCS#1 and from a certificate, as one key',
    async run() {
      const spki = await importPublicKey(keys.rsa2048Public);
      equal(spki.description, 'RSA 2048-bit', 'description');
      ok(/^SHA256:[A-Za-z0-9+/]{43}$/.test(spki.fingerprint), 'fingerprint form');
      for (const [what, input] of [
        ['SPKI DER', derKeys.rsa2048Public()],
        ['PKCS#1 (BEGIN RSA PUBLIC KEY)', keys.rsa2048RsaPublicKey],
        ['a certificate', keys.rsa2048Certificate],
      ] as const) {
        const key = await importPublicKey(input);
        equal(key.fingerprint, spki.fingerprint, what);
        equal(key.pem, keys.rsa2048Public, `${what}: PEM`);
      }
      const ec = await importPublicKey(derKeys.p256Public());
      equal(ec.pem, keys.p256Public, 'P-256 SPKI DER');
    },
  },
  {
    name: 'key: refuses a public key, Ed25519, P-384, DSA and an empty input, each with its code',
    async run() {
      await refused(importPrivateKey(keys.rsa2048Public), 'ERR_KEY_IS_PUBLIC', 'a public key');
      await refused(importPrivateKey(keys.ed25519Pkcs8), 'ERR_KEY_ED25519', 'Ed25519');
      await refused(importPrivateKey(keys.p384Pkcs8), 'ERR_KEY_EC_CURVE', 'P-384');
      await refused(importPrivateKey(vectorKey('keys/sep-test-dsa-key.pem')), 'ERR_KEY_DSA', 'DSA');
      await refused(importPrivateKey(''), 'ERR_KEY_EMPTY', 'an empty string');
      const error = await refused(
        importPrivateKey(keys.rsa2048Public),
        'ERR_KEY_IS_PUBLIC',
        'again',
      );
      ok(/private key/i.test(error.message), 'the message says a private key is needed');
    },
  },
  {
    name: 'key: signs with the AWS vectors’ 1024-bit RSA key, warning RSA_KEY_SIZE',
    needs: ['RSA-1024'],
    async run() {
      const key = await importPrivateKey(vectorKey('keys/sep-test-rsa-key.pem'));
      equal(key.description, 'RSA 1024-bit', 'description');
      equal(
        key.warnings.map((warning) => warning.code),
        ['RSA_KEY_SIZE'],
        'warnings',
      );
      await signsAllowedUrl(key, vectorKey('keys/sep-test-rsa-key-public.pem'), 'RSA-1024');
    },
  },
  generated('ECDSA'),
  generated('RSA'),
];
