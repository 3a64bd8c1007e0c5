import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importPrivateKey, importPublicKey } from '../../src/core/key/import.ts';
import type { SigningKey } from '../../src/core/key/types.ts';
import { decodeBase64, encodeBase64 } from '../../src/core/lib/base64.ts';
import { readChildren, readSingle, sequence } from '../../src/core/lib/der.ts';
import { encodePem } from '../../src/core/lib/pem.ts';
import {
  ecdsaRawToDer,
  fixtureBytes,
  fixturePath,
  fixtureText,
  openssl,
  opensslVerifies,
  PASSPHRASE,
  refusal,
  run,
  temporaryFolder,
  vectorPath,
} from './keys.fixtures.ts';

interface Accepted {
  /** A fixture under test/fixtures/keys, or a shared vector under test/vectors/aws/keys. */
  readonly file: string;
  readonly vector?: boolean;
  readonly type: 'RSA' | 'ECDSA';
  readonly format: SigningKey['format'];
  readonly description: string;
  readonly der?: boolean;
  readonly encrypted?: boolean;
  readonly sizeWarning?: boolean;
}

const RSA = { type: 'RSA', description: 'RSA 2048-bit' } as const;
const P256 = { type: 'ECDSA', description: 'ECDSA P-256' } as const;

const ACCEPTED: readonly Accepted[] = [
  { file: 'rsa-2048-pkcs8.pem', ...RSA, format: 'PKCS#8' },
  { file: 'rsa-2048-pkcs1.pem', ...RSA, format: 'PKCS#1' },
  { file: 'rsa-2048-pkcs8.der', ...RSA, format: 'PKCS#8', der: true },
  { file: 'rsa-2048-pkcs1.der', ...RSA, format: 'PKCS#1', der: true },
  { file: 'rsa-2048-encrypted.pem', ...RSA, format: 'encrypted PKCS#8', encrypted: true },
  {
    file: 'rsa-2048-encrypted.der',
    ...RSA,
    format: 'encrypted PKCS#8',
    encrypted: true,
    der: true,
  },
  {
    file: 'rsa-1024-pkcs8.pem',
    type: 'RSA',
    description: 'RSA 1024-bit',
    format: 'PKCS#8',
    sizeWarning: true,
  },
  { file: 'p256-pkcs8.pem', ...P256, format: 'PKCS#8' },
  { file: 'p256-sec1.pem', ...P256, format: 'SEC1' },
  { file: 'p256-ecparam.pem', ...P256, format: 'SEC1' },
  { file: 'p256-sec1-no-public.pem', ...P256, format: 'SEC1' },
  { file: 'p256-sec1-compressed.pem', ...P256, format: 'SEC1' },
  { file: 'p256-pkcs8.der', ...P256, format: 'PKCS#8', der: true },
  { file: 'p256-sec1.der', ...P256, format: 'SEC1', der: true },
  ...['sha1', 'sha256', 'sha384', 'sha512'].flatMap((prf) =>
    [128, 192, 256].map(
      (bits): Accepted => ({
        file: `p256-pbes2-${prf}-aes${bits}.pem`,
        ...P256,
        format: 'encrypted PKCS#8',
        encrypted: true,
      }),
    ),
  ),
  // The shared AWS test vectors: an RSA-1024 key (it must sign) and a P-256 key.
  {
    file: 'sep-test-rsa-key.pem',
    vector: true,
    type: 'RSA',
    description: 'RSA 1024-bit',
    format: 'PKCS#8',
    sizeWarning: true,
  },
  {
    file: 'sep-test-rsa-key-pkcs1.pem',
    vector: true,
    type: 'RSA',
    description: 'RSA 1024-bit',
    format: 'PKCS#1',
    sizeWarning: true,
  },
  { file: 'sep-test-ecdsa-key.pem', vector: true, ...P256, format: 'PKCS#8' },
  { file: 'sep-test-ecdsa-key-sec1.pem', vector: true, ...P256, format: 'SEC1' },
];

function pathOf(form: Accepted): string {
  return form.vector ? vectorPath(form.file) : fixturePath(form.file);
}

