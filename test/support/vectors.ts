import { readFileSync } from 'node:fs';

const folder = new URL('../vectors/aws/', import.meta.url);

/** One case of the AWS shared signer cases (test/vectors/aws/README.md). */
export interface AwsCase {
  id: string;
  name: string;
  kind: 'url' | 'cookies';
  policyType: 'canned' | 'custom';
  keyType: 'RSA' | 'ECDSA' | 'DSA';
  url: string;
  resource?: string;
  keyPairId: string;
  keyFile: string;
  publicKeyFile?: string;
  hash: 'SHA1' | 'SHA256';
  dateLessThan?: number;
  dateGreaterThan?: number;
  ipAddress?: string;
  assertion: 'exact-signature' | 'exact' | 'verify-only' | 'error';
  expected: {
    policyJson?: string;
    queryParams?: Record<string, string>;
    cookies?: Record<string, string>;
    signature?: string;
    errorContains?: string[];
  };
}

export const awsCases: AwsCase[] = JSON.parse(
  readFileSync(new URL('aws-shared-cases.json', folder), 'utf8'),
).cases;

/** A key file of the shared cases, as text (`keys/sep-test-rsa-key.pem`). */
export function vectorFile(path: string): string {
  return readFileSync(new URL(path, folder), 'utf8');
}
