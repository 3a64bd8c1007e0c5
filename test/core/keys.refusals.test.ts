import { chmodSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SignetErrorCode } from '../../src/core/errors.ts';
import { importPrivateKey } from '../../src/core/key/import.ts';
import { decodeBase64, encodeBase64 } from '../../src/core/lib/base64.ts';
import {
  bitString,
  contextTag,
  readChildren,
  readSingle,
  sequence,
  tlv,
  unsignedInteger,
} from '../../src/core/lib/der.ts';
import { encodePem } from '../../src/core/lib/pem.ts';
import {
  fixtureBytes,
  fixturePath,
  fixtureText,
  PASSPHRASE,
  refusal,
  run,
  temporaryFolder,
  vectorPath,
} from './keys.fixtures.ts';

interface Refused {
  readonly file: string;
  readonly code: SignetErrorCode;
  /** Phrases that the message must contain: what the input is, and the fix. */
  readonly says: readonly string[];
  readonly passphrase?: string;
}

const CREATE_RSA = 'openssl genrsa -out private_key.pem 2048';
const CREATE_P256 = 'openssl ecparam -name prime256v1 -genkey -noout -out private_key.pem';
const REENCRYPT = 'openssl pkcs8 -topk8 -v2 aes-256-cbc -in key.pem -out key-aes.pem';