/** What `openssl pkey -pubout` writes for the fixture: the reference for the public PEM. */
function opensslPublicPem(form: Accepted, outform: 'PEM' | 'DER' = 'PEM'): string {
  const args = ['pkey', '-in', pathOf(form), '-pubout', '-outform', outform];
  if (form.der) args.push('-inform', 'DER');
  if (form.encrypted) args.push('-passin', `pass:${PASSPHRASE}`);
  // OpenSSL keeps a compressed key compressed; CloudFront and Signet use the uncompressed point.
  if (form.type === 'ECDSA') args.push('-ec_conv_form', 'uncompressed');
  return openssl(...args);
}

const DATA = new TextEncoder().encode(
  '{"Statement":[{"Resource":"https://d111111abcdef8.cloudfront.net/"}]}',
);

async function sign(key: SigningKey, hash: 'SHA1' | 'SHA256'): Promise<Uint8Array> {
  const algorithm =
    key.type === 'RSA'
      ? { name: 'RSASSA-PKCS1-v1_5' }
      : { name: 'ECDSA', hash: hash === 'SHA1' ? 'SHA-1' : 'SHA-256' };
  const signature = new Uint8Array(await crypto.subtle.sign(algorithm, key.cryptoKeys[hash], DATA));
  return key.type === 'RSA' ? signature : ecdsaRawToDer(signature);
}

