/**
 * ECDSA P-256 signatures in two shapes: WebCrypto speaks raw `r‖s` (64 bytes), CloudFront and
 * OpenSSL speak DER `SEQUENCE { INTEGER r, INTEGER s }` (SPEC.md section 3).
 */

const P256_SIZE = 32;

/** Raw `r‖s` to DER, with minimal integers and a 0x00 where the high bit is set. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  // Written straight into one array: this runs once per URL of a batch.
  const half = raw.length / 2;
  const r = integerBounds(raw, 0, half);
  const s = integerBounds(raw, half, raw.length);
  const rLength = r.pad + half - r.start;
  const sLength = s.pad + raw.length - s.start;
  // P-256 signatures are at most 72 bytes, so the short length form always fits.
  const der = new Uint8Array(6 + rLength + sLength);
  der[0] = 0x30;
  der[1] = 4 + rLength + sLength;
  der[2] = 0x02;
  der[3] = rLength;
  der.set(raw.subarray(r.start, half), 4 + r.pad);
  der[4 + rLength] = 0x02;
  der[5 + rLength] = sLength;
  der.set(raw.subarray(s.start, raw.length), 6 + rLength + s.pad);
  return der;
}

/** Where an unsigned integer's minimal bytes start, and whether it needs a 0x00 before them. */
function integerBounds(raw: Uint8Array, from: number, to: number): { start: number; pad: number } {
  let start = from;
  while (start < to - 1 && raw[start] === 0) start++;
  return { start, pad: (raw[start] as number) & 0x80 ? 1 : 0 };
}

/**
 * DER to raw `r‖s` for WebCrypto, or undefined when the bytes are not a well-formed P-256 DER
 * signature (so a tampered signature is reported, never thrown).
 */
export function ecdsaDerToRaw(der: Uint8Array): Uint8Array<ArrayBuffer> | undefined {
  if (der.length < 8 || der[0] !== 0x30 || der[1] !== der.length - 2) return undefined;
  const raw = new Uint8Array(2 * P256_SIZE);
  let offset = 2;
  for (const half of [0, 1]) {
    if (der[offset] !== 0x02) return undefined;
    const length = der[offset + 1] as number;
    const start = offset + 2;
    const end = start + length;
    if (length === 0 || end > der.length) return undefined;
    let value = der.subarray(start, end);
    // A leading zero is allowed only to clear the sign bit; negative integers are not signatures.
    if ((value[0] as number) & 0x80) return undefined;
    if (value[0] === 0 && value.length > 1 && !((value[1] as number) & 0x80)) return undefined;
    if (value[0] === 0 && value.length > 1) value = value.subarray(1);
    if (value.length > P256_SIZE) return undefined;
    raw.set(value, half * P256_SIZE + P256_SIZE - value.length);
    offset = end;
  }
  return offset === der.length ? raw : undefined;
}