const REFUSED: readonly Refused[] = [
  {
    file: 'rsa-2048-public.pem',
    code: 'ERR_KEY_IS_PUBLIC',
    says: [
      'This is a public key (BEGIN PUBLIC KEY). Signing needs the private key that you created it from.',
    ],
  },
  {
    file: 'rsa-2048-public.der',
    code: 'ERR_KEY_IS_PUBLIC',
    says: ['public key (DER SubjectPublicKeyInfo)'],
  },
  {
    file: 'rsa-2048-rsapublickey.pem',
    code: 'ERR_KEY_IS_PUBLIC',
    says: ['(BEGIN RSA PUBLIC KEY)', 'private key'],
  },
  {
    file: 'openssh-rsa.pub',
    code: 'ERR_KEY_IS_PUBLIC',
    says: ['public key (OpenSSH ssh-rsa', 'private key'],
  },
  {
    file: 'rsa-2048-certificate.pem',
    code: 'ERR_KEY_IS_CERTIFICATE',
    says: ['This is a certificate (BEGIN CERTIFICATE)', 'private key that you created it from'],
  },
  {
    file: 'rsa-2048-certificate.der',
    code: 'ERR_KEY_IS_CERTIFICATE',
    says: ['certificate (DER X.509)'],
  },
  {
    file: 'rsa-2048-request.pem',
    code: 'ERR_KEY_NOT_RECOGNIZED',
    says: ['certificate signing request'],
  },
  {
    file: 'openssh-rsa',
    code: 'ERR_KEY_OPENSSH',
    says: ['OpenSSH private key', 'ssh-rsa', 'ssh-keygen -p -m PKCS8 -f id_rsa'],
  },
  {
    file: 'openssh-ecdsa',
    code: 'ERR_KEY_OPENSSH',
    says: ['ecdsa-sha2-nistp256', 'ssh-keygen -p -m PKCS8 -f id_ecdsa'],
  },
  {
    file: 'openssh-rsa-encrypted',
    code: 'ERR_KEY_OPENSSH',
    says: ['ssh-keygen -p -m PKCS8', 'It is encrypted (aes256-ctr)'],
  },
  { file: 'openssh-ed25519', code: 'ERR_KEY_ED25519', says: ['Ed25519', CREATE_RSA] },
  {
    file: 'putty-rsa-v3.ppk',
    code: 'ERR_KEY_PUTTY',
    says: [
      'PuTTY private key (PuTTY-User-Key-File-3)',
      'puttygen key.ppk -O private-openssh -o key.pem',
    ],
  },
  {
    file: 'putty-rsa-v2.ppk',
    code: 'ERR_KEY_PUTTY',
    says: ['PuTTY-User-Key-File-2', 'puttygen key.ppk'],
  },
  { file: 'putty-ed25519.ppk', code: 'ERR_KEY_ED25519', says: ['Ed25519'] },
  {
    file: 'rsa-2048-legacy-aes128.pem',
    code: 'ERR_KEY_LEGACY_ENCRYPTED',
    says: [
      'BEGIN RSA PRIVATE KEY',
      'DEK-Info: AES-128-CBC',
      'openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem',
    ],
  },
  {
    file: 'p256-legacy-aes128.pem',
    code: 'ERR_KEY_LEGACY_ENCRYPTED',
    says: ['BEGIN EC PRIVATE KEY', 'openssl pkcs8 -topk8 -in key.pem -out key-pkcs8.pem'],
  },
  {
    file: 'rsa-2048-scrypt.pem',
    code: 'ERR_KEY_ENCRYPTION_UNSUPPORTED',
    says: ['scrypt', REENCRYPT],
  },
  {
    file: 'rsa-2048-pbes1-sha1-3des.pem',
    code: 'ERR_KEY_ENCRYPTION_UNSUPPORTED',
    says: ['PKCS#12 PBE (PBE-SHA1-3DES)', REENCRYPT],
  },
  {
    file: 'rsa-2048-pbes1-md5-des.pem',
    code: 'ERR_KEY_ENCRYPTION_UNSUPPORTED',
    says: ['PBES1 (PBE-MD5-DES)', '-provider legacy -provider default'],
  },
  {
    file: 'rsa-2048-pbes2-des3.pem',
    code: 'ERR_KEY_ENCRYPTION_UNSUPPORTED',
    says: ['DES-EDE3-CBC', REENCRYPT],
  },
  {
    file: 'rsa-2048-pbes2-sha224.pem',
    code: 'ERR_KEY_ENCRYPTION_UNSUPPORTED',
    says: ['HMAC-SHA224', REENCRYPT],
  },
  {
    file: 'rsa-2048.p12',
    code: 'ERR_KEY_TYPE_UNSUPPORTED',
    says: ['PKCS#12', 'openssl pkcs12 -in bundle.p12 -nocerts -nodes'],
  },
  {
    file: 'ed25519-pkcs8.pem',
    code: 'ERR_KEY_ED25519',
    says: ['This is an Ed25519 key', 'RSA 2048-bit or ECDSA P-256', CREATE_RSA],
  },
  { file: 'ed448-pkcs8.pem', code: 'ERR_KEY_ED25519', says: ['Ed448'] },
  { file: 'x25519-pkcs8.pem', code: 'ERR_KEY_ED25519', says: ['X25519', 'key agreement'] },
  {
    file: 'p384-pkcs8.pem',
    code: 'ERR_KEY_EC_CURVE',
    says: ['P-384', 'CloudFront accepts only P-256 (prime256v1)', CREATE_P256],
  },
  {
    file: 'p384-sec1.pem',
    code: 'ERR_KEY_EC_CURVE',
    says: ['P-384', 'CloudFront accepts only P-256 (prime256v1)'],
  },
  {
    file: 'p521-pkcs8.pem',
    code: 'ERR_KEY_EC_CURVE',
    says: ['P-521', 'CloudFront accepts only P-256 (prime256v1)'],
  },
  {
    file: 'secp256k1-pkcs8.pem',
    code: 'ERR_KEY_EC_CURVE',
    says: ['secp256k1', 'CloudFront accepts only P-256 (prime256v1)'],
  },
  {
    file: 'p256-explicit-sec1.pem',
    code: 'ERR_KEY_EC_CURVE',
    says: ['explicit curve parameters', CREATE_P256],
  },
  { file: 'dsa-pkcs8.pem', code: 'ERR_KEY_DSA', says: ['This is a DSA key', CREATE_RSA] },
  { file: 'dsa-traditional.pem', code: 'ERR_KEY_DSA', says: ['DSA'] },
  { file: 'rsa-pss-pkcs8.pem', code: 'ERR_KEY_TYPE_UNSUPPORTED', says: ['RSA-PSS', CREATE_RSA] },
  { file: 'empty.pem', code: 'ERR_KEY_EMPTY', says: ['The key is empty', '-----BEGIN'] },
  {
    file: 'random.bin',
    code: 'ERR_KEY_NOT_RECOGNIZED',
    says: ['binary data', 'BEGIN PRIVATE KEY'],
  },
  {
    file: 'garbled-base64.pem',
    code: 'ERR_KEY_BASE64',
    says: ["'!' at line 5, column 20 (line 1 is the BEGIN line)", 'Copy the key again'],
  },
  {
    file: 'truncated-no-end.pem',
    code: 'ERR_KEY_TRUNCATED',
    says: ['has no END line', '-----END PRIVATE KEY-----'],
  },
  {
    file: 'truncated-body.pem',
    code: 'ERR_KEY_TRUNCATED',
    says: ['cut short', 'Copy the whole file'],
  },
  {
    file: 'two-private-keys.pem',
    code: 'ERR_KEY_MULTIPLE',
    says: ['holds 2 private keys', 'Keep only the one you mean'],
  },
  {
    file: 'rsa-2048-encrypted.pem',
    code: 'ERR_KEY_PASSPHRASE_REQUIRED',
    says: ['encrypted (BEGIN ENCRYPTED PRIVATE KEY)', 'Enter the passphrase'],
  },
  {
    file: 'rsa-2048-encrypted.der',
    code: 'ERR_KEY_PASSPHRASE_REQUIRED',
    says: ['DER encrypted PKCS#8'],
  },
  {
    file: 'rsa-2048-encrypted.pem',
    passphrase: 'correct horse battery stapler',
    code: 'ERR_KEY_PASSPHRASE_WRONG',
    says: ['passphrase does not decrypt', 'try again'],
  },
  // One per decryption path: WebCrypto AES-128 and the TypeScript AES-192.
  {
    file: 'p256-pbes2-sha1-aes128.pem',
    passphrase: 'wrong',
    code: 'ERR_KEY_PASSPHRASE_WRONG',
    says: ['passphrase'],
  },
  {
    file: 'p256-pbes2-sha512-aes192.pem',
    passphrase: 'wrong',
    code: 'ERR_KEY_PASSPHRASE_WRONG',
    says: ['passphrase'],
  },
];