describe('importPrivateKey accepts every form a CloudFront key comes in', () => {
  for (const form of ACCEPTED) {
    it(`imports ${form.file} as ${form.description} ${form.format}, whose signatures openssl verifies`, async () => {
      const input = form.der ? fixtureBytes(form.file) : readFileSync(pathOf(form), 'utf8');
      const key = await importPrivateKey(
        input,
        form.encrypted ? { passphrase: PASSPHRASE } : undefined,
      );

      expect(key.type).toBe(form.type);
      expect(key.description).toBe(form.description);
      expect(key.format).toBe(form.format);
      if (form.type === 'RSA') {
        expect(key.modulusBits).toBe(Number(form.description.match(/\d+/)?.[0]));
        expect(key.namedCurve).toBeUndefined();
      } else {
        expect(key.namedCurve).toBe('P-256');
        expect(key.modulusBits).toBeUndefined();
      }

      // The public PEM is exactly what openssl derives, and what the console's "Create public key" wants.
      expect(key.publicKey.pem).toBe(opensslPublicPem(form));
      const spki = decodeBase64(
        opensslPublicPem(form).replace(/-----[^-]+-----/g, ''),
      ) as Uint8Array;
      const digest = createHash('sha256').update(spki).digest('base64').replace(/=+$/, '');
      expect(key.publicKey.fingerprint).toBe(`SHA256:${digest}`);
      expect(key.publicKey.description).toBe(form.description);

      for (const hash of ['SHA1', 'SHA256'] as const) {
        const signature = await sign(key, hash);
        expect(
          opensslVerifies(key.publicKey.pem, hash === 'SHA1' ? 'sha1' : 'sha256', DATA, signature),
        ).toBe(true);
      }

      if (form.sizeWarning) {
        expect(key.warnings).toHaveLength(1);
        expect(key.warnings[0]?.code).toBe('RSA_KEY_SIZE');
        expect(key.warnings[0]?.message).toContain(
          `This is an RSA ${key.modulusBits}-bit key. CloudFront only accepts 2048-bit RSA public keys`,
        );
      } else {
        expect(key.warnings).toEqual([]);
      }
    });
  }

  it('makes sign keys that are non-extractable, sign-only and bound to their hash', async () => {
    const rsa = await importPrivateKey(fixtureText('rsa-2048-pkcs8.pem'));
    for (const hash of ['SHA1', 'SHA256'] as const) {
      const key = rsa.cryptoKeys[hash];
      expect(key.extractable).toBe(false);
      expect(key.type).toBe('private');
      expect(key.usages).toEqual(['sign']);
      expect(key.algorithm).toMatchObject({
        name: 'RSASSA-PKCS1-v1_5',
        hash: { name: hash === 'SHA1' ? 'SHA-1' : 'SHA-256' },
      });
      expect(rsa.publicKey.cryptoKeys[hash].usages).toEqual(['verify']);
      expect(rsa.publicKey.cryptoKeys[hash].type).toBe('public');
    }
    const ec = await importPrivateKey(fixtureText('p256-sec1-no-public.pem'));
    expect(ec.cryptoKeys.SHA1).toBe(ec.cryptoKeys.SHA256);
    expect(ec.cryptoKeys.SHA1.extractable).toBe(false);
    expect(ec.cryptoKeys.SHA1.usages).toEqual(['sign']);
    expect(ec.cryptoKeys.SHA1.algorithm).toMatchObject({ name: 'ECDSA', namedCurve: 'P-256' });
    await expect(crypto.subtle.exportKey('pkcs8', ec.cryptoKeys.SHA1)).rejects.toThrow();
  });

  it('returns frozen plain objects that survive structured cloning, as a Web Worker receives them', async () => {
    const key = await importPrivateKey(fixtureText('rsa-2048-pkcs8.pem'));
    for (const part of [
      key,
      key.publicKey,
      key.cryptoKeys,
      key.publicKey.cryptoKeys,
      key.warnings,
    ]) {
      expect(Object.isFrozen(part)).toBe(true);
    }
    expect(Object.getPrototypeOf(key)).toBe(Object.prototype);
    const clone = structuredClone(key);
    expect(clone.publicKey.pem).toBe(key.publicKey.pem);
    expect(clone.cryptoKeys.SHA256.extractable).toBe(false);
    const signature = await crypto.subtle.sign('RSASSA-PKCS1-v1_5', clone.cryptoKeys.SHA256, DATA);
    expect(
      await crypto.subtle.verify(
        'RSASSA-PKCS1-v1_5',
        key.publicKey.cryptoKeys.SHA256,
        signature,
        DATA,
      ),
    ).toBe(true);
  });

  it('writes the public PEM with 64-character lines and a trailing newline', async () => {
    const { publicKey } = await importPrivateKey(fixtureText('rsa-2048-pkcs1.pem'));
    const lines = publicKey.pem.split('\n');
    expect(lines[0]).toBe('-----BEGIN PUBLIC KEY-----');
    expect(lines.at(-2)).toBe('-----END PUBLIC KEY-----');
    expect(lines.at(-1)).toBe('');
    for (const line of lines.slice(1, -3)) expect(line).toHaveLength(64);
  });

  it('reads Uint8Array, ArrayBuffer and Node Buffer input alike', async () => {
    const der = fixtureBytes('p256-pkcs8.der');
    const expected = (await importPrivateKey(der)).publicKey.fingerprint;
    const buffer = der.buffer.slice(der.byteOffset, der.byteOffset + der.byteLength) as ArrayBuffer;
    expect((await importPrivateKey(buffer)).publicKey.fingerprint).toBe(expected);
    expect((await importPrivateKey(Buffer.from(der))).publicKey.fingerprint).toBe(expected);
  });
});

