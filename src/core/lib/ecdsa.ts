/**
 * ECDSA P-256 signatures in two shapes: WebCrypto speaks raw `r‖s` (64 bytes), CloudFront and
 * OpenSSL speak DER `SEQUENCE { INTEGER r, INTEGER s }` (SPEC.md section 3).
 */

const P256_SIZE = 32;

/** Raw `r‖s` to DER, with minimal integers and a 0x00 where the high bit is set. */
export function ecdsaRawToDer(raw: Uint8Array): Uint8Array<ArrayBuffer> {
  const r = derInteger(raw.subarray(0, raw.length / 2));
  const s = derInteger(raw.subarray(raw.length / 2));
  const body = r.length + s.length;
  // P-256 signatures are at most 72 bytes, so the short length form always fits.
  const der = new Uint8Array(2 + body);
  der[0] = 0x30;
  der[1] = body;
  der.set(r, 2);
  der.set(s, 2 + r.length);
  return der;
}

function derInteger(value: Uint8Array): Uint8Array<ArrayBuffer> {
  let start = 0;
  while (start < value.length - 1 && value[start] === 0) start++;
  const magnitude = value.subarray(start);
  const pad = (magnitude[0] as number) & 0x80 ? 1 : 0;
  const out = new Uint8Array(2 + pad + magnitude.length);
  out[0] = 0x02;
  out[1] = pad + magnitude.length;
  out.set(magnitude, 2 + pad);
  return out;
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