describe('importPrivateKey refuses what cannot sign, saying what it is and the one fix', () => {
  for (const refused of REFUSED) {
    const given = refused.passphrase ? ` with passphrase "${refused.passphrase}"` : '';
    it(`refuses ${refused.file}${given} with ${refused.code}`, async () => {
      const options = refused.passphrase ? { passphrase: refused.passphrase } : undefined;
      const error = await refusal(
        importPrivateKey(fixtureBytes(refused.file), options),
        refused.code,
      );
      for (const phrase of refused.says) expect(error.message).toContain(phrase);
      // The same file pasted as text gets the same answer.
      if (
        !refused.file.endsWith('.der') &&
        !refused.file.endsWith('.bin') &&
        !refused.file.endsWith('.p12')
      ) {
        await refusal(importPrivateKey(fixtureText(refused.file), options), refused.code);
      }
    });
  }

  it('refuses the shared DSA test vector, naming keys, RSA and ECDSA', async () => {
    const error = await refusal(
      importPrivateKey(readFileSync(vectorPath('sep-test-dsa-key.pem'), 'utf8')),
      'ERR_KEY_DSA',
    );
    for (const word of ['key', 'RSA', 'ECDSA']) expect(error.message).toContain(word);
  });

  it('treats an empty passphrase as none given', async () => {
    await refusal(
      importPrivateKey(fixtureText('rsa-2048-encrypted.pem'), { passphrase: '' }),
      'ERR_KEY_PASSPHRASE_REQUIRED',
    );
  });

  it('refuses an unsupported encryption before asking for a passphrase', async () => {
    await refusal(
      importPrivateKey(fixtureText('rsa-2048-scrypt.pem')),
      'ERR_KEY_ENCRYPTION_UNSUPPORTED',
    );
  });

  const TEXT: readonly [string, string | Uint8Array, SignetErrorCode, string][] = [
    ['whitespace only', ' \n\t\r\n ', 'ERR_KEY_EMPTY', 'empty'],
    ['an empty byte array', new Uint8Array(0), 'ERR_KEY_EMPTY', 'empty'],
    ['a byte order mark and nothing else', '\ufeff  ', 'ERR_KEY_EMPTY', 'empty'],
    [
      'random text',
      'hello world, this is not a key!',
      'ERR_KEY_NOT_RECOGNIZED',
      'neither PEM nor base64',
    ],
    [
      'a file name instead of its contents',
      'private_key.pem',
      'ERR_KEY_NOT_RECOGNIZED',
      'a file name',
    ],
    [
      'an AWS CLI file:// argument',
      'file://private_key.pem',
      'ERR_KEY_NOT_RECOGNIZED',
      'a file name',
    ],
    [
      'a JSON Web Key',
      '{"kty":"RSA","n":"AQAB","e":"AQAB"}',
      'ERR_KEY_NOT_RECOGNIZED',
      'JSON Web Key',
    ],
    ['a BEGIN line cut off mid-label', '-----BEGIN RSA PRIV', 'ERR_KEY_TRUNCATED', 'cut off'],
    [
      'a PGP private key',
      '-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBF\n-----END PGP PRIVATE KEY BLOCK-----\n',
      'ERR_KEY_NOT_RECOGNIZED',
      'PGP',
    ],
    [
      'an EC PARAMETERS block alone',
      '-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n',
      'ERR_KEY_NOT_RECOGNIZED',
      'EC PARAMETERS',
    ],
    [
      'an empty PRIVATE KEY block',
      '-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n',
      'ERR_KEY_MALFORMED',
      'nothing between',
    ],
    [
      'a PRIVATE KEY block whose base64 holds no key structure',
      encodePem('PRIVATE KEY', Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00)),
      'ERR_KEY_MALFORMED',
      'not a valid key',
    ],
    [
      'bare DER of an unknown structure',
      Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x00),
      'ERR_KEY_NOT_RECOGNIZED',
      'not a key',
    ],
    [
      'a base64 body that is cut short',
      fixtureText('rsa-2048-pkcs8.pem').split('\n').slice(1, 8).join(''),
      'ERR_KEY_TRUNCATED',
      'cut short',
    ],
    [
      'a bare base64 body with a bad character',
      `MII${'A'.repeat(60)}*${'A'.repeat(20)}`,
      'ERR_KEY_BASE64',
      "'*' at line 1, column 64",
    ],
    [
      'a base64 body with one character lost',
      `-----BEGIN PRIVATE KEY-----\n${'A'.repeat(61)}\n-----END PRIVATE KEY-----`,
      'ERR_KEY_BASE64',
      'lost or added',
    ],
  ];

  it.each(TEXT)('refuses %s', async (_, input, code, phrase) => {
    const error = await refusal(importPrivateKey(input), code);
    expect(error.message).toContain(phrase);
  });

  it('refuses DER bytes that end before their length says, as truncated', async () => {
    const der = fixtureBytes('rsa-2048-pkcs8.der');
    const error = await refusal(importPrivateKey(der.subarray(0, 600)), 'ERR_KEY_TRUNCATED');
    expect(error.message).toContain('only 596 follow');
  });

  it('refuses values that are neither text nor bytes as not recognised', async () => {
    for (const value of [null, undefined, 42, {}, [], true, Symbol('key')]) {
      const error = await refusal(
        importPrivateKey(value as unknown as string),
        'ERR_KEY_NOT_RECOGNIZED',
      );
      expect(error.message).toContain('not text or bytes');
    }
  });

  it('refuses a damaged RSA key whose halves no longer match as malformed', async () => {
    // The fixture with one bit of its modulus flipped: still DER, no longer a key pair.
    const fields = readChildren(readSingle(fixtureBytes('rsa-2048-pkcs1.der')));
    const modulus = new Uint8Array(fields[1]?.value ?? []);
    modulus[100] = (modulus[100] as number) ^ 0x10;
    const damaged = sequence(
      ...fields.map((field, i) => (i === 1 ? unsignedInteger(modulus) : field.encoded)),
    );
    const error = await refusal(
      importPrivateKey(encodePem('RSA PRIVATE KEY', damaged)),
      'ERR_KEY_MALFORMED',
    );
    expect(error.message).toContain('BEGIN RSA PRIVATE KEY');
    expect(error.message).toMatch(/do not match|WebCrypto/);
  });

  it('refuses an EC key whose stored public point belongs to another key as malformed', async () => {
    const fields = readChildren(readSingle(fixtureBytes('p256-sec1.der')));
    const otherKey = await importPrivateKey(fixtureText('p256-ecparam.pem'));
    const otherSpki = readChildren(readSingle(decodeBase64Pem(otherKey.publicKey.pem)));
    const otherPoint = otherSpki[1]?.value.subarray(1) as Uint8Array;
    const mismatched = sequence(
      ...fields.slice(0, 3).map((field) => field.encoded),
      tlv(contextTag(1), bitString(otherPoint)),
    );
    const error = await refusal(
      importPrivateKey(encodePem('EC PRIVATE KEY', mismatched)),
      'ERR_KEY_MALFORMED',
    );
    // Node's WebCrypto checks the pair on import; elsewhere the pairwise signature check catches it.
    expect(error.message).toMatch(/do not match|WebCrypto refused it/);
  });

  it('refuses a multi-prime RSA key', async () => {
    const fields = readChildren(readSingle(fixtureBytes('rsa-2048-pkcs1.der')));
    const multiPrime = sequence(
      Uint8Array.of(2, 1, 1),
      ...fields.slice(1).map((field) => field.encoded),
      sequence(),
    );
    await refusal(
      importPrivateKey(encodePem('RSA PRIVATE KEY', multiPrime)),
      'ERR_KEY_TYPE_UNSUPPORTED',
    );
  });

  it('reports a bad character by its line and column in the block as the user sees it', async () => {
    const text = fixtureText('p256-pkcs8.pem').replace(/\n/g, '\r\n');
    const lines = text.split('\r\n');
    lines[2] = `${lines[2]?.slice(0, 9)}\u00e9${lines[2]?.slice(10)}`;
    const error = await refusal(importPrivateKey(lines.join('\r\n')), 'ERR_KEY_BASE64');
    expect(error.message).toContain('U+00E9 at line 3, column 10');
  });
});

