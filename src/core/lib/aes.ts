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
const MUL9 = new Uint8Array(256);
const MUL11 = new Uint8Array(256);
const MUL13 = new Uint8Array(256);
const MUL14 = new Uint8Array(256);
// Powers of the generator 3 and their logarithms give each inverse in one lookup.
const EXP = new Uint8Array(256);
const LOG = new Uint8Array(256);
for (let i = 0, x = 1; i < 255; i++, x = multiply(x, 3)) {
  EXP[i] = x;
  LOG[x] = i;
}
// The S-box is the multiplicative inverse followed by the affine map (FIPS 197 5.1.1).
for (let x = 0; x < 256; x++) {
  const inverse = x === 0 ? 0 : (EXP[(255 - (LOG[x] as number)) % 255] as number);
  let s = inverse ^ 0x63;
  for (let shift = 1; shift <= 4; shift++)
    s ^= ((inverse << shift) | (inverse >> (8 - shift))) & 0xff;
  SBOX[x] = s;
  INV_SBOX[s] = x;
  MUL9[x] = multiply(x, 9);
  MUL11[x] = multiply(x, 11);
  MUL13[x] = multiply(x, 13);
  MUL14[x] = multiply(x, 14);
}

/** The round keys, as 4*(Nr+1) bytes per round in order (FIPS 197 5.2). */
function expandKey(key: Uint8Array): { roundKeys: Uint8Array; rounds: number } {
  const nk = key.length / 4;
  const rounds = nk + 6;
  const words = 4 * (rounds + 1);
  const roundKeys = new Uint8Array(words * 4);
  roundKeys.set(key);
  let rcon = 1;
  for (let i = nk; i < words; i++) {
    let t0 = roundKeys[(i - 1) * 4] as number;
    let t1 = roundKeys[(i - 1) * 4 + 1] as number;
    let t2 = roundKeys[(i - 1) * 4 + 2] as number;
    let t3 = roundKeys[(i - 1) * 4 + 3] as number;
    if (i % nk === 0) {
      [t0, t1, t2, t3] = [
        (SBOX[t1] as number) ^ rcon,
        SBOX[t2] as number,
        SBOX[t3] as number,
        SBOX[t0] as number,
      ];
      rcon = multiply(rcon, 2);
    } else if (nk > 6 && i % nk === 4) {
      [t0, t1, t2, t3] = [
        SBOX[t0] as number,
        SBOX[t1] as number,
        SBOX[t2] as number,
        SBOX[t3] as number,
      ];
    }
    const back = (i - nk) * 4;
    roundKeys[i * 4] = (roundKeys[back] as number) ^ t0;
    roundKeys[i * 4 + 1] = (roundKeys[back + 1] as number) ^ t1;
    roundKeys[i * 4 + 2] = (roundKeys[back + 2] as number) ^ t2;
    roundKeys[i * 4 + 3] = (roundKeys[back + 3] as number) ^ t3;
  }
  return { roundKeys, rounds };
}

function addRoundKey(state: Uint8Array, roundKeys: Uint8Array, round: number): void {
  for (let i = 0; i < 16; i++)
    state[i] = (state[i] as number) ^ (roundKeys[round * 16 + i] as number);
}

/** InvShiftRows then InvSubBytes; the state is column-major, byte r + 4c is row r, column c. */
function inverseShiftAndSubstitute(state: Uint8Array): void {
  const copy = state.slice();
  for (let row = 0; row < 4; row++) {
    for (let column = 0; column < 4; column++) {
      const from = row + 4 * ((column - row + 4) % 4);
      state[row + 4 * column] = INV_SBOX[copy[from] as number] as number;
    }
  }
}

function inverseMixColumns(state: Uint8Array): void {
  for (let c = 0; c < 16; c += 4) {
    const a0 = state[c] as number;
    const a1 = state[c + 1] as number;
    const a2 = state[c + 2] as number;
    const a3 = state[c + 3] as number;
    state[c] =
      (MUL14[a0] as number) ^ (MUL11[a1] as number) ^ (MUL13[a2] as number) ^ (MUL9[a3] as number);
    state[c + 1] =
      (MUL9[a0] as number) ^ (MUL14[a1] as number) ^ (MUL11[a2] as number) ^ (MUL13[a3] as number);
    state[c + 2] =
      (MUL13[a0] as number) ^ (MUL9[a1] as number) ^ (MUL14[a2] as number) ^ (MUL11[a3] as number);
    state[c + 3] =
      (MUL11[a0] as number) ^ (MUL13[a1] as number) ^ (MUL9[a2] as number) ^ (MUL14[a3] as number);
  }
}

/** The inverse cipher on one 16-byte block, in place (FIPS 197 5.3). */
function decryptBlock(state: Uint8Array, roundKeys: Uint8Array, rounds: number): void {
  addRoundKey(state, roundKeys, rounds);
  for (let round = rounds - 1; round > 0; round--) {
    inverseShiftAndSubstitute(state);
    addRoundKey(state, roundKeys, round);
    inverseMixColumns(state);
  }
  inverseShiftAndSubstitute(state);
  addRoundKey(state, roundKeys, 0);
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
