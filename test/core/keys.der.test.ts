import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readOpenSshKeyInfo } from '../../src/core/key/openssh.ts';
import { decodeBase64 } from '../../src/core/lib/base64.ts';
import {
  bitLength,
  DerError,
  encodeLength,
  oid,
  readBitString,
  readChildren,
  readElement,
  readOid,
  readSequence,
  readSingle,
  readSmallInteger,
  readUnsignedInteger,
  sequence,
  smallInteger,
  unsignedInteger,
} from '../../src/core/lib/der.ts';
import * as OID from '../../src/core/lib/oids.ts';
import { encodePem, findPemBlocks, normalizeKeyText } from '../../src/core/lib/pem.ts';
import { fixtureBytes, fixtureText, openssl, temporaryFolder } from './keys.fixtures.ts';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s/g, ''), 'hex'));

describe('the DER reader', () => {
  it('reads short and long lengths and stays inside its parent', () => {
    const element = readSingle(bytes('30 06 02 01 05 04 01 ff'));
    const [integer, octets] = readChildren(element);
    expect(readSmallInteger(integer)).toBe(5);
    expect(hex(octets?.value ?? new Uint8Array())).toBe('ff');
    const long = readElement(Uint8Array.from([0x04, 0x81, 0x80, ...new Uint8Array(128)]));
    expect(long.value.length).toBe(128);
  });

  it('marks data that ends before its length says as truncated', () => {
    for (const input of ['30', '30 82 01', '30 05 02 01', '04 81']) {
      try {
        readElement(bytes(input));
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(DerError);
        expect((error as DerError).truncated).toBe(true);
      }
    }
  });

  it('refuses indefinite lengths, long tags, trailing bytes and children that overrun their parent', () => {
    for (const input of [
      '30 80 00 00',
      '1f 01 00',
      '30 00 00',
      '30 03 02 05 00',
      '30 85 00 00 00 00 01 00',
    ]) {
      expect(() => {
        const element = readSingle(bytes(input));
        readChildren(element);
      }, input).toThrow(DerError);
    }
  });

  it('reads unsigned integers without their sign byte and refuses negative ones', () => {
    expect(hex(readUnsignedInteger(readElement(bytes('02 03 00 80 01'))))).toBe('8001');
    expect(hex(readUnsignedInteger(readElement(bytes('02 01 00'))))).toBe('00');
    expect(() => readUnsignedInteger(readElement(bytes('02 01 80')))).toThrow(/negative/);
    expect(() => readUnsignedInteger(readElement(bytes('02 00')))).toThrow(/empty/);
    expect(() => readSmallInteger(readElement(bytes('02 05 01 00 00 00 00')))).toThrow(/too large/);
  });

  it('reads OIDs as openssl encodes them, including large arcs', () => {
    const folder = temporaryFolder();
    try {
      for (const dotted of [
        OID.RSA_ENCRYPTION,
        OID.PRIME256V1,
        OID.AES256_CBC,
        OID.ED25519,
        OID.SCRYPT,
        '2.25.329800735698586629295641978511506172918',
      ]) {
        openssl('asn1parse', '-genstr', `OID:${dotted}`, '-noout', '-out', folder.path('oid.der'));
        const reference = new Uint8Array(readFileSync(folder.path('oid.der')));
        expect(hex(oid(dotted))).toBe(hex(reference));
        expect(readOid(readSingle(reference))).toBe(dotted);
      }
    } finally {
      folder.remove();
    }
    // The encoding of 1.2.840.113549.1.1.1 from RFC 8017 A.1.
    expect(hex(oid(OID.RSA_ENCRYPTION))).toBe('06092a864886f70d010101');
    expect(() => readOid(readElement(bytes('06 02 80 01')))).toThrow(/padded/);
    expect(() => readOid(readElement(bytes('06 01 81')))).toThrow(/ends inside/);
  });

  it('reads bit strings of whole bytes only', () => {
    expect(hex(readBitString(readElement(bytes('03 03 00 ab cd'))))).toBe('abcd');
    expect(() => readBitString(readElement(bytes('03 02 04 f0')))).toThrow(/whole bytes/);
  });

  it('names what it expected when a tag is wrong', () => {
    expect(() => readSequence(readElement(bytes('04 00')), 'PrivateKeyInfo')).toThrow(
      'expected PrivateKeyInfo (tag 0x30), found tag 0x04',
    );
    expect(() => readSequence(undefined, 'AlgorithmIdentifier')).toThrow(
      'missing AlgorithmIdentifier',
    );
  });

  it('counts modulus bits', () => {
    expect(bitLength(bytes('00 80'))).toBe(8);
    expect(bitLength(bytes('01 00'))).toBe(9);
    expect(bitLength(new Uint8Array(0))).toBe(0);
  });

  it('throws only DerError for any input, and never reads past the end', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (input) => {
        try {
          const walk = (element: ReturnType<typeof readElement>): void => {
            if (element.tag & 0x20) for (const child of readChildren(element)) walk(child);
            if (element.tag === 0x06) readOid(element);
            if (element.tag === 0x02) readUnsignedInteger(element);
          };
          walk(readSingle(input));
        } catch (error) {
          if (!(error instanceof DerError)) throw error;
        }
      }),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('the DER writer', () => {
  it('encodes lengths minimally', () => {
    expect(hex(encodeLength(0))).toBe('00');
    expect(hex(encodeLength(127))).toBe('7f');
    expect(hex(encodeLength(128))).toBe('8180');
    expect(hex(encodeLength(256))).toBe('820100');
    expect(hex(encodeLength(65536))).toBe('83010000');
  });

  it('writes integers minimally, with a zero byte before a set top bit', () => {
    expect(hex(unsignedInteger(bytes('00 00 7f')))).toBe('02017f');
    expect(hex(unsignedInteger(bytes('80')))).toBe('02020080');
    expect(hex(unsignedInteger(new Uint8Array(0)))).toBe('020100');
    expect(hex(smallInteger(65537))).toBe('0203010001');
    expect(hex(smallInteger(0))).toBe('020100');
  });

  it('round-trips the structure of every DER fixture byte for byte', () => {
    const rebuild = (element: ReturnType<typeof readElement>): Uint8Array => {
      if (element.tag !== 0x30) return element.encoded;
      return sequence(...readChildren(element).map(rebuild));
    };
    for (const name of [
      'rsa-2048-pkcs8.der',
      'p256-sec1.der',
      'rsa-2048-certificate.der',
      'rsa-2048-encrypted.der',
    ]) {
      const der = fixtureBytes(name);
      expect(hex(rebuild(readSingle(der)))).toBe(hex(der));
    }
  });
});

describe('PEM text', () => {
  it('finds blocks with their labels, headers and bodies, in order', () => {
    const text = fixtureText('p256-ecparam.pem') + fixtureText('rsa-2048-legacy-aes128.pem');
    const blocks = findPemBlocks(text);
    expect(blocks.map((block) => block.label)).toEqual([
      'EC PARAMETERS',
      'EC PRIVATE KEY',
      'RSA PRIVATE KEY',
    ]);
    expect(blocks.every((block) => block.complete)).toBe(true);
    expect(blocks[2]?.headers.get('Proc-Type')).toBe('4,ENCRYPTED');
    expect(blocks[2]?.headers.get('DEK-Info')).toMatch(/^AES-128-CBC,[0-9A-F]{32}$/);
    expect(decodeBase64(blocks[0]?.body ?? '')).toEqual(oid(OID.PRIME256V1));
  });

  it('reads headers even when the line breaks were lost', () => {
    const oneLine = fixtureText('rsa-2048-legacy-aes128.pem').replace(/\n/g, ' ');
    const [block] = findPemBlocks(oneLine);
    expect(block?.headers.get('Proc-Type')).toBe('4,ENCRYPTED');
    expect(block?.headers.get('DEK-Info')).toMatch(/^AES-128-CBC,/);
  });

  it('marks a block without its END line as incomplete, up to the next BEGIN', () => {
    const text = `${fixtureText('truncated-no-end.pem')}${fixtureText('p256-public.pem')}`;
    const blocks = findPemBlocks(text);
    expect(blocks.map((block) => [block.label, block.complete])).toEqual([
      ['PRIVATE KEY', false],
      ['PUBLIC KEY', true],
    ]);
  });

  it('writes 64-character lines that openssl reads back', () => {
    const der = fixtureBytes('rsa-2048-public.der');
    expect(encodePem('PUBLIC KEY', der)).toBe(fixtureText('rsa-2048-public.pem'));
  });

  it('undoes quotes, escaped newlines, CRLF and a byte order mark', () => {
    expect(normalizeKeyText('\ufeff "a\\nb\\r\\nc" ')).toBe('a\nb\nc');
    expect(normalizeKeyText("'x\r\ny\rz'")).toBe('x\ny\nz');
    expect(normalizeKeyText('"\'`k`\'"')).toBe('k');
  });

  it('finds blocks in linear time on hostile text', () => {
    const hostile = '-----BEGIN A-----'.repeat(3000) + '-'.repeat(20000);
    const started = performance.now();
    expect(findPemBlocks(hostile)).toHaveLength(3000);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('OpenSSH key headers', () => {
  it('name the key type and cipher of ssh-keygen keys', () => {
    const read = (name: string) => {
      const body = fixtureText(name).replace(/-----[^-]+-----/g, '');
      return readOpenSshKeyInfo(decodeBase64(body) as Uint8Array);
    };
    expect(read('openssh-rsa')).toEqual({ keyType: 'ssh-rsa', cipher: 'none' });
    expect(read('openssh-rsa-encrypted')).toEqual({ keyType: 'ssh-rsa', cipher: 'aes256-ctr' });
    expect(read('openssh-ed25519')).toEqual({ keyType: 'ssh-ed25519', cipher: 'none' });
    expect(read('openssh-ecdsa')).toEqual({ keyType: 'ecdsa-sha2-nistp256', cipher: 'none' });
  });

  it('give undefined for anything else, however cut', () => {
    const body = decodeBase64(
      fixtureText('openssh-rsa').replace(/-----[^-]+-----/g, ''),
    ) as Uint8Array;
    for (let length = 0; length < 80; length++) {
      const info = readOpenSshKeyInfo(body.subarray(0, length));
      expect(info === undefined || info.keyType === 'ssh-rsa').toBe(true);
    }
    expect(readOpenSshKeyInfo(new TextEncoder().encode('not an openssh key'))).toBeUndefined();
  });
});