describe('importPrivateKey repairs mangled PEM text', () => {
  const pkcs1 = fixtureText('rsa-2048-pkcs1.pem');
  const lines = pkcs1.trimEnd().split('\n');
  const body = lines.slice(1, -1);
  const header = lines[0] as string;
  const footer = lines.at(-1) as string;
  const certificate = fixtureText('rsa-2048-certificate.pem');

  const MANGLED: Record<string, string | Uint8Array> = {
    'CRLF line ends': pkcs1.replace(/\n/g, '\r\n'),
    'old Mac CR line ends': pkcs1.replace(/\n/g, '\r'),
    'literal \\n sequences, as from an environment variable': pkcs1.replace(/\n/g, '\\n'),
    'literal \\r\\n sequences': pkcs1.replace(/\n/g, '\\r\\n'),
    'double-escaped \\\\n sequences, as from JSON inside a shell string': pkcs1.replace(
      /\n/g,
      '\\\\n',
    ),
    'surrounding double quotes with \\n escapes, as in a .env file': `"${pkcs1.trimEnd().replace(/\n/g, '\\n')}"`,
    'surrounding single quotes': `'${pkcs1}'`,
    'a JSON string inside shell quotes': `'"${pkcs1.trimEnd().replace(/\n/g, '\\n')}"'`,
    'the base64 body on one line': `${header}\n${body.join('')}\n${footer}\n`,
    'everything on one line, newlines turned into spaces': pkcs1.replace(/\n/g, ' '),
    'everything on one line with no separators at all': pkcs1.replace(/\n/g, ''),
    'text before and after the armour': `Here is the key you asked for:\n\n${pkcs1}\nDelete this e-mail after reading.\n`,
    'a leading byte order mark': `\ufeff${pkcs1}`,
    'indented lines, as in YAML': pkcs1.replace(/^/gm, '    '),
    'trailing spaces and tabs on every line': pkcs1.replace(/\n/g, ' \t\n'),
    'dashes turned typographic by a word processor': pkcs1.replace(
      /-----/g,
      '\u2013\u2013\u2013\u2013\u2013',
    ),
    'non-breaking spaces and a zero-width space': pkcs1
      .replace(/\n/g, '\u00a0\n')
      .replace('MII', 'M\u200bII'),
    'a certificate before the key': `${certificate}${pkcs1}`,
    'a certificate after the key': `${pkcs1}${certificate}`,
    'UTF-8 bytes of the PEM file': new TextEncoder().encode(pkcs1),
    'UTF-16LE bytes with a byte order mark, as Notepad saves "Unicode"': Uint8Array.from(
      Buffer.from(`\ufeff${pkcs1}`, 'utf16le'),
    ),
    'UTF-16BE bytes with a byte order mark': Uint8Array.from(
      Buffer.from(`\ufeff${pkcs1}`, 'utf16le').swap16(),
    ),
    'UTF-8 bytes with a byte order mark and CRLF': new TextEncoder().encode(
      `\ufeff${pkcs1.replace(/\n/g, '\r\n')}`,
    ),
    'a bare base64 body without armour, on several lines': body.join('\n'),
    'a bare base64 body without armour, on one line': body.join(''),
  };

  it.each(Object.entries(MANGLED))('reads a key with %s', async (_, input) => {
    const expected = (await importPrivateKey(pkcs1)).publicKey.fingerprint;
    const key = await importPrivateKey(input);
    expect(key.publicKey.fingerprint).toBe(expected);
    expect(key.type).toBe('RSA');
  });

  it('reads a SEC1 key after its EC PARAMETERS block, as openssl ecparam -genkey writes it', async () => {
    const text = fixtureText('p256-ecparam.pem');
    expect(text).toContain('BEGIN EC PARAMETERS');
    const key = await importPrivateKey(text);
    expect(key.publicKey.pem).toBe(fixtureText('p256-ecparam-public.pem'));
  });

  it('takes the curve from the EC PARAMETERS block when the SEC1 key omits its [0] parameters', async () => {
    // Built from the fixture: the same ECPrivateKey without its optional [0] field (RFC 5915 3).
    const fields = readChildren(readSingle(fixtureBytes('p256-sec1.der')));
    const withoutCurve = sequence(
      ...fields.filter((field) => field.tag !== 0xa0).map((field) => field.encoded),
    );
    const parameters = openssl('ecparam', '-name', 'prime256v1');
    const key = await importPrivateKey(`${parameters}${encodePem('EC PRIVATE KEY', withoutCurve)}`);
    expect(key.publicKey.pem).toBe(fixtureText('p256-public.pem'));

    const error = await refusal(
      importPrivateKey(encodePem('EC PRIVATE KEY', withoutCurve)),
      'ERR_KEY_MALFORMED',
    );
    expect(error.message).toContain('does not name its curve');
  });

  it('ignores a passphrase given for a key that is not encrypted', async () => {
    const key = await importPrivateKey(fixtureText('p256-pkcs8.pem'), { passphrase: 'unused' });
    expect(key.format).toBe('PKCS#8');
  });

  it('decrypts with a passphrase that is not ASCII, as its UTF-8 bytes', async () => {
    const passphrase = 'pässwörd \u{1F511} 密码';
    const encrypted = run('openssl', [
      'pkcs8',
      '-topk8',
      '-v2',
      'aes-192-cbc',
      '-in',
      fixturePath('p256-pkcs8.pem'),
      '-passout',
      `pass:${passphrase}`,
    ]);
    const key = await importPrivateKey(encrypted, { passphrase });
    expect(key.publicKey.pem).toBe(fixtureText('p256-public.pem'));
  });
});

