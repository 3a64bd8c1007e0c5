/** Object identifiers that key files use, in dotted form, named as their RFCs name them. */

// Key algorithms (RFC 8017, RFC 5480, RFC 8410, RFC 3279).
export const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';
export const RSASSA_PSS = '1.2.840.113549.1.1.10';
export const EC_PUBLIC_KEY = '1.2.840.10045.2.1';
export const ED25519 = '1.3.101.112';
export const ED448 = '1.3.101.113';
export const X25519 = '1.3.101.110';
export const X448 = '1.3.101.111';
export const DSA = '1.2.840.10040.4.1';
export const DH_KEY_AGREEMENT = '1.2.840.113549.1.3.1';
export const DH_PUBLIC_NUMBER = '1.2.840.10046.2.1';

// Named curves (RFC 5480, SEC 2).
export const PRIME256V1 = '1.2.840.10045.3.1.7';
export const SECP384R1 = '1.3.132.0.34';
export const SECP521R1 = '1.3.132.0.35';
export const SECP256K1 = '1.3.132.0.10';

// Password-based encryption of PKCS#8 (RFC 8018, RFC 7914).
export const PBES2 = '1.2.840.113549.1.5.13';
export const PBKDF2 = '1.2.840.113549.1.5.12';
export const SCRYPT = '1.3.6.1.4.1.11591.4.11';
export const HMAC_WITH_SHA1 = '1.2.840.113549.2.7';
export const HMAC_WITH_SHA224 = '1.2.840.113549.2.8';
export const HMAC_WITH_SHA256 = '1.2.840.113549.2.9';
export const HMAC_WITH_SHA384 = '1.2.840.113549.2.10';
export const HMAC_WITH_SHA512 = '1.2.840.113549.2.11';
export const HMAC_WITH_SHA512_224 = '1.2.840.113549.2.12';
export const HMAC_WITH_SHA512_256 = '1.2.840.113549.2.13';
export const AES128_CBC = '2.16.840.1.101.3.4.1.2';
export const AES192_CBC = '2.16.840.1.101.3.4.1.22';
export const AES256_CBC = '2.16.840.1.101.3.4.1.42';
export const AES128_GCM = '2.16.840.1.101.3.4.1.6';
export const AES192_GCM = '2.16.840.1.101.3.4.1.26';
export const AES256_GCM = '2.16.840.1.101.3.4.1.46';
export const DES_EDE3_CBC = '1.2.840.113549.3.7';
export const DES_CBC = '1.3.14.3.2.7';
export const RC2_CBC = '1.2.840.113549.3.2';

/** PBES1 (RFC 8018 A.3), each named as OpenSSL's `-v1` option names it. */
export const PBES1: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.5.1': 'PBE-MD2-DES',
  '1.2.840.113549.1.5.3': 'PBE-MD5-DES',
  '1.2.840.113549.1.5.4': 'PBE-MD2-RC2-64',
  '1.2.840.113549.1.5.6': 'PBE-MD5-RC2-64',
  '1.2.840.113549.1.5.10': 'PBE-SHA1-DES',
  '1.2.840.113549.1.5.11': 'PBE-SHA1-RC2-64',
};

/** PKCS#12 password-based encryption (RFC 7292 appendix C), named as OpenSSL names it. */
export const PKCS12_PBE: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.12.1.1': 'PBE-SHA1-RC4-128',
  '1.2.840.113549.1.12.1.2': 'PBE-SHA1-RC4-40',
  '1.2.840.113549.1.12.1.3': 'PBE-SHA1-3DES',
  '1.2.840.113549.1.12.1.4': 'PBE-SHA1-2DES',
  '1.2.840.113549.1.12.1.5': 'PBE-SHA1-RC2-128',
  '1.2.840.113549.1.12.1.6': 'PBE-SHA1-RC2-40',
};

// PKCS#7 content types, to recognise a PKCS#12 (.p12/.pfx) file (RFC 7292).
export const PKCS7_DATA = '1.2.840.113549.1.7.1';
export const PKCS7_SIGNED_DATA = '1.2.840.113549.1.7.2';

// Other named curves, only to name them when refusing them.
export const PRIME192V1 = '1.2.840.10045.3.1.1';
export const SECP224R1 = '1.3.132.0.33';
export const BRAINPOOL_P256R1 = '1.3.36.3.3.2.8.1.1.7';
export const BRAINPOOL_P384R1 = '1.3.36.3.3.2.8.1.1.11';
export const BRAINPOOL_P512R1 = '1.3.36.3.3.2.8.1.1.13';
export const SM2 = '1.2.156.10197.1.301';
