/**
 * Just enough of OpenSSH's private key format (PROTOCOL.key in openssh-portable) to say which key
 * a file holds and whether it is encrypted, so that the refusal can name the right fix.
 */

const MAGIC = 'openssh-key-v1\0';

export interface OpenSshKeyInfo {
  /** The key type from the public key blob, e.g. `ssh-rsa`, `ssh-ed25519`. */
  readonly keyType: string;
  /** `none`, or the cipher that protects the private part, e.g. `aes256-ctr`. */
  readonly cipher: string;
}

/** Reads the unencrypted header; undefined when the bytes are not an OpenSSH key. */
export function readOpenSshKeyInfo(bytes: Uint8Array): OpenSshKeyInfo | undefined {
  if (bytes.length < MAGIC.length) return undefined;
  for (let i = 0; i < MAGIC.length; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) return undefined;
  const reader = new SshReader(bytes, MAGIC.length);
  const cipher = reader.string();
  reader.bytes(); // kdfname
  reader.bytes(); // kdfoptions
  const keys = reader.uint32();
  const publicKey = reader.bytes();
  if (cipher === undefined || keys === undefined || publicKey === undefined) return undefined;
  const keyType = new SshReader(publicKey, 0).string();
  return keyType === undefined ? undefined : { keyType, cipher };
}

/** RFC 4251 5 wire types, bounds-checked: a read past the end gives undefined. */
class SshReader {
  private offset: number;
  private readonly data: Uint8Array;

  constructor(data: Uint8Array, offset: number) {
    this.data = data;
    this.offset = offset;
  }

  uint32(): number | undefined {
    if (this.offset === -1 || this.offset + 4 > this.data.length) return this.fail();
    const d = this.data;
    const o = this.offset;
    this.offset += 4;
    return (
      (d[o] as number) * 0x1000000 +
      (((d[o + 1] as number) << 16) | ((d[o + 2] as number) << 8) | (d[o + 3] as number))
    );
  }

  bytes(): Uint8Array | undefined {
    const length = this.uint32();
    if (length === undefined || this.offset + length > this.data.length) return this.fail();
    const out = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return out;
  }

  string(): string | undefined {
    const bytes = this.bytes();
    if (bytes === undefined || bytes.length > 64) return undefined;
    // Names in this format are ASCII (RFC 4251 6); anything else is not a name.
    for (const byte of bytes) if (byte < 0x20 || byte > 0x7e) return undefined;
    return String.fromCharCode(...bytes);
  }

  private fail(): undefined {
    this.offset = -1;
    return undefined;
  }
}