describe('importPublicKey', () => {
  const FORMS: readonly [string, string, boolean?][] = [
    ['an SPKI PEM (BEGIN PUBLIC KEY)', 'rsa-2048-public.pem'],
    ['an SPKI DER', 'rsa-2048-public.der', true],
    ['a PKCS#1 RSA PUBLIC KEY PEM', 'rsa-2048-rsapublickey.pem'],
    ['a PKCS#1 RSAPublicKey DER', 'rsa-2048-rsapublickey.der', true],
    ['a certificate PEM', 'rsa-2048-certificate.pem'],
    ['a certificate DER', 'rsa-2048-certificate.der', true],
    ['a certificate signing request', 'rsa-2048-request.pem'],
  ];

  it.each(FORMS)('reads %s (%s) into the SPKI that openssl writes', async (_, file, der) => {
    const input = der ? fixtureBytes(file) : fixtureText(file);
    const publicKey = await importPublicKey(input);
    expect(publicKey.pem).toBe(fixtureText('rsa-2048-public.pem'));
    expect(publicKey.type).toBe('RSA');
    expect(publicKey.modulusBits).toBe(2048);
    expect(publicKey.description).toBe('RSA 2048-bit');
    const digest = createHash('sha256')
      .update(fixtureBytes('rsa-2048-public.der'))
      .digest('base64');
    expect(publicKey.fingerprint).toBe(`SHA256:${digest.replace(/=+$/, '')}`);
    expect(Object.isFrozen(publicKey)).toBe(true);
  });

  it('reads P-256 public keys and certificates, and the shared vectors', async () => {
    expect((await importPublicKey(fixtureText('p256-public.pem'))).pem).toBe(
      fixtureText('p256-public.pem'),
    );
    expect((await importPublicKey(fixtureBytes('p256-public.der'))).description).toBe(
      'ECDSA P-256',
    );
    expect((await importPublicKey(fixtureText('p256-certificate.pem'))).pem).toBe(
      fixtureText('p256-public.pem'),
    );
    for (const name of ['sep-test-rsa-key-public.pem', 'sep-test-ecdsa-key-public.pem']) {
      const pem = readFileSync(vectorPath(name), 'utf8');
      expect((await importPublicKey(pem)).pem).toBe(pem);
    }
  });

  it('takes the leaf (first) certificate of a chain, and the public key beside a private one', async () => {
    const chain = fixtureText('p256-certificate.pem') + fixtureText('rsa-2048-certificate.pem');
    expect((await importPublicKey(chain)).type).toBe('ECDSA');
    const both = fixtureText('rsa-2048-pkcs8.pem') + fixtureText('rsa-2048-public.pem');
    expect((await importPublicKey(both)).pem).toBe(fixtureText('rsa-2048-public.pem'));
  });

  it('returns the publicKey of a SigningKey, and a PublicKey itself', async () => {
    const signingKey = await importPrivateKey(fixtureText('p256-pkcs8.pem'));
    expect(await importPublicKey(signingKey)).toBe(signingKey.publicKey);
    expect(await importPublicKey(signingKey.publicKey)).toBe(signingKey.publicKey);
  });

  it('verifies signatures that openssl makes', async () => {
    for (const [keyFile, publicFile] of [
      ['rsa-2048-pkcs8.pem', 'rsa-2048-public.pem'],
      ['p256-pkcs8.pem', 'p256-public.pem'],
    ] as const) {
      const publicKey = await importPublicKey(fixtureText(publicFile));
      const folder = temporaryFolder();
      try {
        writeFileSync(folder.path('data'), DATA);
        openssl(
          'dgst',
          '-sha256',
          '-sign',
          fixturePath(keyFile),
          '-out',
          folder.path('sig'),
          folder.path('data'),
        );
        let signature = new Uint8Array(readFileSync(folder.path('sig')));
        const algorithm =
          publicKey.type === 'RSA'
            ? { name: 'RSASSA-PKCS1-v1_5' }
            : { name: 'ECDSA', hash: 'SHA-256' };
        if (publicKey.type === 'ECDSA') signature = derToRaw(signature);
        expect(
          await crypto.subtle.verify(algorithm, publicKey.cryptoKeys.SHA256, signature, DATA),
        ).toBe(true);
      } finally {
        folder.remove();
      }
    }
  });

  const REFUSED: readonly [string, string, Parameters<typeof refusal>[1], string][] = [
    ['a PKCS#8 private key', 'rsa-2048-pkcs8.pem', 'ERR_KEY_IS_PRIVATE', 'importPrivateKey()'],
    ['a SEC1 private key', 'p256-sec1.pem', 'ERR_KEY_IS_PRIVATE', 'pass that signing key here'],
    ['a DER private key', 'rsa-2048-pkcs1.der', 'ERR_KEY_IS_PRIVATE', 'This is a private key'],
    [
      'an encrypted private key',
      'rsa-2048-encrypted.pem',
      'ERR_KEY_IS_PRIVATE',
      'BEGIN ENCRYPTED PRIVATE KEY',
    ],
    ['an OpenSSH private key', 'openssh-rsa', 'ERR_KEY_IS_PRIVATE', 'BEGIN OPENSSH PRIVATE KEY'],
    [
      'a P-384 public key',
      'p384-public.pem',
      'ERR_KEY_EC_CURVE',
      'CloudFront accepts only P-256 (prime256v1)',
    ],
    ['an Ed25519 public key', 'ed25519-public.pem', 'ERR_KEY_ED25519', 'Ed25519'],
    ['a DSA public key', 'dsa-public.pem', 'ERR_KEY_DSA', 'DSA'],
    [
      'an OpenSSH public key line',
      'openssh-rsa.pub',
      'ERR_KEY_OPENSSH',
      'ssh-keygen -e -m PKCS8 -f id_rsa.pub',
    ],
    ['two public keys in one file', 'two-public-keys', 'ERR_KEY_MULTIPLE', 'holds 2 public keys'],
    ['random bytes', 'random.bin', 'ERR_KEY_NOT_RECOGNIZED', 'BEGIN PUBLIC KEY'],
    ['an empty file', 'empty.pem', 'ERR_KEY_EMPTY', 'empty'],
  ];

  it.each(REFUSED)('refuses %s (%s) with %s', async (_, file, code, phrase) => {
    const input =
      file === 'two-public-keys'
        ? fixtureText('rsa-2048-public.pem') + fixtureText('p256-public.pem')
        : fixtureBytes(file);
    const error = await refusal(importPublicKey(input), code);
    expect(error.message).toContain(phrase);
  });
});

/** OpenSSL's DER ECDSA signature to WebCrypto's r‖s. */
function derToRaw(der: Uint8Array): Uint8Array<ArrayBuffer> {
  const [r, s] = readChildren(readSingle(der)).map((integer) => {
    const value = integer.value.subarray(Math.max(0, integer.value.length - 32));
    const out = new Uint8Array(32);
    out.set(value, 32 - value.length);
    return out;
  });
  return Uint8Array.from([...(r as Uint8Array), ...(s as Uint8Array)]);
}

describe('fingerprints', () => {
  it('match ssh-keygen style: SHA256: and unpadded standard base64 of the SPKI DER', async () => {
    const { publicKey } = await importPrivateKey(fixtureText('p256-pkcs8.pem'));
    const digest = encodeBase64(
      createHash('sha256').update(fixtureBytes('p256-public.der')).digest(),
    );
    expect(publicKey.fingerprint).toBe(`SHA256:${digest.replace(/=+$/, '')}`);
    expect(publicKey.fingerprint).not.toContain('=');
  });
});