describe('the fix that each refusal names works', () => {
  /** Copies `file` to key.pem in a temporary folder, runs `command` there, and imports `output`. */
  async function fixAndImport(
    file: string,
    command: string[],
    output: string,
    passphrase?: string,
  ) {
    const folder = temporaryFolder();
    try {
      copyFileSync(fixturePath(file), folder.path('key.pem'));
      // A fresh checkout has no 0600 modes (git keeps only the x bit), and ssh-keygen refuses
      // to touch a private key others can read.
      chmodSync(folder.path('key.pem'), 0o600);
      const [program, ...args] = command.map((arg) =>
        arg.endsWith('.pem') ? folder.path(arg) : arg,
      );
      run(program as string, args);
      return await importPrivateKey(readFileSync(folder.path(output), 'utf8'), { passphrase });
    } finally {
      folder.remove();
    }
  }

  const pass = ['-passin', `pass:${PASSPHRASE}`, '-passout', `pass:${PASSPHRASE}`];

  it('ssh-keygen -p -m PKCS8 turns OpenSSH RSA and ECDSA keys into importable PKCS#8', async () => {
    for (const [file, type] of [
      ['openssh-rsa', 'RSA'],
      ['openssh-ecdsa', 'ECDSA'],
    ] as const) {
      const key = await fixAndImport(
        file,
        ['ssh-keygen', '-q', '-p', '-m', 'PKCS8', '-N', '', '-P', '', '-f', 'key.pem'],
        'key.pem',
      );
      expect(key.type).toBe(type);
    }
    const encrypted = await fixAndImport(
      'openssh-rsa-encrypted',
      [
        'ssh-keygen',
        '-q',
        '-p',
        '-m',
        'PKCS8',
        '-P',
        PASSPHRASE,
        '-N',
        PASSPHRASE,
        '-f',
        'key.pem',
      ],
      'key.pem',
      PASSPHRASE,
    );
    expect(encrypted.format).toBe('encrypted PKCS#8');
  });

  it('openssl pkcs8 -topk8 turns legacy encrypted PEM into importable encrypted PKCS#8', async () => {
    for (const file of ['rsa-2048-legacy-aes128.pem', 'p256-legacy-aes128.pem']) {
      const command = [
        'openssl',
        'pkcs8',
        '-topk8',
        '-in',
        'key.pem',
        '-out',
        'key-pkcs8.pem',
        ...pass,
      ];
      const key = await fixAndImport(file, command, 'key-pkcs8.pem', PASSPHRASE);
      expect(key.format).toBe('encrypted PKCS#8');
    }
  });

  it('openssl pkcs8 -topk8 -v2 aes-256-cbc re-encrypts scrypt, PBES1, 3DES and SHA-224 keys importably', async () => {
    for (const file of [
      'rsa-2048-scrypt.pem',
      'rsa-2048-pbes1-sha1-3des.pem',
      'rsa-2048-pbes1-md5-des.pem',
      'rsa-2048-pbes2-des3.pem',
      'rsa-2048-pbes2-sha224.pem',
    ]) {
      const error = await refusal(
        importPrivateKey(fixtureText(file)),
        'ERR_KEY_ENCRYPTION_UNSUPPORTED',
      );
      const command = error.message.slice(error.message.indexOf('openssl pkcs8')).split(' ');
      const key = await fixAndImport(file, [...command, ...pass], 'key-aes.pem', PASSPHRASE);
      expect(key.publicKey.pem).toBe(fixtureText('rsa-2048-public.pem'));
    }
  });

  it('puttygen -O private-openssh turns a PuTTY key into an importable PEM', async () => {
    const folder = temporaryFolder();
    try {
      copyFileSync(fixturePath('putty-rsa-v3.ppk'), folder.path('key.ppk'));
      run('puttygen', [
        folder.path('key.ppk'),
        '-O',
        'private-openssh',
        '-o',
        folder.path('key.pem'),
      ]);
      const key = await importPrivateKey(readFileSync(folder.path('key.pem')));
      expect(key.format).toBe('PKCS#1');
    } finally {
      folder.remove();
    }
  });

  it('openssl pkcs12 -nocerts -nodes takes an importable key out of a PKCS#12 bundle', async () => {
    const pem = run('openssl', [
      'pkcs12',
      '-in',
      fixturePath('rsa-2048.p12'),
      '-nocerts',
      '-nodes',
      '-passin',
      `pass:${PASSPHRASE}`,
    ]);
    const key = await importPrivateKey(pem);
    expect(key.publicKey.pem).toBe(fixtureText('rsa-2048-public.pem'));
  });

  it('the key-creation commands in the type refusals make keys that import without warnings', async () => {
    const folder = temporaryFolder();
    try {
      for (const command of [
        'openssl genrsa -out private_key.pem 2048',
        'openssl ecparam -name prime256v1 -genkey -noout -out private_key.pem',
      ]) {
        const [program, ...args] = command
          .split(' ')
          .map((arg) => (arg.endsWith('.pem') ? folder.path(arg) : arg));
        run(program as string, args);
        const key = await importPrivateKey(readFileSync(folder.path('private_key.pem')));
        expect(key.warnings).toEqual([]);
        writeFileSync(folder.path('private_key.pem'), '');
      }
    } finally {
      folder.remove();
    }
  });

  it('base64 text of a DER key, as some secret stores hold it, imports', async () => {
    const key = await importPrivateKey(encodeBase64(fixtureBytes('p256-sec1.der')));
    expect(key.format).toBe('SEC1');
  });
});

function decodeBase64Pem(pem: string): Uint8Array {
  return decodeBase64(pem.replace(/-----[^-]+-----/g, '')) as Uint8Array;
}
