/**
 * AES-CBC decryption (FIPS 197, SP 800-38A) in plain TypeScript. Used only for AES-192: Chromium's
 * WebCrypto refuses 192-bit AES keys, and OpenSSL lets users pick `-v2 aes-192-cbc`. Speed does
 * not matter here (a key file is a few kilobytes); correctness is tested against Node's crypto.
 */

/** Multiplication in GF(2^8) modulo the AES polynomial x^8 + x^4 + x^3 + x + 1. */
function multiply(a: number, b: number): number {
  let product = 0;
  for (let x = a, y = b; y > 0; y >>= 1) {
    if (y & 1) product ^= x;
    x = (x << 1) ^ (x & 0x80 ? 0x11b : 0);
  }
  return product;
}

const SBOX = new Uint8Array(256);
const INV_SBOX = new Uint8Array(256);
// The S-box is the multiplicative inverse followed by the affine map (FIPS 197 5.1.1). Walking the
// powers of the generator 3 and of its inverse 246 together pairs each byte with its inverse; 0 has
// none and maps to 0x63 (INV_SBOX[0x63] is already 0).
SBOX[0] = 0x63;
for (
  let i = 0, x = 1, inverse = 1;
  i < 255;
  i++, x = multiply(x, 3), inverse = multiply(inverse, 246)
) {
  let s = inverse ^ 0x63;
  for (let shift = 1; shift <= 4; shift++)
    s ^= ((inverse << shift) | (inverse >> (8 - shift))) & 0xff;
  SBOX[x] = s;
  INV_SBOX[s] = x;
}

/** The round keys, 16 bytes per round in order (FIPS 197 5.2). */
function expandKey(key: Uint8Array): { roundKeys: Uint8Array; rounds: number } {
  const nk = key.length / 4;
  const rounds = nk + 6;
  const roundKeys = new Uint8Array(16 * (rounds + 1));
  roundKeys.set(key);
  for (let i = nk, rcon = 1; i < 4 * (rounds + 1); i++) {
    let word = [...roundKeys.subarray(4 * i - 4, 4 * i)];
    if (i % nk === 0) {
      // RotWord, SubWord, then the round constant.
      word = [...word.slice(1), word[0] as number].map((byte) => SBOX[byte] as number);
      word[0] = (word[0] as number) ^ rcon;
      rcon = multiply(rcon, 2);
    } else if (nk > 6 && i % nk === 4) {
      word = word.map((byte) => SBOX[byte] as number);
    }
    for (let j = 0; j < 4; j++) {
      roundKeys[4 * i + j] = (roundKeys[4 * (i - nk) + j] as number) ^ (word[j] as number);
    }
  }
  return { roundKeys, rounds };
}

/** InvMixColumns' matrix, one row; each next row is this one turned right by one. */
const INV_MIX = [14, 11, 13, 9];

/** The inverse cipher on one 16-byte block, in place (FIPS 197 5.3); byte r + 4c is row r, column c. */
function decryptBlock(state: Uint8Array, roundKeys: Uint8Array, rounds: number): void {
  const addRoundKey = (round: number) => {
    for (let i = 0; i < 16; i++)
      state[i] = (state[i] as number) ^ (roundKeys[16 * round + i] as number);
  };
  addRoundKey(rounds);
  for (let round = rounds - 1; round >= 0; round--) {
    // InvShiftRows (row r turns right by r) and InvSubBytes.
    const shifted = state.slice();
    for (let i = 0; i < 16; i++)
      state[i] = INV_SBOX[shifted[(i + 12 * (i % 4)) % 16] as number] as number;
    addRoundKey(round);
    if (round === 0) break;
    for (let c = 0; c < 16; c += 4) {
      const column = state.slice(c, c + 4);
      for (let r = 0; r < 4; r++) {
        state[c + r] = column.reduce(
          (sum, byte, i) => sum ^ multiply(byte, INV_MIX[(i - r + 4) % 4] as number),
          0,
        );
      }
    }
  }
}

/**
 * AES-CBC decryption without removing the padding. The key is 16, 24 or 32 bytes, the IV 16, and
 * the ciphertext a whole number of 16-byte blocks; anything else throws a RangeError, so callers
 * check lengths first.
 */
export function aesCbcDecrypt(
  key: Uint8Array,
  iv: Uint8Array,
  ciphertext: Uint8Array,
): Uint8Array<ArrayBuffer> {
  if (key.length !== 16 && key.length !== 24 && key.length !== 32) {
    throw new RangeError('AES keys are 16, 24 or 32 bytes');
  }
  if (iv.length !== 16) throw new RangeError('the AES-CBC IV is 16 bytes');
  if (ciphertext.length % 16 !== 0) throw new RangeError('AES-CBC works on whole 16-byte blocks');
  const { roundKeys, rounds } = expandKey(key);
  const plaintext = new Uint8Array(ciphertext.length);
  const state = new Uint8Array(16);
  let previous: Uint8Array = iv;
  for (let offset = 0; offset < ciphertext.length; offset += 16) {
    const block = ciphertext.subarray(offset, offset + 16);
    state.set(block);
    decryptBlock(state, roundKeys, rounds);
    for (let i = 0; i < 16; i++)
      plaintext[offset + i] = (state[i] as number) ^ (previous[i] as number);
    previous = block;
  }
  roundKeys.fill(0);
  state.fill(0);
  return plaintext;
}

/** Strips PKCS#7 padding (RFC 5652 6.3); undefined when the padding is not valid. */
export function removePkcs7Padding(bytes: Uint8Array): Uint8Array | undefined {
  const count = bytes[bytes.length - 1];
  if (count === undefined || count === 0 || count > 16 || count > bytes.length) return undefined;
  for (let i = bytes.length - count; i < bytes.length; i++)
    if (bytes[i] !== count) return undefined;
  return bytes.subarray(0, bytes.length - count);
}
