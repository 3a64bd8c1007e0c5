/**
 * The vectors and key files the cases use, carried inside the bundle (build.ts inlines every
 * `?text` and `?bytes` import), so that no runtime needs a file system to run the suite.
 */

import ed25519Pkcs8 from '../fixtures/keys/ed25519-pkcs8.pem?text';
import p256Pbes2Sha1Aes192 from '../fixtures/keys/p256-pbes2-sha1-aes192.pem?text';
import p256Pkcs8Der from '../fixtures/keys/p256-pkcs8.der?bytes';
import p256Pkcs8 from '../fixtures/keys/p256-pkcs8.pem?text';
import p256PublicDer from '../fixtures/keys/p256-public.der?bytes';
import p256Public from '../fixtures/keys/p256-public.pem?text';
import p256Sec1Der from '../fixtures/keys/p256-sec1.der?bytes';
import p256Sec1 from '../fixtures/keys/p256-sec1.pem?text';
import p256Sec1Compressed from '../fixtures/keys/p256-sec1-compressed.pem?text';
import p256Sec1NoPublic from '../fixtures/keys/p256-sec1-no-public.pem?text';
import p384Pkcs8 from '../fixtures/keys/p384-pkcs8.pem?text';
import rsa2048Certificate from '../fixtures/keys/rsa-2048-certificate.pem?text';
import rsa2048Encrypted from '../fixtures/keys/rsa-2048-encrypted.pem?text';
import rsa2048Pkcs1 from '../fixtures/keys/rsa-2048-pkcs1.pem?text';
import rsa2048Pkcs8Der from '../fixtures/keys/rsa-2048-pkcs8.der?bytes';
import rsa2048Pkcs8 from '../fixtures/keys/rsa-2048-pkcs8.pem?text';
import rsa2048PublicDer from '../fixtures/keys/rsa-2048-public.der?bytes';
import rsa2048Public from '../fixtures/keys/rsa-2048-public.pem?text';
import rsa2048RsaPublicKey from '../fixtures/keys/rsa-2048-rsapublickey.pem?text';
import type { AwsCase } from '../support/vectors.ts';
import awsSharedCases from '../vectors/aws/aws-shared-cases.json?text';
import sepDsa from '../vectors/aws/keys/sep-test-dsa-key.pem?text';
import sepEcdsa from '../vectors/aws/keys/sep-test-ecdsa-key.pem?text';
import sepEcdsaPublic from '../vectors/aws/keys/sep-test-ecdsa-key-public.pem?text';
import sepEcdsaSec1 from '../vectors/aws/keys/sep-test-ecdsa-key-sec1.pem?text';
import sepRsa from '../vectors/aws/keys/sep-test-rsa-key.pem?text';
import sepRsaPkcs1 from '../vectors/aws/keys/sep-test-rsa-key-pkcs1.pem?text';
import sepRsaPublic from '../vectors/aws/keys/sep-test-rsa-key-public.pem?text';

/** The 30 AWS shared signer cases (test/vectors/aws/README.md). */
export const awsCases: readonly AwsCase[] = JSON.parse(awsSharedCases).cases;

/** The key files of the AWS cases, by the path the cases name them with. */
export const vectorKeys: Readonly<Record<string, string>> = {
  'keys/sep-test-rsa-key.pem': sepRsa,
  'keys/sep-test-rsa-key-pkcs1.pem': sepRsaPkcs1,
  'keys/sep-test-rsa-key-public.pem': sepRsaPublic,
  'keys/sep-test-ecdsa-key.pem': sepEcdsa,
  'keys/sep-test-ecdsa-key-sec1.pem': sepEcdsaSec1,
  'keys/sep-test-ecdsa-key-public.pem': sepEcdsaPublic,
  'keys/sep-test-dsa-key.pem': sepDsa,
};

export function vectorKey(path: string): string {
  const text = vectorKeys[path];
  if (text === undefined) throw new Error(`no vector key ${path} in the bundle`);
  return text;
}

/** The passphrase of every encrypted fixture (test/fixtures/keys/README.md). */
export const PASSPHRASE = 'correct horse battery staple';

/** Key files made by test/fixtures/keys/generate.sh with openssl. */
export const keys = {
  rsa2048Pkcs8,
  rsa2048Pkcs1,
  rsa2048Public,
  rsa2048RsaPublicKey,
  rsa2048Certificate,
  rsa2048Encrypted,
  p256Pkcs8,
  p256Public,
  p256Sec1,
  p256Sec1NoPublic,
  p256Sec1Compressed,
  p256Pbes2Sha1Aes192,
  p384Pkcs8,
  ed25519Pkcs8,
} as const;

/** DER fixtures; each call gives a fresh copy, so no case can change another's bytes. */
export const derKeys = {
  rsa2048Pkcs8: () => rsa2048Pkcs8Der.slice(),
  rsa2048Public: () => rsa2048PublicDer.slice(),
  p256Pkcs8: () => p256Pkcs8Der.slice(),
  p256Public: () => p256PublicDer.slice(),
  p256Sec1: () => p256Sec1Der.slice(),
} as const;
